"""The one path to the terminal: everything reflect writes to standard output or standard
error (data, warnings, errors, prompts, confirmations) and every line it reads leaves
through this module, and nowhere else (tests/test_ui_screen.py reads the whole package's
code to hold that).

Text from a sessions folder is untrusted: a file or folder name, a record id, a
collaborative, an answer may hold ``ESC ] 0 ;`` (set the window title), ``ESC [ 2 J``
(clear the screen), an OSC 52 that writes the clipboard, or ``[bold]``. So:

- plain text (``write``, ``message``, ``warning``, ``data``, ``confirm``) goes through
  ``visible()``: every control character is shown as an escape (ESC as ``\\x1b``);
- Rich output goes through ``console()``, a Rich console that never reads markup or
  emoji codes in a string, passes every string it renders through ``visible()``, and,
  last, every segment of text it writes (a ``Text`` built anywhere included); only the
  control segments Rich makes itself (cursor moves, clearing) stay codes.

Rich is imported only when a console is made: `reflect --help` and messages stay instant.
"""

from __future__ import annotations

import contextlib
import enum
import re
import sys
from collections.abc import Iterable, Iterator
from functools import cache
from typing import TYPE_CHECKING, Any, TextIO

from reflect_cli import kinds
from reflect_cli.controls import visible
from reflect_cli.i18n.messages import _
from reflect_cli.ui import hidden

if TYPE_CHECKING:
    from rich.console import Console

__all__ = [
    "Stream",
    "confirm",
    "console",
    "data",
    "erase_typed_line",
    "flush_data",
    "message",
    "read_line",
    "read_secret",
    "reader_gone",
    "visible",
    "warning",
    "write",
]

#: Escape sequences in a rendered prompt, wrapped in \x01..\x02 so readline does not count
#: them as visible characters (else its redraws cut the prompt short).
_ESCAPE = re.compile(r"(\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\))")


class Stream(enum.Enum):
    """Standard output holds data; standard error holds messages and prompts."""

    OUT = "out"
    ERR = "err"


def _stream(to: Stream) -> TextIO:
    return sys.stdout if to is Stream.OUT else sys.stderr


def write(text: str, to: Stream = Stream.ERR, end: str = "\n", crlf: bool = False) -> None:
    """``text`` with its control characters shown as escapes, then ``end`` (ours: a newline
    or nothing), flushed. ``crlf``: a CSV's line endings kept."""
    stream = _stream(to)
    stream.write(visible(text, crlf=crlf) + visible(end))
    stream.flush()


def message(text: str) -> None:
    """A message on standard error, each line as ``reflect: …``."""
    for line in text.splitlines() or [""]:
        write(f"reflect: {line}")


def warning(text: str) -> None:
    """A warning on standard error, each line as ``reflect: warning: …``."""
    for line in text.splitlines() or [""]:
        write("reflect: " + _("warning: {line}").format(line=line))


def data(chunks: str | Iterable[str], end: str = "", crlf: bool = False) -> None:
    """Data on standard output, made visible even on a pipe: a pipe often ends on a
    terminal too (``| less -R``, ``| cat``). Exports and JSON already write their control
    characters as escapes of their own, so this changes nothing of theirs."""
    for chunk in [chunks] if isinstance(chunks, str) else chunks:
        sys.stdout.write(visible(chunk, crlf=crlf))
    write("", Stream.OUT, end=end)


def flush_data() -> None:
    """Standard output flushed now, so a reader gone shows as BrokenPipeError to the CLI's
    one exit point rather than at Python's shutdown."""
    sys.stdout.flush()


def reader_gone() -> None:
    """The reader of standard output stopped reading (``| head``): nothing more is
    written there. Standard output is pointed at the null device, so that neither a later
    write nor Python's flush at shutdown meets the closed pipe again (it would print
    "Exception ignored ... BrokenPipeError")."""
    import os

    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def confirm(question: str) -> bool:
    """``question [y/N]`` on standard error; True only for y or yes. Read without
    readline, so an empty Enter still ends the line."""
    write(question + _(" [y/N]") + " ", end="")
    return kinds.yes_or_no(sys.stdin.readline()) is True


def erase_typed_line() -> None:
    """Back to the start of the cursor's line and clear it (typeahead echoed there by the
    terminal); a closed terminal cannot be written to: nothing to do then."""
    with contextlib.suppress(OSError):
        sys.stderr.write("\r\x1b[K")


def fresh_line() -> None:
    """End the line the cursor is on (after Ctrl-C at a prompt)."""
    with contextlib.suppress(OSError):
        write("")


def read_line(label: object, out: Console, readline: bool) -> str:
    """One line typed after ``label`` (a Rich renderable of inert text, drawn by ``out``).
    With ``readline``, the drawn prompt is handed to ``input()``, so that its redraws,
    history and completion know it."""
    if not readline:
        out.print(label, end="")
        sys.stderr.flush()
        return input()
    with out.capture() as captured:
        out.print(label, end="")
    return input(_ESCAPE.sub(lambda m: f"\x01{m.group()}\x02", captured.get()))


def read_secret(label: object, out: Console) -> str:
    """One line typed with echo off after ``label``; never in readline's history."""
    import getpass

    def prompt() -> None:
        out.print(label, end="")
        sys.stderr.flush()

    def again() -> None:  # after Ctrl-Z and `fg`: the prompt on a line of its own again
        if out.is_terminal:
            with contextlib.suppress(OSError):
                out.file.write("\r\x1b[K")
        prompt()

    prompt()
    with hidden.terminal_restored(again):  # any signal gives the terminal back with echo on
        return getpass.getpass("")


def clear_all(out: Console) -> None:
    """Clear the screen and its scrollback (``hidden.CLEAR``): what was shown before
    cannot be scrolled back to."""
    if out.is_terminal:
        with contextlib.suppress(OSError):
            out.file.write(hidden.CLEAR)
            out.file.flush()


@cache
def _inert_console() -> type[Console]:
    from rich.console import Console, RenderableType
    from rich.segment import Segment
    from rich.text import Text

    class InertConsole(Console):
        """A Rich console whose strings are never markup, and whose text, wherever it
        was built, reaches the terminal with its control characters as escapes."""

        def render_str(self, text: str, **options: Any) -> Text:
            options.update(markup=False, emoji=False, highlight=False)
            return super().render_str(visible(text), **options)

        def render(self, renderable: RenderableType, options: Any = None) -> Iterable[Segment]:
            return _inert(super().render(renderable, options))

        def on_broken_pipe(self) -> None:
            """Rich would exit 1 here: the reader stopping is the CLI's to end (status 0,
            no message), like every other write to a closed pipe."""
            self.quiet = True
            raise BrokenPipeError

    def _inert(segments: Iterable[Segment]) -> Iterator[Segment]:
        for segment in segments:
            if segment.control or visible(segment.text) == segment.text:
                yield segment
            else:
                yield Segment(visible(segment.text), segment.style)

    return InertConsole


def console(stderr: bool = False, soft_wrap: bool = False, piped_width: int = 200) -> Console:
    """A Rich console on standard output (data) or standard error (messages), inert to
    markup and control characters in what it is given."""
    import os

    stream = sys.stderr if stderr else sys.stdout
    # Piped output has no width of its own: ``piped_width`` (wide keeps tables whole for
    # grep; a view to read in a pager asks for 80).
    wide = None if stream.isatty() or os.environ.get("COLUMNS") else piped_width
    return _inert_console()(
        stderr=stderr,
        highlight=False,
        markup=False,
        emoji=False,
        soft_wrap=soft_wrap,
        width=wide,
    )
