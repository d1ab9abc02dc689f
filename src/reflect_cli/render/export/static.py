"""A session with everything people said taken out: what the template and protocol show.

The check after a redacted export looks for names in the rendered document. The page's
own CSS (``max-width``, ``Georgia``, ``li::before``), fixed headings and the protocol's
own text (titles, prompts, help, choice labels, source) can hold a word that is also
someone's name ("Max", "Li", "Best Starts for Kids"). So the same export is rendered a
second time from these stripped copies, and the check flags a name only where the real
document holds it more often than this one: only what came from people can leak.
"""

from __future__ import annotations

from dataclasses import replace

from reflect_cli.model import Answer, AnswerRecord, Session
from reflect_cli.render.export.own_text import is_own
from reflect_cli.render.export.view import Holds, copied
from reflect_cli.render.export.walk import each_text, rebuilt


def stripped(session: Session) -> Session:
    """A copy of a (prepared) session with no text that came from people: answers other
    than a choice's own labels, commitments, notes, names, organizations and roles,
    places, the facilitator and any extra keys. Of its protocol's text only what is
    reflect's own (``own_text``) is kept: a protocol anyone wrote is people's text."""
    # Rebuilt field by field as the export's view is (a deep copy costs twice as much).
    bare: Session = copied(session)
    bare.collaborative = bare.site = bare.facilitator = ""
    bare.extra = {}
    for person in bare.participants:
        person.name = person.organization = person.role = ""
    for _, record in bare.answers():
        record.answer = _choices_only(record)
        for number, rating in enumerate(record.ratings):
            record.ratings[number] = replace(rating, organization="")
    # Commitments stay apart (a summary keys them on their text), with nothing to find.
    for number, action in enumerate((*bare.actions, *bare.follow_up)):
        action.text, action.note, action.owner = "·" * (number + 1), "", ""
    for note in bare.notes:
        note.text = ""
    return _own_protocol_text_only(bare)


def _own_protocol_text_only(session: Session) -> Session:
    """Every field that holds the protocol's text (``view.Holds.PROTOCOL``) with only
    reflect's own protocols' text; any other a placeholder of its own ("·3")."""
    placeholders: dict[str, str] = {}

    def own(text: str) -> str:
        if is_own(text) or not text:
            return text
        return placeholders.setdefault(text, f"·{len(placeholders) + 1}")

    def change(record: object, name: str, holds: Holds, value: object) -> object:
        return each_text(value, own) if holds is Holds.PROTOCOL else value

    stripped_session: Session = rebuilt(session, change)
    return stripped_session


def _choices_only(record: AnswerRecord) -> Answer:
    """What of an answer is the protocol's own: a chosen label as the protocol wrote it,
    a number or yes/no; free text (and anything changed by redaction) goes."""
    labels = {choice.label for choice in record.choices}
    answer = record.answer
    if isinstance(answer, list):
        return [label for label in answer if label in labels]
    if isinstance(answer, str):
        return answer if answer in labels and not record.round else None
    return answer
