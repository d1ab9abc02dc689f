"""Walks over an export's view (``view``), each shown field that holds text changed by
what it holds: ``rebuilt`` makes new records, ``changed_in_place`` changes a view nothing
else holds where it is; ``each_text`` reaches every text inside a field's value;
``protocol_only`` tells a record of reflect's own protocol text alone, which a walk may
keep as it is."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from reflect_cli.render.export.view import LEAVES, SHOWN, SPLIT, Holds


def rebuilt(
    value: Any,
    change: Callable[[Any, str, Holds, Any], Any],
    enter: Callable[[Any], None] = lambda record: None,
) -> Any:
    """``value`` (a view, or records of one) rebuilt with each shown field that holds
    text replaced by ``change(record, field, holds, value)``: every record within
    records too, its own fields before those of the records it holds; ``enter(record)``
    is called before a record's fields are."""
    split = SPLIT.get(type(value))
    if split is not None:
        enter(value)
        texts, walked = split
        new = {name: change(value, name, holds, getattr(value, name)) for name, holds in texts}
        for name in walked:
            new[name] = rebuilt(getattr(value, name), change, enter)
        return dataclasses.replace(value, **new)
    if isinstance(value, LEAVES):  # most of what is walked: a number, a flag, an enum
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        raise KeyError(type(value))  # a record type nobody has classified
    if isinstance(value, list):
        return [rebuilt(item, change, enter) for item in value]
    if isinstance(value, tuple):
        return tuple(rebuilt(item, change, enter) for item in value)
    return value


def changed_in_place(
    value: Any,
    change: Callable[[Any, str, Holds, Any], Any],
    enter: Callable[[Any], None] = lambda record: None,
    kept: Callable[[Any], bool] = lambda record: False,
) -> Any:
    """``rebuilt``, for a view nothing else holds (``shown`` made it): each record's
    fields are changed where it is, and only a frozen record (the protocol's text) is
    made anew; the same records in the same order, the same calls of ``change`` and
    ``enter``, without a second copy of every record. A record ``kept`` says comes back
    as it is (the caller knows, from what it holds) is not entered."""
    split = SPLIT.get(type(value))
    if split is not None:
        if kept(value):
            return value
        enter(value)
        texts, walked = split
        new = {}
        for name, holds in texts:
            before = getattr(value, name)
            after = change(value, name, holds, before)
            if after is not before:
                new[name] = after
        for name in walked:
            before = getattr(value, name)
            if type(before) in _PLAIN or not before:
                continue  # a number, a flag, nothing, an empty list: most of what is walked
            after = changed_in_place(before, change, enter, kept)
            if after is not before:
                new[name] = after
        if not new:
            return value
        if _FROZEN[type(value)]:
            return dataclasses.replace(value, **new)
        for name, after in new.items():
            setattr(value, name, after)
        return value
    if isinstance(value, LEAVES):
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        raise KeyError(type(value))  # a record type nobody has classified
    if isinstance(value, list):
        for number, item in enumerate(value):
            after = changed_in_place(item, change, enter, kept)
            if after is not item:
                value[number] = after
        return value
    if isinstance(value, tuple):
        items = tuple(changed_in_place(item, change, enter, kept) for item in value)
        return value if all(a is b for a, b in zip(items, value, strict=True)) else items
    return value


#: Values of these very types hold no records and no text to change: passed over where
#: they are met (an enum or anything else still goes through ``changed_in_place``).
_PLAIN = frozenset({bool, int, float, type(None)})

#: Per record type: whether it is frozen (changed only by making it anew).
_FROZEN = {kind: kind.__dataclass_params__.frozen for kind in SHOWN}  # type: ignore[attr-defined]


#: Record types of the protocol's text alone, frozen: the fields that hold it, and the
#: rest (numbers, which ``protocol_only`` checks they are).
PROTOCOL_ONLY = {
    kind: (
        tuple(name for name, holds in fields.items() if holds is Holds.PROTOCOL),
        tuple(name for name, holds in fields.items() if holds is Holds.NONE),
    )
    for kind, fields in SHOWN.items()
    if _FROZEN[kind] and set(fields.values()) <= {Holds.PROTOCOL, Holds.NONE}
}


def protocol_only(record: Any, kept: Callable[[str], bool]) -> bool:
    """Whether ``record`` holds the protocol's text alone (``PROTOCOL_ONLY``), every
    text of it one ``kept`` keeps, and nothing else but numbers."""
    split = PROTOCOL_ONLY.get(type(record))
    if split is None:
        return False
    texts, others = split
    return all(type(getattr(record, name)) in _PLAIN for name in others) and all(
        kept(text) for name in texts for text in texts_in(getattr(record, name))
    )


def texts_in(value: Any) -> list[str]:
    """Every text in ``value`` (a field's: text, or lists, tuples and mappings of it),
    keys too: the texts ``each_text`` changes."""
    found: list[str] = []

    def seen(text: str) -> str:
        found.append(text)
        return text

    each_text(value, seen)
    return found


def each_text(value: Any, change: Callable[[str], str]) -> Any:
    """``value`` (a field's: text, or lists, tuples and mappings of it) with ``change``
    applied to every text in it, keys too; anything else as it is."""
    if isinstance(value, str):
        return change(value)
    if isinstance(value, list):
        return [each_text(item, change) for item in value]
    if isinstance(value, tuple):
        return tuple(each_text(item, change) for item in value)
    if isinstance(value, dict):
        return {each_text(k, change): each_text(v, change) for k, v in value.items()}
    return value
