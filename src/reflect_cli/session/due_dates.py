"""A commitment's due date as people say it in a meeting: ``2026-12-01``, ``tomorrow``,
``friday``, ``next friday``, ``in 2 weeks``, ``dec 15``. Relative dates count from the
meeting's own date (a session typed up a day late still means that meeting's Friday),
and the facilitator is always told the day it came to, so a wrong guess shows at once.

Pure: no clock is read here; the caller gives the day to count from.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from reflect_cli.dates import parse_date
from reflect_cli.errors import InputError
from reflect_cli.i18n.messages import N_, _
from reflect_cli.numbers import NotAWholeNumber, ascii_digits, whole_number
from reflect_cli.session import due_words

#: What the README promises works, said back when something else is typed (in the
#: reader's language: ``due_words`` reads the Spanish forms).
FORMS = N_("YYYY-MM-DD, today, tomorrow, friday, next friday, in 2 weeks, dec 15")
#: A weekday as the day understood is said back (Monday first, as ``date.weekday``).
_SAID_WEEKDAYS = (
    N_("Mon"),
    N_("Tue"),
    N_("Wed"),
    N_("Thu"),
    N_("Fri"),
    N_("Sat"),
    N_("Sun"),
)

_WEEKDAYS = {name.lower(): n for n, name in enumerate(calendar.day_name)}
_WEEKDAYS.update({name.lower(): n for n, name in enumerate(calendar.day_abbr)})
_WEEKDAYS.update({"tues": 1, "wednes": 2, "thur": 3, "thurs": 3})
_MONTHS = {name.lower(): n for n, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): n for n, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
_UNITS = {"day": 1, "week": 7, "fortnight": 14, "month": 0, "year": 0}
_IN = re.compile(r"in ([0-9]{1,3}|[a-z]+) ([a-z]+?)s?")
_MONTH_DAY = re.compile(r"([a-z]+)\.? ([0-9]{1,2})(?:st|nd|rd|th)?(?:,? ([0-9]{4}))?")
_DAY_MONTH = re.compile(r"([0-9]{1,2})(?:st|nd|rd|th)? ([a-z]+)\.?(?:,? ([0-9]{4}))?")


def due_date(typed: str, today: dt.date) -> str:
    """``typed`` as ``YYYY-MM-DD``, counting from ``today`` (the meeting's date);
    ``InputError`` naming the forms that work. Digits of any script are read as the one
    reader of typed numbers reads them (``in ٣ days``); a number character that is not a
    digit (``in ① days``) is refused saying so."""
    try:
        written = ascii_digits(typed)
    except NotAWholeNumber as exc:
        raise InputError(
            _("due: {problem} (try {forms})").format(problem=exc, forms=_(FORMS))
        ) from None
    try:
        return parse_date(written, "due")
    except InputError:
        pass
    text = " ".join(written.lower().replace(",", " ").split())
    day = _relative(text, today)
    if day is None and (spanish := due_words.as_english(text)) is not None:
        day = _relative(spanish, today)
    if day is None:
        raise InputError(
            _("due: not a date: {typed} (try {forms})").format(typed=repr(typed), forms=_(FORMS))
        )
    return day.isoformat()


def said(iso: str, typed: str) -> str:
    """How the day is said back: ``2026-11-13`` when typed so, else with its weekday and
    what was typed, ``Fri 2026-11-13 (next friday)``."""
    if " ".join(typed.split()) == iso:
        return iso
    day = dt.date.fromisoformat(iso)
    weekday = _(_SAID_WEEKDAYS[day.weekday()])
    return f"{weekday} {iso} ({' '.join(typed.split())})"


def _relative(text: str, today: dt.date) -> dt.date | None:
    if text in ("today", "tonight"):
        return today
    if text == "tomorrow":
        return today + dt.timedelta(days=1)
    words = text.split()
    if words[:1] in (["next"], ["this"], ["on"]) and len(words) == 2:
        words = words[1:]  # "next friday", "this friday", "on friday": the coming one
    if len(words) == 1 and words[0] in _WEEKDAYS:
        ahead = (_WEEKDAYS[words[0]] - today.weekday() - 1) % 7 + 1
        return today + dt.timedelta(days=ahead)
    if text in ("next week", "next month"):
        return _later(today, 1, text.split()[1])
    match = _IN.fullmatch(text)
    if match:
        count = _NUMBERS.get(match.group(1)) or whole_number(match.group(1)) or 0
        if count and match.group(2) in _UNITS:
            return _later(today, count, match.group(2))
        return None
    return _calendar_day(text, today)


def _later(today: dt.date, count: int, unit: str) -> dt.date | None:
    if unit in ("month", "year"):
        months = count * (12 if unit == "year" else 1)
        year, month = divmod(today.month - 1 + months, 12)
        year += today.year
        if year > dt.MAXYEAR:
            return None
        last = calendar.monthrange(year, month + 1)[1]
        return dt.date(year, month + 1, min(today.day, last))
    try:
        return today + dt.timedelta(days=count * _UNITS[unit])
    except OverflowError:
        return None


def _calendar_day(text: str, today: dt.date) -> dt.date | None:
    """``dec 15``, ``15 december``, ``dec 15 2027``: with no year, the next such day on
    or after ``today`` (a commitment is due ahead, not in the past)."""
    match = _MONTH_DAY.fullmatch(text)
    if match:
        month_word, day_text, year_text = match.groups()
    else:
        match = _DAY_MONTH.fullmatch(text)
        if not match:
            return None
        day_text, month_word, year_text = match.groups()
    month = _MONTHS.get(month_word)
    if month is None:
        return None
    day = whole_number(day_text) or 0  # ASCII digits only: the patterns say [0-9]
    given = whole_number(year_text) if year_text else None
    years = [given] if given is not None else [today.year + n for n in range(9)]
    for year in years:  # Feb 29 may be years ahead
        try:
            found = dt.date(year, month, day)
        except ValueError:
            continue
        if year_text or found >= today:
            return found
    return None
