"""The forms a known person's name can be written in: the terms --redact looks for.

From a name as the roster holds it: the whole name and its parts, parts run together
and run into an initial (as in addresses and handles), a family name that starts with a
particle, two-letter family names written with a capital, parts of a name in Han
ideographs, and the family name that may take another language's ending
(``family_name``, ``ENDINGS``), and the forms a part takes in scripts that attach grammar
to the name (``inflected_terms``: "지민에게", "لفاطمة", "Ольгой", "Γιώργου"). Every form is
made again from the name with its letters written the other way (``transliterated``:
"Mueller" of Müller, "Odegaard" of Ødegård, "Müller" of Mueller).
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from reflect_cli.folding import fold
from reflect_cli.render.export.everyday import COMMON_WORDS
from reflect_cli.render.export.inflected import family_titled, forms, given_names
from reflect_cli.render.export.romanized import EVERYDAY_SPELLINGS, romanized_readings
from reflect_cli.render.export.romanized import spellings as latin_spellings
from reflect_cli.render.export.roster_parts import Word, family, readings, split_words
from reflect_cli.render.export.roster_parts import parts as parts_of
from reflect_cli.render.export.run_together import pieces
from reflect_cli.render.export.transliterated import spellings as written_spellings
from reflect_cli.render.export.transliterated import written_otherwise
from reflect_cli.render.export.unspaced import inside_han, spaced, unspaced, with_honorifics

#: Endings English puts on a family name: "Beckwithian", "the Beckwithians", "the
#: Beckwithes" (four letters or more, as every ending: "Russian" of a Russ is replaced,
#: the safe way). After a name ending in a hiss ("Glass", "Branch", ``HISSING``) "es" is
#: the name's only capitalised: "glasses", "branches" are words, "the Joneses" a family.
ENGLISH_ENDINGS = ("ian", "ians", "es")
HISSING = ("s", "x", "z", "ch", "sh")
#: Endings a family name takes in other languages, folded: Czech, Slovak, Polish and
#: Russian ("Haugenová", "Haugenovou", "Haugenem", "Haugenowa"), Finnish cases
#: ("Haugenin", "Haugenille", "Haugenista"), Lithuanian ("Haugenienė", "Haugenaitė").
#: Two letters or more each: a single letter would make "China" of Chin and "change"
#: of Chang; and none that English words are made of after a name ("channel", "random",
#: "ravine": no "nel", "om", "ne").
ENDINGS = (
    *("ova", "ovou", "ove", "ovi", "ovy", "ovu", "owa", "owna", "ovej", "ovoj", "em"),
    *("in", "ille", "illa", "ilta", "issa", "ista", "iksi", "lle", "lla", "lta", "ssa"),
    *("sta", "ksi", "iene", "aite", "yte", "ute"),
    *ENGLISH_ENDINGS,
)
#: A family name takes an ending only from this many letters ("Haugen", not "Lee").
FAMILY_LETTERS = 4
#: A name part is found with a plural or possessive "s" typed without an apostrophe
#: ("Monicas plan") only from this many letters: "this" is not Thị's, "Yes" not Ye's,
#: "Has" not Ha's, "Los" not Lo's, "mins" not Min's.
ENDING_LETTERS = 4


def words(name: str) -> list[str]:
    """A name's (or organization's) folded words: split on every character that cannot
    be inside a name (``roster_parts``: spaces, hyphens, commas, brackets, quotes…)."""
    return [fold(word.typed) for word in split_words(name)]


def letters(word: str) -> int:
    return sum(1 for c in word if c.isalpha())


def name_terms(name: str) -> tuple[set[str], set[str]]:
    """The folded forms a name can be written in: (whole forms, single parts).

    Whole forms: the full name, without apostrophes, a family name that starts with a
    particle ("de la Cruz"), parts run together, and an initial run into another part
    ("mhaugen", "monicah"). Parts: every word of three letters or more, a two-letter
    first or last part written with a capital ("Wu", "Li", "Ng"), a name of two or more
    characters in a script without spaces, the pieces of a word around an apostrophe
    ("O'Neil": "neil"), and a part's forms in its script's grammar (``inflected_terms``).
    A Korean family and given name written as one ("김지민") is a whole form, not a part
    (``full_names``); its given name alone ("지민") is a part.
    Each way the name is said counts (``roster_parts.readings``: "Nakamura, Kenji" is
    "Kenji Nakamura"; "Diego (Dee) Alvarez" is "Diego Alvarez" and "Dee Alvarez" too)."""
    whole: set[str] = set()
    single: set[str] = set()
    for said in readings(name):
        _said_terms(said, whole, single)
    if not whole:
        return whole, single
    _written_otherwise(name, whole, single)
    single.update(inflected_terms(name))
    folded = {fold(typed) for typed in parts_of(name)}
    single.update(given for given in spellings(name) if given not in folded)  # "지민" of 김지민
    return {w for w in whole if letters(w) > 2 or unspaced(w)} - single, single


def _written_otherwise(name: str, whole: set[str], single: set[str]) -> None:
    """Add the forms of the name with its letters written the other way
    (``transliterated``: "mueller", "juergenmueller", "jmueller" of Jürgen Müller;
    "muller" of Jens Mueller), as the roster's own forms are made. Not an everyday word
    ("Haas" with its "aa" as one letter is "has"), nor a part of two letters ("Mae" as
    "Ma"): only the name as typed is those."""
    other_whole: set[str] = set()
    other_single: set[str] = set()
    for written in _written_readings(name):
        _said_terms(written, other_whole, other_single)
    single.update(s for s in other_single if letters(s) > 2 and s not in COMMON_WORDS)
    # In Latin letters (``romanized``) a spelling is the name as the roster's own part
    # is: one on the list of everyday words ("Park" of 박) is weighed as that list's are
    # (a name beside the given name or after "Ms.", a word in lower case, else asked);
    # another everyday word ("Song" of 송) only in the full name, never alone.
    latin_single: set[str] = set()
    for latin in _romanized_readings(name):  # "Kim Jimin" of 김지민: "Jimin Kim" too
        _said_terms(latin, other_whole, latin_single)
        other_whole.add(" ".join(fold(word.typed) for word in latin[::-1]))
    single.update(s for s in latin_single if letters(s) > 2 and s not in EVERYDAY_SPELLINGS)
    everyday = COMMON_WORDS | EVERYDAY_SPELLINGS
    whole.update(w for w in other_whole if w not in everyday)


def _written_readings(name: str) -> list[list[Word]]:
    """Each way the name is said (``readings``) with its letters written the other way."""
    return [written for said in readings(name) for written in written_otherwise(said)]


def _romanized_readings(name: str) -> list[list[Word]]:
    """Each way the name is said in Latin letters, when it is written in Cyrillic, Greek,
    Hangul or Ethiopic (``romanized``: "Olga Petrova" of Ольга Петрова)."""
    return [latin for said in readings(name) for latin in romanized_readings(said)]


#: The most parts of a name run together into one term ("juancarlosgarciamarquez").
RUN = 6


def _said_terms(said: list[Word], whole: set[str], single: set[str]) -> None:
    """``name_terms`` of one way a name is said, added to ``whole`` and ``single``."""
    typed = [word.typed for word in said]
    parts = [fold(w) for w in typed]
    if not parts:
        return
    whole.add(" ".join(parts))
    whole.add(" ".join(parts).replace("'", ""))
    for index in range(1, len(parts) - 1):
        if letters(parts[index]) <= 3 and parts[index].isalpha():  # de, la, van, von, da
            whole.add(" ".join(parts[index:]))
    # Parts run together, as people type them and as reflect makes handles:
    # "MonicaHaugen", "monicahaugen", "anamaria", "haugenmonica".
    # (At most ``RUN`` parts at a time: a name of a hundred words typed into a roster is
    # not run together whole, and would make terms by the square of its length.)
    runs = [
        "".join(parts[i:j])
        for i in range(len(parts))
        for j in range(i + 2, min(i + RUN, len(parts)) + 1)
    ]
    runs += [parts[-1] + parts[0]] if len(parts) > 1 else []
    # An initial run into another part, as in addresses: "mhaugen@", "monicah".
    # (Not with an everyday word, "s" + "park"; "park" + "s" is its plural.)
    for i, first in enumerate(parts):
        for j, other in enumerate(parts):
            if i == j or abs(i - j) >= RUN or not first[:1].isalpha():
                continue
            if letters(other) <= 2 or unspaced(other):
                continue
            if other not in COMMON_WORDS:
                runs += [first[0] + other] + ([other + first[0]] if first[0] != "s" else [])
    whole.update(run for joined in runs for run in (joined, joined.replace("'", "")))
    for part in parts:
        single.update(inside_han(part))
        whole.update(with_honorifics(part) | spaced(part))
    whole.update(fold(titled) for titled in family_titled(typed))  # "박 선생님"
    # A part with a capital inside ("DeShawn", "McDonald") is found read apart as well,
    # as a word run together with it is read ("DeShawnFund": ``run_together``).
    whole.update(" ".join(map(fold, pieces(w))) for w in typed if len(pieces(w)) > 1)
    for number, part in enumerate(parts):
        if given_names(typed[number]):  # "김지민": the whole name (``full_names``)
            whole.add(part)
            continue
        for piece in {part, part.replace("'", ""), *part.split("'")}:
            if letters(piece) > 2 or (unspaced(piece) and letters(piece) >= 2):
                single.add(piece)
        # "Wu", "Li", "Ng": a family name of two letters, first or last, capitalised
        # (a lower-case "de" or "la" is a particle; "Dr." and "J." are abbreviations).
        edge = number in (0, len(parts) - 1) and len(parts) > 1 and not said[number].abbreviated
        if edge and letters(part) == 2 and part.isalpha() and typed[number][:1].isupper():
            single.add(part)


def inflected_terms(name: str) -> dict[str, str]:
    """Each folded form a part of the name takes in its script's grammar, and the folded
    part it is a form of: the word a facilitator decides about ("지민에게": "지민";
    ``inflected``). A Hangul name's given name alone is a form of it ("지민" of 김지민)."""
    found: dict[str, str] = {}
    for typed in parts_of(name):
        part = fold(typed)
        for form in forms(typed):
            folded = fold(form)
            if folded and folded != part:
                found.setdefault(folded, part)
    return found


