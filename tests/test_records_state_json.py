"""reflect's own JSON (its private state) is read within size and nesting limits: a file
pushed by anyone is parsed or refused with a ValueError, never a RecursionError."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reflect_cli.records import state_json

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(alphabet='[]{}"\\ab ١'),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(JSON)
def test_what_reflect_writes_reads_back(value: Any) -> None:
    """Brackets inside strings are text, not nesting."""
    assert state_json.loads(json.dumps(value, ensure_ascii=False).encode()) == value


@settings(max_examples=100, deadline=None)
@given(
    st.integers(min_value=0, max_value=200_000),
    st.sampled_from(["[", '{"a":', '[{"b":']),
    st.booleans(),
)
def test_any_nesting_is_read_or_refused_with_a_value_error(
    depth: int, opener: str, closed: bool
) -> None:
    closer = {"[": "]", '{"a":': "}", '[{"b":': "}]"}[opener]
    text = opener * depth + "1" + (closer * depth if closed else "")
    try:
        value = state_json.loads(text.encode())
    except state_json.StateUnreadable as exc:
        assert isinstance(exc, ValueError) and "\n" not in str(exc)
    else:
        assert (closed or depth == 0) and depth * len(closer) <= state_json.MAX_DEPTH
        assert value == json.loads(text)


@pytest.mark.parametrize(
    "data",
    [b"[" * 100_000 + b"]" * 100_000, b" " * (state_json.MAX_BYTES + 1), b"\xff", b"{"],
)
def test_attacks_are_one_line(data: bytes) -> None:
    with pytest.raises(state_json.StateUnreadable):
        state_json.loads(data)


@pytest.mark.parametrize("opener", ["[", '{"a":', '[{"b":', '{"a":['])
def test_nesting_is_counted_exactly_lists_and_objects_alike(opener: str) -> None:
    """As deep as MAX_DEPTH reads; one level more is refused, wherever it sits."""
    closer = "".join({"[": "]", "{": "}"}[c] for c in reversed(opener) if c in "[{")
    levels = state_json.MAX_DEPTH // len(closer)
    fits = opener * levels + "1" + closer * levels  # MAX_DEPTH deep
    assert state_json.loads(fits) == json.loads(fits)
    for too_deep in (f"[{fits}]", f'{{"a": [1, {{}}], "b": [{fits}]}}'):
        with pytest.raises(state_json.StateUnreadable, match="nested more than"):
            state_json.loads(too_deep)


def test_nesting_after_an_escaped_quote_is_still_counted() -> None:
    deep = "[" * (state_json.MAX_DEPTH + 1) + "1" + "]" * (state_json.MAX_DEPTH + 1)
    with pytest.raises(state_json.StateUnreadable):
        state_json.loads(f'["a\\"b[[[", {deep}]'.encode())
    inside = json.dumps(['\\"' + "[" * 500])  # brackets in a string are text
    assert state_json.loads(inside.encode()) == json.loads(inside)
