"""The review at the end of a session: whose voices were heard, what is unanswered,
what was committed to."""

from __future__ import annotations

from reflect_cli import numbers
from reflect_cli.i18n.messages import _, ngettext
from reflect_cli.model import Session
from reflect_cli.session import voices
from reflect_cli.session.console import Console
from reflect_cli.session.questions import QuestionLoop


def review(console: Console, session: Session, loop: QuestionLoop) -> None:
    """Who spoke where, the unheard called out; unanswered questions offered again;
    the commitments."""
    while True:
        console.rule(_("Review"))
        voices.show(console, session)
        for line in voices.unheard_by_domain(session):
            console.say(line, "yellow")
        missing = [(i, item) for i, item in enumerate(loop.items) if not item.record.answered]
        if not missing:
            break
        # A table: a long question wraps beside its number, not under it.
        rows = [[f"{i + 1}.", item.question.prompt] for i, item in missing]
        console.table(["", ""], rows, title=_("Not answered:"))
        reply = console.ask(_("Number to answer it now, or Enter to finish")).strip()
        if not reply:
            break
        try:
            number = numbers.whole_number(reply)
        except numbers.NotAWholeNumber as exc:
            console.say(
                _("{problem}: type one of the numbers above, or press Enter.").format(problem=exc),
                "yellow",
            )
            continue
        if number is not None and any(i + 1 == number for i, _x in missing):
            loop.ask(number - 1)
        else:
            console.say(_("Type one of the numbers above, or press Enter."), "yellow")
    names = session.names()
    rows = [
        [a.text, names.get(a.owner, a.owner), a.due, f"{_(a.status)} ({when})"]
        for when, actions in ((_("earlier"), session.follow_up), (_("new"), session.actions))
        for a in actions
    ]
    if rows:
        headers = [_("commitment"), _("owner"), _("due"), _("status")]
        console.table(headers, rows, title=_("Commitments"))
    else:
        console.say(_("No commitments yet."), "dim")
    answered = ngettext(
        "{answered} of {count} question answered.",
        "{answered} of {count} questions answered.",
        session.question_count,
    )
    console.say(
        answered.format(answered=session.answered_count, count=session.question_count), "dim"
    )
