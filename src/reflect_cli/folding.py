"""Text folded the way people compare it: the one function behind search and --redact.

Unicode compatibility forms, case and accents fold away, and so do letters that have no
decomposition but that people type without their marks ("Yılmaz" is "yilmaz", "Łódź" is
"lodz", "Straße" is "strasse", "Æsir" is "aesir"), so what was written and what was typed
meet. Letters a reader takes for a Latin letter fold to it (``look_alikes``: Unicode's
confusables data, Latin small capitals: "Мonica" with a Cyrillic М, "ᴍᴏɴɪᴄᴀ", Cherokee
"Ꮇonica", Armenian "Mօnica" are "monica"). Apostrophe and dash variants fold to "'"
and "-". Invisible characters (format
and control characters, and all of Unicode's default-ignorable code points: a soft
hyphen, a zero-width space, a Hangul filler, a variation selector) fold to nothing, so
"Mon\\u00adica" and "Mon\\u115fica" are "monica"; connector
punctuation ("_") folds to a space, a word boundary, so "monica_haugen" is "monica
haugen". ``fold_mapped`` also says where each folded character came from, to mark or
replace matches in the original text.
"""

from __future__ import annotations

import re
import unicodedata

from reflect_cli.look_alikes import LOOK_ALIKES

_APOSTROPHES = "'’‘ʼʹʻ`´′"
_DASHES = "‐‑‒–—―−"
# Letters that have no decomposition but that people type without their marks.
_LETTERS = str.maketrans(
    {"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ħ": "h"}
)
#: Letters that look like Latin ones, so a name typed with one ("Мonica" with a Cyrillic
#: М, "Hαugen" with a Greek α, "ᴍᴏɴɪᴄᴀ" in small capitals, Cherokee "Ꮇonica") is the
#: name: the generated table (``look_alikes``, from Unicode's confusables data), and the
#: Cyrillic and Greek letters chosen before it, which win where the two differ. Mapped
#: before the case folds: an upper-case letter and its lower case may look like
#: different Latin letters (Greek Ν is "n", ν is "v"). Text in those scripts folds
#: consistently too, so search still finds what was typed in them.
_CONFUSABLES = str.maketrans(
    LOOK_ALIKES
    | dict(zip("АВЕЅІЈКМНОРСТХУаеѕіјорсхуԁһӏԛԝүӀ", "abesijkmhopctxyaesijopcxydhlqwyl", strict=True))
    | dict(zip("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧαικνορτυχϲ", "abezhikmnoptyxaikvoptuxc", strict=True))
)
#: Letters drawn inside a shape that Unicode gives no decomposition (negative circled
#: "🅜", negative squared "🅼", regional indicators "🇲") or gives with parentheses
#: around ("⒨" is "(m)", "🄜" is "(M)"): each is its letter, as "Ⓜ" and "🄼" are.
_ENCLOSED = {
    chr(first + place): letter
    for first in (0x1F150, 0x1F170, 0x1F1E6, 0x249C, 0x1F110)
    for place, letter in enumerate("abcdefghijklmnopqrstuvwxyz")
}
_FOLDED: dict[str, str] = {}
#: Unicode's Default_Ignorable_Code_Point set (DerivedCoreProperties.txt, Unicode 15.1),
#: which Python's unicodedata does not give: characters that show nothing, whatever
#: their category. Besides the format characters (soft hyphen, zero-width space, bidi
#: controls) it holds letters that are blank (Hangul fillers U+115F, U+1160, U+3164,
#: U+FFA0; Khmer vowels U+17B4, U+17B5), the Mongolian vowel separator, variation
#: selectors, the combining grapheme joiner and unassigned code points kept for more:
#: typed inside a name ("Mon\u115fica") they must not hide it.
DEFAULT_IGNORABLE = (
    (0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160),
    (0x17B4, 0x17B5), (0x180B, 0x180F), (0x200B, 0x200F), (0x202A, 0x202E),
    (0x2060, 0x206F), (0x3164, 0x3164), (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
)  # fmt: skip
_IGNORABLE_MARKS = frozenset(
    chr(code) for first, last in DEFAULT_IGNORABLE for code in range(first, last + 1)
)


def _look_alike(text: str) -> str:
    # A letter and its upper case must fold alike (a name typed in capitals is the name,
    # and the micro sign's upper case is Greek Μ): a letter whose capital looks Latin
    # folds as that capital does.
    # (Case folding makes Cherokee capitals: a capital folds as its lower case does too.)
    for each in (text.upper(), text, text.lower()):
        if len(each) == len(text) and each.translate(_CONFUSABLES) != each:
            return each.translate(_CONFUSABLES)
    return text


def fold_char(char: str) -> str:
    """One character folded: none, one or several characters."""
    folded = _FOLDED.get(char)
    if folded is None:
        category = unicodedata.category(char)
        if (category in ("Cf", "Cc") and not char.isspace()) or char in _IGNORABLE_MARKS:
            folded = ""  # invisible: a soft hyphen, a Hangul filler, a variation selector
        elif category == "Pc":
            folded = " "  # "_" and its kin join words: a boundary between them
        elif char in _APOSTROPHES:
            folded = "'"
        elif char in _DASHES:
            folded = "-"
        elif char in _ENCLOSED:
            folded = _ENCLOSED[char]
        else:
            # Looked at again once the case is folded: a capital whose lower case looks
            # Latin (Greek Σ, σ is "o") folds as its lower case does.
            lower = _look_alike(unicodedata.normalize("NFKD", char)).casefold()
            decomposed = unicodedata.normalize("NFKD", _look_alike(lower))
            folded = "".join(c for c in decomposed if not unicodedata.combining(c))
            folded = folded.translate(_LETTERS)
        _FOLDED[char] = folded
        if len(folded) != 1:
            _UNEVEN.add(char)
    return folded


#: Characters met so far that fold to none or several: a text without any of them folds
#: one character to one, and needs no map back (``fold_mapped``).
_UNEVEN: set[str] = set()


#: ASCII that does not fold one to one: "_" (a boundary) and invisible control characters.
_ASCII_SPECIAL = re.compile(r"[_\x00-\x08\x0e-\x1b\x7f]")


def _plain_ascii(text: str) -> bool:
    """ASCII that folds one character to one by lowering its case: the fast path."""
    return text.isascii() and not _ASCII_SPECIAL.search(text)


class _Folded(dict[int, str]):
    """Each character's fold, worked out the first time it is met, for ``str.translate``."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = fold_char(chr(code))
        return folded


_TABLE = _Folded()


def _latin1_tables() -> tuple[bytes, bytes]:
    """Each Latin-1 character's fold as a byte (itself where it does not fold to one
    Latin-1 character), and the characters that do fold to one: the fast path's."""
    table, even = bytearray(range(256)), bytearray()
    for code in range(256):
        folded = fold_char(chr(code))
        if len(folded) == 1 and ord(folded) < 256:
            table[code] = ord(folded)
            even.append(code)
    return bytes(table), bytes(even)


