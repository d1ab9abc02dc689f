"""A session's export view with every person and place replaced (``--redact``).

Works on the view ``view.shown`` made (only what an export may hold), never on a record
read for anything else. The view's allow-list says what each field holds
(``view.Holds``), and the view is rebuilt by that alone (``walk.rebuilt``): every field
that holds text passes the redactor by its kind, the record's own copy of its protocol's
text too; people become their labels and pseudonymous ids, places their codes. No field
is redacted by being remembered here.
"""

from __future__ import annotations

import re
from enum import Enum
from typing import Any

from reflect_cli.model import (
    INTERPRETED,
    Action,
    AnswerRecord,
    DomainRecord,
    Note,
    Participant,
    Session,
)
from reflect_cli.render.export.label_words import PARTICIPANT, SESSION
from reflect_cli.render.export.own_text import own_texts
from reflect_cli.render.export.redact import Redactor
from reflect_cli.render.export.view import Holds, shown
from reflect_cli.render.export.walk import changed_in_place, each_text, protocol_only, rebuilt
from reflect_cli.speakers import interpreter_of

#: The shapes of what reflect writes itself: an ISO date or time, a SHA-256 digest.
_STAMP = re.compile(
    r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
    r"|[0-9a-f]{64}"
)


def rewrite(redactor: Redactor, session: Session, in_place: bool = False) -> Session:
    """The session with every person and place replaced; ``in_place``: changed where it
    is, for a view nothing else holds (``view.shown`` made it for this)."""
    return _Rewriting(redactor, session, Walk.IN_PLACE if in_place else Walk.REBUILT).session


def redacted_view(redactor: Redactor, session: Session, include_private: bool) -> Session:
    """``rewrite(redactor, view.shown(session, include_private), in_place=True)``, made in
    one walk of the record: each shown field changed as it is copied (``view.shown``)."""
    return _Rewriting(redactor, session, Walk.SHOWN, include_private).session


class Walk(Enum):
    """How a session's fields reach ``_Rewriting._change``."""

    #: A view's records, rebuilt (``walk.rebuilt``).
    REBUILT = "rebuilt"
    #: A view nothing else holds, changed where it is (``walk.changed_in_place``).
    IN_PLACE = "in place"
    #: A record, copied into its view as each field is changed (``view.shown``).
    SHOWN = "shown"


