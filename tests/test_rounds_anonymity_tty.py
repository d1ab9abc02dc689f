"""Anonymity kept in what is stored, tried in a real terminal as an attacker would: by
watching every byte of the sessions folder after every hidden entry, reading the record
that git would push, and scrolling back on the laptop that was passed round."""

from __future__ import annotations

import io
import json
import os
import re
import signal
import stat
import sys
import termios
import time
from collections.abc import Callable
from pathlib import Path

import pexpect
import pyte
import pytest
import yaml

from reflect_cli.records.home import where_home as private_home
from rounds_fixtures import STORY, write_protocol

pytestmark = pytest.mark.slow

#: An anonymous 1–5 scale round.
SHARED = """
      - id: shared
        prompt: How evenly is decision-making shared?
        kind: scale
        round: anonymous
        scale: {min: 1, max: 5, labels: {1: Not yet, 5: Fully}}
"""

#: Ravi is the Library's only person: his organization must never carry his rating.
ROOM = [
    ("Nguyễn Thị Lan", "Seattle Parks and Recreation", "lan", "4"),
    ("Hope Lee", "Seattle Parks and Recreation", "hope", "2"),
    ("Ravi Menon", "Library", "ravi", "1"),
    ("Grace Tesfaye", "Northgate Elementary", "grace", "3"),
    ("Justice Williams", "Northgate Elementary", "justice", "/pass"),
    ("May Chen", "Northgate Elementary", "may", "3"),
]
NOTE = "Jo seemed hesitant, ask Ravi privately"
ROWS = 12  # a short terminal: the meeting so far is in the scrollback when the round begins


def spawn(sessions: Path, questions: Path, *args: str, shell: str = "") -> pexpect.spawn:
    env = {**os.environ, "REFLECT_SESSIONS_DIR": str(sessions), "NO_COLOR": "1"}
    env["REFLECT_QUESTIONS_PATH"] = str(questions)
    command = [sys.executable, "-m", "reflect_cli", *args]
    if shell:  # run inside a shell, then ``shell`` (to see the terminal it left)
        quoted = " ".join("'" + part.replace("'", "'\\''") + "'" for part in command)
        # The shell runs a command on Ctrl-C (reset to the default in reflect) so that
        # it outlives reflect and can show the terminal reflect left behind.
        command = ["/bin/sh", "-c", f"trap : INT QUIT; {quoted}; {shell}"]
    child = pexpect.spawn(
        command[0], command[1:], env=env, encoding="utf-8", timeout=30, dimensions=(ROWS, 120)
    )
    child.logfile_read = io.StringIO()  # every byte the terminal was sent
    return child


def start(sessions: Path, questions: Path, shell: str = "") -> pexpect.spawn:
    args = ["start", "rounds", "--collaborative", "Northgate OST", "--date", "2026-11-23"]
    args += ["--site", "Northgate", "--facilitator", "Alex Rivera"]
    for name, organization, handle, _ in ROOM:
        args += ["-p", f"{name} | {organization} | Partner | {handle}"]
    return spawn(sessions, questions, *args, shell=shell)


def shared_folder(sessions: Path) -> dict[str, bytes]:
    """Every entry of the sessions folder a partner could see: all of it (reflect keeps
    nothing else there), with each file's bytes."""
    return {
        str(path.relative_to(sessions)): path.read_bytes() if path.is_file() else b"/"
        for path in sorted(sessions.rglob("*"))
    }


def hidden_prompt(name: str) -> str:
    return f"{name}, your rating (hidden; /pass to pass):"


def the_meeting_before_the_round(child: pexpect.spawn) -> None:
    """The discussion question: a private note, then a line, then on to the round."""
    child.expect_exact("What is behind these ratings?")
    child.expect_exact("> ")
    child.sendline(f"/note {NOTE}")
    child.expect_exact("Private note saved")
    child.sendline("lan: we meet every month now")
    child.expect_exact("> ")
    child.sendline("")


@pytest.fixture
def questions(tmp_path: Path) -> Path:
    return write_protocol(tmp_path / "qs", STORY, SHARED)


