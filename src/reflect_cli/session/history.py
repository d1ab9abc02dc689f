"""What a partnership already has behind it: its earlier complete sessions, the people
in them, and the commitments still owed. Drafts never count: an abandoned draft is
neither "last time" nor a source of people or commitments.

Only the store's public reading API (``summaries()``, ``read()``) is used, so this keeps
working whatever index the store keeps behind it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from reflect_cli.dates import instant
from reflect_cli.model import Action, Participant, Session, SessionStatus
from reflect_cli.records.store import Store, newest_first
from reflect_cli.session.people import fold, person_key
from reflect_cli.session.typed_lines import unique_handle


@dataclass(frozen=True)
class Standing:
    """Where a commitment stands: as the latest word on it says (``action``), the meeting
    that made it, and the meeting whose follow-up last changed its status (None while it
    stands as made)."""

    action: Action
    made_in: Session
    changed_in: Session | None = None

    @property
    def closed_in(self) -> Session | None:
        """The meeting that closed it (done or dropped), if it is closed."""
        if self.action.is_open:
            return None
        return self.changed_in or self.made_in


@dataclass
class History:
    """A collaborative's complete sessions before this one, oldest first."""

    sessions: list[Session] = field(default_factory=list)

    @property
    def last(self) -> Session | None:
        return self.sessions[-1] if self.sessions else None

    def people(self) -> list[Participant]:
        """Everyone in these sessions, once each, with the handle they last went by
        (``/handle``) and their latest role; present again by default."""
        found: dict[tuple[str, str], Participant] = {}
        taken: set[str] = set()
        for session in self.sessions:
            for person in session.participants:
                key = person_key(person)
                if key in found:
                    known = found[key]
                    known.role = person.role or known.role
                    known.sector = person.sector or known.sector
                    if person.handle and person.handle not in taken:
                        taken.discard(known.handle)
                        known.handle = person.handle
                        taken.add(person.handle)
                    continue
                handle = person.handle if person.handle not in taken else ""
                handle = handle or unique_handle(person.name, taken)
                taken.add(handle)
                found[key] = replace(person, handle=handle, present=True, left=False)
        return list(found.values())

    def last_present(self) -> list[Participant]:
        """Who was in the room last time, those who left early included (only the
        absent are not)."""
        if self.last is None:
            return []
        return [p for p in self.last.participants if p.present]

    def open_commitments(self) -> list[tuple[Action, Session]]:
        """Every commitment still open or in progress, whatever session made it, with
        the session it came from."""
        return [(a, s) for a, s in self.commitments() if a.is_open]

    def commitments(self) -> list[tuple[Action, Session]]:
        """Every commitment made in these sessions as it stands now, with the session it
        came from: the latest word on each wins (a later follow-up that marked it done
        closes it)."""
        return [(s.action, s.made_in) for s in self.standings().values()]

    def standings(self, carried: bool = False) -> dict[tuple[str, str], Standing]:
        """Every commitment made in these sessions as it stands now, by its key (the
        session that made it, its text folded), with the meeting that last changed its
        status: the one place that says when a commitment was closed. ``carried``: those
        the first session followed up (made before it) too, as they stood there."""
        latest: dict[tuple[str, str], Standing] = {}
        for number, session in enumerate(self.sessions):
            if carried and number == 0:
                for action in session.follow_up:
                    latest[commitment_key(action, session)] = Standing(action, session)
            for action in session.follow_up:
                key = commitment_key(action, session)
                if key in latest:
                    before = latest[key]
                    changed = action.status != before.action.status
                    latest[key] = replace(
                        before, action=action, changed_in=session if changed else before.changed_in
                    )
            for action in session.actions:
                latest[commitment_key(action, session)] = Standing(action, session)
        return latest


def commitment_key(action: Action, session: Session) -> tuple[str, str]:
    """What makes a commitment one commitment across meetings: the session that made it
    and its text (any case or accent)."""
    return (action.origin or session.id, fold(action.text))


def by_collaborative(sessions: list[Session]) -> list[History]:
    """Sessions grouped into one history per collaborative (same name, any case)."""
    groups: dict[str, list[Session]] = {}
    for session in sessions:
        groups.setdefault(fold(session.collaborative), []).append(session)
    return [
        History(sorted(g, key=lambda s: (s.date, instant(s.started), s.id)))
        for g in groups.values()
    ]


def history_of(store: Store, session: Session) -> History:
    """The complete sessions of ``session``'s collaborative that came before it."""
    summaries, _ = store.summaries()
    mine = (session.date, instant(session.started))
    earlier = [
        s
        for s in newest_first(summaries)
        if s.status == SessionStatus.COMPLETE
        and fold(s.collaborative) == fold(session.collaborative)
        and s.id != session.id
        and (s.date, s.started) < mine
    ]
    return History(list(reversed(list(store.read(earlier)))))


def since(store: Store, session: Session) -> dict[tuple[str, str], Standing]:
    """Where the commitments made in or carried into ``session`` stand after the complete
    meetings of its collaborative that came after it (only those that changed)."""
    summaries, _ = store.summaries()
    mine = (session.date, session.started)
    later = [
        s
        for s in reversed(newest_first(summaries))
        if s.status == SessionStatus.COMPLETE
        and fold(s.collaborative) == fold(session.collaborative)
        and s.id != session.id
        and (s.date, s.started) > mine
    ]
    if not later:
        return {}
    standings = History([session, *store.read(later)]).standings(carried=True)
    return {
        key: standing
        for key, standing in standings.items()
        if standing.changed_in is not None and standing.changed_in is not session
    }


def known_spelling(store: Store, collaborative: str) -> str:
    """The collaborative as its earlier sessions spell it, when ``collaborative`` is that
    name in another case or accent form: the spelling most of its complete sessions use
    (the oldest on a tie; drafts only when there is no complete one), else as typed."""
    summaries, _ = store.summaries()
    same = [s for s in summaries if fold(s.collaborative) == fold(collaborative)]
    complete = [s for s in same if s.status == SessionStatus.COMPLETE] or same
    if not complete:
        return collaborative
    oldest_first = list(reversed(newest_first(complete)))
    spellings = [s.collaborative for s in oldest_first]
    return max(spellings, key=lambda name: (spellings.count(name), -spellings.index(name)))


def overdue_days(due: str, today: dt.date) -> int:
    """Days past a due date (0 when not due yet, or no date)."""
    try:
        return max(0, (today - dt.date.fromisoformat(due)).days)
    except ValueError:
        return 0
