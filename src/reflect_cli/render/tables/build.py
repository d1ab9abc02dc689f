"""Sessions as tidy rows: one list of rows per table of ``schema``, each row its columns'
values in order (None for empty).

Two things must be read before a session is redacted, since redaction rewrites the
text they are read from: which person each answer line credits (``monica:`` becomes a
label), and which commitment a follow-up is about (its meeting's id and its text are
both rewritten). ``facts`` reads them; ``Builder.add`` takes the session as it will be
shared (private notes out, redacted when asked) with its facts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from reflect_cli.analysis.periods import By, period_of
from reflect_cli.errors import InputError
from reflect_cli.folding import fold
from reflect_cli.i18n.messages import _
from reflect_cli.model import (
    Action,
    AnswerRecord,
    CommitmentStatus,
    Kind,
    Participant,
    RoundKind,
    Session,
)
from reflect_cli.render.tables import schema
from reflect_cli.render.tables.people import person_id
from reflect_cli.rounds.anonymity import shown_ratings
from reflect_cli.speakers import speaker_of

Row = list[object]
#: A commitment as follow-ups name it: the id of the meeting that made it, its text folded.
Key = tuple[str, str]
_V = schema.FORMAT_VERSION
_CLOSED = (CommitmentStatus.DONE, CommitmentStatus.DROPPED)


@dataclass(frozen=True)
class Facts:
    """What a session says that redaction would blur: per text answer (by its place in
    the session: a question id from a protocol anyone wrote is redacted too), the roster
    position (or None) each line credits; each commitment's and follow-up's key."""

    lines: dict[int, list[int | None]]
    made: list[Key]
    followed: list[Key]


def facts(session: Session) -> Facts:
    """Read from the session as recorded, before anything is rewritten."""
    position = {id(p): n for n, p in enumerate(session.participants)}
    lines: dict[int, list[int | None]] = {}
    for number, (_domain, record) in enumerate(session.answers(), start=1):
        if isinstance(record.answer, str) and (record.kind is Kind.TEXT or record.round):
            credited = (speaker_of(line, session.participants) for line in _lines(record))
            lines[number] = [None if p is None else position[id(p)] for p in credited]
    made = [(session.id, _folded(a.text)) for a in session.actions]
    followed = [(a.origin, _folded(a.text)) for a in session.follow_up]
    return Facts(lines, made, followed)


def school_year(date: str) -> str:
    """The school year (from August, as every rollup counts it) a date falls in: 2025-26."""
    return period_of(dt.date.fromisoformat(date), By.SCHOOL_YEAR).label


@dataclass
class _Commitment:
    row: Row
    closed: bool = False


@dataclass
class Builder:
    """Rows for every table, session by session (given oldest first)."""

    redacted: bool = False
    rows: dict[str, list[Row]] = field(default_factory=dict)
    _commitments: dict[Key, _Commitment] = field(default_factory=dict)
    _people: dict[str, Row] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for table in (*schema.TABLES, schema.NOTES):
            self.rows.setdefault(table.name, [])

    def add(
        self, session: Session, known: Facts, coded: Sequence[tuple[str, int, str, str]] = ()
    ) -> None:
        """Add one session, as shared, with the facts read before it was rewritten and
        its codings (question id, line, coder, code id)."""
        ids = self._participants(session)
        handles = {p.handle: ids[n] for n, p in enumerate(session.participants) if p.handle}
        sid = session.id
        self.rows["sessions"].append(
            [
                sid, _V, session.date, school_year(session.date), session.collaborative,
                session.site, session.protocol.id, session.protocol.version,
                session.protocol.title, str(session.status), session.facilitator,
                _language(session), self.redacted,
            ]
        )  # fmt: skip
        asked: set[str] = set()
        for number, (domain, record) in enumerate(session.answers(), start=1):
            if record.id in asked:
                raise InputError(
                    _(
                        "session {sid} asks question {id!r} twice; the tables need "
                        "one answer per question: fix the record with `reflect "
                        "edit`"
                    ).format(sid=sid, id=record.id)
                )
            asked.add(record.id)
            self._answer(sid, number, domain.id, domain.title, record)
            self._ratings(sid, record, handles)
            credited = known.lines.get(number, [])
            for line_number, line in enumerate(_lines(record), start=1):
                who = credited[line_number - 1] if len(credited) >= line_number else None
                if line.strip():
                    person = None if who is None else ids[who]
                    self.rows["utterances"].append([sid, _V, record.id, line_number, person, line])
        for question, line_number, coder, code in sorted(coded):
            self.rows["codings"].append([sid, _V, question, line_number, coder, code])
        self._actions(session, known, handles)
        for number, note in enumerate(session.notes, start=1):
            self.rows["notes"].append([sid, _V, number, note.question, note.text])

    def _participants(self, session: Session) -> list[str]:
        """Their rows, and each roster position's person id. One person listed twice
        (a hand-edited record) is one row."""
        ids: list[str] = []
        seen: set[str] = set()
        for person in session.participants:
            pid = person_id(person, self.redacted)
            ids.append(pid)
            if pid in seen:
                continue
            seen.add(pid)
            known = self._people.get(pid)
            if known is None:
                row = [pid, _V, person.name, person.organization, 0, session.id]
                self.rows["people"].append(row)
                self._people[pid] = known = row
            known[4] = int(str(known[4])) + 1
            row = [session.id, _V, pid, person.name, person.organization, _sector(person)]
            interpreter = person.interpreter or None
            self.rows["participants"].append([*row, person.role, _attendance(person), interpreter])
        return ids

    def _answer(self, sid: str, number: int, domain_id: str, domain: str, q: AnswerRecord) -> None:
        text = q.answer if isinstance(q.answer, str) and (q.kind is Kind.TEXT or q.round) else ""
        value: object = None if q.round or q.kind in (Kind.TEXT, Kind.MULTI) else q.answer
        chosen = _chosen(q)
        listed = {c.label for c in q.choices}
        for place, label in enumerate(chosen, start=1):
            self.rows["choices"].append([sid, _V, q.id, place, label, label in listed])
        choices_n = len(chosen) if q.kind in (Kind.CHOICE, Kind.MULTI) and not q.round else None
        rated = q.round is not None
        self.rows["answers"].append(
            [
                sid, _V, number, domain_id, domain, q.id, q.prompt, str(q.kind),
                _text(q.round), q.skipped, q.answered, text, *_value(q, value), choices_n,
                len(q.ratings) if rated else None, q.passed if rated else None,
            ]
        )  # fmt: skip

    def _ratings(self, sid: str, q: AnswerRecord, handles: dict[str, str]) -> None:
        for number, rating in enumerate(shown_ratings(q), start=1):
            named = q.round is RoundKind.NAMED
            who = handles.get(rating.participant) if named else None
            group = None if named else rating.organization
            number_value, label = _value(q, rating.value)
            row = [sid, _V, q.id, number, _text(q.round), who, group, number_value, label]
            self.rows["ratings"].append(row)

    def _actions(self, session: Session, known: Facts, handles: dict[str, str]) -> None:
        sid = session.id
        names = session.names()
        for number, (action, key) in enumerate(zip(session.actions, known.made, strict=True), 1):
            owner = names.get(action.owner, action.owner)
            row = [
                sid, _V, number, action.question, action.text, handles.get(action.owner),
                owner, action.due or None, str(action.status), action.note, None, None,
            ]  # fmt: skip
            self.rows["commitments"].append(row)
            self._commitments[key] = _Commitment(row)
        for number, (action, key) in enumerate(
            zip(session.follow_up, known.followed, strict=True), 1
        ):
            made = self._commitments.get(key)
            owner = names.get(action.owner, action.owner)
            self.rows["follow_ups"].append(
                [
                    sid, _V, number, action.origin, made.row[2] if made else None, action.text,
                    owner, action.due or None, str(action.status), action.note,
                ]
            )  # fmt: skip
            if made is not None:
                _followed(made, action, session)


def _followed(made: _Commitment, action: Action, session: Session) -> None:
    """The latest word on a commitment: its status and note; closed when done or dropped
    (reopened, it is no longer closed)."""
    made.row[8], made.row[9] = str(action.status), action.note
    closing = action.status in _CLOSED
    if closing and not made.closed:
        made.row[10], made.row[11] = session.date, session.id
    elif not closing:
        made.row[10] = made.row[11] = None
    made.closed = closing


def _chosen(record: AnswerRecord) -> list[str]:
    if record.round or record.kind not in (Kind.CHOICE, Kind.MULTI):
        return []
    if isinstance(record.answer, list):
        return list(record.answer)
    return [record.answer] if isinstance(record.answer, str) and record.answer else []


def _value(record: AnswerRecord, value: object) -> tuple[int | None, str | None]:
    """(value_number, value_label): a scale's point and its label; yes-no 1/0 and yes/no;
    a choice's label."""
    if isinstance(value, bool):
        return (1, "yes") if value else (0, "no")
    if isinstance(value, int):
        labels = record.scale.labels if record.scale else {}
        return value, labels.get(value) or None
    if isinstance(value, str) and value:
        return None, value
    return None, None


def _lines(record: AnswerRecord) -> Sequence[str]:
    if isinstance(record.answer, str) and (record.kind is Kind.TEXT or record.round):
        return record.answer.splitlines()  # as the meeting credits lines
    return ()


def _attendance(person: Participant) -> str:
    if not person.present:
        return "not present"
    return "left early" if person.left else "present"


def _language(session: Session) -> str | None:
    # A plain read of a field: the session's language when its record carries one, else
    # its protocol's, else none (records written before languages were kept).
    for holder in (session, session.protocol):
        value = _text(getattr(holder, "language", None))
        if value:
            return value
    return None


def _sector(person: Participant) -> str | None:
    # The participant's sector, once the roster records one.
    return _text(getattr(person, "sector", None))


def _text(value: object) -> str | None:
    return str(value) if isinstance(value, str) and value else None


def _folded(text: str) -> str:
    return " ".join(fold(text).split())
