"""A PDF's text as a reader can recover it, for ``check-names`` (``documents``):
``pdftotext`` (poppler) over each page's whole plane (text outside the page too;
invisible, white or clipped text it reads as any), every layer shown (``pdf_layers``),
the text as stored where the layout reading left some out, what a viewer shows beside
the pages (``pdf_parts``: comments, form fields, bookmarks), every string of the
document information and the XMP metadata (``pdfinfo``), and the files attached
(``pdfdetach``), each read as a document of its own. An encrypted PDF is refused."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reflect_cli.errors import InputError
from reflect_cli.i18n.messages import _
from reflect_cli.render.export import html_text
from reflect_cli.render.export.pdf_layers import every_layer_shown, stored_only
from reflect_cli.render.export.pdf_parts import encrypted, inflated, shown_strings

#: Time for a poppler tool on one file.
_PDF_SECONDS = 120


def read(
    path: Path, data: bytes, read_all: Callable[[Path], list[Any]]
) -> tuple[list[str], tuple[tuple[str, str], ...]]:
    """A PDF's lines (its pages' text, a form feed between pages ending a line too) and
    its fields: text as stored that the layout reading left out, document information,
    what a viewer shows beside the pages, attachments (each read by ``read_all``, as
    documents of their own). ``data``: the file's bytes, read safely by the caller."""
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
    return lines, (*stored, *info, *shown, *_pdf_attachments(path, read_all))


#: The area of a page read: far beyond any page (poppler leaves out the text it places
#: outside the page's own box, which a reader still copies from the file).
_PLANE = ["-x", "-1000000000", "-y", "-1000000000", "-W", "2000000000", "-H", "2000000000"]


def _pdf_text(path: Path, shown: bytes | None = None) -> tuple[str, str]:
    """The PDF's text by poppler's pdftotext, the whole of each page's plane: in its
    reading order, one line per line (``-layout``), and as stored (``-raw``: letters
    drawn over one another, which the first reading takes for one bold letter, kept).
    ``shown``: the PDF with its hidden layers shown (``pdf_layers``), read in its place
    from a private temporary folder."""
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


def _pdf_attachments(path: Path, read_all: Callable[[Path], list[Any]]) -> list[tuple[str, str]]:
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
