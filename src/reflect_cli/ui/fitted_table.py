"""A table that fits, drawn as lines of text: what Rich draws for it, without Rich's table.

``terminal.table`` gives a table that fits the terminal every column's whole width (and
one that wraps its cells already wrapped, as Rich's table would wrap them), so nothing
in it is measured again, wrapped or cut, and its lines are known before anything is
drawn: a simple head box (an edge of spaces above and below, the header, a rule, the
rows), no padding but the space typed into each cell. Drawing them here rather than
through Rich's ``Table`` is the same characters and styles (``tests/test_ui_fitted_table.py``
compares them, CJK and multi-line cells included) at a fraction of the time: a rollup
over years draws thousands of cells.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.cells import cell_len

if TYPE_CHECKING:
    from rich.text import Text


def drawn(
    headers: Sequence[str] | None, rows: Sequence[Sequence[str]], widths: Sequence[int]
) -> Text:
    """The table as one text, each line as wide as the table: an edge, the header (bold
    cells; none when ``headers`` is None) and a rule, the rows, an edge. ``widths``: each
    column's width; every line of a cell fits in it."""
    from rich.text import Text

    inner = sum(widths) + len(widths) - 1
    edge = " " * (inner + 2)
    text = Text(edge + "\n")
    if headers is not None:
        for line in _row(headers, widths, bottom=True):
            _append(text, line, "bold")
        text.append(" " + "─" * inner + " \n")
    for row in rows:
        for line in _row(row, widths):
            _append(text, line, "")
    text.append(edge)
    return text


def _append(text: Text, pieces: list[str], style: str) -> None:
    """One line: an edge, the cells apart by a space (each in ``style``), an edge."""
    if not style:  # the whole line at once: a rollup's tables are thousands of cells
        text.append(f" {' '.join(pieces)} \n")
        return
    text.append(" ")
    for number, piece in enumerate(pieces):
        if number:
            text.append(" ")
        text.append(piece, style)
    text.append(" \n")


def _row(cells: Sequence[str], widths: Sequence[int], bottom: bool = False) -> list[list[str]]:
    """A row's lines, each its cells padded to their columns; a short cell has blank
    lines below (above, ``bottom``: a header's words sit on the rule)."""
    split = [cell.split("\n") for cell in cells]
    height = max((len(lines) for lines in split), default=1)
    if bottom:
        split = [[""] * (height - len(lines)) + lines for lines in split]
    return [
        [
            (line := lines[number] if number < len(lines) else "") + " " * (width - cell_len(line))
            for lines, width in zip(split, widths, strict=True)
        ]
        for number in range(height)
    ]
