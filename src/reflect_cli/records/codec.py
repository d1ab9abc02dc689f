"""Session records: the session as a plain dict, as YAML text, and back.

The dict is JSON-friendly (the index stores it as is); the YAML adds nothing but a real
date for ``date:``. Keys come out in one fixed order, so saving an unchanged session
gives identical bytes and a sessions folder can live in git without merge noise.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import sys
from typing import Any

from reflect_cli import kinds
from reflect_cli.errors import RecordError
from reflect_cli.model import (
    Action,
    Answer,
    AnswerRecord,
    Choice,
    CommitmentStatus,
    DomainRecord,
    Kind,
    Note,
    Participant,
    ProtocolRef,
    Scale,
    Session,
    SessionStatus,
)
from reflect_cli.records import round_codec

SCHEMA = "reflect/session-v1"
SCHEMA_VERSION = 1
_SCHEMA_PATTERN = re.compile(r"^reflect/session-v(\d+)$")
_KNOWN_KEYS = (
    "schema",
    "id",
    "status",
    "protocol",
    "collaborative",
    "site",
    "date",
    "started",
    "updated",
    "facilitator",
    "participants",
    "intro",
    "follow_up",
    "domains",
    "actions",
    "notes",
)


def _action_dict(action: Action) -> dict[str, Any]:
    data: dict[str, Any] = {"text": action.text, "owner": action.owner, "due": action.due}
    if action.origin:
        data["from"] = action.origin
    data["status"] = str(action.status)
    if action.question:
        data["question"] = action.question
    if action.note:
        data["note"] = action.note
    return data


def _question_dict(question: AnswerRecord) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": question.id,
        "prompt": question.prompt,
        "kind": str(question.kind),
    }
    if question.help:
        data["help"] = question.help
    if question.choices:
        data["choices"] = [
            {"label": c.label, "help": c.help} if c.help else c.label for c in question.choices
        ]
    if question.scale is not None:
        scale: dict[str, Any] = {"min": question.scale.min, "max": question.scale.max}
        if question.scale.labels:
            scale["labels"] = dict(sorted(question.scale.labels.items()))
        data["scale"] = scale
    if question.required:
        data["required"] = True
    data.update(round_codec.snapshot_dict(question))
    data["answer"] = question.answer
    data["credits"] = list(question.credits)
    data.update(round_codec.to_dict(question))
    data["skipped"] = question.skipped
    if question.in_progress:
        data["in_progress"] = True
    return data


def to_dict(session: Session) -> dict[str, Any]:
    """The session as plain, JSON-friendly data in the record's key order."""
    ref = session.protocol
    data: dict[str, Any] = {
        "schema": SCHEMA,
        "id": session.id,
        "status": str(session.status),
        "protocol": {
            "id": ref.id,
            "version": ref.version,
            "title": ref.title,
            "sha256": ref.sha256,
        },
        "collaborative": session.collaborative,
        "site": session.site,
        "date": session.date,
        "started": session.started,
        "updated": session.updated,
        "facilitator": session.facilitator,
        "participants": [
            {
                "name": p.name,
                "organization": p.organization,
                "role": p.role,
                "handle": p.handle,
                "present": p.present,
            }
            for p in session.participants
        ],
        "intro": dict(session.intro),
        "follow_up": [_action_dict(a) for a in session.follow_up],
        "domains": [
            {"id": d.id, "title": d.title, "questions": [_question_dict(q) for q in d.questions]}
            for d in session.domains
        ],
        "actions": [_action_dict(a) for a in session.actions],
        "notes": [{"text": n.text, "question": n.question} for n in session.notes],
    }
    if ref.source:
        data["protocol"]["source"] = ref.source
    data.update(session.extra)  # keys a newer reflect added survive a round trip
    return data


def summary(session: Session) -> dict[str, Any]:
    """What `reflect list` shows of a session (stable keys, for scripts)."""
    return {
        "date": session.date,
        "id": session.id,
        "collaborative": session.collaborative,
        "site": session.site,
        "protocol": session.protocol.id,
        "status": str(session.status),
        "answered": session.answered_count,
        "questions": session.question_count,
        "participants": len(session.participants),
        "open_commitments": session.open_actions,
        "started": session.started,
    }


