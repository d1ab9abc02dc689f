"""The facilitator's terminal, drawn with Rich on standard error: the console port's
real implementation (the session flow only knows ``session.console.Console``).

Prompts are drawn by Rich but handed to ``input()`` so that readline knows them: it then
ends every line (an empty Enter too) with a newline, redraws the prompt with history
(Up/Down), and completes handles and commands with Tab.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

from reflect_cli import typed_text
from reflect_cli.ui import editor, screen

#: Room kept beside a heading's title for the rule on each side.
_RULE_MARGIN = 8


def _readline() -> ModuleType | None:
    if sys.flags.utf8_mode and "PYTHONUTF8" not in os.environ:
        # The locale is C or POSIX (Python turned UTF-8 mode on for it). GNU readline then
        # swallows the first byte that is not UTF-8 and puts it in place of a later one
        # (a Latin-1 "crème" became "cr\xe9me"): plain input keeps every byte, for
        # typed_text to show and warn about. Tab completion and history are the price.
        return None
    try:
        import readline
    except ImportError:  # Windows, or a Python built without it: plain input still works
        return None
    return readline


class RichConsole:
    """The facilitator's terminal, drawn with Rich on standard error."""

    interactive = True

    def __init__(self, folder: Path | None = None) -> None:
        from reflect_cli.ui import terminal

        #: The sessions folder: the editor's file (private text) is made in its private
        #: state folder.
        self.folder = folder
        self._readline = _readline()
        self._terminal = terminal
        self._out = terminal.console(stderr=True)
        self._handles: list[str] = []
        self._commands: list[str] = []
        self.unfinished = ""
        self._on_terminal = sys.stderr.isatty() and os.environ.get("TERM") != "dumb"
        if self._readline is not None:
            self._readline.set_completer(self._complete)
            self._readline.set_completer_delims(" \t\n")
            if "libedit" in (self._readline.__doc__ or ""):
                self._readline.parse_and_bind("bind ^I rl_complete")
            else:
                self._readline.parse_and_bind("tab: complete")

    @property
    def width(self) -> int:
        """The terminal's width now, in columns."""
        return self._out.width

    def say(self, text: str, style: str = "") -> None:
        self._after_typeahead()
        self._out.print(self._terminal.text(text, style))

    def item(self, marker: str, text: str, style: str = "") -> None:
        from rich.table import Table

        self._after_typeahead()
        # A grid: the marker's column never wraps, the text's wraps under itself.
        grid = Table.grid()
        grid.add_column(no_wrap=True)
        grid.add_column()
        grid.add_row(self._terminal.text(marker, style), self._terminal.text(text, style))  # type: ignore[arg-type]
        self._out.print(grid)

    def _after_typeahead(self) -> None:
        """Keys typed before a prompt is shown (typeahead) are echoed by the terminal
        where the cursor is, and what we print next would follow them on their line.
        Everything we print ends its line, so the cursor's line holds nothing of ours:
        go back to its start and clear it. readline shows those keys again after the
        prompt, as the start of its answer."""
        if self._on_terminal:
            screen.erase_typed_line()

    def rule(self, title: str, detail: str = "") -> None:
        from rich.cells import cell_len
        from rich.rule import Rule

        self._after_typeahead()
        shown, detail = self._terminal.visible(title), self._terminal.visible(detail)
        whole = f"{shown} · {detail}" if detail else shown
        if cell_len(whole) + _RULE_MARGIN <= self._out.width:
            self._out.print(Rule(self._terminal.text(whole, "bold cyan"), style="cyan"))  # type: ignore[arg-type]
            return
        # Too long for one line: the detail (or nothing) in the rule, then the title as
        # wrapped text, so a heading never spills a stray piece of rule onto the next line.
        if detail and cell_len(detail) + _RULE_MARGIN <= self._out.width:
            self._out.print(Rule(self._terminal.text(detail, "cyan"), style="cyan"))  # type: ignore[arg-type]
            self.say(shown, "bold cyan")
            return
        self._out.print(Rule(style="cyan"))
        self.say(whole, "bold cyan")

    def completions(self, handles: Sequence[str], commands: Sequence[str]) -> None:
        self._handles, self._commands = list(handles), list(commands)

    def _complete(self, text: str, state: int) -> str | None:
        """Tab: a handle (``monica: ``) or a command at the start of a line, ``@handle``
        anywhere (a commitment's owner)."""
        assert self._readline is not None
        at_start = self._readline.get_begidx() == 0
        if text.startswith("@"):
            found = [f"@{h} " for h in self._handles if h.startswith(text[1:].lower())]
        elif at_start and text.startswith("/"):
            found = [f"{c} " for c in self._commands if c.startswith(text.lower())]
        elif at_start:
            found = [f"{h}: " for h in self._handles if h.startswith(text.lower())]
        elif self._readline.get_line_buffer().split(" ", 1)[0] in ("/as", "/leave"):
            found = [h for h in self._handles if h.startswith(text.lower())]
        else:
            found = []
        return found[state] if state < len(found) else None

    def ask(self, prompt: str, default: str = "") -> str:
        from rich.text import Text

        label = Text(self._terminal.visible(prompt), style="bold")
        if default:
            label.append(f" [{self._terminal.visible(default)}]", style="dim")
        label.append(" ")
        self.unfinished = ""
        self._after_typeahead()
        try:
            answer = self._input(label)
        except (KeyboardInterrupt, EOFError):
            # Ctrl-C, a hang-up (its handler raises KeyboardInterrupt) or the end of
            # input mid-line: readline still holds what was typed, for the flow to keep.
            if self._readline is not None:
                self.unfinished = typed_text.from_terminal(self._readline.get_line_buffer()).text
            self._fresh_line()
            raise
        answer = self._decoded(answer)
        return answer if answer.strip() or not default else default

    def _decoded(self, typed: str) -> str:
        """What was typed as text a record can keep, said once when bytes were not UTF-8."""
        decoded = typed_text.from_terminal(typed)
        if decoded.undecodable:
            self.say(decoded.warning, "yellow")
        return decoded.text

    def _input(self, label: object) -> str:
        with_readline = self._readline is not None and sys.stdin.isatty() and sys.stdout.isatty()
        return screen.read_line(label, self._out, readline=with_readline)

    @staticmethod
    def _fresh_line() -> None:
        """Ctrl-C and Ctrl-D leave the cursor after the prompt: what follows starts on a
        fresh line. A closed terminal cannot be written to: nothing to do then."""
        screen.fresh_line()

    def secret(self, prompt: str) -> str:
        from rich.text import Text

        label = Text(self._terminal.visible(prompt) + " ", style="bold")
        self.unfinished = ""  # a secret is never kept, typed or not
        try:
            # getpass turns echo off and reads the terminal directly: readline keeps no
            # history of it, so the Up arrow never brings a rating back. Any signal puts
            # the terminal back (Ctrl-\ used to leave echo off): ui/hidden.py.
            return self._decoded(screen.read_secret(label, self._out))
        except UnicodeDecodeError:
            # getpass reads the terminal strictly, so the bytes are gone: what comes back
            # is no rating at all (asked again), and never echoes what was typed.
            self._fresh_line()
            self.say(typed_text.Decoded("", 1).warning, "yellow")
            return "\ufffd"
        except (KeyboardInterrupt, EOFError):
            self._fresh_line()
            raise

    def clear(self) -> None:
        # The scrollback too: scrolling up must not show the facilitator's notes or the
        # last person's screen to whoever has the laptop now.
        screen.clear_all(self._out)

    def table(self, headers: Sequence[str], rows: Sequence[Sequence[str]], title: str = "") -> None:
        self._after_typeahead()
        if title:
            self.say(title, "bold")
        # Nothing in a meeting's tables is copied into a command: every column may wrap.
        self._terminal.table(headers, rows, out=self._out, keep=0)

    def edit(self, text: str) -> str:
        # The editor's file lives in the sessions folder's private state folder, never in /tmp.
        return editor.edit(text, self.folder, lambda warning: self.say(warning, "yellow"))
