"""`reflect list`, `show`, `search`, `export`, `edit`: review and share past sessions."""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

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
    sessions_dir,
    warn,
)

if TYPE_CHECKING:
    from reflect_cli.model import Session
    from reflect_cli.records.selection import Selection
    from reflect_cli.records.store import Store
    from reflect_cli.render.export.redact import Redactor


def _chosen(ctx: typer.Context, complete_only: bool = False) -> tuple[Store, list[dict[str, Any]]]:
    """The store and the chosen summaries, newest first; unreadable files are warnings,
    and an error only when nothing at all could be read. ``complete_only``: drafts only
    when named by id or asked for with --status draft."""
    from reflect_cli.errors import StoreError
    from reflect_cli.records.store import Store
    from reflect_cli.ui.terminal import cold_read_progress

    store = Store.at(sessions_dir(ctx))
    summaries, warnings = store.summaries(cold_read_progress())
    warn(warnings)
    if warnings and not summaries:
        raise StoreError(
            f"none of the {len(warnings)} record files in {store.folder} could be read"
        )
    from reflect_cli.model import SessionStatus

    selection = _selection(ctx)
    if complete_only and not selection.status and not selection.ids:
        selection.status = SessionStatus.COMPLETE
    return store, selection.apply(store, summaries)


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


