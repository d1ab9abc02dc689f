"""``/action``: nothing typed is lost. A bad due date or an owner no one here has is
asked for again; Ctrl-C or Ctrl-D at those questions keeps the commitment as typed."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import MINIMAL_PROTOCOL
from reflect_cli.errors import SessionInterrupted
from reflect_cli.model import Protocol, Session
from reflect_cli.protocols import catalog
from reflect_cli.records.store import Store
from reflect_cli.session.console import CTRL_C, ScriptedConsole
from reflect_cli.session.flow import Facilitator
from reflect_cli.session.prefill import Plan, add_participants


@pytest.fixture
def tiny(write_yaml) -> Protocol:  # type: ignore[no-untyped-def]
    return catalog.load_file(write_yaml("tiny.yaml", MINIMAL_PROTOCOL))


def run(tiny: Protocol, sessions_dir: Path, lines: list[str]) -> tuple[Session, str, int]:
    """A meeting with Monica Haugen (mh) and Shana Beckwith, stopped where lines end."""
    made = Plan(collaborative="Northgate OST", site="S", facilitator="F", date="2026-11-01")
    add_participants(
        made,
        ["Monica Haugen | Parks | Lead | mh", "Shana Beckwith | SPIN | Director"],
    )
    console = ScriptedConsole(lines)
    with pytest.raises(SessionInterrupted) as stopped:
        Facilitator(console, Store(sessions_dir), tiny, made).start()
    saved = Store(sessions_dir).load(stopped.value.session_id)
    return saved, "\n".join(console.shown), stopped.value.exit_code


def test_a_bad_due_date_is_asked_again_and_nothing_is_lost(
    tiny: Protocol, sessions_dir: Path
) -> None:
    lines = ["/action Book the gym for May @shana due:soon", "whenever", "2026-12-01", "/pause"]
    saved, shown, _ = run(tiny, sessions_dir, lines)
    assert "due:soon is not a date" in shown
    assert "due: not a date: 'whenever'" in shown
    assert "Commitment recorded: Book the gym for May — Shana Beckwith, due 2026-12-01" in shown
    assert [(a.text, a.owner, a.due) for a in saved.actions] == [
        ("Book the gym for May", "shana", "2026-12-01")
    ]


def test_a_declined_outside_owner_asks_who_instead(tiny: Protocol, sessions_dir: Path) -> None:
    lines = [
        "/action Call the district @monika",  # a typo, not someone outside
        "n",
        "monika",  # still no one
        "Monica Haugen",  # a name: her handle
        "/action Ask the principal @prinicpal",
        "n",
        "",  # Enter: no owner, the text kept
        "/action Write to the city @cty",
        "n",
        "@city",  # outside the room, said plainly
        "/pause",
    ]
    saved, shown, _ = run(tiny, sessions_dir, lines)
    assert "No one here is 'monika'" in shown
    assert [(a.text, a.owner) for a in saved.actions] == [
        ("Call the district", "mh"),
        ("Ask the principal", ""),
        ("Write to the city", "city"),
    ]
    assert "Commitment recorded: Ask the principal — no owner, no due date" in shown


@pytest.mark.parametrize("stop", [CTRL_C, None], ids=["ctrl-c", "ctrl-d"])
def test_stopping_at_the_confirmation_keeps_the_commitment(
    tiny: Protocol, sessions_dir: Path, stop: str | None
) -> None:
    lines = ["mh: we talked", "/action Call the district @district due:2026-12-01"]
    saved, shown, code = run(tiny, sessions_dir, lines + ([stop] if stop else []))
    assert code == (130 if stop else 1)
    assert [(a.text, a.owner, a.due, a.note) for a in saved.actions] == [
        ("Call the district", "district", "2026-12-01", "owner @district not confirmed")
    ]
    assert "Commitment kept as typed: Call the district — district, due 2026-12-01" in shown
    assert saved.domains[0].questions[0].answer == "mh: we talked"


def test_stopping_at_the_due_date_keeps_the_commitment(tiny: Protocol, sessions_dir: Path) -> None:
    saved, _, code = run(tiny, sessions_dir, ["/action Share the calendar @mh due:tomorow", CTRL_C])
    assert code == 130
    assert [(a.text, a.owner, a.due, a.note) for a in saved.actions] == [
        ("Share the calendar", "mh", "", "due date typed as 'tomorow'")
    ]


def test_a_due_date_of_several_words_is_never_moved_into_the_text(
    tiny: Protocol, sessions_dir: Path
) -> None:
    lines = ["/action Bring two parent voices to planning @shana due:after spring break", CTRL_C]
    saved, shown, _ = run(tiny, sessions_dir, lines)
    assert "due:after spring break is not a date" in shown
    assert [(a.text, a.due) for a in saved.actions] == [("Bring two parent voices to planning", "")]
    lines = ['/action Share the calendar due:"2026-12-01" @mh', "/pause"]
    saved, _, _ = run(tiny, sessions_dir, lines)
    assert [(a.text, a.owner, a.due) for a in saved.actions][-1] == (
        "Share the calendar",
        "mh",
        "2026-12-01",
    )


def test_stopping_at_the_due_date_notes_an_owner_not_confirmed_too(
    tiny: Protocol, sessions_dir: Path
) -> None:
    # The owner is asked first; a stop at the due date after "y" notes only the date.
    lines = ["/action Book the bus @bus due:soon", CTRL_C]
    saved, _, _ = run(tiny, sessions_dir, lines)
    assert [(a.owner, a.note) for a in saved.actions] == [
        ("bus", "owner @bus not confirmed; due date typed as 'soon'")
    ]
    lines = ["/action Book the bus @bus due:soon", "y", CTRL_C]
    saved, _, _ = run(tiny, sessions_dir, lines)
    assert [(a.owner, a.note) for a in saved.actions][-1] == ("bus", "due date typed as 'soon'")
