"""Rich output for commands: tables and views on standard output, user text made inert.

User text is always passed to Rich as ``Text`` (never markup) after ``visible()`` has
replaced control characters, so `[bold]` or an escape sequence typed in a meeting is
shown as typed and cannot restyle or take over the terminal.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from reflect_cli.controls import visible
from reflect_cli.i18n.messages import _, ngettext

if TYPE_CHECKING:
    from rich.console import Console

    from reflect_cli.model import Protocol

__all__ = ["console", "show_protocol", "table", "text", "visible"]


def console(stderr: bool = False, soft_wrap: bool = False, piped_width: int = 200) -> Console:
    """A Rich console on standard output (data) or standard error (messages): the one
    path's (ui/screen.py), inert to markup and control characters."""
    from reflect_cli.ui import screen

    return screen.console(stderr=stderr, soft_wrap=soft_wrap, piped_width=piped_width)


def text(value: str, style: str = "") -> object:
    """A Rich Text of user text: inert, with no markup."""
    from rich.text import Text

    # A pasted Windows line ending is a line ending, not a control character to show.
    return Text(visible(value.replace("\r\n", "\n")), style=style)


def table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    caption: str = "",
    out: Console | None = None,
    keep: int = 1,
) -> None:
    """Print a table of user text; the first ``keep`` columns never wrap. Words are never
    cut and no column disappears, and a cell that wraps reads in lines, not a word or two
    a line: a table that fits only by cutting words or squeezing a text below
    ``READABLE`` characters is printed as stacked ``header: value`` lines instead (a
    narrow terminal)."""
    from rich.cells import cell_len

    out = out or console()
    cells = [[visible(cell) for cell in row] for row in rows]
    # The caption is a title: read before the table, not found after it; printed on its
    # own, so a question longer than a narrow table wraps at the screen's edge, not the
    # table's ("How strong is shared leadership in our" / "partnership?").
    most = [
        max([cell_len(line) for cell in [h, *(r[n] for r in cells)] for line in cell.split("\n")])
        for n, h in enumerate(headers)
    ]
    # SIMPLE_HEAD around the cells: an edge and a space of padding at each end, and
    # padding, divider, padding between two columns.
    frame = 3 * len(headers) + 1
    if sum(most) + frame <= out.width:
        _fitted(headers, cells, [width + 2 for width in most], caption, out, any(headers))
        return
    # Each column at least as wide as its longest word (its whole lines when kept): asked
    # only of a table that does not fit.
    least = [
        max(
            [
                cell_len(piece)
                for cell in [header, *(row[number] for row in cells)]
                for piece in (cell.split("\n") if number < keep else cell.split())
            ]
            or [1]
        )
        for number, header in enumerate(headers)
    ]
    widths = share(least, most, out.width - frame)
    if widths is None:
        _stacked(headers, cells, caption, out)
        return
    # Ids and dates are copied into other commands: the first ``keep`` columns never fold.
    folds = [number >= keep for number in range(len(headers))]
    shown = [
        _wrapped(h, w, f, out, header=True) for h, w, f in zip(headers, widths, folds, strict=True)
    ]
    wrapped = [
        [_wrapped(c, w, f, out) for c, w, f in zip(row, widths, folds, strict=True)]
        for row in cells
    ]
    _fitted(shown, wrapped, [width + 2 for width in widths], caption, out, any(headers))


def _fitted(
    headers: Sequence[str],
    cells: Sequence[Sequence[str]],
    widths: Sequence[int],
    caption: str,
    out: Console,
    show_header: bool,
) -> None:
    """A table that fits: every column its whole width (``widths``, a space of padding
    either side), so nothing is measured again or wrapped, drawn as the lines Rich would
    draw (``fitted_table``): a rollup draws thousands of cells."""
    from reflect_cli.ui import fitted_table

    shown = [_padded(header) for header in headers] if show_header else None
    padded = [[_padded(cell) for cell in row] for row in cells]
    drawn = fitted_table.drawn(shown, padded, widths)
    if caption:
        out.print(text(caption, "bold"))
    out.print(drawn, no_wrap=True, crop=False)


def _wrapped(cell: str, width: int, folds: bool, out: Console, header: bool = False) -> str:
    """A cell's lines as Rich's table wraps it in a column ``width`` wide (its own
    ``Text.wrap``, with the column's defaults; a header read as Rich reads a string, a
    cell as ``text`` makes it): a table that wraps is then drawn like one that fits,
    without Rich's table measuring every cell again (``fitted_table``)."""
    from rich.cells import cell_len
    from rich.text import Text

    if width <= 0:  # a column of empty cells: Rich draws none of their lines
        return ""
    shown = visible(cell if header else cell.replace("\r\n", "\n"))
    if "\n" not in shown and "\t" not in shown and cell_len(shown) <= width:
        return shown  # one line that fits: Rich's wrapping leaves it as it is
    lines = Text(shown).wrap(
        out, width, justify="left", overflow="ellipsis", tab_size=out.tab_size, no_wrap=not folds
    )
    return "\n".join(line.plain for line in lines)


def _padded(cell: str) -> str:
    """A cell's lines with the space of padding before each (the one after is the
    column's width)."""
    return "\n".join(f" {line}" for line in cell.split("\n"))


#: A cell that wraps gets at least this many characters a line (or its whole text), so
#: a commitment reads in lines of several words, never one or two words a line.
READABLE = 24
#: Any other cell that wraps gets at least this many characters a line (or its whole text).
NAME_WHOLE = 16


