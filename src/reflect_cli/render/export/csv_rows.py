"""CSV in long format: one row per answer, for coding in spreadsheets and QDA tools; a
multi-choice answer is one row per chosen label, and a round question adds one row per
rating (participant empty when it was anonymous); with --include-private, one row per
private note (kind ``private-note``). ``row_kind`` says which each row is. For analysis,
the data package (``datapackage``) has the same in tidy tables, one value per cell."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from enum import StrEnum

from reflect_cli import kinds
from reflect_cli.controls import visible
from reflect_cli.model import AnswerRecord, Kind, Session
from reflect_cli.render.export.base import Options
from reflect_cli.rounds.analysis import option_label
from reflect_cli.rounds.anonymity import shown_ratings

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
    "label",
    "choice",
    "status",
    # "yes" on every row of a redacted export: a CSV that travels alone still says so.
    "redacted",
    # Added after the first columns, so scripts that read them by position keep working.
    "row_kind",
    "skipped",
]
#: The ``kind`` of a private note's row (``--include-private``).
NOTE_KIND = "private-note"


class RowKind(StrEnum):
    """What a row is: a question's answer (one per chosen label of a multi-choice answer),
    a round question's discussion, one person's rating in that round, a private note."""

    ANSWER = "answer"
    DISCUSSION = "discussion"
    RATING = "rating"
    NOTE = "private-note"


_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: str, excel: bool) -> str:
    # Control characters shown as escapes (a CSV is often read with `cat`); a spreadsheet
    # runs a cell that starts like a formula, so Excel mode makes it text.
    value = visible(value, crlf=True)
    return "'" + value if excel and value.startswith(_FORMULA) else value


def render(sessions: Iterable[Session], options: Options) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180
    if options.excel:
        buffer.write("\ufeff")
    writer.writerow(HEADER)
    redacted = "yes" if options.redact else "no"
    for session in sessions:
        names = session.names()
        organizations = {p.handle: p.organization for p in session.participants}
        for domain, record in session.answers():
            start = [
                session.id, session.date, session.collaborative, session.site, session.protocol.id,
                domain.id, domain.title, record.id, record.prompt, record.kind,
            ]  # fmt: skip
            credits = "; ".join(names.get(c, c) for c in record.credits)
            own = RowKind.DISCUSSION if record.round else RowKind.ANSWER
            skipped = "yes" if record.skipped else "no"
            for answer, value, label, choice in _answers(record):
                row = [*start, answer, credits, "", "", value, label, choice, session.status]
                row += [redacted, own, skipped]
                writer.writerow([_cell(cell, options.excel) for cell in row])
            # A round: one more row per rating (an anonymous one names no participant;
            # a lone anonymous rating would name its author, so it has no row).
            for rating in shown_ratings(record):
                organization = organizations.get(rating.participant, rating.organization)
                scale = record.scale.labels if record.scale else {}
                label = scale.get(rating.value, "") if isinstance(rating.value, int) else ""
                row = [
                    *start, "", "", names.get(rating.participant, rating.participant),
                    organization if rating.participant else rating.organization,
                    option_label(rating.value), label, "", session.status, redacted,
                    RowKind.RATING, "",
                ]  # fmt: skip
                writer.writerow([_cell(cell, options.excel) for cell in row])
        # Private notes (only with --include-private: prepare() empties them otherwise):
        # one row each, kind "private-note", at the question it was written at.
        asked = {record.id: (domain, record) for domain, record in session.answers()}
        for note in session.notes:
            domain_id = domain_title = prompt = ""
            if note.question in asked:
                domain, record = asked[note.question]
                domain_id, domain_title, prompt = domain.id, domain.title, record.prompt
            row = [
                session.id, session.date, session.collaborative, session.site,
                session.protocol.id, domain_id, domain_title, note.question, prompt,
                NOTE_KIND, note.text, "", "", "", "", "", "", session.status, redacted,
                RowKind.NOTE, "",
            ]  # fmt: skip
            writer.writerow([_cell(cell, options.excel) for cell in row])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


def _answers(record: AnswerRecord) -> list[tuple[str, str, str, str]]:
    """(answer, value, label, choice) rows: one per chosen label of a multi-choice answer,
    so labels that hold commas never need splitting; a scale's value and label apart."""
    if isinstance(record.answer, list):
        return [(x, x, "", x) for x in record.answer] or [("", "", "", "")]
    value = record.answer
    if value is None or record.kind is Kind.TEXT or record.round:  # a round's is its talk
        raw = ""
    elif isinstance(value, bool):
        raw = "yes" if value else "no"
    else:
        raw = str(value)
    return [(kinds.shown(record), raw, kinds.scale_label(record), "")]
