"""Plain data: protocols as written in YAML, and sessions as recorded.

This module imports nothing of reflect's own, so every other module can use it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Kind(StrEnum):
    """What a question asks for. A StrEnum: it reads, writes and compares as its text."""

    TEXT = "text"
    CHOICE = "choice"
    MULTI = "multi"
    SCALE = "scale"
    YES_NO = "yes-no"


class SessionStatus(StrEnum):
    """A session is a draft until the facilitator finishes it."""

    DRAFT = "draft"
    COMPLETE = "complete"


class CommitmentStatus(StrEnum):
    """Where a commitment stands; open and in progress are still owed."""

    OPEN = "open"
    IN_PROGRESS = "in progress"
    DONE = "done"
    DROPPED = "dropped"


class RoundKind(StrEnum):
    """How a round collects ratings: with each person's handle, or anonymously."""

    NAMED = "named"
    ANONYMOUS = "anonymous"


class Sector(StrEnum):
    """The kind of organization a partner comes from; kept per organization for a
    partnership, so rollups can compare schools with community partners."""

    SCHOOL = "school"
    DISTRICT = "district"
    COMMUNITY_ORGANIZATION = "community organization"
    FAMILY = "family"
    YOUTH = "youth"
    FUNDER = "funder"
    OTHER = "other"


#: A participant's ``interpreter`` when they speak through one whose name was not given.
INTERPRETED = "yes"

#: Question kinds a round can rate: one value per person.
ROUND_KINDS = (Kind.SCALE, Kind.CHOICE, Kind.YES_NO)

KINDS = tuple(k.value for k in Kind)
SECTORS = tuple(s.value for s in Sector)
SESSION_STATUSES = tuple(s.value for s in SessionStatus)
COMMITMENT_STATUSES = tuple(s.value for s in CommitmentStatus)

#: An answer: text (str), choice (label), multi (labels), scale (int), yes-no (bool).
Answer = str | int | bool | list[str] | None


def has_answer(value: object) -> bool:
    """Whether an answer says anything (False, for a yes-no question, does)."""
    return value is not None and value != "" and value != []


@dataclass(frozen=True, slots=True)
class Choice:
    """One option of a choice or multi question, with an optional definition."""

    label: str
    help: str = ""


