"""`reflect trends` in a terminal: one table per question (periods as columns, a small
sparkline per row), the transitions, the rounds where partners see it differently, and
the commitments kept per partnership. Everything is drawn by ``terminal.table``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from reflect_cli.analysis.commitments import Kept
from reflect_cli.analysis.trends import (
    NO_SECTOR,
    TIE,
    PeriodCounts,
    QuestionTrend,
    Report,
    Stats,
)
from reflect_cli.i18n.messages import _, ngettext
from reflect_cli.rounds.analysis import number
from reflect_cli.ui import terminal

if TYPE_CHECKING:
    from rich.console import Console

_BARS = "▁▂▃▄▅▆▇█"
#: The most flagged rounds a terminal table lists.
SHOWN_ROUNDS = 20


def sparkline(values: Sequence[float | None], low: float = 0.0, high: float | None = None) -> str:
    """One bar per value between ``low`` and ``high`` (the largest when not given); a
    gap (·) where a period has none."""
    known = [v for v in values if v is not None]
    top = high if high is not None else max(known, default=0.0)
    span = top - low
    bars = []
    for value in values:
        if value is None:
            bars.append("·")
            continue
        share = 0.0 if span <= 0 else (value - low) / span
        bars.append(_BARS[min(len(_BARS) - 1, max(0, round(share * (len(_BARS) - 1))))])
    return "".join(bars)


def percent(part: int, whole: int) -> str:
    """``60%``; ``–`` of nothing."""
    return f"{round(100 * part / whole)}%" if whole else "–"


def _share(count: int, period: PeriodCounts) -> str:
    return f"{count}/{period.answered} {percent(count, period.answered)}"


def show(report: Report, out: Console | None = None) -> None:
    """The whole report, question by question, then the commitments."""
    out = out or terminal.console()
    out.print(terminal.text(report.caption, "dim"))
    out.print()
    for question in report.questions:
        if question.is_scale:
            _scale(question, out)
        else:
            _counts(question, out)
    if report.commitments is not None:
        commitments(report.commitments, report.as_of, out)


def _title(question: QuestionTrend) -> str:
    return f"{question.id} · {question.shown_prompt or question.prompt}"


def _unanswered(question: QuestionTrend) -> str:
    return _("{question}: no session answered it").format(question=_title(question))


def _counts(question: QuestionTrend, out: Console) -> None:
    periods = question.counts
    if not any(p.answered for p in periods):
        out.print(terminal.text(_unanswered(question), "bold"))
        out.print()
        return
    ties = sorted({k for p in periods for k in p.counts if TIE in k})
    labels = [*question.options]
    labels += sorted({k for p in periods for k in p.counts} - set(labels) - set(ties))
    rows = []
    for label in [*labels, *ties]:
        shares = [p.counts.get(label, 0) / p.answered if p.answered else None for p in periods]
        shown = question.label(label)
        name = _("{label} (tie)").format(label=shown) if TIE in label else shown
        cells = [_share(p.counts.get(label, 0), p) for p in periods]
        rows.append([name, *cells, sparkline(shares, 0.0, 1.0)])
    if any(p.none_chosen for p in periods):
        rows.append([_("chose none"), *[_share(p.none_chosen, p) for p in periods], ""])
    rows.append([_("skipped"), *[str(p.skipped) for p in periods], ""])
    headers = ["", *[p.period for p in periods], _("trend")]
    terminal.table(headers, rows, caption=_title(question), out=out, keep=0)
    _transitions(question, out)
    out.print()


def _transitions(question: QuestionTrend, out: Console) -> None:
    moved = [t for t in question.transitions if t.value_before != t.value_after]
    if not question.transitions:
        return
    rows = [
        [
            f"{t.before} → {t.after}",
            f"{question.label(t.value_before)} → {question.label(t.value_after)}",
            ngettext("{count} partnership", "{count} partnerships", t.partnerships).format(
                count=t.partnerships
            ),
        ]
        for t in moved
    ]
    stayed = sum(t.partnerships for t in question.transitions if t.value_before == t.value_after)
    caption = _("Transitions (each partnership's latest session; {stayed} stayed the same)").format(
        stayed=stayed
    )
    if rows:
        headers = [_("periods"), _("moved"), _("how many")]
        terminal.table(headers, rows, caption=caption, out=out)
    else:
        out.print(terminal.text(_("{caption}: none moved").format(caption=caption), "bold"))


def _stats_cells(stats: Stats | None) -> list[str]:
    if stats is None:
        return ["0", "–", "–", "–"]
    return [
        str(stats.n),
        number(stats.median),
        f"{number(stats.q1)}–{number(stats.q3)}",
        number(stats.iqr),
    ]


def _scale(question: QuestionTrend, out: Console) -> None:
    if not any(p.overall for p in question.scales):
        out.print(terminal.text(_unanswered(question), "bold"))
        out.print()
        return
    rows: list[list[str]] = []
    for period in question.scales:
        flagged = (
            _("{flagged} of {rounds}").format(flagged=period.flagged, rounds=len(period.rounds))
            if period.rounds
            else ""
        )
        everyone = _("{period} all").format(period=period.period)
        rows.append([everyone, *_stats_cells(period.overall), flagged])
        if list(period.by_sector) != [NO_SECTOR]:  # one value for the room: no sectors
            for sector, stats in period.by_sector.items():
                rows.append([f"· {_(sector)}", *_stats_cells(stats), ""])
    medians = [p.overall.median if p.overall else None for p in question.scales]
    low, high = question.scale_range
    caption = _("{question} (median {sparkline})").format(
        question=_title(question), sparkline=sparkline(medians, low, high)
    )
    headers = [_("period · sector"), "n", _("median"), "Q1–Q3", _("IQR"), _("flagged")]
    terminal.table(headers, rows, caption=caption, out=out, keep=0)
    divergent = [(p.period, r) for p in question.scales for r in p.rounds if r.result.divergent]
    # The widest gaps first, a screenful at most: --json and --format csv list them all.
    shown = sorted(divergent, key=lambda pr: -(pr[1].result.gap or pr[1].result.iqr or 0))
    shown = sorted(shown[:SHOWN_ROUNDS], key=lambda pr: (pr[0], pr[1].partnership.casefold()))
    if divergent:
        rows = [
            [
                period,
                row.partnership,
                number(row.result.median),
                number(row.result.iqr),
                percent(row.result.away, row.result.n),
                number(row.result.gap),
                "; ".join(row.result.reasons),
            ]
            for period, row in shown
        ]
        headers = [
            _("period"),
            _("partnership"),
            _("median"),
            _("IQR"),
            _("away"),
            _("gap"),
            _("why"),
        ]
        caption = _("Where partners see it differently")
        if len(divergent) > len(shown):
            caption += " " + _("(the {shown} widest of {all}; --json lists all)").format(
                shown=len(shown), all=len(divergent)
            )
        terminal.table(headers, rows, caption=caption, out=out)
    out.print()


def commitments(kept: Sequence[Kept], as_of: str, out: Console | None = None) -> None:
    """Commitments made, kept, kept on time, dropped, still owed and overdue."""
    out = out or terminal.console()
    rows = [
        [
            k.collaborative,
            str(k.made),
            f"{k.kept} {percent(k.kept, k.made)}",
            f"{k.on_time} {percent(k.on_time, k.made)}",
            str(k.dropped),
            str(k.owed),
            str(k.overdue),
        ]
        for k in kept
    ]
    total = Kept(_("All partnerships"))
    for k in kept:
        total.made += k.made
        total.kept += k.kept
        total.on_time += k.on_time
        total.dropped += k.dropped
        total.owed += k.owed
        total.overdue += k.overdue
    rows.append(
        [
            total.collaborative,
            str(total.made),
            f"{total.kept} {percent(total.kept, total.made)}",
            f"{total.on_time} {percent(total.on_time, total.made)}",
            str(total.dropped),
            str(total.owed),
            str(total.overdue),
        ]
    )
    headers = [
        _("partnership"),
        _("made"),
        _("kept"),
        _("on time"),
        _("dropped"),
        _("owed"),
        _("overdue"),
    ]
    caption = _("Commitments (overdue as of {date})").format(date=as_of)
    terminal.table(headers, rows, caption=caption, out=out)
