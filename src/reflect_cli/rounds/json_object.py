"""A round as a JSON export gives it: the ``round`` object of a round question."""

from __future__ import annotations

from reflect_cli.model import RoundKind
from reflect_cli.rounds.analysis import RoundResult


def to_json(
    result: RoundResult, round_kind: RoundKind, has_bands: bool = False
) -> dict[str, object]:
    """The ``round`` object of a JSON export.

    Scale: ``{kind, n, passed, median, mean, min, max, by_organization: {ORG: {n,
    median}}, divergent}`` (and ``band`` when the scale has bands); choice and yes-no:
    ``{kind, n, passed, counts, by_organization: {ORG: {counts}}, divergent}``; a withheld
    anonymous round: ``{kind, n, passed, withheld: true, divergent: false}``; one shown
    overall only adds ``overall_only: true`` (its ``by_organization`` is empty).
    """

    def plain(value: float | None) -> float | int | None:
        if value is None:
            return None
        return int(value) if float(value).is_integer() else round(value, 2)

    data: dict[str, object] = {"kind": str(round_kind), "n": result.n, "passed": result.passed}
    if result.withheld:
        data["withheld"] = True
    elif result.is_scale:
        data.update(
            median=plain(result.median),
            mean=plain(result.mean),
            min=result.min,
            max=result.max,
            by_organization={
                org: {"n": g.n, "median": plain(g.median)}
                for org, g in result.by_organization.items()
            },
            by_sector={
                s: {"n": g.n, "median": plain(g.median)} for s, g in result.by_sector.items()
            },
            iqr=plain(result.iqr),
            away=result.away,
            gap=plain(result.gap),
        )
        if has_bands:
            data["band"] = result.band
    else:
        data.update(
            counts=dict(result.counts),
            by_organization={
                org: {"counts": dict(g.counts)} for org, g in result.by_organization.items()
            },
        )
    if result.overall_only:
        data["overall_only"] = True
    data["divergent"] = result.divergent
    return data
