"""How answers move across periods: counts and shares of each choice, a scale's
quartiles overall and by sector, the transitions of a partnership's choice from one
period to the next, and where a round's partners see it differently.

A session's value for a single-valued question (choice, yes-no) is its answer, or for a
round the option most partners chose; when several options share the most it is a tie,
named as one (``Cooperative = Collaborative``), counted as such and never resolved.
Skipped questions are counted apart and never in a denominator; a multi question
answered with no label chosen ("chose none") is in the denominator.
"""

from __future__ import annotations

import itertools
import statistics
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from reflect_cli.analysis.commitments import Kept
from reflect_cli.analysis.periods import Period, partnership_key
from reflect_cli.i18n.messages import N_
from reflect_cli.model import AnswerRecord, Kind, Session, has_answer
from reflect_cli.rounds.analysis import RoundResult, option_label
from reflect_cli.rounds.anonymity import withheld
from reflect_cli.rounds.text import of_record, sectors_of

#: Between the options of a tie: ``Cooperative = Collaborative``.
TIE = " = "
#: The sector column of ratings whose person gave none (and of one value for the room).
NO_SECTOR = N_("no sector given")  # shown translated: ``_(sector)``


@dataclass(frozen=True, slots=True)
class Stats:
    """A scale's ratings in one group: how many, the median, the quartiles (inclusive
    method: the median of a group of one is its quartiles too) and their spread."""

    n: int
    median: float
    q1: float
    q3: float

    @property
    def iqr(self) -> float:
        return self.q3 - self.q1


def stats(values: Sequence[float]) -> Stats | None:
    """The stats of some ratings, or None for none."""
    if not values:
        return None
    if len(values) == 1:
        return Stats(1, float(values[0]), float(values[0]), float(values[0]))
    q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return Stats(len(values), float(median), float(q1), float(q3))


@dataclass(frozen=True, slots=True)
class RoundRow:
    """One partnership's round in a period: its spread and whether it is flagged."""

    partnership: str
    site: str
    session: str
    date: str
    result: RoundResult


@dataclass(slots=True)
class PeriodCounts:
    """A choice, yes-no or multi question in one period: how many sessions answered
    (the denominator), skipped, and chose each label (a tie is a label of its own)."""

    period: str
    answered: int = 0
    skipped: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    #: Multi: answered with no label chosen.
    none_chosen: int = 0


@dataclass(slots=True)
class PeriodScale:
    """A scale question in one period: every rating of its sessions (one value for the
    room counts once), overall and by sector; and its rounds, flagged or not."""

    period: str
    overall: Stats | None = None
    by_sector: dict[str, Stats] = field(default_factory=dict)
    skipped: int = 0
    #: How many sessions gave a rating (the denominator of "how many rated it").
    answered: int = 0
    rounds: list[RoundRow] = field(default_factory=list)

    @property
    def flagged(self) -> int:
        return sum(1 for r in self.rounds if r.result.divergent)


@dataclass(frozen=True, slots=True)
class Transition:
    """How many partnerships went from one value to another between two periods."""

    before: str
    after: str
    value_before: str
    value_after: str
    partnerships: int


@dataclass(slots=True)
class QuestionTrend:
    """One question across the periods."""

    id: str
    prompt: str
    kind: Kind
    #: Option labels in the protocol's order (choice, multi, yes-no).
    options: list[str] = field(default_factory=list)
    counts: list[PeriodCounts] = field(default_factory=list)
    scales: list[PeriodScale] = field(default_factory=list)
    transitions: list[Transition] = field(default_factory=list)

    #: A scale's bounds, as the newest session asked it.
    scale_range: tuple[int, int] = (1, 5)
    #: The protocol of the newest session that asked it (its translation is looked up
    #: there); what the reader sees of the prompt and each option label, for display
    #: only: the counts stay keyed by the protocol's labels.
    protocol: str = ""
    shown_prompt: str = ""
    shown_labels: dict[str, str] = field(default_factory=dict)

    def label(self, option: str) -> str:
        """An option (or a tie of several) as the reader sees it."""
        return TIE.join(self.shown_labels.get(o, o) for o in option.split(TIE))

    @property
    def is_scale(self) -> bool:
        return self.kind is Kind.SCALE


def room_value(record: AnswerRecord, session: Session) -> str | None:
    """A single-valued question's value for the session: the answer, or the round's
    most chosen option (a tie when several share the most); None when skipped, not
    reached, or an anonymous round too small to show."""
    if record.ratings:
        if withheld(record.round, len(record.ratings)):
            return None
        counted = Counter(option_label(r.value) for r in record.ratings)
        top = max(counted.values())
        order = [c.label for c in record.choices] or ["Yes", "No"]
        leaders = [k for k, v in counted.items() if v == top]
        leaders.sort(key=lambda k: (order.index(k) if k in order else len(order), k))
        return TIE.join(leaders)
    if not has_answer(record.answer):
        return None
    return option_label(record.answer)  # type: ignore[arg-type]


