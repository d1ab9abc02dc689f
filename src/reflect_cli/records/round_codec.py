"""A round question's part of a record: ``round``, ``ratings``, ``passed``, ``bands``.

Named ratings are ``{participant: HANDLE, value: V}`` (the organization comes from the
roster). An anonymous round is stored as counts, ``{organization: ORG, value: V, count:
N}`` in sorted order, never with a handle, a name or the order of entry, and already
pooled (``anonymity.stored_ratings``): no organization holds a single rating, and a round
shown overall only keeps no organization at all. A record written before counts
(``{organization: ORG, value: V}``, one a person) still reads: each is a count of one,
pooled whenever it is shown or written again.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from reflect_cli import kinds, scales
from reflect_cli.model import AnswerRecord, Band, Kind, Rating, RoundKind, Scale
from reflect_cli.rounds.analysis import RatingValue
from reflect_cli.rounds.anonymity import stored_ratings, under_way, withheld

_ROUND_KINDS = {k.value: k for k in RoundKind}

#: The most ratings one question may hold (counts are expanded when read: a record
#: from someone else's push saying ``count: 999999999`` must not fill the memory).
MAX_RATINGS = 10_000


def to_dict(question: AnswerRecord) -> dict[str, Any]:
    """The round keys of a question record (none for a question without a round)."""
    if not question.round:
        return {}
    kept = question.withheld
    if question.round is RoundKind.ANONYMOUS:
        stored = stored_ratings(question)
        if withheld(question.round, len(stored)) and not under_way(question):
            kept, stored = kept + len(stored), []  # one value would be its author's
        ratings = tally_dicts(stored)
    else:
        ratings = [rating_dict(r) for r in question.ratings]
    data: dict[str, Any] = {"ratings": ratings, "passed": question.passed}
    if kept:
        data["withheld"] = kept
    if question.passed_by:
        data["passed_by"] = list(question.passed_by)
    # Who has had their turn in an anonymous round is never written here: while the
    # round runs it lives in the private state folder (records/ballots.py), and it is
    # gone at the end.
    if question.round_ended:
        data["round_ended"] = True
    if question.round_begun:
        data["round_begun"] = True
    return data


def snapshot_dict(question: AnswerRecord) -> dict[str, Any]:
    """How the question was set up: its round kind and a scale's bands."""
    data: dict[str, Any] = {}
    if question.bands:
        data["bands"] = [{"min": b.min, "label": b.label} for b in question.bands]
    if question.round:
        data["round"] = str(question.round)
    return data


def tally_dicts(ratings: list[Rating]) -> list[dict[str, Any]]:
    """Anonymous ratings as counts per organization and value, in sorted order: how
    many gave each value, never who or in what order."""
    counts = Counter((r.organization, r.value) for r in ratings)
    data = []
    for (organization, value), count in sorted(counts.items(), key=_tally_order):
        item: dict[str, Any] = {"organization": organization} if organization else {}
        data.append({**item, "value": value, "count": count})
    return data


def _tally_order(item: tuple[tuple[str, RatingValue], int]) -> tuple[str, int, str]:
    """By organization, then value (numbers as numbers): an order the values decide."""
    (organization, value), _ = item
    if isinstance(value, str):
        return (organization, 0, value)
    return (organization, int(value), "")


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


def ratings_of(raw: Any, kind: Kind, qid: str, scale: Scale | None) -> list[Rating]:
    """A record's ``ratings:``: each value must fit the question's kind and its scale."""
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise TypeError(f"ratings of {qid!r} must be a list")
    found: list[Rating] = []
    recorded = kinds.of(kind).check_recorded  # once, not once a rating
    for item in raw:
        if not isinstance(item, dict) or "value" not in item:
            raise TypeError(f"each rating of {qid!r} needs a 'value'")
        try:
            value = recorded(item["value"])
            scales.check_value(scale, value)
        except ValueError as exc:
            raise ValueError(f"a rating of {qid!r}: {exc}") from None
        if not isinstance(value, int | str | bool):
            raise TypeError(f"a rating of {qid!r} must be one value, not {item['value']!r}")
        participant = _name(item.get("participant"), qid)
        organization = "" if participant else _name(item.get("organization"), qid)
        count = 1 if participant else count_of(item.get("count", 1), qid, "count")
        if count < 1 or len(found) + count > MAX_RATINGS:
            raise ValueError(f"ratings of {qid!r} must count 1 to {MAX_RATINGS:,} ratings")
        found += [Rating(value, participant=participant, organization=organization)] * count
    return found


def count_of(value: Any, qid: str, key: str = "passed") -> int:
    """A whole number of at most nine digits (``passed``, a band's ``min``)."""
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int) or abs(value) >= 10**9:
        raise ValueError(f"{key} of {qid!r} must be a whole number, not {value!r}")
    if key in ("passed", "withheld", "count") and value < 0:
        raise ValueError(f"{key} of {qid!r} cannot be negative")
    return value


def bands_of(raw: Any, qid: str, scale: Scale | None) -> tuple[Band, ...]:
    """A record's ``bands:`` snapshot, each band starting on the question's scale."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise TypeError(f"bands of {qid!r} must be a list")
    bands = []
    for item in raw:
        if not isinstance(item, dict) or "min" not in item:
            raise TypeError(f"each band of {qid!r} needs a 'min'")
        low = count_of(item["min"], qid, "band min")
        scales.check_value(scale, low)
        bands.append(Band(low, _name(item.get("label"), qid)))
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
