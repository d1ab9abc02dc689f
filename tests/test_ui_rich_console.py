"""What the facilitator sees: `reflect start` in a real pseudo-terminal, its output drawn
by the pyte terminal emulator, at 120 and 60 columns. Every prompt starts a line of its
own, whatever was pressed before it (an empty Enter, Up, /pause, Ctrl-C, Ctrl-D)."""

from __future__ import annotations

import io
import os
import re
import sys
from pathlib import Path

import pexpect
import pyte
import pytest

from pty_keys import interrupt

pytestmark = pytest.mark.slow

UP = "\x1b[A"
#: Text that only a prompt or a message of ours starts with: never after column 0.
MARKERS = [
    "Date (YYYY-MM-DD)",
    "participant>",
    "Done (n to skip)?",
    "reflect: ",
    "Added ",
]


def spawn(sessions: Path, columns: int, *args: str) -> tuple[pexpect.spawn, io.StringIO]:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR")}
    env.update(REFLECT_SESSIONS_DIR=str(sessions), TERM="xterm-256color", EDITOR="true")
    child = pexpect.spawn(
        sys.executable,
        ["-m", "reflect_cli", "start", *args],
        env=env,
        encoding="utf-8",
        timeout=20,
        dimensions=(40, columns),
    )
    child.logfile_read = log = io.StringIO()
    return child, log


def screen_of(log: io.StringIO, columns: int) -> list[str]:
    """The lines a person would read, drawn by a terminal emulator (tall enough that
    nothing scrolls away)."""
    screen = pyte.Screen(columns, 600)
    pyte.Stream(screen).feed(log.getvalue())
    lines = [line.rstrip() for line in screen.display]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def assert_nothing_glued(lines: list[str]) -> None:
    for number, line in enumerate(lines):
        for marker in MARKERS:
            assert marker not in line[1:], f"line {number} holds {marker!r} mid-line: {line!r}"
        if "─" in line:  # a heading: rule and title, nothing typed before or after it
            assert line.startswith("─") and line.endswith("─"), f"line {number}: {line!r}"
        prompts = re.findall(r"(?:^|\s)(?:participant|text|choice|scale|multi|yes-no)?> ", line)
        assert len(prompts) <= 1, f"line {number} holds two prompts: {line!r}"


def setup(child: pexpect.spawn) -> None:
    for prompt, reply in [
        ("Collaborative", "Northgate Elementary OST Collaborative"),
        ("Date (YYYY-MM-DD)", ""),  # an empty Enter at a default
        ("Site", "Northgate Elementary"),
        ("Facilitator", "Alex Rivera"),
        ("participant> ", "Monica Haugen | Seattle Parks and Recreation | Site lead | mh"),
        ("Sector of Seattle Parks and Recreation", ""),
        ("participant> ", ""),
        ("Done (n to skip)?", ""),
    ]:
        child.expect_exact(prompt)
        child.sendline(reply)


@pytest.mark.parametrize("columns", [120, 60])
def test_prompts_start_their_own_lines_after_enter_up_and_pause(
    sessions_dir: Path, columns: int
) -> None:
    child, log = spawn(sessions_dir, columns)
    setup(child)
    child.expect_exact("question 1 of 8")
    child.expect_exact("> ")
    child.sendline("mh: We both want every kid to have a place.")
    child.expect_exact("> ")
    child.send(UP)  # history: the line comes back after the prompt, which stays
    child.sendline("")
    child.expect_exact("> ")
    child.sendline("")
    child.expect_exact("question 2 of 8")
    child.expect_exact("> ")
    child.send("m\t")  # Tab completes the handle
    child.sendline("Families too.")
    child.expect_exact("> ")
    child.send("/as m\t")  # and the handle after /as
    child.sendline("")
    child.expect_exact("until an empty line")
    child.expect_exact("> ")
    child.sendline("/pause")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    lines = screen_of(log, columns)
    assert_nothing_glued(lines)
    today = [line for line in lines if line.startswith("Date (YYYY-MM-DD) [")]
    assert len(today) == 1 and re.fullmatch(r"Date \(YYYY-MM-DD\) \[\d{4}-\d\d-\d\d\]", today[0])
    for whole in [
        "Collaborative Northgate Elementary OST Collaborative",
        "Site Northgate Elementary",
        "Facilitator Alex Rivera",
        "participant>",
        "Done (n to skip)? [Y/n]",
    ]:
        assert whole in lines
    typed = "> mh: We both want every kid to have a place."
    assert lines.count(typed) == 2  # once typed, once recalled with Up: prompt kept
    assert "> mh: Families too." in lines
    assert "> /pause" in lines
    assert "> /as mh" in lines and "Crediting Monica Haugen until an empty line." in lines
    assert any(line.startswith("reflect: Paused.") for line in lines)
    headings = [line for line in lines if "question 1 of 8" in line]
    assert headings and all(len(line) <= columns for line in lines)
    if columns == 60:  # the domain title does not fit beside the progress: its own line
        assert "Alignment of Goals, Values, & Vision" in lines


@pytest.mark.parametrize("columns", [120, 60])
@pytest.mark.parametrize(
    ("key", "status", "reason"), [("\x03", 130, "Interrupted"), ("\x04", 1, "Input ended")]
)
def test_ctrl_c_and_ctrl_d_messages_start_a_fresh_line(
    sessions_dir: Path, columns: int, key: str, status: int, reason: str
) -> None:
    child, log = spawn(sessions_dir, columns)
    setup(child)
    child.expect_exact("> ")
    child.send("half a line" if key == "\x03" else "")
    child.send(key)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == status

    lines = screen_of(log, columns)
    assert_nothing_glued(lines)
    assert any(line.startswith(f"reflect: {reason}.") for line in lines), lines[-5:]


