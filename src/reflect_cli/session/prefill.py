"""What is known before a session starts: options and an ``--answers`` file.

The answers file takes the record's keys, all optional; ``answers:`` maps a question id
to its answer or to ``{answer: ..., credits: [handle, ...], ratings: {handle: value}}``
(ratings: a round, each person's own value; ``pass`` or an empty value abstains).
``follow_up:`` says where earlier commitments stand, ``[{text: ..., status: done, note:
...}]``, matched to the partnership's open commitments by their text (any case).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from reflect_cli.dates import parse_date
from reflect_cli.errors import InputError
from reflect_cli.i18n.messages import _
from reflect_cli.model import (
    COMMITMENT_STATUSES,
    ROUND_KINDS,
    Action,
    Answer,
    CommitmentStatus,
    Kind,
    Note,
    Participant,
    Protocol,
    Question,
)
from reflect_cli.records import yamlio
from reflect_cli.records.decoding import Fields, Invalid, KeyPath, line_of, to_text
from reflect_cli.session import typed_lines
from reflect_cli.session.people import fold, same_person
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
    "follow_up",
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
    #: Where each answer was written in the answers file, for messages.
    answer_lines: dict[str, int] = field(default_factory=dict)
    actions: list[Action] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    #: Where earlier commitments stand, by their text folded: (status, note, text).
    follow_up: dict[str, tuple[CommitmentStatus, str, str]] = field(default_factory=dict)


def add_participants(plan: Plan, lines: list[str]) -> None:
    """Add ``Name | Organization | Role [| handle]`` entries to the plan's roster."""
    for line in lines:
        taken = {p.handle for p in plan.participants}
        plan.participants.append(typed_lines.participant_of(line, taken))


def reuse_handles(plan: Plan, known: Sequence[Participant]) -> None:
    """People given up front (``-p``, an answers file) who are people of the partnership
    take the handle they already have, and their organization and role when none was
    given (and their name as first written: "jose ramirez" is José Ramírez); the
    plan's credits, ratings and owners follow the new handles."""
    renamed: dict[str, str] = {}
    taken = {p.handle for p in plan.participants}
    for index, person in enumerate(plan.participants):
        match = same_person(known, person)
        if match is None:
            continue  # someone new
        handle = person.handle
        if match.handle != handle and match.handle not in taken:  # else someone else's
            taken.discard(handle)
            taken.add(match.handle)
            renamed[handle] = handle = match.handle
        plan.participants[index] = replace(
            person,
            name=match.name,
            handle=handle,
            organization=person.organization or match.organization,
            role=person.role or match.role,
            sector=person.sector or match.sector,
        )
    if not renamed:
        return
    plan.answers = {
        qid: (value, None if credits is None else [renamed.get(h, h) for h in credits])
        for qid, (value, credits) in plan.answers.items()
    }
    plan.ratings = {
        qid: {renamed.get(h, h): value for h, value in given.items()}
        for qid, given in plan.ratings.items()
    }
    for action in plan.actions:
        action.owner = renamed.get(action.owner, action.owner)


def load(path: Path) -> Plan:
    """Read an answers file; every problem is one InputError naming the file, the line
    and the key."""
    where = str(path)
    try:
        data = yamlio.load_located(yamlio.read_text(path))
    except OSError as exc:
        raise InputError(
            _("{file}: cannot read: {problem}").format(file=where, problem=exc.strerror or exc)
        ) from None
    except yamlio.YamlProblem as exc:
        raise InputError(exc.where(where)) from None
    if not isinstance(data, dict):
        raise InputError(
            _("{file}: an answers file is a mapping of keys (collaborative, answers…)").format(
                file=where
            )
        )
    try:
        return _plan(Fields(data, (), _KEYS))
    except Invalid as exc:
        raise InputError(exc.where(where)) from None


def _date(fields: Fields, key: str) -> str:
    text = fields.text(key)
    try:
        return parse_date(text, key) if text else ""
    except InputError:
        raise fields.invalid(
            key, _("not a date (YYYY-MM-DD): {typed}").format(typed=repr(text))
        ) from None


_PERSON = ("name", "organization", "role", "handle", "sector", "interpreter")


def _person(person: Fields, plan: Plan) -> Participant:
    """A participant given as a mapping: each field kept exactly ("A | B" is one
    organization, not a line to split)."""
    name, organization, role, handle, sector, interpreter = (
        person.text(key, required=key == "name").strip() for key in _PERSON
    )
    taken = {p.handle for p in plan.participants}
    found = typed_lines.participant(
        name, organization, role, handle, taken, typed_lines.sector_of(sector)
    )
    found.interpreter = interpreter
    return found


