"""A text read fast for capitals and marks inside words: a byte a character, its kind.

Readings look for capitals and marks in every text an export holds: words run together
with a capital inside ("#TeamBeckwith", ``run_together``), words of eight capitals or more
("TEAMBECKWITH", ``tagged``), emphasis and joiners inside a word ("*Mon*ica", "Hau-gen",
and "Hau-" at a line's end: ``in_word``). Their patterns, tried at every capital or mark
of a long text, take several nanoseconds a character; the same patterns over the text's
*shape* find the very same places several times faster: a byte a character, "A" a
capital, "a" a small letter, "o" another letter, "0" a digit, "i" a mark read inside a
word of capitals, "h" a soft hyphen, "e" an emphasis mark, "j" a joiner, " " a space or
tab, a line break as itself, "x" anything else (made in C by ``bytes.translate``). A text of Latin-1
characters has its shape at once; one with a few characters beyond (a curly apostrophe,
a dash, a Greek capital) has each first written as a Latin-1 character of its kind; one
with more, or with a character of no one kind, has none, and is read by the patterns
themselves. (Tested against them on generated text: ``tests/test_render_export_shapes.py``.)
"""

from __future__ import annotations

import re
from functools import lru_cache

from reflect_cli.folding import DEFAULT_IGNORABLE

#: Where the scripts with capitals are (Latin, Greek, Cyrillic, Armenian, Georgian and
#: their extensions, full-width Latin): read once for their letters, not all of Unicode.
CASED = (
    (0x0000, 0x0590),
    (0x10A0, 0x1100),
    (0x1C80, 0x2000),
    (0x2C00, 0x2D30),
    (0xA640, 0xA800),
    (0xAB30, 0xABC0),
    (0xFF00, 0xFF60),
)
#: Inside a word of capitals too: combining marks of the scripts with capitals ("N\u0303"
#: is "Ñ") and what shows nothing ("TEAM\u200bHAUGEN" reads "TEAMHAUGEN").
MARKS = "\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff"
INVISIBLE = "".join(rf"\U{first:08x}-\U{last:08x}" for first, last in DEFAULT_IGNORABLE)
#: What a reader looks through between two letters of a word, as a joiner: a hyphen or
#: any dash ("Hau-gen", hyphenation), a spacing accent typed beside its letter rather than
#: on it ("Rami\u00b4rez", "Mu\u00a8ller", "Ram^irez", "Ram\u02dcirez"), a middle dot
#: ("Marcel\u00b7la", where the name's letters are "Marcella").
JOINERS = (
    "\\-\u2010-\u2015\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d"
    "\u00b4\u00a8`^\u00af\u00b8\u02c6\u02c7\u02c9-\u02cb\u02d8-\u02dd"
    "\u00b7\u0387\u2027"
)
#: What breaks a word at a line's end: a joiner, or a soft hyphen (drawn as a hyphen
#: where the line breaks, "Mon\u00ad" then "ica"), one or several ("Beck\u00ad\u2010").
BREAKS = JOINERS + "\u00ad"
#: More different characters beyond Latin-1 than this: the text has no shape (each would
#: be written as its kind one at a time), and the patterns read it themselves.
FEW = 16

_LETTER = re.compile(r"[^\W\d_]")


def ranges(characters: list[str]) -> str:
    """Characters as a regular expression's character class body, in ranges."""
    found: list[str] = []
    first = last = -2
    for code in [ord(c) for c in characters] + [-1]:
        if code == last + 1:
            last = code
            continue
        if first >= 0:
            upto = f"-{re.escape(chr(last))}" if last > first else ""
            found.append(re.escape(chr(first)) + upto)
        first = last = code
    return "".join(found)


_DIGIT = re.compile(r"\d")
_INSIDE = re.compile(f"[{MARKS}{INVISIBLE}]")
_JOINER = re.compile(f"[{JOINERS}]")


def _cased(char: str) -> bool:
    code = ord(char)
    return any(first <= code < last for first, last in CASED)