def _selection(ctx: typer.Context) -> Selection:
    """The selection named by the command's own arguments and filter options."""
    from reflect_cli.records.selection import Selection

    given = ctx.params
    ids = given.get("ids") or ([given["session_id"]] if given.get("session_id") else [])
    return Selection(
        ids=list(ids),
        collaborative=given.get("collaborative", ""),
        site=given.get("site", ""),
        protocol=given.get("protocol", ""),
        since=given.get("since", ""),
        until=given.get("until", ""),
        status=given.get("status", ""),
        limit=given.get("n"),
    )


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
    collaborative, site, protocol, status, answered/total, people and open commitments.
    A narrow terminal drops site, protocol, people, date, answered and status, in that
    order; a pipe gets every column."""
    import json

    from reflect_cli.ui import session_list

    store, chosen = _chosen(ctx)
    rows = [{k: v for k, v in s.items() if k != "started"} for s in chosen]
    if as_json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        print(
            f"reflect: no sessions in {store.folder.absolute()}; start one with: reflect start",
            file=sys.stderr,
        )
        return
    import os

    from reflect_cli.ui.session_list import ListRow

    listed = [
        ListRow(
            str(r["date"]), str(r["id"]), str(r["collaborative"]), str(r["site"]),
            str(r["protocol"]), str(r["status"]), int(r["answered"]), int(r["questions"]),
            int(r["participants"]), int(r["open_commitments"]),
        )
        for r in rows
    ]  # fmt: skip
    caption = f"{plural(len(rows), 'session')} in {store.folder}"
    fit = sys.stdout.isatty() or bool(os.environ.get("COLUMNS"))
    session_list.show(listed, caption, long_ids=long_ids, fit=fit)


def show(
    ctx: typer.Context,
    session_id: Annotated[
        str, typer.Argument(help="Session id, unique prefix, or 'last'.")
    ] = "last",
) -> None:
    """Show one session in the terminal, private notes marked as private."""
    from reflect_cli.ui import session_view

    store, chosen = _chosen(ctx)
    session_view.show(store.sessions([chosen[0]["id"]])[0])


def search(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="Text to find in answers (any case).")],
    regex: Annotated[bool, typer.Option("--regex", help="TEXT is a regular expression.")] = False,
    collaborative: Collaborative = "",
    site: Site = "",
    protocol: ProtocolId = "",
    since: Since = "",
    until: Until = "",
    status: Status = "",
    n: Count = None,
) -> None:
    """Find answers containing TEXT across sessions, with session, date, domain and question."""
    from reflect_cli.records import search as searching
    from reflect_cli.ui import session_view

    pattern = searching.compile_pattern(text, regex)
    store, chosen = _chosen(ctx)
    ids = [s["id"] for s in chosen]
    with _bulk():
        hits = searching.find(
            store.iter_sessions(ids, searching.quick_filter(text, regex)), pattern
        )
    session_view.hits(hits)
    sessions = len({h.session.id for h in hits})
    print(
        f"reflect: {plural(len(hits), 'matching line')} in {plural(sessions, 'session')}",
        file=sys.stderr,
    )


def export(
    ctx: typer.Context,
    ids: Ids = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format", "-f", help="md, html, csv, json or pdf [default: from -o, else md]."
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write here, not to standard output.")
    ] = None,
    force: Annotated[bool, typer.Option(help="Overwrite the -o file if it exists.")] = False,
    redact: Annotated[
        bool,
        typer.Option(
            help="Replace every person the selection knows (participants, commitment owners, "
            'facilitators) everywhere with "Organization (Role)" or "Participant N", '
            'collaboratives and sites with "Collaborative A" and "Site 1", session ids with '
            '"Session 1"; refused if any name is left.'
        ),
    ] = False,
    keep_places: Annotated[
        bool, typer.Option(help="With --redact: keep collaborative and site names.")
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
    """Export sessions as one summary to share: Markdown, HTML, CSV, JSON or PDF.

    Only complete sessions are exported unless --status draft or --include-drafts (or a
    draft named by its id).

    Several sessions give one document: each question's answers side by side in date
    order, choices and ratings over time, commitments with their latest status, and who
    was heard from. Private notes stay out unless --include-private. PDF is the HTML
    printed by a local Chromium or Chrome (headless, no network)."""
    from reflect_cli.errors import InputError, StoreError
    from reflect_cli.records.store import write_atomic
    from reflect_cli.render import export as exporting

    chosen_format = exporting.format_for(fmt, output)
    if output is not None and output.exists() and not force:
        raise InputError(f"{output} exists; use --force to overwrite it")
    printer = None
    if chosen_format == "pdf":
        from reflect_cli.render.export import pdf

        if output is None:
            raise InputError("a PDF goes to a file: give -o FILE.pdf")
        printer = pdf.find_browser(browser)  # before any reading: fail fast
    store, chosen = _chosen(ctx, complete_only=not include_drafts)
    if not chosen:
        raise StoreError(f"no sessions match in {store.folder.absolute()}")
    options = exporting.Options(
        redact=redact, include_private=include_private, excel=excel, keep_places=keep_places
    )
    oldest_first = [s["id"] for s in reversed(chosen)]
    with _bulk():
        redactor = _redactor(store, chosen, oldest_first, keep_places) if redact else None
        chunks = exporting.render(
            store.iter_sessions(oldest_first),
            "html" if printer else chosen_format,
            options,
            redactor,
        )
        if redactor is not None:
            print(f"reflect: {redactor.statement()}", file=sys.stderr)
        if output is None:
            for chunk in chunks:
                sys.stdout.write(chunk)
            return
        if printer:
            pdf.print_pdf("".join(chunks), output, printer)
        else:
            write_atomic(output, chunks)
    print(
        f"reflect: wrote {output} ({plural(len(chosen), 'session')}, {chosen_format})",
        file=sys.stderr,
    )


def _redactor(
    store: Store, chosen: list[dict[str, Any]], oldest_first: list[str], keep_places: bool
) -> Redactor:
    """Everyone the export must not name: the selection's people, and the people of its
    collaboratives' other sessions (a name can come up in any of them)."""
    from reflect_cli.render import export as exporting

    collaboratives = {str(s["collaborative"]).casefold() for s in chosen}
    selected = set(oldest_first)
    summaries, _ = store.summaries()
    roster = [
        s["id"]
        for s in summaries
        if str(s["collaborative"]).casefold() in collaboratives and s["id"] not in selected
    ]
    return exporting.redactor(
        store.iter_sessions(oldest_first), store.iter_sessions(roster), keep_places
    )


def _edit_loop(store: Store, session: Session) -> Session | None:
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
            updated = codec.parse(edited + "\n", str(store.path(session.id)))
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
    session_id: Annotated[str, typer.Argument(help="Session id, unique prefix, or 'last'.")],
) -> None:
    """Edit a record's YAML in $VISUAL or $EDITOR; a broken edit is refused, the record kept.

    On a valid save the Markdown beside it is rendered again."""
    store, chosen = _chosen(ctx)
    session = store.sessions([chosen[0]["id"]])[0]
    updated = _edit_loop(store, session)
    if updated is None:
        print("reflect: no changes", file=sys.stderr)
        return
    from reflect_cli.session import saving

    saving.save(store, updated)
    print(f"reflect: saved {store.path(updated.id)}", file=sys.stderr)
