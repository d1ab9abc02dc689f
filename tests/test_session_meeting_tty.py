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

from pty_keys import interrupt
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


PARTNERSHIP = [
    Participant("Nguyễn Thị Lan", "Northgate PTA", "Parent", "nguyen"),
    Participant("Monica Haugen", "Seattle Parks and Recreation", "Site lead", "monica"),
    Participant("Monica Reyes", "Northgate PTA", "Parent", "monica2"),
    Participant("Hope Ellis", "Seattle Parks and Recreation", "Intern", "hope"),
    Participant("Grace Kim", "Youth Council", "Student", "grace"),
    Participant("May Tran", "STEMPaths Innovation Network", "Director", "may"),
    Participant("Justice Williams", "Metro Transit", "Driver", "justice"),
    Participant("Dana Okafor", "Northgate Elementary", "Principal", "dana"),
]


def start_today(sessions: Path) -> tuple[pexpect.spawn, io.StringIO]:
    return spawn(
        sessions,
        "start",
        "--collaborative",
        COLLABORATIVE,
        "--facilitator",
        "Alex Rivera",
        "--site",
        "Northgate Elementary",
        "--date",
        "2026-11-05",
    )


def typed(child: pexpect.spawn, *lines: str) -> None:
    """Lines at the answer prompt, each after its prompt (so each is saved)."""
    for line in lines:
        child.expect_exact("> ")
        child.sendline(line)


def test_names_credit_by_any_word_and_who_came_late_left_early_or_was_not_there(
    sessions_dir: Path,
) -> None:
    earlier = earlier_meeting(sessions_dir, PARTNERSHIP)
    child, log = start_today(sessions_dir)
    child.expect_exact("who is here>")
    child.sendline("lan haugen reyes hope may justice")  # Grace and Dana are not here
    child.expect_exact("participant>")
    child.sendline("")
    child.expect_exact("Done (n to skip)?")
    child.sendline("y")
    child.expect_exact("question 1 of")
    typed(
        child,
        "/handle nguyen lan",  # she goes by Lan, her given name
        "lan: the family night worked",
        "thi: and the translation helped",
        "haugen: the gym is booked",
        "reyes: the PTA agrees",
        "may: we can fund it",
        "justice: the bus can wait",
        "hope: I can help",
        "monica: the handle wins over the other Monica's first name",
        "",
    )
    child.expect_exact("question 2 of")
    typed(child, "/join grace", "/leave justice", "grace: sorry I am late", "")
    child.expect_exact("question 3 of")
    child.expect_exact("> ")
    child.sendline("/pause")
    child.expect(pexpect.EOF)
    child.close()
    screen = screen_of(log)
    assert any("Lan goes by lan" in line or "goes by lan" in line for line in screen)

    (today,) = [r for r in records(sessions_dir) if r["id"] != earlier]
    first, second = today["domains"][0]["questions"][:2]
    assert first["credits"] == ["lan", "monica", "monica2", "may", "justice", "hope"]
    assert second["credits"] == ["grace"]
    people = {p["name"]: p for p in today["participants"]}
    assert people["Nguyễn Thị Lan"]["handle"] == "lan"
    assert (people["Grace Kim"]["present"], people["Grace Kim"]["joined_at"]) == (
        True,
        second["id"],
    )
    justice = people["Justice Williams"]
    assert (justice["left"], justice["left_at"]) == (True, second["id"])
    assert people["Dana Okafor"]["present"] is False  # her regrets: on the record
    assert "joined_at" not in people["Hope Ellis"] and "left_at" not in people["Hope Ellis"]

    markdown = (sessions_dir / f"{today['id']}.md").read_text(encoding="utf-8")
    assert (
        "**Dana Okafor**, Northgate Elementary, Principal (handle dana) — not present" in markdown
    )
    assert "**Grace Kim**, Youth Council, Student (handle grace) — joined at question 2" in markdown
    assert "(handle justice) — left at question 2" in markdown

    shown, log = spawn(sessions_dir, "show", today["id"])
    shown.expect(pexpect.EOF)
    shown.close()
    lines = screen_of(log)
    row = {name: next(line for line in lines if name in line) for name in people}
    assert "not present" in row["Dana Okafor"]
    assert "joined at question 2" in row["Grace Kim"]
    assert "left at question 2" in row["Justice Williams"]
    assert "present" not in row["Hope Ellis"] and "at question" not in row["Hope Ellis"]


@pytest.mark.parametrize("columns", [120, 60])
def test_the_first_prompt_says_what_is_set_up_and_how_to_get_help(
    sessions_dir: Path, columns: int
) -> None:
    child, log = spawn(sessions_dir, "start", columns=columns)
    child.expect_exact("Collaborative")
    child.sendline("/help")
    child.expect_exact("command")  # the help's last word: the prompt comes after it
    child.expect_exact("Collaborative")
    child.sendline("clear")  # typed out of habit: asked, never taken silently
    child.expect_exact("really? [y/N]")
    child.sendline("")
    child.expect_exact("Collaborative")
    child.sendline("Northgate Elementary OST Collaborative")
    child.expect_exact("Date (YYYY-MM-DD)")
    interrupt(child)
    child.expect(pexpect.EOF)
    child.close()
    screen = screen_of(log, columns)
    before = screen[: screen.index(next(s for s in screen if s.startswith("Collab")))]
    first = " ".join(" ".join(before).split())
    assert "Setting up a session of “Reflection on a Human-Centered Approach to" in first
    assert "/help at any prompt" in " ".join(first.split())
    said = " ".join(" ".join(screen).split())
    assert "the partnership meeting today" in said  # /help said what the prompt wants
    assert "Collaborative 'clear', really?" in said
    assert not list(sessions_dir.glob("*clear*"))
