"""`reflect protocols`: list, show and validate reflection protocols."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from reflect_cli.cli.options import QuestionsDirs, plural, warn
from reflect_cli.ui import screen


def list_protocols(questions_dir: QuestionsDirs = None) -> None:
    """List the protocols on the search path: --questions-dir, REFLECT_QUESTIONS_PATH,
    ./questions, then the built-ins. The first protocol with an id wins."""
    from reflect_cli.protocols import catalog
    from reflect_cli.ui import terminal

    found = catalog.catalog(questions_dir or [])
    warn(found.all_warnings())
    rows = [
        [p.id, str(p.version), p.title, str(len(p.domains)), str(p.question_count), p.path]
        for p in found.protocols.values()
    ]
    headers = ["id", "version", "title", "domains", "questions", "found in"]
    terminal.table(headers, rows, caption=plural(len(rows), "protocol"))


def show_protocol(
    protocol: Annotated[str, typer.Argument(help="Protocol id, or a path to a YAML file.")],
    questions_dir: QuestionsDirs = None,
) -> None:
    """Show every domain and question of a protocol, with help, choices and scales."""
    from reflect_cli.protocols import catalog
    from reflect_cli.ui import terminal

    found, warnings = catalog.find(protocol, questions_dir or [])
    warn(warnings)
    terminal.show_protocol(found)


def validate(
    files: Annotated[list[Path], typer.Argument(help="Protocol YAML files to check.")],
) -> None:
    """Check protocol files; print one line per problem (FILE:LINE: what is wrong).

    Exits 0 when every file is valid, 2 otherwise."""
    from reflect_cli.errors import ProtocolError
    from reflect_cli.protocols import catalog

    problems: list[str] = []
    for path in files:
        try:
            loaded = catalog.load_file(path)
        except ProtocolError as exc:
            problems.extend(exc.problems)
        else:
            count = plural(loaded.question_count, "question")
            screen.data(f"{path}: ok ({loaded.id}, {count})", "\n")
    if problems:
        raise ProtocolError(problems)


def handout(
    protocol: Annotated[str, typer.Argument(help="Protocol id, or a path to a YAML file.")],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="File to write: .html (default) or .md [default: stdout]."
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
    questions_dir: QuestionsDirs = None,
) -> None:
    """Write a printable handout of a protocol for participants: title, purpose, the
    video to watch first, then one page per domain with its questions, their help and
    room for notes. HTML (self-contained, no script, print CSS) unless -o ends in .md."""
    from reflect_cli.errors import InputError
    from reflect_cli.protocols import catalog
    from reflect_cli.records.output import write_output
    from reflect_cli.render import handout as rendering

    found, warnings = catalog.find(protocol, questions_dir or [])
    warn(warnings)
    suffix = output.suffix.lower() if output else ".html"
    if suffix not in (".html", ".htm", ".md", ".markdown"):
        raise InputError(f"{output}: a handout is .html or .md")
    text = (
        rendering.markdown_text(found) if suffix in (".md", ".markdown") else rendering.html(found)
    )
    if output is None:
        screen.data(text)
        return
    write_output(output, text, force=force)
    screen.message(f"wrote {output} ({found.id}, {len(found.domains)} domains)")
