"""The round analysis: counts, medians, spread, organizations, divergence, bands."""

from __future__ import annotations

import random
import statistics

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reflect_cli.model import Band, Kind, RoundKind
from reflect_cli.rounds import analysis
from reflect_cli.rounds.analysis import Group, RoundResult, analyse, band_of, number
from reflect_cli.rounds.anonymity import NO_ORGANIZATION, OTHER_ORGANIZATIONS
from reflect_cli.rounds.json_object import to_json

PARKS = "Seattle Parks and Recreation"
STEM = "STEMPaths Innovation Network"
SCHOOL = "Northgate Elementary"
BANDS = (Band(4, "Strength"), Band(3, "Borderline"), Band(1, "Concern"))
TYPES = ("Cooperative", "Collaborative", "Integrated")


def test_median_of_an_even_count_is_the_mean_of_the_middle_two() -> None:
    result = analyse(Kind.SCALE, [(PARKS, 2), (STEM, 5), (SCHOOL, 3), (PARKS, 4)])
    assert result.n == 4
    assert result.median == 3.5
    assert result.mean == 3.5
    assert (result.min, result.max) == (2, 5)


def test_median_of_ties_and_an_odd_count() -> None:
    result = analyse(Kind.SCALE, [(PARKS, 4), (STEM, 4), (SCHOOL, 4), (PARKS, 1), (STEM, 5)])
    assert result.median == 4
    assert result.mean == pytest.approx(3.6)


def test_a_single_rating() -> None:
    result = analyse(Kind.SCALE, [(PARKS, 3)], passed=2)
    assert (result.n, result.passed, result.median, result.min, result.max) == (1, 2, 3, 3, 3)
    assert not result.divergent
    assert result.by_organization == {PARKS: Group(1, 3.0)}


def test_everyone_passed() -> None:
    result = analyse(Kind.SCALE, [], passed=4, bands=BANDS)
    assert (result.n, result.passed, result.median, result.mean) == (0, 4, None, None)
    assert not result.divergent
    assert result.band == ""
    choice = analyse(Kind.CHOICE, [], passed=3, options=TYPES)
    assert choice.counts == dict.fromkeys(TYPES, 0)
    assert not choice.divergent


def test_per_organization_medians_and_counts() -> None:
    result = analyse(Kind.SCALE, [(PARKS, 4), (STEM, 2), (PARKS, 5), (STEM, 3), ("", 3)])
    assert result.by_organization == {
        NO_ORGANIZATION: Group(1, 3.0),
        PARKS: Group(2, 4.5),
        STEM: Group(2, 2.5),
    }


def test_divergent_when_the_middle_half_spans_half_the_scale() -> None:
    # 1-5: range 4, half is 2. One organization, so only the spread rule can apply.
    split = analyse(Kind.SCALE, [(PARKS, 1), (PARKS, 1), (PARKS, 4), (PARKS, 4)])
    assert split.divergent and split.iqr == 3
    assert split.reasons == ("the middle half of the ratings spans 1 to 4",)
    # Two ratings two points apart, or one rating far off the rest: not the middle half.
    assert not analyse(Kind.SCALE, [(PARKS, 2), (PARKS, 4)]).divergent
    assert not analyse(Kind.SCALE, [(PARKS, 1), (PARKS, 3), (PARKS, 3)]).divergent
    # 0-10: range 10, half is 5.
    assert not analyse(Kind.SCALE, [(PARKS, 2), (PARKS, 6)], low=0, high=10).divergent
    assert analyse(Kind.SCALE, [(PARKS, 2), (PARKS, 2), (PARKS, 8)], low=0, high=10).iqr == 3
    assert analyse(
        Kind.SCALE, [(PARKS, 2), (PARKS, 2), (PARKS, 8), (PARKS, 8)], low=0, high=10
    ).divergent


def test_lake_hills_agrees_one_parent_a_point_off_is_not_divergence() -> None:
    """5, 5, 5 and one parent's 4: the old rule flagged it (medians a quarter apart)."""
    result = analyse(Kind.SCALE, [(SCHOOL, 5), (SCHOOL, 5), (STEM, 5), ("Lake Hills PTA", 4)])
    assert not result.divergent and not result.reasons
    assert (result.iqr, result.away, result.gap) == (0.25, 1, 1)


