"""Rounds drawn as inline SVG for the HTML summary: no script, every text escaped.

A dot plot per round: one circle per rating, at its value, coloured by organization, with
a legend (square swatches, so circles are ratings and nothing else) and a mark at the
median. Over several sessions: a small line of the median with the range as a bar.

Each organization's colour and letter are assigned once per export (``Marks.of``: the
organizations in name order), so an organization looks the same in every plot and
legend. Colour is never the only cue: every dot and swatch carries the organization's
letter, which the legend spells out, so a black-and-white print still tells them apart.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape

from reflect_cli.controls import visible
from reflect_cli.i18n.messages import N_, _, ngettext
from reflect_cli.model import AnswerRecord, Participant
from reflect_cli.rounds.analysis import RoundResult, number, option_label
from reflect_cli.rounds.anonymity import OTHER_ORGANIZATIONS, shown_ratings

#: Okabe–Ito colours: told apart with the common colour-vision deficiencies, and in print.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000")
#: The letter's colour on each: white on the dark ones, black on the light ones.
_INK = {"#0072B2": "#fff", "#009E73": "#fff", "#D55E00": "#fff", "#000000": "#fff"}
_COLUMN, _DOT, _LEFT, _TOP = 64, 16, 12, 16
#: The legend of dots with no organization: an anonymous round shown overall only.
UNGROUPED_LEGEND = N_("Not shown by organization")  # translated where shown


@dataclass(frozen=True, slots=True)
class Mark:
    """How one organization's ratings are drawn: a colour and a letter."""

    colour: str
    letter: str

    @property
    def ink(self) -> str:
        return _INK.get(self.colour, "#000")


class Marks:
    """Every organization's mark in one export, assigned once (in name order)."""

    def __init__(self, organizations: Iterable[str]) -> None:
        named = set(organizations) - {OTHER_ORGANIZATIONS}
        ordered = sorted(named, key=lambda o: (o.casefold(), o))
        self.by_organization = {
            org: Mark(PALETTE[i % len(PALETTE)], _letter(i)) for i, org in enumerate(ordered)
        }
        # An anonymous round's pooled ratings: grey, a dash, and always last.
        self.by_organization[OTHER_ORGANIZATIONS] = Mark("#BBBBBB", "–")

    def __getitem__(self, organization: str) -> Mark:
        if not organization:  # an anonymous round shown overall only: no organization
            return _UNGROUPED
        return self.by_organization.get(organization, Mark("#777", "?"))

    def order(self, organization: str) -> int:
        """Where an organization's dots go in a stack: the legend's order."""
        names = list(self.by_organization)
        return names.index(organization) if organization in names else len(names)


_UNGROUPED = Mark("#BBBBBB", "")


