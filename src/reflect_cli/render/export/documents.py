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
import shutil
import stat
import subprocess
import tempfile
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from reflect_cli.errors import InputError
from reflect_cli.i18n.messages import _
from reflect_cli.records.opening import kind
from reflect_cli.render.export import archived, embedded, html_text, markdown_text, xml_text
from reflect_cli.render.export.pdf_layers import every_layer_shown, stored_only
from reflect_cli.render.export.pdf_parts import encrypted, inflated, shown_strings

#: Time for pdftotext on one file.
_PDF_SECONDS = 120
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
        data = _read(path)
        if encrypted(data):  # before poppler, which may ask for a password
            raise _encrypted_pdf(path)
        streams = inflated(data)
        layout, raw = _pdf_text(path, every_layer_shown(data, streams))
        lines = layout.replace("\f", "\n").split("\n")
        stored = [("PDF text as stored", line) for line in stored_only(layout, raw)]
        try:  # rich text or XMP may hold a data: address that cannot be read
            info = _pdf_fields(path)  # refused here too when poppler says it is encrypted
            strings = shown_strings(data, streams)
        except InputError as exc:
            if str(exc).startswith(str(path)):
                raise
            raise InputError(_("{path}: {problem}").format(path=path, problem=exc)) from None
        # What a viewer shows beside the pages (once: an outline may repeat the Title).
        shown = [f for f in strings if f[1] not in {v for _key, v in info}]
        return Document(path, kind, lines, (*stored, *info, *shown, *_pdf_attachments(path)))
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


#: The area of a page read: far beyond any page (poppler leaves out the text it places
#: outside the page's own box, which a reader still copies from the file).
_PLANE = ["-x", "-1000000000", "-y", "-1000000000", "-W", "2000000000", "-H", "2000000000"]


def _pdf_text(path: Path, shown: bytes | None = None) -> tuple[str, str]:
    """The PDF's text by poppler's pdftotext, the whole of each page's plane: in its
    reading order, one line per line (``-layout``), and as stored (``-raw``: letters
    drawn over one another, which the first reading takes for one bold letter, kept).
    ``shown``: the PDF with its hidden layers shown (``pdf_layers``), read in its place
    from a private temporary folder."""
    _read(path)  # a regular file, not too large: poppler opens it itself
    read = path
    with tempfile.TemporaryDirectory() as folder:
        if shown is not None:
            read = Path(folder) / "layers-shown.pdf"
            read.write_bytes(shown)
        try:
            texts = [
                _poppler("pdftotext", ["-enc", "UTF-8", mode, *_PLANE, "--", str(read), "-"], path)
                for mode in ("-layout", "-raw")
            ]
        except InputError as exc:  # named as the person knows it, not by our copy
            raise InputError(str(exc).replace(str(read), str(path))) from None
    layout, raw = (text.decode("utf-8", errors="replace") for text in texts)
    return layout, raw


def _poppler(name: str, arguments: list[str], path: Path) -> bytes:
    """A poppler tool's standard output; an InputError when it is missing or fails."""
    tool = shutil.which(name)
    if tool is None:
        raise InputError(
            _(
                "{path}: reading a PDF needs {name}, which is not installed "
                "(poppler-utils: apt install poppler-utils, brew install poppler)"
            ).format(path=path, name=name)
        )
    try:
        done = subprocess.run(
            [tool, *arguments], capture_output=True, timeout=_PDF_SECONDS, check=False
        )
    except subprocess.TimeoutExpired:
        raise InputError(
            _("{path}: {name} took over {seconds} s").format(
                path=path, name=name, seconds=_PDF_SECONDS
            )
        ) from None
    if done.returncode != 0:
        why = done.stderr.decode("utf-8", errors="replace").strip().splitlines()
        if any("Incorrect password" in line for line in why):  # poppler's own word
            raise _encrypted_pdf(path)
        raise InputError(
            _("{path}: not a PDF {name} can read ({problem})").format(
                path=path, name=name, problem=why[-1] if why else ""
            )
        )
    return done.stdout


#: How deep attachments inside attachments are read (a PDF attached to a PDF…).
_ATTACHED_DEPTH = 3
_attached_depth = [0]


