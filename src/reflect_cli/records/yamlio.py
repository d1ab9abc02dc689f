"""Reading and writing YAML safely: libyaml when present, line numbers for errors.

Only plain YAML is accepted (mappings, sequences, strings, numbers, booleans, null,
dates): no Python tags, nothing is ever executed, and aliases that would expand a
document past ``MAX_NODES`` are refused before they cost memory or time.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import yaml

try:  # libyaml is ~13x faster; the pure loader gives identical results
    from yaml import CSafeDumper as _Dumper
    from yaml import CSafeLoader as _Loader

    HAS_LIBYAML = True
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

    HAS_LIBYAML = False

MAX_NODES = 100_000
MAX_BYTES = 2_000_000
_PLAIN_TAGS = {
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
}


class YamlProblem(Exception):
    """The text is not acceptable YAML; ``line`` and ``column`` are 1-based when known."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None):
        self.message = message
        self.line = line
        self.column = column
        super().__init__(message)


class LocatedDict(dict[Any, Any]):
    """A mapping that remembers where it and each of its keys were written."""

    def __init__(self) -> None:
        super().__init__()
        self.line = 0
        self.key_lines: dict[Any, int] = {}


class LocatedList(list[Any]):
    """A sequence that remembers where each item was written."""

    def __init__(self) -> None:
        super().__init__()
        self.line = 0
        self.item_lines: list[int] = []


@dataclass
class _Budget:
    left: int
    scalars: yaml.SafeLoader


def decode(raw: bytes) -> str:
    """Bytes of a YAML file as text, refusing empty, binary and oversized files."""
    if len(raw) > MAX_BYTES:
        raise YamlProblem(f"file is too large ({len(raw):,} bytes; the limit is {MAX_BYTES:,})")
    if b"\x00" in raw:
        raise YamlProblem("not a text file (it contains NUL bytes)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise YamlProblem(f"not UTF-8 text (byte {exc.start})") from None
    if not text.strip():
        raise YamlProblem("file is empty")
    return text


def load_located(text: str) -> Any:
    """Parse one YAML document into dicts and lists that know their line numbers."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise YamlProblem(f"YAML syntax error: {problem}", line, col) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(f"YAML error: {exc}") from None
    except RecursionError:
        raise YamlProblem("YAML is nested too deeply") from None
    if node is None:
        raise YamlProblem("file is empty")
    try:
        return _convert(node, _Budget(MAX_NODES, yaml.SafeLoader("")))
    except RecursionError:
        raise YamlProblem("YAML is nested too deeply") from None


def _convert(node: yaml.Node, budget: _Budget) -> Any:
    budget.left -= 1
    line = node.start_mark.line + 1
    if budget.left < 0:
        raise YamlProblem(f"document expands to more than {MAX_NODES:,} values (alias bomb?)", line)
    if node.tag not in _PLAIN_TAGS:
        raise YamlProblem(f"unsupported tag {node.tag!r}: only plain YAML is accepted", line)
    if isinstance(node, yaml.MappingNode):
        mapping = LocatedDict()
        mapping.line = line
        for key_node, value_node in node.value:
            key = _convert(key_node, budget)
            if not isinstance(key, str | int | float | bool) and key is not None:
                raise YamlProblem("mapping keys must be plain values", key_node.start_mark.line + 1)
            if key in mapping:
                raise YamlProblem(f"duplicate key {key!r}", key_node.start_mark.line + 1)
            mapping[key] = _convert(value_node, budget)
            mapping.key_lines[key] = key_node.start_mark.line + 1
        return mapping
    if isinstance(node, yaml.SequenceNode):
        items = LocatedList()
        items.line = line
        for item in node.value:
            items.append(_convert(item, budget))
            items.item_lines.append(item.start_mark.line + 1)
        return items
    try:
        return budget.scalars.construct_object(node)  # plain scalar tags only
    except yaml.YAMLError as exc:
        raise YamlProblem(f"invalid value: {exc}", line) from None


def load(text: str) -> Any:
    """Parse trusted-shape YAML quickly (records); raises ``YamlProblem``."""
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 if mark else None
        raise YamlProblem(f"YAML syntax error: {exc.problem}", line) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(f"YAML error: {exc}") from None
    except RecursionError:
        raise YamlProblem("YAML is nested too deeply") from None


class _RecordDumper(_Dumper):
    """Block style, multi-line text as ``|`` blocks, keys in the order given."""


_YAML_BREAKS = ("\x85", "\u2028", "\u2029")


def _str(dumper: _RecordDumper, value: str) -> yaml.Node:
    # The emitter falls back to a quoted style when a block cannot hold the text exactly.
    style = "|" if "\n" in value else None
    if any(b in value for b in _YAML_BREAKS):
        # YAML's other line breaks: PyYAML's pure emitter writes them raw in quotes, where
        # every reader takes them for a space; double quotes escape them on both emitters.
        style = '"'
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_RecordDumper.add_representer(str, _str)


def dump(data: Any) -> str:
    """YAML text with stable formatting: same data, same bytes, on every machine."""
    return yaml.dump(
        data,
        Dumper=_RecordDumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=1_000_000,
        indent=2,
    )


def iso_date(value: Any) -> str:
    """A YAML date or datetime (or a string) as ISO text."""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value)