@dataclass(frozen=True, slots=True)
class Scale:
    """An integer rating from ``min`` to ``max``; some points carry a label."""

    min: int
    max: int
    labels: dict[int, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Band:
    """A named stretch of a scale, from ``min`` up to the next band (``4: Strength``)."""

    min: int
    label: str


@dataclass(frozen=True, slots=True)
class Rating:
    """One person's rating in a round: named rounds keep the ``participant``'s handle,
    anonymous rounds only their ``organization``."""

    value: int | str | bool
    participant: str = ""
    organization: str = ""


@dataclass(frozen=True, slots=True)
class Wording:
    """A question's texts as a session asked them in a language other than its
    protocol's own. The record keeps the protocol's texts too, and answers always hold
    the protocol's choice labels, so sessions in different languages count together."""

    prompt: str
    help: str = ""
    #: One per choice of the question, in its order.
    choices: tuple[Choice, ...] = ()
    scale_labels: dict[int, str] = field(default_factory=dict)
    #: One per band of the question, in its order.
    bands: tuple[Band, ...] = ()


@dataclass(frozen=True, slots=True)
class Question:
    """One question of a domain."""

    id: str
    prompt: str
    kind: Kind = Kind.TEXT
    help: str = ""
    choices: tuple[Choice, ...] = ()
    scale: Scale | None = None
    required: bool = False
    round: RoundKind | None = None
    bands: tuple[Band, ...] = ()
    #: When the choices shown are a translation: the labels an answer is recorded with
    #: (the protocol's own, one per choice), so a choice made in Spanish counts as the
    #: same choice made in English.
    recorded_as: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Domain:
    """A group of questions the room reflects on together."""

    id: str
    title: str
    questions: tuple[Question, ...]
    help: str = ""
    #: Minutes the room means to spend on it (optional): the session shows time against it.
    minutes: int | None = None


@dataclass(frozen=True, slots=True)
class IntroStep:
    """Something the room does before the questions, such as watching a video."""

    id: str
    title: str
    text: str = ""
    link: str = ""
    minutes: int | None = None


@dataclass(frozen=True, slots=True)
class Protocol:
    """A reflection protocol loaded from a YAML file."""

    id: str
    version: int
    title: str
    domains: tuple[Domain, ...]
    summary: str = ""
    source: str = ""
    intro: tuple[IntroStep, ...] = ()
    path: str = ""
    sha256: str = ""
    #: The language its texts are written in (a BCP 47 tag); translations say others.
    language: str = "en"

    def questions(self) -> Iterator[tuple[Domain, Question]]:
        """Every question in order, with its domain."""
        for domain in self.domains:
            for question in domain.questions:
                yield domain, question

    @property
    def question_count(self) -> int:
        return sum(len(d.questions) for d in self.domains)


@dataclass(slots=True)
class Participant:
    """Someone on a session's roster; ``handle`` is how answers credit them. ``present``
    says they were in the room (false for someone credited while absent); ``left`` that
    they were and left before the end (``/leave``). Credits stay either way. Someone of
    the partnership not in the room is on the roster, not present (their regrets).
    ``joined_at`` and ``left_at`` are the ids of the questions at which someone came
    late (``/join``) or left early, when they did."""

    name: str
    organization: str = ""
    role: str = ""
    handle: str = ""
    present: bool = True
    left: bool = False
    #: The organization's sector (school, family…); None when never given.
    sector: Sector | None = None
    joined_at: str = ""
    left_at: str = ""
    #: They speak through an interpreter: who interprets (a handle or a name), or
    #: ``INTERPRETED`` when the facilitator did not say who.
    interpreter: str = ""

    @property
    def here(self) -> bool:
        """In the room now: present and not left."""
        return self.present and not self.left

    @property
    def label(self) -> str:
        """The name-free label used when a summary is redacted."""
        parts = [p for p in (self.organization, self.role) if p]
        if len(parts) == 2:
            return f"{parts[0]} ({parts[1]})"
        return parts[0] if parts else "Participant"


@dataclass(slots=True)
class Action:
    """A commitment someone made; ``origin`` is the session it came from; ``owner`` is a
    participant's handle or, for someone outside the room, free text; ``note`` is a
    one-line status note added at a follow-up."""

    text: str
    owner: str = ""
    due: str = ""
    status: CommitmentStatus = CommitmentStatus.OPEN
    question: str = ""
    origin: str = ""
    note: str = ""

    @property
    def is_open(self) -> bool:
        return self.status in (CommitmentStatus.OPEN, CommitmentStatus.IN_PROGRESS)


@dataclass(slots=True)
class Note:
    """A private facilitator note: never exported unless asked for."""

    text: str
    question: str = ""


@dataclass(slots=True)
class AnswerRecord:
    """A question as it was asked in a session (a snapshot) and what was answered.

    The snapshot holds all a question needs to be asked and shown again (choices with
    their help, scale bounds and labels, whether it is required), so resuming, showing
    and exporting a session never need the protocol file.
    """

    id: str
    prompt: str
    kind: Kind = Kind.TEXT
    choices: tuple[Choice, ...] = ()
    answer: Answer = None
    credits: list[str] = field(default_factory=list)
    skipped: bool = False
    in_progress: bool = False
    scale: Scale | None = None
    required: bool = False
    help: str = ""
    #: A round question: each person's own rating (``answer`` is then the discussion).
    round: RoundKind | None = None
    ratings: list[Rating] = field(default_factory=list)
    #: How many passed (abstained); in a named round, ``passed_by`` says who.
    passed: int = 0
    passed_by: list[str] = field(default_factory=list)
    bands: tuple[Band, ...] = ()
    #: Read from drafts of older versions only: who had had their turn in an anonymous
    #: round under way. A round under way now lives in the private state folder (records/ballots.py)
    #: and this is never written.
    entered_by: list[str] = field(default_factory=list)
    #: The round is over (everyone asked, or /skip): resuming never asks anyone again.
    round_ended: bool = False
    #: Someone rated or passed by name in this round, even if ``/back`` has since taken
    #: it out: the room saw it and the draft held it with the person's name, so the
    #: round can never become anonymous (``rounds.anonymity.begun``). Stored, so a draft
    #: paused and resumed says so as well as the running meeting does.
    round_begun: bool = False
    #: An ended anonymous round of fewer than two ratings keeps only how many there were:
    #: a single value would be its author's (the first person asked, in roster order).
    withheld: int = 0
    #: The question's texts as asked, when the session's language is not its protocol's.
    asked: Wording | None = None

    @classmethod
    def asking(cls, question: Question, asked: Question | None = None) -> AnswerRecord:
        """An unanswered record of a protocol's question, snapshotting its definition
        (and ``asked``, the same question in the session's language, when translated)."""
        wording = None
        if asked is not None and asked != question:
            labels = asked.scale.labels if asked.scale else {}
            wording = Wording(asked.prompt, asked.help, asked.choices, dict(labels), asked.bands)
        return cls(
            question.id,
            question.prompt,
            question.kind,
            question.choices,
            scale=question.scale,
            required=question.required,
            help=question.help,
            round=question.round,
            bands=question.bands,
            asked=wording,
        )

    def question(self) -> Question:
        """The question as the session asked it."""
        return Question(
            self.id,
            self.prompt,
            self.kind,
            self.help,
            self.choices,
            self.scale,
            self.required,
            round=self.round,
            bands=self.bands,
        )

    def asked_question(self) -> Question:
        """The question as the room read it: in the session's language when it was
        translated (its answers still recorded with the protocol's labels)."""
        asked = self.asked
        if asked is None:
            return self.question()
        scale = self.scale
        if scale is not None:
            scale = Scale(scale.min, scale.max, dict(asked.scale_labels))
        return Question(
            self.id,
            asked.prompt,
            self.kind,
            asked.help,
            asked.choices,
            scale,
            self.required,
            round=self.round,
            bands=asked.bands,
            recorded_as=tuple(c.label for c in self.choices),
        )

    @property
    def rated(self) -> bool:
        """Whether a round has taken place: someone rated or passed."""
        return bool(self.ratings) or self.passed > 0 or self.withheld > 0

    @property
    def answered(self) -> bool:
        said = self.answer not in (None, "") or bool(self.ratings) or self.withheld > 0
        return said and not self.in_progress

    @property
    def pending(self) -> bool:
        """Not yet reached, or left half-typed: where a resumed session goes on."""
        return self.in_progress or (self.answer is None and not self.rated and not self.skipped)


@dataclass(slots=True)
class DomainRecord:
    """A domain as it was asked in a session."""

    id: str
    title: str
    questions: list[AnswerRecord] = field(default_factory=list)
    #: Its title as asked in the session's language ("" when not translated).
    asked_title: str = ""


@dataclass(slots=True)
class ProtocolRef:
    """Which protocol a session followed, so it stays readable if the protocol changes."""

    id: str
    version: int
    title: str
    sha256: str = ""
    source: str = ""
    #: Its title as asked in the session's language ("" when not translated).
    asked_title: str = ""


@dataclass(slots=True)
class Session:
    """One reflection meeting: the source of truth written to a record file."""

    id: str
    protocol: ProtocolRef
    collaborative: str
    date: str
    status: SessionStatus = SessionStatus.DRAFT
    site: str = ""
    started: str = ""
    updated: str = ""
    facilitator: str = ""
    participants: list[Participant] = field(default_factory=list)
    intro: dict[str, str] = field(default_factory=dict)
    follow_up: list[Action] = field(default_factory=list)
    domains: list[DomainRecord] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    #: The language it was asked in (a BCP 47 tag); its records' ``asked`` texts are in it.
    language: str = "en"

    def answers(self) -> Iterator[tuple[DomainRecord, AnswerRecord]]:
        """Every question record in order, with its domain."""
        for domain in self.domains:
            for question in domain.questions:
                yield domain, question

    def find(self, question_id: str) -> AnswerRecord | None:
        """The question record with this id, if the session asked it."""
        for domain in self.domains:  # not through ``answers``: asked thousands of times
            for question in domain.questions:
                if question.id == question_id:
                    return question
        return None

    @property
    def answered_count(self) -> int:
        return sum(1 for _, q in self.answers() if q.answered)

    @property
    def question_count(self) -> int:
        return sum(len(d.questions) for d in self.domains)

    def came_and_went(self, person: Participant) -> str:
        """``joined at question 3``, ``left at question 5``, both, or '': when someone
        came late or left early, by the question's number in this session."""
        numbers = {q.id: n for n, (_, q) in enumerate(self.answers(), 1)}
        moments = [
            f"{verb} at question {numbers[at]}" if at in numbers else f"{verb} at {at}"
            for verb, at in (("joined", person.joined_at), ("left", person.left_at))
            if at
        ]
        return ", ".join(moments)

    def names(self) -> dict[str, str]:
        """Each participant's handle mapped to their name, for showing credits and owners."""
        return {p.handle: p.name for p in self.participants}

    @property
    def open_actions(self) -> int:
        return sum(1 for a in self.actions if a.is_open)
