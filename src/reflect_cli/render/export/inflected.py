"""A name part as grammar writes it in scripts that attach grammar to the name.

Korean writes particles straight after a name ("지민이", "지민은", "지민에게", "지민씨")
and a given name without the family name (김지민 is "지민" among friends). Arabic and
Hebrew write one-letter prefixes onto the name ("وفاطمة", "لفاطمة", "بفاطمة"; "ומשה",
"לדוד"), and the article too ("הדוד"; "والزهراء", "للزهراء" of الزهراء). Russian and
Greek give a name case endings ("Ольги", "Ольгой" of Ольга, "Дмитрия" of Дмитрий;
"Γιώργο", "Γιώργου" of Γιώργος). Amharic writes prepositions onto the name and
conjunctions and the object's ending after it ("የተስፋዬ", "ለአበበ", "አበበን", "ከተስፋዬም"). A
Korean name's particles are the matcher's endings for a name in Hangul (``PARTICLES``:
one list for every name); the other forms are whole words, found as a name's own parts
are (``name_forms.name_terms``). Either way every export format and ``check-names``
find them. A name part in Latin script has none of these: its endings are
``name_forms.ENDINGS``'.

A form is made only of a part long enough that the form is the name, not a word: three
letters or more left when an ending is taken off (a stem: "Ольг" of Ольга; "Ира" has
none), three letters or more for a prefix (לדוד, not of דן), two Hangul syllables or more.
"""

from __future__ import annotations

import re
import unicodedata

from reflect_cli.folding import fold

#: A stem, or a part taking a prefix, is this many letters or more.
STEM_LETTERS = 3

# -- which script -------------------------------------------------------------------------

_SCRIPTS = (
    ("hangul", 0xAC00, 0xD7A3),
    ("arabic", 0x0600, 0x06FF),
    ("hebrew", 0x05D0, 0x05EA),
    ("cyrillic", 0x0400, 0x04FF),
    ("greek", 0x0370, 0x03FF),
    ("greek", 0x1F00, 0x1FFF),
    ("ethiopic", 0x1200, 0x139F),
    ("ethiopic", 0x2D80, 0x2DDF),
    ("ethiopic", 0xAB00, 0xAB2F),
)


def script(part: str) -> str:
    """The script a name part is written in, of those whose grammar is attached to the
    name ("hangul", "arabic", "hebrew", "cyrillic", "greek", "ethiopic"), else ""; decided by its
    letters, every one in the same script."""
    if part.isascii():  # most names: no such script (checked in C, before every letter)
        return ""
    found = {_script_of(c) for c in unicodedata.normalize("NFC", part) if c.isalpha()}
    return found.pop() if len(found) == 1 else ""


def _script_of(char: str) -> str:
    code = ord(char)
    return next((name for name, low, high in _SCRIPTS if low <= code <= high), "")


def _letters(text: str) -> int:
    return sum(1 for c in text if c.isalpha())


# -- Korean -------------------------------------------------------------------------------

#: Particles after any name; after a final consonant; after a vowel (the grammar picks by
#: the name's last syllable, but both are listed where either is typed).
_PARTICLES = (
    *("의", "에게", "에게서", "한테", "한테서", "께", "께서", "도", "만", "하고", "보다"),
    *("처럼", "까지", "부터", "에", "에서", "만큼", "밖에"),
)
_AFTER_CONSONANT = ("이", "은", "을", "과", "아", "으로", "이랑", "이나", "이라고", "이야", "이고")
_AFTER_VOWEL = ("가", "는", "를", "와", "야", "로", "랑", "나", "라고", "고")
#: A particle after a particle: "지민에게는", "지민께서도".
_THEN = ("는", "도")
_CHAINED = ("에게", "한테", "께서", "에서")
#: Family names of two syllables: the given name is what follows ("남궁민수": "민수").
FAMILY_OF_TWO = frozenset({"남궁", "황보", "제갈", "선우", "독고", "사공", "서문", "동방"})


def _sequences() -> tuple[str, ...]:
    """Every particle sequence written after a name, folded as text is: the name alone
    is "지민"; after it "이" (as friends say it), "씨" or "님", then a particle."""
    particles = [*_PARTICLES, *_AFTER_CONSONANT, *_AFTER_VOWEL]
    particles += [first + then for first in _CHAINED for then in _THEN]
    bases = ("", "이", "씨", "님")
    return tuple(sorted({fold(base + p) for base in bases for p in ["", *particles]} - {""}))


