"""What YAML text is refused before anything is built from it, and how a problem is told.

Every input has the same limits, checked before they cost memory or time: a nesting depth
(libyaml's composer recurses in C and crashes on ~30,000 nested ``[``, so depth is checked
on the event stream first), and a count of values after alias expansion (a 500-byte
"billion laughs" file would otherwise expand past gigabytes once walked).
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from reflect_cli.i18n.messages import _

try:  # libyaml is ~13x faster; the pure loader gives identical results
    from yaml import CSafeLoader as Loader

    HAS_LIBYAML = True
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as Loader  # type: ignore[assignment]

    HAS_LIBYAML = False

# The pure-Python parser streams events one at a time with no nesting limit of its own,
# so our limits are always met first. libyaml's limits and wording change between
# releases (PyYAML 6.0.4's libyaml refuses deep nesting in its scanner, before a single
# event), so whatever libyaml refuses is judged again here: what a person is told never
# depends on a library's version.
_PureLoader = yaml.SafeLoader

__all__ = [
    "HAS_LIBYAML",
    "MAX_DEPTH",
    "MAX_NODES",
    "Loader",
    "YamlProblem",
    "check_limits",
    "syntax",
]

MAX_DEPTH = 100
MAX_NODES = 100_000


class YamlProblem(Exception):
    """The text is not acceptable YAML; ``line``/``column`` are 1-based when known, and
    ``key`` is the mapping key whose value was refused, when known."""

    def __init__(
        self, message: str, line: int | None = None, column: int | None = None, key: Any = None
    ):
        self.message = message
        self.line = line
        self.column = column
        self.key = key
        super().__init__(message)

    def where(self, source: str, column: bool = False) -> str:
        """``source:line[:column]: 'key': message`` with what is known."""
        place = f"{source}:{self.line}" if self.line else source
        place += f":{self.column}" if column and self.line and self.column else ""
        key = f"{self.key}: " if self.key is not None else ""
        return f"{place}: {key}{self.message}"


# An upper bound on nesting that costs a few string scans: every flow collection needs
# a '[' or '{', and nested block collections need indentation or compact indicators
# ("- - x") at the start of a line. Only text that might exceed the limits (or that
# has anchors) pays for the exact check on libyaml's event stream.
_DEEP_LINE = re.compile(rf"^[ \t?:-]{{{MAX_DEPTH // 5}}}", re.MULTILINE)
_ANCHOR = re.compile(r"&[^\s,\[\]{}]")  # also "AT&T", which only costs the exact check


def _values_bound(text: str) -> int:
    """At most how many values ``text`` holds without aliases: every value after the
    first follows a line break or an indicator (``: - , ? [ {``), and one indicator
    starts at most two (``- key: value``)."""
    return 2 * sum(text.count(c) for c in "\n:-,?[{") + 2


def check_limits(text: str) -> None:
    """Refuse text nested deeper than ``MAX_DEPTH`` or expanding past ``MAX_NODES``."""
    flow = text.count("[") + text.count("{")
    if (
        flow <= MAX_DEPTH // 2
        and not _DEEP_LINE.search(text)
        and not _ANCHOR.search(text)
        and _values_bound(text) <= MAX_NODES  # else the count is exact, as the writer's
    ):
        return
    _check_events(text)


def _check_events(text: str) -> None:
    try:
        _walk_events(text, Loader)
    except yaml.YAMLError as refused:
        try:  # our own limit, or the syntax error in the pure parser's words, first
            _walk_events(text, _PureLoader)
        except yaml.YAMLError as exc:
            raise syntax(exc) from None
        raise syntax(refused) from None  # only libyaml refuses it: say what it says


def _walk_events(text: str, loader: Any) -> None:
    # Sizes of open collections (values inside, aliases expanded), and of each anchor.
    open_sizes: list[int] = [0]
    anchors: dict[str, int] = {}
    open_anchors: list[str | None] = []
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.CollectionStartEvent):
            if len(open_sizes) > MAX_DEPTH:
                raise YamlProblem(
                    _("nested more than {depth} levels deep").format(depth=MAX_DEPTH), _line(event)
                )
            open_sizes.append(1)
            open_anchors.append(event.anchor)
            continue
        if isinstance(event, yaml.CollectionEndEvent):
            size = open_sizes.pop()
            anchor = open_anchors.pop()
            if anchor is not None:
                anchors[anchor] = size
        elif isinstance(event, yaml.ScalarEvent):
            size = 1
            if event.anchor is not None:
                anchors[event.anchor] = 1
        elif isinstance(event, yaml.AliasEvent):
            if event.anchor in open_anchors:  # walking it would never end
                raise YamlProblem(
                    _("an alias refers to a collection that contains it"),
                    _line(event),
                )
            size = anchors.get(event.anchor or "", 1)  # an unknown one fails to load
        else:
            continue
        open_sizes[-1] += size
        if open_sizes[-1] > MAX_NODES:
            raise YamlProblem(
                _("document expands to more than {count} values (an alias bomb?)").format(
                    count=f"{MAX_NODES:,}"
                ),
                _line(event),
            )


def _line(event: yaml.Event) -> int | None:
    return event.start_mark.line + 1 if event.start_mark else None


def syntax(exc: yaml.YAMLError) -> YamlProblem:
    """A PyYAML error as a ``YamlProblem`` on its line and column."""
    if isinstance(exc, YamlProblem):
        return exc
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or _("invalid YAML")
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        return YamlProblem(_("YAML syntax error: {problem}").format(problem=problem), line, col)
    return YamlProblem(_("YAML error: {problem}").format(problem=exc))
