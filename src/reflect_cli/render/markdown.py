"""Markdown: escaping user text, and the rendering written beside every record.

User text can never change the document's structure: every character that CommonMark
treats as markup is backslash-escaped, block markers at the start of a line (``#``,
``>``, ``-``, ``1.``, ``---``) are neutralised, and raw HTML is escaped as text. Control
characters are shown as escapes (``controls.visible``: ESC as ``\\x1b``), so a file
printed with ``cat`` cannot take over the terminal.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from reflect_cli import kinds
from reflect_cli.controls import visible
from reflect_cli.model import Action, AnswerRecord, CommitmentStatus, Participant, Session
from reflect_cli.rounds import text as round_text

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
    handle = f" (handle {inline(person.handle)})" if person.handle else ""
    # As `reflect show` says it: "left" was here, "not present" was not in the room.
    moments = session.came_and_went(person) if person.present else ""
    state = " — left" if person.left and not person.left_at else ""
    state = state if person.present else " — not present"
    state += f" — {inline(moments)}" if moments else ""
    return f"- **{inline(person.name)}**" + (f", {details}" if details else "") + handle + state


def action_item(action: Action, names: dict[str, str]) -> str:
    """A commitment as a task-list item."""
    box = "x" if action.status is CommitmentStatus.DONE else " "
    owner = names.get(action.owner, action.owner)
    details = [
        f"owner: {inline(owner)}" if owner else "",
        f"due {inline(action.due)}" if action.due else "",
    ]
    if action.status not in (CommitmentStatus.OPEN, CommitmentStatus.DONE):
        details.append(inline(action.status))
    if action.note:  # the follow-up's status note ("sent by email on Nov 2")
        details.append(f"note: {inline(action.note)}")
    tail = "; ".join(d for d in details if d)
    return f"- [{box}] {inline(action.text)}" + (f" ({tail})" if tail else "")


def round_lines(record: AnswerRecord, people: list[Participant]) -> list[str]:
    """A round question's result: counts, median, range, each organization, the flag.
    No one's name: the individual ratings are only in the record (and CSV/JSON)."""
    if not record.round or not record.rated:
        return []
    result = round_text.of_record(record, people)
    labels = round_text.scale_labels(record)
    out = [f"**Round ({record.round}):** {inline(round_text.headline(result, labels))}"]
    if result.is_scale and result.n and not result.withheld:
        out[0] += "\\\n" + f"Ratings: {inline(round_text.distribution(result, labels))}"
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
    """The Markdown rendering of one record: no private notes, ever."""
    names = session.names()
    out = [f"# {inline(session.protocol.title)}: {inline(session.collaborative)}", ""]
    out += table(
        [
            ("Session", session.id),
            ("Date", session.date),
            ("Site", session.site),
            ("Facilitator", session.facilitator),
            ("Protocol", f"{session.protocol.id} (version {session.protocol.version})"),
            ("Status", session.status),
            ("Answered", f"{session.answered_count} of {session.question_count}"),
        ]
    )
    out += ["", "## Participants", ""]
    out += [_person(p, session) for p in session.participants] or ["_No participants recorded._"]
    if session.follow_up:
        out += ["", "## Earlier commitments", ""]
        out += [action_item(a, names) for a in session.follow_up]
    for domain in session.domains:
        out += ["", f"## {inline(domain.title)}"]
        for question in domain.questions:
            out += ["", f"### {inline(question.prompt)}", ""]
            out += round_lines(question, session.participants)
            shown = kinds.shown(question)  # "3 of 5 — Partly"
            if question.rated and not shown:
                out.pop()  # the round is the answer; no discussion was recorded
            elif question.skipped and not shown:
                out.append("_Skipped._")
            elif not shown:
                out.append("_Not answered yet._")
            elif isinstance(question.answer, list):  # labels may hold commas: one each
                out += [f"- {inline(label)}" for label in question.answer]
            else:
                out.append(block(shown))
            if question.credits:
                voices = ", ".join(inline(names.get(c, c)) for c in question.credits)
                out += ["", f"_Voices: {voices}_"]
    out += ["", "## Commitments", ""]
    out += [action_item(a, names) for a in session.actions] or ["_No commitments recorded._"]
    if session.protocol.source:
        out += ["", "---", "", f"_Source: {inline(session.protocol.source)}_"]
    return "\n".join(out) + "\n"
