"""The text of reflect's own protocols: the one protocol text a redacted export keeps.

A record keeps its own copy of its protocol's text (domain titles, prompts, help, choice
labels). A protocol anyone wrote or edited can name a person there ("What did Monica
Haugen propose?"), so a redacted export passes that copy through the redactor like what
people said (``view.Holds.PROTOCOL``), except where it is word for word the text of a
protocol built into reflect: reviewed text that names no one, kept as written even when
a participant is called Strong or Best ("Strong relationships and trust").
"""

from __future__ import annotations

import functools
from typing import Any

import yaml

from reflect_cli.errors import ReflectError
from reflect_cli.model import Protocol
from reflect_cli.protocols.catalog import builtin_dir, load_file
from reflect_cli.records.yaml_checks import Loader


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
    ids, sources), and of the translations shipped with them (questions/*.es.yaml:
    reviewed text too, what an export in that language shows in the protocol's place).

    Read as the files' every string, keys too (``id``, ``prompt``: words that name no
    one), rather than through the protocol loader: the same texts and a few more, in a
    twentieth of the time a one-session export would spend checking reflect's own files
    (the built-in protocols are tested to load)."""
    found: set[str] = set()
    for path in sorted(builtin_dir().glob("*.yaml")):
        try:
            _strings(yaml.load(path.read_bytes(), Loader=Loader), found)
        except yaml.YAMLError:  # a broken built-in file: none of its text is kept
            continue
    return frozenset(found)


def _strings(value: Any, found: set[str]) -> None:
    if isinstance(value, str):
        found.add(value)
    elif isinstance(value, dict):
        for key, item in value.items():
            _strings(key, found)
            _strings(item, found)
    elif isinstance(value, list):
        for item in value:
            _strings(item, found)


def is_own(text: str) -> bool:
    """Whether ``text`` is word for word a text of one of reflect's own protocols."""
    return text in own_texts()
