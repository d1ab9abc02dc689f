"""Answers as people read them: "3 of 5 — Partly", multi-choice answers as their labels.

Multi-choice labels can hold commas ("Planning, and shared decisions"), so they are kept
as a list for bullets and rows, and joined with "; " only where one line is needed.
"""

from __future__ import annotations

from reflect_cli import kinds
from reflect_cli.model import AnswerRecord, Kind

JOIN = "; "


def scale_label(record: AnswerRecord) -> str:
    """The scale's label for the answer given ("Partly"), or ""."""
    if record.scale is None or not isinstance(record.answer, int):
        return ""
    return record.scale.labels.get(record.answer, "")


def shown(record: AnswerRecord) -> str:
    """The answer as one piece of text ("" when there is none)."""
    value = record.answer
    if record.kind is Kind.SCALE and isinstance(value, int) and not isinstance(value, bool):
        of = f" of {record.scale.max}" if record.scale else ""
        label = scale_label(record)
        return f"{value}{of}" + (f" — {label}" if label else "")
    if isinstance(value, list):
        return JOIN.join(str(v) for v in value)
    return kinds.answer_text(record.kind, value)


def items(record: AnswerRecord) -> list[str]:
    """A multi-choice answer's labels, one each; any other answer as a list of one."""
    if isinstance(record.answer, list):
        return [str(v) for v in record.answer]
    text = shown(record)
    return [text] if text else []


def cell(record: AnswerRecord | None) -> str:
    """The answer in one cell of a table over time."""
    if record is None:
        return kinds.EMPTY_CELL
    return shown(record) or kinds.EMPTY_CELL
