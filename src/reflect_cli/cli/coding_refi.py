"""The REFI-QDA exchange: `reflect codes export` (the codebook as a .qdc),
`reflect codes import` (a .qdc, or a project coded in a QDA program) and
`reflect export --format qdpx` (the project, written by ``write_project``)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from reflect_cli.cli.options import sessions_dir
from reflect_cli.cli.selecting import bulk
from reflect_cli.i18n.messages import N_, _, ngettext
from reflect_cli.ui import screen

if TYPE_CHECKING:
    from reflect_cli.coding.codings import Coding
    from reflect_cli.coding.passages import Address, Passage
    from reflect_cli.records.store import Store
    from reflect_cli.records.summary import Summary
    from reflect_cli.render.export import Redactor


def _placed(folder: Path, passages_found: list[Passage]) -> dict[str, dict[Address, Coding]]:
    """Every coder's codings placed on the passages as the records read now; those
    that no longer match their text named on standard error."""
    from reflect_cli.coding import codings

    by_coder: dict[str, dict[Address, Coding]] = {}
    for name in codings.coders(folder):
        placed = codings.anchor(codings.load(folder, name).all(), passages_found)
        if placed.lost:
            screen.warning(
                ngettext(
                    "{count} coding of {name} no longer matches its text (first: {address}); "
                    "left out",
                    "{count} codings of {name} no longer match their text (first: {address}); "
                    "left out",
                    len(placed.lost),
                ).format(count=len(placed.lost), name=name, address=placed.lost[0].address)
            )
        by_coder[name] = placed.placed
    return by_coder


def write_project(
    store: Store, oldest_first: list[Summary], redactor: Redactor | None, output: Path, force: bool
) -> None:
    """`export --format qdpx`: the REFI-QDA project, checked for names when redacted,
    then written whole."""
    from reflect_cli.coding import codebook, passages
    from reflect_cli.records.output import write_output
    from reflect_cli.render.coding import refi
    from reflect_cli.render.coding.shown import Shown
    from reflect_cli.render.export.static import stripped

    path = codebook.path_in(store.folder)
    book = codebook.read(path) if path.exists() or path.is_symlink() else codebook.Codebook()
    with bulk():
        sessions = list(store.read(oldest_first))
    by_coder = _placed(store.folder, passages.of_sessions(sessions))
    gone = codebook.missing(
        book, (c for m in by_coder.values() for x in m.values() for c in x.codes)
    )
    if gone:
        # Kept in the project as codes of their own, never dropped from it.
        screen.warning(
            _("codings give codes not in {file}: {codes}; in the project under their ids").format(
                file=codebook.FILE, codes=", ".join(gone)
            )
        )
        lacking = "not in the codebook (codebook.yaml) when exported; codings still give it"
        book = codebook.Codebook((*book.codes, *(codebook.Code(c, c, lacking) for c in gone)))
    shown = Shown(redactor)
    files = refi.project(sessions, book, by_coder, shown)
    if redactor is not None:
        redactor.stop_if_undecided()
        bare = refi.project([stripped(s) for s in sessions], book, {}, shown)
        redactor.check("\n".join(files.values()), "qdpx", "\n".join(bare.values()))
        screen.message(shown.statement())
    write_output(output, refi.zipped(files), force=force)
    screen.message(
        ngettext(
            "wrote {output} ({count} session, REFI-QDA project; offsets in code points)",
            "wrote {output} ({count} sessions, REFI-QDA project; offsets in code points)",
            len(sessions),
        ).format(output=output, count=len(sessions))
    )


def export_codes(
    ctx: typer.Context,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help=N_("qdc: the REFI-QDA codebook."))
    ] = "qdc",
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help=N_("Write here, not to standard output."))
    ] = None,
    force: Annotated[bool, typer.Option(help=N_("Overwrite the -o file if it exists."))] = False,
) -> None:
    """Write the codebook as a REFI-QDA codebook (.qdc), which NVivo, ATLAS.ti, MAXQDA,
    QualCoder and Taguette import."""
    from reflect_cli.coding import codebook
    from reflect_cli.errors import InputError
    from reflect_cli.records.output import check_output, write_output
    from reflect_cli.render.coding import refi

    if fmt != "qdc":
        raise InputError(
            _("unknown format {fmt!r}; the codebook is exported as qdc").format(fmt=fmt)
        )
    if output is not None:
        check_output(output, force=force)
    document = refi.codebook_xml(codebook.load(sessions_dir(ctx)))
    if output is None:
        screen.data(document)
        return
    write_output(output, document, force=force)
    screen.message(_("wrote {output} (REFI-QDA codebook)").format(output=output))


def import_codes(
    ctx: typer.Context,
    file: Annotated[
        Path, typer.Argument(help=N_("A REFI-QDA codebook (.qdc) or project (.qdpx)."))
    ],
) -> None:
    """Read a REFI-QDA codebook (.qdc) into codebook.yaml (its codes the codebook lacks),
    or a project reflect exported (.qdpx, not redacted) and coded in a QDA program: its
    new codes, and each of its users' codings into codings/USER.yaml, so they count in
    `reflect codes report`."""
    from reflect_cli.coding import importing
    from reflect_cli.errors import InputError

    folder = sessions_dir(ctx)
    if not folder.is_dir():
        raise InputError(_("no sessions folder {folder}").format(folder=folder))
    suffix = file.suffix.lower()
    if suffix == ".qdc":
        found = importing.import_codebook(folder, file)
    elif suffix == ".qdpx":
        found = importing.import_project(folder, file)
    else:
        raise InputError(_("{name}: a .qdc codebook or a .qdpx project").format(name=file.name))
    added = ", ".join(found.codes_added) or _("none")
    screen.message(_("codes added to the codebook: {added}").format(added=added))
    for coder, count in found.codings.items():
        screen.message(
            ngettext(
                "{coder}: {count} passage coded, in codings/{coder}.yaml",
                "{coder}: {count} passages coded, in codings/{coder}.yaml",
                count,
            ).format(coder=coder, count=count)
        )
    if found.elsewhere:
        screen.warning(
            ngettext(
                "{count} coding of sessions this folder does not have (a project exported "
                "from another folder): not imported",
                "{count} codings of sessions this folder does not have (a project exported "
                "from another folder): not imported",
                found.elsewhere,
            ).format(count=found.elsewhere)
        )
    if found.skipped:
        screen.warning(
            ngettext(
                "{count} selection not named by a passage address (made in the QDA program): "
                "not imported",
                "{count} selections not named by a passage address (made in the QDA program): "
                "not imported",
                found.skipped,
            ).format(count=found.skipped)
        )
