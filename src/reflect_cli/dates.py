"""Dates, read one way everywhere: options, prompts, answers files, records.

A session's date is kept as ``YYYY-MM-DD`` text, which sorts and compares as dates do.
What people type is normalised to that form (``20260901`` and the week date
``2026-W36-1`` included), or refused with one line naming where it came from.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re

from reflect_cli.errors import InputError
from reflect_cli.i18n.messages import _
from reflect_cli.numbers import NotAWholeNumber, ascii_digits

_ISO = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # ASCII: \d would take any digit
_ASCII = re.compile(r"[0-9W-]{7,10}")
#: An instant as ``instant`` writes it (the index keeps every session's start so).
_INSTANT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}Z")


def parse_date(text: str, what: str) -> str:
    """A typed date as ``YYYY-MM-DD``; ``InputError`` names ``what`` (an option, a key)."""
    value = text.strip()
    with contextlib.suppress(NotAWholeNumber):  # refused below, as typed
        value = ascii_digits(value)  # digits of any script, digit for digit (٢٠٢٦-١٢-٠٧)
    if _ASCII.fullmatch(value):
        try:
            return dt.date.fromisoformat(value).isoformat()
        except ValueError:
            pass
    raise InputError(_("{what}: not a date (YYYY-MM-DD): {text!r}").format(what=what, text=text))


def instant(started: str) -> str:
    """When a session started, as text that sorts as instants do: UTC, fixed width
    (``2026-11-20T23:00:00.000000Z``). ``15:00-08:00`` is after ``20:00Z`` the same day,
    though as written it sorts before. A time without an offset is taken as UTC; text
    that is no time at all is "" (older than any)."""
    if _INSTANT.fullmatch(started):
        # Already an instant: itself, when it is a time at all. A rollup sorts thousands
        # of the index's starts, and converting each again cost most of its grouping.
        try:
            dt.datetime.fromisoformat(started[:-1])
        except ValueError:
            return ""
        return started
    try:
        when = dt.datetime.fromisoformat(started.strip())
    except ValueError:
        return ""
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    try:
        utc = when.astimezone(dt.UTC).replace(tzinfo=None)
    except OverflowError:  # 0001-01-01T00:00-01:00 is before the year 1 in UTC
        return ""
    return utc.isoformat(timespec="microseconds") + "Z"  # years padded: 0999 < 2000


def record_date(value: object) -> str:
    """A date read from a record (a YAML date or ``YYYY-MM-DD`` text); ``ValueError`` if not.

    Stricter than ``parse_date``: a record is written by reflect, so anything but its own
    form means the file was edited into something else.
    """
    if isinstance(value, dt.datetime):
        raise ValueError(f"date must be a day (YYYY-MM-DD), not a time: {value.isoformat()!r}")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and _ISO.fullmatch(value):
        try:
            return dt.date.fromisoformat(value).isoformat()
        except ValueError:
            pass
    raise ValueError(f"not a date (YYYY-MM-DD): {value!r}")


#: How far after today a session may be dated: a meeting is recorded when it is held
#: (or prepared a little ahead); ``9999-12-31`` is an edit, and would become the latest
#: school year of every rollup.
DAYS_AHEAD = 366


def not_far_ahead(day: str, today: dt.date | None = None) -> str:
    """``day`` (``YYYY-MM-DD``) when it is at most ``DAYS_AHEAD`` days after today;
    ``ValueError`` saying so when it is further. The one rule on a session's date, for
    records read and dates typed alike."""
    start = today or dt.date.today()
    try:
        latest = start + dt.timedelta(days=DAYS_AHEAD)
    except OverflowError:  # a year ahead of 9999-01-01 is past the calendar's end
        latest = dt.date.max
    if dt.date.fromisoformat(day) > latest:
        raise ValueError(f"{day} is more than a year from today (latest {latest.isoformat()})")
    return day
