"""What is known before a session starts: options and an ``--answers`` file.

The answers file takes the record's keys, all optional; ``answers:`` maps a question id
to its answer or to ``{answer: ..., credits: [handle, ...], ratings: {handle: value}}``
(ratings: a round, each person's own value; ``pass`` or an empty value abstains).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from reflect_cli.dates import parse_date
from reflect_cli.errors import InputError
from reflect_cli.model import (
    ROUND_KINDS,
    Action,
    Answer,
    Kind,
    Note,
    Participant,
    Protocol,
    Question,
)
from reflect_cli.records import yamlio
from reflect_cli.session import typed_lines
from reflect_cli.session.ratings import rating_of

_KEYS = (
    "collaborative",
    "site",
    "facilitator",
    "date",
    "participants",
    "intro",
    "answers",
    "actions",
    "notes",
)


@dataclass
class Plan:
    """Metadata, roster and answers given up front; the flow asks for the rest."""

    collaborative: str = ""
    site: str = ""
    facilitator: str = ""
    date: str = ""
    participants: list[Participant] = field(default_factory=list)
    intro: dict[str, str] = field(default_factory=dict)
    answers: dict[str, tuple[Answer, list[str] | None]] = field(default_factory=dict)
    #: Round ratings by question id: handle → value (None: the person passed).
    ratings: dict[str, dict[str, object]] = field(default_factory=dict)
    actions: list[Action] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)


def _text(data: dict[str, Any], key: str, where: str) -> str:
    value = data.get(key)
    if value is None:
        return ""
    if isinstance(value, dict | list):
        raise InputError(f"{where}: {key!r} must be text")
    return yamlio.iso_date(value).strip()


def add_participants(plan: Plan, lines: list[str]) -> None:
    """Add ``Name | Organization | Role [| handle]`` entries to the plan's roster."""
    for line in lines:
        taken = {p.handle for p in plan.participants}
        plan.participants.append(typed_lines.participant_of(line, taken))


def load(path: Path) -> Plan:
    """Read an answers file; every problem is an InputError naming the file."""
    where = str(path)
    try:
        data = yamlio.load(yamlio.decode(path.read_bytes()))
    except OSError as exc:
        raise InputError(f"{where}: cannot read: {exc.strerror or exc}") from None
    except yamlio.YamlProblem as exc:
        line = f":{exc.line}" if exc.line else ""
        raise InputError(f"{where}{line}: {exc.message}") from None
    if not isinstance(data, dict):
        raise InputError(f"{where}: an answers file is a mapping of keys (collaborative, answers…)")
    unknown = [k for k in data if k not in _KEYS]
    if unknown:
        raise InputError(f"{where}: unknown key {unknown[0]!r}; known: {', '.join(_KEYS)}")
    plan = Plan(
        collaborative=_text(data, "collaborative", where),
        site=_text(data, "site", where),
        facilitator=_text(data, "facilitator", where),
    )
    if data.get("date") is not None:
        plan.date = parse_date(_text(data, "date", where), f"{where}: 'date'")
    for entry in data.get("participants") or []:
        if isinstance(entry, dict):
            fields = [_text(entry, k, where) for k in ("name", "organization", "role", "handle")]
            entry = " | ".join(fields).rstrip(" |")
        add_participants(plan, [str(entry)])
    plan.intro = {str(k): str(v) for k, v in (data.get("intro") or {}).items()}
    for qid, given in (data.get("answers") or {}).items():
        credits = None
        if isinstance(given, dict):
            credits = [str(c) for c in given.get("credits") or []]
            ratings = given.get("ratings")
            if ratings is not None:
                if not isinstance(ratings, dict):
                    raise InputError(f"{where}: ratings of {qid!r} map handles to values")
                plan.ratings[str(qid)] = {str(h): v for h, v in ratings.items()}
                if "answer" not in given:
                    continue
            given = given.get("answer")
        plan.answers[str(qid)] = (given, credits)
    for item in data.get("actions") or []:
        if not isinstance(item, dict) or not item.get("text"):
            raise InputError(f"{where}: each action needs at least 'text'")
        due = _text(item, "due", where)
        plan.actions.append(
            Action(
                _text(item, "text", where),
                owner=_text(item, "owner", where).lstrip("@"),
                due=parse_date(due, f"{where}: action 'due'") if due else "",
                question=_text(item, "question", where),
            )
        )
    for item in data.get("notes") or []:
        text = item.get("text") if isinstance(item, dict) else item
        question = _text(item, "question", where) if isinstance(item, dict) else ""
        plan.notes.append(Note(str(text), question))
    return plan


def check_against(plan: Plan, protocol: Protocol, source: str) -> None:
    """Every answer fits its question and every credit names someone on the roster."""
    questions = {q.id: q for _, q in protocol.questions()}
    handles = {p.handle for p in plan.participants}
    problems = []
    for qid, (value, credits) in plan.answers.items():
        if qid not in questions:
            problems.append(f"{source}: no question {qid!r} in protocol {protocol.id!r}")
            continue
        try:
            asked = questions[qid]
            if qid in plan.ratings:  # with ratings, the answer is the round's discussion
                asked = replace(asked, kind=Kind.TEXT)
            plan.answers[qid] = (typed_lines.check_answer(asked, value), credits)
        except InputError as exc:
            problems.append(f"{source}: {exc}")
        for handle in credits or []:
            if handle not in handles:
                problems.append(f"{source}: answer {qid!r} credits unknown handle {handle!r}")
    for qid, ratings in plan.ratings.items():
        question = questions.get(qid)
        if question is None:
            if qid not in plan.answers:
                problems.append(f"{source}: no question {qid!r} in protocol {protocol.id!r}")
            continue
        problems += _check_ratings(question, ratings, handles, source)
    for action in plan.actions:
        if action.owner and action.owner not in handles:
            problems.append(f"{source}: action owner {action.owner!r} is not a participant")
    if problems:
        raise InputError("\n".join(problems))


def _check_ratings(
    question: Question, ratings: dict[str, object], handles: set[str], source: str
) -> list[str]:
    """Each rating's handle is on the roster and its value fits; values parsed in place."""
    if question.kind not in ROUND_KINDS:
        return [f"{source}: {question.id!r} is a {question.kind} question: no ratings"]
    problems = []
    for handle, value in ratings.items():
        if handle not in handles:
            problems.append(
                f"{source}: a rating of {question.id!r} names unknown handle {handle!r}"
            )
            continue
        if value is None or (isinstance(value, str) and value.strip().lower() in ("", "pass")):
            ratings[handle] = None
            continue
        try:
            ratings[handle] = (
                value
                if question.kind == "yes-no" and isinstance(value, bool)
                else rating_of(question, str(value))
            )
        except InputError as exc:
            problems.append(f"{source}: {handle}'s rating of {question.id!r}: {exc}")
    return problems
