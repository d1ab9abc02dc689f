"""Commitments as people read them: `show` of an older meeting says what a later one made
of each commitment and when, and commitment tables share the width so a commitment reads
in lines at 60, 80 and 120 columns."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from conftest import make_session
from reflect_cli.model import Action, CommitmentStatus
from reflect_cli.records.store import Store
from reflect_cli.ui import terminal

PEOPLE = [
    "Nguyễn Thị Lan | Seattle Parks and Recreation | Site lead | lan",
    "Hope Williams | Rainier Beach Youth Council | Youth member | hope",
    "Tesfaye Abebe | ቤተሰብ Family Association | Parent | tesfaye",
]
LONG = "Share the space calendar with every partner before the winter break"


def three_meetings(folder: Path) -> dict[str, str]:
    """A commitment made on 10-01, marked done on 11-01; another in progress on 11-01 and
    still in progress (a new note) on 12-01; a draft on 11-15 that would close it."""
    first = make_session(
        folder,
        "partnership-reflection",
        date="2026-10-01",
        people=PEOPLE,
        actions=[Action(LONG, "lan", "2026-10-15"), Action("Invite families", "hope")],
    )
    store = Store(folder)
    second = make_session(folder, "partnership-reflection", date="2026-11-01", people=PEOPLE)
    session = store.load(second)
    session.follow_up[0].status = CommitmentStatus.DONE
    session.follow_up[1].status = CommitmentStatus.IN_PROGRESS
    store.save(session)
    draft = make_session(
        folder, "partnership-reflection", date="2026-11-15", people=PEOPLE, status="draft"
    )
    session = store.load(draft)
    for action in session.follow_up:
        action.status = CommitmentStatus.DROPPED
    store.save(session)
    third = make_session(folder, "partnership-reflection", date="2026-12-01", people=PEOPLE)
    session = store.load(third)
    assert [a.text for a in session.follow_up] == ["Invite families"]
    session.follow_up[0].status = CommitmentStatus.IN_PROGRESS
    session.follow_up[0].note = "two families said yes"
    store.save(session)
    return {"first": first, "second": second, "draft": draft, "third": third}


def flat(text: str) -> str:
    return " ".join(text.split())


def test_show_of_an_older_meeting_says_what_later_meetings_made_of_it(
    cli: Any, sessions_dir: Path, monkeypatch: Any
) -> None:
    ids = three_meetings(sessions_dir)
    monkeypatch.setenv("COLUMNS", "200")  # each commitment on one line
    first = flat(cli("show", ids["first"]).stdout)
    assert "open; later done on 2026-11-01" in first  # when it changed, not the last meeting
    assert "open; later in progress on 2026-11-01: two families said yes" in first
    assert "dropped" not in first  # a draft's follow-up is no later word
    second = flat(cli("show", ids["second"]).stdout)
    assert "later" not in second.split("Commitments")[-1]  # it still stands as marked there
    assert "later" not in flat(cli("show", ids["third"]).stdout).split("Commitments")[-1]


def test_a_commitment_closed_later_after_being_carried(
    cli: Any, sessions_dir: Path, monkeypatch: Any
) -> None:
    ids = three_meetings(sessions_dir)
    monkeypatch.setenv("COLUMNS", "200")
    store = Store(sessions_dir)
    fourth = make_session(sessions_dir, "partnership-reflection", date="2027-01-10", people=PEOPLE)
    session = store.load(fourth)
    session.follow_up[0].status = CommitmentStatus.DONE
    store.save(session)
    # The meeting that carried it in progress hears it was done at the fourth.
    second = flat(cli("show", ids["second"]).stdout)
    assert "in progress; later done on 2027-01-10" in second


def drawn(headers: list[str], rows: list[list[str]], width: int, keep: int = 1) -> list[str]:
    out = Console(width=width, file=io.StringIO(), color_system=None)
    terminal.table(headers, rows, out=out, keep=keep)
    return out.file.getvalue().splitlines()  # type: ignore[attr-defined,no-any-return]


def commitment_lines(lines: list[str], text: str) -> list[str]:
    """The pieces of each line that hold words of ``text``, in order."""
    words = set(text.split())
    return [
        " ".join(w for w in line.split() if w in words)
        for line in lines
        if any(w in words for w in line.split())
    ]


WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéóặ", min_size=1, max_size=11)
TEXT = st.lists(WORD, min_size=6, max_size=24).map(" ".join)
OWNER = st.lists(WORD, min_size=1, max_size=4).map(lambda w: " ".join(x.title() for x in w))


@settings(max_examples=100, deadline=None)
@given(
    texts=st.lists(TEXT, min_size=1, max_size=4),
    owner=OWNER,
    width=st.sampled_from([60, 80, 120]),
)
def test_commitments_read_in_lines_at_any_width(texts: list[str], owner: str, width: int) -> None:
    # Each word marked with its row, so a line is known to belong to one commitment.
    texts = [" ".join(f"{w}{n}" for w in text.split()) for n, text in enumerate(texts)]
    rows = [["2026-12-01", text, owner, "in progress"] for text in texts]
    lines = drawn(["due", "commitment", "owner", "status"], rows, width)
    assert all(len(line) <= width for line in lines)
    seen = {w.rstrip(":") for line in lines for w in line.split()}
    for text in texts:
        assert set(text.split()) <= seen  # no word cut
        # Every line of a commitment but its last holds READABLE characters' worth.
        for piece in commitment_lines(lines, text)[:-1]:
            assert len(piece) >= terminal.READABLE - max(map(len, text.split())), (piece, lines)


@pytest.mark.parametrize("width", [60, 80, 120])
def test_commitments_command_at_60_80_120(
    cli: Any, sessions_dir: Path, monkeypatch: Any, width: int
) -> None:
    three_meetings(sessions_dir)
    make_session(
        sessions_dir,
        "partnership-reflection",
        date="2026-10-05",
        collaborative="Rainier Beach Community Partners for Youth",
        people=PEOPLE,
        actions=[Action("Print the flyers in Amharic, Somali and Vietnamese", "tesfaye")],
    )
    monkeypatch.setenv("COLUMNS", str(width))
    lines = cli("commitments", "--all", "--as-of", "2026-12-20").stdout.splitlines()
    assert max(len(line.rstrip()) for line in lines) <= width
    seen = {w.rstrip(":") for line in lines for w in line.split()}
    for word in [*LONG.split(), "Nguyễn", "Thị", "Lan", "Amharic,", "Vietnamese", "2026-10-15"]:
        assert word in seen, (word, lines)
    text = commitment_lines(lines, LONG.replace(" the ", " "))  # "the" is in another
    assert all(len(piece) >= 20 for piece in text[:-1]), text
    if width == 120:  # a table: one line per column header
        assert re.search(r"due\s+from\s+owner\s+commitment\s+status", "\n".join(lines))