def full_names(name: str) -> set[str]:
    """The folded parts of a name that are a Korean family and given name written as
    one ("김지민", "남궁민수": ``inflected.given_names``): the person whole, with whatever
    honorific or particle follows ("김지민씨는", "김지민 선생님께"), never an everyday word
    to ask about nor one a decision keeps (the given name alone, "지민", may be)."""
    return {fold(typed) for typed in parts_of(name) if given_names(typed)}


def spellings(name: str) -> dict[str, str]:
    """Each folded part of the name, and a Hangul full name's given name alone (its
    part too: "지민" of 김지민, ``inflected.given_names``), as the roster spells it: the
    word the facilitator decides about."""
    found: dict[str, str] = {}
    for typed in parts_of(name):
        for word in (typed, *given_names(typed)):
            if fold(word):
                found.setdefault(fold(word), word)
    return found


#: An initial run into a part this long or longer is a name anywhere ("mhaugen"); into
#: a shorter part only in an address ("brand" of Bob Rand, "grand" of Gina Rand).
WHOLE_AFTER_INITIAL = 5


def in_addresses_only(name: str) -> set[str]:
    """The forms of ``name_terms``' whole forms that are a name only inside an e-mail
    address: a part with an initial after it ("monicah@": "china" of Ana Chin, "change"
    of Emily Chang are words) and an initial before a short part ("brand" of Bob Rand)."""
    found: set[str] = set()
    for said in [*readings(name), *_written_readings(name), *_romanized_readings(name)]:
        parts = [fold(word.typed) for word in said]
        for i, first in enumerate(parts):
            for j, other in enumerate(parts):
                if i != j and first[:1].isalpha():
                    found.add(other + first[0])
                    if letters(other) < WHOLE_AFTER_INITIAL:
                        found.add(first[0] + other)
    return found | {form.replace("'", "") for form in found}


