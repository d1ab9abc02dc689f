"""`reflect code`: coding passages in the terminal, one run per coder at a time (the
coder's file held, coding/coder_lock.py), every decision saved at once."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from reflect_cli.cli.coding import Coder, Question
from reflect_cli.cli.options import (
    Collaborative,
    Ids,
    ProtocolId,
    Since,
    Site,
    Until,
    sessions_dir,
)
from reflect_cli.cli.selecting import bulk, chosen_sessions
from reflect_cli.cli.stopping import like_ctrl_c
from reflect_cli.i18n.messages import N_, _, ngettext
from reflect_cli.ui import screen

if TYPE_CHECKING:
    from reflect_cli.coding.codebook import Codebook


def code(
    ctx: typer.Context,
    ids: Ids = None,
    coder: Coder = "",
    question: Question = "",
    review: Annotated[
        str, typer.Option("--code", help=N_("Review the passages you gave this code (id or name)."))
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
    from reflect_cli.coding import codebook, coder_lock, codings
    from reflect_cli.errors import InputError

    if not coder:
        raise InputError(_("say who is coding: --coder NAME (or REFLECT_CODER)"))
    folder = sessions_dir(ctx)
    book = codebook.load(folder)
    if not book.codes:
        raise InputError(
            _("the codebook in {folder} has no codes: `reflect codes add`").format(folder=folder)
        )
    run = coder_lock.claim(folder, codings.check_coder(coder))
    with run:
        _code(ctx, folder, book, coder, question, review)


def _code(
    ctx: typer.Context, folder: Path, book: Codebook, coder: str, question: str, review: str
) -> None:
    """`reflect code` once this run holds the coder's file."""
    from reflect_cli.coding import codings, passages, stepping
    from reflect_cli.errors import InputError
    from reflect_cli.ui.rich_console import RichConsole

    mine = codings.load(folder, coder)
    reviewing = ""
    if review:
        found = book.find(review)
        used = {code for coding in mine.all() for code in coding.codes}
        if found is not None:
            reviewing = found.id
        elif review.strip() in used:  # a code gone from the codebook: its passages, to recode
            reviewing = review.strip()
        else:
            raise InputError(_("no code {review!r} in the codebook").format(review=review))
    store, chosen = chosen_sessions(ctx, limit=False, complete_only=True)
    with bulk():
        found_passages = passages.of_sessions(store.read(reversed(chosen)), question.strip())
    placed = codings.anchor(mine.all(), found_passages)
    for old, new in placed.moved:
        screen.message(_("coding of {old} follows its text to {new}").format(old=old, new=new))
    for lost in placed.lost:
        screen.warning(
            _("coding of {address} no longer matches its text; kept, not shown").format(
                address=lost.address
            )
        )
    # Codings found again under a new address are saved there, at once.
    for old, new in placed.moved:
        mine.remove(old)
        mine.put(placed.placed[new])
    if placed.moved:
        codings.save(folder, mine)
    steps = stepping.queue(found_passages, mine, reviewing)
    if not steps:
        what = _("coded {code}").format(code=reviewing) if reviewing else _("left to code")
        screen.message(
            ngettext(
                "no passages {what} ({count} passage chosen)",
                "no passages {what} ({count} passages chosen)",
                len(found_passages),
            ).format(what=what, count=len(found_passages))
        )
        return
    screen.message(
        ngettext(
            "{count} passage to code as {coder}", "{count} passages to code as {coder}", len(steps)
        ).format(count=len(steps), coder=mine.coder)
    )
    console = RichConsole()
    loop = stepping.Loop(
        console,
        book,
        mine,
        lambda c: codings.save(folder, c),
        stepping.watch(folder),
        lambda: console.width,
    )
    try:
        with like_ctrl_c():  # Ctrl-\, a hang-up or `kill`: saved and said as Ctrl-C
            outcome = loop.run(steps)
    except EOFError:
        screen.message(_("input ended; every decision is saved: `reflect code` goes on"))
        raise typer.Exit(1) from None
    except KeyboardInterrupt:
        screen.message(_("interrupted; every decision is saved: `reflect code` goes on"))
        raise typer.Exit(130) from None
    left = (
        ngettext("; {count} passage left", "; {count} passages left", outcome.remaining).format(
            count=outcome.remaining
        )
        if outcome.remaining
        else ""
    )
    screen.message(
        ngettext(
            "{count} passage coded{left}", "{count} passages coded{left}", outcome.decided
        ).format(count=outcome.decided, left=left)
    )
