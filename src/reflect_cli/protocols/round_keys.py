"""A protocol question's round keys: ``round: named | anonymous`` (``true`` is named) on
scale, choice and yes-no questions, and a scale's ``bands``; problems as ``file:line``."""

from __future__ import annotations

from typing import Any, Protocol

from reflect_cli import scales
from reflect_cli.i18n.messages import _
from reflect_cli.model import ROUND_KINDS, Band, Kind, RoundKind, Scale
from reflect_cli.records.decoding import LocatedDict

_BAND_KEYS = ("min", "label")


class Checker(Protocol):
    """What these checks need of the schema's checker (``protocols.checker.Checker``)."""

    def problem(self, line: int, message: str) -> None: ...
    def line_of(self, mapping: LocatedDict, key: str) -> int: ...
    def mapping(self, value: Any, line: int, what: str, allowed: tuple[str, ...]) -> bool: ...
    def text(self, mapping: LocatedDict, key: str, what: str, required: bool = False) -> str: ...
    def integer(
        self, mapping: LocatedDict, key: str, what: str, default: int | None
    ) -> int | None: ...
    def items(self, mapping: LocatedDict, key: str, what: str) -> list[tuple[Any, int]]: ...


def round_of(check: Checker, item: LocatedDict, kind: Kind) -> RoundKind | None:
    """``round: named | anonymous`` (``true`` is named, ``false`` none) on a rated kind."""
    if "round" not in item:
        return None
    value, line = item["round"], check.line_of(item, "round")
    if kind not in ROUND_KINDS:
        check.problem(
            line,
            _("a {kind} question takes no 'round' (only {kinds})").format(
                kind=_(kind), kinds=", ".join(ROUND_KINDS)
            ),
        )
        return None
    if value is True:
        return RoundKind.NAMED
    if value is False or value is None:
        return None
    if isinstance(value, str) and value.strip().lower() in tuple(RoundKind):
        return RoundKind(value.strip().lower())
    check.problem(
        line,
        _("question 'round' must be named or anonymous, not {value}").format(value=repr(value)),
    )
    return None


def bands_of(
    check: Checker, item: LocatedDict, kind: Kind, scale: Scale | None
) -> tuple[Band, ...]:
    """A scale's ``bands``: ``[{min: 4, label: Strength}, ...]``, each min on the scale."""
    if "bands" not in item:
        return ()
    if kind is not Kind.SCALE:
        check.problem(
            check.line_of(item, "bands"),
            _("a {kind} question takes no 'bands'").format(kind=_(kind)),
        )
        return ()
    bands: list[Band] = []
    for value, line in check.items(item, "bands", _("question")):
        if not check.mapping(value, line, _("band"), _BAND_KEYS):
            continue
        label = check.text(value, "label", _("band"), required=True)
        if "min" not in value:
            check.problem(
                value.line, _("{what} is missing '{key}'").format(what=_("band"), key="min")
            )
            continue
        low = check.integer(value, "min", _("band"), None)
        if low is None:
            continue
        if scale is not None and scales.outside(scale, low):
            check.problem(
                check.line_of(value, "min"),
                _("band min {low} is not on the scale ({min} to {max})").format(
                    low=low, min=scale.min, max=scale.max
                ),
            )
        elif any(b.min == low for b in bands):
            check.problem(
                check.line_of(value, "min"), _("two bands start at {low}").format(low=low)
            )
        elif label:
            bands.append(Band(low, label))
    return tuple(sorted(bands, key=lambda b: -b.min))