def _letter(index: int) -> str:
    """A, B, … Z, then AA, AB, …: short enough to sit inside a dot."""
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return letters[index] if index < 26 else letters[index // 26 - 1] + letters[index % 26]


def _e(text: object) -> str:
    return escape(visible(str(text)), quote=True)


def dot_plot(
    record: AnswerRecord,
    people: Sequence[Participant],
    result: RoundResult,
    question: str,
    marks: Marks | None = None,
) -> str:
    """One circle per rating at its value (stacked where several gave the same), coloured
    and lettered by organization, the median marked, and a legend of the organizations
    in this plot (``marks``: the export's, so every plot agrees)."""
    from reflect_cli.rounds.anonymity import NO_ORGANIZATION

    marks = marks or Marks(result.by_organization)
    organizations = {p.handle: p.organization for p in people}
    points = list(result.counts)  # every scale point or option, in order
    names = [_axis_label(p, record) for p in points]
    column = max(_COLUMN, 7 * max((len(n) for n in names), default=0) + 10)
    legend: list[str] = []
    stacks: dict[str, list[str]] = {p: [] for p in points}
    for rating in sorted(shown_ratings(record), key=lambda r: str(r.value)):
        org = organizations.get(rating.participant, "") if rating.participant else ""
        org = (org or rating.organization).strip() or NO_ORGANIZATION
        if result.overall_only:  # no dot may say whose organization it came from
            org = ""
        stacks.setdefault(option_label(rating.value), []).append(org)
        legend += [] if org in legend else [org]
    legend.sort(key=marks.order)
    for stack in stacks.values():
        stack.sort(key=marks.order)
    tallest = max((len(c) for c in stacks.values()), default=0)
    plot_height = _TOP + max(tallest, 1) * _DOT + 8
    legend_top = plot_height + 40
    width = max(_LEFT * 2 + column * len(points), 320)
    height = legend_top + 20 * len(legend) + 4
    rated = ngettext("{question}: {count} rating", "{question}: {count} ratings", result.n).format(
        question=question, count=result.n
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="dots" role="img" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" '
        f'aria-label="{_e(rated)}">',
        f'<line x1="{_LEFT}" y1="{plot_height}" x2="{_LEFT + column * len(points)}" '
        f'y2="{plot_height}" stroke="#999"/>',
    ]
    for index, (point, label) in enumerate(zip(points, names, strict=True)):
        x = _LEFT + column * index + column // 2
        parts.append(
            f'<text x="{x}" y="{plot_height + 16}" font-size="12" text-anchor="middle">'
            f"{_e(label)}</text>"
        )
        for level, org in enumerate(stacks.get(point, [])):
            y = plot_height - 9 - level * _DOT
            mark = marks[org]
            title = f"{_e(org)}: {_e(point)}" if org else _e(point)
            parts.append(
                f'<circle cx="{x}" cy="{y}" r="7" fill="{mark.colour}" stroke="#000" '
                f'stroke-width="0.5"><title>{title}</title></circle>'
            )
            if mark.letter:
                parts.append(
                    f'<text x="{x}" y="{y + 3}" font-size="9" font-weight="bold" '
                    f'text-anchor="middle" fill="{mark.ink}" aria-hidden="true">'
                    f"{mark.letter}</text>"
                )
    if result.is_scale and result.median is not None and _consecutive(points):
        mx = round(_LEFT + column / 2 + column * (result.median - int(points[0])), 1)
        parts.append(
            f'<line x1="{mx}" y1="{_TOP - 10}" x2="{mx}" y2="{plot_height}" stroke="#444" '
            'stroke-dasharray="3 3"/>'
            f'<text x="{mx + 4}" y="{_TOP - 2}" font-size="11" fill="#444">'
            + _e(_("median {median}").format(median=number(result.median)))
            + "</text>"
        )
    for index, org in enumerate(legend):
        y = legend_top + 20 * index
        mark = marks[org]
        parts.append(
            f'<rect x="{_LEFT}" y="{y - 11}" width="14" height="14" fill="{mark.colour}" '
            f'stroke="#000" stroke-width="0.5"/>'
            f'<text x="{_LEFT + 7}" y="{y}" font-size="9" font-weight="bold" '
            f'text-anchor="middle" fill="{mark.ink}">{mark.letter}</text>'
            f'<text x="{_LEFT + 22}" y="{y}" font-size="12" class="legend">'
            + (f"{mark.letter}: {_e(org)}" if org else _(UNGROUPED_LEGEND))
            + "</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _axis_label(point: str, record: AnswerRecord) -> str:
    """A column's label: the option, or the scale point with its label (``4 Mostly``)."""
    labels = record.scale.labels if record.scale is not None else {}
    shown = f"{point} {labels[int(point)]}" if point.isdigit() and int(point) in labels else point
    return shown if len(shown) <= 18 else shown[:17] + "…"


def _consecutive(points: Sequence[str]) -> bool:
    """Whether a scale's columns are every point in order (long scales show rated ones)."""
    numbers = [int(p) for p in points]
    return bool(numbers) and numbers == list(range(numbers[0], numbers[-1] + 1))


def median_line(held: Sequence[tuple[str, RoundResult]], low: int, high: int, question: str) -> str:
    """The median per session as a line, the range (min to max) as a bar, dates below."""
    if not held:
        return ""
    step, left, top, tall = 90, 36, 12, 110
    width = left + step * len(held) + 20
    span = (high - low) or 1

    def y(value: float) -> float:
        return round(top + tall * (high - value) / span, 1)

    label = _("{question}: median per session").format(question=question)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="trend" role="img" width="{width}" '
        f'height="{top + tall + 34}" viewBox="0 0 {width} {top + tall + 34}" '
        f'aria-label="{_e(label)}">',
        f'<text x="0" y="{y(high) + 4}" font-size="11">{high}</text>',
        f'<text x="0" y="{y(low) + 4}" font-size="11">{low}</text>',
        f'<line x1="{left - 6}" y1="{y(low)}" x2="{width - 10}" y2="{y(low)}" stroke="#ccc"/>',
    ]
    line = []
    for index, (date, result) in enumerate(held):
        x = left + step * index + step // 2
        if result.min is not None and result.max is not None and result.median is not None:
            parts.append(
                f'<line x1="{x}" y1="{y(result.max)}" x2="{x}" y2="{y(result.min)}" '
                'stroke="#9cc3d9" stroke-width="8"/>'
            )
            line.append(f"{x},{y(result.median)}")
            parts.append(
                f'<rect x="{x - 4}" y="{y(result.median) - 4}" width="8" height="8" '
                'fill="#2a6f97"/>'
            )
        parts.append(
            f'<text x="{x}" y="{top + tall + 16}" font-size="11" text-anchor="middle">'
            f"{_e(date)}</text>"
        )
    if len(line) > 1:
        parts.append(
            f'<polyline points="{" ".join(line)}" fill="none" stroke="#2a6f97" stroke-width="2"/>'
        )
    parts.append("</svg>")
    return "".join(parts)
