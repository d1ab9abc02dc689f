"""Rich views of sessions and search hits, on standard output; user text inert."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reflect_cli import kinds
from reflect_cli.asked import as_read, came_and_went
from reflect_cli.controls import json_safe
from reflect_cli.i18n.messages import N_, _, speaking
from reflect_cli.model import (
    INTERPRETED,
    Action,
    AnswerRecord,
    CommitmentStatus,
    Participant,
    RoundKind,
    Session,
)
from reflect_cli.rounds import text as round_text
from reflect_cli.rounds.analysis import option_label
from reflect_cli.speakers import interpreter_shown
from reflect_cli.ui import screen, terminal

if TYPE_CHECKING:
    from rich.console import Console

    from reflect_cli.records.search import Found, Hit


@dataclass(frozen=True)
class Later:
    """What a later meeting made of a commitment: its status there, the date of that
    meeting, and the note it was given."""

    status: CommitmentStatus
    on: str
    note: str = ""


def _status(action: Action, later: Later | None) -> str:
    """A commitment's status in this meeting, then what a later meeting changed it to."""
    shown = _(action.status) + (f": {action.note}" if action.note else "")
    if later is not None:
        shown += _("; later {status} on {date}").format(status=_(later.status), date=later.on)
        shown += f": {later.note}" if later.note else ""
    return shown


def show(
    session: Session,
    out: Console | None = None,
    later: Callable[[Action], Later | None] = lambda action: None,
    language: str = "",
) -> None:
    """The whole session: metadata, roster, answers, credits, commitments, private notes,
    in ``language`` (else the language it was asked in). ``later`` says what later
    meetings made of a commitment (else it shows as it was)."""
    with speaking(language or session.language):
        _show(as_read(session), out or terminal.console(piped_width=80), later)


def _show(session: Session, out: Console, later: Callable[[Action], Later | None]) -> None:
    names = session.names()
    out.print(terminal.text(f"{session.protocol.title}: {session.collaborative}", "bold"))
    # The id on a line of its own, never folded: it is copied into other commands.
    out.print(terminal.text(f"id {session.id}", "dim"), soft_wrap=True)
    answered = _("{answered} of {questions}").format(
        answered=session.answered_count, questions=session.question_count
    )
    rows = [
        [_("date"), session.date],
        [_("site"), session.site],
        [_("facilitator"), session.facilitator],
        [_("status"), _(session.status)],
        [_("answered"), answered],
        *([_("intro"), f"{step}: {_(status)}"] for step, status in session.intro.items()),
    ]
    terminal.table(["", ""], rows, out=out)
    terminal.table(
        [_("participant"), _("organization"), _("role"), _("handle"), ""],
        [
            [p.name, p.organization, p.role, p.handle, _state(p, session)]
            for p in session.participants
        ],
        caption=_("Participants"),
        out=out,
        keep=0,
    )
    for domain in session.domains:
        out.rule(terminal.text(domain.title, "bold cyan"))  # type: ignore[arg-type]
        for question in domain.questions:
            out.print(terminal.text(question.prompt, "bold"))
            held = _round(session, question, out)
            text = kinds.shown(question)
            state = _("skipped") if question.skipped else _("not answered")
            if isinstance(question.answer, list) and question.answer:
                for label in question.answer:  # labels may hold commas: one per line
                    out.print(terminal.text(f"• {label}"))
            elif text or not held:
                out.print(terminal.text(text or f"({state})", "" if text else "dim italic"))
            if question.credits:
                voices = ", ".join(names.get(c, c) for c in question.credits)
                out.print(terminal.text(_("Voices: {voices}").format(voices=voices), "dim"))
            for note in session.notes:
                if note.question == question.id:
                    out.print(terminal.text(_("[private note] ") + note.text, "yellow"))
            out.print()
    # The due date first and never folded ("2026-10-0" over "1" reads as another date).
    actions = [
        [a.due, a.text, names.get(a.owner, a.owner), _status(a, later(a))]
        for a in (*session.follow_up, *session.actions)
    ]
    if actions:
        terminal.table(
            [_("due"), _("commitment"), _("owner"), _("status")],
            actions,
            caption=_("Commitments"),
            out=out,
        )
    else:  # a header over nothing reads as a bug
        out.print(terminal.text(_("No commitments."), "dim"))
    loose = [n for n in session.notes if not session.find(n.question)]
    for note in loose:
        out.print(terminal.text(_("[private note] ") + note.text, "yellow"))


