"""What a round means, computed in one place: pure functions over ratings, no I/O.

A round is every present partner's own rating of one scale, choice or yes-no question.
The result says how many rated and passed, where the middle is, how far apart the ratings
are (``iqr``, the interquartile range; ``away``, how many ratings sit a quarter of the
scale or more from the median), how each organization and each sector sees it (``gap``,
the distance between the highest and lowest sector's median, or organization's when no
sector was given), and whether partners see it differently (``divergent``).

The rule, the one place it is decided: for a scale, partners see it differently when the
middle half of the ratings spans at least half the scale (IQR of 2 or more on 1 to 5), or
two sectors' (else organizations') medians are at least half the scale apart. One
person a point off the rest (5, 5, 5, 4) is agreement, not divergence. For a choice or
yes-no question: no option has a majority.

The result never depends on the order of the ratings (anonymous rounds are stored
shuffled, and must mean the same thing however they were shuffled).

What an anonymous round may show (``withheld``, pooled organizations, ``overall_only``)
is decided in ``anonymity``, which ``analyse`` asks.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from reflect_cli.i18n.messages import _
from reflect_cli.model import Band, Kind, RoundKind
from reflect_cli.rounds.anonymity import (
    MIN_GROUP,
    NO_ORGANIZATION,
    OTHER_ORGANIZATIONS,
    by_organization_shown,
    pooled,
    withheld,
)

#: A rating: a whole number (scale), a choice's label (choice) or True/False (yes-no).
RatingValue = int | str | bool


@dataclass(frozen=True, slots=True)
class Group:
    """One organization's ratings: how many, their median (scale) or counts (choice)."""

    n: int
    median: float | None = None
    counts: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class RoundResult:
    """What one round comes to. ``median``/``mean``/``min``/``max`` are for scales only.
    ``counts`` maps each option (choice, yes-no) or scale point (as text) to how many
    chose it: every option and point in order, zeros included (only the points rated
    when a scale is longer than eleven points)."""

    kind: Kind
    n: int
    passed: int
    #: An anonymous round with too few ratings to show: only ``n`` and ``passed`` are set.
    withheld: bool = False
    #: An anonymous round not yet ended (``withheld`` too: nothing of it is shown).
    under_way: bool = False
    #: An anonymous round that may not be shown by organization: ``by_organization`` is
    #: empty and ``divergent`` follows the spread rule alone.
    overall_only: bool = False
    median: float | None = None
    mean: float | None = None
    min: int | None = None
    max: int | None = None
    counts: dict[str, int] = field(default_factory=dict)
    by_organization: dict[str, Group] = field(default_factory=dict)
    divergent: bool = False
    reasons: tuple[str, ...] = ()
    band: str = ""
    #: Scales: the interquartile range (inclusive quartiles), how many ratings are a
    #: quarter of the scale or more from the median, and the largest gap between two
    #: groups' medians (sectors when two or more were given, else organizations).
    iqr: float | None = None
    q1: float | None = None
    q3: float | None = None
    away: int = 0
    gap: float | None = None
    #: The sectors' medians (named rounds; anonymous only when each holds two ratings).
    by_sector: dict[str, Group] = field(default_factory=dict)

    @property
    def is_scale(self) -> bool:
        return self.kind is Kind.SCALE

    @property
    def majority(self) -> str:
        """The option more than half chose (choice and yes-no), or ``""``."""
        if self.is_scale:
            return ""
        return next((k for k, v in self.counts.items() if v * 2 > self.n), "")


def option_label(value: RatingValue) -> str:
    """A choice or yes-no rating as the label it is counted under."""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return str(value)


def number(value: float | None) -> str:
    """A median or mean as people read it: ``3``, ``3.5``, ``3.25``; ``–`` for none."""
    if value is None:
        return "–"
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.2f}".rstrip("0")


def band_of(value: float | None, bands: Sequence[Band]) -> str:
    """The label of the band ``value`` falls in: the highest ``min`` not above it."""
    if value is None:
        return ""
    fitting = [b for b in bands if b.min <= value]
    return max(fitting, key=lambda b: b.min).label if fitting else ""


def analyse(
    kind: Kind,
    ratings: Sequence[tuple[str, RatingValue]],
    *,
    round_kind: RoundKind | None = None,
    passed: int = 0,
    low: int = 1,
    high: int = 5,
    options: Sequence[str] = (),
    bands: Sequence[Band] = (),
    sectors: Sequence[str] = (),
) -> RoundResult:
    """The round of a ``kind`` question from ``(organization, value)`` ratings.

    ``low``/``high`` are the scale's bounds (the divergence thresholds are fractions of
    its range); ``options`` lists a choice question's labels in the protocol's order
    (counts come out in that order, zeros included; yes-no always counts Yes and No).
    ``round_kind`` anonymous with fewer than ``MIN_ANONYMOUS`` ratings: ``withheld``.
    ``sectors``: each rating's sector ("" for none), in the ratings' order.
    """
    if withheld(round_kind, len(ratings)):
        return RoundResult(kind, len(ratings), passed, withheld=True)
    grouped = True
    sector_pairs = [
        (sector, value) for sector, (_x, value) in zip(sectors, ratings, strict=False) if sector
    ]
    if round_kind is RoundKind.ANONYMOUS:  # no organization line is one person's rating
        grouped = by_organization_shown([o for o, _x in ratings])
        shown = pooled([o for o, _x in ratings])
        # A pooled rating's sector is not known from what is stored (its organization is
        # not): counted in a sector here, the room would see what the record cannot
        # give, and the two together would give that person's rating.
        sector_pairs = [
            (sector, value)
            for sector, org, (_x, value) in zip(sectors, shown, ratings, strict=False)
            if sector and org != OTHER_ORGANIZATIONS
        ]
        ratings = list(zip(shown, [v for _x, v in ratings], strict=True))
        named = [s for s, _x in sector_pairs]
        if not grouped or any(named.count(s) < MIN_GROUP for s in named):
            sector_pairs = []  # in a sector of one or two, each can read the others' rating
    if kind is Kind.SCALE:
        result = _scale(ratings, passed, low, high, bands, grouped, sector_pairs)
    else:
        options = ("Yes", "No") if kind is Kind.YES_NO else options
        result = _choice(kind, ratings, passed, options, grouped)
    return result if grouped else replace(result, overall_only=True)


