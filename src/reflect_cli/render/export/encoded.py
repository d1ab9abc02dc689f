"""Text encoded another way than it is read, to find a name a reader would decode.

A name in a URL written in percent escapes, of UTF-8 or of Latin-1 and Windows-1252
bytes ("https://ex.org/%4Donica-%48augen", "M%FCller", "Jos%E9"); in an IDNA label
("xn--mller-kva.example" is "müller.example"); or in UTF-8 shown as Windows-1252 or
Latin-1, mojibake ("JosÃ© RamÃ­rez" is "José Ramírez", "Haugenâ€™s" is "Haugen’s").
Each reading decodes as a reader who noticed would (as ftfy does), and maps what is
found back to the characters that spell it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from typing import Any, TypeVar

#: A match found by a scan (``terms.Found``): located by ``start``, ``end``, ``line``.
F = TypeVar("F")
#: Scans ``text`` for terms; the second argument maps its characters to the caller's.
Scan = Callable[[str, list[int] | None], Iterator[F]]


def _bytes_shown() -> dict[str, int]:
    """Each character a byte of 128 or more shows as in Windows-1252, or in Latin-1
    (its C1 controls: what Windows-1252 leaves undefined shows as one of them)."""
    shown = {chr(byte): byte for byte in range(0x80, 0x100)}
    for byte in range(0x80, 0xA0):
        try:
            shown[bytes([byte]).decode("cp1252")] = byte
        except UnicodeDecodeError:
            continue  # 81, 8D, 8F, 90, 9D: undefined
    return shown


_BYTE = _bytes_shown()
#: The bytes Windows-1252 leaves undefined: shown as a control, as "\ufffd", or lost.
_UNDEFINED = (0x81, 0x8D, 0x8F, 0x90, 0x9D)
#: A UTF-8 continuation byte (80 to BF) as shown, and a lead byte of two, three, four.
_C = "[" + "".join(re.escape(char) for char, byte in _BYTE.items() if byte < 0xC0) + "]"
_TWO, _THREE, _FOUR = "[\xc2-\xdf]", "[\xe0-\xef]", "[\xf0-\xf4]"
#: A character read whole ("Ã©" is "é"), or one whose last byte was undefined in
#: Windows-1252 and shown as "\ufffd" or lost ("Ä" for "č", "â€" for "”"): read
#: with each undefined byte in turn.
_SEQUENCE = re.compile(
    f"(?P<whole>{_TWO}{_C}|{_THREE}{_C}{{2}}|{_FOUR}{_C}{{3}})"
    f"|(?P<short>(?:{_TWO}|{_THREE}{_C}|{_FOUR}{_C}{{2}})\ufffd?)(?!{_C})"
)
#: What marks a text as mis-decoded: a character's bytes shown whole, or its last lost
#: ("\ufffd"; "â€" alone: a closing quotation mark's last byte, 9D, is undefined). Not
#: a letter and a quotation mark alone: "Zoë’s" is typed so ("ë’" would be two bytes
#: of three).
_C_OR_LOST = f"[{_C[1:-1]}\ufffd]"
MIS_DECODED = re.compile(
    # One class first, which the pattern then looks for as a string is (an alternation
    # first takes five times as long over a text without it); "â€" before "â€™", so a
    # match is the shortest there.
    f"[\xc2-\xf4](?:(?<=â)€|(?<={_TWO}){_C_OR_LOST}|(?<={_THREE}){_C}{_C_OR_LOST}"
    f"|(?<={_FOUR}){_C}{{2}}{_C_OR_LOST})"
)
#: More different pieces than this among the characters beyond ASCII: the text is read.
_FEW = 16


def is_mis_decoded(text: str, others: str) -> bool:
    """Whether ``MIS_DECODED`` matches in ``text``, told from ``others``, its characters
    beyond ASCII: a match is all such characters, so it is a piece of theirs that the
    text holds as it is (looked for as a string is, where the pattern takes twenty
    nanoseconds a character; "Zoë’s… “plan”" has "ë’…" among them, not in the text)."""
    at = 0
    for _ in range(_FEW):
        found = MIS_DECODED.search(others, at)
        if found is None:
            return False
        if found[0] in text:
            return True
        # Not in the text anywhere it is among them, nor what is longer from there. A
        # piece starts at its lead byte alone (what follows one is never another), so
        # taken out, it takes out no other; what it leaves side by side is looked at
        # from three characters before.
        others = others.replace(found[0], "")
        at = max(0, found.start() - 3)
    return MIS_DECODED.search(text) is not None


#: Decoded at most this many times ("ÃƒÂ©" is "Ã©" once, "é" twice).
_DECODINGS = 3


def mis_decoded(text: str, scan: Scan[F]) -> Iterator[F]:
    """Matches in ``text`` read with each run of UTF-8 bytes shown as Windows-1252 or
    Latin-1 decoded; where a byte was lost, read with each it may have been."""
    mended, short = _mended(text, None)
    tried = [mended, *(_mended(text, byte)[0] for byte in _UNDEFINED if short)]
    for read, first, last in filter(None, tried):
        # A match ending inside a character read from several ends where it ends.
        ends = {f: e for f, e in zip(first, last, strict=True) if f != e}
        for each in scan(read, first):
            found: Any = each
            changed: Any = replace(found, end=ends.get(found.end - 1, found.end - 1) + 1)
            yield changed


#: A text read decoded, and for each of its characters the first and the last character
#: of the text it is read from.
Mended = tuple[str, list[int], list[int]]


def _mended(text: str, lost: int | None) -> tuple[Mended | None, bool]:
    """``text`` decoded up to ``_DECODINGS`` times (None when nothing decodes), each
    character that lost its last byte read with ``lost`` (kept as is with None); and
    whether any had lost it."""
    first, last = list(range(len(text))), list(range(len(text)))
    read, short = text, False
    for _ in range(_DECODINGS):
        pieces, starts, ends, at = [], [], [], 0
        for sequence in _SEQUENCE.finditer(read):
            shown = sequence[0]
            raw = bytes(_BYTE[char] for char in shown.rstrip("\ufffd"))
            if sequence["short"]:
                short = True
                if lost is None:
                    continue
                raw += bytes([lost])
            try:
                char = raw.decode("utf-8")
            except UnicodeDecodeError:
                continue  # not UTF-8 after all: read as shown
            pieces.append(read[at : sequence.start()] + char)
            starts += [*first[at : sequence.start()], first[sequence.start()]]
            ends += [*last[at : sequence.start()], last[sequence.end() - 1]]
            at = sequence.end()
        if not pieces:
            break
        read = "".join(pieces) + read[at:]
        first, last = starts + first[at:], ends + last[at:]
    return (None if read == text else (read, first, last)), short


#: An IDNA label ("xn--mller-kva"), in any case: written to start at the "--", which the
#: pattern then looks for as a string is (a text with "--" in it is not read at each
#: character); the label starts two characters before the match. No longer than a
#: label may be (63), which keeps decoding it quick.
IDNA_LABEL = re.compile(r"--(?<=(?<![\w-])[Xx][Nn]--)[A-Za-z0-9-]{1,59}(?![A-Za-z0-9-])")


def has_idna(text: str) -> bool:
    """Whether ``text`` holds an IDNA label (``IDNA_LABEL``)."""
    return ("n--" in text or "N--" in text) and IDNA_LABEL.search(text) is not None


def idna_decoded(text: str, scan: Scan[F]) -> Iterator[F]:
    """Matches in ``text`` read with each IDNA label decoded ("xn--mller-kva" is
    "müller"): what is found inside a label is the whole label."""
    pieces, where, ends, at = [], [], {}, 0
    for label in IDNA_LABEL.finditer(text):
        try:
            decoded = label[0][2:].lower().encode("ascii").decode("punycode")
        except UnicodeError:
            continue
        start = label.start() - 2
        pieces += [text[at:start], decoded]
        where += [*range(at, start), *[start] * len(decoded)]
        ends[start] = label.end()
        at = label.end()
    if not pieces:
        return
    read = "".join(pieces) + text[at:]
    where += range(at, len(text))
    for each in scan(read, where):
        found: Any = each
        yield replace(found, end=ends.get(found.end - 1, found.end))


#: A percent escape (``%4D`` is "M"), and a run of text holding one: a URL, an address
#: or a word, up to a space, a quote or a bracket ("https://ex.org/%4Donica-%48augen").
PERCENT = re.compile(r"%[0-9A-Fa-f]{2}")
_ESCAPES = re.compile(r"(?:%[0-9A-Fa-f]{2})+")
_ENCODED_RUN = re.compile(r"[^\s<>\"'`()\[\]{}]*%[0-9A-Fa-f]{2}[^\s<>\"'`()\[\]{}]*")
#: Escapes decoded at most this many times ("%254D" is "%4D" once, "M" twice).
_PERCENT_DECODINGS = 3
#: A byte that is not UTF-8, as ``surrogateescape`` keeps it (DC80 to DCFF).
_NOT_UTF8 = re.compile("[\udc80-\udcff]")


def unquoted(text: str) -> str:
    """``text`` with each run of percent escapes decoded as UTF-8, and each byte that is
    not UTF-8 as Windows-1252 (else Latin-1): "%C3%BC" and "%FC" are both "ü"."""

    def decoded(escapes: re.Match[str]) -> str:
        raw = bytes.fromhex(escapes[0].replace("%", ""))
        read = raw.decode("utf-8", "surrogateescape")
        return _NOT_UTF8.sub(lambda byte: _latin(ord(byte[0]) - 0xDC00), read)

    return _ESCAPES.sub(decoded, text)


def _latin(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)  # undefined in Windows-1252: Latin-1's control


def percent_decoded(
    text: str, scan: Scan[F], also: Callable[[str], Iterable[F]] | None = None
) -> Iterator[F]:
    """What each run holding a percent escape names once decoded: found as the whole
    run, the URL or address that spells it. ``also``: the decoded run's other readings
    (a name mis-decoded or in an IDNA label inside the escapes)."""
    for run in _ENCODED_RUN.finditer(text):
        decoded = run[0]
        for _ in range(_PERCENT_DECODINGS):
            again = unquoted(decoded)
            if again == decoded:
                break
            decoded = again
        if decoded == run[0]:
            continue  # "100%25" read as is already
        found = next(iter(scan(decoded, None)), None)
        if found is None and also is not None:
            found = next(iter(also(decoded)), None)
        if found is not None:
            for each in at_line(text, run.start(), [found]):
                changed: Any = replace(each, start=run.start(), end=run.end())  # type: ignore[type-var]
                yield changed


def at_line(text: str, start: int, found: Iterable[F]) -> Iterator[F]:
    """``found`` on the line of ``text`` where ``start`` is."""
    number = text.count("\n", 0, start)
    for each in found:
        changed: Any = replace(each, line=number)  # type: ignore[type-var]
        yield changed