def _pdf_attachments(path: Path) -> list[tuple[str, str]]:
    """The files embedded in a PDF (poppler's pdfdetach), each read as a document of its
    own: ``("PDF attachment NAME", line)`` for each of its lines and fields. Each is saved
    under a name of ours in a private temporary folder (never the name the PDF gives)."""
    if _attached_depth[0] >= _ATTACHED_DEPTH:
        return []
    listed = _poppler("pdfdetach", ["-enc", "UTF-8", "-list", "--", str(path)], path)
    names = re.findall(r"^(\d+): (.*)$", listed.decode("utf-8", errors="replace"), re.MULTILINE)
    found: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory() as folder:
        for number, name in names:
            suffix = re.sub(r"[^A-Za-z0-9.]", "", Path(name).suffix)[:10]
            saved = Path(folder) / f"attached-{number}{suffix}"
            _poppler("pdfdetach", ["-save", number, "-o", str(saved), "--", str(path)], path)
            field = f"PDF attachment {' '.join(name.split())}"
            _attached_depth[0] += 1
            try:
                for document in read_all(saved):
                    found += [(field, line) for line in document.lines if line.strip()]
                    found += [(f"{field} {inner}", value) for inner, value in document.fields]
            except InputError as exc:  # named as the person knows it, not by our copy
                raise InputError(str(exc).replace(str(saved), f"{path}:{field}")) from None
            finally:
                _attached_depth[0] -= 1
    return found


#: The document information keys the PDF standard names.
_PDF_KEYS = frozenset(
    ("Title", "Author", "Subject", "Keywords", "Creator", "Producer", "CreationDate", "ModDate")
)


def _pdf_fields(path: Path) -> tuple[tuple[str, str], ...]:
    """The PDF's metadata as poppler's pdfinfo gives it: ``(field, value)`` pairs, every
    string of its document information (Title, Author, Producer, a writer's own keys
    such as Company: ``pdfinfo -custom``) and the text of its XMP metadata (``-meta``).
    A PDF poppler says is encrypted is refused (``_encrypted_pdf``)."""
    done = _poppler("pdfinfo", ["-enc", "UTF-8", "--", str(path)], path)
    for line in done.decode("utf-8", errors="replace").splitlines():
        name, colon, value = line.partition(":")
        if colon and name == "Encrypted" and not value.strip().startswith("no"):
            raise _encrypted_pdf(path)
    custom = _poppler("pdfinfo", ["-enc", "UTF-8", "-custom", "--", str(path)], path)
    fields: list[tuple[str, str]] = []
    field = "PDF metadata"
    for line in custom.decode("utf-8", errors="replace").splitlines():
        # "Key:   value", the key padded; a value's later lines (it may hold a line
        # break) are read in the field before them, whatever they say.
        key = re.match(r"([^\s:][^:]*):(?: +|$)", line)
        if key is not None:
            field, line = f"PDF {key[1]}", line[key.end() :]
            if key[1] not in _PDF_KEYS:  # a writer's own key: its name is read too
                fields.append(("PDF metadata", key[1]))
        if line.strip():
            fields.append((field, line.strip()))
    meta = _poppler("pdfinfo", ["-enc", "UTF-8", "-meta", "--", str(path)], path)
    xmp = html_text.plain(meta.decode("utf-8", errors="replace"))
    fields += [("PDF XMP metadata", " ".join(s.split())) for s in xmp.splitlines() if s.strip()]
    return tuple(fields)


def _encrypted_pdf(path: Path) -> InputError:
    """An encrypted PDF is refused, never passed as clean: poppler may show its pages, but
    its comments and form fields cannot be read from its bytes."""
    return InputError(
        _(
            "{path}: an encrypted PDF: its comments and form fields cannot be read, so it "
            "cannot be checked; check a copy saved without encryption"
        ).format(path=path)
    )


_JSON_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')


def _json_plain(text: str) -> str:
    """Every JSON string literal decoded in place, whatever the layout."""

    def decoded(match: re.Match[str]) -> str:
        try:
            value = json.loads(match[0])
        except ValueError:
            return match[0]
        # A decoded newline must not shift the lines after it.
        return str(value).replace("\n", " ").replace("\r", " ")

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
