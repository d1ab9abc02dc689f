"""``/action``: a commitment typed during the meeting, stored and said back exactly.

Nothing typed is lost: a due date that is not a date is asked for again, an owner no one
here has is confirmed or asked for again, and a Ctrl-C (or Ctrl-D) at one of those
questions keeps the commitment as typed, with a note of what was not confirmed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from reflect_cli import kinds
from reflect_cli.errors import InputError
from reflect_cli.i18n.messages import _
from reflect_cli.model import Action, Session
from reflect_cli.session import due_dates, typed_lines
from reflect_cli.session.console import Console
from reflect_cli.session.people import find


def record_action(
    console: Console,
    session: Session,
    argument: str,
    question: str,
    save: Callable[[], None],
) -> None:
    """Store a commitment (``TEXT @owner due:DATE``), save, and say exactly what was
    stored; an owner no one here has as a handle (``@district``) is kept as free text
    once confirmed."""
    today = meeting_day(session)
    typed = typed_lines.action_parts(argument, question, today)
    action, bad_due = typed.action, typed.bad_due
    names = session.names()
    # Everything not confirmed yet, so a stop at any question says all of it.
    unsure: list[str] = []
    owner_unsure = bool(action.owner) and action.owner not in names
    if owner_unsure:
        unsure.append(_("owner @{owner} not confirmed").format(owner=action.owner))
    if bad_due:
        unsure.append(_("due date typed as {typed}").format(typed=repr(bad_due)))
    try:
        if owner_unsure:
            action.owner = _confirm_owner(console, session, action.owner)
            unsure.pop(0)
        if bad_due:
            action.due = _ask_due(console, action, bad_due, today)
            unsure.pop()
    except (KeyboardInterrupt, EOFError):
        # Stopping mid-question keeps what was typed, saying what is still unsure.
        action.note = "; ".join(unsure)
        session.actions.append(action)
        save()
        console.say(
            _("Commitment kept as typed: {commitment} ({note})").format(
                commitment=_said(action, names), note=action.note
            ),
            "yellow",
        )
        raise
    session.actions.append(action)
    save()
    due_typed = "" if bad_due else typed.due_typed
    console.say(
        _("Commitment recorded: {commitment}").format(commitment=_said(action, names, due_typed)),
        "green",
    )


def meeting_day(session: Session) -> dt.date:
    """The day relative due dates count from: the meeting's own date."""
    try:
        return dt.date.fromisoformat(session.date)
    except ValueError:
        return dt.date.today()


def _said(action: Action, names: dict[str, str], due_typed: str = "") -> str:
    owner = names.get(action.owner, action.owner) or _("no owner")
    due = _(", no due date")
    if action.due:  # the day understood, with what was typed: a wrong guess shows
        said = due_dates.said(action.due, due_typed or action.due)
        due = _(", due {date}").format(date=said)
    return f"{action.text} — {owner}{due}"


def _ask_due(console: Console, action: Action, typed: str, today: dt.date) -> str:
    """The due date again, until it is a date (Enter: none); the day understood is said."""
    console.say(
        _("due:{typed} is not a date ({forms}).").format(typed=typed, forms=_(due_dates.FORMS)),
        "yellow",
    )
    while True:
        reply = console.ask(
            _("Due date for {commitment}? Enter for none").format(commitment=repr(action.text))
        ).strip()
        if not reply:
            return ""
        try:
            due = due_dates.due_date(reply.removeprefix("due:"), today)
        except InputError as exc:
            console.say(str(exc), "yellow")
            continue
        said = due_dates.said(due, reply.removeprefix("due:"))
        console.say(_("Due {date}.").format(date=said), "dim")
        return due


def _confirm_owner(console: Console, session: Session, owner: str) -> str:
    """``owner`` as someone outside the room once confirmed; else who, asked again: a
    handle or name of someone here, ``@name`` outside the room, Enter for no owner."""
    reply = console.ask(
        _(
            "No one here has the handle @{owner}: record {typed} as an owner outside the "
            "room? [y/N]"
        ).format(owner=owner, typed=repr(owner))
    )
    if kinds.yes_or_no(reply):
        return owner
    handles = ", ".join(p.handle for p in session.participants)
    console.say(_("Handles here: {handles}.").format(handles=handles or _("none yet")), "dim")
    while True:
        reply = console.ask(_("Owner? A handle, @name outside the room, Enter for none")).strip()
        if not reply:
            return ""
        person = find(session.participants, reply)
        if person is not None:
            return person.handle
        if reply.startswith("@") and len(reply) > 1:
            return reply[1:].lower()
        console.say(
            _("No one here is {typed}: a handle, @{word} for someone outside.").format(
                typed=repr(reply), word=reply
            ),
            "yellow",
        )
