"""`reflect export`: share past sessions."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from reflect_cli.cli.options import (
    Collaborative,
    Count,
    Ids,
    Lang,
    ProtocolId,
    Since,
    Site,
    Status,
    Until,
    language,
)
from reflect_cli.cli.redacting import (
    IgnoreUnreadable,
    KeepPlaces,
    Names,
    PseudonymKey,
    Strict,
    Words,
    check_options,
)
from reflect_cli.cli.redacting import redactor as redactor_for
from reflect_cli.cli.selecting import bulk as _bulk
from reflect_cli.cli.selecting import chosen_sessions
from reflect_cli.i18n.messages import N_, _, ngettext
from reflect_cli.ui import screen

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from reflect_cli.coding.codings import Coding
    from reflect_cli.model import Session
    from reflect_cli.records.store import Store
    from reflect_cli.records.summary import Summary
    from reflect_cli.render.export import Options, Redactor


def export(
    ctx: typer.Context,
    ids: Ids = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help=N_(
                "md, html, csv, json, pdf, datapackage (tidy tables: -o FOLDER or "
                "-o FILE.zip), or qdpx (a REFI-QDA project for QDA programs: -o FILE.qdpx) "
                "[default: from -o, else md]."
            ),
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help=N_("Write here, not to standard output."))
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            help=N_(
                "Overwrite the -o file if it exists (a data package: write into a folder "
                "that is not empty)."
            )
        ),
    ] = False,
    redact: Annotated[
        bool,
        typer.Option(
            help=N_(
                "Replace every person the sessions folder knows (participants, commitment "
                'owners, facilitators) everywhere with "Organization (Role K7M3Q9)" or '
                '"Participant K7M3Q9", collaboratives and sites with "Collaborative Q9X2" and '
                '"Site B4R7" (codes from your pseudonym key: the same in every export), session '
                'ids with "Session 1"; refused if any name is left.'
            )
        ),
    ] = False,
    strict: Strict = False,
    pseudonym_key: PseudonymKey = None,
    keep_places: KeepPlaces = False,
    name: Names = None,
    word: Words = None,
    ignore_unreadable: IgnoreUnreadable = False,
    include_private: Annotated[
        bool, typer.Option(help=N_("Include private facilitator notes."))
    ] = False,
    excel: Annotated[
        bool, typer.Option(help=N_("CSV for Excel: UTF-8 BOM, formulas as text."))
    ] = False,
    browser: Annotated[
        str | None,
        typer.Option(
            help=N_("PDF: the Chromium or Chrome to print with [default: the first on PATH].")
        ),
    ] = None,
    collaborative: Collaborative = "",
    site: Site = "",
    protocol: ProtocolId = "",
    since: Since = "",
    until: Until = "",
    status: Status = "",
    n: Count = None,
    include_drafts: Annotated[
        bool,
        typer.Option(
            "--include-drafts", help=N_("Drafts too (by default only complete sessions).")
        ),
    ] = False,
    lang: Lang = "",
) -> None:
    """Export sessions as one summary to share: Markdown, HTML, CSV, JSON or PDF; or as
    a data package of tidy tables for analysis (one CSV per table and datapackage.json).

    Only complete sessions are exported unless --status draft or --include-drafts (or a
    draft named by its id).

    Several sessions give one document: each question's answers side by side in date
    order, choices and ratings over time, commitments with their latest status, and who
    was heard from. Private notes stay out unless --include-private. PDF is the HTML
    printed by a local Chromium or Chrome (headless, no network). With --lang es a
    Markdown, HTML or PDF summary is in Spanish: its words, and the protocol's text where
    the protocol has a Spanish translation (answers stay as people said them)."""
    from reflect_cli.errors import InputError, StoreError
    from reflect_cli.records.output import check_output, write_output
    from reflect_cli.render import export as exporting

    chosen_format = exporting.format_for(fmt, output)
    reader = language(lang)
    redact = redact or strict
    check_options(redact, name, word, pseudonym_key)
    folder = chosen_format in exporting.FOLDERS and not _is_zip(output)
    if chosen_format in exporting.FOLDERS and output is None:
        raise InputError(_("a data package is several files: give -o FOLDER or -o FILE.zip"))
    if chosen_format == exporting.QDPX and output is None:
        raise InputError(_("a REFI-QDA project is a zip file: give -o FILE.qdpx"))
    if folder and output is not None:
        from reflect_cli.records.output_folder import check_folder

        check_folder(output, force=force)
    elif output is not None:
        check_output(output, force=force)
    printer = None
    if chosen_format == "pdf":
        from reflect_cli.render.export import pdf

        if output is None:
            raise InputError(_("a PDF goes to a file: give -o FILE.pdf"))
        printer = pdf.find_browser(browser)  # before any reading: fail fast
    store, chosen = chosen_sessions(ctx, complete_only=not include_drafts)
    if not chosen:
        raise StoreError(_("no sessions match in {folder}").format(folder=store.folder.absolute()))
    options = exporting.Options(
        redact=redact,
        include_private=include_private,
        excel=excel,
        keep_places=keep_places,
        earlier=None if redact else _earlier(store),
        # Documents people read are in their language; tables and JSON keep the
        # protocol's labels, as recorded, for counting.
        language=reader if chosen_format in exporting.READ else "",
    )
    oldest_first = list(reversed(chosen))
    if chosen_format in exporting.FOLDERS:
        oldest_first = _one_file_each(oldest_first)
    with _bulk():
        redactor = None
        if redact:
            redactor = redactor_for(
                store,
                oldest_first,
                names=name,
                words=word,
                key_file=pseudonym_key,
                keep_places=keep_places,
                ignore_unreadable=ignore_unreadable,
                strict=strict,
                language=options.language,  # labels in the document's language
            )
            # Data is joined on session ids: each its stable id, as a person's is; a
            # document people read says "Session 2".
            redactor.stable_sessions = chosen_format not in exporting.READ
        if chosen_format == exporting.QDPX and output is not None:
            from reflect_cli.cli.coding_refi import write_project

            write_project(store, oldest_first, redactor, output, force)
            return
        if chosen_format in exporting.FOLDERS and output is not None:
            from reflect_cli.coding import codings

            coders = {c: codings.load(store.folder, c).all() for c in codings.coders(store.folder)}
            _write_package(
                store.read(oldest_first), options, redactor, output, force, folder, coders
            )
            if redactor is not None:
                screen.message(redactor.statement())
            screen.message(
                ngettext(
                    "wrote {output} ({count} session, data package)",
                    "wrote {output} ({count} sessions, data package)",
                    len(oldest_first),
                ).format(output=output, count=len(oldest_first))
            )
            return
        chunks = exporting.render(
            store.read(oldest_first),
            "html" if printer else chosen_format,
            options,
            redactor,
        )
        if redactor is not None:
            screen.message(redactor.statement())
        if output is None:
            # Rendering shows control characters as escapes; the one path makes sure.
            screen.data(chunks, crlf=True)
            return
        if printer:
            write_output(output, pdf.print_pdf("".join(chunks), printer, store.folder), force=force)
        else:
            write_output(output, chunks, force=force)
    screen.message(
        ngettext(
            "wrote {output} ({count} session, {format})",
            "wrote {output} ({count} sessions, {format})",
            len(chosen),
        ).format(output=output, count=len(chosen), format=chosen_format)
    )


def _is_zip(output: Path | None) -> bool:
    return output is not None and output.suffix.lower() == ".zip"


def _one_file_each(oldest_first: list[Summary]) -> list[Summary]:
    """One file per session id: a table's row is keyed on its session. A second file
    that holds an id already exported (a copy) is left out, named on standard error."""
    kept: dict[str, Summary] = {}
    for summary in oldest_first:
        if summary.id in kept:
            screen.warning(
                _("{file} holds session {id} as {file2} does; the data package has {file2}").format(
                    file=summary.file, id=summary.id, file2=kept[summary.id].file
                )
            )
            continue
        kept[summary.id] = summary
    return list(kept.values())


def _write_package(
    sessions: Iterable[Session],
    options: Options,
    redactor: Redactor | None,
    output: Path,
    force: bool,
    folder: bool,
    coders: dict[str, list[Coding]],
) -> None:
    """The data package, built and checked whole before anything is written: into the
    folder ``output``, or as one zip."""
    from reflect_cli.records.output import write_output
    from reflect_cli.records.output_folder import write_folder
    from reflect_cli.render.export import datapackage
    from reflect_cli.render.tables.package import zipped

    written = datapackage.files(sessions, options, redactor, coders)
    if folder:
        write_folder(output, dict(written), force=force)
    else:
        write_output(output, zipped(written), force=force)


def _earlier(store: Store) -> Callable[[str], Session | None]:
    """A session by id, read when asked (a carried commitment's own meeting), else None."""
    from reflect_cli.errors import ReflectError

    read: dict[str, Session | None] = {}

    def find(session_id: str) -> Session | None:
        if session_id not in read:
            try:
                read[session_id] = store.session(store.resolve(session_id))
            except ReflectError:
                read[session_id] = None
        return read[session_id]

    return find