def family_name(name: str) -> str:
    """The folded family name that may take another language's ending: the last part of
    a name of two or more words as it is said ("Nakamura" of "Nakamura, Kenji"), of four
    letters or more, not an everyday word ("" if none)."""
    last = fold(family(name))
    if letters(last) < FAMILY_LETTERS or not last.isalpha() or last in COMMON_WORDS:
        return ""
    return last


def family_names(name: str) -> set[str]:
    """``family_name`` and its spellings with the letters written the other way
    ("mueller" of Müller: "Muellerová" is hers as "Müllerová" is)."""
    last = family_name(name)
    if not last:
        return set()
    spelt = [*written_spellings(family(name)), *latin_spellings(family(name))]
    written = {fold(each) for each in spelt}
    everyday = COMMON_WORDS | EVERYDAY_SPELLINGS
    return {last} | {w for w in written if letters(w) >= FAMILY_LETTERS and w not in everyday}


class Form(NamedTuple):
    """One term a name is found by, and how: as ``Matcher.add`` takes it."""

    term: str
    family: bool
    address_only: bool
    part: bool
    lemma: str
    #: Never weighed as an everyday word, whatever was decided (``full_names``).
    never_word: bool = False


class Forms(NamedTuple):
    """Everything the matcher learns from one name: its terms (``Form``) and its folded
    parts as the roster spells them (``spellings``)."""

    terms: tuple[Form, ...]
    spellings: tuple[tuple[str, str], ...]


@lru_cache(maxsize=4096)
def name_forms(name: str) -> Forms:
    """The forms of ``name`` (``name_terms`` and what each is), worked out once per
    spelling of a name: a folder's people share names across organizations and years
    (the same name in two organizations is two people, with the same forms)."""
    whole, single = name_terms(name)
    families, addresses = family_names(name), in_addresses_only(name)
    # (A form written the other way is decided about as itself: "luck" of Lueck is
    # asked about as "luck", and deciding it never decides "lueck".)
    lemmas, full = inflected_terms(name), full_names(name)
    terms = tuple(
        Form(
            term,
            family=term in families,
            address_only=term in addresses and term not in single,
            part=term in single,
            lemma=lemmas.get(term, ""),
            never_word=term in full,
        )
        for term in sorted(whole | single)
    )
    return Forms(terms, tuple(spellings(name).items()))
