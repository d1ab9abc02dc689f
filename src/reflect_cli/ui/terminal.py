"""Rich output for commands: tables and views on standard output, user text made inert.

User text is always passed to Rich as ``Text`` (never markup) after ``visible()`` has
replaced control characters, so `[bold]` or an escape sequence typed in a meeting is
shown as typed and cannot restyle or take over the terminal.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from reflect_cli.controls import visible

if TYPE_CHECKING:
    from rich.console import Console

    from reflect_cli.model import Protocol

__all__ = ["console", "show_protocol", "table", "text", "visible"]


def console(stderr: bool = False, soft_wrap: bool = False, piped_width: int = 200) -> Console:
    """A Rich console on standard output (data) or standard error (messages)."""
    import os
    import sys

    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    # Piped output has no width of its own: ``piped_width`` (wide keeps tables whole for
    # grep; a view to read in a pager asks for 80).
    wide = None if stream.isatty() or os.environ.get("COLUMNS") else piped_width
    return Console(stderr=stderr, highlight=False, soft_wrap=soft_wrap, width=wide)


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
    """Print a table of user text on standard output; the first ``keep`` columns never wrap."""
    from rich import box
    from rich.table import Table

    # The caption is a title: read before the table, not found after it.
    grid = Table(
        box=box.SIMPLE_HEAD,
        title=visible(caption) or None,
        title_justify="left",
        title_style="bold",
        show_header=any(headers),
    )
    for number, header in enumerate(headers):
        # Ids and dates are copied into other commands: never fold them.
        grid.add_column(header, overflow="fold", no_wrap=number < keep, min_width=len(header))
    for row in rows:
        grid.add_row(*(text(cell) for cell in row))  # type: ignore[arg-type]
    (out or console()).print(grid)


def show_protocol(protocol: Protocol, out: Console | None = None) -> None:
    """Print a whole protocol: header, intro steps, every domain and question."""
    out = out or console()
    out.print(text(protocol.title, "bold"))
    out.print(text(f"{protocol.id} · version {protocol.version} · {protocol.path}", "dim"))
    if protocol.summary:
        out.print(text(protocol.summary))
    for step in protocol.intro:
        out.print()
        minutes = f" ({step.minutes} minutes)" if step.minutes else ""
        out.print(text(f"Before the questions: {step.title}{minutes}", "bold"))
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
            kind = question.kind + (f", {question.round} round" if question.round else "")
            kind += ", required" if question.required else ""
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
                out.print(text(f"   scale {scale.min} to {scale.max}: {labels}", "dim"))
            if question.bands:
                bands = ", ".join(f"{b.label} from {b.min}" for b in question.bands)
                out.print(text(f"   bands: {bands}", "dim"))
    if protocol.source:
        out.print()
        out.print(text(f"Source: {protocol.source}", "dim"))


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
            state["task"] = state["bar"].add_task("Reading session records", total=total)
        state["bar"].update(state["task"], completed=done)
        if done >= total:
            state["bar"].stop()

    return report
