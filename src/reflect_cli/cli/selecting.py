"""Which sessions a command works on: the sessions folder opened with its index up to
date, and the selection its arguments and filter options name. Typer options are
declared by each command (``cli.options``); their meaning is read here, once."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import typer

from reflect_cli.cli.options import open_index, sessions_dir
from reflect_cli.i18n.messages import _

if TYPE_CHECKING:
    from reflect_cli.records.selection import Selection
    from reflect_cli.records.store import Store
    from reflect_cli.records.summary import Summary


def open_store(ctx: typer.Context) -> Store:
    """The store, its index brought up to date (a progress bar when that is long), and
    its warnings printed; an error only when not one record file could be read."""
    from reflect_cli.errors import StoreError
    from reflect_cli.records import lookup
    from reflect_cli.records.store import Store
    from reflect_cli.ui.terminal import cold_read_progress

    store = Store.at(sessions_dir(ctx))
    index = open_index(store, cold_read_progress())
    broken = index.query("SELECT count(*) FROM files WHERE error != ''")[0][0]
    if broken and not lookup.summaries(index, limit=1):
        raise StoreError(
            _("none of the {broken} record files in {folder} could be read").format(
                broken=broken, folder=store.folder
            )
        )
    return store


def selection(ctx: typer.Context, limit: bool = True) -> Selection:
    """The selection named by the command's own arguments and filter options."""
    from reflect_cli.records.selection import Selection

    given = ctx.params
    # An id typed empty ('') is kept, so resolving refuses it rather than choosing for it.
    one = given.get("session_id")
    ids = given.get("ids") or ([one] if one is not None else [])
    return Selection(
        ids=list(ids),
        collaborative=given.get("collaborative", ""),
        site=given.get("site", ""),
        protocol=given.get("protocol", ""),
        since=given.get("since", ""),
        until=given.get("until", ""),
        status=given.get("status", ""),
        limit=given.get("n") if limit else None,
    )


def chosen_sessions(
    ctx: typer.Context, limit: bool = True, complete_only: bool = False
) -> tuple[Store, list[Summary]]:
    """The store and the chosen sessions, newest first. ``complete_only``: drafts only
    when named by id or asked for with --status draft."""
    from reflect_cli.model import SessionStatus

    store = open_store(ctx)
    chosen = selection(ctx, limit)
    if complete_only and not chosen.status and not chosen.ids:
        chosen.status = SessionStatus.COMPLETE
    return store, chosen.apply(store)


@contextmanager
def bulk() -> Iterator[None]:
    """Pause the cycle collector while thousands of records are read: they hold no
    cycles, and its repeated passes over them cost a quarter of an export's time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
