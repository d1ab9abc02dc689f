"""Rounds in a real terminal: pexpect drives `reflect start`/`resume` in a pseudo-terminal
and everything the terminal received is kept, to check what anyone could have seen."""

from __future__ import annotations

import io
import os
import signal
import sys
from pathlib import Path

import pexpect
import pyte
import pytest
import yaml

from pty_keys import interrupt
from rounds_fixtures import ROSTER, STORY, TRUST, TYPE, write_protocol

pytestmark = pytest.mark.slow


def spawn(sessions: Path, questions: Path, *args: str) -> tuple[pexpect.spawn, io.StringIO]:
    env = {**os.environ, "REFLECT_SESSIONS_DIR": str(sessions), "NO_COLOR": "1"}
    env["REFLECT_QUESTIONS_PATH"] = str(questions)
    child = pexpect.spawn(
        sys.executable,
        ["-m", "reflect_cli", *args],
        env=env,
        encoding="utf-8",
        timeout=20,
        dimensions=(40, 120),
    )
    seen = io.StringIO()
    child.logfile_read = seen  # every byte the terminal was sent
    return child, seen


@pytest.fixture
def questions(tmp_path: Path) -> Path:
    return write_protocol(tmp_path / "qs", TYPE, TRUST, STORY)


def start(sessions: Path, questions: Path) -> tuple[pexpect.spawn, io.StringIO]:
    args = ["start", "rounds", "--collaborative", "Northgate OST", "--date", "2026-11-23"]
    args += ["--site", "Northgate", "--facilitator", "Alex Rivera"]
    for person in ROSTER:
        args += ["-p", person]
    return spawn(sessions, questions, *args)


