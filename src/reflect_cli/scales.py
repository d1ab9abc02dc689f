"""How wide a scale may be and which values it holds: one rule for every way a scale
comes in or goes out.

The protocol schema (``protocols/schema.py``), the record decoder and round codec
(``records/record_decoder.py``, ``records/round_codec.py``), an anonymous round under way
(``records/ballots.py``), the prompt (``kinds.ScaleKind``) and the writer
(``records/codec.py``) all ask here, so what reflect writes it reads back, and what it
reads from someone else's push is bounded: a scale drawn as columns, a bar per point or
a median line never meets ``max: 10**12`` (hundreds of megabytes, or an
``OverflowError`` deep in a drawing) nor a rating far off its scale.
"""

from __future__ import annotations

from reflect_cli.i18n.messages import _
from reflect_cli.model import Scale

#: The most steps a scale may span: 0 to 100 (a percentage) is the widest a room rates on.
MAX_STEPS = 100
#: Every end of a scale lies within this range (-1,000 to 1,000).
LIMIT = 1_000


def _shown(value: int) -> str:
    """A number as a message shows it: a hand-edited 90-digit one is not printed whole."""
    text = str(value)
    if len(text) <= 20:
        return text
    return _("a {count}-digit number").format(count=f"{len(text.lstrip('-')):,}")


def problem(low: int, high: int) -> str:
    """Why a scale from ``low`` to ``high`` cannot be (``""`` when it can)."""
    for end, value in (("min", low), ("max", high)):
        if not -LIMIT <= value <= LIMIT:
            return _("scale {end} must be from {low} to {high}, not {value}").format(
                end=end, low=f"{-LIMIT:,}", high=f"{LIMIT:,}", value=_shown(value)
            )
    if low >= high:
        return _("scale min ({low}) must be less than max ({high})").format(low=low, high=high)
    if high - low > MAX_STEPS:
        return _(
            "scale {low} to {high} spans {steps} steps; a scale spans at most {most} "
            "(0 to {most}, say)"
        ).format(low=low, high=high, steps=f"{high - low:,}", most=MAX_STEPS)
    return ""


def outside(scale: Scale, value: int) -> str:
    """Why ``value`` is not a point of ``scale`` (``""`` when it is)."""
    if scale.min <= value <= scale.max:
        return ""
    return _("{value} is outside {low} to {high}").format(
        value=_shown(value), low=scale.min, high=scale.max
    )


def check(scale: Scale) -> None:
    """``ValueError`` when ``scale`` or one of its labelled points breaks the rule."""
    reason = problem(scale.min, scale.max)
    if reason:
        raise ValueError(reason)
    for point in scale.labels:
        if outside(scale, point):
            raise ValueError(f"scale label {_shown(point)}: {outside(scale, point)}")


def check_value(scale: Scale | None, value: object) -> None:
    """``ValueError`` when ``value`` is a number off ``scale`` (other values are their
    kind's to judge; a question without a scale has nothing to check)."""
    if scale is None or isinstance(value, bool) or not isinstance(value, int):
        return
    reason = outside(scale, value)
    if reason:
        raise ValueError(reason)
