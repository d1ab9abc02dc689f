"""JSON: the selected records as an array, in the record format (schema field kept)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from reflect_cli.model import Session
from reflect_cli.records import codec
from reflect_cli.render.export.base import Options


def render(sessions: Iterable[Session], options: Options) -> Iterator[str]:
    yield "["
    for number, session in enumerate(sessions):
        yield (
            ("," if number else "")
            + "\n"
            + json.dumps(_record(session, options), ensure_ascii=False)
        )
    yield "\n]\n"


def _record(session: Session, options: Options) -> dict[str, Any]:
    data = codec.to_dict(session)
    if options.notice:
        data["redaction"] = options.notice
    return data
