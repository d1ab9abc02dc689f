"""What the matcher finds in several readings of a text, kept as one set of matches
(render/export/terms.merged)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reflect_cli.render.export.terms import Found, merged


def _one_by_one(found: list[Found], extras: list[Found]) -> list[Found]:
    """The rule as said: each extra kept where it overlaps nothing kept, or holds all it
    overlaps, which it replaces."""
    for extra in extras:
        overlaps = [f for f in found if f.start < extra.end and extra.start < f.end]
        if all(extra.start <= f.start and f.end <= extra.end for f in overlaps):
            found = [f for f in found if f not in overlaps] + [extra]
    return sorted(found, key=lambda f: f.start)


_SPAN = st.tuples(st.integers(0, 30), st.integers(1, 6)).map(
    lambda s: Found(s[0], s[0] + s[1], frozenset({s[1] % 2}), 0, f"t{s[1]}")
)


@given(st.lists(_SPAN, max_size=8), st.lists(_SPAN, max_size=8))
def test_merged_keeps_what_the_rule_keeps(found: list[Found], extras: list[Found]) -> None:
    # Matches of one scan are apart and in order; the rule is tried on any, too.
    apart: list[Found] = []
    for each in sorted(found, key=lambda f: f.start):
        if not apart or apart[-1].end <= each.start:
            apart.append(each)
    assert merged(apart, extras) == _one_by_one(apart, extras)
    assert merged(found, extras) == _one_by_one(found, extras)
