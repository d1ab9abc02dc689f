"""Ratings as people give them: typed (a number, a label, a unique prefix; everyone at
once as ``mh 4, shana 3``) or from an answers file, and stored as a round keeps them:
named with the person's handle, anonymous with only their organization, in an order the
values decide (never the order of entry, and no generator to predict)."""

from __future__ import annotations

import bisect

from reflect_cli import numbers
from reflect_cli.errors import InputError
from reflect_cli.i18n.messages import _
from reflect_cli.model import AnswerRecord, Participant, Question, Rating, RoundKind, Session
from reflect_cli.rounds.analysis import RatingValue
from reflect_cli.session import typed_lines
from reflect_cli.session.credits import closest
from reflect_cli.speakers import interpreting


def present(session: Session) -> list[Participant]:
    """Who is in the room now, in roster order."""
    return [p for p in session.participants if p.here]


def raters(session: Session) -> list[Participant]:
    """Who is asked to rate in a round: everyone in the room but whoever is there to
    interpret for someone (the person they interpret for rates, through them)."""
    interpreters = interpreting(session.participants)
    return [p for p in present(session) if all(p is not i for i in interpreters)]


def rating_of(question: Question, text: str) -> RatingValue:
    """A rating typed as for the question itself: number, label or unique prefix."""
    answer = typed_lines.parse_answer(question, text.strip())
    assert isinstance(answer, int | str | bool)  # scale, choice and yes-no give one value
    return answer


def everyone_at_once(line: str, people: list[Participant]) -> dict[str, str] | None:
    """``mh 4, shana 3, ana pass`` as handle → typed value, or None when the line is not
    that shape (then it is one person's rating). A mistyped handle in such a line
    (``mh 4, shnaa 3``, or ``shnaa 3`` alone), or one given twice (``mh 2, mh 3``), is an
    InputError naming it."""
    handles = {p.handle.casefold(): p.handle for p in people}
    parts = [part.split(None, 1) for part in line.split(",")]
    if not all(len(words) == 2 for words in parts):
        return None
    keys = [words[0].casefold().rstrip(":") for words in parts]
    unknown = [key for key in keys if key not in handles]
    twice = next((key for n, key in enumerate(keys) if key in keys[:n]), None)
    if not unknown and twice is not None:  # a slip: which of the two was meant?
        raise InputError(
            _("{handle} is given twice in this line; type each person once").format(
                handle=handles[twice]
            )
        )
    if not unknown:
        return {handles[key]: words[1].strip() for key, words in zip(keys, parts, strict=True)}
    value = parts[0][1].strip().lower()
    if len(parts) > 1 or numbers.holds_number(value) or value in ("pass", "/pass"):
        suggestion = closest(unknown[0], people)
        hint = _(" — did you mean {handle}?").format(handle=suggestion.handle) if suggestion else ""
        here = ", ".join(p.handle for p in people)
        raise InputError(
            _("no one called {name} here{hint} (handles: {handles})").format(
                name=repr(unknown[0]), hint=hint, handles=here
            )
        )
    return None


def apply_ratings(
    record: AnswerRecord, ratings: dict[str, object], people: list[Participant]
) -> None:
    """Ratings given up front (an answers file): handle → value, None for a pass; stored
    anonymously (organization only, sorted) when the question's round is anonymous."""
    record.round = record.round or RoundKind.NAMED
    record.round_ended = True  # everyone's rating was given: the round is over
    organizations = {p.handle: p.organization for p in people}
    for handle, value in ratings.items():
        if value is None:
            record.passed += 1
            if record.round is RoundKind.NAMED:
                record.passed_by.append(handle)
        elif record.round is RoundKind.NAMED:
            record.ratings.append(Rating(_value(value), participant=handle))
        else:
            add_anonymous(record, Rating(_value(value), organization=organizations.get(handle, "")))


def add_anonymous(record: AnswerRecord, rating: Rating) -> None:
    """Put an anonymous rating in its sorted place: the list keeps no order of entry
    (and the record stores counts: ``records/round_codec.tally_dicts``)."""
    assert not rating.participant, "an anonymous rating never names anyone"
    bisect.insort(record.ratings, rating, key=anonymous_order)


def anonymous_order(rating: Rating) -> tuple[str, str]:
    """Where an anonymous rating sorts: by organization, then value."""
    return (rating.organization, str(rating.value))


def _value(value: object) -> RatingValue:
    assert isinstance(value, int | str | bool)  # checked against the question before
    return value