def _by_organization(
    ratings: Sequence[tuple[str, RatingValue]], grouped: bool
) -> dict[str, list[RatingValue]]:
    """Each organization's ratings, in name order (none when not ``grouped``)."""
    groups: dict[str, list[RatingValue]] = {}
    for organization, value in ratings if grouped else ():
        groups.setdefault(organization.strip() or NO_ORGANIZATION, []).append(value)
    return dict(sorted(groups.items(), key=lambda kv: kv[0].casefold()))


def _scale(
    ratings: Sequence[tuple[str, RatingValue]],
    passed: int,
    low: int,
    high: int,
    bands: Sequence[Band],
    grouped: bool = True,
    sector_pairs: Sequence[tuple[str, RatingValue]] = (),
) -> RoundResult:
    values = [int(v) for _x, v in ratings]
    if not values:
        return RoundResult(Kind.SCALE, 0, passed)
    groups = {
        org: Group(len(vs), float(statistics.median(int(v) for v in vs)))
        for org, vs in _by_organization(ratings, grouped).items()
    }
    sectors = {
        sector: Group(len(vs), float(statistics.median(int(v) for v in vs)))
        for sector, vs in _by_organization(sector_pairs, True).items()
    }
    median = float(statistics.median(values))
    span = high - low
    points = range(low, high + 1) if span <= 10 else sorted(set(values))
    counts = {str(p): values.count(p) for p in points}
    q1, q3 = quartiles(values)
    reasons = []
    if q3 - q1 >= span / 2:
        reasons.append(
            _("the middle half of the ratings spans {low} to {high}").format(
                low=number(q1), high=number(q3)
            )
        )
    compared = sectors if len(sectors) > 1 else groups
    # A sector is one of reflect's own words ("family"): said in the reader's language.
    named: Callable[[str], str] = _ if compared is sectors else str
    medians = sorted(compared.items(), key=lambda kv: (kv[1].median or 0, kv[0].casefold()))
    gap = None
    if len(compared) > 1:
        lowest, highest = medians[0], medians[-1]
        gap = (highest[1].median or 0) - (lowest[1].median or 0)
        if gap >= span / 2:
            reasons.append(
                _("{highest} median {high}, {lowest} median {low}").format(
                    highest=named(highest[0]),
                    high=number(highest[1].median),
                    lowest=named(lowest[0]),
                    low=number(lowest[1].median),
                )
            )
    return RoundResult(
        Kind.SCALE,
        len(values),
        passed,
        median=median,
        mean=statistics.fmean(values),
        min=min(values),
        max=max(values),
        counts=counts,
        by_organization=groups,
        divergent=bool(reasons),
        reasons=tuple(reasons),
        band=band_of(median, bands),
        iqr=q3 - q1,
        q1=q1,
        q3=q3,
        away=sum(1 for v in values if abs(v - median) >= span / 4),
        gap=gap,
        by_sector=sectors,
    )


def quartiles(values: Sequence[int]) -> tuple[float, float]:
    """The first and third quartiles (inclusive method; one rating is both)."""
    if len(values) == 1:
        return float(values[0]), float(values[0])
    q1, _median, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return float(q1), float(q3)


def _choice(
    kind: Kind,
    ratings: Sequence[tuple[str, RatingValue]],
    passed: int,
    options: Sequence[str],
    grouped: bool = True,
) -> RoundResult:
    def count(values: Sequence[RatingValue]) -> dict[str, int]:
        labels = [option_label(v) for v in values]
        counted = {option: labels.count(option) for option in options}
        for label in sorted(set(labels) - set(options)):  # a label the protocol since dropped
            counted[label] = labels.count(label)
        return counted

    counts = count([v for _x, v in ratings])
    n = len(ratings)
    groups = {
        org: Group(len(vs), counts=count(vs))
        for org, vs in _by_organization(ratings, grouped).items()
    }
    majority = any(v * 2 > n for v in counts.values())
    reasons: tuple[str, ...] = ()
    if n and not majority:
        chosen = ", ".join(f"{label} {v}" for label, v in counts.items() if v)
        reasons = (_("no option has a majority ({chosen})").format(chosen=chosen),)
    return RoundResult(
        kind,
        n,
        passed,
        counts=counts,
        by_organization=groups,
        divergent=bool(reasons),
        reasons=reasons,
    )
