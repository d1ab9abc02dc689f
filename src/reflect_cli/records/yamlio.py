"""The one safe YAML reader (records, answers files, protocols).

Only plain YAML is accepted (mappings, sequences, strings, numbers, booleans, null,
dates): no Python tags, no merge keys, no duplicate keys, nothing executed. Files are
read by the one safe opener (records/opening.py: regular files only, never blocking, a
size limit); depth and alias expansion are checked before anything is built
(records/yaml_checks.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from reflect_cli.i18n.messages import _
from reflect_cli.records.decoding import LocatedDict, LocatedList
from reflect_cli.records.opening import MAX_BYTES as MAX_BYTES
from reflect_cli.records.opening import NotAFile, read_regular
from reflect_cli.records.yaml_checks import HAS_LIBYAML as HAS_LIBYAML
from reflect_cli.records.yaml_checks import MAX_DEPTH, check_limits, syntax
from reflect_cli.records.yaml_checks import Loader as _Loader
from reflect_cli.records.yaml_checks import YamlProblem as YamlProblem

MAX_DIGITS = 100
_TAG = "tag:yaml.org,2002:"
_PLAIN = ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")


def read_file(path: str | Path) -> bytes:
    """A regular file's bytes, up to ``MAX_BYTES``; ``YamlProblem`` or ``OSError`` if not
    (a FIFO, a device such as ``/dev/zero`` or a folder is refused at once)."""
    try:
        return read_regular(path)[0]
    except NotAFile as exc:
        raise YamlProblem(str(exc)) from None


def decode(raw: bytes) -> str:
    """Bytes of a YAML file as text, refusing empty, binary and oversized files."""
    if len(raw) > MAX_BYTES:
        raise YamlProblem(str(NotAFile(size=len(raw))))
    if b"\x00" in raw:
        raise YamlProblem(_("not a text file (it contains NUL bytes)"))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise YamlProblem(_("not UTF-8 text (byte {byte})").format(byte=exc.start)) from None
    if not text.strip():
        raise YamlProblem(_("file is empty"))
    return text


def read_text(path: str | Path) -> str:
    """``read_file`` then ``decode``."""
    return decode(read_file(path))


# -- building values ------------------------------------------------------------------


class Strict:
    """A safe loader's mix-in: only plain tags, no merge keys and no duplicate keys; a
    number too long, or a date that does not exist, is a problem on its line."""

    yaml_constructors: dict[Any, Any] = {}  # noqa: RUF012 - PyYAML's class-level registry
    construct_object: Any  # from the safe loader it is mixed into

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if key_node.tag == _TAG + "merge":
                raise YamlProblem(_("merge keys ('<<') are not supported"), line)
            key = self.construct_object(key_node, deep=deep)
            if not isinstance(key, str | int | float | bool) and key is not None:
                raise YamlProblem(_("mapping keys must be plain values"), line)
            if key in mapping:
                raise YamlProblem(_("duplicate key {key}").format(key=repr(key)), line)
            try:
                mapping[key] = self.construct_object(value_node, deep=deep)
            except YamlProblem as problem:
                if problem.key is None and value_node.id == "scalar":
                    problem.key = key
                raise
        return mapping


def _int(loader: Any, node: yaml.ScalarNode) -> int:
    if len(node.value) > MAX_DIGITS:
        raise YamlProblem(
            _("number too long ({count} characters)").format(count=f"{len(node.value):,}"),
            node.start_mark.line + 1,
        )
    number: int = loader.construct_yaml_int(node)
    return number


def _timestamp(loader: Any, node: yaml.ScalarNode) -> Any:
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError:
        raise YamlProblem(
            _("{value} is not a real date (YYYY-MM-DD)").format(value=repr(node.value)),
            node.start_mark.line + 1,
        ) from None


def _unsupported(loader: Any, node: yaml.Node) -> None:
    raise YamlProblem(
        _("unsupported tag {tag}: only plain YAML is accepted").format(tag=repr(node.tag)),
        node.start_mark.line + 1,
    )


for _name in _PLAIN:
    Strict.yaml_constructors[_TAG + _name] = yaml.SafeLoader.yaml_constructors[_TAG + _name]
Strict.yaml_constructors[_TAG + "int"] = _int
Strict.yaml_constructors[_TAG + "timestamp"] = _timestamp
Strict.yaml_constructors[None] = _unsupported


class _StrictLoader(Strict, _Loader):
    """libyaml's safe loader, strict."""


def load(text: str) -> Any:
    """Plain data from YAML text, within the limits; ``YamlProblem`` says what and where."""
    check_limits(text)
    try:
        return yaml.load(text, Loader=_StrictLoader)
    except yaml.YAMLError as exc:
        raise syntax(exc) from None
    except RecursionError:  # pragma: no cover - check_limits bounds the depth first
        raise YamlProblem(
            _("nested more than {depth} levels deep").format(depth=MAX_DEPTH)
        ) from None


def load_located(text: str) -> Any:
    """Like ``load``, into dicts and lists that know their line numbers (for protocols
    and answers files, whose every problem names its line)."""
    check_limits(text)
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise YamlProblem(_("file is empty"))
        return _located(node, loader)
    except yaml.YAMLError as exc:
        raise syntax(exc) from None
    finally:
        loader.dispose()


def _located(node: yaml.Node, loader: _StrictLoader) -> Any:
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        mapping = LocatedDict()
        mapping.line = line
        if node.tag != _TAG + "map":
            _unsupported(loader, node)
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if key_node.tag == _TAG + "merge":
                raise YamlProblem(_("merge keys ('<<') are not supported"), key_line)
            key = _located(key_node, loader)
            if not isinstance(key, str | int | float | bool) and key is not None:
                raise YamlProblem(_("mapping keys must be plain values"), key_line)
            if key in mapping:
                raise YamlProblem(_("duplicate key {key}").format(key=repr(key)), key_line)
            try:
                mapping[key] = _located(value_node, loader)
            except YamlProblem as problem:
                if problem.key is None and isinstance(value_node, yaml.ScalarNode):
                    problem.key = key
                raise
            mapping.key_lines[key] = key_line
        return mapping
    if isinstance(node, yaml.SequenceNode):
        if node.tag != _TAG + "seq":
            _unsupported(loader, node)
        items = LocatedList()
        items.line = line
        for item in node.value:
            items.append(_located(item, loader))
            items.item_lines.append(item.start_mark.line + 1)
        return items
    return loader.construct_object(node)  # a scalar: plain tags only
