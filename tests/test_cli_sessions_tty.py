"""The real terminal: pexpect drives `reflect start` / `reflect resume` in a pseudo-terminal."""

from __future__ import annotations

import io
import os
import random
import signal
import sys
from pathlib import Path
from typing import Any

import pexpect
import pytest
import yaml
from markdown_it import MarkdownIt

from conftest import PARTNERSHIP_DOMAINS, make_session
from pty_keys import interrupt

pytestmark = pytest.mark.slow

ROSTER = [
    "Monica Haugen | Seattle Parks and Recreation | Site lead",
    "Shana Beckwith | STEMPaths Innovation Network | Director",
    "Jo Park | Northgate PTA | Parent",
]


def spawn(sessions: Path, *args: str) -> pexpect.spawn:
    env = {**os.environ, "REFLECT_SESSIONS_DIR": str(sessions), "NO_COLOR": "1", "COLUMNS": "200"}
    child = pexpect.spawn(
        sys.executable,
        ["-m", "reflect_cli", *args],
        env=env,
        encoding="utf-8",
        timeout=20,
        dimensions=(50, 200),
    )
    return child


def answer(child: pexpect.spawn, *lines: str) -> None:
    """Type lines at the text prompt, waiting for each prompt (so each line is saved)."""
    for line in lines:
        child.expect_exact("> ")
        child.sendline(line)


