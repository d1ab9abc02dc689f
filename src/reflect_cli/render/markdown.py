"""Markdown: escaping user text, and the rendering written beside every record.

User text can never change the document's structure: every character that CommonMark
treats as markup is backslash-escaped, block markers at the start of a line (``#``,
``>``, ``-``, ``1.``, ``---``) are neutralised, and raw HTML is escaped as text. Control
characters are shown as escapes (``controls.visible``: ESC as ``\\x1b``), so a file
printed with ``cat`` cannot take over the terminal.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from reflect_cli import kinds
from reflect_cli.asked import as_read, came_and_went
from reflect_cli.controls import visible
from reflect_cli.i18n.messages import _, speaking
from reflect_cli.model import (
    INTERPRETED,
    Action,
    AnswerRecord,
    CommitmentStatus,
    Participant,
    Session,
)
from reflect_cli.rounds import text as round_text
from reflect_cli.speakers import interpreter_shown

_INLINE = re.compile(r"([\\`*_\[\]<>|~&#])")
_LEADING = re.compile(r"^([+\-=]|\d+(?=[.)]))")  # list, setext and ordered-list markers


def inline(text: str) -> str:
    """One line of user text, safe anywhere inline (headings, list items, table cells)."""
    flat = visible(" ".join(text.split()))
    escaped = _INLINE.sub(r"\\\1", flat) if _INLINE.search(flat) else flat
    match = _LEADING.match(escaped)
    if match and match.group(1)[0].isdigit():
        end = match.end()
        return escaped[:end] + "\\" + escaped[end:]
    return "\\" + escaped if match else escaped


_ANY_LEADING = re.compile(r"^[+\-=\d]", re.MULTILINE)
_LEADING_MARK = re.compile(r"^([+\-=])", re.MULTILINE)
_LEADING_NUMBER = re.compile(r"^(\d+)([.)])", re.MULTILINE)


def block(text: str) -> str:
    """Multi-line user text as paragraphs: each typed line stays its own line.

    The same escaping as ``inline``, done over the whole text at once (answers are most
    of an export); leading spaces go, so no line can become indented code."""
    body = "\n".join(stripped for line in text.splitlines() if (stripped := line.strip()))
    body = visible(body)
    if _INLINE.search(body):
        body = _INLINE.sub(r"\\\1", body)
    if _ANY_LEADING.search(body):
        body = _LEADING_NUMBER.sub(r"\1\\\2", _LEADING_MARK.sub(r"\\\1", body))
    return body.replace("\n", "\\\n")  # a backslash before a newline is a hard line break


def _person(person: Participant, session: Session) -> str:
    details = ", ".join(inline(x) for x in (person.organization, person.role) if x)
    handle = _(" (handle {handle})").format(handle=inline(person.handle)) if person.handle else ""
    # As `reflect show` says it: "left" was here, "not present" was not in the room.
    moments = came_and_went(session, person) if person.present else ""
    state = _(" — left") if person.left and not person.left_at else ""
    state = state if person.present else _(" — not present")
    state += f" — {inline(moments)}" if moments else ""
    return (
        f"- **{inline(person.name)}**"
        + (f", {details}" if details else "")
        + handle
        + interpreted(person, session.participants, inline)
        + state
    )


def interpreted(
    person: Participant, people: Sequence[Participant], shown: Callable[[str], str]
) -> str:
    """ ", through an interpreter (Ahmed Nur)" for someone who speaks through one: by
    their name when they are on the roster (``people``), never their handle."""
    if not person.interpreter:
        return ""
    if person.interpreter == INTERPRETED:
        return _(", through an interpreter")
    return _(", through an interpreter ({interpreter})").format(
        interpreter=shown(interpreter_shown(person, people))
    )


def action_item(action: Action, names: dict[str, str]) -> str:
    """A commitment as a task-list item."""
    box = "x" if action.status is CommitmentStatus.DONE else " "
    owner = names.get(action.owner, action.owner)
    details = [
        _("owner: {owner}").format(owner=inline(owner)) if owner else "",
        _("due {date}").format(date=inline(action.due)) if action.due else "",
    ]
    if action.status not in (CommitmentStatus.OPEN, CommitmentStatus.DONE):
        details.append(inline(_(action.status)))
    if action.note:  # the follow-up's status note ("sent by email on Nov 2")
        details.append(_("note: {note}").format(note=inline(action.note)))
    tail = "; ".join(d for d in details if d)
    return f"- [{box}] {inline(action.text)}" + (f" ({tail})" if tail else "")


def round_lines(record: AnswerRecord, people: list[Participant]) -> list[str]:
    """A round question's result: counts, median, range, each organization, the flag.
    No one's name: the individual ratings are only in the record (and CSV/JSON)."""
    if not round_text.has_round(record):
        return []
    result = round_text.of_record(record, people)
    labels = round_text.scale_labels(record)
    kind = _("Round ({kind}):").format(kind=_(record.round or ""))
    out = [f"**{inline(kind)}** {inline(round_text.headline(result, labels))}"]
    if result.is_scale and result.n and not result.withheld:
        ratings = _("Ratings: {ratings}").format(ratings=round_text.distribution(result, labels))
        out[0] += "\\\n" + inline(ratings)
    out.append("")
    if len(result.by_organization) > 1:
        out += [f"- {inline(line)}" for line in round_text.organization_lines(result)]
        out.append("")
    if result.overall_only:
        out += [f"_{inline(round_text.overall_note(result))}_", ""]
    if result.divergent:
        out += [f"**⚑ {inline(round_text.flag(result))}**", ""]
    return out


