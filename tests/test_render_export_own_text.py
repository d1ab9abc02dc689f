"""reflect's own protocol text (render/export/own_text): what a redacted export keeps.

``own_texts`` reads the built-in files' strings directly (fast); it must hold every
text the protocol loader and the translation reader give for them, and nothing more than
the files' keys and their bookkeeping (hashes, language tags, the translator)."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

import yaml

from reflect_cli.protocols import translations
from reflect_cli.protocols.catalog import builtin_dir
from reflect_cli.render.export.own_text import is_own, own_protocols, own_texts


def _texts(value: Any, found: set[str]) -> None:
    """Every text of a loaded protocol, as the loader built it."""
    if isinstance(value, str):
        found.add(value)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            if field.name != "path":
                _texts(getattr(value, field.name), found)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _texts(item, found)
    elif isinstance(value, dict):
        for key, item in value.items():
            _texts(key, found)
            _texts(item, found)


def loaded_texts() -> set[str]:
    found: set[str] = set()
    for protocol in own_protocols():
        _texts(protocol, found)
        shipped, problems = translations.load_all(protocol)
        assert not problems
        for translation in shipped.values():
            found |= {entry.text for entry in translation.entries.values() if entry.text}
    return found


def keys_of_files() -> set[str]:
    keys: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            keys.update(k for k in value if isinstance(k, str))
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for path in builtin_dir().glob("*.yaml"):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return keys


def test_every_text_the_loader_gives_is_own() -> None:
    # What the loader makes itself rather than reads (a digest of the file, the
    # default language, an empty text) is not protocol text: passed to the redactor.
    made = {t for t in loaded_texts() if not t or t == "en" or re.fullmatch("[0-9a-f]{64}", t)}
    missing = loaded_texts() - made - own_texts()
    assert not missing
    assert is_own("Strong relationships and trust")


def test_what_is_own_beyond_the_loaders_texts_is_bookkeeping() -> None:
    beyond = own_texts() - loaded_texts()
    bookkeeping = {
        text
        for text in beyond
        if text in keys_of_files()
        or re.fullmatch("[0-9a-f]{8}", text)  # a translated text's source fingerprint
        or re.fullmatch("[a-z]{2}", text)  # a language tag
        or text.startswith("The reflect project")  # the shipped translations' translator
    }
    assert beyond == bookkeeping
    assert beyond  # the files' keys are there: the test reads what it means to
