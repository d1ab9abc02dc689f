"""`reflect list`, `show` and `search`: read past sessions in the terminal."""

from __future__ import annotations

import sys
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
    reader_language,
)
from reflect_cli.cli.selecting import chosen_sessions, open_store, selection
from reflect_cli.errors import InputError
from reflect_cli.i18n.messages import N_, _, ngettext
from reflect_cli.records.selection import EVERY
from reflect_cli.ui import screen

if TYPE_CHECKING:
    from reflect_cli.model import Action
    from reflect_cli.records.search import Hit
    from reflect_cli.records.summary import Summary


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
    as_json: Annotated[bool, typer.Option("--json", help=N_("A JSON array, for scripts."))] = False,
    long_ids: Annotated[
        bool, typer.Option("--long", help=N_("Whole session ids, not the shortest unique prefix."))
    ] = False,
    lang: Lang = "",
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

    language(lang)
    store, chosen = chosen_sessions(ctx)
    if as_json:
        open_now = lookup.still_open(store.index(), chosen)
        rows = [{**s.as_json(), "open_now": open_now.get(s.id, 0)} for s in chosen]
        screen.data(json_safe(json.dumps(rows, ensure_ascii=False, indent=2)), "\n")
        return
    if not chosen:
        screen.message(
            _("no sessions in {folder}; start one with: reflect start").format(
                folder=store.folder.absolute()
            )
        )
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
    files = _(" ({count} files)").format(count=len(chosen)) if sessions < len(chosen) else ""
    caption = ngettext(
        "{count} session{files} in {folder}", "{count} sessions{files} in {folder}", sessions
    ).format(count=sessions, files=files, folder=store.folder)
    fit = sys.stdout.isatty() or bool(os.environ.get("COLUMNS"))
    short = None if long_ids else lookup.short_ids(store.index(), [r.id for r in chosen])
    session_list.show(listed, caption, long_ids=long_ids, fit=fit, short=short)


def show(
    ctx: typer.Context,
    session_id: Annotated[
        str, typer.Argument(help=N_("Session id, unique prefix, or 'last'."))
    ] = "last",
    lang: Lang = "",
) -> None:
    """Show one session in the terminal, private notes marked as private; a commitment
    whose status changed at a later meeting says what it became and when. In the
    reader's language (--lang, REFLECT_LANG, the locale), else the session's."""
    from reflect_cli.render.language import in_language
    from reflect_cli.session.history import commitment_key, since
    from reflect_cli.ui import session_view

    store, chosen = chosen_sessions(ctx)
    session = store.session(chosen[0])
    changed = since(store, session)

    def later(action: Action) -> session_view.Later | None:
        standing = changed.get(commitment_key(action, session))
        if standing is None or standing.changed_in is None:
            return None
        now = standing.action
        return session_view.Later(now.status, standing.changed_in.date, now.note)

    # The reader's language when they asked for one, else the session's; its intro steps
    # by their titles in it (the record keeps only their ids).
    reader = reader_language(lang, session.language)
    session_view.show(in_language(session, reader), later=later, language=reader)


#: Hits shown in the terminal unless -n or --all says otherwise.
SHOWN_HITS = 20


def search(
    ctx: typer.Context,
    text: Annotated[
        str,
        typer.Argument(
            help=N_('Words to find (any case or accent); "exact phrase", prefix*, OR, -word.')
        ),
    ],
    regex: Annotated[
        bool, typer.Option("--regex", help=N_("TEXT is a regular expression (reads every text)."))
    ] = False,
    question: Annotated[
        str,
        typer.Option(
            "--question",
            help=N_("Only in this question's answers, commitments and notes (its id)."),
        ),
    ] = "",
    include_private: Annotated[
        bool, typer.Option(help=N_("Search private facilitator notes too."))
    ] = False,
    n: Annotated[
        int | None,
        typer.Option(
            "-n",
            help=N_("Show the best N hits [default: 20; with --json, every hit]."),
            min=1,
            show_default=False,
        ),
    ] = None,
    show_all: Annotated[bool, typer.Option("--all", help=N_("Show every hit."))] = False,
    as_json: Annotated[bool, typer.Option("--json", help=N_("JSON, for scripts."))] = False,
    collaborative: Collaborative = "",
    site: Site = "",
    protocol: ProtocolId = "",
    since: Since = "",
    until: Until = "",
    status: Status = "",
    lang: Lang = "",
) -> None:
    """Find TEXT in answers, commitments and participants (and notes, if asked).

    The best hits come first (most relevant, then newest), each saying where it was found
    with the matched words highlighted; then how many matched in all. --json gives each
    hit's session, its status, collaborative, site and question id, every hit unless -n
    is given. Drafts are searched too, each marked draft (--status complete: not them)."""
    from reflect_cli.records import search as searching
    from reflect_cli.ui import session_view

    language(lang)
    # --json is data for a script: every hit unless it asked for fewer; a person reading
    # the terminal sees the best screenful.
    limit = None if show_all or (as_json and n is None) else (n or SHOWN_HITS)
    if limit is not None and limit > EVERY:
        limit = None  # more hits than any folder holds: every hit
    pattern = searching.compile_pattern(text) if regex else None
    query = None if regex else searching.Query.parse(text)
    store = open_store(ctx)
    where, params = selection(ctx, limit=False).where()
    matcher = pattern or query
    assert matcher is not None  # one of the two, by --regex
    found = searching.find(
        store.index(), matcher, where, params, include_private, limit, question.strip()
    )
    if (
        question.strip()
        and not found.total
        and not searching.answered(store.index(), question.strip())
    ):
        raise InputError(
            _(
                "--question {question!r}: no answer, commitment or note in the sessions folder "
                "is of that question (mistyped? `reflect protocols show PROTOCOL` lists the ids)"
            ).format(question=question.strip())
        )
    if as_json:
        session_view.hits_json(found)
    else:
        session_view.hits([_in_reader_s_words(hit) for hit in found.hits])
    more = "" if len(found.hits) == found.total else _("; -n N or --all for more")
    screen.message(
        ngettext(
            "{shown} of {total} hit{more}", "{shown} of {total} hits{more}", found.total
        ).format(shown=len(found.hits), total=found.total, more=more)
    )


def _shown_as(row: Summary, copies: set[str]) -> str:
    """What the id column shows: the id, or for a copy that kept another file's id, the
    copy's file name, so the rows differ and each can be given to `show` or `export`."""
    if row.id in copies and row.file != f"{row.id}.yaml":
        return row.file
    return row.id


def _in_reader_s_words(hit: Hit) -> Hit:
    """A hit's place as the terminal shows it: a commitment's due date in the reader's
    words, an answer's question in the protocol's translation into their language. The
    index and --json keep them as recorded."""
    import dataclasses

    from reflect_cli.i18n.messages import current
    from reflect_cli.records.rows import DUE, Where
    from reflect_cli.render.language import place_in_language

    place = hit.place
    if hit.where is Where.COMMITMENT:
        owner, _sep, due = place.rpartition(DUE)
        if due and (not owner or owner.endswith(", ")):
            place = owner + _("due {date}").format(date=due)
    elif hit.question:
        place = place_in_language(hit.protocol, hit.question, place, current())
    return dataclasses.replace(hit, place=place)