def upper(char: str) -> bool:
    """A capital (or a title-case letter) of a script with capitals."""
    return _cased(char) and (char.isupper() or char.istitle())


def lower(char: str) -> bool:
    """A small letter of a script with capitals."""
    return _cased(char) and char.islower()


def kind(char: str) -> str | None:
    """The byte ``char`` is in a shape; None for a character of no one kind (a small
    letter that is a combining mark, a joiner that is a letter), which leaves its text
    without a shape."""
    if char == "\xad":  # a soft hyphen: inside a word of capitals, and a line's break
        return "h"
    up, low = upper(char), lower(char)
    letter = _LETTER.fullmatch(char) is not None
    if (up or low) and not letter:
        return None
    kinds = [
        name
        for name, holds in (
            ("A", up),
            ("a", low),
            ("o", letter and not up and not low),
            ("0", _DIGIT.fullmatch(char) is not None),
            ("i", _INSIDE.fullmatch(char) is not None),
            ("e", char in "*_~=+"),
            ("j", _JOINER.fullmatch(char) is not None),
            (" ", char in " \t"),
            ("\r", char == "\r"),
            ("\n", char == "\n"),
        )
        if holds
    ]
    if not kinds:
        return "x"
    return kinds[0] if len(kinds) == 1 else None


#: Each Latin-1 character's kind, as ``bytes.translate`` takes it.
_TABLE = bytes(ord(kind(chr(code)) or "x") for code in range(256))
#: A Latin-1 character of each kind, to stand for a character beyond Latin-1 of it.
_STAND_IN = {chr(byte): chr(code) for code, byte in reversed(list(enumerate(_TABLE)))}


@lru_cache(maxsize=4096)
def _stand_in(char: str) -> str | None:
    found = kind(char)
    return None if found is None else _STAND_IN.get(found)


def shape(text: str, others: str) -> bytes | None:
    """``text`` a byte a character, each its kind; ``others``: its characters beyond
    ASCII (``folding.beyond_ascii``). None when it has no shape (see above)."""
    beyond = {char for char in others if char > "\xff"}
    if len(beyond) > FEW:
        return None
    for char in beyond:
        stand_in = _stand_in(char)
        if stand_in is None:
            return None
        text = text.replace(char, stand_in)
    return text.encode("latin-1").translate(_TABLE)


#: A capital inside a word that starts another word: after a small letter, or after a
#: capital or a digit and before a small letter (``run_together._inside`` in text).
JOINED = re.compile(rb"A(?:(?<=aA)|(?<=[A0]A)(?=a))")
#: A word of capitals at least ``tagged.CAPITALS`` long, marks inside it read through
#: (``tagged._capitals`` in text): made for that length.


@lru_cache(maxsize=2)
def capitals(least: int) -> re.Pattern[bytes]:
    """Words of ``least`` capitals or more in a shape, with no letter either side."""
    return re.compile(rb"A(?<![aAo].)[Aih]{%d,}+(?![aAo])" % (least - 1))


#: A mark inside a word (``in_word.IN_WORD`` in text) in its two ways, each written to
#: start at its one byte: an emphasis mark after a letter or digit, up to a letter or
#: digit; a joiner after a letter, up to a letter. A text holds one where either finds it.
IN_WORD = (re.compile(rb"e(?<=[Aao0]e)[ej]*[Aao0]"), re.compile(rb"j(?<=[Aao]j)[ej]*[Aao]"))
#: A joiner or a soft hyphen ending a line after a letter, a letter starting the next
#: (``in_word.BROKEN``).
BROKEN = re.compile(rb"[jh](?<=[Aao][jh])[jh]* *\r?\n *[Aao]")


def marked(shaped: bytes) -> bool:
    """Whether the text of this shape has a mark inside a word, or a word broken across
    lines by a joiner (``disguised.Marks.emphasis``)."""
    return any(p.search(shaped) for p in IN_WORD) or (
        b"\n" in shaped and BROKEN.search(shaped) is not None
    )