def dump(session: Session) -> str:
    """The session as record YAML text."""
    return dump_dict(to_dict(session))


def dump_dict(data: dict[str, Any]) -> str:
    """Record data (from ``to_dict``) as record YAML text."""
    from reflect_cli.records import yamlio  # PyYAML only when a record is written or read from YAML

    data = dict(data)
    with contextlib.suppress(ValueError):  # a real YAML date reads better; else kept as typed
        data["date"] = dt.date.fromisoformat(data["date"])
    return yamlio.dump(data)


def parse(text: str, source: str) -> Session:
    """Read record YAML text; ``RecordError`` names ``source`` when it is not a record."""
    from reflect_cli.records import yamlio

    try:
        data = yamlio.load(text)
    except yamlio.YamlProblem as exc:
        where = f"{source}:{exc.line}" if exc.line else source
        raise RecordError(f"{where}: {exc.message}") from None
    return from_dict(data, source)


def check_schema(data: Any, source: str) -> None:
    """Refuse what is not a session record, or one written by a newer reflect."""
    if not isinstance(data, dict) or "schema" not in data:
        raise RecordError(f"{source}: not a reflect session record (no 'schema:' key)")
    match = _SCHEMA_PATTERN.match(str(data["schema"]))
    if not match:
        raise RecordError(f"{source}: unknown record schema {data['schema']!r}")
    if int(match.group(1)) > SCHEMA_VERSION:
        raise RecordError(
            f"{source}: written by a newer reflect (schema {data['schema']}); "
            f"this reflect reads {SCHEMA}: upgrade reflect to read it"
        )


def from_dict(data: Any, source: str) -> Session:
    """Build a session from record data; ``RecordError`` names the file and the key."""
    check_schema(data, source)
    try:
        return _session(data)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise RecordError(f"{source}: damaged record: {_describe(exc)}") from None


def _describe(exc: Exception) -> str:
    if isinstance(exc, KeyError):
        return f"missing {exc.args[0]!r}"
    return str(exc)


def _text(value: Any) -> str:
    if type(value) is str:  # by far the most common: no conversion
        return value
    if value is None:
        return ""
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, dict | list):
        raise TypeError(f"expected text, found {type(value).__name__}")
    return str(value)


def _list(value: Any, key: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise TypeError(f"{key!r} must be a list")
    return value


def _action(raw: Any) -> Action:
    status = _text(raw.get("status")) or "open"
    if status not in _COMMITMENT_STATUS:
        raise ValueError(f"unknown commitment status {status!r}")
    return Action(
        text=_text(raw["text"]),
        owner=_text(raw.get("owner")),
        due=_text(raw.get("due")),
        status=_COMMITMENT_STATUS[status],
        question=_text(raw.get("question")),
        origin=_text(raw.get("from")),
        note=_text(raw.get("note")),
    )


def _flag(value: Any, key: str) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"{key!r} must be true or false, not {value!r}")
    return value


_KIND = {k.value: k for k in Kind}  # a dict lookup is faster than calling the enum
_SESSION_STATUS = {s.value: s for s in SessionStatus}
_COMMITMENT_STATUS = {s.value: s for s in CommitmentStatus}


def _answer(value: Any, kind: Kind, qid: str) -> Answer:
    if value is None:
        return None
    try:
        return kinds.of(kind).check_recorded(value)
    except ValueError as exc:
        raise ValueError(f"answer to {qid!r}: {exc}") from None


def _texts(value: Any, key: str) -> list[str]:
    if not value:
        return []
    items = _list(value, key)
    for item in items:
        if type(item) is not str:
            return [_text(i) for i in items]
    return items


def _choices(value: Any) -> tuple[Choice, ...]:
    found = []
    for item in _list(value, "choices"):
        if isinstance(item, dict):
            found.append(Choice(_text(item["label"]), _text(item.get("help"))))
        else:
            found.append(Choice(_text(item)))
    return tuple(found)


