"""Agreement between coders who decided the same passages.

Cohen's kappa per code for each pair of coders: the code's presence or absence on each
passage both decided. Krippendorff's alpha overall (nominal, any number of coders,
passages some coders left out): every (passage, code) pair is a unit whose values are
each deciding coder's presence or absence of that code. A statistic that chance alone
would make perfect (a code neither coder ever used) is undefined: ``None``, never a
number made up.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations

from reflect_cli.coding.codings import Coding
from reflect_cli.coding.passages import Address


def cohen_kappa(first: Sequence[bool], second: Sequence[bool]) -> float | None:
    """Cohen's kappa of two coders' yes/no on the same items, in order."""
    n = len(first)
    if n == 0 or n != len(second):
        return None
    observed = sum(a == b for a, b in zip(first, second, strict=True)) / n
    yes_a, yes_b = sum(first) / n, sum(second) / n
    expected = yes_a * yes_b + (1 - yes_a) * (1 - yes_b)
    if expected == 1:
        return None
    return (observed - expected) / (1 - expected)


def krippendorff_alpha(units: Sequence[Sequence[Hashable]]) -> float | None:
    """Krippendorff's alpha for nominal values: each unit is the values its coders gave
    (a coder who left it out gives none; a unit with fewer than two values is not
    pairable and counts for nothing)."""
    coincidences: defaultdict[tuple[Hashable, Hashable], float] = defaultdict(float)
    for values in units:
        m = len(values)
        if m < 2:
            continue
        for i, c in enumerate(values):
            for j, k in enumerate(values):
                if i != j:
                    coincidences[(c, k)] += 1 / (m - 1)
    totals: defaultdict[Hashable, float] = defaultdict(float)
    for (c, _), weight in coincidences.items():
        totals[c] += weight
    n = sum(totals.values())
    if n <= 1:
        return None
    observed = sum(w for (c, k), w in coincidences.items() if c != k)
    expected = sum(totals[c] * totals[k] for c in totals for k in totals if c != k) / (n - 1)
    if expected == 0:
        return None
    return 1 - observed / expected


@dataclass(frozen=True)
class Difference:
    """A passage two coders coded differently."""

    address: Address
    first: tuple[str, ...]
    second: tuple[str, ...]


@dataclass
class Pair:
    """Two coders on the passages both decided."""

    first: str
    second: str
    passages: int
    kappa: dict[str, float | None] = field(default_factory=dict)
    differences: list[Difference] = field(default_factory=list)


@dataclass
class Agreement:
    """Every pair of coders, and alpha over all of them."""

    coders: list[str]
    pairs: list[Pair]
    alpha: float | None
    #: Passages decided by two coders or more.
    shared: int


def agreement(by_coder: Mapping[str, Mapping[Address, Coding]], codes: Sequence[str]) -> Agreement:
    """Agreement of the coders on the passages they both (or all) decided."""
    coders = sorted(by_coder)
    pairs: list[Pair] = []
    for a, b in combinations(coders, 2):
        both = sorted(set(by_coder[a]) & set(by_coder[b]))
        pair = Pair(a, b, len(both))
        for code in codes:
            first = [code in by_coder[a][p].codes for p in both]
            second = [code in by_coder[b][p].codes for p in both]
            pair.kappa[code] = cohen_kappa(first, second) if both else None
        for p in both:
            x, y = by_coder[a][p].codes, by_coder[b][p].codes
            if set(x) != set(y):
                pair.differences.append(Difference(p, x, y))
        pairs.append(pair)
    deciders: Counter[Address] = Counter(p for c in coders for p in by_coder[c])
    shared = sorted(p for p, n in deciders.items() if n >= 2)
    units = [
        [code in by_coder[c][p].codes for c in coders if p in by_coder[c]]
        for p in shared
        for code in codes
    ]
    return Agreement(coders, pairs, krippendorff_alpha(units), len(shared))
