"""Summaries say what `show` says: who left early, when a carried commitment was made,
its owner's name when they missed the later meeting, and a dropped one as dropped."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import make_session
from labels import uncoded
from reflect_cli.model import Action, CommitmentStatus
from reflect_cli.records.store import Store

PEOPLE = [
    "Monica Haugen | Seattle Parks and Recreation | Site lead | mh",
    "Emre Kaya | Family Center | Parent | emre",
]


@pytest.fixture
def later(sessions_dir: Path) -> str:
    """Hope owns two commitments on 2026-09-10 and misses 2026-10-01, where one is
    dropped and Emre leaves early."""
    make_session(
        sessions_dir,
        "partnership-reflection",
        date="2026-09-10",
        people=[*PEOPLE, "Hope Ellis | Library | Staff | hope"],
        actions=[
            Action("Ellis books the gym", "hope", "2026-10-01"),
            Action("Print flyers", "hope", "2026-10-01"),
        ],
    )
    second = make_session(sessions_dir, "partnership-reflection", date="2026-10-01", people=PEOPLE)
    store = Store(sessions_dir)
    session = store.load(second)
    assert [a.owner for a in session.follow_up] == ["hope", "hope"]  # carried as they stood
    session.follow_up[1].status = CommitmentStatus.DROPPED
    session.participants[1].left = True
    store.save(session)
    return second


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_a_single_session_export_says_what_show_says(cli: Any, later: str, fmt: str) -> None:
    result = cli("export", later, "-f", fmt)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "Emre Kaya, Family Center, Parent (left)" in out
    assert "Monica Haugen, Seattle Parks and Recreation, Site lead (left)" not in out
    assert "owner: Hope Ellis" in out and "owner: hope" not in out
    assert "made 2026-09-10" in out and "made earlier" not in out
    if fmt == "md":
        assert "- ~~Print flyers~~ (owner: Hope Ellis; due 2026-10-01; made 2026-09-10; " in out
        assert "- [ ] Ellis books the gym" in out
    else:
        assert '<li class="dropped" dir="auto"><del>Print flyers</del>' in out


def test_both_sessions_agree(cli: Any, later: str) -> None:
    out = cli("export", "--collaborative", "Northgate Elementary OST").stdout
    assert "made 2026-09-10" in out and "owner: Hope Ellis" in out
    assert "Emre Kaya, Family Center, Parent (left)" not in out  # stayed to the end once


def test_redacted_keeps_the_date_not_the_name(cli: Any, later: str) -> None:
    result = cli("export", later, "--redact")
    assert result.exit_code == 0, result.stderr
    assert "owner: Library (Staff)" in uncoded(result.stdout) and "Ellis" not in uncoded(
        result.stdout
    )
    assert "made 2026-09-10" in result.stdout
    assert "Family Center (Parent) (left)" in uncoded(result.stdout)
