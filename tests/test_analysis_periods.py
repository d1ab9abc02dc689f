"""Periods: every date falls in exactly one school year (year, quarter), whose bounds are
the first of the configured month; a partnership counts once per period, by its latest
complete session there."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reflect_cli.analysis.periods import (
    By,
    Per,
    Period,
    grouped,
    month_of,
    parse_period,
    period_of,
    sessions_by_period,
)
from reflect_cli.errors import InputError
from reflect_cli.model import SessionStatus
from reflect_cli.records.summary import Summary

months = st.integers(1, 12)


@given(st.dates(), months, st.sampled_from(list(By)))
def test_every_date_falls_in_exactly_one_period(day: dt.date, start: int, by: By) -> None:
    period = period_of(day, by, start)
    assert day in period
    day_before = period.start - dt.timedelta(days=1) if period.start > dt.date.min else None
    day_after = period.last + dt.timedelta(days=1) if period.last < dt.date.max else None
    # The first and last periods a date can have no neighbour on that side.
    neighbours = [period_of(other, by, start) for other in (day_before, day_after) if other]
    for neighbour in neighbours:
        if neighbour != period:
            assert day not in neighbour
            assert neighbour.last < period.start or neighbour.start > period.last


@given(st.dates(min_value=dt.date(2, 1, 1), max_value=dt.date(9998, 12, 31)), months)
def test_a_school_year_starts_on_the_first_of_its_month(day: dt.date, start: int) -> None:
    period = period_of(day, By.SCHOOL_YEAR, start)
    assert period.start.day == 1 and period.start.month == start
    following = period.last + dt.timedelta(days=1)
    assert following.day == 1 and following.month == start
    assert following.year == period.start.year + 1


@given(st.dates(min_value=dt.date(2, 1, 1), max_value=dt.date(9998, 12, 31)), months)
def test_a_school_year_is_found_again_by_its_name(day: dt.date, start: int) -> None:
    period = period_of(day, By.SCHOOL_YEAR, start)
    assert parse_period(period.label, By.SCHOOL_YEAR, start) == period


def test_school_years_start_in_august_by_default() -> None:
    assert period_of(dt.date(2024, 7, 31), By.SCHOOL_YEAR).label == "2023-24"
    assert period_of(dt.date(2024, 8, 1), By.SCHOOL_YEAR).label == "2024-25"
    assert period_of(dt.date(1999, 12, 31), By.SCHOOL_YEAR).label == "1999-00"
    assert period_of(dt.date(2024, 8, 31), By.SCHOOL_YEAR, 9).label == "2023-24"
    assert period_of(dt.date(2024, 8, 31), By.SCHOOL_YEAR, 1).label == "2024"
    assert period_of(dt.date(2024, 12, 31), By.QUARTER).label == "2024-Q4"
    assert period_of(dt.date(2025, 1, 1), By.QUARTER).label == "2025-Q1"
    assert period_of(dt.date(2025, 1, 1), By.YEAR).label == "2025"


@pytest.mark.parametrize(
    ("text", "by", "label"),
    [
        ("2025-26", By.SCHOOL_YEAR, "2025-26"),
        ("2025-2026", By.SCHOOL_YEAR, "2025-26"),
        ("2025", By.SCHOOL_YEAR, "2025-26"),
        ("2025", By.YEAR, "2025"),
        ("2025-Q3", By.QUARTER, "2025-Q3"),
        ("2025q1", By.QUARTER, "2025-Q1"),
    ],
)
def test_periods_are_named_as_people_write_them(text: str, by: By, label: str) -> None:
    assert parse_period(text, by).label == label


@pytest.mark.parametrize(
    ("text", "by"),
    [
        ("2025-27", By.SCHOOL_YEAR),
        ("25-26", By.SCHOOL_YEAR),
        ("2025-Q5", By.QUARTER),
        ("", By.YEAR),
    ],
)
def test_a_period_that_is_not_one_is_refused(text: str, by: By) -> None:
    with pytest.raises(InputError, match="--period"):
        parse_period(text, by)


def test_months_by_number_or_name() -> None:
    assert [month_of(m) for m in ("8", "August", "aug", "SEPT", "1")] == [8, 8, 8, 9, 1]
    for bad in ("13", "0", "au", "", "٨"):
        with pytest.raises(InputError, match="--year-starts"):
            month_of(bad)


@dataclass(frozen=True)
class Item:
    partnership: str
    day: dt.date
    started: str = ""
    id: str = ""


def _grouped(items: list[Item], per: Per = Per.PARTNERSHIP) -> dict[Period, list[Item]]:
    return grouped(
        items,
        day=lambda i: i.day,
        partnership=lambda i: i.partnership,
        order=lambda i: (i.started, i.id),
        by=By.SCHOOL_YEAR,
        per=per,
    )


def test_a_partnership_counts_once_by_its_latest_session() -> None:
    items = [
        Item("Lake Hills", dt.date(2024, 10, 10)),
        Item("lake  HILLS", dt.date(2025, 4, 17)),  # the same partnership, typed otherwise
        Item("Auburn Roots", dt.date(2025, 4, 17), "10:00", "b"),
        Item("Auburn Roots", dt.date(2025, 4, 17), "09:00", "a"),
        Item("Tukwila", dt.date(2024, 7, 31)),
        Item("Tukwila", dt.date(2024, 8, 1)),
    ]
    by_year = {p.label: v for p, v in _grouped(items).items()}
    assert list(by_year) == ["2023-24", "2024-25"]
    assert by_year["2023-24"] == [items[4]]
    assert by_year["2024-25"] == [items[2], items[1], items[5]]
    per_session = {p.label: v for p, v in _grouped(items, Per.SESSION).items()}
    assert [len(v) for v in per_session.values()] == [1, 5]


def _key(item: Item) -> str:
    return item.partnership.casefold().replace("ä", "a")


@given(
    st.lists(
        st.tuples(st.sampled_from(["A", "a", "B", "Ä"]), st.dates(), st.text(max_size=2)),
        max_size=30,
    )
)
def test_each_partnership_once_per_period_and_every_session_once(
    rows: list[tuple[str, dt.date, str]],
) -> None:
    items = [Item(p, d, s, str(n)) for n, (p, d, s) in enumerate(rows)]
    per_session = _grouped(items, Per.SESSION)
    assert sorted(i.id for v in per_session.values() for i in v) == sorted(i.id for i in items)
    for period, kept in _grouped(items).items():
        assert all(i.day in period for i in kept)
        keys = [_key(i) for i in kept]
        assert len(keys) == len(set(keys))
        for item in kept:  # nothing of its partnership in the period is later
            same = [i for i in per_session[period] if _key(i) == _key(item)]
            assert max(same, key=lambda i: (i.day, i.started, i.id)) == item


def _summary(started: str, id_: str, collaborative: str = "Lake Hills") -> Summary:
    return Summary(
        "2025-10-02", id_, collaborative, "Lake Hills Elementary", "equitable-partnerships",
        SessionStatus.COMPLETE, 10, 10, 4, 0, started=started, file=f"{id_}.yaml",
    )  # fmt: skip


def test_the_latest_session_is_the_latest_instant_not_the_latest_text() -> None:
    """15:00 in Seattle (23:00 UTC) is after 20:00 UTC the same day, though its text sorts
    first: the partnership's state is the one that started last."""
    seattle = _summary("2025-10-02T15:00:00-08:00", "2025-10-02-lake-hills-aaaa")
    london = _summary("2025-10-02T20:00:00+00:00", "2025-10-02-lake-hills-bbbb")
    assert seattle.started < london.started  # as text: the other order
    for given_order in ([seattle, london], [london, seattle]):
        latest = sessions_by_period(given_order, By.SCHOOL_YEAR)
        assert list(latest.values()) == [[seattle]]
        every = sessions_by_period(given_order, By.SCHOOL_YEAR, Per.SESSION)
        assert list(every.values()) == [[london, seattle]]


def test_the_same_instant_falls_back_to_the_id() -> None:
    first = _summary("2025-10-02T15:00:00-08:00", "2025-10-02-lake-hills-aaaa")
    second = _summary("2025-10-02T23:00:00Z", "2025-10-02-lake-hills-bbbb")
    for given_order in ([first, second], [second, first]):
        assert list(sessions_by_period(given_order, By.YEAR).values()) == [[second]]
