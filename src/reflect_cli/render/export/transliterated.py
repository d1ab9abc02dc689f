"""A name's words as people write them when the letters are written the other way.

German and Scandinavian letters are typed as two where the keyboard has none: "Müller"
as "Mueller", "Ødegård" as "Odegaard" or "Oedegaard", "Åström" as "Aastroem"; and a
roster that writes them out ("Mueller", "Aastroem") meets text with the letter itself
("Müller", which folds to "muller"). Folding takes the marks away ("ü" is "u", "ø" is
"o", "ß" is "ss", "æ" is "ae") but cannot know that "ue" is "ü": each word of a name is
given its other spellings here (``spellings``), and ``name_forms`` makes every form of
the name from them as from the roster's own.
"""

from __future__ import annotations

import unicodedata
from itertools import islice, product
from typing import TypeVar

from reflect_cli.render.export.roster_parts import Word

#: Letters people write out as two when they cannot type them (folding gives the plain
#: letter already: "ü" is "u"). "æ" folds to "ae" and "ß" to "ss", as they are written.
#: Hungarian's long "ő" and "ű" are written out as "ö" and "ü" are ("Erdős": "Erdoes").
WRITTEN_OUT = {
    "ü": ("ue",),
    "ö": ("oe",),
    "ä": ("ae",),
    "å": ("aa",),
    "ø": ("oe",),
    "ő": ("oe",),
    "ű": ("ue",),
}
#: Two letters that may stand for one of those: "Mueller" is "Müller", "Aastroem" is
#: "Åström" (folded, the plain letter). Not after a "q" ("Queen", "Jacques": a "u"
#: that is always written).
WRITTEN_FOR = {"ue": "u", "oe": "o", "ae": "a", "aa": "a"}
#: The most spellings a word is given: a word of many such letters has every one
#: written one way or the other, not every mix of the two ways.
MOST = 16


def _choices(word: str) -> list[tuple[str, ...]]:
    """The word in pieces, each with the ways it may be written (as typed first): a
    letter written out, two letters for one, or just itself. Case is kept ("Ü": "Ue")."""
    pieces: list[tuple[str, ...]] = []
    index = 0
    while index < len(word):
        pair = word[index : index + 2]
        char = word[index]
        after_q = index > 0 and word[index - 1] in "qQ"
        if pair.lower() in WRITTEN_FOR and not after_q:
            one = WRITTEN_FOR[pair.lower()]
            pieces.append((pair, one.upper() if pair[0].isupper() else one))
            index += 2
            continue
        out = WRITTEN_OUT.get(char.lower(), ())
        shout = word.isupper()  # "MÜLLER": "MUELLER"; "Müller": "Mueller"
        cased = (o.upper() if shout else o.capitalize() if char.isupper() else o for o in out)
        pieces.append((char, *cased))
        index += 1
    return pieces


def spellings(word: str) -> list[str]:
    """The other ways ``word`` (as typed) may be written, not itself: "Müller":
    ["Mueller"]; "Ødegård": ["Ødegaard", "Oedegård", "Oedegaard"]; "Mueller": ["Muller"];
    "Jacques": []. With more than ``MOST``, each way throughout (every letter written
    out, every pair as one letter) only."""
    ways = [("".join(each),) for each in each_way(_choices(unicodedata.normalize("NFC", word)))]
    return [spelt for (spelt,) in ways[1:]] + _mis_decoded(word)


#: Bytes Windows-1252 has no character for: UTF-8 shown as Windows-1252 loses them.
_LOST = frozenset(b"\x81\x8d\x8f\x90\x9d")


def _mis_decoded(word: str) -> list[str]:
    """``word`` as UTF-8 shown as Windows-1252 when that loses a byte ("Łukasz" is
    "Åukasz", "Kovač" "KovaÄ"): with nothing else mis-decoded beside it, the text
    cannot be read back (``encoded``), so the name is known in that form too."""
    raw = unicodedata.normalize("NFC", word).encode("utf-8")
    if _LOST.isdisjoint(raw):
        return []
    return [raw.decode("cp1252", errors="ignore")]


#: One way of writing a piece: a string, or a word's words (``romanized``).
_Way = TypeVar("_Way")


def each_way(pieces: list[tuple[_Way, ...]]) -> list[tuple[_Way, ...]]:
    """Every way of writing the pieces, one way of each, as typed first; more than
    ``MOST``: each way throughout only (the second of each piece that has one, the third)."""
    count = 1
    for ways in pieces:
        count *= len(ways)
    if count <= MOST:
        return list(product(*pieces))
    most = max(len(ways) for ways in pieces)
    return [tuple(ways[min(choice, len(ways) - 1)] for ways in pieces) for choice in range(most)]


def written_otherwise(said: list[Word]) -> list[list[Word]]:
    """A way a name is said (``roster_parts.readings``) with its words written the other
    way: one word or several ("Jurgen Mueller", "Juergen Mueller" of "Jürgen Müller"),
    not as typed. (A name of many such words: each word's ways in step, ``each_way``.)"""
    choices = [(word.typed, *spellings(word.typed)) for word in said]
    if all(len(ways) == 1 for ways in choices):
        return []
    return [
        [Word(typed, word.other, word.abbreviated) for typed, word in zip(way, said, strict=True)]
        for way in islice(each_way(choices), 1, None)
    ]
