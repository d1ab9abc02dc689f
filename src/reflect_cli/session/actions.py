"""``/action``: a commitment typed during the meeting, stored and said back exactly."""

from __future__ import annotations

from collections.abc import Callable

from reflect_cli import kinds
from reflect_cli.model import Session
from reflect_cli.session import typed_lines
from reflect_cli.session.console import Console


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
    action = typed_lines.action_of(argument, question)
    names = session.names()
    if action.owner and action.owner not in names:
        reply = console.ask(
            f"No one here has the handle @{action.owner}: record {action.owner!r} as an "
            "owner outside the room? [y/N]"
        )
        if reply.strip().lower() not in kinds.YES:
            console.say("Not recorded: retype it with a handle (/roster lists them).")
            return
    session.actions.append(action)
    save()
    owner = names.get(action.owner, action.owner) or "no owner"
    due = f", due {action.due}" if action.due else ", no due date"
    console.say(f"Commitment recorded: {action.text} — {owner}{due}", "green")