class _Rewriting:
    """One session's rewriting: its people, its number, where the walk is."""

    def __init__(
        self, redactor: Redactor, session: Session, walk: Walk, include_private: bool = False
    ) -> None:
        self.redactor = redactor
        self.shown_as = redactor.shown_session(session.id) or redactor.word(SESSION)
        redactor.context = {redactor.number_of(p) for p in session.participants}
        redactor.where = (self.shown_as, "")
        #: Each roster row's person: handle → pseudonymous id, row → what it shows.
        self.handles: dict[str, str] = {}
        self.rows: dict[int, dict[str, str]] = {}
        labels: dict[str, str] = {}
        for person in session.participants:
            self.rows[id(person)] = self._row(person)
            labels[person.handle] = self.rows[id(person)]["name"]
        for person in session.participants:
            # Who interprets is a person too: their label when on the roster, else only
            # that someone did (a name typed for someone outside it is never shown).
            found = interpreter_of(person, session.participants)
            interpreter = labels.get(found.handle, INTERPRETED) if found else INTERPRETED
            self.rows[id(person)]["interpreter"] = interpreter if person.interpreter else ""
        #: The choice labels of the question being walked (an answer that is one is
        #: shown as the label is).
        self.labels: set[str] = set()
        self._own = own_texts()
        # A choice, a scale or a band of reflect's own protocol is as it was.
        own = self._own.__contains__

        def kept(record: Any) -> bool:
            return protocol_only(record, own)

        try:
            if walk is Walk.SHOWN:
                self.session: Session = shown(
                    session, include_private, self._change, self._enter, kept
                )
            elif walk is Walk.IN_PLACE:
                self.session = changed_in_place(session, self._change, self._enter, kept)
            else:
                self.session = rebuilt(session, self._change, self._enter)
        finally:
            redactor.context, redactor.where = set(), ("", "")

    def _row(self, person: Participant) -> dict[str, str]:
        redactor = self.redactor
        known = redactor.person(redactor.number_of(person))
        # The same id in every export made with the evaluator's key (``pseudonyms``).
        self.handles[person.handle] = known.id
        organization, role = person.organization, person.role
        if known.label.startswith(redactor.word(PARTICIPANT)):
            organization = role = ""
        return {
            "name": known.label,
            "handle": known.id,
            "organization": redactor.shown_organization(organization),
            "role": redactor.shown_role(role),
        }

    def _enter(self, record: Any) -> None:
        """Where the walk is, for an everyday word the facilitator must decide on."""
        where = self.redactor.where[1]
        if isinstance(record, (AnswerRecord, DomainRecord)):
            where = record.id
        elif isinstance(record, Action):
            where = record.question or "commitments"
        elif isinstance(record, Note):
            where = record.question or "notes"
        self.redactor.where = (self.shown_as, where)
        if isinstance(record, AnswerRecord):
            self.labels = {choice.label for choice in record.choices}

    def _change(self, record: Any, name: str, holds: Holds, value: Any) -> Any:
        """A field's value as a redacted export shows it, by what the field holds."""
        if holds is Holds.PROTOCOL:  # the most of a session's fields, most often text
            if type(value) is str:
                return value if value in self._own else self.redactor.text(value)
            return each_text(value, self._protocol)
        if holds is Holds.PERSON and type(value) is str:
            return self._person(record, name, value)
        text = self.redactor.text
        if holds is Holds.SAID:
            return each_text(value, text)
        if holds is Holds.ANSWER:
            # A chosen label is shown as the label is; anything else is what was said.
            return each_text(
                value,
                lambda said: (
                    self._protocol(said)
                    if said in self.labels
                    else text(said, speakers=isinstance(value, str))
                ),
            )
        if holds is Holds.STAMP:
            if isinstance(record, Session) and name == "updated":
                return ""  # when it was last saved: not the meeting's
            return each_text(value, lambda t: t if _STAMP.fullmatch(t) else text(t))
        if holds is Holds.PLACE:
            return each_text(value, self.redactor.place_label)
        if holds is Holds.REFERENCE:
            return each_text(value, self._session_of)
        return each_text(value, lambda t: self._person(record, name, t))

    def _protocol(self, text: str) -> str:
        """The protocol's text: kept when it is reflect's own, redacted otherwise."""
        return text if text in self._own else self.redactor.text(text)

    def _session_of(self, session_id: str) -> str:
        # Data: the stable id, of a session outside the selection too (it joins with
        # the package that holds it); a document: outside its selection, only the date
        # a session id starts with.
        return self.redactor.shown_session(session_id) or _dated(session_id)

    def _person(self, record: Any, name: str, text: str) -> str:
        """A person field: a roster row's label and id; a handle's pseudonymous id; an
        anonymous rating's organization (a place maybe, or naming someone); nobody as
        the facilitator."""
        if id(record) in self.rows:
            return self.rows[id(record)][name]
        if isinstance(record, Session):
            return ""  # the facilitator: "Facilitator" in the statement only
        if name == "organization":
            return self.redactor.organization(text)
        return self.handles.get(text) or self.redactor.owner(text) if text else ""


def _dated(origin: str) -> str:
    """ "2026-09-10-x-club-51b8" → "2026-09-10"; an id with no date → "earlier"."""
    dated = re.match(r"\d{4}-\d{2}-\d{2}(?=-|$)", origin)
    return dated[0] if dated else ("earlier" if origin else "")
