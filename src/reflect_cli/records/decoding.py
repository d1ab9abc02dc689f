"""The strict decoder's rules: plain data (from YAML or the cache) into typed values.

Records (``codec``), answers files (``session/prefill``) and protocols
(``protocols/schema``) read their values through these, so a value is text, a whole
number, a flag or a date by the same rules everywhere, and every refusal names the key
path (``domains[0].questions[2].answer``) and, when the data knows it, the line.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator, Mapping
from typing import Any, TypeVar

from reflect_cli.dates import record_date
from reflect_cli.i18n.messages import _

KeyPath = tuple[str | int, ...]
E = TypeVar("E")


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


class Invalid(Exception):
    """A value that does not fit; ``path`` says where, ``line`` is 1-based when known."""

    def __init__(self, path: KeyPath, message: str, line: int | None = None) -> None:
        self.path = path
        self.message = message
        self.line = line
        super().__init__(message)

    def where(self, source: str) -> str:
        """``source:line: path: message`` with what is known."""
        place = f"{source}:{self.line}" if self.line else source
        key = f"{dotted(self.path)}: " if self.path else ""
        return f"{place}: {key}{self.message}"


def dotted(path: KeyPath) -> str:
    """A key path as people read it: ``domains[0].questions[2].answer``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
            continue
        # A key holding a newline or other control character is shown quoted, so the
        # message stays one readable line ("intro.'\n'").
        name = str(part) if str(part).isprintable() else repr(str(part))
        out += f".{name}" if out else name
    return out


def line_of(data: Any, path: KeyPath) -> int | None:
    """The line a key path was written on, in data from ``yamlio.load_located``."""
    line = getattr(data, "line", None) or None
    for part in path:
        if isinstance(data, LocatedDict) and part in data:
            line, data = data.key_lines.get(part, line), data[part]
        elif isinstance(data, LocatedList) and isinstance(part, int) and part < len(data):
            line, data = data.item_lines[part], data[part]
        else:
            break
    return line


def describe(value: Any) -> str:
    """A value's kind as people read it, for "must be ..., not ..." messages."""
    if value is None:
        return _("empty")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        return f"{value!r}".replace("inf", ".inf").replace("nan", ".nan")
    if isinstance(value, dict):
        return _("a mapping")
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, dt.datetime | dt.date):
        return _("the date {date}").format(date=value.isoformat())
    if isinstance(value, int | float):
        return _("the number {number}").format(number=repr(value))
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "...'"


# -- single values: a ValueError carries the message ----------------------------------


def to_text(value: Any) -> str:
    """Text, a number or a date as text; ``None`` as ""; anything else refused."""
    if type(value) is str:  # by far the most common: no conversion
        return value
    if value is None:
        return ""
    if isinstance(value, bool) or (isinstance(value, float) and not math.isfinite(value)):
        raise ValueError(_("must be text, not {what} (quote it)").format(what=describe(value)))
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, str | int | float):
        return str(value)
    raise ValueError(_("must be text, not {what}").format(what=describe(value)))


