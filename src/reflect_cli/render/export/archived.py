"""The text of a zip file's members, as `reflect check-names` reads them: a data package
zip, a REFI-QDA project (``.qdpx``), Office and OpenDocument files (``.docx``,
``.xlsx``, ``.pptx``, ``.odt``, ``.ods``, ``.odp``).

Each member is read by its kind: XML as its text and attribute values, as its reader
can recover them (``xml_text``: a paragraph, a cell, a shared string one line each, runs
inside them joined, so a name split across runs is whole; tracked deletions, hidden
text, comments, a project's user names), CSV, JSON, Markdown, HTML and text as
``documents`` reads them. A picture is read for what it says about itself (its
EXIF, XMP and text chunks: ``picture_text``), its pixels passed over; sound, video,
fonts and printer settings hold no typed text and are passed over; a zip inside (a
chart's workbook in a report) is read as one, three deep; any other member (a PDF, an
embedded object) is refused with one line: a member is never passed over silently.

A zip is untrusted input: at most ``MAX_MEMBERS`` members, ``MAX_TOTAL`` bytes
unpacked in all, and no member that unpacks to more than ``MAX_RATIO`` times its packed
size (a zip bomb): each is refused in one line before it is unpacked. XML with a
document type (entities that expand) is refused. Member names are shown with control
characters as escapes (a name may hold anything, a newline or ``ESC [ 2 J`` too).
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import PurePosixPath

from reflect_cli.controls import visible
from reflect_cli.errors import InputError
from reflect_cli.i18n.messages import _
from reflect_cli.render.export import picture_text, xml_text

#: How deep a zip inside a zip is read (a workbook in a report in a data package).
_NESTED_DEPTH = 3
#: Members in one zip: an export has a dozen, an Office file a few hundred.
MAX_MEMBERS = 10_000
#: Bytes unpacked in all, the most ``documents`` reads of any one file.
MAX_TOTAL = 512 * 1024 * 1024
#: Unpacked to packed: text packs ten to one, a bomb a thousand to one.
MAX_RATIO = 200
#: Members smaller than this unpacked are never a bomb, however well they pack.
_SMALL = 1024 * 1024

#: Suffixes of the zip files read member by member.
SUFFIXES = (".zip", ".qdpx", ".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp")
#: Members read as XML.
_XML = (".xml", ".rels", ".qde", ".qdc", ".svg", ".vml", ".fodt", ".fods", ".fodp", ".fodg")
#: Pictures: their metadata is read (``picture_text``), their pixels passed over.
_PICTURES = (".png", ".jpg", ".jpeg", ".gif", ".tif", ".tiff", ".webp")
#: Members with no typed text in them: passed over.
_MEDIA = (
    *(".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".emf", ".wmf", ".webp"),
    *(".mp3", ".mp4", ".m4a", ".wav", ".ogg", ".webm", ".mov", ".avi"),
    *(".ttf", ".otf", ".woff", ".woff2", ".odttf", ".fntdata", ".bin"),
)


def shown(name: str) -> str:
    """A member's name as it may be printed: every control character an escape."""
    return visible(name.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t"))


def members(
    path: object,
    data: bytes,
    plain: Callable[[str, str], str | None],
    unpacked: list[int] | None = None,
    depth: int = 0,
) -> Iterator[tuple[str, list[str], list[tuple[str, str]]]]:
    """Each text member's shown name, lines and fields (an XML member's lines read
    another way: ``xml_text``); ``plain(suffix, text)`` reads a member of another kind
    as ``documents`` would (None: a kind it does not read). A zip file inside (a chart's
    workbook in a report) is read the same way, its members named ``MEMBER:INNER``;
    ``unpacked``: the bytes the zips around it declare, counted against ``MAX_TOTAL``."""
    unpacked = [0] if unpacked is None else unpacked
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise InputError(
            _("{path}: not a zip file reflect can read (damaged?)").format(path=path)
        ) from None
    with archive:
        entries = [e for e in archive.infolist() if not e.is_dir()]
        _check_sizes(path, entries, unpacked)
        for entry in entries:
            name = shown(entry.filename)
            suffix = PurePosixPath(entry.filename).suffix.lower()
            if suffix == ".bin" and "embeddings/" in entry.filename.lower():
                raise _unread(path, name)  # an embedded object: any file, any text
            if suffix in _MEDIA:
                if suffix in _PICTURES:  # what a picture says about itself
                    said = picture_text.lines(_unpacked(path, archive, entry))
                    if said:
                        yield name, said, []
                continue
            raw = _unpacked(path, archive, entry)
            if raw[:4] == b"PK\x03\x04" and depth < _NESTED_DEPTH:
                inside = members(f"{path}:{name}", raw, plain, unpacked, depth + 1)
                yield from ((f"{name}:{inner}", lines, fields) for inner, lines, fields in inside)
                continue
            text = raw.decode("utf-8-sig", errors="replace")
            if suffix in _XML or (not suffix and text.lstrip().startswith("<?xml")):
                yield name, *xml_text.lines(path, name, text)
                continue
            try:
                read = plain(suffix, text.replace("\r\n", "\n"))
            except InputError as exc:  # a part it holds cannot be read: named by member
                raise InputError(
                    _("{path}: {name}: {problem}").format(path=path, name=name, problem=exc)
                ) from None
            if read is None:
                raise _unread(path, name)
            yield name, read.split("\n"), []


def _unread(path: object, name: str) -> InputError:
    return InputError(
        _(
            "{path}: {name}: a member reflect cannot read (check it on "
            "its own); nothing was checked"
        ).format(path=path, name=name)
    )


def _check_sizes(path: object, entries: list[zipfile.ZipInfo], unpacked: list[int]) -> None:
    """Refuse, before anything is unpacked, a zip over the limits (with the zips around
    it: ``unpacked``) or a member that packs too well: as the zip declares them (reading
    stops at the declared size)."""
    if len(entries) > MAX_MEMBERS:
        raise InputError(
            _("{path}: {members:,} members; the most read is {most:,}").format(
                path=path, members=len(entries), most=MAX_MEMBERS
            )
        )
    unpacked[0] += sum(e.file_size for e in entries)
    total = unpacked[0]
    if total > MAX_TOTAL:
        raise InputError(
            _("{path}: unpacks to {total:,} bytes; the most read is {most:,} (a zip bomb?)").format(
                path=path, total=total, most=MAX_TOTAL
            )
        )
    for entry in entries:
        if entry.flag_bits & 0x1:
            raise InputError(
                _("{path}: {member} is encrypted: cannot be read").format(
                    path=path, member=shown(entry.filename)
                )
            )
        if entry.file_size > _SMALL and entry.file_size > MAX_RATIO * max(entry.compress_size, 1):
            raise InputError(
                _(
                    "{path}: {member} unpacks {file_size:,} bytes from "
                    "{compress_size:,}, over {ratio} to 1 (a zip bomb?); "
                    "nothing was checked"
                ).format(
                    path=path,
                    member=shown(entry.filename),
                    file_size=entry.file_size,
                    compress_size=entry.compress_size,
                    ratio=MAX_RATIO,
                )
            )


def _unpacked(path: object, archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> bytes:
    try:
        with archive.open(entry) as member:
            return member.read(entry.file_size + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as exc:
        del exc  # the library's words are not ours to show
        raise InputError(
            _(
                "{path}: {member} cannot be unpacked (damaged, or packed in a way "
                "reflect does not read); nothing was checked"
            ).format(path=path, member=shown(entry.filename))
        ) from None
    except RuntimeError:  # zipfile's word for an encrypted member
        raise InputError(
            _("{path}: {member} is encrypted: cannot be read").format(
                path=path, member=shown(entry.filename)
            )
        ) from None
