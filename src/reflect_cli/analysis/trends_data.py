"""`reflect trends` as data: one JSON document, or one tidy CSV (a row per number, the
``table`` column saying which part it belongs to), both from the same ``Report``."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from reflect_cli.analysis.trends import NO_SECTOR, QuestionTrend, Report, Stats
from reflect_cli.rounds.analysis import RoundResult

#: The CSV's columns, in order; a row fills those of its table.
CSV_COLUMNS = (
    "table",
    "question_id",
    "period",
    "sector",
    "value",
    "count",
    "denominator",
    "percent",
    "n",
    "median",
    "q1",
    "q3",
    "iqr",
    "period_after",
    "value_after",
    "partnership",
    "session_id",
    "away_count",
    "away_share",
    "gap",
    "divergent",
    "made",
    "kept",
    "on_time",
    "dropped",
    "owed",
    "overdue",
    "as_of",
)


def _num(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else round(value, 3)


def _stats(stats: Stats | None) -> dict[str, object]:
    if stats is None:
        return {"n": 0}
    return {
        "n": stats.n,
        "median": _num(stats.median),
        "q1": _num(stats.q1),
        "q3": _num(stats.q3),
        "iqr": _num(stats.iqr),
    }


def _round(result: RoundResult) -> dict[str, object]:
    return {
        "n": result.n,
        "median": _num(result.median),
        "q1": _num(result.q1),
        "q3": _num(result.q3),
        "iqr": _num(result.iqr),
        # how many ratings sit a quarter of the scale or more from the median, and that
        # count over n (the terminal shows the share as a percentage)
        "away_count": result.away,
        "away_share": _num(result.away / result.n) if result.n else None,
        "gap": _num(result.gap),
        "divergent": result.divergent,
        "reasons": list(result.reasons),
    }


def _question(question: QuestionTrend) -> dict[str, object]:
    data: dict[str, object] = {
        "id": question.id,
        "prompt": question.prompt,
        "kind": str(question.kind),
    }
    if question.is_scale:
        data["periods"] = [
            {
                "period": p.period,
                **_stats(p.overall),
                "skipped": p.skipped,
                "by_sector": {s: _stats(v) for s, v in p.by_sector.items()},
                "rounds": len(p.rounds),
                "divergent_rounds": p.flagged,
                "divergent": [
                    {"partnership": r.partnership, "session_id": r.session, **_round(r.result)}
                    for r in p.rounds
                    if r.result.divergent
                ],
            }
            for p in question.scales
        ]
        return data
    data["options"] = question.options
    data["periods"] = [
        {
            "period": p.period,
            "answered": p.answered,
            "skipped": p.skipped,
            "counts": {k: p.counts.get(k, 0) for k in _labels(question, p.counts)},
            **({"none_chosen": p.none_chosen} if question.kind == "multi" else {}),
        }
        for p in question.counts
    ]
    data["transitions"] = [
        {
            "from_period": t.before,
            "to_period": t.after,
            "from": t.value_before,
            "to": t.value_after,
            "partnerships": t.partnerships,
        }
        for t in question.transitions
    ]
    return data


def _labels(question: QuestionTrend, counts: dict[str, int]) -> list[str]:
    """The question's options in the protocol's order (zeros included), then any other
    label counted (a tie, an option the protocol since dropped)."""
    return [*question.options, *sorted(set(counts) - set(question.options))]


def as_json(report: Report) -> dict[str, object]:
    """The report as one JSON object."""
    data: dict[str, object] = {
        "format_version": 1,
        "about": report.caption,
        "questions": [_question(q) for q in report.questions],
    }
    if report.commitments is not None:
        data["as_of"] = report.as_of
        data["commitments"] = [
            {
                "collaborative": k.collaborative,
                "made": k.made,
                "kept": k.kept,
                "on_time": k.on_time,
                "dropped": k.dropped,
                "owed": k.owed,
                "overdue": k.overdue,
            }
            for k in report.commitments
        ]
    return data


def _rows(report: Report) -> Iterator[dict[str, object]]:
    for q in report.questions:
        if q.is_scale:
            for p in q.scales:
                groups = [("all", p.overall), *p.by_sector.items()]
                for sector, stats in groups:
                    yield {
                        "table": "scale",
                        "question_id": q.id,
                        "period": p.period,
                        "sector": sector if sector != NO_SECTOR else "",
                        **_stats(stats),
                    }
                for r in p.rounds:
                    yield {
                        "table": "round",
                        "question_id": q.id,
                        "period": p.period,
                        "partnership": r.partnership,
                        "session_id": r.session,
                        **_round(r.result),
                        "reasons": None,
                    }
            continue
        for c in q.counts:
            for label in _labels(q, c.counts):
                count = c.counts.get(label, 0)
                yield {
                    "table": "count",
                    "question_id": q.id,
                    "period": c.period,
                    "value": label,
                    "count": count,
                    "denominator": c.answered,
                    "percent": _num(100 * count / c.answered) if c.answered else None,
                }
            yield {"table": "skipped", "question_id": q.id, "period": c.period, "count": c.skipped}
        for t in q.transitions:
            yield {
                "table": "transition",
                "question_id": q.id,
                "period": t.before,
                "value": t.value_before,
                "period_after": t.after,
                "value_after": t.value_after,
                "count": t.partnerships,
            }
    for k in report.commitments or []:
        yield {
            "table": "commitments",
            "partnership": k.collaborative,
            "made": k.made,
            "kept": k.kept,
            "on_time": k.on_time,
            "dropped": k.dropped,
            "owed": k.owed,
            "overdue": k.overdue,
            "as_of": report.as_of,
        }


def _cell(value: object) -> object:
    """A CSV cell: empty for none, ``true``/``false`` as the data package writes them."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def csv_lines(report: Report) -> Iterator[str]:
    """The report as tidy CSV rows (RFC 4180 line endings), the header first."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, CSV_COLUMNS, extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    for row in _rows(report):
        writer.writerow({k: _cell(v) for k, v in row.items()})
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()
