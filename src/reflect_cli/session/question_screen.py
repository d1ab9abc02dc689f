"""How a question is put to the room: its heading, prompt, help, choices and scale
legend (wrapping under their own text), what is answered so far, and the input hint."""

from __future__ import annotations

from reflect_cli import kinds
from reflect_cli.asked import read_record
from reflect_cli.i18n.messages import _
from reflect_cli.model import AnswerRecord, Kind, Question
from reflect_cli.session.console import Console


def show_question(console: Console, question: Question, title: str, progress: str) -> None:
    """The heading (``title`` with ``progress`` beside it), the prompt and its help, the
    choices, and a scale's legend."""
    console.rule(title, progress)
    console.say(question.prompt, "bold")
    if question.help:
        console.say(question.help, "dim")
    for number, choice in enumerate(question.choices, 1):
        help_text = f": {choice.help}" if choice.help else ""
        console.item(f"  {number}) ", choice.label + help_text)
    if question.scale:
        points = ", ".join(f"{k} = {v}" for k, v in sorted(question.scale.labels.items()))
        ends = "  " + _("{low} to {high}").format(low=question.scale.min, high=question.scale.max)
        if points:
            console.item(ends + " ", f"({points})")
        else:
            console.say(ends)


def show_so_far(console: Console, record: AnswerRecord, question: Question) -> None:
    """The answer as it stands (when there is one), then how to answer."""
    if record.answer not in (None, "", []):
        console.say(_("So far:"), "dim")
        console.say(kinds.answer_text(record.kind, read_record(record).answer))
    hint = _(kinds.of(question.kind).hint)
    if record.round:
        hint = _("the discussion, optional: empty line ends it; /help for commands")
    required = question.required and not record.rated  # a held round answers it
    required_note = _("; required") if required else ""
    console.say(f"({hint}{required_note})", "dim")


def prompt_of(question: Question) -> str:
    """``choice>``; a scale shows its ends: ``1 Not yet … 5 Fully>``."""
    scale = question.scale
    if question.kind != Kind.SCALE or scale is None:
        return f"{_(question.kind)}>"
    ends = [
        f"{p} {scale.labels[p]}" if p in scale.labels else str(p) for p in (scale.min, scale.max)
    ]
    return " … ".join(ends) + ">"
