"""Markdown summary (CommonMark, plus tables): one session or many, user text escaped."""

from __future__ import annotations

from reflect_cli.export import Options
from reflect_cli.export.summary import Summary, build
from reflect_cli.markdown import answer_text, block, inline
from reflect_cli.model import Session


def title_of(summary: Summary) -> str:
    if summary.single:
        only = summary.sessions[0]
        return f"{only.protocol.title}: {only.collaborative}"
    return "Partnership reflection summary"


def names(session: Session) -> dict[str, str]:
    return {p.handle: p.name for p in session.participants}


def people(summary: Summary) -> list[str]:
    """Who took part: name (unless redacted), organization and role, once each."""
    seen: dict[str, str] = {}
    for session in summary.sessions:
        for person in session.participants:
            details = ", ".join(x for x in (person.organization, person.role) if x)
            shown = (
                person.name
                if person.name == person.label or not details
                else f"{person.name}, {details}"
            )
            seen.setdefault(shown.casefold(), shown)
    return list(seen.values())


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def render(sessions: list[Session], options: Options) -> str:
    summary = build(sessions)
    out = [f"# {inline(title_of(summary))}", ""]
    first, last = summary.sessions[0], summary.sessions[-1]
    if summary.single:
        out += [
            f"{inline(first.collaborative)}, {inline(first.site or 'no site given')}, "
            f"{inline(first.date)}",
            "",
        ]
    else:
        out += [
            f"{len(summary.sessions)} sessions, {inline(first.date)} to {inline(last.date)}",
            "",
        ]
        out += [_row(["Date", "Collaborative", "Site", "Protocol", "Status"]), _row(["---"] * 5)]
        out += [
            _row(
                [
                    inline(s.date),
                    inline(s.collaborative),
                    inline(s.site),
                    inline(s.protocol.id),
                    s.status,
                ]
            )
            for s in summary.sessions
        ]
        out.append("")
    out += ["## Who took part", ""] + [f"- {inline(p)}" for p in people(summary)]
    for domain in summary.domains:
        out += ["", f"## {inline(domain.title)}", ""]
        for question in domain.questions:
            out += [f"### {inline(question.prompt)}", ""]
            given = [(s, r) for s, r in question.answers if answer_text(r.answer)]
            if not given:
                out += ["_Not answered._", ""]
            for session, record in given:
                shown = block(answer_text(record.answer))
                when = (
                    ""
                    if summary.single
                    else f"**{inline(session.date)}** ({inline(session.collaborative)}): "
                )
                voices = ", ".join(inline(names(session).get(c, c)) for c in record.credits)
                out += [f"{when}{shown}" + (f"\\\n_Voices: {voices}_" if voices else ""), ""]
    if summary.over_time and not summary.single:
        out += ["## Over time", ""]
        out += [f"{n}. {inline(q.prompt)}" for n, q in enumerate(summary.over_time, 1)] + [""]
        out.append(
            _row(
                ["Date", "Collaborative", *(f"Q{n}" for n in range(1, len(summary.over_time) + 1))]
            )
        )
        out.append(_row(["---"] * (2 + len(summary.over_time))))
        for session in summary.sessions:
            cells = []
            for question in summary.over_time:
                value = next((r.answer for s, r in question.answers if s is session), None)
                cells.append(inline(answer_text(value)) or "·")
            out.append(_row([inline(session.date), inline(session.collaborative), *cells]))
        out.append("")
    out += ["## Commitments", ""]
    for c in summary.commitments:
        owner = names(c.made_in).get(c.action.owner, c.action.owner)
        details = [
            f"owner: {inline(owner)}" if owner else "",
            f"due {inline(c.action.due)}" if c.action.due else "",
            f"made {inline(c.made_in.date)}",
            f"{inline(c.status)} as of {inline(c.as_of)}",
        ]
        box = "x" if c.status == "done" else " "
        out.append(f"- [{box}] {inline(c.action.text)} ({'; '.join(d for d in details if d)})")
    if not summary.commitments:
        out.append("_No commitments recorded._")
    out += [
        "",
        "## Participation",
        "",
        _row(["Organization", "Credited answers"]),
        _row(["---", "---"]),
    ]
    out += [_row([inline(org), str(count)]) for org, count in summary.participation]
    if options.include_private:
        out += ["", "## Private notes", ""]
        out += [
            f"- {inline(s.date)}, {inline(n.question)}: {inline(n.text)}" for s, n in summary.notes
        ]
    for source in summary.sources:
        out += ["", "---", "", f"_Source: {inline(source)}_"]
    return "\n".join(out).rstrip() + "\n"
