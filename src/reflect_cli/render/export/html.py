"""HTML summary: one self-contained page, no script, printable.

Every piece of user text goes through ``html.escape``; the Content-Security-Policy
forbids scripts and every external request, so even a missed escape could run nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from html import escape

from reflect_cli import kinds
from reflect_cli.controls import visible
from reflect_cli.i18n.messages import _
from reflect_cli.model import AnswerRecord, CommitmentStatus, Session, has_answer
from reflect_cli.render.export import round_svg
from reflect_cli.render.export.base import Options, batched
from reflect_cli.render.export.html_style import CSP, CSS
from reflect_cli.render.export.summary import (
    PARTICIPATION,
    QuestionAnswers,
    Summary,
    build,
    round_of,
)
from reflect_cli.render.export.summary_text import (
    intro_steps,
    people,
    session_table,
    sessions_count,
    title_of,
)
from reflect_cli.rounds import text as round_text
from reflect_cli.rounds.analysis import number


def _e(text: object) -> str:
    return escape(visible(str(text)), quote=True)


def _chart(participation: list[tuple[str, int]]) -> str:
    """A horizontal bar chart of how often each organization was heard, as inline SVG."""
    if not participation:
        return ""
    top = max(count for _x, count in participation) or 1
    row, label_width, bar_width = 26, 260, 300
    height = row * len(participation) + 10
    width = label_width + bar_width + 60
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="{width}" '
        f'height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-label="{_e(_(PARTICIPATION))}">'
    ]
    for index, (organization, count) in enumerate(participation):
        y = index * row + 5
        width = round(bar_width * count / top)
        parts.append(
            f'<text x="0" y="{y + 16}" font-size="13" direction="ltr" unicode-bidi="plaintext">'
            f"{_e(organization[:40])}</text>"
        )
        parts.append(
            f'<rect x="{label_width}" y="{y + 3}" width="{width}" height="16" fill="#2a6f97"/>'
        )
        parts.append(
            f'<text x="{label_width + width + 6}" y="{y + 16}" font-size="13">{count}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _answer(summary: Summary, session: Session, record: AnswerRecord) -> str:
    when = (
        ""
        if summary.single
        else f'<div class="when">{_e(session.date)} · {_e(session.collaborative)}</div>'
    )
    if isinstance(record.answer, list):  # multi: labels may hold commas, one item each
        body = '<ul class="chosen">' + "".join(f"<li>{_e(x)}</li>" for x in record.answer)
        body += "</ul>"
    else:
        body = "".join(f"<p>{_e(line)}</p>" for line in kinds.shown(record).splitlines())
    voices = ", ".join(_e(session.names().get(c, c)) for c in record.credits)
    said = _e(_("Voices: {voices}")).replace("{voices}", voices)
    credit = f'<div class="voices">{said}</div>' if voices else ""
    return f'<div class="answer" dir="auto">{when}{body}{credit}</div>'


def _round(summary: Summary, session: Session, record: AnswerRecord, marks: round_svg.Marks) -> str:
    """A round's result: headline, dot plot, each organization, and the flag."""
    result = round_of(session, record)
    if result is None:
        return ""
    labels = round_text.scale_labels(record)
    when = "" if summary.single else f"{_e(session.date)} · {_e(session.collaborative)} · "
    parts = [
        '<div class="round">',
        '<p class="headline"><strong>'
        + _e(_("Round ({kind}):").format(kind=_(record.round or "")))
        + f"</strong> {when}"
        + f"{_e(round_text.headline(result, labels))}</p>",
    ]
    if result.n and not result.withheld:
        parts.append(round_svg.dot_plot(record, session.participants, result, record.prompt, marks))
    if len(result.by_organization) > 1:
        lines = round_text.organization_lines(result)
        parts.append("<ul>" + "".join(f"<li>{_e(line)}</li>" for line in lines) + "</ul>")
    if result.overall_only:
        parts.append(f'<p class="overall">{_e(round_text.overall_note(result))}</p>')
    if result.divergent:
        parts.append(f'<p class="differ">⚑ {_e(round_text.flag(result))}</p>')
    parts.append("</div>")
    return "".join(parts)


