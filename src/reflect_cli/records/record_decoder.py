"""Record data (parsed YAML, or the cache's copy of it) into a typed session, strictly.

Anything reflect would not have written is ``decoding.Invalid`` at its key path: wrong
types, impossible dates, unknown kinds and statuses, empty names, answers that do not
fit their question. Keys a newer reflect added are kept (``Session.extra``).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from typing import Any, TypeVar

from reflect_cli import kinds, scales
from reflect_cli.dates import not_far_ahead
from reflect_cli.i18n import tags
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
    RoundKind,
    Scale,
    Sector,
    Session,
    SessionStatus,
    Wording,
)
from reflect_cli.records import round_codec
from reflect_cli.records.decoding import Fields, Invalid, to_int, to_text

KNOWN_KEYS = (
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
    "language",
    "participants",
    "intro",
    "follow_up",
    "domains",
    "actions",
    "notes",
)
_KIND = {k.value: k for k in Kind}  # a dict lookup is faster than calling the enum
_SESSION_STATUS = {s.value: s for s in SessionStatus}
_COMMITMENT_STATUS = {s.value: s for s in CommitmentStatus}
T = TypeVar("T")
_NUMBER = re.compile(r"-?[0-9]{1,9}")


def _session_date(top: Fields) -> str:
    """The session's date, never far in the future (``dates.not_far_ahead``)."""
    day = top.date("date", required=True)
    try:
        return not_far_ahead(day)
    except ValueError as exc:
        raise top.invalid("date", str(exc)) from None


def _collaborative(top: Fields) -> str:
    """The collaborative's name. reflect writes text here, never null: a null is an edit
    that would count as a partnership with no name in every rollup."""
    if "collaborative" in top.data and top.data["collaborative"] is None:
        raise top.invalid("collaborative", "must be the collaborative's name, not null")
    return top.text("collaborative")


def session_of(data: dict[str, Any]) -> Session:
    """The session in record data (its schema already checked); ``Invalid`` if not."""
    top = Fields(data)
    ref = top.mapping("protocol")
    if ref is None:
        raise Invalid((), "missing 'protocol'")
    version = ref.integer("version", 1)
    if version < 1:
        raise ref.invalid("version", f"must be 1 or more, not {version}")
    return Session(
        id=top.text("id", required=True),
        status=top.one_of("status", _SESSION_STATUS, "draft"),
        protocol=ProtocolRef(
            id=ref.text("id", required=True),
            version=version,
            title=ref.text("title"),
            sha256=ref.text("sha256"),
            source=ref.text("source"),
            asked_title=ref.text("asked_title"),
        ),
        language=_language(top),
        collaborative=_collaborative(top),
        site=top.text("site"),
        date=_session_date(top),
        started=top.text("started"),
        updated=top.text("updated"),
        facilitator=top.text("facilitator"),
        participants=[
            Participant(
                name=p.text("name", required=True),
                organization=p.text("organization"),
                role=p.text("role"),
                handle=p.text("handle"),
                present=p.flag("present", True),
                left=p.flag("left", False),
                sector=_sector(p),
                joined_at=p.text("joined_at"),
                left_at=p.text("left_at"),
                interpreter=p.text("interpreter"),
            )
            for p in top.each("participants")
        ],
        intro=_intro(top),
        follow_up=[_action(a) for a in top.each("follow_up")],
        domains=[
            DomainRecord(
                id=d.text("id", required=True),
                title=d.text("title"),
                questions=[_question(q) for q in d.each("questions")],
                asked_title=d.text("asked_title"),
            )
            for d in top.each("domains")
        ],
        actions=[_action(a) for a in top.each("actions")],
        notes=[Note(n.text("text"), n.text("question")) for n in top.each("notes")],
        extra={k: v for k, v in data.items() if k not in KNOWN_KEYS},
    )


def _sector(person: Fields) -> Sector | None:
    """A participant's sector, exactly as reflect writes it; none in older records."""
    text = person.text("sector")
    if not text:
        return None
    try:
        return Sector(text)
    except ValueError:
        known = ", ".join(s.value for s in Sector)
        raise person.invalid("sector", f"not a sector ({known}): {text!r}") from None


def _intro(top: Fields) -> dict[str, str]:
    intro = top.mapping("intro")
    if intro is None:
        return {}
    found = {}
    for key in intro.data:
        if not isinstance(key, str):
            raise intro.invalid(key, "an intro step id must be text")
        found[key] = intro.text(key)
    return found


def _action(raw: Fields) -> Action:
    return Action(
        text=raw.text("text", required=True),
        owner=raw.text("owner"),
        due=raw.date("due"),
        status=raw.one_of("status", _COMMITMENT_STATUS, "open"),
        question=raw.text("question"),
        origin=raw.text("from"),
        note=raw.text("note"),
    )


