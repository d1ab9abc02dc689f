"""Whose voices were heard: credits and named ratings count, anonymous rounds count no
one, and only people still in the room are called out as not heard from."""

from __future__ import annotations

from reflect_cli.model import (
    AnswerRecord,
    DomainRecord,
    Kind,
    Participant,
    ProtocolRef,
    Rating,
    RoundKind,
    Scale,
    Session,
)
from reflect_cli.session import voices
from reflect_cli.session.console import ScriptedConsole


def session() -> Session:
    """Hallmarks: a named round and an anonymous one; Equity: one credited line.

    May (a name that is also a word) gave a named rating only; Hope passed in the named
    round and typed an anonymous rating; Dana was absent; Jo left without a word."""
    trust = AnswerRecord(
        "trust",
        "How strong is trust?",
        Kind.SCALE,
        scale=Scale(1, 5),
        round=RoundKind.NAMED,
        ratings=[Rating(4, participant="mh"), Rating(2, participant="may")],
        passed=1,
        passed_by=["hope"],
    )
    kind = AnswerRecord(
        "type",
        "Which type?",
        Kind.CHOICE,
        round=RoundKind.ANONYMOUS,
        ratings=[
            Rating("Collaborative", organization="Seattle Parks and Recreation"),
            Rating("Cooperative", organization="Northgate Elementary"),
        ],
    )
    equity = AnswerRecord("equity", "Who decides?", answer="mh: we all do, mostly.", credits=["mh"])
    return Session(
        id="2026-11-23-northgate-ost-1a2b",
        protocol=ProtocolRef("rounds", 1, "Rounds"),
        collaborative="Northgate OST",
        date="2026-11-23",
        participants=[
            Participant("Monica Haugen", "Seattle Parks and Recreation", "Site lead", "mh"),
            Participant("May Tran", "Northgate Elementary", "Parent", "may"),
            Participant("Hope Lee", "Seattle Parks and Recreation", "Coach", "hope"),
            Participant("Dana Okafor", "Northgate PTA", "Parent", "dana", present=False),
            Participant("Jo Park", "Northgate Elementary", "Teacher", "jo", left=True),
        ],
        domains=[
            DomainRecord("hallmarks", "Hallmarks", [trust, kind]),
            DomainRecord("equity", "Equity", [equity]),
        ],
    )


def test_a_named_rating_is_heard_and_an_anonymous_one_names_no_one() -> None:
    one = session()
    trust, kind = one.domains[0].questions
    assert voices.heard_on(trust) == {"mh", "may"}  # Hope passed: not a rating
    assert voices.heard_on(kind) == set()


def test_unheard_by_domain_counts_named_ratings_and_skips_who_was_not_there() -> None:
    assert voices.unheard_by_domain(session()) == [
        "Hallmarks: not heard from Hope Lee",
        "Equity: not heard from May Tran, Hope Lee",
    ]


def test_the_voices_table_calls_out_only_people_in_the_room() -> None:
    console = ScriptedConsole([])
    voices.show(console, session())
    assert "May Tran (may) | 1 | ·" in console.shown
    assert "Hope Lee (hope) | · | ·" in console.shown
    called_out = [line for line in console.shown if line.startswith("Not yet heard from")]
    assert len(called_out) == 1
    assert called_out[0].startswith("Not yet heard from: Hope Lee. ")


def test_someone_who_came_late_is_not_called_unheard_for_what_was_asked_before() -> None:
    late = session()
    hope = next(p for p in late.participants if p.handle == "hope")
    hope.joined_at = "equity"  # she came at the last question: Hallmarks was before her
    assert voices.unheard_by_domain(late) == ["Equity: not heard from May Tran, Hope Lee"]
    hope.joined_at = "type"  # at Hallmarks' second question: she was there for part of it
    assert voices.unheard_by_domain(late)[0] == "Hallmarks: not heard from Hope Lee"
    hope.joined_at = "welcome"  # not a question of the session (an intro step): from the start
    assert voices.unheard_by_domain(late)[0] == "Hallmarks: not heard from Hope Lee"
