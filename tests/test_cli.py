"""The command as a whole: version, help for every command, the one exit point."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import typer

from reflect_cli import __version__
from reflect_cli.cli import app


def _command_paths(group: Any, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    paths = []
    for name, command in group.commands.items():
        paths.append((*prefix, name))
        if hasattr(command, "commands"):
            paths.extend(_command_paths(command, (*prefix, name)))
    return paths


def test_version(cli: Any) -> None:
    result = cli("--version")
    assert result.exit_code == 0 and result.stdout.strip() == f"reflect {__version__}"


def test_every_command_has_help(cli: Any) -> None:
    root = typer.main.get_command(app)
    paths = _command_paths(root)
    assert ("protocols", "validate") in paths
    for path in paths:
        result = cli(*path, "--help")
        assert result.exit_code == 0, path
        command = root
        for name in path:
            command = command.commands[name]  # type: ignore[attr-defined]
        assert command.help and len(command.help.strip()) > 20, f"{path} has no docstring"
        assert "Usage:" in result.stdout


def test_python_dash_m_runs() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "reflect_cli", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0 and __version__ in done.stdout
