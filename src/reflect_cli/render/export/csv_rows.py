"""CSV in long format: one row per answer, for coding in spreadsheets and QDA tools; a
round question adds one row per rating (participant empty when it was anonymous)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from reflect_cli.kinds import answer_text
from reflect_cli.model import Session
from reflect_cli.render.export.base import Options
from reflect_cli.rounds.analysis import option_label

HEADER = [
    "session_id",
    "date",
    "collaborative",
    "site",
    "protocol",
    "domain_id",
    "domain",
    "question_id",
    "prompt",
    "kind",
    "answer",
    "credits",
    "participant",
    "organization",
    "value",
]
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: str, excel: bool) -> str:
    # A spreadsheet runs a cell that starts like a formula; Excel mode makes it text.
    return "'" + value if excel and value.startswith(_FORMULA) else value


def render(sessions: Iterable[Session], options: Options) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180
    if options.excel:
        buffer.write("\ufeff")
    writer.writerow(HEADER)
    for session in sessions:
        names = session.names()
        organizations = {p.handle: p.organization for p in session.participants}
        for domain, record in session.answers():
            row = [
                session.id, session.date, session.collaborative, session.site, session.protocol.id,
                domain.id, domain.title, record.id, record.prompt, record.kind,
                answer_text(record.kind, record.answer),
                "; ".join(names.get(c, c) for c in record.credits),
            ]  # fmt: skip
            writer.writerow([_cell(cell, options.excel) for cell in [*row, "", "", ""]])
            # A round: one more row per rating (an anonymous one names no participant).
            for rating in record.ratings:
                organization = organizations.get(rating.participant, rating.organization)
                cells = [
                    *row[:10],
                    "",
                    "",
                    names.get(rating.participant, rating.participant),
                    organization if rating.participant else rating.organization,
                    option_label(rating.value),
                ]
                writer.writerow([_cell(cell, options.excel) for cell in cells])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()