def test_edit_keeps_line_breaks_and_an_appended_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reflect_cli.ui.rich_console import RichConsole

    appender = tmp_path / "append.sh"
    appender.write_text('#!/bin/sh\nprintf "jo: appended in the editor\\n" >> "$1"\n')
    appender.chmod(0o700)
    monkeypatch.setenv("VISUAL", str(appender))
    before = "mh: first line\n\n  indented, after a blank line"
    assert RichConsole(tmp_path).edit(before) == before + "\njo: appended in the editor"
    monkeypatch.setenv("VISUAL", "true")  # an editor that changes nothing
    assert RichConsole(tmp_path).edit(before) == before


CALENDAR = "Share the space calendar with every partner before the winter break"


@pytest.mark.parametrize("columns", [120, 60])
def test_review_tables_cut_no_word_and_drop_no_column(sessions_dir: Path, columns: int) -> None:
    child, log = spawn(sessions_dir, columns, "--date", "2026-11-01")
    for prompt, reply in [
        ("Collaborative", "Northgate Elementary OST Collaborative"),
        ("Site", "Northgate Elementary"),
        ("Facilitator", "Alex Rivera"),
        ("participant> ", "Monica Haugen | Seattle Parks and Recreation | Site lead | mh"),
        ("Sector of Seattle Parks and Recreation", "other"),
        ("participant> ", "Shana Beckwith | STEMPaths Innovation Network | Director"),
        ("Sector of STEMPaths Innovation Network", "community organization"),
        ("participant> ", ""),
        ("Done (n to skip)?", "n"),
        ("> ", "mh: we share the kids"),
        ("> ", f"/action {CALENDAR} @shana due:2026-12-01"),
        ("> ", "/help"),
        ("> ", ""),
    ]:
        child.expect_exact(prompt, timeout=60)
        child.sendline(reply)
    for _ in range(7):
        child.expect_exact("> ", timeout=60)
        child.sendline("/skip")
    child.expect_exact("Number to answer it now, or Enter to finish", timeout=60)
    child.sendline("")
    child.expect(pexpect.EOF, timeout=60)
    child.close()
    assert child.exitstatus == 0

    lines = screen_of(log, columns)
    assert all(len(line) <= columns for line in lines)
    words = {word for line in lines for word in line.split()}
    # Every word of the commitment and of the voices table whole; no column lost.
    for word in [*CALENDAR.split(), "Beckwith", "2026-12-01", "open", "(new)", "Haugen"]:
        assert word in words or f"{word}:" in words, (word, lines)
    for domain in ("alignment", "equity", "leadership", "coordination", "conflict"):
        assert domain in words or f"{domain}:" in words, (domain, lines)
    # /help: a meaning that wraps stays beside its command, never back at column 0.
    start = next(i for i, line in enumerate(lines) if line.strip().startswith("/skip"))
    end = next(i for i, line in enumerate(lines) if line.strip().startswith("/help"))
    assert all(line.startswith("  ") for line in lines[start : end + 1] if line.strip())


@pytest.mark.parametrize("columns", [120, 60])
def test_choice_help_hangs_under_its_text_and_closing_messages_keep_words_whole(
    sessions_dir: Path, columns: int
) -> None:
    child, log = spawn(sessions_dir, columns, "equitable-partnerships")
    for prompt, reply in [
        ("Collaborative", "Northgate Elementary OST Collaborative"),
        ("Date (YYYY-MM-DD)", "2026-10-20"),
        ("Site", "Northgate Elementary"),
        ("Facilitator", "Alex Rivera"),
        ("participant> ", "Monica Haugen | Seattle Parks and Recreation | Site lead | mh | other"),
        ("participant> ", ""),
    ]:
        child.expect_exact(prompt)
        child.sendline(reply)
    child.expect_exact("Monica Haugen, Seattle Parks and Recreation: ", timeout=60)
    child.send("4")  # a rating typed, not entered
    child.expect_exact("4", timeout=60)  # echoed: readline holds it
    interrupt(child)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130

    lines = screen_of(log, columns)
    assert_nothing_glued(lines)
    first = next(i for i, line in enumerate(lines) if line.startswith("  1) Cooperative: "))
    assert lines[first + 1].startswith("     ") and lines[first + 1].strip()  # hanging indent
    assert "Kept the rating you were typing (4) as a private note." in " ".join(lines)
    # The prose wraps at spaces; the command has a line of its own, from column 0.
    stop = next(i for i, line in enumerate(lines) if line.startswith("reflect: Interrupted."))
    command = next(i for i in range(stop, len(lines)) if lines[i].startswith("reflect resume "))
    prose = " ".join(line.strip() for line in lines[stop:command])
    assert prose == "reflect: Interrupted. Session saved as a draft; continue with:"
    whole = "".join(lines[command:])  # at 60 columns the terminal folds the long id
    assert re.fullmatch(
        r"reflect resume 2026-10-20-northgate-elementary-ost-collaborative-\w{4}", whole
    )
    assert "typed, not entered: 4" in next(sessions_dir.glob("*.yaml")).read_text()
