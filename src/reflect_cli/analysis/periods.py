"""Periods a rollup groups sessions by: school years, calendar years, quarters.

A school year starts on the first day of ``start_month`` (August by default: the
evaluation's window) and is named by the years it spans, ``2025-26``; with a January
start it is the calendar year and named ``2025``. Quarters are calendar quarters,
``2025-Q3``. Every date falls in exactly one period of each kind.

A partnership's state in a period is its latest complete session in it
(``Per.PARTNERSHIP``); ``Per.SESSION`` counts every session instead. Which session is
"latest" is decided here once: by date, then the instant it started (``dates.instant``:
a folder may mix offsets, and ``15:00-08:00`` is after ``20:00Z``), then id.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

from reflect_cli.dates import instant
from reflect_cli.errors import InputError
from reflect_cli.folding import fold
from reflect_cli.i18n.messages import _
from reflect_cli.records.summary import Summary

#: The month a school year starts in unless told otherwise (the evaluation's window).
SCHOOL_YEAR_START = 8

_MONTHS: tuple[str, ...] = ("january", "february", "march", "april", "may", "june")
_MONTHS += ("july", "august", "september", "october", "november", "december")


class By(StrEnum):
    """What a rollup groups sessions by (``--by``)."""

    SCHOOL_YEAR = "school-year"
    YEAR = "year"
    QUARTER = "quarter"


class Per(StrEnum):
    """What a period counts (``--per``): each partnership once (its latest complete
    session in the period), or every session."""

    PARTNERSHIP = "partnership"
    SESSION = "session"


@dataclass(frozen=True, slots=True, order=True)
class Period:
    """One period: from ``start`` to ``last`` (both included), and its name."""

    start: dt.date
    last: dt.date
    label: str

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.last


def _first(year: int, month: int) -> dt.date:
    """The first of a month, held inside the dates Python has (years 1 to 9999)."""
    if year < dt.MINYEAR:
        return dt.date.min
    if year > dt.MAXYEAR:
        return dt.date.max
    return dt.date(year, month, 1)


def _span(start_year: int, start_month: int, months: int, label: str) -> Period:
    after = start_year * 12 + start_month - 1 + months
    following = _first(after // 12, after % 12 + 1)
    last = following if following == dt.date.max else following - dt.timedelta(days=1)
    return Period(_first(start_year, start_month), last, label)


def month_of(text: str) -> int:
    """A month typed as a number (``8``) or a name (``August``, ``aug``)."""
    value = text.strip().lower()
    if value.isascii() and value.isdigit() and 1 <= int(value) <= 12:
        return int(value)
    if len(value) >= 3:
        for number, name in enumerate(_MONTHS, 1):
            if name.startswith(value):
                return number
    raise InputError(
        _("--year-starts: not a month (1-12 or a name such as August): {text!r}").format(text=text)
    )


def _school_year(day: dt.date, start_month: int) -> Period:
    first = day.year if day.month >= start_month else day.year - 1
    label = f"{first:04d}" if start_month == 1 else f"{first:04d}-{(first + 1) % 100:02d}"
    return _span(first, start_month, 12, label)


@functools.lru_cache(maxsize=4096)  # thousands of sessions share a few hundred dates
def period_of(day: dt.date, by: By, start_month: int = SCHOOL_YEAR_START) -> Period:
    """The one period of kind ``by`` that ``day`` falls in."""
    if by is By.SCHOOL_YEAR:
        return _school_year(day, start_month)
    if by is By.YEAR:
        return _span(day.year, 1, 12, f"{day.year:04d}")
    quarter = (day.month - 1) // 3
    return _span(day.year, quarter * 3 + 1, 3, f"{day.year:04d}-Q{quarter + 1}")


_NAMED = {
    By.SCHOOL_YEAR: re.compile(r"([0-9]{4})(?:[-/–]([0-9]{2}|[0-9]{4}))?"),
    By.YEAR: re.compile(r"([0-9]{4})"),
    By.QUARTER: re.compile(r"([0-9]{4})-?[Qq]([1-4])"),
}


def parse_period(text: str, by: By, start_month: int = SCHOOL_YEAR_START) -> Period:
    """A period named as people write it: ``2025-26`` or ``2025-2026`` (the school year
    starting in 2025), ``2025`` (a year, or the school year starting then), ``2025-Q3``."""
    value = text.strip()
    found = _NAMED[by].fullmatch(value)
    if found is None:
        what = {
            By.SCHOOL_YEAR: _("--period: not a school year (such as {example}): {text!r}"),
            By.YEAR: _("--period: not a year (such as {example}): {text!r}"),
            By.QUARTER: _("--period: not a quarter (such as {example}): {text!r}"),
        }[by]
        raise InputError(what.format(example=_example(by), text=text))
    year = int(found.group(1))
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        raise InputError(_("--period: year out of range: {text!r}").format(text=text))
    if by is By.QUARTER:
        return period_of(dt.date(year, int(found.group(2)) * 3 - 2, 1), by, start_month)
    if by is By.SCHOOL_YEAR and found.group(2):
        following = int(found.group(2))
        if following % 100 != (year + 1) % 100 or (following >= 100 and following != year + 1):
            raise InputError(
                _("--period: a school year spans two years in a row: {text!r}").format(text=text)
            )
    return period_of(dt.date(year, start_month if by is By.SCHOOL_YEAR else 1, 1), by, start_month)


def _example(by: By) -> str:
    return {By.SCHOOL_YEAR: "2025-26", By.YEAR: "2025", By.QUARTER: "2025-Q3"}[by]


T = TypeVar("T")


@functools.lru_cache(maxsize=4096)  # a folder's sessions share a few partnerships' names
def partnership_key(collaborative: str) -> str:
    """The key a partnership is known by: its collaborative's name folded (case, accents),
    as a partnership's history is found. (Asked once per session and commitment, of a
    few names: each is folded once.)"""
    return " ".join(fold(collaborative).split())


def grouped(
    items: Iterable[T],
    *,
    day: Callable[[T], dt.date],
    partnership: Callable[[T], str],
    order: Callable[[T], Sequence[str]],
    by: By,
    per: Per = Per.PARTNERSHIP,
    start_month: int = SCHOOL_YEAR_START,
) -> dict[Period, list[T]]:
    """Items (sessions, complete ones only: the caller chooses) in their periods, oldest
    period first. ``Per.PARTNERSHIP`` keeps only each partnership's latest item in each
    period (``order`` breaks a tie of dates: start time, then id), in partnership order;
    ``Per.SESSION`` keeps every item, oldest first."""
    periods: dict[Period, list[T]] = {}
    for item in items:
        periods.setdefault(period_of(day(item), by, start_month), []).append(item)
    result: dict[Period, list[T]] = {}
    for period in sorted(periods):
        ordered = sorted(periods[period], key=lambda item: (day(item), *order(item)))
        if per is Per.PARTNERSHIP:
            latest: dict[str, T] = {}
            for item in ordered:
                latest[partnership_key(partnership(item))] = item
            ordered = [latest[key] for key in sorted(latest)]
        result[period] = ordered
    return result


def sessions_by_period(
    summaries: Iterable[Summary],
    by: By,
    per: Per = Per.PARTNERSHIP,
    start_month: int = SCHOOL_YEAR_START,
) -> dict[Period, list[Summary]]:
    """Sessions (the index's summaries of complete ones) in their periods, as ``grouped``
    gives them: each partnership's latest by date, then the instant it started, then id.
    The one grouping every rollup of sessions uses (``trends``, ``snapshot``)."""
    return grouped(
        summaries,
        day=lambda s: dt.date.fromisoformat(s.date),
        partnership=lambda s: s.collaborative,
        order=lambda s: (instant(s.started), s.id),
        by=by,
        per=per,
        start_month=start_month,
    )
