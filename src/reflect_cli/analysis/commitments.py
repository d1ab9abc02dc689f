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

from reflect_cli.analysis.periods import partnership_key
from reflect_cli.model import CommitmentStatus


@dataclass(frozen=True, slots=True)
class Entry:
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
    ordered = sorted(entries, key=lambda e: (e.date, e.session))
    made: dict[tuple[str, str], Entry] = {}
    closed: dict[tuple[str, str], tuple[CommitmentStatus, str]] = {}
    names: dict[str, str] = {}
    for entry in ordered:
        key = (entry.origin, entry.text)  # a follow-up carries the text as it was made
        if entry.origin == entry.session:
            made.setdefault(key, entry)
            names.setdefault(partnership_key(entry.collaborative), entry.collaborative)
        final = entry.status in (CommitmentStatus.DONE, CommitmentStatus.DROPPED)
        if final and key not in closed:
            closed[key] = (entry.status, entry.date)
        elif not final and key in closed and entry.origin != entry.session:
            del closed[key]  # opened again at a later meeting
    result: dict[str, Kept] = {}
    for key, entry in made.items():
        partnership = partnership_key(entry.collaborative)
        row = result.setdefault(partnership, Kept(names[partnership]))
        row.made += 1
        status, on = closed.get(key, (None, ""))
        if status is CommitmentStatus.DONE:
            row.kept += 1
            row.on_time += bool(entry.due) and on <= entry.due
        elif status is CommitmentStatus.DROPPED:
            row.dropped += 1
        else:
            row.owed += 1
            row.overdue += bool(entry.due) and entry.due < as_of
    return [result[k] for k in sorted(result)]