#: A text of Latin-1 characters that each fold to one Latin-1 character ("Café",
#: "niños", "Zoë") folds a byte at a time in C (``bytes.translate``: about a
#: nanosecond a character, where splitting it into runs costs ten or more).
_LATIN1_TABLE, _LATIN1_EVEN = _latin1_tables()


def _latin1_folded(text: str) -> str | None:
    """``text`` folded, when all of it is Latin-1 that folds one character to one; else
    None (a character beyond Latin-1, "ß", a soft hyphen, a control character)."""
    try:
        encoded = text.encode("latin-1")
    except UnicodeEncodeError:
        return None
    if encoded.translate(None, _LATIN1_EVEN):  # what is left folds to none or several
        return None
    return encoded.translate(_LATIN1_TABLE).decode("latin-1")


#: Runs of characters beyond Latin-1: in a text of Latin-1 otherwise, few ("–", "⚑").
_BEYOND_LATIN1 = re.compile("([^\x00-\xff]+)")


def _even_folded(text: str) -> str | None:
    """``text`` folded, when every character of it folds to one character (the Latin-1
    runs a byte at a time, the few characters beyond through the table); else None."""
    folded = _latin1_folded(text)
    if folded is not None:
        return folded
    parts = _BEYOND_LATIN1.split(text)  # Latin-1, beyond, Latin-1, ..., Latin-1
    for number, part in enumerate(parts):
        beyond = number % 2 == 1
        # (The table's translation tells ``_UNEVEN`` of the characters it meets.)
        folded = part.translate(_TABLE) if beyond else _latin1_folded(part)
        if folded is None or (beyond and not _UNEVEN.isdisjoint(part)):
            return None
        parts[number] = folded
    return "".join(parts)