#: What a Korean name may have written straight after it ("이", "에게", "씨는"), folded:
#: the matcher's endings for a name in Hangul (``takes_particles``).
PARTICLES = _sequences()
#: Hangul folds to its letters (jamo): a syllable begins with one of these.
_LEADING = re.compile("[\u1100-\u1112]")


def takes_particles(term: str) -> bool:
    """Whether a folded term is a Hangul name of two syllables or more, which particles
    follow without a space ("지민이", "지민에게")."""
    return (
        script(unicodedata.normalize("NFC", term)) == "hangul" and len(_LEADING.findall(term)) >= 2
    )


def given_names(part: str) -> set[str]:
    """A Hangul full name's given name, written alone among those who know the person:
    after a family name of one syllable, or of two ("김지민": "지민"; "남궁민수": "민수");
    two syllables or more."""
    part = unicodedata.normalize("NFC", part.strip())
    if script(part) != "hangul" or len(part) < 3:
        return set()
    return {part[2:] if part[:2] in FAMILY_OF_TWO and len(part) >= 4 else part[1:]}


#: Titles written after a Korean family name alone, with a space or without ("박
#: 선생님", "김씨", "이 사장님"): the person, as friends and colleagues name them.
_KOREAN_TITLES = (
    *("선생님", "선생", "씨", "님", "사장님", "대표님", "부장님", "과장님", "팀장님"),
    *("교장님", "교감님", "원장님", "목사님"),
)


def family_titled(parts: list[str]) -> set[str]:
    """A Korean name's family name with each title after it ("박현우", "박 현우": "박
    선생님", "박선생님", "박씨"): from a full name written as one word (its first syllable,
    or two for a family name of two), or from a first part of one or two syllables
    before a given name in Hangul."""
    hangul = [unicodedata.normalize("NFC", p.strip()) for p in parts if script(p) == "hangul"]
    if not hangul:
        return set()
    first = hangul[0]
    if len(hangul) >= 2 and len(first) <= 2:
        family = first
    elif given_names(first):
        family = first[:2] if first[:2] in FAMILY_OF_TWO and len(first) >= 4 else first[0]
    else:
        return set()
    return {family + space + title for title in _KOREAN_TITLES for space in ("", " ")}


# -- Arabic and Hebrew ----------------------------------------------------------------------

#: "and", "so" before "with", "for", "like": "وفاطمة", "لفاطمة", "فبفاطمة".
_ARABIC_PREFIXES = ("و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك")
_ARTICLE = "ال"
#: "and", "that", "when" before "in", "like", "to", "from", "the": "ומשה", "לדוד", "שבדוד".
_HEBREW_PREFIXES = (
    *("ו", "ה", "ב", "כ", "ל", "מ", "ש", "וה", "וב", "וכ", "ול", "ומ", "וש"),
    *("שה", "שב", "של", "שמ", "שכ", "כש", "וכש"),
)


def _arabic(part: str) -> set[str]:
    """An Arabic name's forms: each prefix written onto it ("وفاطمة", "بفاطمة"); a name
    with the article keeps it after a prefix ("والزهراء") but "ل" takes its alif
    ("للزهراء"); a final ة typed as ه and ى as ي, as people type them ("فاطمه")."""
    spellings = {part}
    if part.endswith("ة"):
        spellings.add(part[:-1] + "ه")
    if part.endswith("ى"):
        spellings.add(part[:-1] + "ي")
    forms = set(spellings)
    for spelling in spellings:
        article = spelling.startswith(_ARTICLE) and _letters(spelling) > len(_ARTICLE) + 1
        # (Before the article "ل" takes its alif: "للزهراء", never "لالزهراء".)
        prefixes = [p for p in _ARABIC_PREFIXES if not (article and p.endswith("ل"))]
        forms.update(prefix + spelling for prefix in prefixes)
        if article:
            forms.update(first + "لل" + spelling[2:] for first in ("", "و", "ف"))
    return forms - {part}


def _hebrew(part: str) -> set[str]:
    """A Hebrew name's forms: its prefixes written onto it ("ומשה", "לדוד", "הדוד")."""
    return {prefix + part for prefix in _HEBREW_PREFIXES}


