"""The one reader of reflect's own JSON state (a round under way,
the redaction decisions, the index's stored copies).

It is read back from disk, where anything may have changed it, so its JSON is
untrusted: ``json.loads`` recurses once per ``[`` or ``{`` and a file of 100,000
brackets raises ``RecursionError``, which no caller expects. Size is checked before
``json.loads`` runs and nesting after it (its ``RecursionError`` refused as too deep),
and every refusal is a ``ValueError`` (the error every caller already turns into its
one line).
"""

from __future__ import annotations

import json
from typing import Any

#: reflect's state files are small (a round's counts, a list of words); records stored
#: in the index pass their own limits (``max_bytes`` given by the caller).
MAX_BYTES = 1_000_000
#: Deeper than anything reflect writes (a record is a few levels deep), far below the
#: interpreter's recursion limit: whatever walks what is read back never runs out of it.
MAX_DEPTH = 64


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
    try:
        value = json.loads(text)
    except RecursionError:  # json's parser nests as deep as the brackets do
        raise StateUnreadable(f"nested more than {MAX_DEPTH} levels deep") from None
    except ValueError as exc:
        raise StateUnreadable(f"not JSON ({exc})") from None
    _check_depth(value)
    return value


def _check_depth(value: Any) -> None:
    """Lists and objects nest at most ``MAX_DEPTH`` deep, counted a level at a time
    (without recursion). Measured on what was parsed, not the text: stripping the text's
    strings to find its brackets cost more than parsing it (an index's copy of a record
    is mostly strings)."""
    level = [value] if type(value) in (dict, list) else []
    depth = 0
    while level:
        depth += 1
        if depth > MAX_DEPTH:
            raise StateUnreadable(f"nested more than {MAX_DEPTH} levels deep")
        inner = []
        for container in level:
            for item in container.values() if type(container) is dict else container:
                if type(item) in (dict, list):
                    inner.append(item)
        level = inner
