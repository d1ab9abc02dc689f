"""Markdown summary (CommonMark, plus tables): one session or many, user text escaped."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from reflect_cli import kinds
from reflect_cli.i18n.messages import _
from reflect_cli.model import CommitmentStatus, Session, has_answer
from reflect_cli.render.export.base import Options, batched
from reflect_cli.render.export.summary import PARTICIPATION, Summary, build
from reflect_cli.render.export.summary_text import (
    intro_steps,
    people,
    session_table,
    sessions_count,
    title_of,
)
from reflect_cli.render.markdown import block, inline, round_lines
from reflect_cli.rounds.analysis import number


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def render(sessions: Iterable[Session], options: Options) -> Iterator[str]:
    """The document, in chunks."""
    return batched(_single_blanks(_lines(build(list(sessions), options.earlier), options)))


def _single_blanks(lines: Iterable[str]) -> Iterator[str]:
    blank = False
    for line in lines:
        if not (blank and line == ""):
            yield line
        blank = line == ""


def _lines(summary: Summary, options: Options) -> Iterator[str]:
    yield f"# {inline(title_of(summary))}"
    yield ""
    if options.notice:
        yield from (f"> {inline(options.notice)}", "")
    yield from _sessions(summary)
    present, absent = people(summary)
    yield from ("", "## " + _("Who took part"), "")
    yield from (f"- {inline(p)}" for p in present)
    if absent:
        yield from (
            "",
            _("Not present: {people}").format(people="; ".join(inline(p) for p in absent)),
        )
    yield from _domains(summary)
    yield from _over_time(summary)
    yield from _rounds_over_time(summary)
    yield from _commitments(summary)
    yield from ("", "## " + _("Participation"), "", _(PARTICIPATION), "")
    yield _row([_("Organization"), _("Times heard")])
    yield _row(["---", "---"])
    yield from (_row([inline(org), str(count)]) for org, count in summary.participation)
    if options.include_private:
        yield from ("", "## " + _("Private notes"), "")
        yield from (
            f"- {inline(s.date)}, {inline(n.question)}: {inline(n.text)}" for s, n in summary.notes
        )
    for source in summary.sources:
        yield from ("", "---", "", "_" + _("Source: {source}").format(source=inline(source)) + "_")


def _sessions(summary: Summary) -> Iterator[str]:
    first, last = summary.sessions[0], summary.sessions[-1]
    if summary.single:
        where = first.site or _("no site given")
        yield f"{inline(first.collaborative)}, {inline(where)}, {inline(first.date)}"
        yield ""
        details = [(_("Status"), _(first.status)), (_("Facilitator"), first.facilitator)]
        details += [(_("Before the questions"), "; ".join(intro_steps(first)))]
        yield from (f"- {label}: {inline(value)}" for label, value in details if value)
        return
    count = sessions_count(len(summary.sessions))
    yield _("{count}, {first} to {last}").format(
        count=count, first=inline(first.date), last=inline(last.date)
    )
    yield ""
    headers, rows = session_table(summary)
    yield _row(headers)
    yield _row(["---"] * len(headers))
    yield from (_row([inline(c) for c in row]) for row in rows)


def _domains(summary: Summary) -> Iterator[str]:
    # Each session's heading and names, escaped once rather than for every answer.
    when = {
        id(s): "" if summary.single else f"**{inline(s.date)}** ({inline(s.collaborative)}): "
        for s in summary.sessions
    }
    voices_of = {
        id(s): {p.handle: inline(p.name) for p in s.participants} for s in summary.sessions
    }
    for domain in summary.domains:
        yield from ("", f"## {inline(domain.title)}", "")
        for question in domain.questions:
            yield from (f"### {inline(question.prompt)}", "")
            answered = False
            for session, record in question.answers:
                rounds = round_lines(record, session.participants)
                if rounds:
                    rounds[0] = when[id(session)] + rounds[0]
                    yield from rounds
                    answered = True
                if not has_answer(record.answer):
                    continue
                answered = True
                named = voices_of[id(session)]
                voices = ", ".join(named.get(c) or inline(c) for c in record.credits)
                if isinstance(record.answer, list):  # multi: one bullet per label
                    yield from ((when[id(session)].rstrip(), "") if when[id(session)] else ())
                    yield from (f"- {inline(label)}" for label in kinds.items(record))
                    yield from (
                        ["\n_" + _("Voices: {voices}").format(voices=voices) + "_"]
                        if voices
                        else []
                    )
                    yield ""
                    continue
                credit = (
                    "\\\n_" + _("Voices: {voices}").format(voices=voices) + "_" if voices else ""
                )
                yield from (f"{when[id(session)]}{block(kinds.shown(record))}{credit}", "")
            if not answered:
                yield from ("_" + _("Not answered.") + "_", "")


def _over_time(summary: Summary) -> Iterator[str]:
    for table in summary.over_time:
        yield from (
            "## "
            + _("Over time")
            + ("" if len(summary.over_time) == 1 else f": {inline(table.protocol)}"),
            "",
        )
        yield from (f"{n}. {inline(q.prompt)}" for n, q in enumerate(table.questions, 1))
        yield ""
        numbers = [_("Q{n}").format(n=n) for n in range(1, len(table.questions) + 1)]
        yield _row([_("Date"), _("Collaborative"), *numbers])
        yield _row(["---"] * (2 + len(numbers)))
        for session in table.sessions:
            cells = [inline(q.cell_in(session)) for q in table.questions]
            yield _row([inline(session.date), inline(session.collaborative), *cells])
        yield ""


def _rounds_over_time(summary: Summary) -> Iterator[str]:
    """Each round question's result in each session: median and range, or counts."""
    if summary.single or not summary.rounds:
        return
    yield from ("## " + _("Ratings over time"), "")
    for question in summary.rounds:
        yield from (f"### {inline(question.prompt)}", "")
        held = question.rounds()
        if held[0][1].is_scale:
            yield _row(
                [_("Date"), _("Collaborative"), "n", _("Median"), _("Range"), _("Partners differ")]
            )
            yield _row(["---"] * 6)
            for session, result in held:
                spread = f"{result.min}–{result.max}" if result.min is not None else "·"
                cells = [session.date, session.collaborative, str(result.n)]
                cells += [number(result.median), spread, _("yes") if result.divergent else ""]
                yield _row([inline(c) for c in cells])
        else:
            # Every option any session counted (a withheld round counts none).
            options = list(dict.fromkeys(o for _x, r in held for o in r.counts))
            yield _row(
                [
                    _("Date"),
                    _("Collaborative"),
                    "n",
                    *(inline(o) for o in options),
                    _("Partners differ"),
                ]
            )
            yield _row(["---"] * (4 + len(options)))
            for session, result in held:
                counts = ["·" if result.withheld else str(result.counts.get(o, 0)) for o in options]
                cells = [session.date, session.collaborative, str(result.n), *counts]
                yield _row([*(inline(c) for c in cells), _("yes") if result.divergent else ""])
        yield ""


def _commitments(summary: Summary) -> Iterator[str]:
    yield from ("", "## " + _("Commitments"), "")
    for c in summary.commitments:
        owner = c.owner()
        details = [
            _("owner: {owner}").format(owner=inline(owner)) if owner else "",
            _("due {date}").format(date=inline(c.action.due)) if c.action.due else "",
            _("made {date}").format(date=inline(c.made)),
            _("{status} as of {date}").format(status=inline(_(c.status)), date=inline(c.as_of)),
            _("note: {note}").format(note=inline(c.note)) if c.note else "",
        ]
        said = f"({'; '.join(d for d in details if d)})"
        if c.status is CommitmentStatus.DROPPED:  # no box: neither done nor owed
            yield f"- ~~{inline(c.action.text)}~~ {said}"
            continue
        box = "x" if c.status is CommitmentStatus.DONE else " "
        yield f"- [{box}] {inline(c.action.text)} {said}"
    if not summary.commitments:
        yield "_" + _("No commitments recorded.") + "_"
