"""`reflect check-names`: any document checked for the people and places the folder knows."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from reflect_cli.cli.redacting import (
    IgnoreUnreadableAlways,
    KeyAlways,
    NamesAlways,
    WordsAlways,
    rerun,
)
from reflect_cli.cli.redacting import pseudonym_key as keys
from reflect_cli.errors import ReflectError
from reflect_cli.i18n.messages import N_, _, ngettext
from reflect_cli.ui import screen

Files = Annotated[
    list[Path],
    typer.Argument(
        help=N_(
            "Documents to check: text, Markdown, HTML, CSV, JSON, PDF, or a zip file "
            "(.zip, .qdpx, .docx, .xlsx, .pptx, .odt) member by member (by suffix)."
        ),
        show_default=False,
    ),
]


def check_names(
    ctx: typer.Context,
    files: Files,
    ignore_unreadable: IgnoreUnreadableAlways = False,
    pseudonym_key: KeyAlways = None,
    name: NamesAlways = None,
    word: WordsAlways = None,
) -> None:
    """Check documents for every person, collaborative and site the sessions folder knows,
    found as `export --redact` finds them (any case or accents, handles, run-together and
    possessive forms, everyday words as the folder decided with --name/--word).

    Each place is one line on standard output, FILE:LINE: the words found and what they
    are. Exit status: 0 when every document is clean; 2 when a name was found, when a
    document could not be read (each named on standard error, the others still checked)
    or when the sessions folder holds no records to check against (the last line on
    standard error says which). Reads
    text, Markdown, HTML, CSV and JSON as a reader sees them (escapes and entities
    undone), and a PDF's text and metadata (every document information string, its XMP) through
    pdftotext and pdfinfo (poppler-utils), with its comments, form fields, bookmarks and
    link addresses; an encrypted PDF is refused. An HTML comment's text is read too, what
    a style sheet draws, what a data: address holds, and each line again without its
    hidden text; a word split by tags such as <b> is read whole. A zip file (a data
    package zip, a .qdpx project, .docx, .xlsx, .pptx, .odt) is read member by member,
    each place named FILE:MEMBER:LINE, or refused in one line (a zip bomb, a member that
    is not text, such as a PDF inside)."""
    from reflect_cli.cli.selecting import open_store
    from reflect_cli.records import word_choices
    from reflect_cli.render.export import documents, known
    from reflect_cli.render.export.name_check import NamesFound, fixed_words, spots
    from reflect_cli.render.export.own_text import own_protocols

    # Every document read before work (a zip file's members one document each); one that
    # cannot be read is named and the others are still checked.
    read: list[documents.Document] = []
    unreadable: list[ReflectError] = []
    for path in files:
        try:
            read.extend(documents.read_all(path))
        except ReflectError as exc:
            unreadable.append(exc)
    if unreadable and not read and len(files) == 1:
        raise unreadable[0]  # the one document given: its problem is the one line
    for problem in unreadable:
        screen.message(_("cannot check {problem}").format(problem=problem))
    if not read:
        raise CouldNotRead(
            _("none of the {count} documents could be read; nothing was checked").format(
                count=len(files)
            )
        )
    store = open_store(ctx)
    summaries, _problems = store.summaries()
    if not summaries:
        raise NoRecords(_no_records(store.folder))
    decided = word_choices.decide(store.folder, name or [], word or [])
    key = keys(store.folder, pseudonym_key)  # each person named by their redacted label
    redactor, unread = known.redactor(
        store,
        list(reversed(summaries)),
        False,
        ignore_unreadable,
        decided,
        key,
        rerun=rerun(writes=False),
    )
    for line in unread:
        screen.warning(_("checked without {line}").format(line=line))
    fixed = fixed_words(own_protocols(), redactor.statement())
    found = 0
    for document in read:
        for spot in spots(document, redactor, fixed):
            found += 1
            screen.data(f"{spot.path}:{spot.place}: {spot.text!r}: {spot.what}\n")
    checked = _documents(len(files) - len(unreadable))
    if unreadable:
        found_in = ngettext(
            "{places} place found in {checked}", "{places} places found in {checked}", found
        ).format(places=found, checked=checked)
        not_read = ngettext(
            "{count} document could not be read",
            "{count} documents could not be read",
            len(unreadable),
        ).format(count=len(unreadable))
        raise CouldNotRead(
            _("{found_in}; {not_read} (named above), so not checked").format(
                found_in=found_in, not_read=not_read
            )
        )
    if found:
        raise NamesFound(
            ngettext(
                "{places} place in {documents} names someone or somewhere the sessions "
                "folder knows",
                "{places} places in {documents} name someone or somewhere the sessions "
                "folder knows",
                found,
            ).format(places=found, documents=checked)
        )
    screen.message(_("no known name in {documents}").format(documents=checked))


class CouldNotRead(ReflectError):
    """A document given could not be read, so it was not checked (exit 2, as any
    problem and as a name found, ``NamesFound``: the line on standard error tells)."""


class NoRecords(ReflectError):
    """The sessions folder holds no record: there is no one to check names against, and
    "no known name" would read as clean."""


def _no_records(folder: Path) -> str:
    """Why nothing was checked, naming the folder, and the ``sessions/`` inside it when
    it was given the clone's root (the records one level down)."""
    shown = folder.absolute()
    if (folder / "sessions").is_dir():
        return _(
            "{folder} holds no session records to check names against (the records may be "
            "in {inner}: --sessions-dir {inner}); nothing was checked"
        ).format(folder=shown, inner=shown / "sessions")
    return _(
        "{folder} holds no session records to check names against (give the sessions "
        "folder: --sessions-dir FOLDER or REFLECT_SESSIONS_DIR); nothing was checked"
    ).format(folder=shown)


def _documents(count: int) -> str:
    return ngettext("{count} document", "{count} documents", count).format(count=count)