def test_divergent_when_groups_medians_are_half_the_scale_apart() -> None:
    result = analyse(Kind.SCALE, [(PARKS, 5), (PARKS, 5), (PARKS, 5), (STEM, 3)])
    assert result.divergent and result.gap == 2 and result.iqr == 0.5
    assert result.reasons == (f"{PARKS} median 5, {STEM} median 3",)
    calm = analyse(Kind.SCALE, [(PARKS, 4), (PARKS, 4), (STEM, 3), (STEM, 3)])
    assert not calm.divergent and calm.gap == 1
    # 0-10: half is 5; medians 5 and 7 are not far enough apart.
    assert not analyse(Kind.SCALE, [(PARKS, 5), (STEM, 7)], low=0, high=10).divergent


def test_sectors_are_compared_when_given_else_organizations() -> None:
    ratings = [(PARKS, 5), (STEM, 5), (SCHOOL, 2), (SCHOOL, 2)]
    by_org = analyse(Kind.SCALE, ratings)
    assert by_org.gap == 3 and by_org.divergent
    # Parks and STEMPaths are community organizations, the two at the school are a
    # teacher and a parent of it: family and school sectors, medians 5, 2 and 2.
    sectors = ["community organization", "community organization", "school", "family"]
    by_sector = analyse(Kind.SCALE, ratings, sectors=sectors)
    assert set(by_sector.by_sector) == {"community organization", "school", "family"}
    assert by_sector.gap == 3
    assert by_sector.reasons[-1] == "community organization median 5, family median 2"


def test_both_rules_give_both_reasons() -> None:
    result = analyse(Kind.SCALE, [(PARKS, 5), (PARKS, 5), (STEM, 1), (STEM, 2)])
    assert result.reasons == (
        "the middle half of the ratings spans 1.75 to 5",
        f"{PARKS} median 5, {STEM} median 1.5",
    )


def test_bands_of_the_median() -> None:
    assert analyse(Kind.SCALE, [(PARKS, 4), (STEM, 5)], bands=BANDS).band == "Strength"
    assert analyse(Kind.SCALE, [(PARKS, 3), (STEM, 4)], bands=BANDS).band == "Borderline"
    assert analyse(Kind.SCALE, [(PARKS, 1), (STEM, 2)], bands=BANDS).band == "Concern"
    assert band_of(0.5, BANDS) == ""  # below every band
    assert band_of(3, (Band(1, "Low"), Band(3, "High"))) == "High"  # order does not matter


def test_choice_counts_overall_and_per_organization() -> None:
    result = analyse(
        Kind.CHOICE,
        [(PARKS, "Collaborative"), (STEM, "Collaborative"), (STEM, "Integrated")],
        options=TYPES,
    )
    assert result.counts == {"Cooperative": 0, "Collaborative": 2, "Integrated": 1}
    assert result.majority == "Collaborative"
    assert not result.divergent
    assert result.by_organization[STEM].counts == {
        "Cooperative": 0,
        "Collaborative": 1,
        "Integrated": 1,
    }
    assert result.by_organization[STEM].n == 2


def test_choice_divergent_without_a_majority() -> None:
    tie = analyse(
        Kind.CHOICE,
        [(PARKS, "Collaborative"), (STEM, "Integrated"), (SCHOOL, "Integrated"), (PARKS, "Coop")],
        options=(*TYPES, "Coop"),
    )
    assert tie.divergent  # 2 of 4 is not more than half
    assert tie.reasons == ("no option has a majority (Collaborative 1, Integrated 2, Coop 1)",)


def test_yes_no_counts_yes_and_no() -> None:
    split = analyse(Kind.YES_NO, [(PARKS, True), (STEM, False)])
    assert split.counts == {"Yes": 1, "No": 1}
    assert split.divergent
    agreed = analyse(Kind.YES_NO, [(PARKS, True), (STEM, True), (SCHOOL, False)])
    assert agreed.majority == "Yes"
    assert not agreed.divergent


def test_a_label_the_protocol_no_longer_has_is_still_counted() -> None:
    result = analyse(Kind.CHOICE, [(PARKS, "Merged")], options=TYPES)
    assert result.counts["Merged"] == 1


def test_numbers_read_as_people_write_them() -> None:
    assert [number(x) for x in (3.0, 3.5, 3.25, 10 / 3, None)] == ["3", "3.5", "3.25", "3.33", "–"]


