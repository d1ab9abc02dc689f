"""The first read of many records shows a progress bar on a terminal, not on a pipe."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pexpect
import pytest

from conftest import make_session
from reflect_cli.records.home import where_home as private_home

pytestmark = pytest.mark.slow


def test_cold_read_shows_progress_on_a_terminal_only(sessions_dir: Path) -> None:
    first = make_session(sessions_dir, "partnership-reflection")
    text = (sessions_dir / f"{first}.yaml").read_text(encoding="utf-8")
    for number in range(700):  # copies of a real record under new ids
        other = f"2026-01-01-copy-{number:04x}"
        (sessions_dir / f"{other}.yaml").write_text(text.replace(first, other), encoding="utf-8")
    env = {**os.environ, "REFLECT_SESSIONS_DIR": str(sessions_dir), "COLUMNS": "120"}
    child = pexpect.spawn(
        sys.executable,
        ["-m", "reflect_cli", "list", "-n", "1"],
        env=env,
        encoding="utf-8",
        timeout=60,
    )
    child.expect_exact("Reading session records")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    import shutil

    shutil.rmtree(private_home(sessions_dir))
    import subprocess

    piped = subprocess.run(
        [sys.executable, "-m", "reflect_cli", "list", "-n", "1"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert piped.returncode == 0 and "Reading session records" not in piped.stderr


@pytest.mark.parametrize(
    "args", [("export", "-f", "md"), ("export", "-f", "csv"), ("export", "-f", "json"), ("show",)]
)
def test_controls_in_answers_never_reach_the_terminal(
    sessions_dir: Path, args: tuple[str, ...]
) -> None:
    controls = "osc \x1b]8;;http://evil\x07link\x1b]8;;\x07 clear \x1b[2J c1 \x9b31m bell \x07"
    make_session(sessions_dir, "partnership-reflection", answers={"shared-values": controls})
    env = {**os.environ, "REFLECT_SESSIONS_DIR": str(sessions_dir), "COLUMNS": "120"}
    child = pexpect.spawn(
        sys.executable, ["-m", "reflect_cli", *args], env=env, encoding=None, timeout=60
    )
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    seen = child.before
    assert b"osc " in seen  # the answer was printed
    assert b"\x1b]" not in seen and b"\x1b[2J" not in seen and b"\x07" not in seen
    assert "\x9b".encode() not in seen and b"\x9b" not in seen
    if args[0] == "export":
        assert b"\x1b" not in seen  # an export prints no styling of its own
