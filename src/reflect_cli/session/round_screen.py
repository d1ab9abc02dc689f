"""What the room sees of a round besides the prompts: what is being rated (on a cleared
screen), what a rating may be, and the result once everyone has had their turn."""

from __future__ import annotations

from reflect_cli.asked import read_record
from reflect_cli.i18n.messages import _
from reflect_cli.model import AnswerRecord, Kind, Question, Session
from reflect_cli.rounds import text as round_text
from reflect_cli.session.console import Console


def remind(console: Console, question: Question) -> None:
    """What is being rated, on the cleared screen: the prompt and the options."""
    console.say(question.prompt, "bold")
    if question.choices:
        options = "   ".join(f"{n}) {c.label}" for n, c in enumerate(question.choices, 1))
        console.say(f"  {options}")
    elif question.scale is not None:
        scale = question.scale
        points = [
            f"{p} {scale.labels[p]}" if p in scale.labels else str(p)
            for p in range(scale.min, scale.max + 1)
        ]
        console.say(
            "  " + " · ".join(points)
            if len(points) <= 11
            else "  " + _("{low} to {high}").format(low=scale.min, high=scale.max)
        )
    else:
        console.say("  " + _("yes or no"))


def accepted(question: Question) -> str:
    """What a rating of this question may be, without repeating what was typed."""
    if question.kind is Kind.SCALE and question.scale is not None:
        return _("Type a number from {low} to {high} or its label").format(
            low=question.scale.min, high=question.scale.max
        )
    if question.kind is Kind.YES_NO:
        return _("Type yes or no")
    return _("Type a choice's number or label")


def show_result(
    console: Console, session: Session, record: AnswerRecord, question: Question
) -> None:
    """The distribution, median, range and the divergence flag, for the room to see (an
    anonymous round with a single rating: only that there are too few to show)."""
    result = round_text.of_record(read_record(record), session.participants)
    labels = dict(question.scale.labels) if question.scale else {}
    console.say(round_text.headline(result, labels), "bold")
    for line in round_text.bar_chart(result, labels):
        console.say("  " + line)
    # Anonymous: an organization with one or two ratings would let the room (or the other
    # of the two) read a person's rating, so the analysis pools such ratings, or shows
    # the round overall only.
    if len(result.by_organization) > 1:
        for line in round_text.organization_lines(result):
            console.say("  " + line, "dim")
    if result.overall_only:
        console.say(f"  ({round_text.overall_note(result)})", "dim")
    if result.divergent:
        console.say(round_text.flag(result), "bold yellow")
