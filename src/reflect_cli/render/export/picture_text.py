"""What a picture inside an Office file says about itself, which anyone who saves the
picture reads in its properties: the text of its XMP metadata (a creator, a title, a
description: ``pdf_parts.xmp_lines``), a PNG's text chunks (``tEXt``, ``zTXt``,
``iTXt``: an Author, a Description), a JPEG's comment, and the text of its EXIF data
(every text tag: Artist, Copyright, ImageDescription, a camera owner's name; Windows'
XPAuthor, XPTitle, XPComment, XPSubject, XPKeywords; a UserComment). Its pixels hold
no typed text and are not read.

Each is found by walking the file's structure (a PNG's chunks, a JPEG's segments up to
its image data, EXIF's directories), never by searching the picture's bytes for text.
"""

from __future__ import annotations

import zlib
from typing import Literal

from reflect_cli.render.export.pdf_parts import xmp_lines

_PNG = b"\x89PNG\r\n\x1a\n"
#: Bytes a compressed PNG text chunk may inflate to.
_INFLATED_MOST = 1024 * 1024
#: EXIF's text tags that are not typed ASCII: Windows' (UTF-16) and a UserComment.
_XP = frozenset((0x9C9B, 0x9C9C, 0x9C9D, 0x9C9E, 0x9C9F))
_USER_COMMENT = 0x9286
#: EXIF directories a directory points to: the Exif one, GPS, interoperability.
_POINTERS = frozenset((0x8769, 0x8825, 0xA005))


def lines(data: bytes) -> list[str]:
    """The picture's metadata text, a line each."""
    found: list[str] = []
    if data.startswith(_PNG):
        found += _png(data)
    elif data.startswith(b"\xff\xd8"):
        found += _jpeg(data)
    elif data[:4] in (b"II*\x00", b"MM\x00*"):  # TIFF is EXIF's own layout
        found += _exif(data)
    if b"xmpmeta" in data or b"xpacket" in data or b"rdf:RDF" in data:
        found += xmp_lines(data)
    return [" ".join(line.split()) for line in found if line.strip()]


def _png(data: bytes) -> list[str]:
    found: list[str] = []
    at = len(_PNG)
    while at + 8 <= len(data):
        length = int.from_bytes(data[at : at + 4], "big")
        kind, body = data[at + 4 : at + 8], data[at + 8 : at + 8 + length]
        at += 12 + length
        _keyword, _nul, rest = body.partition(b"\0")
        if kind == b"tEXt":
            found.append(rest.decode("latin-1"))
        elif kind == b"zTXt":
            found.append(_inflate(rest[1:]).decode("latin-1"))
        elif kind == b"iTXt" and len(rest) >= 2:
            _language, _nul, rest2 = rest[2:].partition(b"\0")
            translated, _nul, text = rest2.partition(b"\0")
            text = _inflate(text) if rest[0] == 1 else text
            found += [translated.decode("utf-8", "replace"), text.decode("utf-8", "replace")]
        elif kind == b"eXIf":
            found += _exif(body)
    return found


def _inflate(packed: bytes) -> bytes:
    try:
        return zlib.decompressobj().decompress(packed, _INFLATED_MOST)
    except zlib.error:
        return b""


def _jpeg(data: bytes) -> list[str]:
    """The comment and EXIF text of a JPEG's segments before its image data."""
    found: list[str] = []
    at = 2
    while at + 4 <= len(data) and data[at] == 0xFF:
        marker = data[at + 1]
        if marker == 0xDA:  # the image data starts
            break
        if marker in (0x01, 0xFF) or 0xD0 <= marker <= 0xD8:
            at += 1 if marker == 0xFF else 2
            continue
        length = int.from_bytes(data[at + 2 : at + 4], "big")
        body = data[at + 4 : at + 2 + length]
        at += 2 + length
        if marker == 0xFE:  # a comment
            found.append(body.decode("utf-8", errors="replace"))
        elif marker == 0xE1 and body.startswith(b"Exif\0"):
            found += _exif(body[6:])
    return found


def _exif(tiff: bytes) -> list[str]:
    """Every text value of the EXIF (TIFF) data's directories."""
    order: Literal["little", "big"] = "little" if tiff[:2] == b"II" else "big"

    def number(at: int, size: int) -> int:
        return int.from_bytes(tiff[at : at + size], order)

    found: list[str] = []
    seen: set[int] = set()
    waiting = [number(4, 4)]
    while waiting and len(seen) < 64:
        directory = waiting.pop()
        if directory in seen or not 8 <= directory < len(tiff) - 2:
            continue
        seen.add(directory)
        for entry in range(min(number(directory, 2), 1000)):
            at = directory + 2 + 12 * entry
            tag, kind, count = number(at, 2), number(at + 2, 2), number(at + 4, 4)
            size = count * {2: 1, 1: 1, 7: 1}.get(kind, 0)
            value = tiff[at + 8 : at + 8 + size] if size <= 4 else tiff[number(at + 8, 4) :][:size]
            if tag in _POINTERS:
                waiting.append(number(at + 8, 4))
            elif kind == 2:
                found.append(value.rstrip(b"\0").decode("utf-8", errors="replace"))
            elif tag in _XP:
                found.append(value.decode("utf-16-le", errors="replace").rstrip("\0"))
            elif tag == _USER_COMMENT:
                codec = "utf-16-be" if value[:8] == b"UNICODE\0" and order == "big" else None
                codec = codec or ("utf-16-le" if value[:8] == b"UNICODE\0" else "utf-8")
                found.append(value[8:].decode(codec, errors="replace").rstrip("\0"))
        waiting.append(number(directory + 2 + 12 * number(directory, 2), 4))
    return found
