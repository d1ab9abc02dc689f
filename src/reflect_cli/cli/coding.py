"""`reflect codes` on the codebook itself: list, show, add, validate, init; and the
options the coding commands share (``Coder``, ``Question``). The report is
cli/coding_report.py, the REFI-QDA exchange (codes export, import, `export --format qdpx`)
cli/coding_refi.py, and `reflect code` itself cli/coding_run.py. Each opens the folder,
calls one function of ``coding/``, and shows the result."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from reflect_cli.i18n.messages import N_, _, ngettext
from reflect_cli.ui import screen

Coder = Annotated[
    str,
    typer.Option(
        "--coder",
        envvar="REFLECT_CODER",
        help=N_("Who is coding: names the file codings/CODER.yaml [env: REFLECT_CODER]."),
        show_default=False,
    ),
]
Question = Annotated[
    str, typer.Option("--question", help=N_("Only this question's passages (id)."))
]


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
    headers = ["#", "id", _("name"), _("parent"), _("keywords")]
    caption = ngettext("{count} code", "{count} codes", len(rows)).format(count=len(rows))
    terminal.table(headers, rows, caption=caption)


def show_code(
    ctx: typer.Context, code: Annotated[str, typer.Argument(help=N_("A code's id or name."))]
) -> None:
    """Show one code: its name, description, parent, colour and keywords."""
    from reflect_cli.coding import codebook
    from reflect_cli.errors import InputError

    book = codebook.load(_folder(ctx))
    found = book.find(code)
    if found is None:
        raise InputError(
            _("no code {code!r} in the codebook; `reflect codes list` shows them").format(code=code)
        )
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
    code_id: Annotated[str, typer.Argument(help=N_("The new code's id (like trust-building)."))],
    name: Annotated[str, typer.Option("--name", help=N_("Its name as people read it."))],
    description: Annotated[str, typer.Option(help=N_("What it means; when to use it."))] = "",
    parent: Annotated[str, typer.Option(help=N_("The id of the code it sits under."))] = "",
    colour: Annotated[str, typer.Option(help=N_("A colour like #2a7ab0."))] = "",
    keyword: Annotated[
        list[str] | None,
        typer.Option("--keyword", help=N_("A word that suggests it while coding (repeatable).")),
    ] = None,
) -> None:
    """Add a code to the codebook (codebook.yaml in the sessions folder; made if missing)."""
    from reflect_cli.coding import codebook

    code = codebook.Code(code_id, name, description, parent, colour, tuple(keyword or ()))
    book = codebook.add(_folder(ctx), code)
    screen.message(
        ngettext(
            "added {code}; the codebook has {count} code",
            "added {code}; the codebook has {count} codes",
            len(book.codes),
        ).format(code=code_id, count=len(book.codes))
    )


def validate_codes(
    ctx: typer.Context,
    file: Annotated[
        Path | None, typer.Argument(help=N_("A codebook file [default: the folder's]."))
    ] = None,
) -> None:
    """Check a codebook: one line (FILE:LINE: what is wrong) and exit 2, or ok. The
    folder's codebook is checked against every coder's codings too: a code they give
    that it lacks (removed or renamed) is named with who gave it how often."""
    from reflect_cli.coding import codebook, codings
    from reflect_cli.errors import InputError

    folder = _folder(ctx)
    path = file or codebook.path_in(folder)
    book = codebook.read(path)
    if file is None or file.resolve() == codebook.path_in(folder).resolve():
        # The folder's own codebook: every coding must still name one of its codes.
        gone: dict[str, list[str]] = {}
        for coder in codings.coders(folder):
            used = [c for coding in codings.load(folder, coder).all() for c in coding.codes]
            for code in codebook.missing(book, used):
                gone.setdefault(code, []).append(f"{coder} {used.count(code)}")
        if gone:
            listed = "; ".join(f"{code} ({', '.join(by)})" for code, by in gone.items())
            raise InputError(
                _(
                    "{path}: codings give codes it lacks: {listed}; `reflect codes "
                    "add` puts one back, `reflect code --code ID` recodes its "
                    "passages"
                ).format(path=path, listed=listed)
            )
    codes = ngettext("{count} code", "{count} codes", len(book.codes)).format(count=len(book.codes))
    screen.data(f"{path}: ok ({codes})", "\n")


def init_codes(
    ctx: typer.Context,
    force: Annotated[bool, typer.Option(help=N_("Replace an existing codebook."))] = False,
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
        raise InputError(_("{path} exists; --force replaces it").format(path=path))
    if not folder.is_dir():
        raise InputError(_("no sessions folder {folder}").format(folder=folder))
    codebook.save(folder, starter.CODES)
    screen.message(
        ngettext(
            "wrote {path} ({count} code)", "wrote {path} ({count} codes)", len(starter.CODES)
        ).format(path=path, count=len(starter.CODES))
    )
