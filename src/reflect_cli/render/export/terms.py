"""What the name matcher knows and what it finds: a ``Term`` and a ``Found``.

Apart from ``names`` (the matcher) so that ``verdicts`` (the weighing of an everyday word
or a lower-case name part) reads a term without importing the matcher that calls it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise

#: A text folded, and where each of its characters came from (``folding.fold_mapped``).
Folded = tuple[str, list[int] | None]


@dataclass
class Term:
    """A folded form of a name, a handle or a place, and whom it may name."""

    text: str
    owners: set[int] = field(default_factory=set)
    #: Weighed as an everyday word is (``verdicts.verdict``): one, or a whole form the
    #: facilitator decided about.
    common: bool = False
    #: An everyday word itself ("grace", "hope"), whatever else it is.
    everyday: bool = False
    #: A family name of four letters or more: found with another language's ending too.
    family: bool = False
    #: Found only inside an e-mail address ("monicah@": "china" is a word elsewhere).
    address_only: bool = False
    #: One word of a name or a handle ("lan", "ed"): in lower case inside a sentence
    #: it may be a word, and the facilitator decides (``verdicts.lower_verdict``).
    part: bool = False
    #: Whose session handle it is: "@grace" is always theirs (``verdicts.mention``).
    handle_of: set[int] = field(default_factory=set)
    #: The name part this is a form of in its script's grammar ("지민에게": "지민"):
    #: the word decided about (``name_forms.inflected_terms``).
    lemma: str = ""


@dataclass(frozen=True)
class Found:
    """A term found in text: the original characters ``start:end`` and whose it may be."""

    start: int
    end: int
    owners: frozenset[int]
    line: int
    #: The folded term found: occurrences are counted per term.
    term: str = ""
    #: An everyday word the text cannot tell from a name, and nobody has decided.
    undecided: bool = False


def merged(found: list[Found], extras: Iterable[Found]) -> list[Found]:
    """``found`` (in order) with each of ``extras`` in turn: kept where it overlaps
    nothing kept, or holds all it overlaps, which it replaces ("Mօnica Hաugen" read
    with ա as "a" is the whole name, not "Mօnica" alone)."""
    apart = all(f.start < f.end for f in found) and all(
        one.end <= two.start for one, two in pairwise(found)
    )
    if not apart:  # (never so from the scan; looked at one by one, as the rule says)
        for extra in extras:
            overlaps = [f for f in found if f.start < extra.end and extra.start < f.end]
            if all(extra.start <= f.start and f.end <= extra.end for f in overlaps):
                found = [f for f in found if f not in overlaps] + [extra]
        return sorted(found, key=lambda f: f.start)
    # Kept apart and in order, what an extra overlaps is found by halving, not by
    # reading every match kept for each extra: an attacker's text of thousands of
    # names spelled apart ("M o n i c a, M o n i c a, …") is not read in square time.
    found = list(found)
    starts, ends = [f.start for f in found], [f.end for f in found]
    for extra in extras:
        low, high = bisect_right(ends, extra.start), bisect_left(starts, extra.end)
        if low < high and (found[low].start < extra.start or found[high - 1].end > extra.end):
            continue
        found[low:high], starts[low:high], ends[low:high] = [extra], [extra.start], [extra.end]
    return found
