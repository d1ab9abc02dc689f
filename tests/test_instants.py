"""Start times compared as instants, not as text: ``last``, ``resume``'s newest draft and
"last time" (the earlier sessions a meeting follows up on).

A session started 15:00-08:00 (23:00 UTC) is after one started 20:00Z the same day,
though as written it sorts before it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from conftest import make_session
from reflect_cli.dates import instant
from reflect_cli.model import SessionStatus
from reflect_cli.records.store import Store, newest_first
from reflect_cli.session.history import by_collaborative, history_of

LATER_IN_SEATTLE = "2026-11-20T15:00:00-08:00"  # 23:00 UTC
EARLIER_IN_LONDON = "2026-11-20T20:00:00+00:00"


def test_an_instant_is_utc_fixed_width() -> None:
    assert instant(LATER_IN_SEATTLE) == "2026-11-20T23:00:00.000000Z"
    assert instant(LATER_IN_SEATTLE) > instant(EARLIER_IN_LONDON)
    assert LATER_IN_SEATTLE < EARLIER_IN_LONDON  # the bug: as text it sorts before
    assert instant("2026-11-20T20:00:00") == instant(EARLIER_IN_LONDON)  # no offset: UTC
    assert instant("") == instant("soon") == instant("0001-01-01T00:00:00+01:00") == ""


@given(
    st.datetimes(timezones=st.timezones(), allow_imaginary=False),
    st.datetimes(timezones=st.timezones(), allow_imaginary=False),
)
def test_instants_sort_as_the_times_they_are(a: dt.datetime, b: dt.datetime) -> None:
    first, second = instant(a.isoformat()), instant(b.isoformat())
    if not first or not second:  # before the year 1 in UTC: nothing to compare
        return
    assert (first < second) == (a < b)
    assert (first == second) == (a == b)


def _the_long_way(started: str) -> str:
    """What ``instant`` gives by converting, whatever the text."""
    try:
        when = dt.datetime.fromisoformat(started.strip())
        if when.tzinfo is None:
            when = when.replace(tzinfo=dt.UTC)
        return when.astimezone(dt.UTC).replace(tzinfo=None).isoformat("T", "microseconds") + "Z"
    except (ValueError, OverflowError):
        return ""


@given(st.datetimes(timezones=st.timezones(), allow_imaginary=False))
def test_an_instant_read_again_is_itself(when: dt.datetime) -> None:
    once = instant(when.isoformat())
    assert instant(once) == once == _the_long_way(when.isoformat())


@given(
    st.from_regex(
        r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}Z", fullmatch=True
    )
)
def test_text_shaped_as_an_instant_is_read_as_any_other(text: str) -> None:
    """``2026-13-40T25:00:00.000000Z`` is no time at all, though it looks like one."""
    assert instant(text) == _the_long_way(text)


def _two_sessions(folder: Path, status: str = "complete") -> tuple[str, str]:
    """Two sessions of one collaborative on one day: the first written started later."""
    later = make_session(folder, "partnership-reflection", date="2026-11-20", status=status)
    earlier = make_session(folder, "partnership-reflection", date="2026-11-20", status=status)
    store = Store(folder)
    for session_id, started in ((later, LATER_IN_SEATTLE), (earlier, EARLIER_IN_LONDON)):
        session = store.load(session_id)
        session.started = started
        store.save(session)
    return later, earlier


def test_last_is_the_session_started_last(sessions_dir: Path) -> None:
    later, earlier = _two_sessions(sessions_dir)
    fresh = Store(sessions_dir)
    assert fresh.resolve("last").id == later
    summaries, _ = fresh.summaries()
    assert [s.id for s in newest_first(summaries)] == [later, earlier]


def test_the_newest_draft_is_the_one_started_last(sessions_dir: Path) -> None:
    later, earlier = _two_sessions(sessions_dir, status="draft")
    summaries, _ = Store(sessions_dir).summaries()
    drafts = newest_first(s for s in summaries if s.status == SessionStatus.DRAFT)
    assert [d.id for d in drafts] == [later, earlier]


def test_last_time_is_the_session_started_last(sessions_dir: Path) -> None:
    later, earlier = _two_sessions(sessions_dir)
    store = Store(sessions_dir)
    # The later session follows up on the earlier one, never the other way round.
    assert [s.id for s in history_of(store, store.load(later)).sessions] == [earlier]
    assert history_of(store, store.load(earlier)).sessions == []
    (history,) = by_collaborative([store.load(later), store.load(earlier)])
    assert [s.id for s in history.sessions] == [earlier, later]