def to_int(value: Any) -> int:
    """A whole number (not a flag, not a fraction, not ``.inf``)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise ValueError(_("must be a whole number, not {what}").format(what=describe(value)))


def to_flag(value: Any) -> bool:
    """``true`` or ``false``."""
    if isinstance(value, bool):
        return value
    raise ValueError(_("must be true or false, not {what}").format(what=describe(value)))


def to_date(value: Any) -> str:
    """A date as ``YYYY-MM-DD``."""
    try:
        return record_date(value)
    except ValueError:
        raise ValueError(
            _("must be a date (YYYY-MM-DD), not {what}").format(what=describe(value))
        ) from None


# -- mappings -----------------------------------------------------------------------


class Fields:
    """Typed values out of one mapping; every refusal is ``Invalid`` at its key path."""

    __slots__ = ("data", "path")

    def __init__(self, data: Any, path: KeyPath = (), known: tuple[str, ...] = ()) -> None:
        if not isinstance(data, dict):
            raise Invalid(
                path,
                _("must be a mapping of keys to values, not {what}").format(what=describe(data)),
            )
        self.data: Mapping[Any, Any] = data
        self.path = path
        for key in data if known else ():
            if key not in known:
                raise self.invalid(key, f"unknown key; known: {', '.join(known)}")

    def invalid(self, key: Any, message: str) -> Invalid:
        line = None
        if isinstance(self.data, LocatedDict):
            line = self.data.key_lines.get(key, self.data.line) or None
        return Invalid((*self.path, key), message, line)

    def _get(self, key: Any, required: bool) -> Any:
        value = self.data.get(key)
        if value is None and required:
            raise Invalid(self.path, f"missing {key!r}", getattr(self.data, "line", None))
        return value

    def text(self, key: Any, required: bool = False) -> str:
        value = self.data.get(key)  # the two common cases first: a record has thousands
        if type(value) is str and (value or not required):
            return value
        if value is None and not required:
            return ""
        value = self._get(key, required)
        try:
            text = to_text(value)
        except ValueError as exc:
            raise self.invalid(key, str(exc)) from None
        if required and not text.strip():
            raise self.invalid(key, "is empty")
        return text

    def integer(self, key: str, default: int | None = None) -> int:
        value = self._get(key, default is None)
        if value is None and default is not None:
            return default
        try:
            return to_int(value)
        except ValueError as exc:
            raise self.invalid(key, str(exc)) from None

    def flag(self, key: str, default: bool = False) -> bool:
        value = self.data.get(key, default)
        if type(value) is bool:
            return value
        try:
            return to_flag(value)
        except ValueError as exc:
            raise self.invalid(key, str(exc)) from None

    def date(self, key: str, required: bool = False) -> str:
        value = self._get(key, required)
        if value is None or value == "":
            return ""
        try:
            return to_date(value)
        except ValueError as exc:
            raise self.invalid(key, str(exc)) from None

    def one_of(self, key: str, options: Mapping[str, E], default: str) -> E:
        value = self.text(key) or default
        if value not in options:
            raise self.invalid(key, f"{value!r} is not one of: {', '.join(options)}")
        return options[value]

    def items(self, key: str) -> Iterator[tuple[KeyPath, Any]]:
        """Each item of a list (missing or empty: none), with its key path."""
        value = self.data.get(key)
        if value is None:
            return
        if not isinstance(value, list):
            raise self.invalid(key, _("must be a list, not {what}").format(what=describe(value)))
        for index, item in enumerate(value):
            yield (*self.path, key, index), item

    def texts(self, key: str) -> list[str]:
        """A list of text (missing or empty: [])."""
        value = self.data.get(key)
        if not value:
            if value is None or value == []:
                return []
            raise self.invalid(key, _("must be a list, not {what}").format(what=describe(value)))
        if isinstance(value, list) and all(type(v) is str for v in value):
            return value
        found = []
        for path, item in self.items(key):
            try:
                found.append(to_text(item))
            except ValueError as exc:
                raise Invalid(path, str(exc), line_of(self.data, path[-2:])) from None
        return found

    def each(self, key: str, known: tuple[str, ...] = ()) -> Iterator[Fields]:
        """Each mapping of a list of mappings."""
        for path, item in self.items(key):
            if not isinstance(item, dict):
                line = line_of(self.data, path[-2:])
                raise Invalid(
                    path,
                    _("must be a mapping of keys to values, not {what}").format(
                        what=describe(item)
                    ),
                    line,
                )
            yield Fields(item, path, known)

    def mapping(self, key: str, known: tuple[str, ...] = ()) -> Fields | None:
        """The mapping under a key, or None when the key is missing or empty."""
        value = self.data.get(key)
        if value is None:
            return None
        if not isinstance(value, dict):
            raise self.invalid(
                key,
                _("must be a mapping of keys to values, not {what}").format(what=describe(value)),
            )
        return Fields(value, (*self.path, key), known)
