"""Exports: one module per format, looked up by name. Each has ``render(sessions, options)``."""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from reflect_cli.errors import InputError
from reflect_cli.model import Session

FORMATS = {"md": "markdown", "html": "html", "csv": "csv_rows", "json": "json_records"}
SUFFIXES = {
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".csv": "csv",
    ".json": "json",
}


@dataclass(frozen=True)
class Options:
    """How an export is made: redaction, private notes, Excel-friendly CSV."""

    redact: bool = False
    include_private: bool = False
    excel: bool = False


class Exporter(Protocol):
    def render(self, sessions: Iterable[Session], options: Options) -> Iterator[str]: ...


def batched(lines: Iterable[str], size: int = 2000) -> Iterator[str]:
    """Lines joined into chunks: a few large writes instead of a million small ones."""
    batch: list[str] = []
    for line in lines:
        batch.append(line)
        if len(batch) >= size:
            yield "\n".join(batch) + "\n"
            batch.clear()
    yield "\n".join(batch) + "\n"


def format_for(name: str | None, output: Path | None) -> str:
    """The format asked for, else the one the output file's suffix names, else Markdown."""
    if name:
        if name not in FORMATS:
            raise InputError(f"unknown format {name!r}; one of: {', '.join(FORMATS)}")
        return name
    if output is not None and output.suffix.lower() in SUFFIXES:
        return SUFFIXES[output.suffix.lower()]
    return "md"


def render(sessions: Iterable[Session], fmt: str, options: Options) -> Iterator[str]:
    """The sessions (given oldest first) as one document in the format named, in chunks."""
    from reflect_cli.export.prepare import prepare

    module: Exporter = importlib.import_module(f"reflect_cli.export.{FORMATS[fmt]}")
    return module.render((prepare(s, options) for s in sessions), options)
