"""The console port: everything the session flow says or asks goes through here.

``ui.rich_console.RichConsole`` talks to the facilitator's terminal; ``ScriptedConsole``
(here) answers from a list of lines, for tests and ``--no-input``. The flow never
imports Rich.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

#: What ``ScriptedConsole.shown`` holds where the screen was cleared.
CLEARED = "<screen cleared>"
#: A scripted line that is Ctrl-C pressed at that prompt.
CTRL_C = "\x03"


class Console(Protocol):
    """What the session flow needs from a terminal."""

    interactive: bool
    #: What was typed, not yet entered, at the prompt Ctrl-C (or a hang-up) stopped:
    #: the flow keeps it. Never what was typed at a ``secret`` prompt.
    unfinished: str

    def say(self, text: str, style: str = "") -> None:
        """Show text (never interpreted as markup)."""

    def item(self, marker: str, text: str, style: str = "") -> None:
        """A list item: ``text`` wraps beside ``marker`` (``  1) ``), its continuation
        lines indented under the text, never back at the margin."""

    def rule(self, title: str, detail: str = "") -> None:
        """A heading line across the screen; ``detail`` (progress) goes beside the title
        when both fit."""

    def ask(self, prompt: str, default: str = "") -> str:
        """One line of input; raises KeyboardInterrupt (Ctrl-C) or EOFError (Ctrl-D)."""

    def secret(self, prompt: str) -> str:
        """One line typed without echo (an anonymous rating); never kept in history."""

    def clear(self) -> None:
        """Clear the screen, so the next person sees nothing of the last one's entry."""

    def table(self, headers: Sequence[str], rows: Sequence[Sequence[str]], title: str = "") -> None:
        """Show a small table."""

    def edit(self, text: str) -> str:
        """Let the facilitator edit ``text`` in an editor; returns the new text."""

    def completions(self, handles: Sequence[str], commands: Sequence[str]) -> None:
        """What Tab completes from now on: handles (at a line's start and after ``@``)
        and commands."""


class ScriptedConsole:
    """Answers from a list of lines; records what was shown. Ctrl-D when lines run out,
    Ctrl-C at a ``CTRL_C`` line."""

    def __init__(self, lines: Sequence[str] = (), interactive: bool = True) -> None:
        self.lines = list(lines)
        self.interactive = interactive
        self.shown: list[str] = []
        self.edits: list[str] = []
        self.handles: list[str] = []
        self.unfinished = ""

    def say(self, text: str, style: str = "") -> None:
        self.shown.append(text)

    def item(self, marker: str, text: str, style: str = "") -> None:
        self.shown.append(marker + text)

    def rule(self, title: str, detail: str = "") -> None:
        self.shown.append(f"== {title}{' · ' + detail if detail else ''} ==")

    def ask(self, prompt: str, default: str = "") -> str:
        self.shown.append(prompt)
        self.unfinished = ""
        if not self.lines:
            raise EOFError
        line = self.lines.pop(0)
        if line.endswith(CTRL_C):  # "half typed\x03": Ctrl-C with that on the line
            self.unfinished = line.removesuffix(CTRL_C)
            raise KeyboardInterrupt
        return line if line.strip() or not default else default

    def secret(self, prompt: str) -> str:
        self.shown.append(prompt)  # the prompt only: what is typed is never shown
        self.unfinished = ""
        if not self.lines:
            raise EOFError
        return self.lines.pop(0)

    def clear(self) -> None:
        self.shown.append(CLEARED)

    def table(self, headers: Sequence[str], rows: Sequence[Sequence[str]], title: str = "") -> None:
        self.shown.append(title)
        self.shown.extend(" | ".join(row) for row in rows)

    def edit(self, text: str) -> str:
        if not self.edits:
            return text
        return self.edits.pop(0)

    def completions(self, handles: Sequence[str], commands: Sequence[str]) -> None:
        self.handles = list(handles)
