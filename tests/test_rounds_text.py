"""How a round reads: headline, organizations, flag, bars, cells, searchable lines."""

from __future__ import annotations

from reflect_cli.model import (
    AnswerRecord,
    Band,
    Choice,
    Kind,
    Participant,
    Rating,
    RoundKind,
    Scale,
)
from reflect_cli.rounds import text
from reflect_cli.rounds.analysis import analyse

PEOPLE = [
    Participant("Monica Haugen", "Seattle Parks and Recreation", "Site lead", "mh"),
    Participant("Shana Beckwith", "STEMPaths Innovation Network", "Director", "shana"),
]
LABELS = {1: "Not yet", 3: "Partly", 5: "Fully"}


def trust(*ratings: Rating, passed: int = 0) -> AnswerRecord:
    return AnswerRecord(
        "trust",
        "Trust?",
        Kind.SCALE,
        scale=Scale(1, 5, LABELS),
        round=RoundKind.NAMED,
        ratings=list(ratings),
        passed=passed,
        bands=(Band(4, "Strength"), Band(1, "Concern")),
    )


def test_a_named_rating_counts_for_its_persons_organization() -> None:
    record = trust(Rating(5, "mh"), Rating(1, "shana"), passed=1)
    result = text.of_record(record, PEOPLE)
    assert list(result.by_organization) == [
        "Seattle Parks and Recreation",
        "STEMPaths Innovation Network",
    ]
    assert text.headline(result, LABELS) == (
        "2 rated, 1 passed · median 3 (Concern) · range 1 to 5 · IQR 2 · 2 of 2 away from "
        "the median · organizations' medians 4 apart"
    )
    assert text.flag(result).startswith(
        "Partners see this differently: the middle half of the ratings spans 2 to 4"
    )
    assert text.organization_lines(result)[0] == "Seattle Parks and Recreation: median 5 (n 1)"


def test_median_shows_its_label_when_there_is_no_band() -> None:
    result = analyse(Kind.SCALE, [("A", 3), ("B", 3)])
    assert text.median_text(result, LABELS) == "3 (Partly)"
    assert text.headline(result, LABELS) == (
        "2 rated · median 3 (Partly) · range 3 · IQR 0 · 0 of 2 away from the median · "
        "organizations' medians 0 apart"
    )
    assert text.flag(result) == ""


def test_bar_chart_has_a_line_per_point_and_scales_to_the_top() -> None:
    result = analyse(Kind.SCALE, [("A", 1), ("A", 5), ("B", 5)])
    bars = text.bar_chart(result, LABELS, width=10)
    assert bars[0] == "1 Not yet │█████ 1"
    assert bars[1] == "2         │"
    assert bars[4] == "5 Fully   │██████████ 2"
    assert text.distribution(result, LABELS) == "1 Not yet ×1 · 5 Fully ×2"


def test_cells_over_time() -> None:
    assert text.over_time_cell(analyse(Kind.SCALE, [("A", 2), ("B", 5)])) == "3.5 (2–5) ⚑"
    assert text.over_time_cell(analyse(Kind.SCALE, [])) == "·"
    choice = analyse(Kind.CHOICE, [("A", "X"), ("B", "X"), ("C", "Y")], options=["X", "Y"])
    assert text.over_time_cell(choice) == "X (2 of 3)"


def test_rating_lines_name_no_one_for_an_anonymous_round() -> None:
    named = trust(Rating(4, "mh"))
    assert text.rating_lines(named, PEOPLE) == ["Monica Haugen: 4"]
    anonymous = AnswerRecord(
        "type",
        "Type?",
        Kind.CHOICE,
        choices=(Choice("Cooperative"),),
        round=RoundKind.ANONYMOUS,
        ratings=[
            Rating("Cooperative", organization="Northgate Elementary"),
            Rating("Integrated", organization="Northgate Elementary"),
            Rating("Integrated", organization="Northgate Elementary"),
        ],
    )
    assert text.rating_lines(anonymous, PEOPLE) == [
        "Northgate Elementary: Cooperative",
        "Northgate Elementary: Integrated",
        "Northgate Elementary: Integrated",
    ]
    # A fourth rating alone in its organization: the round is shown overall only, and
    # its lines name no organization (Northgate's three would tell the lone one).
    anonymous.ratings.append(Rating("Cooperative", organization="Solo Org"))
    assert text.rating_lines(anonymous, PEOPLE) == [
        "Anonymous: Cooperative",
        "Anonymous: Integrated",
        "Anonymous: Integrated",
        "Anonymous: Cooperative",
    ]
    del anonymous.ratings[1:]
    # One anonymous rating is its author's: search and the index never see it.
    assert text.rating_lines(anonymous, PEOPLE) == []


def test_heard_on_counts_credits_and_named_ratings_never_anonymous_ones() -> None:
    named = trust(Rating(4, "mh"), Rating(2, "shana"), passed=1)
    named.credits = ["shana"]
    assert text.heard_on(named) == {"mh", "shana"}  # Shana once, for rating and talk
    anonymous = trust(Rating(4, organization="Seattle Parks and Recreation"))
    anonymous.round = RoundKind.ANONYMOUS
    assert text.heard_on(anonymous) == set()
    anonymous.credits = ["mh"]  # the discussion after the round still credits
    assert text.heard_on(anonymous) == {"mh"}
