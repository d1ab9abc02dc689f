"""The check of any document reads the two words beside a name from a window around it,
never the whole line again for each name found (render/export/name_check)."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from reflect_cli.render.export.name_check import _after, _before, _words

_PIECES = st.sampled_from(
    ["Monica", "met", " ", "  ", ".", "O'Neil", "x" * 70, "é", "\u0301", "-", "李雷"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join), st.data())
@example("Monica met " + "x" * 200 + " Monica", None)
def test_the_words_beside_a_place_are_those_of_the_whole_line(
    line: str, data: st.DataObject | None
) -> None:
    at = len(line) // 2 if data is None else data.draw(st.integers(0, len(line)))
    assert _before(line, at)[-2:] == _words(line[:at])[-2:]
    assert _after(line, at)[:2] == _words(line[at:])[:2]
