"""Control characters made visible: what every reader of user text (terminal, Markdown,
HTML, CSV) shows instead of a raw escape sequence.

An answer may hold anything typed or pasted, including ``ESC ] 8 ;;`` (a terminal
hyperlink), ``ESC [ 2 J`` (clear the screen) or a bell. The record keeps the exact text;
everything rendered from it shows each control character (C0 except newline and tab, DEL,
C1, the Unicode line and paragraph separators, the bidirectional embeddings, overrides,
isolates and marks, which reorder how the rest of a line reads: "Trojan Source", and
the tag characters, which hide text no one sees) as a visible
escape: ESC as ``\\x1b``.
"""

from __future__ import annotations

import re

#: Shown as escapes wherever they are, besides the C0 controls: DEL, C1, the line and
#: paragraph separators, the bidirectional controls and marks (LRM, RLM, ALM) and the
#: tag characters (a byte order mark is left: the CSV export starts with one for Excel).
_OTHERS = (
    r"\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    r"\U000e0000-\U000e007f"
)
_CONTROL = re.compile(rf"[\x00-\x08\x0b-\x1f{_OTHERS}]")
#: The same, but a carriage return just before a newline is a line ending (CSV's).
_CONTROL_KEEP_CRLF = re.compile(rf"\r(?!\n)|[\x00-\x08\x0b\x0c\x0e-\x1f{_OTHERS}]")


#: What ``json.dumps`` leaves raw and a terminal or reader would act on: DEL, C1 controls,
#: the Unicode line separators, the bidirectional controls and marks, the tags.
_JSON_RAW = re.compile(rf"[{_OTHERS}]")


def json_safe(document: str) -> str:
    """JSON text (from ``json.dumps(..., ensure_ascii=False)``) with the control characters
    it leaves raw written as JSON escapes: safe on a terminal, and read back exactly."""
    if not _JSON_RAW.search(document):
        return document
    return _JSON_RAW.sub(_json_escape, document)


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000  # outside the BMP: JSON's surrogate pair
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def visible(text: str, crlf: bool = False) -> str:
    """User text with control characters shown as escapes (ESC as ``\\x1b``), newlines
    and tabs kept; with ``crlf``, a carriage return before a newline too (CSV)."""
    pattern = _CONTROL_KEEP_CRLF if crlf else _CONTROL
    return pattern.sub(_escape, text) if pattern.search(text) else text
