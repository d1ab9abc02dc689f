"""Commitments kept, per partnership: made, kept, kept on time, dropped, still owed and
overdue, from every complete session's commitments and follow-ups.

A commitment is its text and the session that made it. It is closed on the date of the
first meeting that marked it done (kept) or dropped; kept on time when that date is on or
before its due date (one with no due date is kept, never "on time"). Still owed when no
meeting closed it; overdue when still owed and its due date is before ``as_of``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from operator import attrgetter

from reflect_cli.analysis.periods import partnership_key
from reflect_cli.model import CommitmentStatus


@dataclass(slots=True)  # not frozen: that sets each field through object.__setattr__,
class Entry:  # twice the time for the 10,000s of entries a large folder's rollup reads
    """One commitment as one session recorded it (made there, or followed up)."""

    collaborative: str
    session: str
    date: str
    text: str
    due: str
    status: CommitmentStatus
    #: The session that made it (the session itself when made there).
    origin: str


@dataclass(slots=True)
class Kept:
    """One partnership's commitments."""

    collaborative: str
    made: int = 0
    kept: int = 0
    on_time: int = 0
    dropped: int = 0
    owed: int = 0
    overdue: int = 0


def entries(rows: Iterable[Sequence[str]]) -> list[Entry]:
    """Entries from plain rows (collaborative, session, date, text, due, status, origin);
    a status reflect never writes is left out."""
    statuses = {s.value: s for s in CommitmentStatus}
    return [
        Entry(collaborative, session, date, text, due, statuses[status], origin)
        for collaborative, session, date, text, due, status, origin in rows
        if status in statuses
    ]


def kept(entries: Iterable[Entry], as_of: str) -> list[Kept]:
    """Per partnership (in name order), what became of the commitments made in
    ``entries``' sessions; a follow-up of a commitment made outside them is not counted."""
    done, dropped = CommitmentStatus.DONE, CommitmentStatus.DROPPED
    made: dict[tuple[str, str], Entry] = {}
    closed: dict[tuple[str, str], tuple[CommitmentStatus, str]] = {}
    names: dict[str, str] = {}
    for entry in sorted(entries, key=attrgetter("date", "session")):
        key = (entry.origin, entry.text)  # a follow-up carries the text as it was made
        here = entry.origin == entry.session
        if here and key not in made:
            made[key] = entry
            names.setdefault(partnership_key(entry.collaborative), entry.collaborative)
        if entry.status is done or entry.status is dropped:
            if key not in closed:
                closed[key] = (entry.status, entry.date)
        elif not here and key in closed:
            del closed[key]  # opened again at a later meeting
    result: dict[str, Kept] = {}
    for key, entry in made.items():
        partnership = partnership_key(entry.collaborative)
        row = result.get(partnership)
        if row is None:
            row = result[partnership] = Kept(names[partnership])
        row.made += 1
        status, on = closed.get(key, (None, ""))
        if status is done:
            row.kept += 1
            row.on_time += bool(entry.due) and on <= entry.due
        elif status is dropped:
            row.dropped += 1
        else:
            row.owed += 1
            row.overdue += bool(entry.due) and entry.due < as_of
    return [result[k] for k in sorted(result)]
