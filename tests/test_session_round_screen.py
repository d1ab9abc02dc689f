"""What the room sees of a round: the reminder on a cleared screen, what a rating may
be, and a result that never shows a lone anonymous rating."""

from __future__ import annotations

from reflect_cli.model import (
    AnswerRecord,
    Choice,
    Kind,
    Participant,
    ProtocolRef,
    Question,
    Rating,
    RoundKind,
    Scale,
    Session,
)
from reflect_cli.session import round_screen
from reflect_cli.session.console import ScriptedConsole

TRUST = Question(
    "trust", "How strong is trust?", Kind.SCALE, scale=Scale(1, 5, {1: "Not yet", 5: "Fully"})
)
TYPE = Question(
    "type", "Which type?", Kind.CHOICE, choices=(Choice("Cooperative"), Choice("Integrated"))
)


def test_the_reminder_names_the_question_and_its_options() -> None:
    console = ScriptedConsole([])
    round_screen.remind(console, TRUST)
    round_screen.remind(console, TYPE)
    assert console.shown == [
        "How strong is trust?",
        "  1 Not yet · 2 · 3 · 4 · 5 Fully",
        "Which type?",
        "  1) Cooperative   2) Integrated",
    ]
    assert round_screen.accepted(TRUST) == "Type a number from 1 to 5 or its label"
    assert round_screen.accepted(TYPE) == "Type a choice's number or label"


def test_a_lone_anonymous_result_shows_only_its_count() -> None:
    people = [Participant("Hope Lee", "Seattle Parks and Recreation", "Coach", "hope")]
    session = Session("s", ProtocolRef("p", 1, "P"), "Northgate OST", "2026-11-23")
    session.participants = people
    record = AnswerRecord.asking(TYPE)
    record.round = RoundKind.ANONYMOUS
    record.ratings = [Rating("Integrated", organization="Seattle Parks and Recreation")]
    record.passed = 2
    console = ScriptedConsole([])
    round_screen.show_result(console, session, record, TYPE)
    assert console.shown == ["not enough ratings to show anonymously (n=1), 2 passed"]
    record.ratings.append(Rating("Integrated", organization="Northgate Elementary"))
    console = ScriptedConsole([])
    round_screen.show_result(console, session, record, TYPE)
    assert console.shown[0] == "2 rated, 2 passed · Integrated 2 · chosen most: Integrated"
