"""Whose voices were heard: who was credited in which domain, and who was not.

A person was heard on a question when an answer line credits them or they gave their own
rating in a named round (a pass is not a rating). An anonymous round counts no one: it
keeps no names. Only people in the room now can be called out as not heard from: someone
absent, or who left, was not there to be asked; someone who came late (``/join``) only
for the domains asked once they were there.
"""

from __future__ import annotations

from collections.abc import Callable

from reflect_cli.asked import came_and_went
from reflect_cli.i18n.messages import _
from reflect_cli.model import Participant, Session
from reflect_cli.rounds.text import heard_on
from reflect_cli.session.console import Console
from reflect_cli.speakers import interpreting

__all__ = ["heard_on", "show", "unheard_by_domain"]


def show(console: Console, session: Session) -> None:
    """A table of who was credited in which domain; the unheard called out."""
    # The domains' ids are short enough to fit; a session asked in another language
    # shows its domains as the room read them (an id is an English word).
    domains = [d.asked_title or d.id for d in session.domains]
    headers = [_("participant"), *domains]
    rows, unheard = [], []
    interpreters = _interpreters(session)
    for person in session.participants:
        counts = [sum(person.handle in heard_on(q) for q in d.questions) for d in session.domains]
        if not any(counts) and interpreters(person):
            continue  # the person they interpret for is the voice counted, not a row of 0s
        moments = came_and_went(session, person) if person.present else _("not present")
        shown = f"{person.name} ({person.handle})" + (f", {moments}" if moments else "")
        rows.append([shown, *(str(c) if c else "·" for c in counts)])
        if not any(counts) and person.here:
            unheard.append(person.name)
    console.table(headers, rows, title=_("Voices so far"))
    if unheard:
        console.say(
            _(
                "Not yet heard from: {people}. Make sure those who are less willing or able "
                "to speak up or be involved are included and valued."
            ).format(people=", ".join(unheard)),
            "yellow",
        )


def _interpreters(session: Session) -> Callable[[Participant], bool]:
    """Whether someone on the roster is here as an interpreter: their words are the
    person's they interpret (credited to that person), so they are never called out as
    unheard (``speakers.interpreting``)."""
    found = interpreting(session.participants)
    return lambda person: any(person is p for p in found)


def unheard_by_domain(session: Session) -> list[str]:
    """``Equity: not heard from May Tran, Dana Okafor`` for each domain the room talked
    about, naming who is here and was not credited there."""
    interpreters = _interpreters(session)
    here = [p for p in session.participants if p.here and not interpreters(p)]
    lines = []
    order = {q.id: n for n, (_d, q) in enumerate(session.answers())}
    for domain in session.domains:
        talked = [order[q.id] for q in domain.questions if q.answered]
        if not talked:
            continue
        credited = {h for q in domain.questions for h in heard_on(q)}
        quiet = [
            p.name for p in here if p.handle not in credited and _came_by(p, max(talked), order)
        ]
        if quiet:
            title = domain.asked_title or domain.title
            lines.append(
                _("{domain}: not heard from {people}").format(domain=title, people=", ".join(quiet))
            )
    return lines


def _came_by(person: Participant, last: int, order: dict[str, int]) -> bool:
    """Whether someone was in the room by the question numbered ``last``: someone who
    came late (``joined_at``, the question at which they arrived) was not there to be
    asked about what the room talked about before. A ``joined_at`` that is no question
    of the session (an older record's) reads as here from the start."""
    return order.get(person.joined_at, -1) <= last
