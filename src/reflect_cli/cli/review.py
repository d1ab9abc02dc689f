"""`reflect list`, `show`, `search`, `export`, `edit`: review and share past sessions."""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from reflect_cli.cli.options import (
    Collaborative,
    Count,
    Ids,
    ProtocolId,
    Since,
    Site,
    Status,
    Until,
    plural,
)
from reflect_cli.cli.selecting import chosen_sessions, open_store, selection
from reflect_cli.ui import screen

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from reflect_cli.model import Session
    from reflect_cli.records.store import Store
    from reflect_cli.records.summary import Summary
    from reflect_cli.render.export import Options, Redactor


@contextmanager
def _bulk() -> Iterator[None]:
    """Pause the cycle collector while thousands of records are read: they hold no
    cycles, and its repeated passes over them cost a quarter of an export's time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def list_sessions(
    ctx: typer.Context,
    ids: Ids = None,
    collaborative: Collaborative = "",
    site: Site = "",
    protocol: ProtocolId = "",
    since: Since = "",
    until: Until = "",
    status: Status = "",
    n: Count = None,
    as_json: Annotated[bool, typer.Option("--json", help="A JSON array, for scripts.")] = False,
    long_ids: Annotated[
        bool, typer.Option("--long", help="Whole session ids, not the shortest unique prefix.")
    ] = False,
) -> None:
    """List sessions, newest first, one line each: date, id (its shortest unique prefix),
    collaborative, site, protocol, status, answered/total, people and open commitments
    (made or carried there, and still open today).
    A narrow terminal drops site, protocol, people, date, answered and status, in that
    order; a pipe gets every column."""
    import json

    from reflect_cli.controls import json_safe
    from reflect_cli.records import lookup
    from reflect_cli.ui import session_list

    store, chosen = chosen_sessions(ctx)
    if as_json:
        open_now = lookup.still_open(store.index(), chosen)
        rows = [{**s.as_json(), "open_now": open_now.get(s.id, 0)} for s in chosen]
        screen.data(json_safe(json.dumps(rows, ensure_ascii=False, indent=2)), "\n")
        return
    if not chosen:
        screen.message(f"no sessions in {store.folder.absolute()}; start one with: reflect start")
        return
    import os
    from collections import Counter

    from reflect_cli.ui.session_list import ListRow

    # "open": what each session left open (new or carried) that is still open today.
    open_now = lookup.still_open(store.index(), chosen)
    counts = Counter(r.id for r in chosen)
    copies = {r.id for r in chosen if counts[r.id] > 1}
    listed = [
        ListRow(
            r.date, _shown_as(r, copies), r.collaborative, r.site, r.protocol, str(r.status),
            r.answered, r.questions, r.participants, open_now.get(r.id, 0),
        )
        for r in chosen
    ]  # fmt: skip
    sessions = len({r.id for r in chosen})  # a copy that kept its id is one session
    files = f" ({len(chosen)} files)" if sessions < len(chosen) else ""
    caption = f"{plural(sessions, 'session')}{files} in {store.folder}"
    fit = sys.stdout.isatty() or bool(os.environ.get("COLUMNS"))
    short = None if long_ids else lookup.short_ids(store.index(), [r.id for r in chosen])
    session_list.show(listed, caption, long_ids=long_ids, fit=fit, short=short)


def show(
    ctx: typer.Context,
    session_id: Annotated[
        str, typer.Argument(help="Session id, unique prefix, or 'last'.")
    ] = "last",
) -> None:
    """Show one session in the terminal, private notes marked as private."""
    from reflect_cli.ui import session_view

    store, chosen = chosen_sessions(ctx)
    session_view.show(store.session(chosen[0]))


def search(
    ctx: typer.Context,
    text: Annotated[
        str,
        typer.Argument(
            help='Words to find (any case or accent); "exact phrase", prefix*, OR, -word.'
        ),
    ],
    regex: Annotated[
        bool, typer.Option("--regex", help="TEXT is a regular expression (reads every record).")
    ] = False,
    include_private: Annotated[
        bool, typer.Option(help="Search private facilitator notes too.")
    ] = False,
    n: Annotated[int, typer.Option("-n", help="Show the best N hits.", min=1)] = 20,
    show_all: Annotated[bool, typer.Option("--all", help="Show every hit.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="JSON, for scripts.")] = False,
    collaborative: Collaborative = "",
    site: Site = "",
    protocol: ProtocolId = "",
    since: Since = "",
    until: Until = "",
    status: Status = "",
) -> None:
    """Find TEXT in answers, commitments and participants (and notes, if asked).

    The best hits come first (most relevant, then newest), each saying where it was found
    with the matched words highlighted; then how many matched in all."""
    from reflect_cli.records import search as searching
    from reflect_cli.ui import session_view

    limit = None if show_all else n
    pattern = searching.compile_pattern(text) if regex else None
    query = None if regex else searching.Query.parse(text)
    store = open_store(ctx)
    chosen_by = selection(ctx, limit=False)
    index = store.index()
    if query is not None and index.fulltext:
        where, params = chosen_by.where()
        found = searching.fulltext(index, query, where, params, include_private, limit)
    else:
        chosen = chosen_by.apply(store)
        with _bulk():
            pairs = zip(chosen, store.read(chosen), strict=True)
            found = searching.scan(pairs, pattern or query, include_private, limit)  # type: ignore[arg-type]
    if as_json:
        session_view.hits_json(found)
    else:
        session_view.hits(found.hits)
    more = "" if len(found.hits) == found.total else "; -n N or --all for more"
    screen.message(f"{len(found.hits)} of {plural(found.total, 'hit')}{more}")


def export(
    ctx: typer.Context,
    ids: Ids = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="md, html, csv, json, pdf, or datapackage (tidy tables: -o FOLDER or "
            "-o FILE.zip) [default: from -o, else md].",
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write here, not to standard output.")
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            help="Overwrite the -o file if it exists (a data package: write into a folder "
            "that is not empty)."
        ),
    ] = False,
    redact: Annotated[
        bool,
        typer.Option(
            help="Replace every person the sessions folder knows (participants, commitment "
            'owners, facilitators) everywhere with "Organization (Role)" or "Participant N", '
            'collaboratives and sites with "Collaborative A" and "Site 1", session ids with '
            '"Session 1"; refused if any name is left.'
        ),
    ] = False,
    keep_places: Annotated[
        bool, typer.Option(help="With --redact: keep collaborative and site names.")
    ] = False,
    name: Annotated[
        list[str] | None,
        typer.Option(
            "--name",
            metavar="WORD",
            help="With --redact: this everyday word (Hope, Grace, May…) is a person's name "
            "in this folder: replaced where capitalised. Kept in .reflect/redaction.json.",
        ),
    ] = None,
    word: Annotated[
        list[str] | None,
        typer.Option(
            "--word",
            metavar="WORD",
            help="With --redact: this name part is an everyday word in this folder: kept, "
            "unless next to another part of the name. Kept in .reflect/redaction.json.",
        ),
    ] = None,
    ignore_unreadable: Annotated[
        bool,
        typer.Option(
            help="With --redact: go on when a record in the folder cannot be read (its "
            "people cannot be known; each such file is named on standard error)."
        ),
    ] = False,
    include_private: Annotated[
        bool, typer.Option(help="Include private facilitator notes.")
    ] = False,
    excel: Annotated[
        bool, typer.Option(help="CSV for Excel: UTF-8 BOM, formulas as text.")
    ] = False,
    browser: Annotated[
        str | None,
        typer.Option(
            help="PDF: the Chromium or Chrome to print with [default: the first on PATH]."
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
        typer.Option("--include-drafts", help="Drafts too (by default only complete sessions)."),
    ] = False,
) -> None:
    """Export sessions as one summary to share: Markdown, HTML, CSV, JSON or PDF; or as
    a data package of tidy tables for analysis (one CSV per table and datapackage.json).

    Only complete sessions are exported unless --status draft or --include-drafts (or a
    draft named by its id).

    Several sessions give one document: each question's answers side by side in date
    order, choices and ratings over time, commitments with their latest status, and who
    was heard from. Private notes stay out unless --include-private. PDF is the HTML
    printed by a local Chromium or Chrome (headless, no network)."""
    from reflect_cli.errors import InputError, StoreError
    from reflect_cli.records.output import check_output, write_output
    from reflect_cli.render import export as exporting

    chosen_format = exporting.format_for(fmt, output)
    if (name or word) and not redact:
        raise InputError("--name and --word go with --redact")
    folder = chosen_format in exporting.FOLDERS and not _is_zip(output)
    if chosen_format in exporting.FOLDERS and output is None:
        raise InputError("a data package is several files: give -o FOLDER or -o FILE.zip")
    if folder and output is not None:
        from reflect_cli.records.output_folder import check_folder

        check_folder(output, force=force)
    elif output is not None:
        check_output(output, force=force)
    printer = None
    if chosen_format == "pdf":
        from reflect_cli.render.export import pdf

        if output is None:
            raise InputError("a PDF goes to a file: give -o FILE.pdf")
        printer = pdf.find_browser(browser)  # before any reading: fail fast
    store, chosen = chosen_sessions(ctx, complete_only=not include_drafts)
    if not chosen:
        raise StoreError(f"no sessions match in {store.folder.absolute()}")
    options = exporting.Options(
        redact=redact,
        include_private=include_private,
        excel=excel,
        keep_places=keep_places,
        earlier=None if redact else _earlier(store),
    )
    oldest_first = list(reversed(chosen))
    if chosen_format in exporting.FOLDERS:
        oldest_first = _one_file_each(oldest_first)
    with _bulk():
        redactor = None
        if redact:
            from reflect_cli.records import word_choices
            from reflect_cli.render.export import known

            decided = word_choices.decide(store.folder, name or [], word or [])
            redactor, unread = known.redactor(
                store, oldest_first, keep_places, ignore_unreadable, decided
            )
            for line in unread:
                screen.warning(f"redacted without {line}")
        if chosen_format in exporting.FOLDERS and output is not None:
            _write_package(store.read(oldest_first), options, redactor, output, force, folder)
            if redactor is not None:
                screen.message(redactor.statement())
            screen.message(f"wrote {output} ({plural(len(oldest_first), 'session')}, data package)")
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
            write_output(output, pdf.print_pdf("".join(chunks), printer), force=force)
        else:
            write_output(output, chunks, force=force)
    screen.message(f"wrote {output} ({plural(len(chosen), 'session')}, {chosen_format})")


def _is_zip(output: Path | None) -> bool:
    return output is not None and output.suffix.lower() == ".zip"


def _one_file_each(oldest_first: list[Summary]) -> list[Summary]:
    """One file per session id: a table's row is keyed on its session. A second file
    that holds an id already exported (a copy) is left out, named on standard error."""
    kept: dict[str, Summary] = {}
    for summary in oldest_first:
        if summary.id in kept:
            screen.warning(
                f"{summary.file} holds session {summary.id} as {kept[summary.id].file} "
                f"does; the data package has {kept[summary.id].file}"
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
) -> None:
    """The data package, built and checked whole before anything is written: into the
    folder ``output``, or as one zip."""
    from reflect_cli.records.output import write_output
    from reflect_cli.records.output_folder import write_folder
    from reflect_cli.render.export import datapackage
    from reflect_cli.render.tables.package import zipped

    written = datapackage.files(sessions, options, redactor)
    if folder:
        write_folder(output, dict(written), force=force)
    else:
        write_output(output, zipped(written), force=force)


def _shown_as(row: Summary, copies: set[str]) -> str:
    """What the id column shows: the id, or for a copy that kept another file's id, the
    copy's file name, so the rows differ and each can be given to `show` or `export`."""
    if row.id in copies and row.file != f"{row.id}.yaml":
        return row.file
    return row.id


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


