"""A round question's part of a record: ``round``, ``ratings``, ``passed``, ``bands``.

Named ratings are ``{participant: HANDLE, value: V}`` (the organization comes from the
roster); anonymous ones ``{organization: ORG, value: V}``, never with a handle or name.
"""

from __future__ import annotations

from typing import Any

from reflect_cli import kinds
from reflect_cli.model import AnswerRecord, Band, Kind, Rating, RoundKind

_ROUND_KINDS = {k.value: k for k in RoundKind}


def to_dict(question: AnswerRecord) -> dict[str, Any]:
    """The round keys of a question record (none for a question without a round)."""
    if not question.round:
        return {}
    data: dict[str, Any] = {"ratings": [rating_dict(r) for r in question.ratings]}
    data["passed"] = question.passed
    if question.passed_by:
        data["passed_by"] = list(question.passed_by)
    if question.entered_by:  # sorted: the order people entered is never kept
        data["entered_by"] = sorted(question.entered_by)
    if question.round_ended:
        data["round_ended"] = True
    return data


def snapshot_dict(question: AnswerRecord) -> dict[str, Any]:
    """How the question was set up: its round kind and a scale's bands."""
    data: dict[str, Any] = {}
    if question.bands:
        data["bands"] = [{"min": b.min, "label": b.label} for b in question.bands]
    if question.round:
        data["round"] = str(question.round)
    return data


def rating_dict(rating: Rating) -> dict[str, Any]:
    """One rating as the record writes it."""
    if rating.participant:
        return {"participant": rating.participant, "value": rating.value}
    return {"organization": rating.organization, "value": rating.value}


def round_of(value: Any, qid: str) -> RoundKind | None:
    """A record's ``round:`` key (``named``/``anonymous``; an exported object's ``kind``)."""
    if value is None or value == "":
        return None
    if isinstance(value, dict):  # a JSON export's round object: {kind: named, n: ...}
        value = value.get("kind")
    if not isinstance(value, str) or value not in _ROUND_KINDS:
        raise ValueError(f"question {qid!r} has unknown round {value!r}")
    return _ROUND_KINDS[value]


def ratings_of(raw: Any, kind: Kind, qid: str) -> list[Rating]:
    """A record's ``ratings:``: each value must fit the question's kind."""
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise TypeError(f"ratings of {qid!r} must be a list")
    found = []
    for item in raw:
        if not isinstance(item, dict) or "value" not in item:
            raise TypeError(f"each rating of {qid!r} needs a 'value'")
        try:
            value = kinds.of(kind).check_recorded(item["value"])
        except ValueError as exc:
            raise ValueError(f"a rating of {qid!r}: {exc}") from None
        if not isinstance(value, int | str | bool):
            raise TypeError(f"a rating of {qid!r} must be one value, not {item['value']!r}")
        participant = _name(item.get("participant"), qid)
        organization = "" if participant else _name(item.get("organization"), qid)
        found.append(Rating(value, participant=participant, organization=organization))
    return found


def count_of(value: Any, qid: str, key: str = "passed") -> int:
    """A whole number of at most nine digits (``passed``, a band's ``min``)."""
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int) or abs(value) >= 10**9:
        raise ValueError(f"{key} of {qid!r} must be a whole number, not {value!r}")
    if key == "passed" and value < 0:
        raise ValueError(f"passed of {qid!r} cannot be negative")
    return value


def bands_of(raw: Any, qid: str) -> tuple[Band, ...]:
    """A record's ``bands:`` snapshot."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise TypeError(f"bands of {qid!r} must be a list")
    bands = []
    for item in raw:
        if not isinstance(item, dict) or "min" not in item:
            raise TypeError(f"each band of {qid!r} needs a 'min'")
        bands.append(Band(count_of(item["min"], qid, "band min"), _name(item.get("label"), qid)))
    return tuple(bands)


def names_of(raw: Any, qid: str, key: str = "passed_by") -> list[str]:
    """A record's ``passed_by:`` (or ``entered_by:``) handles."""
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise TypeError(f"{key} of {qid!r} must be a list")
    return [_name(h, qid) for h in raw]


def _name(value: Any, qid: str) -> str:
    if value is None:
        return ""
    if isinstance(value, dict | list):
        raise TypeError(f"a rating of {qid!r} names someone with {type(value).__name__}")
    return str(value)
