"""One model of a summary, for one session or many: what Markdown and HTML both show."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from reflect_cli import kinds
from reflect_cli.i18n.messages import N_, _
from reflect_cli.model import Action, Answer, AnswerRecord, CommitmentStatus, Kind, Note, Session
from reflect_cli.render.export.label_words import PARTICIPANT
from reflect_cli.rounds import text as round_text
from reflect_cli.rounds.analysis import RoundResult

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?=-|$)")


@dataclass
class QuestionAnswers:
    """One question and its answers in every session that asked it, oldest first."""

    id: str
    prompt: str
    kind: Kind
    answers: list[tuple[Session, AnswerRecord]] = field(default_factory=list)
    _by_session: dict[int, AnswerRecord] = field(default_factory=dict, repr=False)

    def add(self, session: Session, record: AnswerRecord) -> None:
        self.answers.append((session, record))
        self._by_session[id(session)] = record

    def cell_in(self, session: Session) -> str:
        """This question in one session, for one cell of a table over time: the value
        ("3 of 5 — Partly"), or for a round its median and range (or its most chosen
        option)."""
        record = self._by_session.get(id(session))
        if record is not None and record.round:
            result = round_of(session, record)
            return round_text.over_time_cell(result) if result else kinds.EMPTY_CELL
        return kinds.cell(record)

    def rounds(self) -> list[tuple[Session, RoundResult]]:
        """Each session's round of this question, oldest first (sessions without one left out)."""
        return [(s, result) for s, r in self.answers if (result := round_of(s, r))]

    @property
    def scale_range(self) -> tuple[int, int]:
        """The scale's bounds as the latest session asked it (1 to 5 when unknown)."""
        scales = [r.scale for _x, r in self.answers if r.scale is not None]
        return (scales[-1].min, scales[-1].max) if scales else (1, 5)

    def record_in(self, session: Session) -> AnswerRecord | None:
        """This question as one session asked it (None when it was not asked there)."""
        return self._by_session.get(id(session))

    def value_in(self, session: Session) -> Answer:
        """This question's answer in one session (None when it was not asked there)."""
        record = self._by_session.get(id(session))
        return None if record is None else record.answer


def round_of(session: Session, record: AnswerRecord) -> RoundResult | None:
    """The round held on a question in a session, if one was held."""
    if not round_text.has_round(record):
        return None
    return round_text.of_record(record, session.participants)


@dataclass
class DomainAnswers:
    id: str
    title: str
    questions: list[QuestionAnswers] = field(default_factory=list)


@dataclass
class Commitment:
    """A commitment with its latest status across the sessions. ``made_in`` is None for
    one made before the selection (known from a later session's follow-up)."""

    action: Action
    made_in: Session | None
    status: CommitmentStatus
    as_of: str
    note: str = ""
    followed_in: Session | None = None
    #: The session that made it when that one is not exported (``Options.earlier``).
    origin: Session | None = None

    @property
    def made(self) -> str:
        """The date of the meeting that made it: a session id starts with its date (a
        redacted one keeps just the date), else "earlier"."""
        made_in = self.made_in or self.origin
        if made_in is not None:
            return made_in.date
        dated = _DATE.match(self.action.origin)
        return dated[0] if dated else _("earlier")

    def owner(self) -> str:
        """The owner's name as the session that made (or last followed up) it knew it,
        even when they were not at the later meeting."""
        for session in (self.made_in, self.followed_in, self.origin):
            if session is not None and self.action.owner in (names := session.names()):
                return names[self.action.owner]
        return self.action.owner

    @property
    def mark(self) -> str:
        """A status word for what a box cannot say: "dropped" (done and open are boxes)."""
        return _("dropped") if self.status is CommitmentStatus.DROPPED else ""


@dataclass
class OverTime:
    """Values of the questions that several sessions of one protocol all asked."""

    protocol: str
    sessions: list[Session]
    questions: list[QuestionAnswers]


