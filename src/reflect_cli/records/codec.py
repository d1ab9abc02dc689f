"""Session records: the session as a plain dict, as YAML text, and back.

The dict is JSON-friendly (the index stores it as is); the YAML adds nothing but a real
date for ``date:``. Keys come out in one fixed order, so saving an unchanged session
gives identical bytes and a sessions folder can live in git without merge noise.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from typing import Any

from reflect_cli import scales
from reflect_cli.dates import record_date
from reflect_cli.errors import RecordError
from reflect_cli.i18n.messages import _
from reflect_cli.model import Action, AnswerRecord, Session, Wording
from reflect_cli.records import record_decoder, round_codec
from reflect_cli.records.decoding import Invalid, line_of

SCHEMA = "reflect/session-v1"
SCHEMA_VERSION = 1
# ASCII digits only, and few: ``\d`` takes any script's digits and ``int()`` refuses
# over 4,300 of them with a ValueError, so a committed record could crash ``list``.
_SCHEMA_PATTERN = re.compile(r"reflect/session-v([0-9]{1,6})", re.ASCII)


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
        _check_scale(question)
        scale: dict[str, Any] = {"min": question.scale.min, "max": question.scale.max}
        if question.scale.labels:
            scale["labels"] = dict(sorted(question.scale.labels.items()))
        data["scale"] = scale
    if question.required:
        data["required"] = True
    data.update(round_codec.snapshot_dict(question))
    if question.asked is not None:
        data["asked"] = _asked_dict(question.asked)
    data["answer"] = question.answer
    data["credits"] = list(question.credits)
    data.update(round_codec.to_dict(question))
    data["skipped"] = question.skipped
    if question.in_progress:
        data["in_progress"] = True
    return data


def _check_scale(question: AnswerRecord) -> None:
    """The reader's scale rule, kept by the writer: a scale, its answer, its ratings and
    its bands that ``record_decoder`` would refuse are never written."""
    try:
        assert question.scale is not None
        scales.check(question.scale)
        if not question.round:
            scales.check_value(question.scale, question.answer)
        for value in [r.value for r in question.ratings] + [b.min for b in question.bands]:
            scales.check_value(question.scale, value)
    except ValueError as exc:
        raise RecordError(
            _("question {id!r}: {exc}; not written").format(id=question.id, exc=exc)
        ) from None


def _asked_dict(asked: Wording) -> dict[str, Any]:
    """A question's texts as asked in the session's language (only what it has)."""
    data: dict[str, Any] = {"prompt": asked.prompt}
    if asked.help:
        data["help"] = asked.help
    if asked.choices:
        data["choices"] = [
            {"label": c.label, "help": c.help} if c.help else c.label for c in asked.choices
        ]
    if asked.scale_labels:
        data["scale_labels"] = dict(sorted(asked.scale_labels.items()))
    if asked.bands:
        data["bands"] = [{"min": b.min, "label": b.label} for b in asked.bands]
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
        # Only when not English: records asked in English keep their bytes.
        **({"language": session.language} if session.language != "en" else {}),
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
                # Only when true: records of people who stayed keep their bytes.
                **({"left": True} if p.left else {}),
                **({"sector": p.sector.value} if p.sector else {}),
                # The question at which someone came late or left early, when they did.
                **({"joined_at": p.joined_at} if p.joined_at else {}),
                **({"left_at": p.left_at} if p.left_at else {}),
                **({"interpreter": p.interpreter} if p.interpreter else {}),
            }
            for p in session.participants
        ],
        "intro": dict(session.intro),
        "follow_up": [_action_dict(a) for a in session.follow_up],
        "domains": [
            {
                "id": d.id,
                "title": d.title,
                **({"asked_title": d.asked_title} if d.asked_title else {}),
                "questions": [_question_dict(q) for q in d.questions],
            }
            for d in session.domains
        ],
        "actions": [_action_dict(a) for a in session.actions],
        "notes": [{"text": n.text, "question": n.question} for n in session.notes],
    }
    if ref.source:
        data["protocol"]["source"] = ref.source
    if ref.asked_title:
        data["protocol"]["asked_title"] = ref.asked_title
    data.update(session.extra)  # keys a newer reflect added survive a round trip
    return data


def dump(session: Session) -> str:
    """The session as record YAML text."""
    return dump_dict(to_dict(session))


def dump_dict(data: dict[str, Any]) -> str:
    """Record data (from ``to_dict``) as record YAML text."""
    from reflect_cli.records import yaml_writer  # PyYAML only when a record is written or read

    data = dict(data)
    with contextlib.suppress(ValueError):  # a real YAML date reads better; else kept as typed
        data["date"] = dt.date.fromisoformat(record_date(data["date"]))
    return yaml_writer.dump(data)


def parse(text: str, source: str) -> Session:
    """Read record YAML text; ``RecordError`` names ``source``, the line and the key."""
    from reflect_cli.records import yamlio

    try:
        data = yamlio.load(text)
    except yamlio.YamlProblem as exc:
        raise RecordError(exc.where(source)) from None
    check_schema(data, source)
    try:
        return record_decoder.session_of(data)
    except Invalid as exc:
        # Lines cost a second, slower parse: only for the record that needs one.
        exc.line = line_of(yamlio.load_located(text), exc.path)
        raise RecordError(exc.where(source)) from None


def check_schema(data: Any, source: str) -> None:
    """Refuse what is not a session record, or one written by a newer reflect."""
    if not isinstance(data, dict) or "schema" not in data:
        raise RecordError(
            _("{source}: not a reflect session record (no 'schema:' key)").format(source=source)
        )
    schema = data["schema"]
    match = _SCHEMA_PATTERN.fullmatch(schema) if isinstance(schema, str) else None
    if not match:
        raise RecordError(
            _("{source}: unknown record schema {shown}").format(source=source, shown=_shown(schema))
        )
    if int(match.group(1)) > SCHEMA_VERSION:
        raise RecordError(
            _(
                "{source}: written by a newer reflect (schema {schema}); this "
                "reflect reads {readable}: upgrade reflect to read it"
            ).format(source=source, schema=data["schema"], readable=SCHEMA)
        )


def _shown(schema: Any) -> str:
    """The schema as typed, cut short: a warning is one line, whatever the file holds."""
    text = repr(schema) if isinstance(schema, str) else type(schema).__name__
    return text if len(text) <= 60 else text[:57] + "..."


def from_dict(data: Any, source: str) -> Session:
    """Build a session from record data; ``RecordError`` names the file and the key."""
    check_schema(data, source)
    try:
        return record_decoder.session_of(data)
    except Invalid as exc:
        raise RecordError(exc.where(source)) from None
