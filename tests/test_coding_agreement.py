"""Agreement on hand-worked examples with known values."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reflect_cli.coding.agreement import agreement, cohen_kappa, krippendorff_alpha
from reflect_cli.coding.codings import Coding
from reflect_cli.coding.passages import Address


def test_kappa_of_a_two_by_two_table() -> None:
    # 50 items: both yes 20, first only 5, second only 10, both no 15.
    # po = 35/50 = 0.7; first says yes 25/50, second 30/50: pe = .5*.6 + .5*.4 = 0.5.
    first = [True] * 25 + [False] * 25
    second = [True] * 20 + [False] * 5 + [True] * 10 + [False] * 15
    assert cohen_kappa(first, second) == pytest.approx(0.4)


def test_kappa_small_example_and_edges() -> None:
    first = [True] * 5 + [False] * 5
    second = [True] * 4 + [False] * 5 + [True]
    assert cohen_kappa(first, second) == pytest.approx(0.6)  # po .8, pe .5
    assert cohen_kappa([True, False], [True, False]) == pytest.approx(1.0)
    assert cohen_kappa([False, False], [False, False]) is None  # never used: undefined
    assert cohen_kappa([], []) is None


def test_alpha_of_krippendorffs_own_example() -> None:
    """Krippendorff's worked example (Computing Krippendorff's Alpha-Reliability, 2011):
    four observers, twelve units, some missing; nominal alpha is 0.743."""
    rows = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
        [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
    ]
    units = [[row[u] for row in rows if row[u] is not None] for u in range(12)]
    assert krippendorff_alpha(units) == pytest.approx(0.743, abs=0.0005)


def test_alpha_two_coders_binary_by_hand() -> None:
    # Units (a, b): (1,1) (1,0) (0,0) (0,0). Coincidences: o11 = 2, o10 = o01 = 1,
    # o00 = 4; n1 = 3, n0 = 5, n = 8. alpha = 1 - (n-1) * 2 / (2 * n1 * n0) = 1 - 14/30.
    units = [[True, True], [True, False], [False, False], [False, False]]
    assert krippendorff_alpha(units) == pytest.approx(1 - 14 / 30)
    assert krippendorff_alpha([[1, 1], [2, 2]]) == pytest.approx(1.0)
    assert krippendorff_alpha([[1], [2]]) is None  # nothing pairable


@given(st.lists(st.tuples(st.booleans(), st.booleans()), min_size=1, max_size=40))
def test_perfect_agreement_is_one_and_kappa_is_bounded(pairs: list[tuple[bool, bool]]) -> None:
    first = [a for a, _ in pairs]
    second = [b for _, b in pairs]
    same = cohen_kappa(first, first)
    assert same is None or same == pytest.approx(1.0)
    kappa = cohen_kappa(first, second)
    assert kappa is None or -1.0 - 1e-9 <= kappa <= 1.0 + 1e-9


def test_agreement_of_two_coders_names_where_they_differ() -> None:
    p = [Address("s", "q", n) for n in range(1, 5)]
    ana = {
        p[0]: Coding(p[0], "f", ("trust",)),
        p[1]: Coding(p[1], "f", ("trust", "turnover")),
        p[2]: Coding(p[2], "f", ()),
        p[3]: Coding(p[3], "f", ("turnover",)),
    }
    ben = {
        p[0]: Coding(p[0], "f", ("trust",)),
        p[1]: Coding(p[1], "f", ("trust",)),
        p[2]: Coding(p[2], "f", ()),
    }  # ben has not decided the fourth: it is no unit of theirs
    found = agreement({"ana": ana, "ben": ben}, ["trust", "turnover"])
    (pair,) = found.pairs
    assert pair.passages == 3 and found.shared == 3
    assert pair.kappa["trust"] == pytest.approx(1.0)
    assert pair.kappa["turnover"] == pytest.approx(0.0)  # po 2/3, pe 2/3
    assert [d.address for d in pair.differences] == [p[1]]
    # Units: trust (1,1)(1,1)(0,0), turnover (0,0)(1,0)(0,0): o11=4, o00=6, o10=o01=1,
    # n1 = 5, n0 = 7, n = 12: alpha = 1 - 11 * 2 / (2 * 5 * 7).
    assert found.alpha == pytest.approx(1 - 22 / 70)
