"""A round question's part of a record: written, read back exactly, damage refused."""

from __future__ import annotations

import copy
import json

import pytest

from reflect_cli.errors import RecordError
from reflect_cli.model import (
    AnswerRecord,
    Band,
    Choice,
    DomainRecord,
    Kind,
    Participant,
    ProtocolRef,
    Rating,
    RoundKind,
    Scale,
    Session,
)
from reflect_cli.records import codec


def session() -> Session:
    trust = AnswerRecord(
        "trust",
        "How strong is trust?",
        Kind.SCALE,
        answer="mh: better than last year",
        credits=["mh"],
        scale=Scale(1, 5, {1: "Not yet", 5: "Fully"}),
        round=RoundKind.NAMED,
        ratings=[Rating(4, participant="mh"), Rating(2, participant="shana")],
        passed=1,
        passed_by=["ana"],
        bands=(Band(4, "Strength"), Band(1, "Concern")),
        round_ended=True,
    )
    kind = AnswerRecord(
        "type",
        "Which type?",
        Kind.CHOICE,
        choices=(Choice("Cooperative"), Choice("Collaborative")),
        round=RoundKind.ANONYMOUS,
        ratings=[
            Rating("Collaborative", organization="Northgate Elementary"),
            Rating("Cooperative", organization="Seattle Parks and Recreation"),
        ],
        entered_by=["ana", "mh", "shana"],  # a round under way: who has had their turn
    )
    ready = AnswerRecord(
        "ready", "Ready?", Kind.YES_NO, round=RoundKind.NAMED, ratings=[Rating(True, "mh")]
    )
    return Session(
        id="2026-11-23-northgate-ost-1a2b",
        protocol=ProtocolRef("rounds", 1, "Rounds"),
        collaborative="Northgate OST",
        date="2026-11-23",
        participants=[Participant("Monica Haugen", "Seattle Parks and Recreation", "", "mh")],
        domains=[DomainRecord("hallmarks", "Hallmarks", [trust, kind, ready])],
    )


def test_round_trip_through_yaml_and_json() -> None:
    original = session()
    text = codec.dump(original)
    assert codec.parse(text, "x.yaml") == original
    cached = json.loads(json.dumps(codec.to_dict(original)))
    assert codec.from_dict(cached, "cache") == original
    assert codec.dump(codec.parse(text, "x.yaml")) == text  # stable bytes


def test_record_shape() -> None:
    data = codec.to_dict(session())
    trust, kind, ready = data["domains"][0]["questions"]
    assert trust["round"] == "named" and trust["bands"] == [
        {"min": 4, "label": "Strength"},
        {"min": 1, "label": "Concern"},
    ]
    assert trust["ratings"] == [
        {"participant": "mh", "value": 4},
        {"participant": "shana", "value": 2},
    ]
    assert (trust["passed"], trust["passed_by"]) == (1, ["ana"])
    assert kind["ratings"][0] == {"organization": "Northgate Elementary", "value": "Collaborative"}
    assert "passed_by" not in kind
    assert kind["entered_by"] == ["ana", "mh", "shana"] and "round_ended" not in kind
    assert trust["round_ended"] is True and "entered_by" not in trust
    assert ready["ratings"] == [{"participant": "mh", "value": True}]


def test_who_entered_is_written_sorted_whatever_the_order_of_entry() -> None:
    one = session()
    one.domains[0].questions[1].entered_by = ["shana", "mh", "ana"]
    assert codec.to_dict(one)["domains"][0]["questions"][1]["entered_by"] == ["ana", "mh", "shana"]


def test_a_question_without_a_round_has_no_round_keys() -> None:
    plain = AnswerRecord("q", "Q?", Kind.SCALE, answer=3, scale=Scale(1, 5))
    one = session()
    one.domains[0].questions = [plain]
    written = codec.to_dict(one)["domains"][0]["questions"][0]
    assert not {"round", "ratings", "passed", "passed_by", "bands"} & set(written)


@pytest.mark.parametrize(
    ("question", "change", "message"),
    [
        (0, {"round": "secret"}, "unknown round 'secret'"),
        (0, {"ratings": [{"participant": "mh", "value": "four"}]}, "a rating of 'trust'"),
        (0, {"ratings": [{"participant": "mh", "value": True}]}, "a rating of 'trust'"),
        (0, {"ratings": [{"participant": "mh"}]}, "each rating of 'trust' needs a 'value'"),
        (0, {"ratings": {"mh": 4}}, "ratings of 'trust' must be a list"),
        (0, {"passed": -1}, "passed of 'trust' cannot be negative"),
        (0, {"passed": 10**30}, "passed of 'trust' must be a whole number"),
        (0, {"answer": 3}, "answer: 3 does not fit a text"),  # a round's answer is its discussion
        (1, {"ratings": [{"organization": ["x"], "value": "Cooperative"}]}, "names someone"),
        (2, {"ratings": [{"participant": "mh", "value": "yes"}]}, "a rating of 'ready'"),
        (1, {"entered_by": "mh"}, "entered_by of 'type' must be a list"),
        (1, {"round_ended": "maybe"}, "round_ended"),
    ],
)
def test_damaged_round_keys_are_one_clear_error(
    question: int, change: dict[str, object], message: str
) -> None:
    data = copy.deepcopy(codec.to_dict(session()))
    data["domains"][0]["questions"][question].update(change)
    with pytest.raises(RecordError) as caught:
        codec.from_dict(data, "bad.yaml")
    assert str(caught.value).startswith(f"bad.yaml: domains[0].questions[{question}].")
    assert message in str(caught.value)
