"""Small cells: a count describing fewer than ``min_cell`` partnerships is never shown.

A row of counts adds up to a total the page shows (the partnerships in the period), so
hiding one small count is not enough: the total minus the counts shown would give it
away. ``suppress`` hides each small count ("fewer than 3") and then, while any hidden
small count could still be worked out from the total and the rest of the row, hides the
smallest count left shown as well ("3 or more"), so every hidden small count could be at
least two different numbers. A zero is shown: it describes no partnership.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from reflect_cli.i18n.messages import _

#: The default smallest count of partnerships shown as a number.
MIN_CELL = 3


class Shown(StrEnum):
    """How a count is shown."""

    EXACT = "exact"
    #: A small count: "fewer than 3".
    FEWER = "fewer"
    #: Hidden so that a small count in its row cannot be worked out: "3 or more".
    AT_LEAST = "at-least"
    #: The whole row hidden: no way to show part of it safely.
    WITHHELD = "withheld"


@dataclass(frozen=True, slots=True)
class Cell:
    """A count and how the page may show it."""

    value: int
    shown: Shown
    min_cell: int
    #: What a count hidden to protect another is known to be at least.
    floor: int = 0

    @property
    def text(self) -> str:
        """The count as the page shows it."""
        if self.shown is Shown.FEWER:
            return _("fewer than {count}").format(count=self.min_cell)
        if self.shown is Shown.AT_LEAST:
            return _("{count} or more").format(count=max(self.floor, self.min_cell))
        if self.shown is Shown.WITHHELD:
            return _("not shown")
        return str(self.value)

    @property
    def exact(self) -> bool:
        return self.shown is Shown.EXACT


def one(value: int, min_cell: int) -> Cell:
    """A count that stands alone (no total beside it gives it away)."""
    small = min_cell > 1 and 0 < value < min_cell
    return Cell(value, Shown.FEWER if small else Shown.EXACT, min_cell)


def of_total(value: int, total: int, min_cell: int) -> Cell:
    """A count of ``total`` partnerships (shown beside it): a small one hidden, and one
    whose complement is small ("9 of 10": one did not) shown as at least what the
    complement leaves ("8 or more")."""
    cell = suppress([value, total - value], total, min_cell)[0]
    if cell.shown is Shown.AT_LEAST:
        return Cell(value, Shown.AT_LEAST, min_cell, total - min_cell + 1)
    return cell


def suppress(values: Sequence[int], total: int, min_cell: int) -> list[Cell]:
    """The row's counts (which add up to ``total``, shown elsewhere) as the page may show
    them: no small count shown, and none that the total and the rest could give away."""
    shown = [Shown.FEWER if min_cell > 1 and 0 < v < min_cell else Shown.EXACT for v in values]
    while not _safe(values, shown, total, min_cell):
        candidates = [i for i, s in enumerate(shown) if s is Shown.EXACT and values[i] > 0]
        if not candidates:  # nothing left to hide but zeros: hide the whole row
            return [Cell(v, Shown.WITHHELD, min_cell) for v in values]
        smallest = min(candidates, key=lambda i: (values[i], i))
        shown[smallest] = Shown.AT_LEAST
    return [Cell(v, s, min_cell) for v, s in zip(values, shown, strict=True)]


def _safe(values: Sequence[int], shown: Sequence[Shown], total: int, min_cell: int) -> bool:
    """Whether each hidden small count could be at least two numbers, knowing the total,
    the exact counts, that a small one is 1 to min_cell - 1 and a hidden other one at
    least min_cell. The hidden sum's possible values form a range, so it is enough to
    know whether the rest of the hidden counts can make up what is left."""
    small = [i for i, s in enumerate(shown) if s is Shown.FEWER]
    if not small:
        return True
    hidden_sum = total - sum(v for v, s in zip(values, shown, strict=True) if s is Shown.EXACT)
    others = sum(1 for s in shown if s is Shown.AT_LEAST)
    # Every small count has the same range (1 to min_cell - 1): one check answers for all.
    fewer = len(small) - 1
    low = fewer + others * min_cell
    high = fewer * (min_cell - 1) + (hidden_sum if others else 0)
    # How many v in 1..min_cell-1 leave low <= hidden_sum - v <= high: counted, not listed
    # (a min_cell of a billion is still one subtraction).
    first, last = max(1, hidden_sum - high), min(min_cell - 1, hidden_sum - low)
    return last - first + 1 >= 2
