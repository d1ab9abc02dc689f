"""A text answer as lines, and what Ctrl-C (or a closed terminal) keeps of a line typed
but not entered: a line of text joins the answer marked ``[unfinished]``; a command, a
value or a named round's rating becomes a private note. Never an anonymous rating."""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from reflect_cli.i18n.messages import _
from reflect_cli.model import AnswerRecord, Note, Participant, RoundKind, Session
from reflect_cli.session import typed_lines
from reflect_cli.session.console import Console

#: The mark on a line that Ctrl-C or a closed terminal stopped before Enter.
UNFINISHED = "[unfinished]"


def lines_of(record: AnswerRecord) -> list[str]:
    """A text answer's lines (none when it has no text)."""
    return record.answer.split("\n") if isinstance(record.answer, str) and record.answer else []


def set_text(
    record: AnswerRecord, lines: list[str], people: list[Participant], in_progress: bool
) -> None:
    """The answer's text and the credits its ``handle:`` lines give."""
    text = "\n".join(lines)
    record.answer = text or None
    record.credits = typed_lines.credits_of(text, people)
    record.in_progress = in_progress and (bool(text) or record.round is not None)
    record.skipped = False


def keep_unfinished(
    console: Console,
    session: Session,
    record: AnswerRecord,
    multiline: bool,
    speaking: Participant | None,
    save: Callable[[], None],
) -> None:
    """The line typed at a question when Ctrl-C stopped it: text joins the answer marked
    ``[unfinished]`` (credited to ``/as``'s speaker); anything else (a command, a value)
    is kept as a private note. Saved before anything is said: the terminal may be gone."""
    typed = console.unfinished.strip()
    if not typed:
        return
    if multiline and not typed.startswith("/"):
        line = f"{typed} {UNFINISHED}"
        if speaking is not None and typed_lines.speaker_word(typed) is None:
            line = f"{speaking.handle}: {line}"
        set_text(record, [*lines_of(record), line], session.participants, in_progress=True)
        said = _("Kept the line you were typing in the answer, marked {mark}.").format(
            mark=UNFINISHED
        )
    else:
        session.notes.append(Note(_("typed, not entered: {typed}").format(typed=typed), record.id))
        said = _("Kept the line you were typing as a private note.")
    save()
    with contextlib.suppress(OSError):
        console.say(said, "yellow")


def keep_typed_rating(
    console: Console, session: Session, record: AnswerRecord, save: Callable[[], None]
) -> None:
    """A rating typed in a named round when Ctrl-C stopped it: a private note (an
    anonymous rating never is: no one may read it back)."""
    typed = console.unfinished.strip()
    if record.round is not RoundKind.NAMED or not typed:
        return
    session.notes.append(Note(_("typed, not entered: {typed}").format(typed=typed), record.id))
    save()
    with contextlib.suppress(OSError):
        console.say(
            _("Kept the rating you were typing ({typed}) as a private note.").format(typed=typed),
            "yellow",
        )
