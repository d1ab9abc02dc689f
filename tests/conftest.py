"""Shared fixtures: every test gets its own sessions folder and a YAML-writing helper."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"


@pytest.fixture(autouse=True)
def sessions_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point REFLECT_SESSIONS_DIR at tmp_path so no test touches a real folder."""
    folder = tmp_path / "sessions"
    monkeypatch.setenv("REFLECT_SESSIONS_DIR", str(folder))
    monkeypatch.delenv("REFLECT_QUESTIONS_PATH", raising=False)
    monkeypatch.chdir(tmp_path)
    return folder


@pytest.fixture
def write_yaml(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write dedented YAML text to tmp_path/NAME and return the path."""

    def write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return write


MINIMAL_PROTOCOL = """
    id: tiny
    version: 2
    title: Tiny protocol
    domains:
      - id: first
        title: First domain
        questions:
          - id: q-one
            prompt: What do we share?
          - id: q-two
            prompt: Pick one
            kind: choice
            choices: [Alpha, Beta]
      - id: second
        title: Second domain
        questions:
          - id: q-three
            prompt: How strong?
            kind: scale
            scale: {min: 1, max: 5, labels: {1: Weak, 5: Strong}}
          - id: q-four
            prompt: Ready?
            kind: yes-no
          - id: q-five
            prompt: Which apply?
            kind: multi
            choices: [Red, Green, Blue]
"""


@pytest.fixture
def tiny_protocol(write_yaml: Callable[[str, str], Path]) -> Path:
    """A small valid protocol of every question kind, in tmp_path/qs/tiny.yaml."""
    return write_yaml("qs/tiny.yaml", MINIMAL_PROTOCOL)


@pytest.fixture
def cli() -> Callable[..., object]:
    """Run `reflect ARGS` in-process with Typer's CliRunner; stdout and stderr kept apart."""
    from typer.testing import CliRunner

    from reflect_cli.cli import app

    runner = CliRunner()

    def run(*args: str, input: str | None = None) -> object:
        return runner.invoke(app, list(args), input=input, catch_exceptions=False)

    return run
