"""Text people type or an editor writes, decoded one way: the one decoder of keyed bytes.

A terminal set to another encoding than UTF-8 (``LANG=C`` with a Latin-1 keyboard, an
old Windows terminal) sends bytes that are not UTF-8; Python hands them over as lone
surrogates (``\\udce9``), which no file can hold, so the first save would fail. An editor
may write such bytes too. Here every byte that is not UTF-8 is kept visible as an escape
(``\\xe9``), nothing else changes, and the caller says once that it happened: never a
traceback, never a character silently dropped.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field

from reflect_cli.i18n.messages import _

#: A lone surrogate: U+DC80..U+DCFF is an undecodable byte carried by Python's
#: ``surrogateescape``; any other lone surrogate cannot be written either.
_SURROGATE = re.compile(r"[\ud800-\udfff]")
#: What ``_escape`` makes of one: ``\xe9``, ``\udc00``.
_ESCAPED = re.compile(r"\\x[0-9a-f]{2}|\\u[0-9a-f]{4}")


@dataclass(frozen=True)
class Decoded:
    """Text as it will be kept, how many bytes in it were not UTF-8, and where the first
    of them is kept in ``text`` (its index; None when none, or when the bytes are gone)."""

    text: str
    undecodable: int = 0
    first: int | None = None
    #: What ``text`` is, for the warning (" of the command line", translated where shown);
    #: "" for a line or a file.
    within: str = field(default="", compare=False)

    @property
    def warning(self) -> str:
        """One line for the facilitator ("" when every byte was UTF-8), naming the first
        byte that was not and where it is kept, so it can be found and fixed:
        "1 byte typed here was not UTF-8: byte 0xE9 at character 12 kept as \\xe9; …"."""
        if not self.undecodable:
            return ""
        advice = _("set the terminal or editor to UTF-8 (LANG=C.UTF-8)")
        first = self._first()
        if self.undecodable == 1:
            what = _("1 byte typed here was not UTF-8")
            kept = f": {first}" if first else _(" and is kept as an escape (such as \\xe9)")
        else:
            what = _("{count:,} bytes typed here were not UTF-8 and are kept as escapes").format(
                count=self.undecodable
            )
            kept = _("; the first: {first}").format(first=first) if first else _(" (such as \\xe9)")
        return f"{what}{kept}; {advice}"

    def _first(self) -> str:
        """ "byte 0xE9 at line 2, character 4 kept as \\xe9" ("" when not known)."""
        if self.first is None:
            return ""
        escape = _ESCAPED.match(self.text, self.first)
        if escape is None:
            return ""
        shown = escape.group()
        line_start = self.text.rfind("\n", 0, self.first) + 1
        column = self.first - line_start + 1
        if "\n" in self.text.rstrip("\n"):  # an editor's file: the line too
            line = self.text.count(chr(10), 0, self.first) + 1
            place = _("line {line}, character {column}").format(line=line, column=column)
        else:
            place = _("character {column}").format(column=column)
        code = shown[2:].upper()
        what = f"byte 0x{code}" if shown.startswith("\\x") else f"U+{code}"
        return _("{what} at {place}{within} kept as {shown}").format(
            what=what, place=place, within=_(self.within), shown=shown
        )


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"
    return f"\\u{code:04x}"


def from_terminal(text: str) -> Decoded:
    """A line as Python read it from a terminal or argument (undecodable bytes arrive as
    lone surrogates): bytes that are UTF-8 after all read as such, each other byte kept
    as an escape."""
    if not _SURROGATE.search(text):
        return Decoded(text)
    # Python reading with ASCII (LC_ALL=C with PYTHONUTF8=0) hands "José" over as "Jos"
    # and two escaped bytes that are UTF-8's é: those are read again as UTF-8.
    with contextlib.suppress(UnicodeEncodeError):  # a surrogate that is not a byte
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "surrogateescape")
    first = _SURROGATE.search(text)
    # Everything before the first surrogate is kept as it is: its index is the escape's.
    return Decoded(
        _SURROGATE.sub(_escape, text),
        len(_SURROGATE.findall(text)),
        first.start() if first else None,
    )


def without_escapes(text: str) -> str:
    """``text`` without the escapes this decoder put for bytes that were not UTF-8, for
    what is made from typed text (a handle, a file name): ``Jos\\xe9`` gives ``jos``,
    never ``josxe9``. The text itself keeps them, and the facilitator was told."""
    return _ESCAPED.sub("", text)


def from_bytes(raw: bytes) -> Decoded:
    """Bytes an editor wrote (UTF-8, a BOM allowed): each byte that is not UTF-8 kept as
    an escape."""
    return from_terminal(raw.decode("utf-8-sig", errors="surrogateescape"))
