"""Exports: one module per format, looked up by name. Each has ``render(sessions, options)``."""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from reflect_cli.errors import InputError
from reflect_cli.model import Session
from reflect_cli.render.export.base import Exporter, Options

__all__ = ["FORMATS", "SUFFIXES", "Options", "format_for", "render"]

FORMATS = {"md": "markdown", "html": "html", "csv": "csv_rows", "json": "json_records"}
SUFFIXES = {
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".csv": "csv",
    ".json": "json",
}


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
    from reflect_cli.render.export.prepare import prepare

    module: Exporter = importlib.import_module(f"reflect_cli.render.export.{FORMATS[fmt]}")
    return module.render((prepare(s, options) for s in sessions), options)
