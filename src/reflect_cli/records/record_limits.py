"""The reader's limits, kept by the writer: reflect never writes a record it would then
refuse to read.

What the reader's decoder refuses (an empty name, a date far ahead, an answer that does
not fit its question…) the writer asks the decoder itself about (``unreadable``),
on the very data it is about to write: no second list of rules that could drift from the
reader's, whichever path made the session (an answers file, a live meeting, an edit).
Every YAML input is read within ``MAX_BYTES`` (records/opening.py) and ``MAX_NODES``
values (records/yaml_checks.py, aliases expanded; a record has none). The store checks
each record's text against both before writing it (``check``), and tells the session
how much room is left (``Room``), so a paste that would not fit is refused at the prompt,
not at the next ``reflect list``. Depth needs no check: a record's shape is fixed by the
codec and is a few levels deep.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reflect_cli.errors import RecordError
from reflect_cli.i18n.messages import _
from reflect_cli.model import AnswerRecord, DomainRecord, Protocol, ProtocolRef, Session
from reflect_cli.records.opening import MAX_BYTES
from reflect_cli.records.yaml_checks import MAX_NODES

#: What a protocol must leave a meeting in its record, beyond its questions: the lines,
#: ratings, commitments and notes of a long meeting of many people (a long meeting's
#: record is about 50 KB and a few thousand values).
MEETING = (500_000, 25_000)


@dataclass(frozen=True)
class Room:
    """What a record may still grow by and be read back."""

    bytes: int
    values: int


class RecordUnreadable(RecordError):
    """A record the reader would refuse; nothing was written."""


class RecordTooLarge(RecordUnreadable):
    """A record's text would be refused by the reader for its size; nothing was written."""


def unreadable(data: dict[str, Any]) -> str:
    """Why the reader's decoder refuses record data (from ``codec.to_dict``), where and
    why as the reader says it (``participants[0].name: is empty``); "" when it reads it."""
    from reflect_cli.records import record_decoder  # its kinds only when a record is written
    from reflect_cli.records.decoding import Invalid, dotted

    try:
        record_decoder.session_of(data)
    except Invalid as exc:
        return f"{dotted(exc.path)}: {exc.message}" if exc.path else exc.message
    return ""


def check_readable(data: dict[str, Any]) -> None:
    """``RecordUnreadable`` when the reader's decoder would refuse record data."""
    problem = unreadable(data)
    if problem:
        raise RecordUnreadable(
            _("reflect would not read it back: {problem}").format(problem=problem)
        )


def values_in(data: Any) -> int:
    """Values as the reader counts them: each collection, key and scalar is one."""
    if isinstance(data, dict):
        return 1 + sum(1 + values_in(value) for value in data.values())
    if isinstance(data, list):
        return 1 + sum(values_in(item) for item in data)
    return 1


def room(text: str, data: Any) -> Room:
    """What is left under each limit once ``text`` (the YAML of ``data``) is written;
    negative when a limit is passed."""
    return room_for(len(text.encode("utf-8")), data)


def room_for(size: int, data: Any) -> Room:
    """What is left once a record of ``size`` bytes holding ``data`` is written."""
    return Room(MAX_BYTES - size, MAX_NODES - values_in(data))


def check(text: str, data: Any) -> Room:
    """The room left after writing ``text``; ``RecordTooLarge`` when the reader would
    refuse it (over ``MAX_BYTES`` bytes or ``MAX_NODES`` values)."""
    left = room(text, data)
    if left.bytes < 0:
        raise RecordTooLarge(
            _(
                "the record would be {size:,} bytes; reflect reads back records of at most {most:,}"
            ).format(size=MAX_BYTES - left.bytes, most=MAX_BYTES)
        )
    if left.values < 0:
        raise RecordTooLarge(
            _(
                "the record would hold {count:,} values; reflect reads back "
                "records of at most {most:,}"
            ).format(count=MAX_NODES - left.values, most=MAX_NODES)
        )
    return left


def of_protocol(protocol: Protocol) -> Room:
    """The room a session of ``protocol`` leaves when nothing has been said yet: its
    record's snapshot of every question, measured as the writer writes it."""
    from reflect_cli.records import codec

    ref = ProtocolRef(protocol.id, protocol.version, protocol.title, protocol.sha256)
    empty = Session(
        id="",
        protocol=ref,
        collaborative="",
        date="",
        domains=[
            DomainRecord(d.id, d.title, [AnswerRecord.asking(q) for q in d.questions])
            for d in protocol.domains
        ],
    )
    data = codec.to_dict(empty)
    return room(codec.dump_dict(data), data)


def protocol_problem(protocol: Protocol) -> str:
    """Why sessions of ``protocol`` would outgrow what reflect reads back ("" if they fit):
    its questions alone must leave a meeting ``MEETING``'s room."""
    left = of_protocol(protocol)
    need_bytes, need_values = MEETING
    questions = sum(len(d.questions) for d in protocol.domains)
    if left.values < need_values:
        used = MAX_NODES - left.values
        return _(
            "too large for a session record: its {questions} questions take {used} of "
            "the {most} values reflect reads back in one record, and a meeting needs "
            "{need} more; split it into several protocols"
        ).format(
            questions=f"{questions:,}",
            used=f"{used:,}",
            most=f"{MAX_NODES:,}",
            need=f"{need_values:,}",
        )
    if left.bytes < need_bytes:
        used = MAX_BYTES - left.bytes
        return _(
            "too large for a session record: its {questions} questions take {used} of "
            "the {most} bytes reflect reads back in one record, and a meeting needs "
            "{need} more; split it into several protocols"
        ).format(
            questions=f"{questions:,}",
            used=f"{used:,}",
            most=f"{MAX_BYTES:,}",
            need=f"{need_bytes:,}",
        )
    return ""
