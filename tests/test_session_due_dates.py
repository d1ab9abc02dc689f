"""``due:`` as people say it: the README's forms, counted from the meeting's date, and
the day said back. Generated meeting days (hypothesis) check each form's rule."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reflect_cli.errors import InputError
from reflect_cli.i18n import messages
from reflect_cli.session.due_dates import due_date, said

DAYS = st.dates(dt.date(1990, 1, 1), dt.date(2200, 12, 31))
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


def day(text: str, today: dt.date) -> dt.date:
    return dt.date.fromisoformat(due_date(text, today))


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("next friday", "2026-11-13"),  # a Sunday meeting: the coming Friday
        ("Next Friday", "2026-11-13"),
        ("friday", "2026-11-13"),
        ("fri", "2026-11-13"),
        ("tomorrow", "2026-11-09"),
        ("today", "2026-11-08"),
        ("in 2 weeks", "2026-11-22"),
        ("in two weeks", "2026-11-22"),
        ("in a month", "2026-12-08"),
        ("in 3 days", "2026-11-11"),
        ("next week", "2026-11-15"),
        ("dec 15", "2026-12-15"),
        ("December 15th", "2026-12-15"),
        ("15 dec", "2026-12-15"),
        ("dec 15, 2027", "2027-12-15"),
        ("jan 5", "2027-01-05"),  # already past this year: next year's
        ("2026-12-01", "2026-12-01"),
        ("20261201", "2026-12-01"),
        ("2026-W49-2", "2026-12-01"),
    ],
)
def test_the_readme_forms_from_a_meeting_on_sunday_2026_11_08(typed: str, expected: str) -> None:
    assert due_date(typed, dt.date(2026, 11, 8)) == expected


@pytest.mark.parametrize("typed", ["soon", "whenever", "in 0 weeks", "dec 32", "feb 30 2027", ""])
def test_what_is_not_a_date_is_refused_naming_what_works(typed: str) -> None:
    with pytest.raises(InputError, match="next friday"):
        due_date(typed, dt.date(2026, 11, 8))


def test_the_day_is_said_back_with_what_was_typed() -> None:
    assert said("2026-11-13", "next  friday") == "Fri 2026-11-13 (next friday)"
    assert said("2026-12-01", "2026-12-01") == "2026-12-01"


@given(DAYS, st.sampled_from(WEEKDAYS), st.sampled_from(["", "next ", "this "]))
def test_a_weekday_is_the_coming_one_within_a_week(today: dt.date, name: str, pre: str) -> None:
    found = day(pre + name, today)
    assert 1 <= (found - today).days <= 7
    assert found.weekday() == WEEKDAYS.index(name)


@given(DAYS, st.integers(1, 52))
def test_in_n_weeks_and_days(today: dt.date, count: int) -> None:
    assert day(f"in {count} weeks", today) == today + dt.timedelta(weeks=count)
    assert day(f"in {count} days", today) == today + dt.timedelta(days=count)
    assert day("tomorrow", today) == today + dt.timedelta(days=1)


@given(DAYS, st.integers(1, 24))
def test_in_n_months_keeps_the_day_or_the_months_last(today: dt.date, count: int) -> None:
    found = day(f"in {count} months", today)
    assert (found.year - today.year) * 12 + found.month - today.month == count
    assert found.day == today.day or (found.day < today.day and (found + dt.timedelta(1)).day == 1)


@given(DAYS, st.integers(1, 12), st.integers(1, 31))
def test_a_month_and_day_is_the_next_such_day(today: dt.date, month: int, number: int) -> None:
    typed = f"{MONTHS[month - 1]} {number}"
    try:
        found = day(typed, today)
    except InputError:  # no such day in any year (apr 31)
        assert all(not _exists(year, month, number) for year in range(2000, 2009))
        return
    assert (found.month, found.day) == (month, number)
    assert today <= found
    assert found - today < dt.timedelta(days=366 * 8 + 1)  # Feb 29 may be a leap away
    if (month, number) != (2, 29):
        assert found - today < dt.timedelta(days=366)


def _exists(year: int, month: int, number: int) -> bool:
    try:
        dt.date(year, month, number)
    except ValueError:
        return False
    return True


@given(st.text(max_size=30), DAYS)
def test_any_text_is_a_date_or_one_clear_refusal(typed: str, today: dt.date) -> None:
    try:
        dt.date.fromisoformat(due_date(typed, today))
    except InputError as exc:
        assert "\n" not in str(exc)


#: Every decimal digit Unicode has (category Nd), in every script.
UNICODE_DIGITS = [chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Nd"]


@settings(max_examples=10)
@given(DAYS)
def test_a_count_in_any_scripts_digits_is_understood(today: dt.date) -> None:
    """``due:in ٣ days``: every decimal digit of every script counts as the one reader of
    typed numbers reads it, in a count, a day of a month and a typed date."""
    for digit in UNICODE_DIGITS:
        value = unicodedata.decimal(digit)
        zero = ord(digit) - value  # the same script's digits: "dec ١٥"
        if value == 0:
            with pytest.raises(InputError):
                due_date(f"in {digit} days", today)
        else:
            assert day(f"in {digit} days", today) == today + dt.timedelta(days=value)
        fifteen = chr(zero + 1) + chr(zero + 5)
        assert day(f"dec {fifteen} 2030", today) == dt.date(2030, 12, 15)
        typed = f"2030-{chr(zero + 1)}{chr(zero + 2)}-{chr(zero)}{chr(zero + 1)}"
        assert day(typed, today) == dt.date(2030, 12, 1)


def test_a_commitment_line_with_arabic_indic_digits_gets_its_date() -> None:
    from reflect_cli.session.typed_lines import action_parts

    typed = action_parts("Share the calendar @monica due:in ٣ days", "", dt.date(2026, 11, 8))
    assert typed.action.due == "2026-11-11" and not typed.bad_due
    assert said(typed.action.due, typed.due_typed) == "Wed 2026-11-11 (in ٣ days)"


PIECES = ["in ", " days", " weeks", "dec ", "-", "①", "²", "½", "Ⅻ", "٣", "3", "३", "١٥"]


@given(st.lists(st.sampled_from(PIECES) | st.sampled_from(UNICODE_DIGITS), max_size=6), DAYS)
def test_number_characters_are_a_date_or_one_line_never_a_traceback(
    pieces: list[str], today: dt.date
) -> None:
    """Mixed scripts, circled and superscript digits, fractions, Roman numerals: a date,
    or an InputError of one line saying what works; never another exception."""
    try:
        dt.date.fromisoformat(due_date("".join(pieces), today))
    except InputError as exc:
        assert "\n" not in str(exc)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("mañana", "2026-11-09"),  # a Sunday meeting, as above
        ("manana", "2026-11-09"),
        ("hoy", "2026-11-08"),
        ("viernes", "2026-11-13"),
        ("el viernes", "2026-11-13"),
        ("el próximo viernes", "2026-11-13"),
        ("el viernes que viene", "2026-11-13"),
        ("Miércoles", "2026-11-11"),
        ("en 2 semanas", "2026-11-22"),
        ("en dos semanas", "2026-11-22"),
        ("dentro de 3 días", "2026-11-11"),
        ("la próxima semana", "2026-11-15"),
        ("el mes que viene", "2026-12-08"),
        ("15 de diciembre", "2026-12-15"),
        ("15 dic", "2026-12-15"),
        ("15 de diciembre de 2027", "2027-12-15"),
    ],
)
def test_a_due_date_said_in_spanish(typed: str, expected: str) -> None:
    assert due_date(typed, dt.date(2026, 11, 8)) == expected


def test_in_spanish_the_forms_and_the_weekday_said_back_are_spanish() -> None:
    with messages.speaking("es"):
        assert said("2026-11-13", "el próximo viernes") == "vie 2026-11-13 (el próximo viernes)"
        with pytest.raises(InputError, match="pruebe AAAA-MM-DD, hoy, mañana"):
            due_date("algún día", dt.date(2026, 11, 8))
