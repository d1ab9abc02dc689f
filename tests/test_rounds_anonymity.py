"""What an anonymous round may show: the record's groups of three or none, overall only
when a group would hold one rating, and whether a round has begun (by what is stored)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reflect_cli.model import AnswerRecord, Kind, Rating, RoundKind
from reflect_cli.rounds import anonymity
from reflect_cli.rounds.analysis import analyse
from reflect_cli.rounds.anonymity import OTHER_ORGANIZATIONS

PARKS = "Seattle Parks and Recreation"
STEM = "STEMPaths Innovation Network"
SCHOOL = "Northgate Elementary"
SOLO = "Solo Org"


def test_shown_ratings_of_a_round_shown_overall_only_carry_no_organization() -> None:
    from reflect_cli.model import AnswerRecord, Rating, Scale
    from reflect_cli.rounds.anonymity import by_organization_shown, shown_ratings

    record = AnswerRecord(
        "q",
        "Q?",
        Kind.SCALE,
        scale=Scale(1, 5),
        round=RoundKind.ANONYMOUS,
        ratings=[
            Rating(2, organization=PARKS),
            Rating(1, organization=SOLO),
            Rating(4, organization=PARKS),
            Rating(3, organization=PARKS),
        ],
    )
    assert not by_organization_shown([r.organization for r in record.ratings])
    assert shown_ratings(record) == [Rating(2), Rating(1), Rating(4), Rating(3)]
    record.ratings += [Rating(5, organization=STEM), Rating(5, organization=STEM)]
    assert by_organization_shown([r.organization for r in record.ratings])
    assert [r.organization for r in shown_ratings(record)] == [
        PARKS,
        OTHER_ORGANIZATIONS,
        PARKS,
        PARKS,
        OTHER_ORGANIZATIONS,
        OTHER_ORGANIZATIONS,
    ]
    # All in one organization, or nobody rated: nothing to hide.
    assert by_organization_shown([PARKS, PARKS, PARKS]) and by_organization_shown([])


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["", PARKS, STEM, SCHOOL, SOLO, OTHER_ORGANIZATIONS]), st.integers(1, 5)
        ),
        max_size=14,
    )
)
def test_every_stored_group_holds_three_ratings_or_there_is_no_group(
    given_ratings: list[tuple[str, int]],
) -> None:
    """Whatever the organizations and ratings, what the record stores (and so what every
    reader shows) has no organization group of one or two ratings: a group of two lets
    each of the two work out the other's rating."""
    from collections import Counter

    from reflect_cli.model import AnswerRecord, Rating, Scale
    from reflect_cli.records import round_codec
    from reflect_cli.rounds.anonymity import stored_ratings

    record = AnswerRecord(
        "q",
        "Q?",
        Kind.SCALE,
        scale=Scale(1, 5),
        round=RoundKind.ANONYMOUS,
        round_ended=True,
        ratings=[Rating(v, organization=org) for org, v in given_ratings],
    )
    groups = Counter(r.organization for r in stored_ratings(record))
    assert set(groups) == {""} or all(n >= 3 for n in groups.values()), groups
    stored = round_codec.to_dict(record)["ratings"]
    on_disk = Counter()
    for item in stored:
        on_disk[item.get("organization", "")] += item["count"]
    assert set(on_disk) <= {""} or all(n >= 3 for n in on_disk.values()), on_disk
    shown = analyse(Kind.SCALE, given_ratings, round_kind=RoundKind.ANONYMOUS)
    assert all(group.n >= 3 for group in shown.by_organization.values())
    assert all(group.n >= 3 for group in shown.by_sector.values())


@pytest.mark.parametrize(
    ("stored", "turns", "expected"),
    [
        ({}, (), False),
        ({"round_begun": True}, (), True),  # a named entry since taken back with /back
        ({"ratings": [Rating(4, participant="mh")]}, (), True),
        ({"passed": 1, "passed_by": ["ana"]}, (), True),
        ({"withheld": 1}, (), True),
        ({}, ("mh",), True),  # someone had their turn in the anonymous round under way
    ],
)
def test_a_round_has_begun_by_what_is_stored(
    stored: dict[str, object], turns: tuple[str, ...], expected: bool
) -> None:
    record = AnswerRecord("trust", "Trust?", Kind.SCALE, round=RoundKind.NAMED, **stored)  # type: ignore[arg-type]
    assert anonymity.begun(record, turns) is expected