# -- Amharic ---------------------------------------------------------------------------------

#: Written onto a name: "of", "to", "by", "from", "like", "about", "towards" ("የተስፋዬ").
_AMHARIC_PREFIXES = ("የ", "ለ", "በ", "ከ", "እንደ", "ስለ", "ወደ")
#: Written after it: the object's ending, "also", "and", "as for" ("አበበን", "አበበም").
_AMHARIC_SUFFIXES = ("ን", "ም", "ና", "ስ", "ንም")


def _amharic(part: str) -> set[str]:
    """An Amharic name's forms: each prefix, each ending, and both ("ከተስፋዬም")."""
    before = ("", *_AMHARIC_PREFIXES)
    after = ("", *_AMHARIC_SUFFIXES)
    return {first + part + last for first in before for last in after} - {part}


# -- Russian and Greek --------------------------------------------------------------------

#: What a Russian name ends with, and the case endings that take its place; the longest
#: that fits is used. Surnames in -ов, -ин ("Иванова", "Ивановым") and -ский, -ская too.
_RUSSIAN = (
    ("ский", ("ского", "скому", "ским", "ском")),
    ("цкий", ("цкого", "цкому", "цким", "цком")),
    ("ская", ("ской", "скую")),
    ("цкая", ("цкой", "цкую")),
    ("ия", ("ии", "ию", "ией", "иею")),  # Мария: Марии, Марию, Марией
    ("ья", ("ьи", "ье", "ью", "ьей")),  # Илья, Наталья
    ("ий", ("ия", "ию", "ием", "ии")),  # Дмитрий: Дмитрия, Дмитрию, Дмитрием
    ("ей", ("ея", "ею", "еем", "ее")),  # Сергей, Андрей
    ("ай", ("ая", "аю", "аем", "ае")),  # Николай
    ("ой", ("ого", "ому", "ым", "ом")),  # Толстой
    ("ый", ("ого", "ому", "ым", "ом")),
    ("а", ("ы", "и", "е", "у", "ой", "ою")),  # Ольга: Ольги, Ольге, Ольгу, Ольгой
    ("я", ("и", "е", "ю", "ей", "ею")),  # Таня
    ("ь", ("я", "ю", "ем", "е", "и")),  # Игорь, Любовь
    ("", ("а", "у", "ом", "е", "ым", "ы", "ых")),  # Иван, Иванов: Ивана, Иванову, Ивановым
)
#: The same for Greek: -ος, -ας, -ης, -α, -η ("Γιώργος": "Γιώργο", "Γιώργου", "Γιώργε").
_GREEK = (
    ("ος", ("ου", "ο", "ε", "οι")),
    ("ας", ("α",)),
    ("ης", ("η",)),
    ("α", ("ας",)),
    ("η", ("ης",)),
)


def _plain(text: str) -> str:
    """Lower case, without accents, the final sigma as any sigma: to read an ending."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("ς", "σ")


def _cased(part: str, table: tuple[tuple[str, tuple[str, ...]], ...]) -> set[str]:
    """The forms of a part by the first row of ``table`` whose ending it has: its stem
    (three letters or more) with each of that row's endings."""
    plain = _plain(part)
    for ending, replacements in table:
        if plain.endswith(_plain(ending)) and len(plain) > len(ending):
            stem = part[: len(part) - len(ending)]
            if _letters(stem) < STEM_LETTERS:
                return set()
            capitals = part.isupper() and len(part) > 1
            return {stem + (e.upper() if capitals else e) for e in replacements}
    return set()


# -- all of them ----------------------------------------------------------------------------


def forms(part: str) -> set[str]:
    """The forms one name part (as typed) takes in its script's grammar, itself not
    among them; none in a script without such forms, or for a part too short."""
    part = unicodedata.normalize("NFC", part.strip())
    written = script(part)
    if _letters(part) < STEM_LETTERS:
        return set()
    if written == "arabic":
        return _arabic(part)
    if written == "hebrew":
        return _hebrew(part)
    if written == "cyrillic":
        return _cased(part, _RUSSIAN)
    if written == "greek":
        return _cased(part, _GREEK)
    if written == "ethiopic":
        return _amharic(part)
    return set()
