"""Tables of user text at any width: no word cut, no column dropped."""

from __future__ import annotations

import io
import re

from hypothesis import assume, given, settings
from hypothesis import strategies as st
from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

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


#: Cell text that wraps: words of Latin with accents, CJK (two columns a character) and
#: Ethiopic, spaces (runs of them too), a tab or a line break now and then.
_PIECES = st.sampled_from(["abc", "éñ", "李雷", "ሰላም", "12", " ", "  ", "\n", "\t", "x·y", "–"])
_WRAPPING = st.lists(_PIECES, max_size=14).map("".join)
_AS_OURS = {"markup": False, "emoji": False, "highlight": False}


def _console(width: int, styled: bool) -> Console:
    if styled:  # as on a terminal: the header bold
        colours = {"color_system": "standard", "force_terminal": True}
        return Console(file=io.StringIO(), width=width, **colours, **_AS_OURS)  # type: ignore[arg-type]
    return Console(file=io.StringIO(), width=width, color_system=None, **_AS_OURS)


def _widths(headers: list[str], rows: list[list[str]], keep: int) -> tuple[list[int], list[int]]:
    """Each column's least width (its longest word, or line when kept) and its most."""
    columns = [[h, *(r[n] for r in rows)] for n, h in enumerate(headers)]
    least = [
        max([cell_len(p) for c in cells for p in (c.split("\n") if n < keep else c.split())] or [1])
        for n, cells in enumerate(columns)
    ]
    most = [max(cell_len(line) for c in cells for line in c.split("\n")) for cells in columns]
    return least, most


def _by_rich(headers: list[str], rows: list[list[str]], width: int, keep: int, styled: bool) -> str:
    """The reference: Rich's own table, as ``terminal.table`` drew a table that wraps
    before it drew it as lines (the same column widths, ``terminal.share``'s)."""
    least, most = _widths(headers, rows, keep)
    widths = terminal.share(least, most, width - 3 * len(headers) - 1)
    assert widths is not None
    grid = Table(box=box.SIMPLE_HEAD, show_header=any(headers))
    for number, header in enumerate(headers):
        grid.add_column(header, no_wrap=number < keep, min_width=least[number])
    for row in rows:
        grid.add_row(*(Text(cell) for cell in row))
    for column, chosen in zip(grid.columns, widths, strict=True):
        column.width = chosen
    out = _console(width, styled)
    out.print(grid)
    return out.file.getvalue()  # type: ignore[attr-defined, no-any-return]


@settings(max_examples=200, deadline=None)
@given(
    st.integers(1, 5).flatmap(
        lambda columns: st.tuples(
            st.lists(_WRAPPING, min_size=columns, max_size=columns),
            st.lists(st.lists(_WRAPPING, min_size=columns, max_size=columns), max_size=4),
        )
    ),
    st.integers(min_value=0, max_value=2),
    st.data(),
)
def test_a_table_that_wraps_is_what_rich_s_table_draws(
    table: tuple[list[str], list[list[str]]], keep: int, data: st.DataObject
) -> None:
    """Wrapped cell by cell with Rich's own wrapping and drawn as lines: the same
    characters, each in the same style, as Rich's table."""
    headers, rows = table
    least, most = _widths(headers, rows, keep)
    frame = 3 * len(headers) + 1
    # Narrower than the table's whole width (else it fits: test_ui_fitted_table), and
    # not so narrow it is stacked.
    rooms = range(sum(least), sum(most))
    assume(rooms and terminal.share(least, most, rooms[-1]) is not None)
    fewest = next(room for room in rooms if terminal.share(least, most, room) is not None)
    width = data.draw(st.integers(fewest + frame, sum(most) + frame - 1), label="width")
    for styled in (False, True):
        out = _console(width, styled)
        terminal.table(headers, rows, out=out, keep=keep)
        ours = out.file.getvalue()  # type: ignore[attr-defined]
        assert _styled(ours) == _styled(_by_rich(headers, rows, width, keep, styled))


_SGR = re.compile(r"\x1b\[([0-9;]*)m")


def _styled(page: str) -> list[tuple[str, str]]:
    """Each character with the style it is drawn in: Rich's table starts a style again
    for a cell's padding, where the lines run it on (the same on the screen)."""
    found, style, at = [], "", 0
    for code in _SGR.finditer(page):
        found += [(char, style) for char in page[at : code.start()]]
        style = "" if code.group(1) in ("", "0") else code.group(1)
        at = code.end()
    return found + [(char, style) for char in page[at:]]
