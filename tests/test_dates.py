"""One way to read a date: typed dates normalised or refused, record dates strict."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reflect_cli.dates import DAYS_AHEAD, not_far_ahead, parse_date, record_date
from reflect_cli.errors import InputError


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2026-09-01", "2026-09-01"),
        (" 2026-09-01 ", "2026-09-01"),
        ("20260901", "2026-09-01"),
        ("2026-W36-1", "2026-08-31"),
        ("2026W361", "2026-08-31"),
    ],
)
def test_typed_dates_are_normalised(typed: str, expected: str) -> None:
    assert parse_date(typed, "--since") == expected


@pytest.mark.parametrize(
    "typed",
    [
        "2026-02-30",
        "2026-13-01",
        "2026-9-1",
        "01/09/2026",
        "2026-09-0١",  # one run of digits in two scripts
        "",
        "2026-09-01T10:00",
    ],
)
def test_other_dates_are_refused_naming_where(typed: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_date(typed, "--since")
    assert str(caught.value) == f"--since: not a date (YYYY-MM-DD): {typed!r}"


@given(st.dates())
def test_every_day_reads_back(day: dt.date) -> None:
    assert parse_date(day.isoformat(), "d") == day.isoformat() == record_date(day)
    assert record_date(day.isoformat()) == day.isoformat()


@pytest.mark.parametrize(
    "value",
    ["2026-02-30", "20260901", "2026-W36-1", 20260901, None, dt.datetime(2026, 9, 1, 10, 0)],
)
def test_a_record_date_is_its_own_form_only(value: object) -> None:
    with pytest.raises(ValueError, match="date"):
        record_date(value)


@given(st.dates(), st.integers(-4000, 4000))
def test_a_session_date_is_at_most_a_year_ahead(today: dt.date, ahead: int) -> None:
    try:
        day = today + dt.timedelta(days=ahead)
    except OverflowError:
        return
    if ahead <= 366:  # a leap year's worth: a meeting prepared a year ahead still reads
        assert not_far_ahead(day.isoformat(), today) == day.isoformat()
    else:
        with pytest.raises(ValueError, match="more than a year from today"):
            not_far_ahead(day.isoformat(), today)
    assert DAYS_AHEAD == 366


def test_the_last_day_of_the_calendar_is_not_ahead_of_itself() -> None:
    assert not_far_ahead("9999-12-31", dt.date(9999, 12, 30)) == "9999-12-31"


_ZEROS = [0x30, 0x660, 0x6F0, 0x966, 0x9E6, 0xE50, 0xFF10, 0x1D7CE]


@given(st.dates(), st.sampled_from(_ZEROS))
def test_a_date_typed_in_any_scripts_digits_is_that_date(day: dt.date, zero: int) -> None:
    typed = "".join(chr(zero + int(c)) if c.isdigit() else c for c in day.isoformat())
    assert parse_date(f" {typed} ", "date") == day.isoformat()


@pytest.mark.parametrize("typed", ["2026-١٢-0٧", "2026-①-01", "٢٠٢٦/١٢/٠٧", "٢٠٢٦-١٢-٠٧x"])
def test_a_date_of_mixed_digits_or_number_signs_is_refused(typed: str) -> None:
    with pytest.raises(InputError, match="not a date"):
        parse_date(typed, "date")