def _plan(top: Fields) -> Plan:
    plan = Plan(
        collaborative=top.text("collaborative").strip(),
        site=top.text("site").strip(),
        facilitator=top.text("facilitator").strip(),
    )
    plan.date = _date(top, "date")
    for key_path, entry in top.items("participants"):
        try:
            if isinstance(entry, dict):
                plan.participants.append(_person(Fields(entry, key_path, _PERSON), plan))
            else:
                add_participants(plan, [_line_text(top, key_path, entry)])
        except InputError as exc:
            raise Invalid(key_path, str(exc), line_of(top.data, key_path)) from None
    intro = top.mapping("intro")
    for step in intro.data if intro else ():
        assert intro is not None
        plan.intro[str(step)] = intro.text(step, required=True)
    answers = top.mapping("answers")
    for qid in answers.data if answers else ():
        assert answers is not None
        given, credits = answers.data[qid], None
        if isinstance(given, dict):
            detail = Fields(given, (*answers.path, qid), ("answer", "credits", "ratings"))
            credits = detail.texts("credits")
            ratings = detail.mapping("ratings")
            if ratings is not None:
                plan.ratings[str(qid)] = {str(h): v for h, v in ratings.data.items()}
                if "answer" not in given:
                    continue
            given = given.get("answer")
        plan.answers[str(qid)] = (given, credits)
        plan.answer_lines[str(qid)] = line_of(answers.data, (qid,)) or 0
    for item in top.each("actions", ("text", "owner", "due", "question")):
        plan.actions.append(
            Action(
                item.text("text", required=True),
                owner=item.text("owner").lstrip("@"),
                due=_date(item, "due"),
                question=item.text("question"),
            )
        )
    for item in top.each("follow_up", ("text", "status", "note")):
        status = item.text("status", required=True).strip().lower()
        if status not in COMMITMENT_STATUSES:
            raise item.invalid(
                "status",
                _("not one of {statuses}: {status}").format(
                    statuses=", ".join(COMMITMENT_STATUSES), status=repr(status)
                ),
            )
        text = item.text("text", required=True)
        plan.follow_up[fold(text)] = (CommitmentStatus(status), item.text("note").strip(), text)
    for key_path, entry in top.items("notes"):
        if isinstance(entry, dict):
            note = Fields(entry, key_path, ("text", "question"))
            plan.notes.append(Note(note.text("text", required=True), note.text("question")))
        else:
            plan.notes.append(Note(_line_text(top, key_path, entry)))
    return plan


def _line_text(top: Fields, key_path: KeyPath, entry: object) -> str:
    try:
        text = to_text(entry)
    except ValueError as exc:
        raise Invalid(key_path, str(exc), line_of(top.data, key_path)) from None
    if not text.strip():
        raise Invalid(key_path, _("is empty"), line_of(top.data, key_path))
    return text


def check_against(plan: Plan, protocol: Protocol, source: str) -> None:
    """Every answer fits its question and every credit names someone on the roster."""
    questions = {q.id: q for _x, q in protocol.questions()}
    handles = {p.handle for p in plan.participants}
    problems = []
    for qid, (value, credits) in plan.answers.items():
        line = plan.answer_lines.get(qid)
        where = f"{source}:{line}" if line else source
        if qid not in questions:
            problems.append(_no_question(where, qid, protocol.id))
            continue
        try:
            asked = questions[qid]
            if qid in plan.ratings:  # with ratings, the answer is the round's discussion
                asked = replace(asked, kind=Kind.TEXT)
            plan.answers[qid] = (typed_lines.check_answer(asked, value), credits)
        except InputError as exc:
            problems.append(f"{where}: {exc}")
        for handle in credits or []:
            if handle not in handles:
                problems.append(
                    _("{where}: answer {question} credits unknown handle {handle}").format(
                        where=where, question=repr(qid), handle=repr(handle)
                    )
                )
    for qid, ratings in plan.ratings.items():
        question = questions.get(qid)
        if question is None:
            if qid not in plan.answers:
                problems.append(_no_question(source, qid, protocol.id))
            continue
        problems += _check_ratings(question, ratings, handles, source)
    for action in plan.actions:
        if action.owner and action.owner not in handles:
            problems.append(
                _("{where}: action owner {owner} is not a participant").format(
                    where=source, owner=repr(action.owner)
                )
            )
    if problems:
        raise InputError("\n".join(problems))


def _no_question(where: str, qid: str, protocol: str) -> str:
    return _("{where}: no question {question} in protocol {protocol}").format(
        where=where, question=repr(qid), protocol=repr(protocol)
    )


def _check_ratings(
    question: Question, ratings: dict[str, object], handles: set[str], source: str
) -> list[str]:
    """Each rating's handle is on the roster and its value fits; values parsed in place."""
    if question.kind not in ROUND_KINDS:
        return [
            _("{where}: {question} is a {kind} question: no ratings").format(
                where=source, question=repr(question.id), kind=_(question.kind)
            )
        ]
    problems = []
    for handle, value in ratings.items():
        if handle not in handles:
            problems.append(
                _("{where}: a rating of {question} names unknown handle {handle}").format(
                    where=source, question=repr(question.id), handle=repr(handle)
                )
            )
            continue
        if value is None or (isinstance(value, str) and value.strip().lower() in ("", "pass")):
            ratings[handle] = None
            continue
        try:
            ratings[handle] = (
                value
                if question.kind is Kind.YES_NO and isinstance(value, bool)
                else rating_of(question, str(value))
            )
        except InputError as exc:
            problems.append(
                _("{where}: {handle}'s rating of {question}: {problem}").format(
                    where=source, handle=handle, question=repr(question.id), problem=exc
                )
            )
    return problems
