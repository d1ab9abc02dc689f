"""The coding report as JSON and as one long CSV table (for scripts and spreadsheets);
the terminal draws the same ``coding.report.Report`` (``ui/coding_view.py``)."""

from __future__ import annotations

import csv
import io
import json

from reflect_cli.coding.report import Report, Section
from reflect_cli.controls import json_safe
from reflect_cli.render.coding.shown import Shown

CSV_COLUMNS = ("section", "code", "group", "passages", "partnerships", "value")


def _number(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _group(section: Section, group: str, shown: Shown) -> str:
    return shown.place(group) if section is Section.SITE else group


def to_data(report: Report, shown: Shown) -> dict[str, object]:
    """The report as plain data (what ``--json`` prints)."""
    data: dict[str, object] = {
        "coders": report.coders,
        "passages": report.passages,
        "decided": report.decided,
        "redacted": shown.redacted,
        "not_in_codebook": report.not_in_codebook,
        "counts": [
            {
                "section": str(c.section),
                "code": c.code,
                "group": _group(c.section, c.group, shown),
                "passages": c.passages,
                "partnerships": c.partnerships,
            }
            for c in report.counts
        ],
        "together": [
            {"codes": [t.first, t.second], "passages": t.passages} for t in report.together
        ],
        "excerpts": [{"code": e.code, **shown.passage(e.passage)} for e in report.excerpts],
    }
    found = report.agreement
    if found is not None:
        data["agreement"] = {
            "alpha": _number(found.alpha),
            "passages": found.shared,
            "pairs": [
                {
                    "coders": [p.first, p.second],
                    "passages": p.passages,
                    "kappa": {code: _number(k) for code, k in p.kappa.items()},
                    "differences": [
                        {
                            "passage": shown.address(d.address),
                            p.first: list(d.first),
                            p.second: list(d.second),
                        }
                        for d in p.differences
                    ],
                }
                for p in found.pairs
            ],
        }
    return data


def to_json(report: Report, shown: Shown) -> str:
    text = json.dumps(to_data(report, shown), ensure_ascii=False, indent=2)
    return json_safe(text) + "\n"


def to_csv(report: Report, shown: Shown) -> str:
    """Counts, codes together and kappas as one long table (no passage text; sites
    redacted with the rest)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for c in report.counts:
        group = _group(c.section, c.group, shown)
        writer.writerow([c.section, c.code, group, c.passages, c.partnerships, ""])
    for t in report.together:
        writer.writerow(["together", t.first, t.second, t.passages, "", ""])
    if report.agreement is not None:
        for pair in report.agreement.pairs:
            for code, kappa in pair.kappa.items():
                value = "" if kappa is None else f"{kappa:.4f}"
                group = f"{pair.first}|{pair.second}"
                writer.writerow(["kappa", code, group, pair.passages, "", value])
        alpha = report.agreement.alpha
        value = "" if alpha is None else f"{alpha:.4f}"
        writer.writerow(["alpha", "", "", report.agreement.shared, "", value])
    return out.getvalue()
