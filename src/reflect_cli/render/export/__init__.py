"""Exports: one module per format, looked up by name. Each has ``render(sessions, options)``."""

from __future__ import annotations

import importlib
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from reflect_cli.errors import InputError
from reflect_cli.i18n.messages import _
from reflect_cli.model import Session
from reflect_cli.render.export import html_text
from reflect_cli.render.export.base import Exporter, Options
from reflect_cli.render.export.names import Decisions
from reflect_cli.render.export.places import UndecidedWords
from reflect_cli.render.export.pseudonyms import Pseudonyms
from reflect_cli.render.export.redact import Redactor

__all__ = [
    "FORMATS",
    "SUFFIXES",
    "Decisions",
    "Options",
    "Pseudonyms",
    "Redactor",
    "UndecidedWords",
    "format_for",
    "redactor",
    "render",
]

FORMATS = {"md": "markdown", "html": "html", "csv": "csv_rows", "json": "json_records"}
SUFFIXES = {
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".csv": "csv",
    ".json": "json",
    ".pdf": "pdf",
    ".zip": "datapackage",
    ".qdpx": "qdpx",
}
#: Every format by name: the text formats, PDF (the HTML, printed by a browser) and the
#: data package (tidy tables, one CSV each, and their schema: several files, see
#: ``datapackage.files``).
NAMES = (*FORMATS, "pdf", "datapackage", "qdpx")
#: Formats people read: in the reader's language (``--lang``). The tables and JSON
#: keep what was recorded (the protocol's labels), which is what is counted.
READ = ("md", "html", "pdf")
#: Formats written as a folder of files (or a zip of them), never to standard output.
FOLDERS = ("datapackage",)
#: The REFI-QDA project for QDA programs (``render/coding/refi.py``): a zip, to a file.
QDPX = "qdpx"


def format_for(name: str | None, output: Path | None) -> str:
    """The format asked for, else the one the output file's suffix names, else Markdown
    (for a file with no suffix, or standard output). An unknown name or suffix is an
    InputError listing the formats: never silently Markdown."""
    if name:
        if name not in NAMES:
            raise InputError(
                _("unknown format {name}; one of: {formats}").format(
                    name=repr(name), formats=", ".join(NAMES)
                )
            )
        return name
    if output is None or not output.suffix:
        return "md"
    suffix = output.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(
            _(
                "{file}: unknown suffix {suffix}; use one of {suffixes} or --format {formats}"
            ).format(
                file=output.name,
                suffix=repr(output.suffix),
                suffixes=", ".join(dict.fromkeys(SUFFIXES)),
                formats="|".join(NAMES),
            )
        )
    return SUFFIXES[suffix]


def redactor(
    selected: Iterable[Session],
    roster: Iterable[Session] = (),
    keep_places: bool = False,
    decisions: Decisions | None = None,
    pseudonyms: Pseudonyms | None = None,
    strict: bool = False,
    language: str = "",
) -> Redactor:
    """Everyone the selection knows (its sessions, oldest first, then the earlier sessions
    of the same collaboratives), each with a label for the whole export; ``decisions``
    say which everyday words are names in this folder; labels carry codes from
    ``pseudonyms`` (the evaluator's key); ``strict`` shows organizations by sector;
    labels are said in ``language`` (the document's; English when none)."""
    found = Redactor(keep_places, decisions, pseudonyms, strict, language)
    for session in selected:
        found.learn(session)
    for session in roster:
        found.learn(session, selected=False)
    found.finish()
    return found


def render(
    sessions: Iterable[Session], fmt: str, options: Options, redactor: Redactor | None = None
) -> Iterator[str]:
    """The sessions (given oldest first) as one document in the format named, in chunks.

    Redacted, it stops (UndecidedWords) where an everyday word may be a name and nobody
    has decided; then the whole document is rendered and checked: it is refused
    (RedactionError) if any name, handle or place the redactor knows is still in it."""
    from reflect_cli.render.export.prepare import prepare

    module: Exporter = importlib.import_module(f"reflect_cli.render.export.{FORMATS[fmt]}")
    if redactor is not None:
        options = replace(options, redact=True, notice=redactor.statement())
    if redactor is None:
        return module.render((prepare(s, options) for s in sessions), options)
    from reflect_cli.render.export.static import stripped

    prepared = [prepare(s, options, redactor) for s in sessions]
    redactor.stop_if_undecided()
    document = "".join(module.render(prepared, options))

    def static() -> str:
        # The same export with nothing people said: the template's and protocol's own
        # words. Rendered only when the document holds a known term for it to excuse.
        return PLAIN[fmt]("".join(module.render([stripped(s) for s in prepared], options)))

    redactor.check(PLAIN[fmt](document), fmt, static)
    return iter([document])


def _json_plain(document: str) -> str:
    # One record per line: keep the lines, so a failed check can say where.
    def strings(value: Any) -> Iterator[str]:
        if isinstance(value, str):
            yield value
        elif isinstance(value, list):
            for item in value:
                yield from strings(item)
        elif isinstance(value, dict):
            for key, item in value.items():
                yield key
                yield from strings(item)

    lines = []
    for line in document.split("\n"):
        try:
            lines.append(" · ".join(strings(json.loads(line.lstrip(",")))))
        except ValueError:
            lines.append(line)
    return "\n".join(lines)


#: Each format's document as the text a reader sees (escapes undone), for the check.
PLAIN: dict[str, Callable[[str], str]] = {
    "md": lambda document: re.sub(r"\\(.)", r"\1", document, flags=re.DOTALL),
    "html": html_text.plain,
    "csv": lambda document: document,
    "json": _json_plain,
}
