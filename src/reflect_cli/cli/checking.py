"""`reflect check-names`: any document checked for the people and places the folder knows."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from reflect_cli.cli.redacting import KeyAlways
from reflect_cli.cli.redacting import pseudonym_key as keys
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
    ignore_unreadable: Annotated[
        bool,
        typer.Option(
            help=N_(
                "Go on when a record in the folder cannot be read (its people cannot be "
                "known; each such file is named on standard error)."
            )
        ),
    ] = False,
    pseudonym_key: KeyAlways = None,
) -> None:
    """Check documents for every person, collaborative and site the sessions folder knows,
    found as `export --redact` finds them (any case or accents, handles, run-together and
    possessive forms, everyday words as the folder decided with --name/--word).

    Each place is one line on standard output, FILE:LINE: the words found and what they
    are; the exit status is 2 when any was found, 0 when every document is clean. Reads
    text, Markdown, HTML, CSV and JSON as a reader sees them (escapes and entities
    undone), and a PDF's text and metadata (title, author, subject, keywords) through pdftotext
    and pdfinfo (poppler-utils), with its comments, form fields and bookmarks; an encrypted
    PDF is refused. An HTML comment's text is read too, and a word split by tags such as
    <b> is read whole. A zip file (a data
    package zip, a .qdpx project, .docx, .xlsx, .pptx, .odt) is read member by member,
    each place named FILE:MEMBER:LINE, or refused in one line (a zip bomb, a member that
    is not text, such as a PDF inside)."""
    from reflect_cli.cli.selecting import open_store
    from reflect_cli.records import word_choices
    from reflect_cli.render.export import documents, known
    from reflect_cli.render.export.name_check import NamesFound, fixed_words, spots
    from reflect_cli.render.export.own_text import own_protocols

    # every file readable, before work; a zip file's members one document each
    read = [document for path in files for document in documents.read_all(path)]
    store = open_store(ctx)
    summaries, _problems = store.summaries()
    decided = word_choices.load(store.folder)
    key = keys(store.folder, pseudonym_key)  # each person named by their redacted label
    redactor, unread = known.redactor(
        store, list(reversed(summaries)), False, ignore_unreadable, decided, key
    )
    for line in unread:
        screen.warning(_("checked without {line}").format(line=line))
    fixed = fixed_words(own_protocols(), redactor.statement())
    found = 0
    for document in read:
        for spot in spots(document, redactor, fixed):
            found += 1
            screen.data(f"{spot.path}:{spot.place}: {spot.text!r}: {spot.what}\n")
    if found:
        raise NamesFound(
            ngettext(
                "{places} place in {documents} names someone or somewhere the sessions "
                "folder knows",
                "{places} places in {documents} name someone or somewhere the sessions "
                "folder knows",
                found,
            ).format(places=found, documents=_documents(len(files)))
        )
    screen.message(_("no known name in {documents}").format(documents=_documents(len(files))))


def _documents(count: int) -> str:
    return ngettext("{count} document", "{count} documents", count).format(count=count)