def only_record(sessions: Path) -> dict:  # type: ignore[type-arg]
    (path,) = sessions.glob("*.yaml")
    return yaml.safe_load(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def finish(child: pexpect.spawn) -> None:
    """Leave the review (it asks only when questions are unanswered) and exit 0."""
    if child.expect_exact(["Number to answer it now, or Enter to finish", pexpect.EOF]) == 0:
        child.sendline("")
        child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before


def test_full_session_typed_in_a_terminal(sessions_dir: Path) -> None:
    child = spawn(sessions_dir, "start")
    for prompt, reply in [
        ("Collaborative", "Northgate Elementary OST Collaborative"),
        ("Date (YYYY-MM-DD)", "2026-11-20"),
        ("Site", "Northgate Elementary"),
        ("Facilitator", "Alex Rivera"),
    ]:
        child.expect_exact(prompt)
        child.sendline(reply)
    # Each new organization's sector is asked once: a bad reply is asked again.
    sectors_typed = [["comm"], ["commune", "Community organization"], ["family"]]
    for person, sectors in zip(ROSTER, sectors_typed, strict=True):
        child.expect_exact("participant> ")
        child.sendline(person)
        for sector in sectors:
            child.expect_exact("Sector of ")
            child.sendline(sector)
    child.expect_exact("participant> ")
    child.sendline("")
    child.expect_exact("Done (n to skip)?")
    child.sendline("y")
    child.expect_exact("question 1 of 8")
    answer(
        child,
        "monica: We both want every kid to have a place after school.",
        "shana: And [bold]STEM[/bold] for everyone.",
        "/action Share the space calendar @shana due:2026-12-01",
        "/note Jo was quiet today",
        "",
    )
    child.expect_exact("question 2 of 8")
    answer(child, "/back")
    child.expect_exact("question 1 of 8")
    child.expect_exact("So far:")
    answer(child, "jo: Families too.", "")
    child.expect_exact("question 2 of 8")
    answer(child, "/skip")
    child.expect_exact("question 3 of 8")
    answer(child, "jo: Who is missing from the table?", "")
    for number in range(4, 9):
        child.expect_exact(f"question {number} of 8")
        answer(child, f"monica: Answer {number}.", "")
    child.expect_exact("Voices so far")
    finish(child)

    record = only_record(sessions_dir)
    assert record["schema"] == "reflect/session-v1" and record["status"] == "complete"
    assert record["id"].startswith("2026-11-20-northgate-elementary-ost-collaborative-")
    assert [p["handle"] for p in record["participants"]] == ["monica", "shana", "jo"]
    assert [p["sector"] for p in record["participants"]] == [
        "community organization",
        "community organization",
        "family",
    ]
    first, second = record["domains"][0]["questions"]
    assert first["answer"] == (
        "monica: We both want every kid to have a place after school.\n"
        "shana: And [bold]STEM[/bold] for everyone.\njo: Families too."
    )
    assert first["credits"] == ["monica", "shana", "jo"]
    assert second["skipped"] is True and second["answer"] is None
    assert record["domains"][1]["questions"][0]["credits"] == ["jo"]
    assert record["actions"] == [
        {
            "text": "Share the space calendar",
            "owner": "shana",
            "due": "2026-12-01",
            "status": "open",
            "question": "shared-values",
        },
    ]
    assert record["notes"] == [{"text": "Jo was quiet today", "question": "shared-values"}]
    assert record["intro"] == {"watch-video": "done"}

    markdown = next(sessions_dir.glob("*.md")).read_text(encoding="utf-8")
    tokens = MarkdownIt("commonmark").parse(markdown)
    h2 = [
        "".join(child.content for child in tokens[i + 1].children or [])
        for i, t in enumerate(tokens)
        if t.tag == "h2" and t.nesting == 1
    ]
    assert h2 == ["Participants", *PARTNERSHIP_DOMAINS, "Commitments"]
    assert "Jo was quiet today" not in markdown
    assert "[bold]STEM[/bold]" in MarkdownIt("commonmark").render(markdown)


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_kill_at_a_random_answer_then_resume_loses_nothing(sessions_dir: Path, seed: int) -> None:
    plan = [
        (q, line)
        for q in range(1, 9)
        for line in (f"monica: q{q} first.", f"shana: q{q} second.", "")
    ]
    stop = random.Random(seed).randrange(1, len(plan) - 1)
    args = ["start", "--collaborative", "Kill Test", "--date", "2026-11-21", "--site", "S"]
    args += ["--facilitator", "F"]
    for person in ROSTER[:2]:
        args += ["--participant", person]
    child = spawn(sessions_dir, *args)
    child.expect_exact("Done (n to skip)?")
    child.sendline("y")
    for _, line in plan[:stop]:
        answer(child, line)
    child.expect_exact("> ")  # the last line was saved before this prompt appeared
    child.kill(signal.SIGKILL)
    child.close()
    assert only_record(sessions_dir)["status"] == "draft"

    resumed = spawn(sessions_dir, "resume")
    next_question = plan[stop][0]
    resumed.expect_exact(f"question {next_question} of 8")
    for _, line in plan[stop:]:
        answer(resumed, line)
    finish(resumed)

    record = only_record(sessions_dir)
    assert record["status"] == "complete"
    got = [q["answer"] for d in record["domains"] for q in d["questions"]]
    assert got == [f"monica: q{q} first.\nshana: q{q} second." for q in range(1, 9)]
    assert all(
        q["credits"] == ["monica", "shana"] for d in record["domains"] for q in d["questions"]
    )


def _started(sessions: Path) -> pexpect.spawn:
    child = spawn(
        sessions,
        "start",
        "--collaborative",
        "Stop Test",
        "--date",
        "2026-11-21",
        "--site",
        "S",
        "--facilitator",
        "F",
        "--participant",
        ROSTER[0],
    )
    child.expect_exact("Done (n to skip)?")
    child.sendline("n")
    answer(child, "monica: typed before stopping.")
    child.expect_exact("> ")
    return child


def test_ctrl_c_saves_draft_and_hints(sessions_dir: Path) -> None:
    child = _started(sessions_dir)
    interrupt(child)
    child.expect(r"reflect resume (\S+)")
    session_id = child.match.group(1)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    record = only_record(sessions_dir)
    assert record["id"] == session_id and record["status"] == "draft"
    assert record["domains"][0]["questions"][0]["answer"] == "monica: typed before stopping."
    assert record["intro"] == {"watch-video": "skipped"}


def test_ctrl_d_saves_draft_and_hints(sessions_dir: Path) -> None:
    child = _started(sessions_dir)
    child.sendeof()
    child.expect_exact("reflect resume")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1
    assert only_record(sessions_dir)["domains"][0]["questions"][0]["in_progress"] is True


def test_hostile_text_is_shown_literally(sessions_dir: Path) -> None:
    child = _started(sessions_dir)
    child.sendline("jo: [red]not red[/] \x1b[2J")
    child.expect_exact("> ")
    child.sendline("/back")
    child.expect_exact("This is the first question.")
    child.sendline("/pause")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    # readline takes a typed ESC as a key prefix, so only the markup reaches the answer here;
    # raw ESC bytes in answers are covered through piped input in test_cli_session.py.
    answer_text = only_record(sessions_dir)["domains"][0]["questions"][0]["answer"]
    assert "jo: [red]not red[/]" in answer_text


def test_discard_asks_in_a_terminal(sessions_dir: Path) -> None:
    child = _started(sessions_dir)
    interrupt(child)  # a draft is left behind
    child.expect(pexpect.EOF)
    child.close()
    (record,) = sessions_dir.glob("*.yaml")
    for reply, kept in (("", True), ("n", True), ("y", False)):
        child = spawn(sessions_dir, "discard", record.stem[:10])
        child.expect_exact("0/8 answered")
        child.expect_exact("? [y/N] ")
        child.sendline(reply)
        child.expect(pexpect.EOF)
        child.close()
        assert child.exitstatus == 0
        assert record.exists() is kept
    assert (sessions_dir / ".trash" / record.name).exists()


@pytest.mark.parametrize("stop", ["ctrl-c", "sighup"])
def test_a_line_typed_but_not_entered_is_kept(sessions_dir: Path, stop: str) -> None:
    child = _started(sessions_dir)
    child.send("monica: the gym is booked until")  # no Enter
    child.expect_exact("booked until", timeout=60)  # echoed: readline holds it
    if stop == "ctrl-c":
        interrupt(child)
    else:
        child.kill(signal.SIGHUP)  # a hang-up
    child.expect(pexpect.EOF, timeout=60)
    child.close()
    assert child.exitstatus == 130
    answer_text = only_record(sessions_dir)["domains"][0]["questions"][0]["answer"]
    assert answer_text == (
        "monica: typed before stopping.\nmonica: the gym is booked until [unfinished]"
    )


def _draft(cli: Any, collaborative: str, typed: str, *more: str) -> None:
    """A draft made through a pipe (an answers file lets `start` read one), with Jo Park."""
    Path("meta.yaml").write_text("site: S\n", encoding="utf-8")
    cli(
        *["start", "--answers", "meta.yaml", "--collaborative", collaborative],
        *["--date", "2026-11-22", "--site", "S", "--facilitator", "F"],
        *["-p", "Jo Park | PTA | Parent", *more],
        input=typed,
    )


def test_resume_finishes_a_draft(cli: Any, sessions_dir: Path) -> None:
    _draft(cli, "Resume", "y\njo: first\n")  # input ends: Ctrl-D
    assert only_record(sessions_dir)["status"] == "draft"
    child = spawn(sessions_dir, "resume")
    child.expect_exact("So far:")
    answer(child, "jo: second", "")
    for number in range(2, 9):
        child.expect_exact(f"question {number} of 8")
        answer(child, "jo: more", "")
    finish(child)
    record = only_record(sessions_dir)
    assert record["status"] == "complete"
    assert record["domains"][0]["questions"][0]["answer"] == "jo: first\njo: second"


ZERO_TO_TEN = """
id: ten-point
title: Ten points
domains:
  - id: only
    title: Only
    questions:
      - {id: story, prompt: What happened?}
      - id: trust
        prompt: How much do we trust each other?
        kind: scale
        required: true
        scale: {min: 0, max: 10, labels: {0: None at all, 10: Complete}}
      - id: kind-of
        prompt: What kind of partnership?
        kind: choice
        choices: [{label: Networking, help: Exchanging information}, Cooperative]
"""


def test_resume_uses_the_snapshot_after_the_protocol_file_is_gone(
    cli: Any, sessions_dir: Path
) -> None:
    protocol = Path("qs/ten-point.yaml")
    protocol.parent.mkdir()
    protocol.write_text(ZERO_TO_TEN, encoding="utf-8")
    _draft(cli, "Ten", "jo: first\n\n", "ten-point", "--questions-dir", "qs")
    snapshot = only_record(sessions_dir)["domains"][0]["questions"]
    assert snapshot[1]["scale"] == {
        "min": 0,
        "max": 10,
        "labels": {0: "None at all", 10: "Complete"},
    }
    assert snapshot[1]["required"] is True
    assert snapshot[2]["choices"][0] == {"label": "Networking", "help": "Exchanging information"}
    protocol.unlink()
    child = spawn(sessions_dir, "resume")
    child.expect_exact("0 to 10 (0 = None at all, 10 = Complete)")
    child.expect_exact("Complete> ")
    child.sendline("")
    child.expect_exact("needs an answer")
    child.sendline("11")
    child.expect_exact("11 is outside 0 to 10")
    child.sendline("8")
    child.expect_exact("Networking: Exchanging information")
    child.expect_exact("choice> ")
    child.sendline("1")
    finish(child)
    record = only_record(sessions_dir)
    assert record["status"] == "complete"
    assert [q["answer"] for q in record["domains"][0]["questions"]] == [
        "jo: first",
        8,
        "Networking",
    ]


def test_resume_lists_drafts_with_date_collaborative_and_progress(
    cli: Any, sessions: dict[str, str], sessions_dir: Path
) -> None:
    _draft(cli, "Second Draft", "x\n")  # a second draft: resume must ask
    child = spawn(sessions_dir, "resume")
    child.expect_exact("2026-11-22  Second Draft  0/8 answered")  # newest first
    child.expect_exact(f"2026-10-05  Rainier Beach Partners  1/8 answered  ({sessions['other']})")
    child.expect_exact("Which draft?")
    child.sendline("9")
    child.expect_exact("no draft numbered '9'")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 2


def test_keys_typed_before_the_first_prompt_do_not_glue_onto_it(sessions_dir: Path) -> None:
    import pyte

    child = spawn(sessions_dir, "start")
    child.logfile_read = log = io.StringIO()
    child.send("Northgate")  # typeahead: typed before anything is shown
    child.expect_exact("Collaborative", timeout=60)
    child.sendline("")
    child.expect_exact("Date (YYYY-MM-DD)", timeout=60)
    interrupt(child)
    child.expect(pexpect.EOF, timeout=60)
    child.close()
    screen = pyte.Screen(200, 50)
    pyte.Stream(screen).feed(log.getvalue())
    lines = [line.rstrip() for line in screen.display]
    assert "Collaborative Northgate" in lines, lines[:8]  # the prompt on its own line
    assert any(line.startswith("Date (YYYY-MM-DD)") for line in lines)


def test_a_hostile_folder_reaches_a_real_terminal_as_text(sessions_dir: Path) -> None:
    """In a pseudo-terminal, read by a terminal emulator (pyte): a file name that would
    set the window title and clear the screen, a record id in two files, a folder named
    with Rich markup and a collaborative with an OSC 52 (clipboard) sequence are shown as
    text by `list` and by `discard`'s prompt, and change nothing of the terminal."""
    import pyte

    folder = sessions_dir.parent / "x[/bold]y"
    sid = make_session(
        folder,
        "partnership-reflection",
        collaborative="Evil\x1b]52;c;Y3VybCBldmlsfHNo\x07 Collab",
        status="draft",
    )
    (folder / "\x1b]0;HACKED\x07\x1b[2Jbad.yaml").write_text("a: [", encoding="utf-8")
    (folder / "copy.yaml").write_bytes((folder / f"{sid}.yaml").read_bytes())
    for args, reply in ((["list"], None), (["discard", sid], "n")):
        child = spawn(folder, *args)
        child.logfile_read = io.StringIO()
        if reply is not None:
            child.expect_exact("? [y/N] ")
            child.sendline(reply)
        child.expect(pexpect.EOF)
        child.close()
        assert child.exitstatus == 0
        seen = child.logfile_read.getvalue()
        assert "\x1b]" not in seen and "\x1b[2J" not in seen and "\x07" not in seen
        screen = pyte.Screen(200, 50)
        stream = pyte.Stream(screen)
        stream.feed(seen)
        shown = "\n".join(screen.display)
        assert screen.title == ""
        assert "\\x1b]0;HACKED\\x07\\x1b[2Jbad.yaml" in shown and "x[/bold]y" in shown
        assert "Evil\\x1b]52;c;Y3VybCBldmlsfHNo\\x07 Collab" in shown
        if reply is None:
            assert f"session {sid} is in 2 files" in shown
    assert (folder / f"{sid}.yaml").is_file()


@pytest.mark.parametrize("where", ["setup", "question"])
def test_ctrl_backslash_saves_and_says_how_to_go_on_like_ctrl_c(
    sessions_dir: Path, where: str
) -> None:
    """Ctrl-\\ (SIGQUIT) at any prompt of a session, not only the hidden rating prompt:
    no core-dump status 131 and no silent end, but Ctrl-C's save, line and status."""
    from pty_keys import quit_key

    if where == "setup":
        child = spawn(
            sessions_dir, "start", "--collaborative", "Stop Test", "--date", "2026-11-21",
            "--site", "S", "--facilitator", "F", "--participant", ROSTER[0],
        )  # fmt: skip
        child.expect_exact("Done (n to skip)?")
    else:
        child = _started(sessions_dir)
    quit_key(child)
    child.expect(r"reflect resume (\S+)")
    session_id = child.match.group(1)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130 and child.signalstatus is None
    record = only_record(sessions_dir)
    assert record["id"] == session_id and record["status"] == "draft"