#: Runs of what lowering the case does not fold: anything not ASCII, "_" and invisible
#: ASCII controls. (Tab, newlines and the other ASCII spaces fold to themselves.)
_UNPLAIN = re.compile(r"([^\x09-\x0d\x1c-\x5e\x60-\x7e]+)")


def fold(text: str) -> str:
    """Text in the form it is compared in (compatibility, case, accents, apostrophes,
    no invisible characters, "_" as a space). The same as folding each character; a cold
    start folds every answer of every record, so plain ASCII is lowered in C and only the
    rest goes through the table."""
    if _plain_ascii(text):
        return text.lower().replace("`", "'")
    even = _even_folded(text)
    if even is not None:
        return even
    parts = _UNPLAIN.split(text)  # plain, other, plain, other, ..., plain
    parts[0::2] = [part.lower().replace("`", "'") for part in parts[0::2]]
    parts[1::2] = [part.translate(_TABLE) for part in parts[1::2]]
    return "".join(parts)


def fold_mapped(text: str) -> tuple[str, list[int] | None]:
    """The folded text, and for each of its characters the index of the original one
    (None when they line up one to one)."""
    if _plain_ascii(text):
        return text.lower().replace("`", "'"), None
    even = _even_folded(text)
    if even is not None:
        return even, None
    parts = _UNPLAIN.split(text)  # plain, other, plain, other, ..., plain
    others = parts[1::2]
    folded_others = [part.translate(_TABLE) for part in others]  # _UNEVEN known for them now
    # Only the runs that are not plain ASCII can fold unevenly; they are short.
    if all(_UNEVEN.isdisjoint(part) for part in others):  # "Nguyễn", "Zoë": one to one
        parts[0::2] = [part.lower().replace("`", "'") for part in parts[0::2]]
        parts[1::2] = folded_others
        return "".join(parts), None
    out: list[str] = []
    origin: list[int] = []
    start = 0
    # Plain ASCII runs fold one to one (lowered in C); only the rest, character by character.
    for number, part in enumerate(_UNPLAIN.split(text)):
        if number % 2 == 0:
            out.append(part.lower().replace("`", "'"))
            origin.extend(range(start, start + len(part)))
        else:
            for index, char in enumerate(part, start):
                folded = fold_char(char)
                out.append(folded)
                origin.extend([index] * len(folded))
        start += len(part)
    return "".join(out), origin


# -- words, for search --------------------------------------------------------------------

#: Control characters (not the ASCII spaces): invisible, but between two words they part
#: them ("http://evil\x07click" is "evil" and "click"), where ``fold`` drops them.
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
#: An apostrophe inside a word joins it: "O’Neil" is found as "oneil", "don't" as "dont".
_INNER_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")


def fold_words(text: str) -> str:
    """Text folded as search indexes and queries it: ``fold``, with a control character a
    word boundary and an apostrophe inside a word joining its two halves."""
    folded = fold(_CONTROLS.sub(" ", text))
    return _INNER_APOSTROPHE.sub("", folded) if "'" in folded else folded


def fold_words_mapped(text: str) -> tuple[str, list[int] | None]:
    """``fold_words`` and, as ``fold_mapped`` gives, where each character came from."""
    folded, origin = fold_mapped(_CONTROLS.sub(" ", text))  # one character for one
    if "'" not in folded:
        return folded, origin
    where = origin if origin is not None else list(range(len(folded)))
    kept = [i for i in range(len(folded)) if not _INNER_APOSTROPHE.match(folded, i)]
    return "".join(folded[i] for i in kept), [where[i] for i in kept]


#: Every byte that is ASCII: removed from UTF-8, what is left is the rest, still UTF-8.
_ASCII_BYTES = bytes(range(128))


def beyond_ascii(text: str) -> str:
    """The characters of ``text`` that are not ASCII, in order. In UTF-8 every byte of a
    character beyond ASCII is 128 or more, so the text's bytes without the ASCII ones
    decode to those characters (in C, about a nanosecond a character, where a search
    for a character class takes twenty). Lone surrogates pass as themselves."""
    encoded = text.encode("utf-8", "surrogatepass")
    return encoded.translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")
