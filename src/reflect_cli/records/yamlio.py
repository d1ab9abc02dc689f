"""The one safe YAML reader (records, answers files, protocols) and the record writer.

Only plain YAML is accepted (mappings, sequences, strings, numbers, booleans, null,
dates): no Python tags, no merge keys, no duplicate keys, nothing executed. Every input
has the same limits, checked before they cost memory or time: a file size, a nesting
depth (libyaml's composer recurses in C and crashes on ~30,000 nested ``[``, so depth is
checked on the event stream first), and a count of values after alias expansion (a
500-byte "billion laughs" file would otherwise expand past gigabytes once walked).
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import Any

import yaml

from reflect_cli.records.decoding import LocatedDict, LocatedList

try:  # libyaml is ~13x faster; the pure loader gives identical results
    from yaml import CSafeLoader as _Loader

    HAS_LIBYAML = True
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

    HAS_LIBYAML = False

MAX_BYTES = 2_000_000
MAX_DEPTH = 100
MAX_NODES = 100_000
MAX_DIGITS = 100
_TAG = "tag:yaml.org,2002:"
_PLAIN = ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")


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


# -- reading a file -----------------------------------------------------------------


def read_file(path: str | Path) -> bytes:
    """A regular file's bytes, up to ``MAX_BYTES``; ``YamlProblem`` or ``OSError`` if not.

    Opened without blocking and checked before reading: a FIFO, a device (``/dev/zero``)
    or a folder is refused at once instead of hanging or filling memory.
    """
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise YamlProblem("is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise YamlProblem("not a regular file (a pipe, socket or device)")
        if info.st_size > MAX_BYTES:
            raise YamlProblem(_too_large(info.st_size))
        chunks, size = [], 0
        while size <= MAX_BYTES:  # the file may grow while it is read
            chunk = os.read(fd, MAX_BYTES + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    finally:
        os.close(fd)
    return b"".join(chunks)


def _too_large(size: int) -> str:
    return f"file is too large ({size:,} bytes; the limit is {MAX_BYTES:,})"


def decode(raw: bytes) -> str:
    """Bytes of a YAML file as text, refusing empty, binary and oversized files."""
    if len(raw) > MAX_BYTES:
        raise YamlProblem(_too_large(len(raw)))
    if b"\x00" in raw:
        raise YamlProblem("not a text file (it contains NUL bytes)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise YamlProblem(f"not UTF-8 text (byte {exc.start})") from None
    if not text.strip():
        raise YamlProblem("file is empty")
    return text


def read_text(path: str | Path) -> str:
    """``read_file`` then ``decode``."""
    return decode(read_file(path))


# -- limits, checked on the event stream ----------------------------------------------

# An upper bound on nesting that costs a few string scans: every flow collection needs
# a '[' or '{', and nested block collections need indentation or compact indicators
# ("- - x") at the start of a line. Only text that might exceed the limits (or that
# has anchors) pays for the exact check on libyaml's event stream.
_DEEP_LINE = re.compile(rf"^[ \t?:-]{{{MAX_DEPTH // 5}}}", re.MULTILINE)
_ANCHOR = re.compile(r"&[^\s,\[\]{}]")  # also "AT&T", which only costs the exact check


def check_limits(text: str) -> None:
    """Refuse text nested deeper than ``MAX_DEPTH`` or expanding past ``MAX_NODES``."""
    flow = text.count("[") + text.count("{")
    if flow <= MAX_DEPTH // 2 and not _DEEP_LINE.search(text) and not _ANCHOR.search(text):
        return
    _check_events(text)


def _check_events(text: str) -> None:
    # Sizes of open collections (values inside, aliases expanded), and of each anchor.
    open_sizes: list[int] = [0]
    anchors: dict[str, int] = {}
    open_anchors: list[str | None] = []
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.CollectionStartEvent):
                if len(open_sizes) > MAX_DEPTH:
                    raise YamlProblem(f"nested more than {MAX_DEPTH} levels deep", _line(event))
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
                        "an alias refers to a collection that contains it",
                        _line(event),
                    )
                size = anchors.get(event.anchor or "", 1)  # an unknown one fails to load
            else:
                continue
            open_sizes[-1] += size
            if open_sizes[-1] > MAX_NODES:
                raise YamlProblem(
                    f"document expands to more than {MAX_NODES:,} values (an alias bomb?)",
                    _line(event),
                )
    except yaml.YAMLError as exc:
        raise _syntax(exc) from None


def _line(event: yaml.Event) -> int | None:
    return event.start_mark.line + 1 if event.start_mark else None


def _syntax(exc: yaml.YAMLError) -> YamlProblem:
    if isinstance(exc, YamlProblem):
        return exc
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        return YamlProblem(f"YAML syntax error: {problem}", line, col)
    return YamlProblem(f"YAML error: {exc}")


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
                raise YamlProblem("merge keys ('<<') are not supported", line)
            key = self.construct_object(key_node, deep=deep)
            if not isinstance(key, str | int | float | bool) and key is not None:
                raise YamlProblem("mapping keys must be plain values", line)
            if key in mapping:
                raise YamlProblem(f"duplicate key {key!r}", line)
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
            f"number too long ({len(node.value):,} characters)", node.start_mark.line + 1
        )
    number: int = loader.construct_yaml_int(node)
    return number


def _timestamp(loader: Any, node: yaml.ScalarNode) -> Any:
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError:
        raise YamlProblem(
            f"{node.value!r} is not a real date (YYYY-MM-DD)", node.start_mark.line + 1
        ) from None


def _unsupported(loader: Any, node: yaml.Node) -> None:
    raise YamlProblem(
        f"unsupported tag {node.tag!r}: only plain YAML is accepted", node.start_mark.line + 1
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
        raise _syntax(exc) from None
    except RecursionError:  # pragma: no cover - check_limits bounds the depth first
        raise YamlProblem(f"nested more than {MAX_DEPTH} levels deep") from None


def load_located(text: str) -> Any:
    """Like ``load``, into dicts and lists that know their line numbers (for protocols
    and answers files, whose every problem names its line)."""
    check_limits(text)
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise YamlProblem("file is empty")
        return _located(node, loader)
    except yaml.YAMLError as exc:
        raise _syntax(exc) from None
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
                raise YamlProblem("merge keys ('<<') are not supported", key_line)
            key = _located(key_node, loader)
            if not isinstance(key, str | int | float | bool) and key is not None:
                raise YamlProblem("mapping keys must be plain values", key_line)
            if key in mapping:
                raise YamlProblem(f"duplicate key {key!r}", key_line)
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