def test_no_byte_of_the_shared_folder_changes_while_an_anonymous_round_runs(
    sessions_dir: Path, questions: Path
) -> None:
    child = start(sessions_dir, questions)
    the_meeting_before_the_round(child)
    child.expect_exact(hidden_prompt(ROOM[0][0]))
    before = shared_folder(sessions_dir)
    assert any(name.endswith(".yaml") for name in before)
    for number, (name, _, _, typed) in enumerate(ROOM):
        if number:
            child.expect_exact(hidden_prompt(name))
            # The last entry was kept (private state) before this prompt: nothing shared moved.
            assert shared_folder(sessions_dir) == before, f"changed after entry {number}"
            (kept,) = (private_home(sessions_dir) / "rounds").iterdir()
            assert stat.S_IMODE(kept.stat().st_mode) == 0o600
            ballot = json.loads(kept.read_text(encoding="utf-8"))
            assert ballot["entered_by"] == sorted(h for _, _, h, _ in ROOM[:number])
            assert sum(c["count"] for c in ballot["counts"]) + ballot["passed"] == number
        child.sendline(typed)
    child.expect_exact("5 rated, 1 passed · median 3 · range 1 to 4")
    child.expect_exact("> ")
    child.sendline("/pause")
    child.expect(pexpect.EOF)
    child.close()

    assert list((private_home(sessions_dir) / "rounds").iterdir()) == []  # gone at the end
    (path,) = sessions_dir.glob("*.yaml")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    (shared,) = [q for d in data["domains"] for q in d["questions"] if q["id"] == "shared"]
    # Counts only, in the values' order. Ravi was the Library's only person: pooled, his
    # rating would be the pool's only one, so the round keeps no organization at all
    # (each group shown would give his away by subtraction from the total).
    assert shared["ratings"] == [
        {"value": 1, "count": 1},
        {"value": 2, "count": 1},
        {"value": 3, "count": 2},
        {"value": 4, "count": 1},
    ]
    assert shared["passed"] == 1
    assert not {"entered_by", "passed_by", "in_progress"} & set(shared)
    section = yaml.safe_dump(shared, allow_unicode=True)
    for word in ("Library", "Parks", "Northgate", "lan", "ravi", "Ravi", "participant"):
        assert word not in section


def test_an_organization_is_stored_only_with_three_ratings_or_more(
    sessions_dir: Path, questions: Path
) -> None:
    """Ravi passes: Northgate gives three ratings, Parks two. Parks' line (or a pool of
    two) would let each of its two work out the other's rating, so the record keeps no
    organization at all."""
    child = start(sessions_dir, questions)
    the_meeting_before_the_round(child)
    for name, _, _, typed in ROOM:
        child.expect_exact(hidden_prompt(name))
        child.sendline("/pass" if name == "Ravi Menon" else typed.replace("/pass", "5"))
    child.expect_exact("5 rated, 1 passed")
    child.expect_exact("> ")
    child.sendline("/pause")
    child.expect(pexpect.EOF)
    child.close()
    (path,) = sessions_dir.glob("*.yaml")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    (shared,) = [q for d in data["domains"] for q in d["questions"] if q["id"] == "shared"]
    assert shared["ratings"] == [
        {"value": 2, "count": 1},
        {"value": 3, "count": 2},
        {"value": 4, "count": 1},
        {"value": 5, "count": 1},
    ]


def screen_at(log: str, mark: str) -> pyte.HistoryScreen:
    """The terminal as it was when ``mark`` was last drawn, scrollback included."""
    screen = pyte.HistoryScreen(120, ROWS, history=1000)
    pyte.Stream(screen).feed(log[: log.rindex(mark) + len(mark)])
    return screen


def everything_on(screen: pyte.HistoryScreen) -> str:
    """What scrolling up and the screen itself show."""
    history = [
        "".join(line[x].data for x in sorted(line)) for line in screen.history.top
    ]  # lines scrolled off the top: what scrolling up shows
    return "\n".join([*history, *screen.display])


def test_pass_the_laptop_clears_the_scrollback_before_and_after_each_entry(
    sessions_dir: Path, questions: Path
) -> None:
    child = start(sessions_dir, questions)
    the_meeting_before_the_round(child)
    for name, _, _, typed in ROOM:
        child.expect_exact(hidden_prompt(name))
        log = child.logfile_read.getvalue()
        # Before the laptop is passed: neither the facilitator's note nor the meeting
        # is anywhere the person holding it can scroll to.
        screen = screen_at(log, hidden_prompt(name))
        shown = everything_on(screen)
        assert NOTE not in shown and "we meet every month" not in shown
        assert "Private note saved" not in shown
        assert list(screen.history.top) == []  # no earlier line at all
        assert name in shown and "How evenly is decision-making shared?" in shown
        child.sendline(typed)
    child.expect_exact("5 rated, 1 passed")
    child.expect_exact("> ")
    child.sendline("/pause")
    child.expect(pexpect.EOF)
    child.close()
    log = child.logfile_read.getvalue()
    assert log.count("\x1b[2J\x1b[3J") >= len(ROOM) + 1  # as the round begins, after each
    before_result = log[: log.index("5 rated, 1 passed")]
    last_prompt = before_result.rindex(hidden_prompt(ROOM[-1][0]))
    assert "\x1b[3J" in before_result[last_prompt:]  # cleared after the last entry too


