"""A Ctrl-C while SQLite runs one of our functions (``search --regex``) ends the command
as every Ctrl-C does: "interrupted", status 130; never "cannot search for that" (2)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from reflect_cli.model import AnswerRecord, DomainRecord, Kind, ProtocolRef, Session
from reflect_cli.records import codec

#: Exponential time on a run of "a"s that does not end the text: it never finishes.
CATASTROPHIC = "(a+)+$"


def _folder(folder: Path, sessions: int = 60) -> None:
    """A large folder whose answers make ``CATASTROPHIC`` take forever on each text."""
    folder.mkdir(mode=0o700)
    for n in range(sessions):
        answers = [
            AnswerRecord(f"q{k}", "What changed?", Kind.TEXT, answer="a" * 40 + "! Nguyễn Thị Lan")
            for k in range(5)
        ]
        session = Session(
            id=f"2026-11-{n % 28 + 1:02d}-northgate-ost-{n:04x}",
            protocol=ProtocolRef("p", 1, "P"),
            collaborative="Northgate OST",
            date=f"2026-11-{n % 28 + 1:02d}",
            domains=[DomainRecord("d", "D", answers)],
        )
        (folder / f"{session.id}.yaml").write_text(codec.dump(session), encoding="utf-8")


def _opened_index(pid: int, timeout: float = 60.0) -> bool:
    """Whether the process has the index open (so past start-up, its handlers set)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            links = [os.readlink(f"/proc/{pid}/fd/{fd}") for fd in os.listdir(f"/proc/{pid}/fd")]
        except OSError:
            links = []
        if any(link.endswith("index.sqlite") for link in links):
            return True
        time.sleep(0.05)
    return False


def test_ctrl_c_during_a_regex_search_is_interrupted_130(tmp_path: Path) -> None:
    folder = tmp_path / "big"
    _folder(folder)
    env = {**os.environ, "REFLECT_SESSIONS_DIR": str(folder)}
    run = [sys.executable, "-m", "reflect_cli"]
    subprocess.run([*run, "list"], env=env, capture_output=True, check=True)  # the index
    proc = subprocess.Popen(
        [*run, "search", "--regex", CATASTROPHIC],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=env,
        text=True,
    )
    try:
        assert _opened_index(proc.pid), "the search never opened the index"
        time.sleep(1.0)  # into the regular expression, which never ends by itself
        assert proc.poll() is None, proc.communicate()
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert (proc.returncode, err) == (130, "reflect: interrupted\n")
    assert out == ""


def test_every_user_function_is_registered_in_one_place() -> None:
    """Another ``create_function`` (or aggregate, collation) would swallow a Ctrl-C."""
    package = Path(__file__).resolve().parents[1] / "src" / "reflect_cli"
    found = [
        path.relative_to(package).as_posix()
        for path in package.rglob("*.py")
        for word in ("create_function", "create_aggregate", "create_window_function")
        if f".{word}(" in path.read_text(encoding="utf-8")
    ]
    assert found == ["records/sql_functions.py"]