def _state(person: Participant, session: Session) -> str:
    """Blank for someone here from start to end; "left" (was here) is not "not present";
    when someone came late or left early, the question; who interprets for them."""
    if not person.present:
        state = _("not present")
    else:
        left = _("left") if person.left and not person.left_at else ""  # older: no question
        state = ", ".join(x for x in (left, came_and_went(session, person)) if x)
    if person.interpreter:
        through = _("through an interpreter")
        if person.interpreter != INTERPRETED:
            through = _("through an interpreter ({interpreter})").format(
                interpreter=interpreter_shown(person, session.participants)
            )
        state = f"{state}; {through}" if state else through
    return state


def _round(session: Session, question: AnswerRecord, out: Console) -> bool:
    """A round's result as the room saw it, and who rated what (named rounds only)."""
    if not question.round or not question.rated:
        return False
    names = session.names()
    result = round_text.of_record(question, session.participants)
    labels = round_text.scale_labels(question)
    kind = _("Round ({kind}):").format(kind=_(question.round))
    out.print(terminal.text(f"{kind} " + round_text.headline(result, labels)))
    for line in round_text.bar_chart(result, labels):
        out.print(terminal.text("  " + line))
    if len(result.by_organization) > 1:
        for line in round_text.organization_lines(result):
            out.print(terminal.text("  " + line, "dim"))
    if result.overall_only:
        out.print(terminal.text(f"  ({round_text.overall_note(result)})", "dim"))
    if result.divergent:
        out.print(terminal.text(round_text.flag(result), "bold yellow"))
    if question.round is RoundKind.NAMED:
        given = [
            f"{names.get(r.participant, r.participant)}: {option_label(r.value)}"
            for r in question.ratings
        ]
        given += [f"{names.get(h, h)}: " + _("passed") for h in question.passed_by]
        out.print(terminal.text(_("Ratings: {ratings}").format(ratings="; ".join(given)), "dim"))
    return True


def _lines(hit: Hit) -> list[tuple[str, list[tuple[int, int]]]]:
    """The lines of a hit's text that hold a match (all of a short text), with the match
    spans moved into each line."""
    lines, start = [], 0
    for line in hit.text.split("\n"):
        end = start + len(line)
        spans = [(max(a, start) - start, min(b, end) - start) for a, b in hit.spans]
        lines.append((line, [(a, b) for a, b in spans if b > a]))
        start = end + 1
    matching = [pair for pair in lines if pair[1]]
    return matching or lines[:1]


#: Where a hit was found, in the reader's words (the index and --json keep the English).
_WHERE = {
    "answer": N_("answer"),
    "commitment": N_("commitment"),
    "participant": N_("participant"),
    "note": N_("note"),
}


def hits(found: list[Hit], out: Console | None = None) -> None:
    """Search hits under their session: where each was found, matches highlighted."""
    from rich.text import Text

    out = out or terminal.console(soft_wrap=True)  # long lines as they are: fast and greppable
    page = Text()  # one print for all hits: Rich's cost is per print
    last = None
    for hit in found:
        if hit.file != last:
            # A draft's words may never have been agreed: said beside its id.
            draft = "  " + _("draft") if hit.status == "draft" else ""
            heading = terminal.visible(f"{hit.date}  {hit.session_id}") + draft
            page.append(heading + "\n", style="bold")
            last = hit.file
        where = f"  {_(_WHERE[hit.where])}" + (f" · {hit.place}" if hit.place else "")
        page.append(terminal.visible(where) + "\n", style="cyan")
        for line, spans in _lines(hit):
            shown = terminal.visible(line)
            start = len(page.plain) + 4
            page.append("    " + shown + "\n")
            if len(shown) == len(line):  # spans still line up after making text visible
                for begin, end in spans:
                    page.stylize("reverse", start + begin, start + end)
    if found:
        page.rstrip()
        out.print(page)


def _passages(hit: Hit) -> list[str]:
    """The addresses (SESSION/QUESTION/LINE) of the answer lines the matches are on: the
    passages `reflect code` and `codes report` name. Only answers hold passages."""
    from reflect_cli.coding.passages import Address, line_at
    from reflect_cli.records.rows import Where

    if hit.where is not Where.ANSWER or not hit.question:
        return []
    lines = dict.fromkeys(line_at(hit.text, start) for start, _end in hit.spans)
    return [str(Address(hit.session_id, hit.question, n)) for n in lines]


def hits_json(found: Found) -> None:
    """Hits as JSON on standard output, for scripts: the total and each hit."""
    import json

    hits = [
        {
            "session": h.session_id,
            "date": h.date,
            "status": h.status,
            "collaborative": h.collaborative,
            "site": h.site,
            "file": h.file,
            "where": str(h.where),
            "question": h.question,
            "place": h.place,
            "text": h.text,
            "matches": [list(span) for span in h.spans],
            "passages": _passages(h),
        }
        for h in found.hits
    ]
    document = json.dumps({"total": found.total, "hits": hits}, ensure_ascii=False, indent=2)
    screen.data(json_safe(document), "\n")
