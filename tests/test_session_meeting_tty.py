"""The meeting where a new user stumbled, in a real pseudo-terminal read through the pyte
terminal emulator: a long follow-up kept in one word, names credited by any word of
them, people who came late or left early, people of the partnership not there."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pexpect
import pyte
import pytest
import yaml

from reflect_cli.model import Action, Participant, SessionStatus
from reflect_cli.protocols import catalog
from reflect_cli.records.store import Store
from reflect_cli.session.snapshot import new_session

pytestmark = pytest.mark.slow

COLLABORATIVE = "Northgate Elementary OST Collaborative"


def spawn(sessions: Path, *args: str, columns: int = 120) -> tuple[pexpect.spawn, io.StringIO]:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR")}
    env.update(REFLECT_SESSIONS_DIR=str(sessions), TERM="xterm-256color", EDITOR="true")
    child = pexpect.spawn(
        sys.executable,
        ["-m", "reflect_cli", *args],
        env=env,
        encoding="utf-8",
        timeout=30,
        dimensions=(40, columns),
    )
    child.logfile_read = log = io.StringIO()
    return child, log


def screen_of(log: io.StringIO, columns: int = 120) -> list[str]:
    """The lines a person reads, drawn by a terminal emulator (tall enough that nothing
    scrolls away)."""
    screen = pyte.Screen(columns, 3000)
    pyte.Stream(screen).feed(log.getvalue())
    return [line.rstrip() for line in screen.display if line.strip()]


def earlier_meeting(sessions: Path, people: list[Participant], owed: int = 0) -> str:
    """A complete earlier meeting of the collaborative, with ``owed`` open commitments."""
    protocol, _ = catalog.find("partnership-reflection")
    session = new_session(protocol, COLLABORATIVE, "2026-10-01")
    session.facilitator = "Alex Rivera"
    session.participants = people
    session.actions = [
        Action(f"Call family {n} about the spring schedule", people[0].handle, "2026-10-20")
        for n in range(owed)
    ]
    session.status = SessionStatus.COMPLETE
    return Store(sessions).create(session).id


def records(sessions: Path) -> list[dict]:  # type: ignore[type-arg]
    return [
        yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted(sessions.glob("*.yaml"))
    ]


def test_a_thousand_open_commitments_kept_in_one_word(sessions_dir: Path) -> None:
    monica = Participant("Monica Haugen", "Seattle Parks and Recreation", "Site lead", "monica")
    earlier = earlier_meeting(sessions_dir, [monica], owed=1000)
    child, log = spawn(
        sessions_dir,
        "start",
        "--collaborative",
        COLLABORATIVE,
        "--facilitator",
        "Alex Rivera",
        "--site",
        "Northgate Elementary",
        "--date",
        "2026-11-05",
        "-p",
        "Monica Haugen | Seattle Parks and Recreation | Site lead",
    )
    child.expect_exact("1000 from earlier meetings")
    child.expect_exact("keep all 1000 left as they are?")
    child.sendline("d")
    child.expect_exact("keep all 999 left as they are?")
    child.sendline("rest")
    child.expect_exact("Kept as they are: 999 commitments.")
    child.expect_exact("Done (n to skip)?")
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    screen = screen_of(log)
    asked = [line for line in screen if "[d]one" in line]
    assert len(asked) == 2  # the first answered, the rest kept: never a thousand prompts
    (today,) = [r for r in records(sessions_dir) if r["id"] != earlier]
    assert len(today["follow_up"]) == 1000
    assert [a["status"] for a in today["follow_up"]].count("done") == 1
    assert {a["status"] for a in today["follow_up"][1:]} == {"open"}
