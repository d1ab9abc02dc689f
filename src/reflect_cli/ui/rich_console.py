"""The facilitator's terminal, drawn with Rich on standard error: the console port's
real implementation (the session flow only knows ``session.console.Console``)."""

from __future__ import annotations

import contextlib
import os
import shlex
import subprocess
import tempfile
from collections.abc import Sequence

from reflect_cli.errors import InputError


class RichConsole:
    """The facilitator's terminal, drawn with Rich on standard error."""

    interactive = True

    def __init__(self) -> None:
        with contextlib.suppress(ImportError):  # line editing and history, where available
            import readline  # noqa: F401
        from reflect_cli.ui import terminal

        self._terminal = terminal
        self._out = terminal.console(stderr=True)

    def say(self, text: str, style: str = "") -> None:
        self._out.print(self._terminal.text(text, style))

    def rule(self, title: str) -> None:
        from rich.rule import Rule

        self._out.print(Rule(self._terminal.text(title, "bold cyan"), style="cyan"))  # type: ignore[arg-type]

    def ask(self, prompt: str, default: str = "") -> str:
        from rich.text import Text

        label = Text(self._terminal.visible(prompt), style="bold")
        if default:
            label.append(f" [{self._terminal.visible(default)}]", style="dim")
        label.append(" ")
        answer = self._out.input(label)
        return answer if answer.strip() or not default else default

    def table(self, headers: Sequence[str], rows: Sequence[Sequence[str]], title: str = "") -> None:
        if title:
            self.say(title, "bold")
        self._terminal.table(headers, rows, out=self._out)

    def edit(self, text: str) -> str:
        editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
        with tempfile.NamedTemporaryFile("w", suffix=".md", delete=False, encoding="utf-8") as f:
            f.write(text)
            name = f.name
        try:
            done = subprocess.run([*shlex.split(editor), name], check=False)
            if done.returncode != 0:
                raise InputError(f"the editor ({editor}) exited with status {done.returncode}")
            with open(name, encoding="utf-8") as handle:
                return handle.read().rstrip("\n")
        except OSError as exc:
            raise InputError(f"cannot run the editor {editor!r}: {exc.strerror or exc}") from None
        finally:
            os.unlink(name)
