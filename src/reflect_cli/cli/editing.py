"""`reflect edit`: fix a record in the facilitator's editor, never losing the edit."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from reflect_cli.cli.selecting import chosen_sessions
from reflect_cli.i18n.messages import N_, _
from reflect_cli.ui import screen

if TYPE_CHECKING:
    from reflect_cli.model import Session


def _edit_loop(session: Session, path: Path, folder: Path) -> Session | None:
    """The record as edited, None when unchanged. A refused edit the facilitator does
    not take up again is kept aside (in reflect's state folder) and named, never lost."""
    from reflect_cli.errors import RecordError
    from reflect_cli.records import codec
    from reflect_cli.records.store import keep_aside
    from reflect_cli.ui.rich_console import RichConsole

    console = RichConsole(folder)
    text = codec.dump(session)
    while True:
        edited = console.edit(text)
        if edited.rstrip("\n") == text.rstrip("\n"):
            return None
        try:
            updated = codec.parse(edited + "\n", str(path))
            if updated.id != session.id:
                raise RecordError(_("the id must stay {id}").format(id=session.id))
            return updated
        except RecordError as exc:
            console.say(_("Not saved: {exc}").format(exc=exc), "yellow")
            try:
                again = sys.stdin.isatty() and console.ask(
                    _("Re-open the editor? [Y/n]")
                ).strip().lower() not in ("n", "no")
            except (KeyboardInterrupt, EOFError):
                console.say(
                    _("Your edit is kept in {place}").format(
                        place=keep_aside(folder, edited, session.id)
                    )
                )
                raise
            if not again:
                kept = keep_aside(folder, edited, session.id)
                raise RecordError(
                    _("{exc} (the record is unchanged; your edit is kept in {kept})").format(
                        exc=exc, kept=kept
                    )
                ) from None
            text = edited


def edit(
    ctx: typer.Context,
    session_id: Annotated[
        str, typer.Argument(help=N_("Session id, unique prefix, file name, or 'last'."))
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
    updated = _edit_loop(session, path, store.folder)
    if updated is None:
        screen.message(_("no changes"))
        return
    saving.save(store, updated, path)  # if the record changed meanwhile: kept aside, named
    screen.message(_("saved {path}").format(path=path))
