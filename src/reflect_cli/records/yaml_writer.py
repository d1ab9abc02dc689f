"""Writing records as YAML: stable formatting, the same bytes for the same data."""

from __future__ import annotations

from typing import Any

import yaml

try:  # libyaml is ~13x faster; the pure emitter gives identical text
    from yaml import CSafeDumper as _Dumper
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]


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
