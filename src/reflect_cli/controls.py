"""Control characters made visible: what every reader of user text (terminal, Markdown,
HTML, CSV) shows instead of a raw escape sequence.

An answer may hold anything typed or pasted, including ``ESC ] 8 ;;`` (a terminal
hyperlink), ``ESC [ 2 J`` (clear the screen) or a bell. The record keeps the exact text;
everything rendered from it shows each control character (C0 except newline and tab, DEL,
C1, the Unicode line and paragraph separators, and the bidirectional embeddings,
overrides and isolates, which reorder how the rest of a line reads: "Trojan Source") as a
visible escape: ESC as ``\\x1b``.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
#: The same, but a carriage return just before a newline is a line ending (CSV's).
_CONTROL_KEEP_CRLF = re.compile(
    r"\r(?!\n)|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)


#: What ``json.dumps`` leaves raw and a terminal or reader would act on: DEL, C1 controls,
#: the Unicode line separators and the bidirectional controls.
_JSON_RAW = re.compile(r"[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def json_safe(document: str) -> str:
    """JSON text (from ``json.dumps(..., ensure_ascii=False)``) with the control characters
    it leaves raw written as JSON escapes: safe on a terminal, and read back exactly."""
    if not _JSON_RAW.search(document):
        return document
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", document)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, crlf: bool = False) -> str:
    """User text with control characters shown as escapes (ESC as ``\\x1b``), newlines
    and tabs kept; with ``crlf``, a carriage return before a newline too (CSV)."""
    pattern = _CONTROL_KEEP_CRLF if crlf else _CONTROL
    return pattern.sub(_escape, text) if pattern.search(text) else text
