"""A partnership's history: its name as its earlier sessions spell it. Real records on
disk, a scripted console."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import MINIMAL_PROTOCOL
from reflect_cli.errors import SessionInterrupted
from reflect_cli.model import Protocol, Session
from reflect_cli.protocols import catalog
from reflect_cli.records.store import Store
from reflect_cli.session.console import ScriptedConsole
from reflect_cli.session.flow import Facilitator
from reflect_cli.session.history import known_spelling
from reflect_cli.session.prefill import Plan, add_participants

KNOWN = "Northgate Elementary OST Collaborative"


@pytest.fixture
def tiny(write_yaml) -> Protocol:  # type: ignore[no-untyped-def]
    return catalog.load_file(write_yaml("tiny.yaml", MINIMAL_PROTOCOL))


def meeting(
    tiny: Protocol, folder: Path, collaborative: str, date: str, lines: list[str]
) -> tuple[Session, ScriptedConsole]:
    made = Plan(collaborative=collaborative, site="S", facilitator="Alex", date=date)
    add_participants(made, ["Monica Haugen | Seattle Parks | Lead | mh"])
    console = ScriptedConsole(lines)
    try:
        session = Facilitator(console, Store(folder), tiny, made).start()
    except SessionInterrupted as stopped:
        session = Store(folder).load(stopped.session_id)
    return session, console


def test_a_known_collaborative_typed_in_another_case_keeps_its_spelling(
    tiny: Protocol, sessions_dir: Path
) -> None:
    meeting(tiny, sessions_dir, KNOWN, "2026-10-01", ["mh: hi", "", "1", "3", "yes", "red", ""])
    meeting(tiny, sessions_dir, "NORTHGATE junk", "2026-10-05", ["/pause"])  # another name
    second, console = meeting(
        tiny, sessions_dir, "northgate elementary ost collaborative", "2026-11-01", ["/pause"]
    )
    assert second.collaborative == KNOWN
    assert f"Collaborative: {KNOWN} (as in its earlier sessions)" in console.shown
    summaries, _ = Store(sessions_dir).summaries()
    assert {s.collaborative for s in summaries} == {KNOWN, "NORTHGATE junk"}
    assert known_spelling(Store(sessions_dir), "Somewhere New") == "Somewhere New"
