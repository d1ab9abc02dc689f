"""A reader that stops reading (``reflect show last | head``) is not a fault: every command
that writes data ends with status 0 and says nothing, through a real pipe closed early."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import make_session
from reflect_cli.model import Action

#: Every command that writes data to standard output.
COMMANDS = [
    ["show", "last"],
    ["list"],
    ["list", "--json"],
    ["search", "fair"],
    ["search", "--regex", "fa.r"],
    ["export"],
    ["export", "-f", "json"],
    ["export", "-f", "html"],
    ["export", "-f", "csv"],
    ["export", "-o", "/dev/stdout"],
    ["commitments"],
    ["commitments", "--json"],
    ["trends"],
    ["protocols", "list"],
    ["protocols", "show", "partnership-reflection"],
]


@pytest.fixture(scope="module")
def big_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One session larger than a pipe's buffer, so a pipe closed early is met mid-write."""
    folder = tmp_path_factory.mktemp("pipe") / "sessions"
    make_session(
        folder,
        "partnership-reflection",
        answers={"shared-values": "monica: fair access to the gym. " * 8000},
        actions=[
            Action(f"Share calendar {n} with Nguyễn Thị Lan", "jo", "2026-12-05")
            for n in range(300)
        ],
    )
    return folder


def _run_closed_early(args: list[str], folder: Path, read: int) -> tuple[int, bytes]:
    env = {**os.environ, "REFLECT_SESSIONS_DIR": str(folder), "COLUMNS": "100"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "reflect_cli", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=env,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(read)
    proc.stdout.close()  # the reader stops: every later write meets a closed pipe
    err = proc.stderr.read()
    return proc.wait(timeout=120), err


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
@pytest.mark.parametrize("read", [0, 10])
def test_a_reader_that_stops_ends_quietly_with_status_0(
    args: list[str], read: int, big_folder: Path
) -> None:
    status, err = _run_closed_early(args, big_folder, read)
    # No "Broken pipe", no "Exception ignored" at shutdown; search's count of hits may
    # still come when its few lines fitted in the pipe before it closed.
    assert not [line for line in err.splitlines() if b" hit" not in line]
    assert status == 0