def _question(raw: Fields) -> AnswerRecord:
    kind = raw.one_of("kind", _KIND, "text")
    qid = sys.intern(raw.text("id", required=True))
    scale = _scale(raw, kind)
    if _ROUND_KEYS.isdisjoint(raw.data):  # most questions: no round, nothing of one to read
        return _answer_record(raw, qid, kind, scale)
    round_kind = _round(raw, "round", lambda v: round_codec.round_of(v, qid))
    entered_by = _round(raw, "entered_by", lambda v: round_codec.names_of(v, qid, "entered_by"))
    round_ended = raw.flag("round_ended")
    # An older draft kept an anonymous round under way in the record itself, marked only
    # by who had had their turn (emptied when a round ends): it is in progress, so every
    # reader (``show``, every export, the index that serves them) shows it as under way
    # and ``resume`` asks the next person, rather than taking its entries for a result.
    older_under_way = round_kind is RoundKind.ANONYMOUS and bool(entered_by) and not round_ended
    return AnswerRecord(
        id=qid,
        prompt=sys.intern(raw.text("prompt")),  # the same few prompts in every session
        kind=kind,
        choices=_choices(raw),
        # A round's answer is its discussion: text, whatever the question's kind.
        answer=_answer(raw, Kind.TEXT if round_kind else kind, scale),
        credits=raw.texts("credits"),
        skipped=raw.flag("skipped"),
        in_progress=raw.flag("in_progress") or older_under_way,
        scale=scale,
        required=raw.flag("required"),
        help=raw.text("help"),
        round=round_kind,
        ratings=_round(raw, "ratings", lambda v: round_codec.ratings_of(v, kind, qid, scale)),
        passed=_round(raw, "passed", lambda v: round_codec.count_of(v, qid)),
        passed_by=_round(raw, "passed_by", lambda v: round_codec.names_of(v, qid)),
        bands=_round(raw, "bands", lambda v: round_codec.bands_of(v, qid, scale)),
        entered_by=entered_by,
        withheld=_round(raw, "withheld", lambda v: round_codec.count_of(v, qid, "withheld")),
        round_ended=round_ended,
        round_begun=raw.flag("round_begun"),
        asked=_asked(raw, qid, scale),
    )


#: The keys of a round (``round_codec``) and of a scale's bands.
_ROUND_KEYS = frozenset(
    ("round", "entered_by", "round_ended", "ratings", "passed", "passed_by", "bands", "withheld")
)


def _answer_record(raw: Fields, qid: str, kind: Kind, scale: Scale | None) -> AnswerRecord:
    """A question record with none of ``_ROUND_KEYS``: what ``_question`` reads of it
    when each of them reads as absent."""
    return AnswerRecord(
        id=qid,
        prompt=sys.intern(raw.text("prompt")),
        kind=kind,
        choices=_choices(raw),
        answer=_answer(raw, kind, scale),
        credits=raw.texts("credits"),
        skipped=raw.flag("skipped"),
        in_progress=raw.flag("in_progress"),
        scale=scale,
        required=raw.flag("required"),
        help=raw.text("help"),
        round_begun=raw.flag("round_begun"),
        asked=_asked(raw, qid, scale),
    )


def _language(top: Fields) -> str:
    """The session's language: a BCP 47 tag; English in records that do not say."""
    text = top.text("language")
    if not text:
        return tags.SOURCE
    try:
        return tags.parse(text)
    except ValueError as exc:
        raise top.invalid("language", str(exc)) from None


def _asked(raw: Fields, qid: str, scale: Scale | None) -> Wording | None:
    """The texts a question was asked with in the session's language; each list as long
    as the question's own (a choice's translation is found by its place)."""
    asked = raw.mapping("asked")
    if asked is None:
        return None
    choices = _choices(asked)
    if len(choices) != len(raw.data.get("choices") or ()):
        raise asked.invalid("choices", "must translate each of the question's choices")
    bands = _round(asked, "bands", lambda v: round_codec.bands_of(v, qid, scale))
    if len(bands) != len(raw.data.get("bands") or ()):
        raise asked.invalid("bands", "must translate each of the question's bands")
    labels = asked.mapping("scale_labels")
    found = {}
    for point in labels.data if labels else ():
        assert labels is not None
        number = _point(point)
        if number is None:
            raise labels.invalid(point, "is not a whole number")
        found[number] = labels.text(point)
    return Wording(asked.text("prompt", required=True), asked.text("help"), choices, found, bands)


def _round(raw: Fields, key: str, read: Callable[[Any], T]) -> T:
    """A round key, read by ``round_codec``; its refusal reported at the key."""
    try:
        return read(raw.data.get(key))
    except (TypeError, ValueError) as exc:
        raise raw.invalid(key, str(exc)) from None


def _answer(raw: Fields, kind: Kind, scale: Scale | None) -> Answer:
    value = raw.data.get("answer")
    if value is None:
        return None
    try:
        answer = kinds.of(kind).check_recorded(value)
        scales.check_value(scale, answer)
        return answer
    except ValueError as exc:
        raise raw.invalid("answer", str(exc)) from None


def _choices(raw: Fields) -> tuple[Choice, ...]:
    found = []
    for path, item in raw.items("choices"):
        if isinstance(item, dict):
            choice = Fields(item, path)
            found.append(Choice(choice.text("label", required=True), choice.text("help")))
            continue
        try:
            label = to_text(item)
        except ValueError as exc:
            raise Invalid(path, str(exc)) from None
        if not label.strip():
            raise Invalid(path, "a choice is empty")
        found.append(Choice(label))
    return tuple(found)


def _scale(raw: Fields, kind: Kind) -> Scale | None:
    scale = raw.mapping("scale")
    if scale is None:
        # Records written before the snapshot asked every scale from 1 to 5.
        return Scale(1, 5) if kind is Kind.SCALE else None
    low, high = scale.integer("min"), scale.integer("max")
    reason = scales.problem(low, high)
    if reason:
        raise raw.invalid("scale", reason)
    labels = scale.mapping("labels")
    found = {}
    for point in labels.data if labels else ():
        assert labels is not None
        number = _point(point)
        if number is None or not low <= number <= high:
            raise labels.invalid(point, f"is not a whole number from {low} to {high}")
        found[number] = labels.text(point)
    return Scale(low, high, found)


def _point(key: Any) -> int | None:
    # The JSON cache turns number keys into text: both read back as numbers.
    if isinstance(key, str) and _NUMBER.fullmatch(key):
        return int(key)
    try:
        return to_int(key)
    except ValueError:
        return None
