"""What the facilitator types, understood: answers of every kind, roster lines, credits,
and the commands that start a line (``/skip``, ``/action ...``).

Pure functions, no terminal: the same parsing serves typed input and answers files.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from reflect_cli import kinds
from reflect_cli.asked import recorded
from reflect_cli.errors import InputError
from reflect_cli.folding import fold
from reflect_cli.i18n.messages import N_, _
from reflect_cli.model import INTERPRETED, Action, Answer, Participant, Question, Sector
from reflect_cli.session import due_dates
from reflect_cli.session.people import ascii_word, find
from reflect_cli.speakers import speaker_word as speaker_word

COMMANDS = {  # the meanings are translated where shown (``_(meaning)``)
    "/skip": N_("leave this question unanswered and move on"),
    "/back": N_("go back to the previous question (its answer is shown; new lines are added)"),
    "/edit": N_("edit this answer in $VISUAL or $EDITOR"),
    "/action": N_("record a commitment: /action TEXT @handle due:DATE (2026-12-01, next friday)"),
    "/note": N_("a private facilitator note (never exported unless asked for)"),
    "/round": N_("each person rates this question: /round, or /round anonymous"),
    "/who": N_("who has spoken so far"),
    "/as": N_("credit every following line to someone: /as HANDLE (an empty line ends it)"),
    "/join": N_(
        "someone arrives: /join Name | Organization | Role [| handle] [| interpreter: WHO]"
    ),
    "/leave": N_("someone leaves (their words stay credited): /leave HANDLE"),
    "/roster": N_("who is here, with handles"),
    "/handle": N_("the handle someone goes by: /handle WHO NEW (/handle nguyen lan)"),
    "/pause": N_("save and quit; continue later with reflect resume"),
    "/help": N_("this list"),
}
_HANDLE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


@dataclass(frozen=True)
class Command:
    """A command typed at the start of a line, with the rest of the line."""

    name: str
    argument: str = ""


def command_of(line: str) -> Command | str:
    """The command on a line, or the line as text (``//x`` is the literal text ``/x``)."""
    stripped = line.strip()
    if stripped.startswith("//"):
        return line.replace("//", "/", 1)
    if not stripped.startswith("/"):
        return line
    name, _sep, argument = stripped.partition(" ")
    name = name.lower()
    if name not in COMMANDS:
        raise InputError(
            _("unknown command {name}: type /help (start with // for a literal /)").format(
                name=name
            )
        )
    return Command(name, argument.strip())


def parse_answer(question: Question, text: str) -> Answer:
    """A typed value for a choice, multi, scale or yes-no question; InputError says why not.
    A choice read in a translation is recorded with the protocol's label."""
    return recorded(question, kinds.of(question.kind).parse(question, text))


def check_answer(question: Question, value: object) -> Answer:
    """An answer given as data (an answers file) for this question, or InputError."""
    return kinds.of(question.kind).check_given(question, value)


#: How a roster line says someone speaks through an interpreter: a field
#: ``interpreter: Ahmed Nur`` (or ``interpreter`` alone when no one is named).
_INTERPRETER = re.compile(r"^(?:interpreter|int[ée]rprete)\s*(?::\s*(.*))?$", re.IGNORECASE)


def participant_of(line: str, taken: set[str]) -> Participant:
    """``Name | Organization | Role [| handle [| sector]] [| interpreter: WHO]``; the
    handle defaults to the first name."""
    fields = [f.strip() for f in line.split("|")]
    interpreter = ""
    if len(fields) > 1 and (said := _INTERPRETER.match(fields[-1])):
        interpreter = (said[1] or "").strip() or INTERPRETED
        fields.pop()
    if not fields[0]:
        raise InputError(_("a participant needs a name: Name | Organization | Role"))
    if len(fields) > 5:
        raise InputError(_("too many fields: Name | Organization | Role | handle | sector"))
    name, organization, role, handle, sector = ([*fields, "", "", "", ""])[:5]
    person = participant(name, organization, role, handle, taken, sector_of(sector))
    person.interpreter = interpreter
    return person


def _plain(text: str) -> str:
    return " ".join(fold(text.replace("-", " ").replace("_", " ")).split())


def sector_of(text: str) -> Sector | None:
    """A sector as people type it: its name in any case, or the start of one
    (``comm`` is community organization); nothing typed is none."""
    typed = _plain(text)
    if not typed:
        return None
    # Its name in English (as stored) or in the reader's language ("escuela").
    names = [(s, _plain(s.value)) for s in Sector] + [(s, _plain(_(s.value))) for s in Sector]
    matches = list(dict.fromkeys(s for s, name in names if name == typed)) or list(
        dict.fromkeys(s for s, name in names if name.startswith(typed))
    )
    if len(matches) != 1:
        known = ", ".join(_(s.value) for s in Sector)
        raise InputError(
            _("sector {typed}: one of {known}").format(typed=repr(text.strip()), known=known)
        )
    return matches[0]


def participant(
    name: str,
    organization: str,
    role: str,
    handle: str,
    taken: set[str],
    sector: Sector | None = None,
) -> Participant:
    """A participant from its fields, kept exactly (a ``|`` in an organization too); the
    handle checked, or made from the first name. Every way someone is put on a roster
    (an answers file, ``-p``, "who is here", ``/join``) comes through here."""
    if not fold(name).strip():
        # Spaces, a no-break space or only invisible characters: no one could read the
        # name, and --redact, which folds names so, could never find the person in text.
        raise InputError(
            _("a participant needs a name: spaces or invisible characters alone are none")
        )
    handle = checked_handle(handle, taken) if handle else unique_handle(name, taken)
    return Participant(name, organization, role, handle, sector=sector)


def checked_handle(handle: str, taken: set[str]) -> str:
    """A handle as typed (``@Ana`` is ``ana``), refused when it is not one or is taken."""
    handle = handle.lower().lstrip("@")
    if not _HANDLE.match(handle):
        raise InputError(
            _("handle {handle}: use lower-case letters, digits, - or _").format(handle=repr(handle))
        )
    if handle in taken:
        raise InputError(_("handle {handle} is already taken").format(handle=repr(handle)))
    return handle


def unique_handle(name: str, taken: set[str]) -> str:
    """The first name in plain ASCII (``Seán`` → ``sean``); when taken, the first name
    and the whole family name (``analopez``: never a truncation such as ``anal``); then
    numbered. A name with no Latin letters gets ``p1``, ``p2``…"""
    words = [w for w in (ascii_word(w) for w in name.split()) if w]
    if not words:
        # A name with no Latin letters (김지민, فاطمة, 李雷): p1, p2… A word such as
        # "person" would be found, as the person, in reflect's own words of every
        # redacted export ("person-…" ids) and stop it for good.
        return next(f"p{n}" for n in range(1, 10_000) if f"p{n}" not in taken)
    candidates = [words[0]]
    if len(words) > 1:
        candidates.append(words[0] + words[-1])
    candidates += [f"{words[0]}{n}" for n in range(2, 1000)]
    return next(c for c in candidates if c not in taken)


def credits_of(text: str, people: list[Participant]) -> list[str]:
    """Handles credited in a text answer: lines that start ``handle:``, ``Full Name:``
    or a first name no one else on the roster has."""
    credited: list[str] = []
    for line in text.splitlines():
        word = speaker_word(line)
        person = find(people, word) if word else None
        if person is not None and person.handle not in credited:
            credited.append(person.handle)
    return credited


def action_of(argument: str, question: str = "", today: dt.date | None = None) -> Action:
    """``TEXT @owner due:DATE`` (owner and due optional) as an open commitment; the
    owner is a handle or, for someone outside the room, free text; a relative due date
    counts from ``today`` (the meeting's date)."""
    typed = action_parts(argument, question, today or dt.date.today())
    if typed.bad_due:
        due_dates.due_date(typed.bad_due, today or dt.date.today())  # raises, saying why
    return typed.action


@dataclass(frozen=True)
class TypedAction:
    """A commitment as typed: the action, its due date as typed (to say back the day it
    came to), and that text again when it is not a date (the action then has none yet)."""

    action: Action
    due_typed: str = ""
    bad_due: str = ""


def action_parts(argument: str, question: str, today: dt.date) -> TypedAction:
    """The commitment a line gives, its due date as typed, and that text when it is not
    a date (the commitment then has none yet): a bad date must not lose the rest."""
    owner, due, bad_due, words = "", "", "", []
    when: list[str] | None = None  # the words after due:, to the end of the line
    for word in argument.split():
        if word.startswith("@") and len(word) > 1:
            owner = word[1:].lower()
        elif when is None and word.lower().startswith("due:"):
            when = [word[4:]] if word[4:] else []
        elif when is not None:
            when.append(word)  # "due:next friday": never moved into the text
        else:
            words.append(word)
    typed_due = " ".join(when or []).strip().strip("\"'").strip()
    if typed_due:
        try:
            due = due_dates.due_date(typed_due, today)
        except InputError:
            bad_due = typed_due
    if not words:
        raise InputError(_("an action needs some text: /action TEXT @handle due:DATE"))
    action = Action(" ".join(words), owner=owner, due=due, question=question)
    return TypedAction(action, typed_due, bad_due)