def _rounds_over_time(summary: Summary) -> Iterator[str]:
    if summary.single or not summary.rounds:
        return
    yield "<h2>" + _e(_("Ratings over time")) + "</h2>"
    for question in summary.rounds:
        held = question.rounds()
        yield f"<h3>{_e(question.prompt)}</h3>"
        if held[0][1].is_scale:
            low, high = question.scale_range
            dated = [(s.date, r) for s, r in held]
            yield round_svg.median_line(dated, low, high, question.prompt)
            yield (
                "<table><thead><tr><th>" + _e(_("Date")) + "</th><th>n</th>"
                "<th>" + _e(_("Median")) + "</th><th>" + _e(_("Range")) + "</th>"
                "<th></th></tr></thead><tbody>"
            )
            for session, result in held:
                spread = f"{result.min}–{result.max}" if result.min is not None else "·"
                flag = _e(_("partners see this differently")) if result.divergent else ""
                yield (
                    f"<tr><td>{_e(session.date)}</td><td>{result.n}</td>"
                    f"<td>{_e(number(result.median))}</td><td>{_e(spread)}</td>"
                    f"<td>{flag}</td></tr>"
                )
        else:
            # Every option any session counted (a withheld round counts none).
            options = list(dict.fromkeys(o for _x, r in held for o in r.counts))
            yield (
                "<table><thead><tr><th>"
                + _e(_("Date"))
                + "</th><th>n</th>"
                + "".join(f"<th>{_e(o)}</th>" for o in options)
                + "<th></th></tr></thead><tbody>"
            )
            for session, result in held:
                flag = _e(_("partners see this differently")) if result.divergent else ""
                yield (
                    f"<tr><td>{_e(session.date)}</td><td>{result.n}</td>"
                    + "".join(
                        f"<td>{'·' if result.withheld else result.counts.get(o, 0)}</td>"
                        for o in options
                    )
                    + f"<td>{flag}</td></tr>"
                )
        yield "</tbody></table>"


def _table(
    headers: list[str], rows: Iterable[Sequence[str | list[str]]], css: str = ""
) -> Iterator[str]:
    """A table of user text whose header row repeats on every printed page; a cell that
    is a list (multi-choice labels) has one label a line."""
    yield f"<table{css}><thead><tr>" + "".join(f"<th>{_e(h)}</th>" for h in headers)
    yield "</tr></thead><tbody>"
    yield from ("<tr>" + "".join(f"<td>{_cell(c)}</td>" for c in row) + "</tr>" for row in rows)
    yield "</tbody></table>"


def _cell(value: str | list[str]) -> str:
    if isinstance(value, list):
        return '<ul class="cell">' + "".join(f"<li>{_e(x)}</li>" for x in value) + "</ul>"
    return _e(value)


def _over_time_cell(question: QuestionAnswers, session: Session) -> str | list[str]:
    """A cell over time: multi-choice labels as a list (labels that wrap stay apart)."""
    record = question.record_in(session)
    if record is not None and not record.round and isinstance(record.answer, list):
        return list(record.answer) or question.cell_in(session)
    return question.cell_in(session)


def render(sessions: Iterable[Session], options: Options) -> Iterator[str]:
    """The page, in chunks."""
    return batched(_page(build(list(sessions), options.earlier), options))