def record(sessions: Path) -> dict:  # type: ignore[type-arg]
    (path,) = sessions.glob("*.yaml")
    return yaml.safe_load(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def question(sessions: Path, qid: str) -> dict:  # type: ignore[type-arg]
    found = [q for d in record(sessions)["domains"] for q in d["questions"] if q["id"] == qid]
    return found[0]  # type: ignore[no-any-return]


def hidden(child: pexpect.spawn, name: str, value: str) -> None:
    child.expect_exact(f"{name}, your rating (hidden; /pass to pass):")
    child.sendline(value)


def test_anonymous_then_named_round_in_a_terminal(sessions_dir: Path, questions: Path) -> None:
    child, seen = start(sessions_dir, questions)
    child.expect_exact("Anonymous round: pass the laptop.")
    # Distinctive spellings: if any reached the terminal, it would be found below.
    for name, typed in [
        ("Monica Haugen", "cOLLab"),
        ("Shana Beckwith", "inTEG"),
        ("Ana Ruiz", "CollaboratXve"),  # not a rating: asked again, never repeated
        ("Ana Ruiz", "COLLABORATIVE"),
        ("Hope Lee", "/pass"),
    ]:
        hidden(child, name, typed)
    child.expect_exact("3 rated, 1 passed · Collaborative 2, Integrated 1")
    child.expect_exact("> ")
    child.sendline("")  # no discussion
    child.expect_exact("Monica Haugen, Seattle Parks and Recreation:")
    child.sendline("4")
    child.expect_exact("Shana Beckwith, STEMPaths Innovation Network:")
    child.sendline("2")
    child.expect_exact("Ana Ruiz, Northgate Elementary:")
    child.sendline("/back")
    child.expect_exact("Shana Beckwith again (was: 2).")
    child.expect_exact("Shana Beckwith, STEMPaths Innovation Network:")
    child.sendline("1")
    child.expect_exact("Ana Ruiz, Northgate Elementary:")
    child.sendline("/pass")
    child.expect_exact("Hope Lee, Seattle Parks and Recreation:")
    child.sendline("Partly")
    child.expect_exact("Partners see this differently: Seattle Parks and Recreation median 3.5")
    child.expect_exact("> ")
    child.sendline("/pause")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    screen = seen.getvalue()
    for typed in ("cOLLab", "inTEG", "CollaboratXve", "COLLABORATIVE"):
        assert typed not in screen
    assert screen.count("\x1b[2J\x1b[3J") >= 6  # screen and scrollback, before and after
    kind = question(sessions_dir, "type")
    # Counts only; no organization gave three ratings: stored with no organization at all.
    assert kind["ratings"] == [
        {"value": "Collaborative", "count": 2},
        {"value": "Integrated", "count": 1},
    ]
    assert kind["passed"] == 1 and "passed_by" not in kind
    text = next(sessions_dir.glob("*.yaml")).read_text(encoding="utf-8")
    section = text[text.index("id: type") : text.index("id: trust")]
    for who in ("mh", "shana", "ana", "hope", "Monica", "Shana", "Ana", "Hope"):
        assert who not in section
    trust = question(sessions_dir, "trust")
    assert trust["ratings"] == [
        {"participant": "mh", "value": 4},
        {"participant": "shana", "value": 1},
        {"participant": "hope", "value": 3},
    ]
    assert trust["passed_by"] == ["ana"]


def test_kill_mid_round_then_resume_with_the_next_person(
    sessions_dir: Path, questions: Path
) -> None:
    child, _ = start(sessions_dir, questions)
    hidden(child, "Monica Haugen", "2")
    hidden(child, "Shana Beckwith", "3")
    child.expect_exact("Ana Ruiz, your rating")  # Shana's rating was saved before this
    child.kill(signal.SIGKILL)
    child.close()
    kind = question(sessions_dir, "type")
    assert kind["ratings"] == [] and kind["in_progress"] is True  # kept in the state folder only
    assert record(sessions_dir)["status"] == "draft"

    resumed, _ = spawn(sessions_dir, questions, "resume")
    hidden(resumed, "Ana Ruiz", "1")
    hidden(resumed, "Hope Lee", "2")
    resumed.expect_exact("4 rated · Cooperative 1, Collaborative 2, Integrated 1")
    resumed.expect_exact("> ")
    resumed.sendline("")
    resumed.expect_exact("Monica Haugen, Seattle Parks and Recreation:")
    resumed.sendline("mh 4, shana 3")
    resumed.expect_exact("Ana Ruiz, Northgate Elementary:")
    resumed.kill(signal.SIGKILL)
    resumed.close()

    again, _ = spawn(sessions_dir, questions, "resume")
    again.expect_exact("Ana Ruiz, Northgate Elementary:")  # not Monica, not Shana
    again.sendline("5")
    again.expect_exact("Hope Lee, Seattle Parks and Recreation:")
    again.sendline("fully")
    again.expect_exact("4 rated · median 4.5 (Strength) · range 3 to 5")
    again.sendline("/pause")
    again.expect(pexpect.EOF)
    again.close()
    kind = question(sessions_dir, "type")
    assert sum(r["count"] for r in kind["ratings"]) == 4 and kind["passed"] == 0
    trust = question(sessions_dir, "trust")
    assert [(r["participant"], r["value"]) for r in trust["ratings"]] == [
        ("mh", 4),
        ("shana", 3),
        ("ana", 5),
        ("hope", 5),
    ]


def screen_of(log: io.StringIO, columns: int = 120) -> list[str]:
    """What a person reads after the last clear, drawn by the pyte terminal emulator."""
    screen = pyte.Screen(columns, 200)
    pyte.Stream(screen).feed(log.getvalue())
    return [line.rstrip() for line in screen.display if line.strip()]


def test_an_anonymous_round_interrupted_after_one_entry_never_shows_it(
    sessions_dir: Path, questions: Path
) -> None:
    child, _ = start(sessions_dir, questions)
    hidden(child, "Monica Haugen", "inTEG")
    child.expect_exact("Shana Beckwith, your rating")
    interrupt(child)  # Ctrl-C: saved as a draft, the round under way
    child.expect(pexpect.EOF)
    child.close()
    assert "entered_by" not in question(sessions_dir, "type")  # kept in the state folder only

    resumed, seen = spawn(sessions_dir, questions, "resume")
    hidden(resumed, "Shana Beckwith", "/skip")
    resumed.expect_exact("not enough ratings to show anonymously (n=1)")
    resumed.expect_exact("> ")
    resumed.sendline("")  # no discussion
    resumed.expect_exact("Monica Haugen, Seattle Parks and Recreation:")
    resumed.sendline("/pause")
    resumed.expect(pexpect.EOF)
    resumed.close()
    screen = screen_of(seen)
    assert "not enough ratings to show anonymously (n=1)" in screen
    options = "1) Cooperative   2) Collaborative   3) Integrated"
    assert [line for line in screen if "Integrated" in line and options not in line] == []
    assert not any("█" in line or "chosen most" in line for line in screen)
    kind = question(sessions_dir, "type")
    assert kind["round_ended"] is True and "in_progress" not in kind and "entered_by" not in kind
    # One rating would be its author's (the first person asked): only how many is kept.
    assert kind["ratings"] == [] and kind["withheld"] == 1
    text = next(sessions_dir.glob("*.yaml")).read_text(encoding="utf-8")
    assert "Integrated" not in text.split("id: type")[1].split("id: trust")[0].split("ratings")[1]


def test_a_named_round_begun_stays_named_after_back_pause_and_resume(
    sessions_dir: Path, tmp_path: Path
) -> None:
    """Monica rates by name, /back takes it out, /pause saves the draft; on resume,
    /round anonymous is refused: the draft says the round has begun, and no one is
    led to believe a round that showed a name is anonymous."""
    named_first = write_protocol(tmp_path / "named", TRUST, STORY)
    child, _ = start(sessions_dir, named_first)
    child.expect_exact("Monica Haugen, Seattle Parks and Recreation:")
    child.sendline("4")
    child.expect_exact("Shana Beckwith, STEMPaths Innovation Network:")
    child.sendline("/back")
    child.expect_exact("Monica Haugen again (was: 4).")
    child.expect_exact("Monica Haugen, Seattle Parks and Recreation:")
    child.sendline("/pause")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    trust = question(sessions_dir, "trust")
    assert trust["ratings"] == [] and trust["round_begun"] is True and trust["round"] == "named"

    resumed, seen = spawn(sessions_dir, named_first, "resume")
    resumed.expect_exact("Monica Haugen, Seattle Parks and Recreation:")
    resumed.sendline("/round anonymous")
    resumed.expect_exact("this named round has begun; it cannot change now")
    resumed.expect_exact("Monica Haugen, Seattle Parks and Recreation:")  # still by name
    resumed.sendline("/pause")
    resumed.expect(pexpect.EOF)
    resumed.close()
    assert resumed.exitstatus == 0
    screen = screen_of(seen)
    assert any("this named round has begun; it cannot change now" in line for line in screen)
    assert not any("Anonymous round" in line or "your rating (hidden" in line for line in screen)
    assert "\x1b[3J" not in seen.getvalue()  # no anonymous round's clearing ever began
    assert question(sessions_dir, "trust")["round"] == "named"
