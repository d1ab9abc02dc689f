"""The text of reflect's own protocols: the one protocol text a redacted export keeps.

A record keeps its own copy of its protocol's text (domain titles, prompts, help, choice
labels). A protocol anyone wrote or edited can name a person there ("What did Monica
Haugen propose?"), so a redacted export passes that copy through the redactor like what
people said (``view.Holds.PROTOCOL``), except where it is word for word the text of a
protocol built into reflect: reviewed text that names no one, kept as written even when
a participant is called Strong or Best ("Strong relationships and trust").
"""

from __future__ import annotations

import dataclasses
import functools
from typing import Any

from reflect_cli.errors import ReflectError
from reflect_cli.model import Protocol
from reflect_cli.protocols import translations
from reflect_cli.protocols.catalog import builtin_dir, load_file


@functools.cache
def own_protocols() -> tuple[Protocol, ...]:
    """The protocols built into reflect (never one of ``questions/`` or the search path:
    anyone can write those)."""
    found: list[Protocol] = []
    for path in sorted(builtin_dir().glob("*.yaml")):
        try:
            found.append(load_file(path))
        except ReflectError:  # a broken built-in protocol: none of its text is kept
            continue
    return tuple(found)


@functools.cache
def own_texts() -> frozenset[str]:
    """Every text of every protocol built into reflect (titles, prompts, help, labels,
    ids, sources), and of the translations shipped with them."""
    found: set[str] = set()
    for protocol in own_protocols():
        _texts(protocol, found)
        # Its translations shipped beside it (questions/*.es.yaml): reviewed text too,
        # what an export in that language shows in the protocol's place.
        shipped, _problems = translations.load_all(protocol)
        for translation in shipped.values():
            found |= {entry.text for entry in translation.entries.values() if entry.text}
    return frozenset(found)


def is_own(text: str) -> bool:
    """Whether ``text`` is word for word a text of one of reflect's own protocols."""
    return text in own_texts()


def _texts(value: Any, found: set[str]) -> None:
    if isinstance(value, str):
        found.add(value)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            if field.name != "path":  # where it was read from: not the protocol's text
                _texts(getattr(value, field.name), found)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _texts(item, found)
    elif isinstance(value, dict):
        for key, item in value.items():
            _texts(key, found)
            _texts(item, found)
