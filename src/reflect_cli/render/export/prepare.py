"""Make sessions ready to share: the export's view of each, redacted when asked."""

from __future__ import annotations

import re

from reflect_cli.model import Kind, Participant, Session
from reflect_cli.render.export.base import Options
from reflect_cli.render.export.redact import SPEAKER, Redactor
from reflect_cli.render.export.rewrite import redacted_view, rewrite
from reflect_cli.render.export.view import shown
from reflect_cli.render.language import in_language
from reflect_cli.speakers import find


def prepare(session: Session, options: Options, redactor: Redactor | None = None) -> Session:
    """The session as an export may show it (``view.shown``), in the reader's language
    when ``options.language`` says one (``render.language``): private notes only when
    asked, people and places replaced when redacting, and otherwise a speaker's handle
    before their words ("keisha:") shown as their name."""
    if options.language:  # a document people read: in the reader's language
        session = in_language(session, options.language)
    if redactor is not None:  # the view made and redacted in one walk of the record
        return redacted_view(redactor, session, options.include_private)
    view = shown(session, options.include_private)
    people = [p for p in view.participants if p.name]
    if people:
        for _, question in view.answers():
            if isinstance(question.answer, str) and ":" in question.answer:
                question.answer = _speakers(question.answer, people)
    return view


def counted(session: Session, redactor: Redactor) -> Session:
    """The session as redacted figures count it (`trends --redact`): its places, people
    and every question but a text one's answer, through the export's view and the same
    redactor, so each label is the one `export --redact` shows with the same key. What
    people wrote in words (a text answer, commitments, notes, the intro) is left out
    first: no figure shows it, so no everyday word in it is asked about."""
    bare = shown(session, include_private=False)
    bare.intro, bare.actions, bare.follow_up, bare.notes = {}, [], [], []
    for _, record in bare.answers():
        if record.kind is Kind.TEXT:
            record.answer = None
    return rewrite(redactor, bare, in_place=True)  # the view is this call's own


def committed(session: Session, redactor: Redactor) -> Session:
    """The session as a redacted commitments listing shows it (`commitments --redact`):
    its places, people, commitments and follow-up, through the export's view and the same
    redactor. Every answer, the intro and the notes are left out first: the listing shows
    none of them, so no everyday word in them is asked about."""
    bare = shown(session, include_private=False)
    bare.intro, bare.notes = {}, []
    for _, record in bare.answers():
        record.answer = None
    return rewrite(redactor, bare, in_place=True)  # the view is this call's own


def _speakers(text: str, people: list[Participant]) -> str:
    """Each ``word:`` that credits someone (as the meeting decided: a handle, a full
    name, any word of a name no one else has) shown as their name."""

    def named(match: re.Match[str]) -> str:
        person = find(people, match[2])
        return match[1] + (person.name if person else match[2]) + match[3]

    return SPEAKER.sub(named, text)
