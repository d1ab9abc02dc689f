"""JSON: the selected records as an array, in the record format (schema field kept)."""

from __future__ import annotations

import json

from reflect_cli import records
from reflect_cli.export import Options
from reflect_cli.model import Session


def render(sessions: list[Session], options: Options) -> str:
    return json.dumps([records.to_dict(s) for s in sessions], ensure_ascii=False, indent=2) + "\n"
