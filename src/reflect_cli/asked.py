"""A session's questions as the room read them, and a choice made in a translation as
the record keeps it.

A session asked in a language other than its protocol's keeps both texts: the
protocol's (``AnswerRecord.prompt``, ``choices``…, by which answers are recorded and
counted) and the translation read in the room (``AnswerRecord.asked``). A choice is the
same choice in every language: its place in the question's list.
"""

from __future__ import annotations

import dataclasses

from reflect_cli.i18n.messages import _
from reflect_cli.model import (
    Answer,
    AnswerRecord,
    DomainRecord,
    Participant,
    Question,
    Scale,
    Session,
    Wording,
)


def came_and_went(session: Session, person: Participant) -> str:
    """``joined at question 3``, ``left at question 5``, both, or '' (as
    ``Session.came_and_went``), in the reader's language."""
    numbers = {q.id: n for n, (_domain, q) in enumerate(session.answers(), 1)}
    said = []
    for joined, at in ((True, person.joined_at), (False, person.left_at)):
        if not at:
            continue
        if at in numbers:
            text = _("joined at question {number}") if joined else _("left at question {number}")
            said.append(text.format(number=numbers[at]))
        else:
            text = _("joined at {where}") if joined else _("left at {where}")
            said.append(text.format(where=at))
    return ", ".join(said)


def recorded(question: Question, answer: Answer) -> Answer:
    """An answer given to ``question`` as read (translated choices) as the record keeps
    it: with the protocol's own labels (``Question.recorded_as``)."""
    if not question.recorded_as:
        return answer
    by_label = dict(zip((c.label for c in question.choices), question.recorded_as, strict=False))
    if isinstance(answer, list):
        return [by_label.get(a, a) for a in answer]
    if isinstance(answer, str):
        return by_label.get(answer, answer)
    return answer


def read_record(record: AnswerRecord) -> AnswerRecord:
    """The record as the room read it (its own texts when it was not translated)."""
    return _as_read(record, record.asked) if record.asked else record


def _as_read(record: AnswerRecord, wording: Wording) -> AnswerRecord:
    shown = {c.label: t.label for c, t in zip(record.choices, wording.choices, strict=False)}

    def label(value: Answer) -> Answer:
        if isinstance(value, list):
            return [shown.get(v, v) for v in value]
        if isinstance(value, str) and record.choices and not record.round:
            return shown.get(value, value)
        return value

    scale = record.scale
    if scale is not None:
        scale = Scale(scale.min, scale.max, dict(wording.scale_labels))
    ratings = [
        dataclasses.replace(r, value=shown.get(r.value, r.value)) if isinstance(r.value, str) else r
        for r in record.ratings
    ]
    return dataclasses.replace(
        record,
        prompt=wording.prompt,
        help=wording.help,
        choices=wording.choices,
        scale=scale,
        bands=wording.bands,
        answer=label(record.answer),
        ratings=ratings,
        asked=None,
    )


def as_read(session: Session) -> Session:
    """A copy of the session with every question as the room read it, answers and
    ratings shown with the labels read; a question not translated keeps its text."""
    domains = [
        DomainRecord(
            d.id, d.asked_title or d.title, [read_record(q) if q.asked else q for q in d.questions]
        )
        for d in session.domains
    ]
    ref = session.protocol
    if ref.asked_title:
        ref = dataclasses.replace(ref, title=ref.asked_title, asked_title="")
    return dataclasses.replace(session, domains=domains, protocol=ref)


def as_written(session: Session) -> Session:
    """A copy of the session in its protocol's own words (what was asked set aside)."""
    return dataclasses.replace(
        session,
        domains=[
            DomainRecord(d.id, d.title, [_plain(q) for q in d.questions]) for d in session.domains
        ],
        protocol=dataclasses.replace(session.protocol, asked_title=""),
    )


def _plain(record: AnswerRecord) -> AnswerRecord:
    return dataclasses.replace(record, asked=None) if record.asked else record
