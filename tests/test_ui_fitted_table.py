"""A table that fits is drawn as the lines Rich's own table draws, character for character."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st
from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from reflect_cli.ui import terminal

#: Cell text as people type it: Latin with accents, CJK (two columns a character),
#: Ethiopic, digits and punctuation; several lines sometimes.
_LETTERS = st.sampled_from(list("abcXYZ éñ 李雷 ሰላም 123·–:/()"))
#: The one console's settings (``ui.screen``): no markup, emoji or highlighting.
_AS_OURS = {"markup": False, "emoji": False, "highlight": False}
_CELL = st.lists(st.text(_LETTERS, min_size=0, max_size=12), min_size=1, max_size=2).map("\n".join)


def _by_rich(headers: list[str], rows: list[list[str]], width: int, styled: bool = False) -> str:
    """The reference: Rich's table as ``terminal.table`` once drew a table that fits."""
    most = [
        max(cell_len(line) for cell in [h, *(r[n] for r in rows)] for line in cell.split("\n"))
        for n, h in enumerate(headers)
    ]
    grid = Table(box=box.SIMPLE_HEAD, show_header=any(headers), padding=(0, 0))
    for number, header in enumerate(headers):
        grid.add_column(terminal._padded(header), no_wrap=True, width=most[number] + 2)
    for row in rows:
        grid.add_row(*(Text(terminal._padded(cell)) for cell in row))
    out = _console(width, styled)
    out.print(grid)
    return out.file.getvalue()  # type: ignore[attr-defined, no-any-return]


def _console(width: int, styled: bool) -> Console:
    if styled:  # as on a terminal: the header bold
        colours = {"color_system": "standard", "force_terminal": True}
        return Console(file=io.StringIO(), width=width, **colours, **_AS_OURS)  # type: ignore[arg-type]
    return Console(file=io.StringIO(), width=width, color_system=None, **_AS_OURS)


def _ours(headers: list[str], rows: list[list[str]], width: int, styled: bool = False) -> str:
    out = _console(width, styled)
    terminal.table(headers, rows, out=out)
    return out.file.getvalue()  # type: ignore[attr-defined, no-any-return]


@settings(max_examples=150, deadline=None)
@given(
    st.integers(1, 5).flatmap(
        lambda columns: st.tuples(
            st.lists(_CELL, min_size=columns, max_size=columns),
            st.lists(st.lists(_CELL, min_size=columns, max_size=columns), max_size=4),
        )
    )
)
def test_a_fitted_table_is_what_rich_draws(table: tuple[list[str], list[list[str]]]) -> None:
    headers, rows = table
    assert _ours(headers, rows, 400) == _by_rich(headers, rows, 400)
    assert _ours(headers, rows, 400, styled=True) == _by_rich(headers, rows, 400, styled=True)


def test_no_headers_no_header_row() -> None:
    drawn = _ours(["", ""], [["Nguyễn Thị Lan", "3"]], 120)
    assert drawn == _by_rich(["", ""], [["Nguyễn Thị Lan", "3"]], 120)
    assert "─" not in drawn


def test_a_header_is_bold_on_a_terminal() -> None:
    drawn = _ours(["period", "n"], [["2025-26", "4"]], 80, styled=True)
    assert "\x1b[1m period" in drawn
    assert "2025-26" in drawn and "\x1b[1m 2025-26" not in drawn
