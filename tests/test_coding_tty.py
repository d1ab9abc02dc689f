"""Coding in a real pseudo-terminal, read through the pyte terminal emulator: code,
memo, back, pause, resume; a kill mid-way loses at most the passage on screen."""

from __future__ import annotations

import io
import os
import signal
import sys
from pathlib import Path

import pexpect
import pyte
import pytest

from conftest import make_session
from reflect_cli.coding import codebook, codings, starter

pytestmark = pytest.mark.slow

PEOPLE = [
    "Nguyễn Thị Lan | Rainier Vista Elementary | Principal | lan",
    "Hope Ellis | Hope Ellis Tutoring | Owner | hope",
    "Grace Kim | Rainier Vista PTA | Parent | grace",
]
EQUITY = "\n".join(
    [
        "lan: Turnover hit us: a new principal in March.",
        "hope: We share the gym now — ቤተሰብ 家庭.",
        "grace: Families were not asked.",
        "lan: Power sits with the district.",
    ]
)


def spawn(sessions: Path, *args: str, columns: int = 120) -> tuple[pexpect.spawn, io.StringIO]:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR")}
    env.update(REFLECT_SESSIONS_DIR=str(sessions), TERM="xterm-256color", REFLECT_CODER="ana")
    child = pexpect.spawn(
        sys.executable,
        ["-m", "reflect_cli", "code", "--question", "equity-issues", *args],
        env=env,
        encoding="utf-8",
        timeout=30,
        dimensions=(40, columns),
    )
    child.logfile_read = log = io.StringIO()
    return child, log


def screen_of(log: io.StringIO, columns: int = 120) -> list[str]:
    screen = pyte.Screen(columns, 3000)
    pyte.Stream(screen).feed(log.getvalue())
    return [line.rstrip() for line in screen.display if line.strip()]


def _folder(sessions_dir: Path) -> str:
    sid = make_session(
        sessions_dir, "partnership-reflection", people=PEOPLE, answers={"equity-issues": EQUITY}
    )
    codebook.save(sessions_dir, starter.CODES)
    return sid


def _codes(sessions_dir: Path) -> dict[int, tuple[str, ...]]:
    return {c.address.line: c.codes for c in codings.load(sessions_dir, "ana").all()}


def test_code_memo_back_pause_resume(sessions_dir: Path) -> None:
    sid = _folder(sessions_dir)
    child, log = spawn(sessions_dir)
    child.expect_exact("codes>")
    child.sendline("")  # the suggestion: turnover
    child.expect_exact("saved: turnover")
    child.expect_exact("codes>")
    child.sendline("/memo space, not money")
    child.expect_exact("memo kept")
    child.sendline("resource sharing")
    child.expect_exact("saved: resource-sharing")
    child.expect_exact("codes>")
    child.sendline("/back")
    child.expect_exact("coded: resource-sharing; memo: space, not money")
    child.sendline("7, 5")
    child.expect_exact("codes>")
    child.sendline("/pause")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    lines = screen_of(log)
    shown = "\n".join(lines)
    assert "hope: We share the gym now — ቤተሰብ 家庭." in shown
    assert "equity-issues · " in shown and f"({sid}/equity-issues/2)" in shown
    assert "  … lan: Turnover hit us" in shown  # the line before, for context
    assert _codes(sessions_dir) == {1: ("turnover",), 2: ("resource-sharing", "family-engagement")}
    memo = codings.load(sessions_dir, "ana").by_address
    assert [c.memo for c in memo.values()] == ["", "space, not money"]

    child, log = spawn(sessions_dir)  # resumed where it stopped
    child.expect_exact("codes>")
    assert "grace: Families were not asked." in "\n".join(screen_of(log))
    child.sendline("family engagement")
    child.expect_exact("codes>")
    child.sendline("3")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert _codes(sessions_dir)[4] == ("power-dynamics",)


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGHUP, signal.SIGINT])
def test_a_kill_loses_at_most_the_passage_on_screen(sessions_dir: Path, sig: int) -> None:
    _folder(sessions_dir)
    child, _ = spawn(sessions_dir)
    child.expect_exact("codes>")
    child.sendline("2")
    child.expect_exact("saved: turnover")
    child.expect_exact("codes>")
    child.sendline("7")
    child.expect_exact("saved: resource-sharing")
    child.expect_exact("codes>")
    child.send("5")  # typed, not entered: the passage on screen
    child.expect_exact("5")  # echoed: read by the prompt
    if sig == signal.SIGINT:
        child.sendintr()  # Ctrl-C
    else:
        child.kill(sig)
    child.expect(pexpect.EOF)
    child.close()
    assert _codes(sessions_dir) == {1: ("turnover",), 2: ("resource-sharing",)}
    path = sessions_dir / "codings" / "ana.yaml"
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]


LONG = (
    "lan: Families who speak Amharic, Vietnamese and Somali were never asked what "
    "they needed from the after-school program."
)


def test_narrow_terminal_reads(sessions_dir: Path) -> None:
    """At 60 columns: what people said wraps between words under itself, a code's name
    under its name, the help a line per idea, and the address breaks at its slash."""
    sid = make_session(
        sessions_dir,
        "partnership-reflection",
        collaborative="Rainier Vista Elementary and Neighbors Partnership",
        people=PEOPLE,
        answers={"equity-issues": f"{LONG}\nhope: We share the gym now."},
    )
    codebook.save(sessions_dir, starter.CODES)
    child, log = spawn(sessions_dir, columns=60)
    child.expect_exact("codes>")
    child.sendline("8")
    child.expect_exact("codes>")
    child.sendline("/pause")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    lines = screen_of(log, 60)
    start = next(n for n, line in enumerate(lines) if line.startswith("  lan: Families"))
    said = [lines[start]]
    while lines[start + len(said)].startswith("  ") and not lines[start + len(said)].startswith(
        "  ("
    ):
        said.append(lines[start + len(said)])
    assert len(said) > 1 and all(line.startswith("  ") for line in said)
    assert " ".join(line.strip() for line in said) == LONG  # no word cut in two
    assert lines[start + len(said)] == f"  ({sid}/"
    assert lines[start + len(said) + 1] == "   equity-issues/1)"
    wrapped = lines.index("   8 coordination-communication · Coordination and")
    assert lines[wrapped + 1] == "     communication"
    assert "/memo TEXT  /skip  /back  /codes  /pause" in lines
    assert "  … lan: Families who speak Amharic, Vietnamese and Somali" in lines  # context
    assert f"   {'equity-issues/1)'}" in lines and max(len(line) for line in lines) <= 60


def test_ctrl_backslash_at_codes_saves_like_ctrl_c(sessions_dir: Path) -> None:
    """Ctrl-\\ (SIGQUIT) at ``codes>``: every decision saved and said, status 130 (not
    a core-dump status 131 with nothing said)."""
    from pty_keys import quit_key

    _folder(sessions_dir)
    child, _ = spawn(sessions_dir)
    child.expect_exact("codes>")
    child.sendline("2")
    child.expect_exact("saved: turnover")
    child.expect_exact("codes>")
    quit_key(child)
    child.expect_exact("interrupted; every decision is saved: `reflect code` goes on")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130 and child.signalstatus is None
    assert _codes(sessions_dir) == {1: ("turnover",)}