def test_json_round_objects() -> None:
    scale = analyse(Kind.SCALE, [(PARKS, 4), (STEM, 2), (PARKS, 5)], passed=1, bands=BANDS)
    assert to_json(scale, RoundKind.NAMED, has_bands=True) == {
        "kind": "named",
        "n": 3,
        "passed": 1,
        "median": 4,
        "mean": 3.67,
        "min": 2,
        "max": 5,
        "by_organization": {PARKS: {"n": 2, "median": 4.5}, STEM: {"n": 1, "median": 2}},
        "by_sector": {},
        "iqr": 1.5,
        "away": 2,
        "gap": 2.5,
        "divergent": True,
        "band": "Strength",
    }
    choice = analyse(Kind.YES_NO, [(PARKS, True)], passed=0)
    assert to_json(choice, RoundKind.ANONYMOUS) == {
        "kind": "anonymous",
        "n": 1,
        "passed": 0,
        "counts": {"Yes": 1, "No": 0},
        "by_organization": {PARKS: {"counts": {"Yes": 1, "No": 0}}},
        "divergent": False,
    }


ratings = st.lists(
    st.tuples(st.sampled_from(["", PARKS, STEM, SCHOOL, "Éducation"]), st.integers(1, 5)),
    max_size=12,
)


@given(ratings, st.randoms(use_true_random=False))
def test_the_order_of_ratings_never_matters(
    given_ratings: list[tuple[str, int]], rnd: random.Random
) -> None:
    shuffled = list(given_ratings)
    rnd.shuffle(shuffled)
    assert analyse(Kind.SCALE, shuffled, bands=BANDS) == analyse(
        Kind.SCALE, given_ratings, bands=BANDS
    )


@given(ratings)
def test_scale_results_stay_within_the_ratings(given_ratings: list[tuple[str, int]]) -> None:
    result = analyse(Kind.SCALE, given_ratings)
    assert result.n == len(given_ratings)
    assert sum(g.n for g in result.by_organization.values()) == result.n
    if given_ratings:
        assert result.min is not None and result.max is not None
        assert result.min <= (result.median or 0) <= result.max
        assert result.min <= (result.mean or 0) <= result.max
        for group in result.by_organization.values():
            assert result.min <= (group.median or 0) <= result.max
        assert result.divergent == bool(result.reasons)


@given(st.lists(st.tuples(st.sampled_from([PARKS, STEM]), st.sampled_from(TYPES)), max_size=9))
def test_choice_counts_add_up(given_ratings: list[tuple[str, str]]) -> None:
    result = analyse(Kind.CHOICE, given_ratings, options=TYPES)
    assert sum(result.counts.values()) == result.n == len(given_ratings)
    assert result.divergent == (bool(given_ratings) and not result.majority)


def test_an_anonymous_round_of_one_is_withheld() -> None:
    """One anonymous rating is its author's: nothing but its count comes out."""
    for kind, value in ((Kind.SCALE, 2), (Kind.CHOICE, "Integrated"), (Kind.YES_NO, False)):
        result = analyse(
            kind, [(PARKS, value)], round_kind=RoundKind.ANONYMOUS, passed=3, options=TYPES
        )
        assert result.withheld and (result.n, result.passed) == (1, 3)
        assert (result.median, result.min, result.max, result.counts) == (None, None, None, {})
        assert not result.by_organization and not result.divergent and not result.reasons
        assert to_json(result, RoundKind.ANONYMOUS) == {
            "kind": "anonymous",
            "n": 1,
            "passed": 3,
            "withheld": True,
            "divergent": False,
        }
    named = analyse(Kind.SCALE, [(PARKS, 2)], round_kind=RoundKind.NAMED)
    assert not named.withheld and named.median == 2  # everyone saw who said it
    two = analyse(Kind.SCALE, [(PARKS, 2), (STEM, 4)], round_kind=RoundKind.ANONYMOUS)
    assert not two.withheld and two.median == 3
    nobody = analyse(Kind.SCALE, [], round_kind=RoundKind.ANONYMOUS, passed=4)
    assert not nobody.withheld and nobody.n == 0


