"""A round question's part of a record: written, read back exactly, damage refused."""

from __future__ import annotations

import copy
import json
import random

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

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
from reflect_cli.rounds.anonymity import MIN_ANONYMOUS, shown_ratings
from reflect_cli.rounds.text import of_record


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
        # As an ended anonymous round is read back: sorted, every organization three or more.
        ratings=[
            Rating("Collaborative", organization="Northgate Elementary"),
            Rating("Cooperative", organization="Northgate Elementary"),
            Rating("Cooperative", organization="Northgate Elementary"),
            Rating("Collaborative", organization="Seattle Parks and Recreation"),
            Rating("Collaborative", organization="Seattle Parks and Recreation"),
            Rating("Collaborative", organization="Seattle Parks and Recreation"),
        ],
        round_ended=True,
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
    assert kind["ratings"] == [  # counts, never one entry a person
        {"organization": "Northgate Elementary", "value": "Collaborative", "count": 1},
        {"organization": "Northgate Elementary", "value": "Cooperative", "count": 2},
        {"organization": "Seattle Parks and Recreation", "value": "Collaborative", "count": 3},
    ]
    assert "passed_by" not in kind and "entered_by" not in kind
    assert trust["round_ended"] is True and "entered_by" not in trust
    assert ready["ratings"] == [{"participant": "mh", "value": True}]


def test_a_named_round_begun_is_kept_through_a_save() -> None:
    """An entry /back took out still marks the round as begun on disk."""
    one = session()
    trust = one.domains[0].questions[0]
    trust.ratings, trust.passed, trust.passed_by, trust.round_ended = [], 0, [], False
    trust.round_begun = True
    text = codec.dump(one)
    assert codec.to_dict(one)["domains"][0]["questions"][0]["round_begun"] is True
    reread = codec.parse(text, "x.yaml").find("trust")
    assert reread is not None and reread.round_begun and not reread.rated


def test_who_entered_is_never_written() -> None:
    """Who has had their turn lives in the private state folder while a round runs
    (records/ballots.py);
    an older draft's list, read into the model, is never written back to the folder."""
    one = session()
    one.domains[0].questions[1].entered_by = ["shana", "mh", "ana"]
    assert "entered_by" not in codec.to_dict(one)["domains"][0]["questions"][1]


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
        (1, {"ratings": [{"value": "Cooperative", "count": 0}]}, "count 1 to 10,000"),
        (1, {"ratings": [{"value": "Cooperative", "count": "2"}]}, "count of 'type'"),
        (1, {"ratings": [{"value": "Cooperative", "count": True}]}, "count of 'type'"),
        (1, {"ratings": [{"value": "Cooperative", "count": 10**8}]}, "count 1 to 10,000"),
        (1, {"round_ended": "maybe"}, "round_ended"),
        (1, {"withheld": -1}, "withheld of 'type' cannot be negative"),
        (1, {"withheld": "1"}, "withheld of 'type' must be a whole number"),
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


# -- an anonymous round is stored as counts, already pooled ---------------------------

ORGANIZATIONS = ["Seattle Parks and Recreation", "Library", "ሰላም ማዕከል", "北京图书馆", ""]


def anonymous(ratings: list[tuple[str, int]]) -> Session:
    one = session()
    question = AnswerRecord(
        "trust",
        "How strong is trust?",
        Kind.SCALE,
        scale=Scale(1, 5),
        round=RoundKind.ANONYMOUS,
        ratings=[Rating(v, organization=o) for o, v in ratings],
        passed=1,
        round_ended=True,
    )
    one.domains[0].questions = [question]
    return one


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(ORGANIZATIONS), st.integers(1, 5)), max_size=12),
    st.randoms(use_true_random=False),
)
def test_an_anonymous_round_is_stored_as_pooled_counts_in_no_order(
    ratings: list[tuple[str, int]], draw: random.Random
) -> None:
    """Whatever the ratings and the order they came in: counts only, no organization
    holding a single rating, and none at all when pooling leaves a group of one; the
    same bytes for every order; read back, the round comes to what the room saw."""
    written = codec.dump(anonymous(ratings))
    shuffled = list(ratings)
    draw.shuffle(shuffled)
    assert codec.dump(anonymous(shuffled)) == written
    stored = yaml.safe_load(written)["domains"][0]["questions"][0]["ratings"]
    assert all(set(item) <= {"organization", "value", "count"} for item in stored)
    question = yaml.safe_load(written)["domains"][0]["questions"][0]
    if len(ratings) == 1:  # a single value would be its author's: only how many is kept
        assert stored == [] and question["withheld"] == 1
    else:
        assert sum(item["count"] for item in stored) == len(ratings)
        assert "withheld" not in question
    per_organization: dict[str, int] = {}
    for item in stored:
        if "organization" in item:
            per_organization[item["organization"]] = (
                per_organization.get(item["organization"], 0) + item["count"]
            )
    assert all(n >= MIN_ANONYMOUS for n in per_organization.values())
    assert not per_organization or sum(per_organization.values()) == len(ratings)
    before = of_record(anonymous(ratings).domains[0].questions[0], [])
    back = codec.parse(written, "x.yaml").domains[0].questions[0]
    assert of_record(back, []) == before

    def shown(record: AnswerRecord) -> list[tuple[str, object]]:
        return sorted((r.organization, r.value) for r in shown_ratings(record))  # type: ignore[misc]

    assert shown(back) == shown(anonymous(ratings).domains[0].questions[0])


def test_an_older_record_with_one_rating_an_entry_still_reads() -> None:
    """Written before counts: one entry a person, each with its real organization. It
    reads, is shown pooled, and is stored pooled when written again."""
    data = codec.to_dict(anonymous([]))
    data["domains"][0]["questions"][0]["ratings"] = [
        {"organization": "Seattle Parks and Recreation", "value": 4},
        {"organization": "Library", "value": 1},
        {"organization": "Seattle Parks and Recreation", "value": 2},
    ]
    old = codec.from_dict(data, "old.yaml").domains[0].questions[0]
    assert sorted(r.value for r in old.ratings) == [1, 2, 4]
    result = of_record(old, [])
    assert result.overall_only and result.by_organization == {}
    again = codec.to_dict(codec.from_dict(data, "old.yaml"))["domains"][0]["questions"][0]
    assert again["ratings"] == [
        {"value": 1, "count": 1},
        {"value": 2, "count": 1},
        {"value": 4, "count": 1},
    ]