def table(rows: Iterable[tuple[str, str]]) -> list[str]:
    """A two-column table of (label, user text)."""
    lines = ["| | |", "| --- | --- |"]
    lines += [f"| {label} | {inline(value)} |" for label, value in rows if value]
    return lines


def render_session(session: Session) -> str:
    """The Markdown rendering of one record, in the language it was asked in (its words
    and the protocol's text as the room read them): no private notes, ever."""
    with speaking(session.language):
        return _render(as_read(session))


def _render(session: Session) -> str:
    names = session.names()
    out = [f"# {inline(session.protocol.title)}: {inline(session.collaborative)}", ""]
    version = _("{protocol} (version {version})").format(
        protocol=session.protocol.id, version=session.protocol.version
    )
    answered = _("{answered} of {questions}").format(
        answered=session.answered_count, questions=session.question_count
    )
    out += table(
        [
            (_("Session"), session.id),
            (_("Date"), session.date),
            (_("Site"), session.site),
            (_("Facilitator"), session.facilitator),
            (_("Protocol"), version),
            (_("Status"), _(session.status)),
            (_("Answered"), answered),
        ]
    )
    out += ["", "## " + _("Participants"), ""]
    out += [_person(p, session) for p in session.participants] or [
        "_" + _("No participants recorded.") + "_"
    ]
    if session.follow_up:
        out += ["", "## " + _("Earlier commitments"), ""]
        out += [action_item(a, names) for a in session.follow_up]
    for domain in session.domains:
        out += ["", f"## {inline(domain.title)}"]
        for question in domain.questions:
            out += ["", f"### {inline(question.prompt)}", ""]
            out += round_lines(question, session.participants)
            shown = kinds.shown(question)  # "3 of 5 — Partly"
            if round_text.has_round(question) and not shown:
                out.pop()  # the round is the answer; no discussion was recorded
            elif question.skipped and not shown:
                out.append("_" + _("Skipped.") + "_")
            elif not shown:
                out.append("_" + _("Not answered yet.") + "_")
            elif isinstance(question.answer, list):  # labels may hold commas: one each
                out += [f"- {inline(label)}" for label in question.answer]
            else:
                out.append(block(shown))
            if question.credits:
                voices = ", ".join(inline(names.get(c, c)) for c in question.credits)
                out += ["", "_" + _("Voices: {voices}").format(voices=voices) + "_"]
    out += ["", "## " + _("Commitments"), ""]
    out += [action_item(a, names) for a in session.actions] or [
        "_" + _("No commitments recorded.") + "_"
    ]
    if session.protocol.source:
        source = _("Source: {source}").format(source=inline(session.protocol.source))
        out += ["", "---", "", f"_{source}_"]
    return "\n".join(out) + "\n"