@given(ratings, st.sampled_from([Kind.SCALE, Kind.CHOICE, Kind.YES_NO]), st.integers(0, 5))
def test_an_anonymous_result_shows_a_value_only_from_two_ratings(
    given_ratings: list[tuple[str, int]], kind: Kind, passed: int
) -> None:
    """Whatever the ratings and passes, an anonymous result with one rating holds nothing
    a value could be read from; from two on it is the same as a named round's."""
    values: list[tuple[str, int | str | bool]] = [
        (org, v if kind is Kind.SCALE else (v > 2 if kind is Kind.YES_NO else TYPES[v % 3]))
        for org, v in given_ratings
    ]
    anonymous = analyse(kind, values, round_kind=RoundKind.ANONYMOUS, passed=passed, options=TYPES)
    named = analyse(kind, values, round_kind=RoundKind.NAMED, passed=passed, options=TYPES)
    if len(values) == 1:
        assert anonymous == RoundResult(kind, 1, passed, withheld=True)
        assert "withheld" in to_json(anonymous, RoundKind.ANONYMOUS)
        return
    assert not anonymous.withheld
    same = ("n", "passed", "median", "mean", "min", "max", "counts", "band")
    assert [getattr(anonymous, k) for k in same] == [getattr(named, k) for k in same]
    # No organization line is one or two people's: small ones are pooled, and with a
    # pool under three the round is shown overall only. Every rating is in a group of
    # three or more, so the total minus the groups shown is never one person's either.
    assert all(group.n >= 3 for group in anonymous.by_organization.values())
    if anonymous.overall_only:
        assert not anonymous.by_organization
        scale = [v for _, v in values if isinstance(v, int) and not isinstance(v, bool)]
        spread = len(scale) > 1 and _iqr(scale) >= 2
        assert anonymous.divergent == (spread if anonymous.is_scale else named.divergent)
        assert anonymous.gap is None and not anonymous.by_sector
    elif values:
        assert sum(group.n for group in anonymous.by_organization.values()) == anonymous.n
    for org, group in anonymous.by_organization.items():
        if org != OTHER_ORGANIZATIONS:
            assert group == named.by_organization[org]


def _iqr(values: list[int]) -> float:
    q1, _, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return q3 - q1


def test_an_anonymous_round_pools_organizations_of_one_or_two() -> None:
    ratings = [(PARKS, 5), (PARKS, 4), (PARKS, 5), (STEM, 1), (STEM, 2), (SCHOOL, 2)]
    result = analyse(Kind.SCALE, ratings, round_kind=RoundKind.ANONYMOUS)
    assert result.by_organization == {
        OTHER_ORGANIZATIONS: Group(3, 2),
        PARKS: Group(3, 5),
    }
    assert result.reasons == (
        "the middle half of the ratings spans 2 to 4.75",
        f"{PARKS} median 5, {OTHER_ORGANIZATIONS} median 2",
    )
    assert not result.overall_only


def test_an_anonymous_group_of_two_is_never_shown() -> None:
    """Seattle Parks' two rate 2 and 4: "median 3 (n 2)" tells each the other's rating."""
    ratings = [(PARKS, 2), (PARKS, 4), (STEM, 3), (STEM, 3), (STEM, 5)]
    result = analyse(Kind.SCALE, ratings, round_kind=RoundKind.ANONYMOUS)
    assert result.overall_only and result.by_organization == {}  # the pool would be two
    # The pool of two is as telling as an organization of two.
    pool = [(PARKS, 2), (SOLO, 4), (STEM, 3), (STEM, 3), (STEM, 5)]
    assert analyse(Kind.SCALE, pool, round_kind=RoundKind.ANONYMOUS).overall_only
    # A sector of two likewise.
    three = [(PARKS, 1), (PARKS, 1), (PARKS, 1), (STEM, 5), (STEM, 5), (STEM, 5)]
    sectors = ["family", "family", "school", "school", "school", "school"]
    sectored = analyse(Kind.SCALE, three, round_kind=RoundKind.ANONYMOUS, sectors=sectors)
    assert not sectored.by_sector and set(sectored.by_organization) == {PARKS, STEM}


SOLO = "Solo Org"


