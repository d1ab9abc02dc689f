"""Commitments that never fall through: every commitment of the partnership still open,
whatever earlier session made it, comes up at the start of the next meeting."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import replace

from reflect_cli.errors import InputError
from reflect_cli.i18n.messages import _, ngettext
from reflect_cli.model import Action, CommitmentStatus, Session
from reflect_cli.session.console import Console
from reflect_cli.session.history import History, overdue_days
from reflect_cli.session.people import fold

# The letters are the English words' in every language; the Spanish words are taken
# too, whole (their initials would collide: "descartado" and "done" are both d).
_STATUS_WORDS = {
    **dict.fromkeys(("d", "done", "hecho", "hecha"), CommitmentStatus.DONE),
    **dict.fromkeys(("i", "in", "progress", "in-progress"), CommitmentStatus.IN_PROGRESS),
    **dict.fromkeys(("r", "drop", "dropped", "descartado", "descartada"), CommitmentStatus.DROPPED),
    **dict.fromkeys(("o", "open", "abierto", "abierta"), CommitmentStatus.OPEN),
}
#: Keep (the default): the status stays what it was, in progress included.
_KEEP = ("k", "keep", "mantener")
#: Keep this one and every one after it as they stand (a partnership may owe thousands).
_REST = ("rest", "keep rest", "keep the rest", "resto", "mantener el resto")
#: Two-word replies, read as their letter.
_IN_PROGRESS = ("in progress", "en curso")


def owner_name(owner: str, people: dict[str, str]) -> str:
    """A participant's name for a handle; free text (someone outside the room) as is."""
    return people.get(owner, owner)


def describe(action: Action, origin: Session | None, people: dict[str, str], today: dt.date) -> str:
    """``Share the calendar — Shana Beckwith, due 2026-12-01 (overdue by 3 days), from
    the meeting of 2026-11-01``."""
    parts = [owner_name(action.owner, people)] if action.owner else []
    if action.due:
        late = overdue_days(action.due, today)
        overdue = (
            ngettext(" (overdue by {days} day)", " (overdue by {days} days)", late).format(
                days=late
            )
            if late
            else ""
        )
        parts.append(_("due {date}").format(date=action.due) + overdue)
    if origin is not None:
        parts.append(_("from the meeting of {date}").format(date=origin.date))
    if action.status == CommitmentStatus.IN_PROGRESS:
        parts.append(_("in progress") + (f": {action.note}" if action.note else ""))
    return action.text + (" — " + ", ".join(parts) if parts else "")


def follow_up(
    console: Console,
    session: Session,
    history: History,
    save: Callable[[], None],
    today: dt.date | None = None,
    given: Mapping[str, tuple[CommitmentStatus, str, str]] | None = None,
) -> None:
    """Ask where each open commitment stands; each answer is saved at once, and ``rest``
    keeps this one and all after it as they are. What an answers file says (``given``,
    by text folded) is taken without asking; scripted sessions carry the rest as they
    stand. All that is not asked is saved once: a save rewrites the whole record, so one
    per commitment would make a long list quadratic. Lateness counts to the meeting's
    date."""
    given = dict(given or {})
    if today is None:
        try:
            today = dt.date.fromisoformat(session.date)
        except ValueError:
            today = dt.date.today()
    seen = {(a.origin, fold(a.text)) for a in session.follow_up}
    pending = [
        (action, origin)
        for action, origin in history.open_commitments()
        if (action.origin or origin.id, fold(action.text)) not in seen
    ]
    unmatched = set(given) - {fold(action.text) for action, _x in pending}
    if unmatched:
        save()
        raise InputError(
            _(
                "follow_up: no open commitment of this partnership reads {texts}; "
                "saved as a draft, continue with: reflect resume {id}"
            ).format(
                texts=", ".join(repr(given[key][2]) for key in sorted(unmatched)), id=session.id
            )
        )
    if not pending:
        return
    people = {p.handle: p.name for s in history.sessions for p in s.participants}
    people.update(session.names())
    console.rule(
        _("Open commitments"),
        _("{count} from earlier meetings").format(count=len(pending)),
    )
    to_ask = []
    for action, origin in pending:
        if fold(action.text) in given:
            status, note, _typed = given[fold(action.text)]
            session.follow_up.append(_carried(action, origin, status, note or action.note))
        else:
            to_ask.append((action, origin))
    asked = 0
    while console.interactive and asked < len(to_ask):
        action, origin = to_ask[asked]
        left = len(to_ask) - asked
        console.say(describe(action, origin, people, today))
        answer = _ask_status(console, action, left)
        if answer is None:
            console.say(_("Kept as they are: {count} commitments.").format(count=left), "green")
            break
        session.follow_up.append(_carried(action, origin, *answer))
        save()
        asked += 1
    for action, origin in to_ask[asked:]:  # scripted, or "rest": as they stand
        session.follow_up.append(_carried(action, origin, action.status, action.note))
    if asked < len(pending):
        save()


def _carried(action: Action, origin: Session, status: CommitmentStatus, note: str) -> Action:
    return replace(action, status=status, note=note, origin=action.origin or origin.id)


def _ask_status(console: Console, action: Action, left: int) -> tuple[CommitmentStatus, str] | None:
    """The status and note given, or None for ``rest``: keep the ``left`` still to ask."""
    keep = _("[k]eep {status}").format(status=_(action.status))
    rest = _("; rest: keep all {count} left as they are").format(count=left) if left > 1 else ""
    while True:
        reply = console.ask(
            _("[d]one [i]n progress d[r]opped {keep}, + note{rest}?").format(keep=keep, rest=rest),
            "k",
        ).strip()
        if left > 1 and " ".join(reply.lower().split()) in _REST:
            return None
        for words in _IN_PROGRESS:
            if reply.lower().startswith(words):
                reply = "i" + reply[len(words) :]
        word, _sep, note = reply.partition(" ")
        word = word.lower().rstrip(":,")
        status = action.status if word in _KEEP else _STATUS_WORDS.get(word)
        if status is not None:
            return status, note.strip() or action.note
        console.say(
            _("Type d, i, r, k or o (open), then a note if you like: i halfway there")
            + (_("; rest keeps all those left as they are") if left > 1 else ""),
            "yellow",
        )