def _scale_values(record: AnswerRecord, session: Session) -> list[tuple[str, int]]:
    """(sector, value) of each rating, or the room's one value."""
    if record.ratings:
        if withheld(record.round, len(record.ratings)):
            return []
        sectors = sectors_of(record, session.participants)
        return [
            (str(s) if s else NO_SECTOR, int(r.value))
            for r, s in zip(record.ratings, sectors, strict=True)
        ]
    if isinstance(record.answer, int) and not isinstance(record.answer, bool):
        return [(NO_SECTOR, record.answer)]
    return []


def trend(
    question_id: str,
    periods: Mapping[Period, Sequence[Session]],
    latest: Mapping[Period, Sequence[Session]],
) -> QuestionTrend | None:
    """The trend of one question over ``periods`` (the sessions counted in each);
    transitions from ``latest`` (each partnership's latest session per period). None
    when no session asked it."""
    newest = _asked(question_id, periods)
    if newest is None:
        return None
    protocol, found = newest
    result = QuestionTrend(found.id, found.prompt, found.kind, protocol=protocol)
    if found.scale is not None:
        result.scale_range = (found.scale.min, found.scale.max)
    if found.kind is Kind.YES_NO:
        result.options = ["Yes", "No"]
    else:
        result.options = [c.label for c in found.choices]
    for period, sessions in periods.items():
        asked = [(s, s.find(question_id)) for s in sessions]
        pairs = [(s, r) for s, r in asked if r is not None]
        if found.kind is Kind.SCALE:
            result.scales.append(_scale_period(period.label, pairs))
        elif found.kind is not Kind.TEXT:
            result.counts.append(_count_period(period.label, found.kind, pairs))
    if found.kind in (Kind.CHOICE, Kind.YES_NO):
        result.transitions = transitions(question_id, latest)
    return result


def _asked(
    question_id: str, periods: Mapping[Period, Sequence[Session]]
) -> tuple[str, AnswerRecord] | None:
    """The question as the newest session asked it (its prompt and choices), with that
    session's protocol id."""
    newest = None
    for sessions in periods.values():
        for session in sessions:
            record = session.find(question_id)
            if record is not None:
                newest = (session.protocol.id, record)
    return newest


def _count_period(
    label: str, kind: Kind, pairs: Sequence[tuple[Session, AnswerRecord]]
) -> PeriodCounts:
    counts = PeriodCounts(label)
    for session, record in pairs:
        if kind is Kind.MULTI:
            if record.skipped or record.answer is None:
                counts.skipped += 1
                continue
            counts.answered += 1
            chosen = record.answer if isinstance(record.answer, list) else []
            counts.none_chosen += not chosen
            for chosen_label in chosen:
                counts.counts[chosen_label] = counts.counts.get(chosen_label, 0) + 1
            continue
        value = room_value(record, session)
        if value is None:
            counts.skipped += 1
            continue
        counts.answered += 1
        counts.counts[value] = counts.counts.get(value, 0) + 1
    return counts


def _scale_period(label: str, pairs: Sequence[tuple[Session, AnswerRecord]]) -> PeriodScale:
    result = PeriodScale(label)
    values: list[tuple[str, int]] = []
    for session, record in pairs:
        given = _scale_values(record, session)
        if not given:
            result.skipped += 1
            continue
        result.answered += 1
        values += given
        if record.ratings:
            result.rounds.append(
                RoundRow(
                    session.collaborative,
                    session.site,
                    session.id,
                    session.date,
                    of_record(record, session.participants),
                )
            )
    result.overall = stats([v for _, v in values])
    sectors = sorted({s for s, _ in values}, key=lambda s: (s == NO_SECTOR, s))
    for sector in sectors:
        found = stats([v for s, v in values if s == sector])
        if found is not None:
            result.by_sector[sector] = found
    return result


def transitions(question_id: str, latest: Mapping[Period, Sequence[Session]]) -> list[Transition]:
    """For each two periods in a row, how many partnerships went from each value to each
    (the same value included: staying is a transition too); most first."""
    values: list[tuple[str, dict[str, str]]] = []
    for period, sessions in latest.items():
        by_partnership = {}
        for session in sessions:
            record = session.find(question_id)
            value = room_value(record, session) if record is not None else None
            if value is not None:
                by_partnership[partnership_key(session.collaborative)] = value
        values.append((period.label, by_partnership))
    moves: list[Transition] = []
    for (before, old), (after, new) in itertools.pairwise(values):
        counted = Counter((old[p], new[p]) for p in old.keys() & new.keys())
        moves += [
            Transition(before, after, a, b, n)
            for (a, b), n in sorted(counted.items(), key=lambda kv: (-kv[1], kv[0]))
        ]
    return moves


@dataclass(slots=True)
class Report:
    """What `reflect trends` shows: the questions, and the commitments when asked."""

    caption: str
    questions: list[QuestionTrend] = field(default_factory=list)
    commitments: list[Kept] | None = None
    as_of: str = ""


def question_ids(sessions: Iterable[Session]) -> list[str]:
    """Every question of a kind trends can count (not text), in the order the sessions
    asked them (the newest session's order first)."""
    seen: dict[str, None] = {}
    for session in sorted(sessions, key=lambda s: s.date, reverse=True):
        for _, record in session.answers():
            if record.kind is not Kind.TEXT:
                seen.setdefault(record.id, None)
    return list(seen)
