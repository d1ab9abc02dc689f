"""Searching answers: the quick first look at raw records never hides a real match."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from reflect_cli.records import search

LETTERS = st.text(
    st.sampled_from(list('abcKkSsIiıİſK é É ß ẞ Ω ω \u212a \u017f \u0130 \u0131 " \\ \n x y')),
    max_size=12,
)


@settings(max_examples=400, deadline=None)
@given(text=LETTERS, needle=LETTERS.filter(lambda s: s.strip() != ""))
def test_quick_filter_never_misses(text: str, needle: str) -> None:
    keep = search.quick_filter(needle, regex=False)
    if keep is None:
        return  # no first look for this needle: every record is read
    raw = json.dumps({"answer": text}, ensure_ascii=False).encode()
    really = bool(search.compile_pattern(needle, regex=False).search(text))
    if really:
        assert keep(raw), (text, needle)


def test_quick_filter_skips_what_cannot_match() -> None:
    keep = search.quick_filter("calendar", regex=False)
    assert keep is not None
    assert keep(json.dumps({"a": "Share the CALENDAR"}).encode())
    assert not keep(json.dumps({"a": "Share the space"}).encode())
    assert search.quick_filter('a"b', regex=False) is None
    assert search.quick_filter("x|y", regex=True) is None