def _edit_loop(session: Session, path: Path) -> Session | None:
    from reflect_cli.errors import RecordError
    from reflect_cli.records import codec
    from reflect_cli.ui.rich_console import RichConsole

    console = RichConsole()
    text = codec.dump(session)
    while True:
        edited = console.edit(text)
        if edited.rstrip("\n") == text.rstrip("\n"):
            return None
        try:
            updated = codec.parse(edited + "\n", str(path))
            if updated.id != session.id:
                raise RecordError(f"the id must stay {session.id}")
            return updated
        except RecordError as exc:
            console.say(f"Not saved: {exc}", "yellow")
            if not sys.stdin.isatty() or console.ask(
                "Re-open the editor? [Y/n]"
            ).strip().lower() in ("n", "no"):
                raise RecordError(f"{exc} (the record is unchanged)") from None
            text = edited


def edit(
    ctx: typer.Context,
    session_id: Annotated[
        str, typer.Argument(help="Session id, unique prefix, file name, or 'last'.")
    ],
) -> None:
    """Edit a record's YAML in $VISUAL or $EDITOR; a broken edit is refused, the record kept.

    On a valid save the Markdown beside it is rendered again. The edit is saved only if
    the record did not change meanwhile (else it is kept aside in a file, and named); a
    record in a live session cannot be edited until that session ends."""
    from reflect_cli.session import saving

    store, chosen = chosen_sessions(ctx)
    path = store.folder / chosen[0].file
    store.check_free(path)
    session = store.session(chosen[0])
    updated = _edit_loop(session, path)
    if updated is None:
        screen.message("no changes")
        return
    saving.save(store, updated, path)  # if the record changed meanwhile: kept aside, named
    screen.message(f"saved {path}")
