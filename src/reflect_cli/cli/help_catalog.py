"""The commands' docstrings for the message catalog (used by Babel in development only).

A command's `--help` is its function's docstring, translated where it is shown
(`helping`); Babel's Python extractor finds only marked strings, so this extraction
method adds, for each file, the docstring of every command defined in it, as Typer
reads it (``inspect.getdoc``). `babel.cfg` at the top of the repository names it.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any


def commands() -> Iterator[Any]:
    """Every command function registered in the app, in every group."""
    from reflect_cli.cli.app import app

    groups = [app]
    while groups:
        group = groups.pop(0)
        for info in group.registered_commands:
            yield info.callback
        groups.extend(i.typer_instance for i in group.registered_groups if i.typer_instance)


def docstrings(path: Path) -> Iterator[tuple[int, str]]:
    """(line, docstring) of each command defined in ``path``."""
    for function in commands():
        source = inspect.getsourcefile(function)
        text = inspect.getdoc(function)
        if source and text and Path(source).resolve() == path.resolve():
            yield inspect.getsourcelines(function)[1], text


def extract(fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any) -> Iterator[Any]:
    """Babel's Python extraction, then the file's commands' docstrings."""
    from babel.messages.extract import extract_python

    yield from extract_python(fileobj, keywords, comment_tags, options)
    name = getattr(fileobj, "name", "")
    if name:
        for line, text in docstrings(Path(name)):
            yield line, "", text, []