@pytest.mark.parametrize(
    ("key", "name"),
    [("\x1c", "Ctrl-\\ (SIGQUIT)"), ("\x03", "Ctrl-C (SIGINT)")],
)
def test_a_signal_at_the_hidden_prompt_gives_the_terminal_back_with_echo(
    sessions_dir: Path, questions: Path, key: str, name: str
) -> None:
    child = start(sessions_dir, questions, shell="stty -a; echo SHELL-GOES-ON")
    the_meeting_before_the_round(child)
    child.expect_exact(hidden_prompt(ROOM[0][0]))
    child.send(key)
    child.expect_exact("SHELL-GOES-ON")
    child.expect(pexpect.EOF)
    child.close()
    settings = child.logfile_read.getvalue().split("speed", 1)[1]
    assert not re.search(r"(?<![\w-])-echo(?![\w])", settings), f"{name} left echo off"
    assert re.search(r"(?<![\w-])echo(?![\w])", settings)
    (path,) = sessions_dir.glob("*.yaml")
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["status"] == "draft"  # saved


def test_a_hang_up_at_the_hidden_prompt_saves_and_gives_the_terminal_back(
    sessions_dir: Path, questions: Path
) -> None:
    child = start(sessions_dir, questions, shell="stty -a; echo SHELL-GOES-ON")
    the_meeting_before_the_round(child)
    child.expect_exact(hidden_prompt(ROOM[0][0]))
    child.sendline("4")
    child.expect_exact(hidden_prompt(ROOM[1][0]))
    pids = [int(p) for p in os.popen(f"pgrep -P {child.pid}").read().split()]
    for pid in pids:  # reflect itself, under the shell
        os.kill(pid, signal.SIGTERM)
    child.expect_exact("SHELL-GOES-ON")
    child.expect(pexpect.EOF)
    child.close()
    settings = child.logfile_read.getvalue().split("speed", 1)[1]
    assert not re.search(r"(?<![\w-])-echo(?![\w])", settings)


def _echo_on(child: pexpect.spawn) -> bool:
    """Whether the terminal echoes (the pseudo-terminal's settings, read on its main side)."""
    return bool(termios.tcgetattr(child.child_fd)[3] & termios.ECHO)


def _wait(condition: Callable[[], bool], timeout: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def _stopped(pid: int) -> bool:
    with open(f"/proc/{pid}/stat", encoding="utf-8") as stat_file:
        return stat_file.read().rsplit(")", 1)[1].split()[0] in ("T", "t")


def test_stopped_then_continued_at_the_hidden_prompt_hides_again_and_asks_again(
    sessions_dir: Path, questions: Path
) -> None:
    """Ctrl-Z then `fg`: the shell had the terminal (echo on) and wrote its own lines.
    Continued, reflect hides the entry again and draws the prompt again; what is typed
    then is not shown, and the round goes on. (A stop as a shell's job control makes it:
    SIGSTOP, echo put on as the shell does, SIGCONT. Ctrl-Z itself, where no shell can
    stop the process, leaves the entry hidden and the prompt in place.)"""
    child = start(sessions_dir, questions)
    the_meeting_before_the_round(child)
    first = hidden_prompt(ROOM[0][0])
    child.expect_exact(first)
    assert _wait(lambda: not _echo_on(child)), "the entry is not hidden"
    os.kill(child.pid, signal.SIGSTOP)
    assert _wait(lambda: _stopped(child.pid))
    shell_mode = termios.tcgetattr(child.child_fd)
    shell_mode[3] |= termios.ECHO  # the shell's own mode while it has the terminal
    termios.tcsetattr(child.child_fd, termios.TCSADRAIN, shell_mode)
    os.kill(child.pid, signal.SIGCONT)
    child.expect_exact(first)  # drawn again
    assert _wait(lambda: not _echo_on(child)), "continued with echo on"
    child.sendline("4")
    child.expect_exact(hidden_prompt(ROOM[1][0]))
    child.send("\x1a")  # Ctrl-Z with no shell to stop it: still hidden, asked again
    child.expect_exact(hidden_prompt(ROOM[1][0]))
    assert _wait(lambda: not _echo_on(child))
    child.sendline("2")
    child.expect_exact(hidden_prompt(ROOM[2][0]))
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    # From the prompt drawn again to the screen cleared for the next person: no 4.
    after = child.logfile_read.getvalue().rsplit(first, 1)[1]
    assert "\x1b[H" in after and "4" not in after.split("\x1b[H", 1)[0]  # never echoed
    ballot = json.loads(next((private_home(sessions_dir) / "rounds").iterdir()).read_text())
    assert sorted(ballot["entered_by"]) == ["hope", "lan"]