@dataclass
class Summary:
    sessions: list[Session]
    domains: list[DomainAnswers]
    over_time: list[OverTime]
    #: Questions that had a round in at least one session: their results over time.
    rounds: list[QuestionAnswers]
    commitments: list[Commitment]
    participation: list[tuple[str, int]]
    notes: list[tuple[Session, Note]]
    sources: list[str]

    @property
    def single(self) -> bool:
        return len(self.sessions) == 1


def build(
    sessions: list[Session], earlier: Callable[[str], Session | None] | None = None
) -> Summary:
    """Gather answers side by side, values over time, commitments and participation."""
    domains: dict[str, DomainAnswers] = {}
    questions: dict[str, QuestionAnswers] = {}
    for session in sessions:
        for domain, record in session.answers():
            group = domains.setdefault(domain.id, DomainAnswers(domain.id, domain.title))
            if record.id not in questions:
                questions[record.id] = QuestionAnswers(record.id, record.prompt, record.kind)
                group.questions.append(questions[record.id])
            questions[record.id].add(session, record)
    rounds = [q for q in questions.values() if any(round_text.has_round(r) for _x, r in q.answers)]
    notes = [(s, n) for s in sessions for n in s.notes]
    sources = list(dict.fromkeys(s.protocol.source for s in sessions if s.protocol.source))
    return Summary(
        sessions,
        list(domains.values()),
        _over_time(sessions, questions),
        rounds,
        _commitments(sessions, earlier),
        _participation(sessions),
        notes,
        sources,
    )


def _over_time(sessions: list[Session], questions: dict[str, QuestionAnswers]) -> list[OverTime]:
    """One table per protocol with two or more sessions: its value questions that every
    one of those sessions asked and at least one answered."""
    by_protocol: dict[str, list[Session]] = {}
    for session in sessions:
        by_protocol.setdefault(session.protocol.id, []).append(session)
    tables = []
    for group in by_protocol.values():
        if len(group) < 2:
            continue
        asked = [{r.id for _x, r in s.answers()} for s in group]
        shared = [
            q
            for q in questions.values()
            if kinds.of(q.kind).over_time
            and all(q.id in ids for ids in asked)
            and any(q.value_in(s) is not None or _rated(q, s) for s in group)
        ]
        if shared:
            tables.append(OverTime(group[0].protocol.title, group, shared))
    return tables


def _rated(question: QuestionAnswers, session: Session) -> bool:
    record = question.record_in(session)
    return record is not None and round_text.has_round(record)


def _commitments(
    sessions: list[Session], earlier: Callable[[str], Session | None] | None
) -> list[Commitment]:
    found: dict[tuple[str, str], Commitment] = {}
    for session in sessions:
        for action in session.actions:
            found[(action.text, session.id)] = Commitment(
                action, session, action.status, session.date
            )
        for carried in session.follow_up:
            key = (carried.text, carried.origin)
            if key not in found:  # made before the first session selected
                origin = earlier(carried.origin) if earlier and carried.origin else None
                found[key] = Commitment(carried, None, carried.status, session.date)
                found[key].origin = origin
            found[key].status, found[key].as_of = carried.status, session.date
            found[key].followed_in = session
            found[key].note = carried.note or found[key].note
    return list(found.values())


#: What the participation table and chart count, said under their heading.
PARTICIPATION = N_(
    "How often each organization's people were heard on a question: an answer credited "
    "to them, or their own rating in a named round (anonymous ratings count no one)."
)


def _participation(sessions: list[Session]) -> list[tuple[str, int]]:
    """Per organization, the questions each of its people was heard on: the same rule as
    the voices review in the room (credits and named ratings, once per person)."""
    counts: Counter[str] = Counter()
    for session in sessions:
        organizations = {
            p.handle: p.organization or p.role or _(PARTICIPANT) for p in session.participants
        }
        for person in session.participants:
            if person.present:  # everyone present is listed; regrets are not a zero
                counts[organizations[person.handle]] += 0
        for _domain, record in session.answers():
            for handle in sorted(round_text.heard_on(record)):
                counts[organizations.get(handle, _("Unknown"))] += 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
