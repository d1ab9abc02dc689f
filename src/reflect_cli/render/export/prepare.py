"""Make sessions ready to share: copies, private notes out, names out when redacting."""

from __future__ import annotations

import re

from reflect_cli.model import Session
from reflect_cli.render.export.base import Options


def prepare(session: Session, options: Options) -> Session:
    """The session made ready to share, as the options say; changes it in place (export
    works on sessions freshly read for it)."""
    if not options.include_private:
        session.notes = []
    if options.redact:
        redact(session)
    return session


def _pattern(words: list[str]) -> re.Pattern[str] | None:
    words = sorted({w for w in words if len(w) >= 2}, key=len, reverse=True)
    if not words:
        return None
    alternatives = "|".join(re.escape(w) for w in words)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def redact(session: Session) -> None:
    """Names and handles become "Organization (Role)" labels, everywhere; no facilitator."""
    labels: dict[str, str] = {}
    handles: dict[str, str] = {}
    for number, person in enumerate(session.participants, 1):
        label = person.label
        for key in (person.name, *person.name.split(), person.handle):
            labels.setdefault(key.casefold(), label)
        handles[person.handle] = f"participant-{number}"
    pattern = _pattern([*labels])

    def scrub(text: str) -> str:
        if pattern is None:
            return text
        return pattern.sub(lambda m: labels.get(m.group(0).casefold(), m.group(0)), text)

    for number, person in enumerate(session.participants, 1):
        person.name, person.handle = person.label, f"participant-{number}"
    session.facilitator = ""
    for _, question in session.answers():
        if isinstance(question.answer, str):
            question.answer = scrub(question.answer)
        question.credits = [handles.get(c, c) for c in question.credits]
    for action in (*session.actions, *session.follow_up):
        action.text = scrub(action.text)
        action.owner = handles.get(action.owner, scrub(action.owner))
    for note in session.notes:
        note.text = scrub(note.text)
