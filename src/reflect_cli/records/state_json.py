"""The one reader of reflect's own JSON state (a round under way,
the redaction decisions, the index's stored copies).

It is read back from disk, where anything may have changed it, so its JSON is
untrusted: ``json.loads`` recurses once per ``[`` or ``{`` and a file of 100,000
brackets raises ``RecursionError``, which no caller expects. Size and nesting are
checked here, before ``json.loads`` runs, and every refusal is a ``ValueError`` (the
error every caller already turns into its one line).
"""

from __future__ import annotations

import json
import re
from typing import Any

#: reflect's state files are small (a round's counts, a list of words); records stored
#: in the index pass their own limits (``max_bytes`` given by the caller).
MAX_BYTES = 1_000_000
#: Deeper than anything reflect writes (a record is a few levels deep), far below the
#: interpreter's recursion limit.
MAX_DEPTH = 64

#: A string, written as "(?:[^"\\]|\\.)*" unrolled: the runs between escapes are one
#: character class each, read in C, not one alternation per character (four times
#: faster on a record's copy; the same strings).
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_BRACKET = re.compile(r"[\[\]{}]")


class StateUnreadable(ValueError):
    """A state file that is too large, too deep or not JSON."""


def loads(data: bytes | str, *, max_bytes: int = MAX_BYTES) -> Any:
    """The JSON in ``data``, or ``StateUnreadable`` (a ``ValueError``) in one line."""
    size = len(data.encode("utf-8") if isinstance(data, str) else data)
    if size > max_bytes:
        raise StateUnreadable(f"larger than {max_bytes:,} bytes")
    try:
        text = data if isinstance(data, str) else data.decode("utf-8")
    except UnicodeDecodeError:
        raise StateUnreadable("not UTF-8") from None
    _check_depth(text)
    try:
        return json.loads(text)
    except ValueError as exc:
        raise StateUnreadable(f"not JSON ({exc})") from None


def _check_depth(text: str) -> None:
    """Brackets outside strings nest at most ``MAX_DEPTH`` deep (counted without
    recursion, so no input can exhaust the stack here either)."""
    depth = 0
    for bracket in _BRACKET.findall(_STRING.sub("", text)):
        depth += 1 if bracket in "[{" else -1
        if depth > MAX_DEPTH:
            raise StateUnreadable(f"nested more than {MAX_DEPTH} levels deep")
