"""Any document's text as a reader sees it, line by line: what `reflect check-names`
reads.

Text and Markdown as written (Markdown's backslash escapes undone, its character
references decoded: ``&#77;onica`` is "Monica", its inline HTML tags taken out of a word
as a viewer draws it), HTML as its text and attribute values (``html_text``: the page's
markup and style sheet left out, entities decoded, ``Gr<b>ace</b>`` read "Grace"), CSV
as written, JSON with every string decoded (``\\u004donica`` is "Monica"), XML (a Word or
flat OpenDocument file saved as one, an SVG) as an Office file's XML member is read
(``xml_text``), and a PDF as ``pdftotext`` (poppler) extracts each page's whole plane
(text outside the page too; invisible, white or clipped text it reads as any), every
layer shown (``pdf_layers``), with what a viewer shows beside its pages
(``pdf_parts``: comments, form fields, bookmarks). An encrypted PDF is refused: its
comments and form fields cannot be read from its bytes, and a document read in part is
never reported clean. Lines keep their numbers, so a place can be named ``FILE:LINE``; a
PDF's pages are separated by form feeds, which also end a line. Every string of a PDF's
document information (Title, Author, Producer, a writer's own keys, as ``pdfinfo
-custom`` gives them) and its XMP metadata's text are read too, each named by its field;
an HTML comment's text is read (it is in the file a partner receives), and the text
around it joined ("M<!-- -->onica"). A zip file (a data package zip, a ``.qdpx``
project, ``.docx``, ``.xlsx``, ``.pptx``, ``.odt``) is read member by member
(``archived``), each member a document of its own named ``FILE:MEMBER``, or refused in
one line: never passed as clean unread.
"""

from __future__ import annotations

import codecs
import html
import json
import os
import re
import stat
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from reflect_cli.errors import InputError
from reflect_cli.i18n.messages import _
from reflect_cli.records.opening import kind
from reflect_cli.render.export import (
    archived,
    embedded,
    html_text,
    markdown_text,
    pdf_text,
    xml_text,
)
from reflect_cli.render.export.in_word import BROKEN

#: The largest document read (a sessions folder's export is far smaller).
_LARGEST = 512 * 1024 * 1024


class Format(StrEnum):
    """How a document is read, from its suffix."""

    TEXT = "text"
    MARKDOWN = "markdown"
    HTML = "html"
    CSV = "csv"
    JSON = "json"
    PDF = "pdf"
    ZIP = "zip"
    XML = "xml"


_SUFFIXES = {
    ".txt": Format.TEXT,
    ".text": Format.TEXT,
    ".md": Format.MARKDOWN,
    ".markdown": Format.MARKDOWN,
    ".html": Format.HTML,
    ".htm": Format.HTML,
    ".xhtml": Format.HTML,
    # An SVG drawing as a page is drawn (``html_text``: text drawn backwards, pieces
    # joined by <tspan>, hidden pieces).
    ".svg": Format.HTML,
    # XML as an XML member of an Office file is read (``xml_text``): a Word or
    # OpenDocument file saved as one XML file.
    **dict.fromkeys((".xml", ".fodt", ".fods", ".fodp", ".fodg"), Format.XML),
    ".csv": Format.CSV,
    ".tsv": Format.CSV,
    ".json": Format.JSON,
    ".pdf": Format.PDF,
    **dict.fromkeys(archived.SUFFIXES, Format.ZIP),
}


@dataclass(frozen=True)
class Document:
    """A document's lines as a reader sees them, and how it was read."""

    path: Path
    format: Format
    lines: list[str]
    #: Text outside the lines, each with the field it sits in (a PDF's "Title", …).
    fields: tuple[tuple[str, str], ...] = ()
    #: The member of a zip file it is (its name shown safely: ``archived.shown``).
    member: str = ""


def format_of(path: Path) -> Format:
    """The format a file is read as: its suffix, else a PDF or a zip by its first bytes,
    else text."""
    found = _SUFFIXES.get(path.suffix.lower())
    if found is not None:
        return found
    start = _read(path)[:5]
    if start == b"%PDF-":
        return Format.PDF
    return Format.ZIP if start[:4] == b"PK\x03\x04" else Format.TEXT


def read_all(path: Path) -> list[Document]:
    """The documents at ``path``: one, or a zip file's text members one each."""
    if format_of(path) is not Format.ZIP:
        return [read(path)]
    return [
        Document(path, Format.ZIP, lines, tuple(fields), member=name)
        for name, lines, fields in archived.members(path, _read(path), _member_plain)
    ]


def _member_plain(suffix: str, text: str) -> str | None:
    """A zip member's text as a reader sees it, by its suffix (none: text); None for a
    kind that is not text."""
    kind = _SUFFIXES.get(suffix, Format.TEXT if not suffix else None)
    reader = _PLAIN.get(kind) if kind is not None else None
    return reader(text) if reader is not None else None


