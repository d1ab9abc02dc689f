"""`reflect protocols`: list, show and validate reflection protocols."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

QuestionsDirs = Annotated[
    list[Path] | None,
    typer.Option(
        "--questions-dir",
        help="Extra folder of protocol YAML files, searched first (repeatable).",
        file_okay=False,
    ),
]

app = typer.Typer(
    help="List, show and validate reflection protocols.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


def _warn(lines: list[str]) -> None:
    for line in lines:
        print(f"reflect: warning: {line}", file=sys.stderr)


@app.command("list")
def list_protocols(questions_dir: QuestionsDirs = None) -> None:
    """List the protocols on the search path: --questions-dir, REFLECT_QUESTIONS_PATH,
    ./questions, then the built-ins. The first protocol with an id wins."""
    from reflect_cli import protocols, terminal

    found = protocols.catalog(questions_dir or [])
    _warn(found.all_warnings())
    rows = [
        [p.id, str(p.version), p.title, str(len(p.domains)), str(p.question_count), p.path]
        for p in found.protocols.values()
    ]
    headers = ["id", "version", "title", "domains", "questions", "found in"]
    terminal.table(headers, rows, caption=f"{len(rows)} protocols")


@app.command("show")
def show_protocol(
    protocol: Annotated[str, typer.Argument(help="Protocol id, or a path to a YAML file.")],
    questions_dir: QuestionsDirs = None,
) -> None:
    """Show every domain and question of a protocol, with help, choices and scales."""
    from reflect_cli import protocols, terminal

    found, warnings = protocols.find(protocol, questions_dir or [])
    _warn(warnings)
    terminal.show_protocol(found)


@app.command("validate")
def validate(
    files: Annotated[list[Path], typer.Argument(help="Protocol YAML files to check.")],
) -> None:
    """Check protocol files; print one line per problem (FILE:LINE: what is wrong).

    Exits 0 when every file is valid, 2 otherwise."""
    from reflect_cli import protocols
    from reflect_cli.errors import ProtocolError

    problems: list[str] = []
    for path in files:
        try:
            loaded = protocols.load_file(path)
        except ProtocolError as exc:
            problems.extend(exc.problems)
        else:
            print(f"{path}: ok ({loaded.id}, {loaded.question_count} questions)")
    if problems:
        raise ProtocolError(problems)
