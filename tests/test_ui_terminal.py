"""Tables of user text at any width: no word cut, no column dropped."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from reflect_cli.ui import terminal

WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéó", min_size=1, max_size=14)
CELL = st.lists(WORD, min_size=0, max_size=6).map(" ".join)


def drawn(headers: list[str], rows: list[list[str]], width: int) -> str:
    out = Console(width=width, file=io.StringIO(), color_system=None)
    terminal.table(headers, rows, out=out, keep=0)
    return out.file.getvalue()  # type: ignore[attr-defined,no-any-return]


@settings(max_examples=150, deadline=None)
@given(
    columns=st.integers(min_value=2, max_value=6),
    data=st.data(),
    width=st.integers(min_value=40, max_value=140),
)
def test_every_word_whole_and_every_header_shown(
    columns: int, data: st.DataObject, width: int
) -> None:
    headers = [f"head{n}" for n in range(columns)]
    rows = data.draw(st.lists(st.lists(CELL, min_size=columns, max_size=columns), max_size=4))
    page = drawn(headers, rows, width)
    lines = page.splitlines()
    assert all(len(line) <= width for line in lines)
    words = {word.rstrip(":") for line in lines for word in line.split()}
    for row in rows:
        for cell in row:
            for word in cell.split():
                assert word in words, (word, page)


def test_narrow_commitments_stack_as_owner_due_status() -> None:
    rows = [["Share the space calendar with every partner", "Shana Beckwith", "2026-12-01", "open"]]
    page = drawn(["commitment", "owner", "due", "status"], rows, 30)
    assert [line.rstrip() for line in page.splitlines()] == [
        "Share the space calendar with",
        "every partner",
        "  owner: Shana Beckwith",
        "  due: 2026-12-01",
        "  status: open",
        "",
    ]


def test_a_title_wider_than_its_table_wraps_at_the_screen_not_the_table() -> None:
    title = "shared-leadership · How strong is shared leadership in our partnership? (median ▅▆▆)"
    out = Console(width=100, file=io.StringIO(), color_system=None)
    terminal.table(["period", "n"], [["2023-24", "32"]], caption=title, out=out)
    lines = [line.rstrip() for line in out.file.getvalue().splitlines()]  # type: ignore[attr-defined]
    assert lines[0] == title
    assert lines[2].split() == ["period", "n"]
    narrow = Console(width=40, file=io.StringIO(), color_system=None)
    terminal.table(["period", "n"], [["2023-24", "32"]], caption=title, out=narrow)
    page = narrow.file.getvalue()  # type: ignore[attr-defined]
    assert all(len(line) <= 40 for line in page.splitlines())
    assert " ".join(page.split()).startswith(title)
