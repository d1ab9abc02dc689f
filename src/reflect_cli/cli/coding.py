"""`reflect codes` (the codebook: list, show, add, validate, init) and `reflect code`
(coding passages in the terminal). Each opens the folder, calls one function of
``coding/``, and shows the result."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from reflect_cli.cli.options import Collaborative, Ids, ProtocolId, Since, Site, Until, plural
from reflect_cli.cli.selecting import bulk, chosen_sessions
from reflect_cli.ui import screen

Coder = Annotated[
    str,
    typer.Option(
        "--coder",
        envvar="REFLECT_CODER",
        help="Who is coding: names the file codings/CODER.yaml [env: REFLECT_CODER].",
        show_default=False,
    ),
]
Question = Annotated[str, typer.Option("--question", help="Only this question's passages (id).")]


def _folder(ctx: typer.Context) -> Path:
    from reflect_cli.cli.options import sessions_dir

    return sessions_dir(ctx)


def list_codes(ctx: typer.Context) -> None:
    """List the codebook's codes: number (what `reflect code` takes), id, name, keywords."""
    from reflect_cli.coding import codebook
    from reflect_cli.ui import terminal

    book = codebook.load(_folder(ctx))
    rows = [
        [str(n), "  " * book.depth(c) + c.id, c.name, c.parent, ", ".join(c.keywords)]
        for n, c in enumerate(book.codes, start=1)
    ]
    headers = ["#", "id", "name", "parent", "keywords"]
    terminal.table(headers, rows, caption=plural(len(rows), "code"))


def show_code(
    ctx: typer.Context, code: Annotated[str, typer.Argument(help="A code's id or name.")]
) -> None:
    """Show one code: its name, description, parent, colour and keywords."""
    from reflect_cli.coding import codebook
    from reflect_cli.errors import InputError

    book = codebook.load(_folder(ctx))
    found = book.find(code)
    if found is None:
        raise InputError(f"no code {code!r} in the codebook; `reflect codes list` shows them")
    lines = [f"{found.id} · {found.name}"]
    for label, value in (
        ("parent", found.parent),
        ("colour", found.colour),
        ("keywords", ", ".join(found.keywords)),
        ("description", found.description),
    ):
        if value:
            lines.append(f"{label}: {value}")
    screen.data("\n".join(lines), "\n")


def add_code(
    ctx: typer.Context,
    code_id: Annotated[str, typer.Argument(help="The new code's id (like trust-building).")],
    name: Annotated[str, typer.Option("--name", help="Its name as people read it.")],
    description: Annotated[str, typer.Option(help="What it means; when to use it.")] = "",
    parent: Annotated[str, typer.Option(help="The id of the code it sits under.")] = "",
    colour: Annotated[str, typer.Option(help="A colour like #2a7ab0.")] = "",
    keyword: Annotated[
        list[str] | None,
        typer.Option("--keyword", help="A word that suggests it while coding (repeatable)."),
    ] = None,
) -> None:
    """Add a code to the codebook (codebook.yaml in the sessions folder; made if missing)."""
    from reflect_cli.coding import codebook

    code = codebook.Code(code_id, name, description, parent, colour, tuple(keyword or ()))
    book = codebook.add(_folder(ctx), code)
    screen.message(f"added {code_id}; the codebook has {plural(len(book.codes), 'code')}")


def validate_codes(
    ctx: typer.Context,
    file: Annotated[
        Path | None, typer.Argument(help="A codebook file [default: the folder's].")
    ] = None,
) -> None:
    """Check a codebook: one line (FILE:LINE: what is wrong) and exit 2, or ok."""
    from reflect_cli.coding import codebook

    path = file or codebook.path_in(_folder(ctx))
    book = codebook.read(path)
    screen.data(f"{path}: ok ({plural(len(book.codes), 'code')})", "\n")


def init_codes(
    ctx: typer.Context,
    force: Annotated[bool, typer.Option(help="Replace an existing codebook.")] = False,
) -> None:
    """Write a starter codebook from the seed documents' themes (trust and
    relationships, turnover, power dynamics, shared leadership, family engagement,
    student leadership, resource sharing, coordination and communication, data access,
    repair and feedback), each described in the seeds' own words."""
    from reflect_cli.coding import codebook, starter
    from reflect_cli.errors import InputError

    folder = _folder(ctx)
    path = codebook.path_in(folder)
    if (path.exists() or path.is_symlink()) and not force:
        raise InputError(f"{path} exists; --force replaces it")
    if not folder.is_dir():
        raise InputError(f"no sessions folder {folder}")
    codebook.save(folder, starter.CODES)
    screen.message(f"wrote {path} ({plural(len(starter.CODES), 'code')})")


def code(
    ctx: typer.Context,
    ids: Ids = None,
    coder: Coder = "",
    question: Question = "",
    review: Annotated[
        str, typer.Option("--code", help="Review the passages you gave this code (id or name).")
    ] = "",
    collaborative: Collaborative = "",
    site: Site = "",
    protocol: ProtocolId = "",
    since: Since = "",
    until: Until = "",
) -> None:
    """Code passages in the terminal: each line someone said, with its question and the
    line before it, codes suggested by their keywords. Type codes by number or name,
    - for none, /memo, /skip, /back, /pause. Every decision is saved at once to
    codings/CODER.yaml (never into the records); run it again to go on where you stopped."""
    from reflect_cli.coding import codebook, codings, passages, stepping
    from reflect_cli.errors import InputError
    from reflect_cli.ui.rich_console import RichConsole

    if not coder:
        raise InputError("say who is coding: --coder NAME (or REFLECT_CODER)")
    folder = _folder(ctx)
    book = codebook.load(folder)
    if not book.codes:
        raise InputError(f"the codebook in {folder} has no codes: `reflect codes add`")
    mine = codings.load(folder, coder)
    reviewing = ""
    if review:
        found = book.find(review)
        if found is None:
            raise InputError(f"no code {review!r} in the codebook")
        reviewing = found.id
    store, chosen = chosen_sessions(ctx, limit=False, complete_only=True)
    with bulk():
        found_passages = passages.of_sessions(store.read(reversed(chosen)), question.strip())
    placed = codings.anchor(mine.all(), found_passages)
    for old, new in placed.moved:
        screen.message(f"coding of {old} follows its text to {new}")
    for lost in placed.lost:
        screen.warning(f"coding of {lost.address} no longer matches its text; kept, not shown")
    # Codings found again under a new address are saved there.
    for old, new in placed.moved:
        mine.by_address.pop(old, None)
        mine.put(placed.placed[new])
    steps = stepping.queue(found_passages, mine, reviewing)
    if not steps:
        what = f"coded {reviewing}" if reviewing else "left to code"
        screen.message(f"no passages {what} ({plural(len(found_passages), 'passage')} chosen)")
        return
    screen.message(f"{plural(len(steps), 'passage')} to code as {mine.coder}")
    loop = stepping.Loop(RichConsole(), book, mine, lambda c: codings.save(folder, c))
    try:
        outcome = loop.run(steps)
    except EOFError:
        screen.message("input ended; every decision is saved: `reflect code` goes on")
        raise typer.Exit(1) from None
    except KeyboardInterrupt:
        screen.message("interrupted; every decision is saved: `reflect code` goes on")
        raise typer.Exit(130) from None
    left = f"; {plural(outcome.remaining, 'passage')} left" if outcome.remaining else ""
    screen.message(f"{plural(outcome.decided, 'passage')} coded{left}")