def share(least: Sequence[int], most: Sequence[int], room: int) -> list[int] | None:
    """Column widths within ``room``: each column at least its longest word (``least``);
    the longest text at least ``READABLE`` characters (or whole), the others at least
    ``NAME_WHOLE`` (a name is rarely longer); the rest shared in proportion to what each
    still lacks, so the long texts get most of it. None when that does not fit (stack
    the table instead)."""
    longest = max(range(len(most)), key=lambda n: most[n], default=0)
    floor = [
        max(low, min(high, READABLE if number == longest else NAME_WHOLE))
        for number, (low, high) in enumerate(zip(least, most, strict=True))
    ]
    spare = room - sum(floor)
    if spare < 0:
        return None
    lacking = [high - low for low, high in zip(floor, most, strict=True)]
    total = sum(lacking)
    if total <= spare:
        return list(most)
    given = [spare * lack // total for lack in lacking]
    left = spare - sum(given)
    for number in sorted(range(len(lacking)), key=lambda n: -lacking[n])[:left]:
        given[number] += 1  # what rounding down left, to the longest texts
    return [low + extra for low, extra in zip(floor, given, strict=True)]


#: Cells this short are stacked side by side: ``equity: 2  leadership: ·``.
_SHORT = 12


def _stacked(
    headers: Sequence[str], cells: Sequence[Sequence[str]], caption: str, out: Console
) -> None:
    """A table too wide for the terminal as one block per row: the first cell, then each
    other one as ``header: value``, wrapped at spaces."""
    from rich.padding import Padding
    from rich.text import Text

    if caption:
        out.print(text(caption, "bold"))
    for row in cells:
        if not any(headers) and len(row) == 2:
            line = Text(row[0] + ": ", style="bold")
            line.append(row[1])
            out.print(line)
            continue
        out.print(Text(" ".join(row[0].split("\n")) or "—", style="bold"))  # "—": none
        pairs = []
        for header, cell in zip(headers[1:], row[1:], strict=False):
            if cell.strip():
                pair = Text(f"{header}: " if header else "", style="dim")
                pair.append(" ".join(cell.split("\n")))
                pairs.append(pair)
        if all(len(cell) <= _SHORT for cell in row[1:]):  # counts, dates: one line of them
            pairs = [Text("  ").join(pairs)]
        for pair in pairs:
            out.print(Padding(pair, (0, 0, 0, 2)))  # wrapped lines stay indented
    out.print()


def show_protocol(protocol: Protocol, out: Console | None = None) -> None:
    """Print a whole protocol: header, intro steps, every domain and question."""
    out = out or console()
    out.print(text(protocol.title, "bold"))
    version = _("version {version}").format(version=protocol.version)
    out.print(text(f"{protocol.id} · {version} · {protocol.path}", "dim"))
    if protocol.summary:
        out.print(text(protocol.summary))
    for step in protocol.intro:
        out.print()
        heading = _("Before the questions: {step}").format(step=step.title)
        if step.minutes:
            heading += " " + ngettext("({count} minute)", "({count} minutes)", step.minutes).format(
                count=step.minutes
            )
        out.print(text(heading, "bold"))
        if step.text:
            out.print(text(step.text))
        if step.link:
            out.print(text(step.link, "underline"))
    number = 0
    for domain in protocol.domains:
        out.print()
        out.print(text(domain.title.upper(), "bold cyan"))
        if domain.help:
            out.print(text(domain.help, "italic"))
        for question in domain.questions:
            number += 1
            kind = _(question.kind)
            if question.round:
                kind += ", " + _("{kind} round").format(kind=_(question.round))
            kind += _(", required") if question.required else ""
            out.print(text(f"{number}. {question.prompt} [{question.id}; {kind}]"))
            if question.help:
                out.print(text(f"   {question.help}", "dim"))
            for index, choice in enumerate(question.choices, 1):
                out.print(text(f"   {index}) {choice.label}"))
                if choice.help:
                    out.print(text(f"      {choice.help}", "dim"))
            if question.scale:
                scale = question.scale
                labels = ", ".join(f"{k} = {v}" for k, v in sorted(scale.labels.items()))
                ends = _("scale {low} to {high}").format(low=scale.min, high=scale.max)
                out.print(text(f"   {ends}: {labels}", "dim"))
            if question.bands:
                bands = ", ".join(
                    _("{band} from {low}").format(band=b.label, low=b.min) for b in question.bands
                )
                out.print(text("   " + _("bands: {bands}").format(bands=bands), "dim"))
    if protocol.source:
        out.print()
        out.print(text(_("Source: {source}").format(source=protocol.source), "dim"))


def cold_read_progress(threshold: int = 500) -> Callable[[int, int], None] | None:
    """A progress bar on standard error for reading many records; none on a pipe."""
    import sys

    if not sys.stderr.isatty():
        return None
    state: dict[str, Any] = {}

    def report(done: int, total: int) -> None:
        if total < threshold:
            return
        if "bar" not in state:
            from rich.progress import Progress

            state["bar"] = Progress(console=console(stderr=True), transient=True)
            state["bar"].start()
            state["task"] = state["bar"].add_task(_("Reading session records"), total=total)
        state["bar"].update(state["task"], completed=done)
        if done >= total:
            state["bar"].stop()

    return report