def read(path: Path) -> Document:
    """The document at ``path`` (not a zip: ``read_all``); an InputError names it when it
    cannot be read."""
    kind = format_of(path)
    if kind is Format.ZIP:
        raise InputError(_("{path}: a zip file: read it with read_all").format(path=path))
    if kind is Format.PDF:
        # Read as a regular file, not too large, before poppler opens it itself.
        pages, found = pdf_text.read(path, _read(path), read_all)
        return Document(path, kind, pages, found)
    text = text_of(_read(path)).replace("\r\n", "\n")
    if kind is Format.XML:
        try:
            lines, fields = xml_text.lines(path, path.name, text)
            return Document(path, kind, lines, tuple(fields))
        except InputError:  # not well-formed, or with a document type: read as text
            return Document(path, Format.TEXT, text.split("\n"))
    try:
        return Document(path, kind, _PLAIN[kind](text).split("\n"))
    except InputError as exc:  # a part it holds cannot be read (a data: address's PDF)
        raise InputError(_("{path}: {problem}").format(path=path, problem=exc)) from None


#: Byte order marks, UTF-32's first (its little-endian mark begins with UTF-16's).
_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def text_of(data: bytes) -> str:
    """A text file's characters: UTF-8, or UTF-16 or UTF-32 with a byte order mark;
    a byte that is not UTF-8 is read as Windows-1252 (Latin-1, what spreadsheets save as
    CSV), so that "M\\xf3nica" is "Mónica", not a replacement character that hides the
    name, while the UTF-8 around a stray byte stays UTF-8."""
    for mark, codec in _MARKS:
        if data.startswith(mark):
            return data.decode(codec, errors="replace")
    return data.decode("utf-8", errors=_AS_CP1252)


def _as_cp1252(error: UnicodeError) -> tuple[str, int]:
    """The bytes UTF-8 could not read, read as Windows-1252."""
    assert isinstance(error, UnicodeDecodeError)
    bad = bytes(error.object[error.start : error.end])
    return bad.decode("cp1252", errors="replace"), error.end


_AS_CP1252 = "reflect-as-cp1252"
codecs.register_error(_AS_CP1252, _as_cp1252)


def _read(path: Path) -> bytes:
    """The file's bytes. Never waits on a FIFO or device: only a regular file is read,
    checked on the open descriptor before anything reads from it (a folder opens too,
    and Python's file object would refuse it naming the descriptor: "Is a directory: 3")."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise InputError(
            _("{path}: cannot read it ({problem})").format(path=path, problem=exc.strerror or exc)
        ) from None
    try:
        info = os.fstat(fd)
    except OSError as exc:
        os.close(fd)
        raise InputError(
            _("{path}: cannot read it ({problem})").format(path=path, problem=exc.strerror or exc)
        ) from None
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise InputError(
            _("{path}: {kind}, not a document: give a file").format(
                path=path, kind=kind(info.st_mode)
            )
        )
    with os.fdopen(fd, "rb") as handle:
        if info.st_size > _LARGEST:
            raise InputError(
                _("{path}: larger than {megabytes} MB").format(
                    path=path, megabytes=_LARGEST // 1024 // 1024
                )
            )
        try:
            return handle.read()
        except OSError as exc:
            raise InputError(
                _("{path}: cannot read it ({problem})").format(
                    path=path, problem=exc.strerror or exc
                )
            ) from None


_JSON_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')


#: The line break (and the spaces around it) inside a word hyphenated across lines
#: (``in_word.BROKEN``: "Hau-\ngen"), in a decoded string.
_LINE_BREAK = re.compile(r"[ \t]*\r?\n[ \t]*")


def _json_plain(text: str) -> str:
    """Every JSON string literal decoded in place, whatever the layout."""

    def decoded(match: re.Match[str]) -> str:
        try:
            value = json.loads(match[0])
        except ValueError:
            return match[0]
        # A decoded newline must not shift the lines after it; one that breaks a word
        # at a hyphen ("Hau-\ngen") is taken out, so the word is read whole.
        text = BROKEN.sub(lambda broken: _LINE_BREAK.sub("", broken[0]), str(value))
        return text.replace("\n", " ").replace("\r", " ")

    return _JSON_STRING.sub(decoded, text)


#: A character reference Markdown (as HTML) shows as its character: "&#77;onica" is
#: "Monica", and so are "&#x4d;" and "&Mu;" (not after a backslash: "\\&" is "&").
_ENTITY = re.compile(r"(?<!\\)&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _markdown_plain(text: str) -> str:
    if "data:" in text:  # an image link's data: address, shown by any Markdown viewer
        text = embedded.data_read(text, html_text.plain)
    if "<" in text:  # inline HTML, drawn by any Markdown viewer
        text = html_text.inline_tags_out(text)
    text = markdown_text.drawn(text)  # links, highlights: as a viewer draws them
    if "&" in text:  # a decoded newline must not shift the lines after it
        text = _ENTITY.sub(
            lambda m: html.unescape(m[0]).replace("\n", " ").replace("\r", " "), text
        )
    return re.sub(r"\\(.)", r"\1", text)


_PLAIN = {
    Format.TEXT: lambda text: text,
    Format.MARKDOWN: _markdown_plain,
    Format.HTML: html_text.plain,
    Format.CSV: lambda text: text,
    Format.JSON: _json_plain,
}
