"""A name in Cyrillic, Greek, Hangul or Ethiopic as people write it in Latin letters.

A roster that holds "Ольга Петрова", "Γιώργος Παπαδόπουλος", "김지민" or "አበበ በቂላ" meets
notes typed on a Latin keyboard: "Olga Petrova", "Giorgos Papadopoulos", "Kim Jimin",
"Jimin Kim", "Ji-min", "Abebe Bekila". Each word of such a name is given the Latin
spellings people actually type (``ways``): the standard romanization letter by letter and
its everyday variants (Cyrillic "х" as "kh" or "h", "я" as "ya" or "ia", "ь" dropped or
an apostrophe: "Olga", "Ol'ga"; Greek "χ" as "ch" or "h", "ου" as "ou" or "u"; a Korean
family name as it is usually spelt, "이" as "Lee", "Yi" or "Rhee", a given name syllable
by syllable, run together or hyphenated: "Jimin", "Ji-min"; ``romanized_hangul``). A
Hangul full name typed as one word ("김지민") is written in Latin letters as two ("Kim
Jimin"). ``name_forms`` makes every form of the name from them as from the roster's own
(``romanized_readings``).

A word is given at most ``transliterated.MOST`` spellings (a long word each variant
throughout, not every mix), and a name as many readings, so a long name does not make
terms by the product of its letters' variants.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from itertools import product

from reflect_cli.render.export.inflected import script
from reflect_cli.render.export.romanized_hangul import hangul_ways
from reflect_cli.render.export.roster_parts import Word
from reflect_cli.render.export.transliterated import each_way

#: Latin spellings that are everyday English words ("Song" of 송, "Sun" of 선, "Won" of
#: 원; "Jun" of 전, a month written short), besides ``everyday.COMMON_WORDS``: never a
#: name alone, only in a full name ("Song Jimin"), so the word is not replaced
#: everywhere undecided.
EVERYDAY_SPELLINGS = frozenset(
    (
        *("song", "son", "sun", "won", "chin", "shin", "sin", "ham", "woo", "huh", "yum"),
        *("bang", "ban", "pang", "gong", "boo", "bin", "pan", "gun", "sung", "man", "kin"),
        *("gin", "hang", "hung", "dong", "bong", "roman", "tan", "hun", "ko", "nan", "jun"),
    )
)

# -- Cyrillic -----------------------------------------------------------------------------

_CYRILLIC = {
    **dict(zip("абвгдзиклмнопрстуфыэ", "abvgdziklmnoprstufye", strict=True)),
    **{"ж": ("zh",), "х": ("kh", "h"), "ц": ("ts",), "ч": ("ch",), "ш": ("sh",)},
    **{"щ": ("shch",), "ю": ("yu", "iu"), "я": ("ya", "ia"), "й": ("y", "i"), "ъ": ("",)},
    **{"ё": ("e", "yo"), "і": ("i",), "ї": ("yi", "i"), "є": ("ye", "ie"), "ґ": ("g",)},
}
#: A word's "е" is "e" or "ye" at its start and after a vowel or a soft or hard sign.
_YE_AFTER = frozenset("аеёиоуыэюяіїєьъ")
#: Two letters written together: "Yulia", "Maria"; "Alexei", "Maxim".
_PAIRS = {"ия": ("iya", "ia", "iia"), "кс": ("ks", "x")}
#: A word's last "ий", "ый": "Dmitriy", "Dmitrii", "Dmitry".
_FINAL = {"ий": ("iy", "ii", "y"), "ый": ("y", "iy")}


def _cyrillic(word: str) -> list[tuple[str, ...]]:
    pieces: list[tuple[str, ...]] = []
    index = 0
    while index < len(word):
        char = word[index]
        if index == len(word) - 2 and word[index:] in _FINAL:
            pieces.append(_FINAL[word[index:]])
            break
        pair = word[index : index + 2]
        if pair in _PAIRS:
            pieces.append(_PAIRS[pair])
            index += 2
            continue
        if char == "е":
            after = index == 0 or word[index - 1] in _YE_AFTER
            pieces.append(("e", "ye") if after else ("e",))
        elif char == "ь":  # an apostrophe only inside the word: "Ol'ga", never "Igor'"
            pieces.append(("", "'") if 0 < index < len(word) - 1 else ("",))
        else:
            found = _CYRILLIC.get(char, char)
            pieces.append(found if isinstance(found, tuple) else (found,))
        index += 1
    return pieces


# -- Greek --------------------------------------------------------------------------------

_GREEK = dict(zip("αβδεζηικλμνοπρστω", "avdezhiklmnoprsto", strict=True))
_GREEK |= {"η": "i", "ς": "s"}
_GREEK_MORE = {"θ": ("th",), "ξ": ("x", "ks"), "υ": ("y", "i"), "φ": ("f", "ph")}
_GREEK_MORE |= {"χ": ("ch", "h", "kh"), "ψ": ("ps",)}
#: Two letters read as one sound; the second, at a word's start.
_GREEK_PAIRS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "ου": (("ou", "u"), ("ou", "u")),
    "αι": (("ai", "e"), ("ai", "e")),
    "ει": (("ei", "i"), ("ei", "i")),
    "οι": (("oi", "i"), ("oi", "i")),
    "υι": (("yi", "i"), ("yi", "i")),
    "αυ": (("av", "af"), ("av", "af")),
    "ευ": (("ev", "ef"), ("ev", "ef")),
    "μπ": (("mb", "b"), ("b",)),
    "ντ": (("nt", "d"), ("d",)),
    "γκ": (("g", "gk", "ng"), ("g",)),
    "γγ": (("ng",), ("ng",)),
    "τσ": (("ts",), ("ts",)),
    "τζ": (("tz",), ("tz",)),
}
#: "γ" before these sounds is "g" or "y" ("Giannis", "Yiannis").
_FRONT = frozenset("ιεηυ")


def _greek(word: str) -> list[tuple[str, ...]]:
    # Accents off; a diaeresis ("ϊ") parts a pair: its vowel is read alone.
    letters: list[tuple[str, bool]] = []
    for char in unicodedata.normalize("NFD", word):
        if unicodedata.combining(char):
            if char == "\u0308" and letters:
                letters[-1] = (letters[-1][0], True)
            continue
        letters.append((char, False))
    pieces: list[tuple[str, ...]] = []
    index = 0
    while index < len(letters):
        char = letters[index][0]
        pair = char + (letters[index + 1][0] if index + 1 < len(letters) else "")
        if pair in _GREEK_PAIRS and not letters[index + 1][1]:
            inside, first = _GREEK_PAIRS[pair]
            pieces.append(first if index == 0 else inside)
            index += 2
            continue
        if char == "γ":
            front = index + 1 < len(letters) and letters[index + 1][0] in _FRONT
            pieces.append(("g", "y") if front else ("g",))
        elif char in _GREEK_MORE:
            pieces.append(_GREEK_MORE[char])
        else:
            pieces.append((_GREEK.get(char, char),))
        index += 1
    return pieces


# -- Ethiopic -------------------------------------------------------------------------------

#: The consonant of each row of eight Ethiopic syllables from U+1200 ("" the vowel
#: carrier አ, ዐ); labialised rows as the consonant with "w".
_ROWS = (
    *(("h",), ("l",), ("h",), ("m",), ("s",), ("r",), ("s",), ("sh",), ("q", "k"), ("qw",)),
    *(("q", "k"), ("qw",), ("b",), ("v",), ("t",), ("ch",), ("h",), ("hw",), ("n",)),
    *(("ny",), ("",), ("k",), ("kw",), ("h",), ("hw",), ("w",), ("",), ("z",), ("zh",)),
    *(("y",), ("d",), ("d",), ("j",), ("g",), ("gw",), ("g",), ("t",), ("ch",), ("p",)),
    *(("ts", "s"), ("ts", "s"), ("f",), ("p",)),
)
#: The vowel of each order: the first "e" ("Gebre"), and "a" too after a laryngeal
#: ("Abebe"); the sixth none or "i" inside a word ("Tesfaye", "Tirunesh"), none at its
#: end ("Maryam").
_ORDERS = (("e",), ("u",), ("i",), ("a",), ("e",), ("", "i"), ("o",), ("wa",))
#: The row of "y": its sixth and fourth orders written "i", "ia" too.
_Y_ROW = 29
_Y = {5: ("y", "i"), 3: ("ya", "ia")}
#: The rows whose first order is "a" or "e" (the vowel carriers አ, ዐ and the h's ሀ ሐ ኀ).
_LARYNGEAL = frozenset({0, 2, 16, 20, 26})


def _ethiopic(word: str) -> list[tuple[str, ...]]:
    pieces: list[tuple[str, ...]] = []
    for index, char in enumerate(word):
        offset = ord(char) - 0x1200
        if not 0 <= offset < len(_ROWS) * 8:
            pieces.append((char,))
            continue
        order = _ORDERS[offset % 8]
        if offset % 8 == 0 and offset // 8 in _LARYNGEAL:
            order = ("a", "e")
        if offset % 8 == 5 and index == len(word) - 1:
            order = ("",)
        consonants = _ROWS[offset // 8]
        if offset // 8 == _Y_ROW:  # "ይ" as "i", "ያ" as "ia" too: "Haile", "Mariam"
            pieces.append(_Y.get(offset % 8) or tuple("y" + v for v in order))
            continue
        pieces.append(tuple(c + v for c, v in product(consonants, order) if c + v) or ("",))
    return pieces


# -- all of them ----------------------------------------------------------------------------


_LETTERS = {"cyrillic": _cyrillic, "greek": _greek, "ethiopic": _ethiopic}


@lru_cache(maxsize=4096)
def ways(word: str) -> tuple[tuple[str, ...], ...]:
    """The Latin spellings of one word of a roster name (as typed), each as the words it
    is written as ("Ольга": ("Olga",), ("Ol'ga",); "김지민": ("Kim", "Jimin"), …); none
    for a word in another script, or in Latin letters already. (Worked out once per
    word: every name's forms ask for its words' more than once.)"""
    return tuple(_ways(unicodedata.normalize("NFC", word.strip())))


def _ways(word: str) -> list[tuple[str, ...]]:
    written = script(word)
    if written == "hangul":
        return hangul_ways(word)
    if written not in _LETTERS:
        return []
    spelt = ["".join(way) for way in each_way(_LETTERS[written](word.lower()))]
    shout = word.isupper() and len(word) > 1  # "ОЛЬГА": "OLGA"
    # A capital as typed; in a script without capitals (Ethiopic) a name's capital.
    capital = not word[0].islower()
    cased = [w.upper() if shout else w.capitalize() if capital else w for w in spelt]
    return [(w,) for w in dict.fromkeys(cased) if w]


def spellings(word: str) -> list[str]:
    """The Latin spellings of a word that is one word in Latin letters too (a family
    name: "Petrova" of Петрова, "Kim" of 김)."""
    return [way[0] for way in ways(word) if len(way) == 1]


def romanized_readings(said: list[Word]) -> list[list[Word]]:
    """A way a name is said (``roster_parts.readings``) in Latin letters: each word in
    one of its spellings (a word in Latin letters as itself), at most ``MOST`` readings
    (each word's spellings in step beyond that); none for a name with no such word."""
    choices = [ways(word.typed) or ((word.typed,),) for word in said]
    if all(choice == ((word.typed,),) for choice, word in zip(choices, said, strict=True)):
        return []
    return [
        [
            Word(typed, word.other, word.abbreviated)
            for way, word in zip(reading, said, strict=True)
            for typed in way
        ]
        for reading in each_way(choices)
    ]
