"""`reflect codes` (the codebook: list, show, add, validate, init, report, export,
import); `reflect code` itself is cli/coding_run.py. Each opens the folder, calls one
function of ``coding/``, and shows the result."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from reflect_cli.cli.options import Collaborative, Ids, ProtocolId, Since, Site, Until
from reflect_cli.cli.redacting import PseudonymKey
from reflect_cli.cli.selecting import bulk, chosen_sessions
from reflect_cli.i18n.messages import N_, _, ngettext
from reflect_cli.ui import screen

if TYPE_CHECKING:
    from reflect_cli.coding.codings import Coding
    from reflect_cli.coding.passages import Address, Passage
    from reflect_cli.records.store import Store
    from reflect_cli.records.summary import Summary
    from reflect_cli.render.export import Redactor

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


def report(
    ctx: typer.Context,
    ids: Ids = None,
    coder: Annotated[
        list[str] | None,
        typer.Option("--coder", help=N_("Only these coders' codings [default: every coder].")),
    ] = None,
    question: Question = "",
    by: Annotated[
        str, typer.Option(help=N_("Periods: school-year, year or quarter."))
    ] = "school-year",
    excerpts: Annotated[int, typer.Option(help=N_("Excerpts shown per code."), min=0)] = 3,
    as_json: Annotated[bool, typer.Option("--json", help=N_("JSON, for scripts."))] = False,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help=N_("csv: the counts as one long table."))
    ] = "",
    redact: Annotated[
        bool,
        typer.Option(
            help=N_(
                "Excerpts with names, handles and places replaced (stable pseudonyms from "
                "your key); session ids as session-CODE."
            )
        ),
    ] = False,
    pseudonym_key: PseudonymKey = None,
    collaborative: Collaborative = "",
    site: Site = "",
    protocol: ProtocolId = "",
    since: Since = "",
    until: Until = "",
) -> None:
    """What the coding says: passages and partnerships per code, per period, per site,
    per sector (the speaker's) and per question; codes given together; excerpts; and, with two
    coders or more, their agreement (Cohen's kappa per code, Krippendorff's alpha
    overall) with the passages where they differ."""
    from reflect_cli.analysis.periods import By
    from reflect_cli.coding import codebook, codings, passages
    from reflect_cli.coding import report as reporting
    from reflect_cli.errors import InputError
    from reflect_cli.render.coding import report_out
    from reflect_cli.render.coding.shown import Shown

    if fmt and fmt != "csv":
        raise InputError(_("unknown format {fmt!r}; the report is csv (or --json)").format(fmt=fmt))
    periods = {b.value: b for b in By}
    if by not in periods:
        raise InputError(
            _("--by {by!r}: one of {periods}").format(by=by, periods=", ".join(periods))
        )
    folder = _folder(ctx)
    book = codebook.load(folder)
    names = [codings.check_coder(c) for c in coder or codings.coders(folder)]
    store, chosen = chosen_sessions(ctx, limit=False, complete_only=True)
    oldest_first = list(reversed(chosen))
    with bulk():
        found = passages.of_sessions(store.read(oldest_first), question.strip())
    by_coder = {}
    for name in names:
        placed = codings.anchor(codings.load(folder, name).all(), found)
        if placed.lost:
            screen.warning(
                ngettext(
                    "{count} coding of {name} no longer matches its text (first: {address}); "
                    "not counted",
                    "{count} codings of {name} no longer match their text (first: {address}); "
                    "not counted",
                    len(placed.lost),
                ).format(count=len(placed.lost), name=name, address=placed.lost[0].address)
            )
        by_coder[name] = placed.placed
    result = reporting.report(found, by_coder, book, periods[by], excerpts)
    if result.not_in_codebook:
        screen.warning(
            _(
                "codings give codes not in {file}: {codes}; counted under their "
                "ids (`reflect codes add` puts one back, `reflect code --code ID` "
                "recodes its passages)"
            ).format(file=codebook.FILE, codes=", ".join(result.not_in_codebook))
        )
    shown = Shown(_redactor(store, oldest_first, pseudonym_key) if redact else None)
    document = report_out.to_json(result, shown)
    if shown.redactor is not None:
        from reflect_cli.render.export import UndecidedWords

        if shown.redactor.undecided:
            raise UndecidedWords(shown.redactor.undecided)
        # Checked as every export is: against the same report with nothing people said.
        static = report_out.to_json(replace(result, excerpts=[]), shown)
        shown.redactor.check(document, "coding report", static)
        screen.message(shown.statement())
    if fmt == "csv":
        screen.data(report_out.to_csv(result, shown), crlf=True)
    elif as_json:
        screen.data(document)
    else:
        from reflect_cli.ui import coding_view

        coding_view.show(result, book, shown)


def _redactor(store: Store, oldest_first: list[Summary], key_path: Path | None) -> Redactor:
    """The export's redactor for the chosen sessions, with the evaluator's key."""
    from reflect_cli.cli.redacting import pseudonym_key
    from reflect_cli.records import word_choices
    from reflect_cli.render.export import known

    decided = word_choices.decide(store.folder, [], [])
    key = pseudonym_key(store.folder, key_path)
    found, _unread = known.redactor(store, oldest_first, False, False, decided, key, False)
    return found


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
    from reflect_cli.render.export import UndecidedWords
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
        if redactor.undecided:
            raise UndecidedWords(redactor.undecided)
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
    document = refi.codebook_xml(codebook.load(_folder(ctx)))
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

    folder = _folder(ctx)
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
