"""JSON: the selected records as an array, in the record format (schema field kept)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from reflect_cli.controls import json_safe
from reflect_cli.model import Rating, Session
from reflect_cli.records import codec, round_codec
from reflect_cli.render.export.base import Options
from reflect_cli.rounds import text as round_text
from reflect_cli.rounds.anonymity import shown_ratings
from reflect_cli.rounds.json_object import to_json


def render(sessions: Iterable[Session], options: Options) -> Iterator[str]:
    yield "["
    for number, session in enumerate(sessions):
        # DEL and C1 controls as JSON escapes: safe on a terminal, read back exactly.
        text = json_safe(json.dumps(_record(session, options), ensure_ascii=False))
        yield ("," if number else "") + "\n" + text
    yield "\n]\n"


def _record(session: Session, options: Options) -> dict[str, Any]:
    data = codec.to_dict(session)
    # A round question's ``round`` is what the round came to, its kind included.
    held = {q.id: q for _, q in session.answers() if q.round}
    for domain in data["domains"]:
        for question in domain["questions"]:
            record = held.get(question["id"])
            if record is not None and record.round:
                result = round_text.of_record(record, session.participants)
                question["round"] = to_json(result, record.round, bool(record.bands))
                # A lone anonymous rating, or one alone in its organization, would name its
                # author: the export holds them as every other summary shows them.
                shown = shown_ratings(record)
                question["ratings"] = [_rating(r) for r in shown]
    if options.notice:
        data["redaction"] = options.notice
    return data


def _rating(rating: Rating) -> dict[str, Any]:
    """A rating as the record writes it; one of an anonymous round shown overall only
    carries no organization at all (``{value: V}``)."""
    data = round_codec.rating_dict(rating)
    if not rating.participant and not rating.organization:
        del data["organization"]
    return data
