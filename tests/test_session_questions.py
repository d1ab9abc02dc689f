"""The question loop: what Ctrl-C keeps of a line typed but not entered. A scripted
console, real records on disk."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from reflect_cli.errors import SessionInterrupted
from reflect_cli.model import Protocol
from reflect_cli.protocols import catalog
from reflect_cli.records.store import Store
from reflect_cli.session.console import CTRL_C, ScriptedConsole
from reflect_cli.session.flow import Facilitator
from reflect_cli.session.prefill import Plan, add_participants
from rounds_fixtures import READY, STORY, TRUST, TWO_ANAS, TYPE
from rounds_fixtures import protocol as protocol_text


@pytest.fixture
def protocol(write_yaml: Callable[[str, str], Path]) -> Protocol:
    return catalog.load_file(write_yaml("rounds.yaml", protocol_text(TRUST, TYPE, READY, STORY)))


def test_a_rating_typed_not_entered_in_a_named_round_becomes_a_private_note(
    protocol: Protocol, sessions_dir: Path
) -> None:
    made = Plan(collaborative="Northgate OST", site="N", facilitator="Alex", date="2026-11-23")
    add_participants(made, TWO_ANAS)
    console = ScriptedConsole(["4", "3" + CTRL_C])  # Monica rates; Shana's 3 not entered
    with pytest.raises(SessionInterrupted) as stopped:
        Facilitator(console, Store(sessions_dir), protocol, made).start()
    saved = Store(sessions_dir).load(stopped.value.session_id)
    assert [(n.text, n.question) for n in saved.notes] == [("typed, not entered: 3", "trust")]
    assert [r.participant for r in saved.find("trust").ratings] == ["mh"]  # type: ignore[union-attr]
    assert "Kept the rating you were typing (3) as a private note." in console.shown
