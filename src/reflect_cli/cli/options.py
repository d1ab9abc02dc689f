"""Options shared by several commands, the sessions folder, and warning lines."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from reflect_cli.i18n.messages import N_, _
from reflect_cli.ui import screen

if TYPE_CHECKING:
    from reflect_cli.records.index import Index, Progress
    from reflect_cli.records.store import Store

Ids = Annotated[
    list[str] | None,
    typer.Argument(help=N_("Session ids, unique prefixes, or 'last'."), show_default=False),
]
Collaborative = Annotated[
    str, typer.Option(help=N_("Only collaboratives containing this (any case)."))
]
Site = Annotated[str, typer.Option(help=N_("Only sites containing this (any case)."))]
ProtocolId = Annotated[
    str, typer.Option("--protocol", help=N_("Only sessions of this protocol id."))
]
Since = Annotated[str, typer.Option(help=N_("Only sessions on or after this date (YYYY-MM-DD)."))]
Until = Annotated[str, typer.Option(help=N_("Only sessions on or before this date (YYYY-MM-DD)."))]
Status = Annotated[str, typer.Option(help=N_("Only 'draft' or 'complete' sessions."))]
Count = Annotated[int | None, typer.Option("-n", help=N_("Only the newest N sessions."))]


QuestionsDirs = Annotated[
    list[Path] | None,
    typer.Option(
        "--questions-dir",
        help=N_("Extra folder of protocol YAML files, searched first (repeatable)."),
        file_okay=False,
    ),
]


Lang = Annotated[
    str,
    typer.Option(
        "--lang",
        help=N_(
            "Language (BCP 47, like es or vi) [default: REFLECT_LANG, else the locale, "
            "else English]."
        ),
        show_default=False,
    ),
]


def language(option: str) -> str:
    """The language asked for (``--lang``, ``REFLECT_LANG``, the locale, English), now
    the language the program speaks; InputError for what is not a language tag."""
    from reflect_cli.errors import InputError
    from reflect_cli.i18n import messages

    try:
        wanted = messages.wanted(option)
    except ValueError:
        typed = option or os.environ.get(messages.ENV, "").strip()
        said = messages.not_a_tag(typed)
        raise InputError(f"{'--lang' if option else messages.ENV}: {said}") from None
    messages.use(wanted)
    return wanted


def reader_language(option: str, own: str) -> str:
    """What a reader reads in: the language asked for (``--lang``, the program's
    ``--lang``, ``REFLECT_LANG``, the locale), else ``own`` (a session's language); now
    the language the program speaks. InputError for what is not a language tag."""
    from reflect_cli.errors import InputError
    from reflect_cli.i18n import messages

    try:
        chosen = messages.asked(option) or own
    except ValueError:
        typed = option or os.environ.get(messages.ENV, "").strip()
        said = messages.not_a_tag(typed)
        raise InputError(f"{'--lang' if option else messages.ENV}: {said}") from None
    messages.use(chosen)
    return chosen


def choose_language(option: str) -> str:
    """``reflect --lang es COMMAND``: the language of the command's words, before
    ``REFLECT_LANG`` and the locale (a command's own ``--lang`` still comes first);
    InputError for what is not a language tag."""
    from reflect_cli.errors import InputError
    from reflect_cli.i18n import messages

    try:
        return messages.choose(option)
    except ValueError:
        raise InputError(_("--lang: {exc}").format(exc=messages.not_a_tag(option))) from None


def sessions_dir(ctx: typer.Context) -> Path:
    """The sessions folder chosen by option, environment or default."""
    chosen = (ctx.find_root().obj or {}).get("sessions_dir")
    if chosen is None:
        chosen = Path(os.environ.get("REFLECT_SESSIONS_DIR") or "sessions")
    return Path(chosen)


def warn(lines: Iterable[str]) -> None:
    """Each line as a warning on standard error."""
    for line in lines:
        screen.warning(line)


def open_index(store: Store, progress: Progress | None = None) -> Index:
    """The store's index, up to date, its warnings printed (and any that arises later,
    such as a damaged index found by a query and rebuilt)."""
    index = store.index(progress)
    warn(index.warnings)
    index.on_warning = lambda line: warn([line])
    return index


def plural(count: int, noun: str) -> str:
    """ "1 session", "2 sessions": a count with its noun, in the right number."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