def _scale(raw: Any, kind: Kind) -> Scale | None:
    if raw is None:
        # Records written before the snapshot kept bounds asked 1 to 5.
        return Scale(1, 5) if kind is Kind.SCALE else None
    if not isinstance(raw, dict):
        raise TypeError("'scale' must be a mapping")
    labels = raw.get("labels") or {}
    if not isinstance(labels, dict):
        raise TypeError("scale 'labels' must be a mapping")
    return Scale(
        _integer(raw["min"], "scale min"),
        _integer(raw["max"], "scale max"),
        # The index's JSON turns number keys into text: both read back as numbers.
        {_integer(k, "scale label"): _text(v) for k, v in labels.items()},
    )


def _integer(value: Any, key: str) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and re.fullmatch(r"-?\d{1,9}", value):
        return int(value)
    raise ValueError(f"{key} must be a whole number, not {value!r}")


def _question(raw: Any) -> AnswerRecord:
    kind_text = _text(raw.get("kind")) or "text"
    kind = _KIND.get(kind_text)
    qid = sys.intern(_text(raw["id"]))
    if kind is None:
        raise ValueError(f"question {qid!r} has unknown kind {kind_text!r}")
    round_kind = round_codec.round_of(raw.get("round"), qid)
    return AnswerRecord(
        id=qid,
        prompt=sys.intern(_text(raw["prompt"])),  # the same few prompts in every session
        kind=kind,
        choices=_choices(raw.get("choices")),
        # A round's answer is its discussion: text, whatever the question's kind.
        answer=_answer(raw.get("answer"), Kind.TEXT if round_kind else kind, qid),
        credits=_texts(raw.get("credits"), "credits"),
        skipped=bool(raw.get("skipped", False)),
        in_progress=bool(raw.get("in_progress", False)),
        scale=_scale(raw.get("scale"), kind),
        required=bool(raw.get("required", False)),
        help=_text(raw.get("help")),
        round=round_kind,
        ratings=round_codec.ratings_of(raw.get("ratings"), kind, qid),
        passed=round_codec.count_of(raw.get("passed"), qid),
        passed_by=round_codec.names_of(raw.get("passed_by"), qid),
        bands=round_codec.bands_of(raw.get("bands"), qid),
    )


def _session_status(value: Any) -> SessionStatus:
    text = _text(value) or "draft"
    if text not in _SESSION_STATUS:
        raise ValueError(f"unknown session status {text!r}")
    return _SESSION_STATUS[text]


def _session(data: dict[str, Any]) -> Session:
    ref = data["protocol"]
    intro = data.get("intro") or {}
    if not isinstance(intro, dict):
        raise TypeError("'intro' must be a mapping")
    return Session(
        id=_text(data["id"]),
        status=_session_status(data.get("status")),
        protocol=ProtocolRef(
            id=_text(ref["id"]),
            version=int(ref.get("version") or 1),
            title=_text(ref.get("title")),
            sha256=_text(ref.get("sha256")),
            source=_text(ref.get("source")),
        ),
        collaborative=_text(data.get("collaborative")),
        site=_text(data.get("site")),
        date=_text(data["date"]),
        started=_text(data.get("started")),
        updated=_text(data.get("updated")),
        facilitator=_text(data.get("facilitator")),
        participants=[
            Participant(
                name=_text(p["name"]),
                organization=_text(p.get("organization")),
                role=_text(p.get("role")),
                handle=_text(p.get("handle")),
                present=_flag(p.get("present", True), "present"),
            )
            for p in _list(data.get("participants"), "participants")
        ],
        intro={_text(k): _text(v) for k, v in intro.items()},
        follow_up=[_action(a) for a in _list(data.get("follow_up"), "follow_up")],
        domains=[
            DomainRecord(
                id=_text(d["id"]),
                title=_text(d.get("title")),
                questions=[_question(q) for q in _list(d.get("questions"), "questions")],
            )
            for d in _list(data.get("domains"), "domains")
        ],
        actions=[_action(a) for a in _list(data.get("actions"), "actions")],
        notes=[
            Note(text=_text(n["text"]), question=_text(n.get("question")))
            for n in _list(data.get("notes"), "notes")
        ],
        extra={k: v for k, v in data.items() if k not in _KNOWN_KEYS},
    )
