"""A name in Cyrillic, Greek, Hangul or Ethiopic as people write it in Latin letters.

A roster that holds "Ольга Петрова", "Γιώργος Παπαδόπουλος", "김지민" or "አበበ በቂላ" meets
notes typed on a Latin keyboard: "Olga Petrova", "Giorgos Papadopoulos", "Kim Jimin",
"Jimin Kim", "Ji-min", "Abebe Bekila". Each word of such a name is given the Latin
spellings people actually type (``ways``): the standard romanization letter by letter and
its everyday variants (Cyrillic "х" as "kh" or "h", "я" as "ya" or "ia", "ь" dropped or
an apostrophe: "Olga", "Ol'ga"; Greek "χ" as "ch" or "h", "ου" as "ou" or "u"; a Korean
family name as it is usually spelt, "이" as "Lee", "Yi" or "Rhee", a given name syllable
by syllable, run together or hyphenated: "Jimin", "Ji-min"). A Hangul full name typed as
one word ("김지민") is written in Latin letters as two ("Kim Jimin"). ``name_forms`` makes
every form of the name from them as from the roster's own (``romanized_readings``).

A word is given at most ``transliterated.MOST`` spellings (a long word each variant
throughout, not every mix), and a name as many readings, so a long name does not make
terms by the product of its letters' variants.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from itertools import product
from typing import TypeVar

from reflect_cli.render.export.inflected import FAMILY_OF_TWO, given_names, script
from reflect_cli.render.export.roster_parts import Word
from reflect_cli.render.export.transliterated import MOST

#: Latin spellings that are everyday English words ("Song" of 송, "Sun" of 선, "Won" of
#: 원), besides ``everyday.COMMON_WORDS``: as those, never a name alone, only in a full
#: name ("Song Jimin"), so the word is not replaced everywhere undecided.
EVERYDAY_SPELLINGS = frozenset(
    (
        *("song", "son", "sun", "won", "chin", "shin", "sin", "ham", "woo", "huh", "yum"),
        *("bang", "ban", "pang", "gong", "boo", "bin", "pan", "gun", "sung", "man", "kin"),
        *("gin", "hang", "hung", "dong", "bong", "roman", "tan", "hun", "ko", "nan"),
    )
)

#: One way of writing a piece: a string, or a word's words.
_Way = TypeVar("_Way")

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


# -- Hangul -------------------------------------------------------------------------------

#: A syllable's first consonant, vowel and last consonant (Revised Romanization, with
#: the everyday variants: "ㄱ" as "k" too, "ㅓ" as "u", "ㅜ" as "oo": "Kyung", "Hyun").
_INITIAL: tuple[tuple[str, ...], ...] = (
    *(("g", "k"), ("kk",), ("n",), ("d",), ("tt",), ("r",), ("m",), ("b",), ("pp",)),
    *(("s",), ("ss",), ("",), ("j",), ("jj",), ("ch",), ("k",), ("t",), ("p",), ("h",)),
)
_VOWEL: tuple[tuple[str, ...], ...] = (
    *(("a",), ("ae",), ("ya",), ("yae",), ("eo", "u"), ("e",), ("yeo", "yu"), ("ye",)),
    *(("o",), ("wa",), ("wae",), ("oe", "oi"), ("yo",), ("u", "oo"), ("wo",), ("we",)),
    *(("wi",), ("yu", "yoo"), ("eu", "u"), ("ui",), ("i",)),
)
_LAST: tuple[str, ...] = (
    *("", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l"),
    *("p", "l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"),
)
#: Family names as they are usually spelt (Revised Romanization first).
_FAMILY = {
    **{"김": ("Kim", "Gim"), "이": ("Lee", "Yi", "Rhee", "I", "Ri"), "박": ("Park", "Pak", "Bak")},
    **{"최": ("Choi", "Choe"), "정": ("Jung", "Jeong", "Chung"), "강": ("Kang", "Gang")},
    **{"조": ("Cho", "Jo"), "윤": ("Yoon", "Yun"), "장": ("Jang", "Chang"), "임": ("Lim", "Im")},
    **{"한": ("Han",), "오": ("Oh", "O"), "서": ("Seo", "Suh"), "신": ("Shin", "Sin")},
    **{"권": ("Kwon", "Gwon"), "황": ("Hwang",), "안": ("Ahn", "An"), "송": ("Song",)},
    **{"류": ("Ryu", "Yoo", "Yu"), "유": ("Yoo", "Yu"), "전": ("Jeon", "Jun", "Chun")},
    **{"홍": ("Hong",), "고": ("Ko", "Go"), "문": ("Moon", "Mun"), "양": ("Yang",)},
    **{"손": ("Son", "Sohn"), "배": ("Bae", "Pae"), "백": ("Baek", "Paik", "Baik")},
    **{"허": ("Heo", "Hur", "Huh"), "남": ("Nam",), "심": ("Shim", "Sim"), "노": ("Noh", "Roh")},
    **{"곽": ("Kwak", "Gwak"), "성": ("Sung", "Seong"), "주": ("Joo", "Ju", "Chu")},
    **{"우": ("Woo", "U"), "구": ("Koo", "Gu", "Ku"), "나": ("Na", "Ra"), "진": ("Jin", "Chin")},
    **{"엄": ("Eom", "Um"), "천": ("Cheon", "Chun"), "방": ("Bang",), "공": ("Kong", "Gong")},
    **{"현": ("Hyun", "Hyeon"), "변": ("Byun", "Byeon"), "염": ("Yeom", "Yum")},
    **{"여": ("Yeo", "Yoh"), "추": ("Choo", "Chu"), "석": ("Seok", "Suk"), "선": ("Sun", "Seon")},
    **{"설": ("Seol", "Sul"), "길": ("Gil", "Kil"), "연": ("Yeon", "Yun"), "명": ("Myung",)},
    **{"기": ("Ki", "Gi"), "육": ("Yuk", "Yook"), "국": ("Kook", "Guk"), "편": ("Pyun",)},
    **{"경": ("Kyung", "Gyeong"), "남궁": ("Namgung", "Namkung"), "황보": ("Hwangbo",)},
    **{"제갈": ("Jegal",), "선우": ("Sunwoo", "Seonu"), "독고": ("Dokgo", "Dokko")},
    **{"사공": ("Sagong",), "서문": ("Seomun",), "동방": ("Dongbang",)},
}


def _syllable(char: str) -> tuple[str, ...]:
    code = ord(char) - 0xAC00
    if not 0 <= code < 11172:
        return (char,)
    first, vowel, last = _INITIAL[code // 588], _VOWEL[code % 588 // 28], _LAST[code % 28]
    if not first[0] and vowel[0] in ("u", "i"):  # "우" is "Woo", "이" is "Yi" in a name
        vowel = ("u", "woo") if vowel[0] == "u" else ("i", "yi")
    return tuple(f + v + last for f, v in product(first, vowel))


def _hangul_given(word: str) -> list[str]:
    """A given name syllable by syllable: run together and hyphenated ("Jimin", "Ji-min";
    typed "Ji min" too, which the matcher reads as the hyphenated one)."""
    found: list[str] = []
    for way in _capped([_syllable(c) for c in word]):
        found += dict.fromkeys(("".join(way).capitalize(), "-".join(way).capitalize()))
    return found[:MOST]


def _hangul(word: str) -> list[tuple[str, ...]]:
    """A Hangul word's ways: a full name as two words ("김지민": "Kim Jimin"), a family
    name of one or two syllables as it is usually spelt, a given name."""
    given = given_names(word)
    if given:
        (name,) = given
        families = _hangul_family(word[: len(word) - len(name)])
        names = _hangul_given(name)
        return [(f, g) for f, g in _capped([tuple(families), tuple(names)])]
    if len(word) == 1 or word in FAMILY_OF_TWO:
        return [(f,) for f in _hangul_family(word)]
    return [(g,) for g in _hangul_given(word)]


def _hangul_family(word: str) -> list[str]:
    if word in _FAMILY:
        return list(_FAMILY[word])
    return [s.capitalize() for s in ("".join(w) for w in _capped([_syllable(c) for c in word]))]


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
#: The vowel of each order: the first "e" or "a" ("Abebe"); the sixth none, or "i" or
#: "e" inside a word ("Tirunesh", "Gebre"), none at its end ("Tesfaye", "Maryam").
_ORDERS = (("e", "a"), ("u",), ("i",), ("a",), ("e",), ("", "i", "e"), ("o",), ("wa",))


def _ethiopic(word: str) -> list[tuple[str, ...]]:
    pieces: list[tuple[str, ...]] = []
    for index, char in enumerate(word):
        offset = ord(char) - 0x1200
        if not 0 <= offset < len(_ROWS) * 8:
            pieces.append((char,))
            continue
        order = _ORDERS[offset % 8]
        if offset % 8 == 5 and index == len(word) - 1:
            order = ("",)
        consonants = _ROWS[offset // 8]
        pieces.append(tuple(c + v for c, v in product(consonants, order) if c + v) or ("",))
    return pieces


# -- all of them ----------------------------------------------------------------------------


def _capped(pieces: list[tuple[_Way, ...]]) -> list[tuple[_Way, ...]]:
    """Every way of writing the pieces, one way of each; more than ``MOST``: each way
    throughout only (the first of every piece, the second of each that has one…)."""
    count = 1
    for ways in pieces:
        count *= len(ways)
    if count <= MOST:
        return list(product(*pieces))
    most = max(len(ways) for ways in pieces)
    return [tuple(ways[min(choice, len(ways) - 1)] for ways in pieces) for choice in range(most)]


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
        return _hangul(word)
    if written not in _LETTERS:
        return []
    spelt = ["".join(way) for way in _capped(_LETTERS[written](word.lower()))]
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
        for reading in _capped(choices)
    ]
