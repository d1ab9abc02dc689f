"""The meeting's people, with a scripted console and real records: regrets, who came
late or left early (and at which question), the handle someone goes by, records from
before these keys, and the setup prompts' help."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import MINIMAL_PROTOCOL
from reflect_cli.errors import SessionInterrupted
from reflect_cli.model import Participant, Protocol, Session
from reflect_cli.protocols import catalog
from reflect_cli.records import codec
from reflect_cli.session import voices
from reflect_cli.session.console import ScriptedConsole
from test_session_roster import FIRST_ROSTER, REST, first_meeting, plan, run


@pytest.fixture
def tiny(write_yaml) -> Protocol:  # type: ignore[no-untyped-def]
    return catalog.load_file(write_yaml("tiny.yaml", MINIMAL_PROTOCOL))


def test_regrets_from_an_answers_file_roster_too(tiny: Protocol, sessions_dir: Path) -> None:
    """People given up front (-p, answers files): the rest of the partnership is kept as
    not present, as when the roster is typed."""
    first_meeting(tiny, sessions_dir)
    made = plan("2026-11-01", FIRST_ROSTER[:2])
    second, _ = run(tiny, sessions_dir, made, ["mh: hi", "", *REST, ""])
    assert [(p.handle, p.present) for p in second.participants] == [
        ("mh", True),
        ("monica", True),
        ("may", False),
        ("dana", False),
        ("jose", False),
    ]


def test_a_handle_set_today_is_kept_in_later_meetings(tiny: Protocol, sessions_dir: Path) -> None:
    first_meeting(tiny, sessions_dir)
    lines = ["", "", "/handle jose pepe", "pepe: hola", "/action Call @pepe", "", *REST, ""]
    second, console = run(tiny, sessions_dir, plan("2026-11-01"), lines)
    jose = next(p for p in second.participants if p.name.startswith("Jos"))
    assert jose.handle == "pepe"
    assert second.domains[0].questions[0].credits == ["pepe"]
    assert second.actions[0].owner == "pepe"
    third, console = run(tiny, sessions_dir, plan("2026-12-01"), ["", "", "/pause"])
    assert "pepe" in [p.handle for p in third.participants]
    assert any("(pepe)" in line for line in console.shown)  # offered as pepe


def test_a_handle_taken_or_malformed_is_refused_and_nothing_changes(
    tiny: Protocol, sessions_dir: Path
) -> None:
    first_meeting(tiny, sessions_dir)
    lines = ["", "", "/handle jose mh", "/handle jose Big Name!", "/handle nobody x", "/pause"]
    second, console = run(tiny, sessions_dir, plan("2026-11-01"), lines)
    shown = "\n".join(console.shown)
    assert "handle 'mh' is already taken" in shown
    assert "no one called 'nobody'" in shown
    assert "jose" in [p.handle for p in second.participants]


def test_the_voices_review_says_who_came_late_left_early_or_was_not_there() -> None:
    session = Session("2026-11-01-x-0000", None, "X", "2026-11-01")  # type: ignore[arg-type]
    from reflect_cli.model import AnswerRecord, DomainRecord

    session.domains = [DomainRecord("d", "D", [AnswerRecord("q1", "?"), AnswerRecord("q2", "?")])]
    session.participants = [
        Participant("Grace Kim", "Youth Council", "", "grace", joined_at="q2"),
        Participant("Justice Williams", "Transit", "", "justice", left=True, left_at="q2"),
        Participant("Dana Okafor", "School", "", "dana", present=False),
        Participant("Hope Ellis", "Parks", "", "hope"),
    ]
    console = ScriptedConsole()
    voices.show(console, session)
    assert "Grace Kim (grace), joined at question 2 | ·" in console.shown
    assert "Justice Williams (justice), left at question 2 | ·" in console.shown
    assert "Dana Okafor (dana), not present | ·" in console.shown
    assert "Hope Ellis (hope) | ·" in console.shown
    unheard = next(line for line in console.shown if line.startswith("Not yet heard"))
    assert "Grace Kim" in unheard and "Hope Ellis" in unheard
    assert "Justice" not in unheard and "Dana" not in unheard


def test_a_record_from_before_joined_at_reads_and_keeps_its_bytes() -> None:
    session = Session("2026-11-22-x-0000", None, "X", "2026-11-22")  # type: ignore[arg-type]
    from reflect_cli.model import ProtocolRef

    session.protocol = ProtocolRef("tiny", 1, "Tiny")
    session.participants = [Participant("Monica Haugen", "Parks", "Lead", "mh", left=True)]
    text = codec.dump(session)
    assert "joined_at" not in text and "left_at" not in text  # older bytes unchanged
    back = codec.parse(text, "old.yaml")
    assert (back.participants[0].joined_at, back.participants[0].left_at) == ("", "")
    session.participants[0].left_at = "q2"
    session.participants[0].joined_at = "q1"
    back = codec.parse(codec.dump(session), "new.yaml")
    assert (back.participants[0].joined_at, back.participants[0].left_at) == ("q1", "q2")


def test_setup_prompts_help_and_confirm_a_shell_word(tiny: Protocol, sessions_dir: Path) -> None:
    from reflect_cli.records.store import Store
    from reflect_cli.session.flow import Facilitator
    from reflect_cli.session.prefill import Plan

    lines = ["?", "/x", "exit", "n", "clear", "y", "", "", "Alex", "", "/pause"]
    console = ScriptedConsole(lines)
    with pytest.raises(SessionInterrupted):  # the /pause at the first question
        Facilitator(console, Store(sessions_dir), tiny, Plan()).start()
    assert console.shown[0].startswith("Setting up a session of “Tiny protocol”")
    assert "/help at any prompt" in console.shown[0]
    assert "Setting up" in console.shown  # the help table's title
    assert "Collaborative: a name, not a command (/help says what is asked)." in console.shown
    assert "Collaborative 'exit', really? [y/N]" in console.shown
    (record,) = Store(sessions_dir).summaries()[0]
    assert record.collaborative == "clear"  # confirmed: a partnership may be called so


def test_exports_say_who_came_late_left_early_or_was_not_there() -> None:
    from reflect_cli.model import AnswerRecord, DomainRecord, ProtocolRef
    from reflect_cli.render.export import summary, summary_text

    session = Session("2026-11-01-x-0000", ProtocolRef("tiny", 1, "Tiny"), "X", "2026-11-01")
    session.domains = [DomainRecord("d", "D", [AnswerRecord("q1", "?"), AnswerRecord("q2", "?")])]
    session.participants = [
        Participant("Grace Kim", "Youth Council", "Student", "grace", joined_at="q2"),
        Participant("Justice Williams", "Transit", "Driver", "justice", left=True, left_at="q2"),
        Participant("Dana Okafor", "School", "Principal", "dana", present=False),
        Participant("Hope Ellis", "Parks", "Intern", "hope"),
    ]
    present, absent = summary_text.people(summary.build([session]))
    assert present == [
        "Grace Kim, Youth Council, Student (joined at question 2)",
        "Justice Williams, Transit, Driver (left at question 2)",
        "Hope Ellis, Parks, Intern",
    ]
    assert absent == ["Dana Okafor, School, Principal"]
    assert ("School", 0) not in summary.build([session]).participation


def test_exports_name_a_speaker_credited_by_any_word_of_their_name() -> None:
    from reflect_cli.model import AnswerRecord, DomainRecord, ProtocolRef
    from reflect_cli.render.export.base import Options
    from reflect_cli.render.export.prepare import prepare

    session = Session("2026-11-01-x-0000", ProtocolRef("tiny", 1, "Tiny"), "X", "2026-11-01")
    answer = "lan: the family night\nthi: the translation\nmonica: which one?\nNext steps: more"
    session.domains = [DomainRecord("d", "D", [AnswerRecord("q1", "?", answer=answer)])]
    session.participants = [
        Participant("Nguyễn Thị Lan", "PTA", "Parent", "nguyen"),
        Participant("Monica Haugen", "Parks", "Lead", "mh"),
        Participant("Monica Reyes", "PTA", "Parent", "mr"),
    ]
    shown = prepare(session, Options()).domains[0].questions[0].answer
    assert shown == (
        "Nguyễn Thị Lan: the family night\nNguyễn Thị Lan: the translation\n"
        "monica: which one?\nNext steps: more"
    )
