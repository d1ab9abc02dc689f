"""Someone who speaks through an interpreter: the interpreter on the roster is there to
interpret, so they are not asked to rate and are not a voice of their own; who
interprets is said by their name, and /roster says who speaks through whom."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from reflect_cli.model import Protocol, Session
from reflect_cli.protocols import catalog
from reflect_cli.records.store import Store
from reflect_cli.session.console import ScriptedConsole
from reflect_cli.session.flow import Facilitator
from reflect_cli.session.prefill import Plan, add_participants
from rounds_fixtures import STORY, TRUST
from rounds_fixtures import protocol as protocol_text

PEOPLE = [
    "Monica Haugen | Seattle Parks and Recreation | Site lead | mh",
    "Hodan Warsame | Familias Unidas | madre | hodan | family | interpreter: abdi",
    "Abdi Farah | Familias Unidas | community interpreter | abdi",
]


@pytest.fixture
def protocol(write_yaml: Callable[[str, str], Path]) -> Protocol:
    return catalog.load_file(write_yaml("rounds.yaml", protocol_text(TRUST, STORY)))


def meeting(
    protocol: Protocol, folder: Path, lines: list[str], people: list[str] = PEOPLE
) -> tuple[Session, list[str]]:
    made = Plan(
        collaborative="Northgate OST", site="Northgate", facilitator="Alex", date="2026-11-23"
    )
    add_participants(made, people)
    console = ScriptedConsole(lines)
    session = Facilitator(console, Store(folder), protocol, made).start()
    return session, console.shown


def test_the_interpreter_is_not_asked_to_rate_nor_counted_as_a_voice(
    protocol: Protocol, sessions_dir: Path
) -> None:
    lines = ["4", "2", "", "/roster", "hodan: we need interpreters booked early", ""]
    session, shown = meeting(protocol, sessions_dir, lines)
    trust = session.find("trust")
    assert trust is not None and trust.round_ended
    assert [r.participant for r in trust.ratings] == ["mh", "hodan"]
    assert not any(line.startswith("Abdi Farah") for line in shown)  # never a rating prompt
    roster = next(line for line in shown if line.startswith("hodan | Hodan Warsame"))
    assert roster.endswith("here, through an interpreter (Abdi Farah)"), roster
    interpreter = next(line for line in shown if line.startswith("abdi | Abdi Farah"))
    assert interpreter.endswith("here, interpreting for Hodan Warsame"), interpreter
    voices = [line for line in shown if "(abdi)" in line]
    assert voices == [], voices  # not a row of zeros in the voices chart


def test_an_interpreter_who_speaks_for_themselves_is_counted(
    protocol: Protocol, sessions_dir: Path
) -> None:
    lines = ["4", "2", "", "abdi: I also coach at Familias Unidas", ""]
    _session, shown = meeting(protocol, sessions_dir, lines)
    assert any(line.startswith("Abdi Farah (abdi) | ") for line in shown)


def test_show_the_md_and_exports_name_the_interpreter(
    cli: Any, protocol: Protocol, sessions_dir: Path
) -> None:
    session, _shown = meeting(protocol, sessions_dir, ["4", "2", "", "hodan: yes", ""])
    said = "through an interpreter (Abdi Farah)"
    assert said in cli("show", session.id).stdout.replace("\n", " ")
    md = (sessions_dir / f"{session.id}.md").read_text(encoding="utf-8")
    assert said in md and "(abdi)" not in md.replace("(handle abdi)", "")
    for kind in ("md", "html"):
        exported = cli("export", session.id, "--format", kind).stdout
        assert said in exported, kind


def test_an_interpreter_typed_by_name_is_their_label_when_redacted(
    cli: Any, protocol: Protocol, sessions_dir: Path
) -> None:
    people = [*PEOPLE]
    people[1] = people[1].replace("interpreter: abdi", "interpreter: abdi farah")
    session, _shown = meeting(protocol, sessions_dir, ["4", "2", "", "hodan: yes", ""], people)
    redacted = cli("export", session.id, "--format", "md", "--redact").stdout
    line = next(x for x in redacted.splitlines() if "through an interpreter" in x)
    assert "through an interpreter (Familias Unidas (community interpreter" in line, line
    assert "Abdi" not in redacted and "abdi" not in redacted


def test_the_help_says_how_to_name_an_interpreter(cli: Any) -> None:
    assert "interpreter: WHO" in " ".join(cli("start", "--help").stdout.split())
    from reflect_cli.session.typed_lines import COMMANDS

    assert "interpreter: WHO" in COMMANDS["/join"]