def _page(summary: Summary, options: Options) -> Iterator[str]:
    yield from [
        "<!DOCTYPE html>",
        f'<html lang="{_e(options.language or "en")}"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title_of(summary))}</title><style>{CSS}</style></head><body>",
        f"<h1>{_e(title_of(summary))}</h1>",
    ]
    if options.notice:
        yield f'<p class="notice">{_e(options.notice)}</p>'
    yield from _sessions(summary)
    present, absent = people(summary)
    yield (
        "<h2>"
        + _e(_("Who took part"))
        + "</h2><ul>"
        + "".join(f'<li dir="auto">{_e(p)}</li>' for p in present)
        + "</ul>"
    )
    if absent:
        not_there = _e(_("Not present: {people}").format(people="; ".join(absent)))
        yield f'<p class="meta" dir="auto">{not_there}</p>'
    # Each organization's colour and letter, once for the whole export: every plot agrees.
    marks = round_svg.Marks(
        org for q in summary.rounds for _x, result in q.rounds() for org in result.by_organization
    )
    for domain in summary.domains:
        yield (f"<h2>{_e(domain.title)}</h2>")
        for question in domain.questions:
            yield (f"<h3>{_e(question.prompt)}</h3>")
            given = [
                (s, r)
                for s, r in question.answers
                if has_answer(r.answer) or round_text.has_round(r)
            ]
            for session, record in given:
                yield _round(summary, session, record, marks)
                if has_answer(record.answer):
                    yield _answer(summary, session, record)
            if not given:
                yield '<p class="unanswered">' + _e(_("Not answered.")) + "</p>"
    for table in summary.over_time:
        suffix = "" if len(summary.over_time) == 1 else f": {table.protocol}"
        yield "<h2>" + _e(_("Over time")) + f"{_e(suffix)}</h2><ol>"
        yield from (f"<li>{_e(q.prompt)}</li>" for q in table.questions)
        yield "</ol>"
        numbers = [_("Q{n}").format(n=n) for n in range(1, len(table.questions) + 1)]
        rows = (
            [s.date, s.collaborative, *(_over_time_cell(q, s) for q in table.questions)]
            for s in table.sessions
        )
        headers = [_("Date"), _("Collaborative"), *numbers]
        yield from _table(headers, rows, ' class="over-time"')
    yield from _rounds_over_time(summary)
    yield from _commitments(summary)
    yield "<h2>" + _e(_("Participation")) + f'</h2><p class="meta">{_e(_(PARTICIPATION))}</p>'
    yield _chart(summary.participation)
    if options.include_private and summary.notes:
        yield "<h2>" + _e(_("Private notes")) + '</h2><div class="private"><ul>'
        yield from [
            f'<li dir="auto">{_e(s.date)}, {_e(n.question)}: {_e(n.text)}</li>'
            for s, n in summary.notes
        ]
        yield ("</ul></div>")
    yield from [
        "<footer><p>" + _e(_("Source: {source}").format(source=source)) + "</p></footer>"
        for source in summary.sources
    ]
    yield "</body></html>"


def _sessions(summary: Summary) -> Iterator[str]:
    first, last = summary.sessions[0], summary.sessions[-1]
    if summary.single:
        yield f'<p class="meta">{_e(first.collaborative)} · {_e(first.site)} · {_e(first.date)}</p>'
        details = [(_("Status"), _(first.status)), (_("Facilitator"), first.facilitator)]
        details += [(_("Before the questions"), "; ".join(intro_steps(first)))]
        yield (
            '<ul class="meta">'
            + "".join(f"<li>{_e(label)}: {_e(value)}</li>" for label, value in details if value)
            + "</ul>"
        )
        return
    count = sessions_count(len(summary.sessions))
    span = _("{count}, {first} to {last}").format(count=count, first=first.date, last=last.date)
    yield f'<p class="meta">{_e(span)}</p>'
    yield from _table(*session_table(summary))


def _commitments(summary: Summary) -> Iterator[str]:
    yield "<h2>" + _e(_("Commitments")) + '</h2><ul class="commitments">'
    for c in summary.commitments:
        owner = c.owner()
        details = "; ".join(
            x
            for x in (
                _("owner: {owner}").format(owner=owner) if owner else "",
                _("due {date}").format(date=c.action.due) if c.action.due else "",
                _("made {date}").format(date=c.made),
                _("{status} as of {date}").format(status=_(c.status), date=c.as_of),
                _("note: {note}").format(note=c.note) if c.note else "",
            )
            if x
        )
        css = {CommitmentStatus.DONE: ' class="done"', CommitmentStatus.DROPPED: ' class="dropped"'}
        text = _e(c.action.text)
        text = f"<del>{text}</del>" if c.status is CommitmentStatus.DROPPED else text
        yield (
            f'<li{css.get(c.status, "")} dir="auto">{text} '
            f'<span class="meta">({_e(details)})</span></li>'
        )
    yield (
        "</ul>"
        + (
            ""
            if summary.commitments
            else '<p class="unanswered">' + _e(_("No commitments recorded.")) + "</p>"
        )
    )
