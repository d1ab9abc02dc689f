"""A session's export view with every person and place replaced (``--redact``).

Works on the view ``view.shown`` made (only what an export may hold), never on a record
read for anything else. Every text field of the view passes ``Redactor.text``; people
become their labels and pseudonymous handles; places their letters and numbers.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from reflect_cli.model import Session
from reflect_cli.render.export.redact import Redactor


def rewrite(redactor: Redactor, session: Session) -> Session:
    """The session with every person and place replaced, in place."""
    handles: dict[str, str] = {}
    order = redactor.session_numbers.get(session.id)
    shown_as = f"Session {order}" if order else "Session"
    redactor.context = {redactor.number_of(p) for p in session.participants}
    redactor.where = (shown_as, "")
    for person in session.participants:
        known = redactor.people[redactor.number_of(person)]
        # The same id in every export made with the evaluator's key (``pseudonyms``).
        handles[person.handle] = known.id
        if known.label.startswith("Participant"):
            person.organization = person.role = ""
        person.organization = redactor.shown_organization(person.organization)
        person.role = redactor.shown_role(person.role)
        person.name, person.handle = known.label, known.id
    session.id = shown_as
    session.facilitator = ""
    session.collaborative = redactor.place_label(session.collaborative)
    session.site = redactor.place_label(session.site)
    # When it started and was saved: a time, or nothing (never free text).
    session.started, session.updated = redactor.text(session.started), ""
    session.intro = {redactor.text(k): redactor.text(v) for k, v in session.intro.items()}

    def shown_as_person(handle: str) -> str:
        return handles.get(handle) or redactor.owner(handle)

    for _, question in session.answers():
        redactor.where = (shown_as, question.id)
        # A chosen label is the protocol's own text ("Strong relationships and trust"
        # when someone is called Strong): kept as written, like the prompt.
        labels = {choice.label for choice in question.choices}
        if isinstance(question.answer, str) and question.answer not in labels:
            question.answer = redactor.text(question.answer, speakers=True)
        elif isinstance(question.answer, list):
            question.answer = [a if a in labels else redactor.text(a) for a in question.answer]
        question.credits = [shown_as_person(c) for c in question.credits]
        # A named rating keeps its person only as a pseudonym (shown by their label);
        # an anonymous one names an organization, which may itself be a place.
        question.ratings = [
            replace(r, participant=shown_as_person(r.participant))
            if r.participant
            else replace(r, organization=redactor.organization(r.organization))
            for r in question.ratings
        ]
        question.passed_by = [shown_as_person(h) for h in question.passed_by]
        question.entered_by = [shown_as_person(h) for h in question.entered_by]
    for action in (*session.actions, *session.follow_up):
        redactor.where = (shown_as, action.question or "commitments")
        action.text, action.note = redactor.text(action.text), redactor.text(action.note)
        action.due = redactor.text(action.due)
        action.owner = shown_as_person(action.owner)
        origin = redactor.session_numbers.get(action.origin)
        # From outside the selection: only its date, which a session id starts with.
        action.origin = f"Session {origin}" if origin else _dated(action.origin)
    for note in session.notes:
        redactor.where = (shown_as, note.question or "notes")
        note.text = redactor.text(note.text)
    session.extra = {redactor.text(k): _any(redactor, v) for k, v in session.extra.items()}
    redactor.context, redactor.where = set(), ("", "")
    return session


def _any(redactor: Redactor, value: Any) -> Any:
    if isinstance(value, str):
        return redactor.text(value, speakers=True)
    if isinstance(value, list):
        return [_any(redactor, v) for v in value]
    if isinstance(value, dict):
        return {_any(redactor, k): _any(redactor, v) for k, v in value.items()}
    return value


def _dated(origin: str) -> str:
    """ "2026-09-10-x-club-51b8" → "2026-09-10"; an id with no date → "earlier"."""
    dated = re.match(r"\d{4}-\d{2}-\d{2}(?=-|$)", origin)
    return dated[0] if dated else ("earlier" if origin else "")