def test_an_anonymous_round_with_one_lone_rating_is_shown_overall_only() -> None:
    """Monica and Hope (Parks) and Ravi (alone in Solo Org) rate 4, 2, 1: a Parks line
    (median 3, n 2) and a total of three would tell Ravi's 1, so nothing by organization."""
    ratings = [(PARKS, 4), (PARKS, 2), (SOLO, 1)]
    result = analyse(Kind.SCALE, ratings, round_kind=RoundKind.ANONYMOUS)
    assert result.overall_only and result.by_organization == {}
    assert (result.n, result.median, result.min, result.max) == (3, 2, 1, 4)
    assert result.counts == {"1": 1, "2": 1, "3": 0, "4": 1, "5": 0}
    assert result.reasons == ()  # the middle half spans 1.5 to 3
    assert to_json(result, RoundKind.ANONYMOUS) == {
        "kind": "anonymous",
        "n": 3,
        "passed": 0,
        "median": 2,
        "mean": 2.33,
        "min": 1,
        "max": 4,
        "by_organization": {},
        "by_sector": {},
        "iqr": 1.5,
        "away": 2,
        "gap": None,
        "overall_only": True,
        "divergent": False,
    }
    # The medians rule needs organizations: with none shown, only the spread counts.
    far = analyse(Kind.SCALE, [(PARKS, 5), (PARKS, 5), (SOLO, 2)], round_kind=RoundKind.ANONYMOUS)
    assert far.overall_only and not far.divergent and not far.reasons and far.gap is None
    assert analyse(Kind.SCALE, [(PARKS, 5), (PARKS, 5), (SOLO, 2)]).divergent  # named: Solo's 2
    # Sectors are groups too: a sector of one in an anonymous round is never compared.
    lone_sector = analyse(
        Kind.SCALE,
        [(PARKS, 5), (PARKS, 5), (PARKS, 5), (STEM, 1), (STEM, 1), (STEM, 1)],
        round_kind=RoundKind.ANONYMOUS,
        sectors=["community organization"] * 2 + ["family"] + ["school"] * 3,
    )
    assert not lone_sector.by_sector
    assert lone_sector.gap == 4  # the organizations', both of three ratings
    # A choice: counts overall, none by organization.
    kinds = [(PARKS, "Integrated"), (PARKS, "Cooperative"), (SOLO, "Integrated")]
    choice = analyse(Kind.CHOICE, kinds, round_kind=RoundKind.ANONYMOUS, options=TYPES)
    assert choice.overall_only and choice.by_organization == {}
    assert choice.counts == {"Cooperative": 1, "Collaborative": 0, "Integrated": 2}
    assert to_json(choice, RoundKind.ANONYMOUS)["by_organization"] == {}
    # Three lone ratings pool into a group of three: shown by organization again.
    six = analyse(
        Kind.SCALE,
        [(PARKS, 4), (PARKS, 2), (PARKS, 3), (SOLO, 1), (STEM, 5), (SCHOOL, 3)],
        round_kind=RoundKind.ANONYMOUS,
    )
    assert not six.overall_only
    assert six.by_organization == {OTHER_ORGANIZATIONS: Group(3, 3), PARKS: Group(3, 3)}
    # A named round is always shown by organization: everyone saw who said what.
    named = analyse(Kind.SCALE, ratings, round_kind=RoundKind.NAMED)
    assert not named.overall_only and named.by_organization[SOLO] == Group(1, 1)


_ORGS = ["Parks", "Library", "School", "FamA", "FamB"]
_SECTOR = {"Parks": "community organization", "Library": "community organization",
           "School": "school", "FamA": "family", "FamB": "family"}  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_ORGS), st.integers(1, 5)), max_size=14))
def test_the_room_sees_what_the_record_gives(entries: list[tuple[str, int]]) -> None:
    """An anonymous round's result, sectors included, is the same from the live entries
    (the room) as from the stored, pooled ratings (the record): anything the room saw
    beyond the record would, with the record, give away a pooled person's rating."""
    from reflect_cli.rounds.anonymity import anonymous_organizations

    orgs = [o for o, _v in entries]
    live = analysis.analyse(
        Kind.SCALE,
        entries,
        round_kind=RoundKind.ANONYMOUS,
        sectors=[_SECTOR[o] for o in orgs],
    )
    stored = anonymous_organizations(orgs)
    record = analysis.analyse(
        Kind.SCALE,
        list(zip(stored, [v for _o, v in entries], strict=True)),
        round_kind=RoundKind.ANONYMOUS,
        sectors=[_SECTOR.get(o, "") for o in stored],
    )
    assert live == record
