"""A picture inside an Office file is read for what it says about itself (its EXIF
Artist, Windows' XPAuthor, a PNG's Author, a JPEG's comment, its XMP creator): anyone
who saves the picture reads them in its properties. Every picture is built by hand in
the test, its structure as a camera or editor writes it."""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import make_session

PEOPLE = ["Monica Haugen | Seattle Parks and Recreation | Site lead"]


@pytest.fixture
def folder(sessions_dir: Path) -> Path:
    make_session(sessions_dir, "partnership-reflection", people=PEOPLE)
    return sessions_dir


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def _png(*chunks: bytes) -> bytes:
    header = _chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
    pixels = _chunk(b"IDAT", zlib.compress(b"\0\0"))
    return b"\x89PNG\r\n\x1a\n" + header + pixels + b"".join(chunks) + _chunk(b"IEND", b"")


def _exif(entries: list[tuple[int, int, bytes]], big_endian: bool = False) -> bytes:
    """TIFF data (EXIF's layout): one directory of (tag, type, value) entries, every
    value stored after it."""
    order = ">" if big_endian else "<"
    start = 8 + 2 + 12 * len(entries) + 4
    directory, values = b"", b""
    for tag, kind, value in entries:
        inline = len(value) <= 4
        field = value.ljust(4, b"\0") if inline else struct.pack(f"{order}I", start + len(values))
        directory += struct.pack(f"{order}HHI", tag, kind, len(value)) + field
        values += b"" if inline else value
    mark = b"MM\0*" if big_endian else b"II*\0"
    head = mark + struct.pack(f"{order}I", 8) + struct.pack(f"{order}H", len(entries))
    return head + directory + struct.pack(f"{order}I", 0) + values


def _jpeg(*segments: tuple[int, bytes]) -> bytes:
    body = b"".join(b"\xff" + bytes([m]) + struct.pack(">H", len(s) + 2) + s for m, s in segments)
    return b"\xff\xd8" + body + b"\xff\xda\x00\x02" + b"Mon\xffica pixels" + b"\xff\xd9"


_XMP = (
    b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
    b'<rdf:RDF xmlns:rdf="r" xmlns:dc="d"><rdf:Description><dc:creator><rdf:Seq><rdf:li>NAME'
    b'</rdf:li></rdf:Seq></dc:creator></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
)


def _exif_jpeg(entries: list[tuple[int, int, bytes]], big_endian: bool = False) -> bytes:
    return _jpeg((0xE1, b"Exif\0\0" + _exif(entries, big_endian)))


def _utf16(n: bytes) -> bytes:
    return (n + b"\0").decode().encode("utf-16-le")


#: Each way a picture names its maker: the picture naming ``n``.
PICTURES: dict[str, tuple[str, Callable[[bytes], bytes]]] = {
    "png text": ("image1.png", lambda n: _png(_chunk(b"tEXt", b"Author\0" + n))),
    "png compressed text": (
        "image1.png",
        lambda n: _png(_chunk(b"zTXt", b"Comment\0\0" + zlib.compress(b"Photo by " + n))),
    ),
    "png international text": (
        "image1.png",
        lambda n: _png(_chunk(b"iTXt", b"Author\0\0\0en\0\0" + n)),
    ),
    "png exif": ("image1.png", lambda n: _png(_chunk(b"eXIf", _exif([(0x013B, 2, n + b"\0")])))),
    "jpeg comment": ("image2.jpeg", lambda n: _jpeg((0xFE, b"Taken by " + n))),
    "jpeg exif artist": ("image2.jpg", lambda n: _exif_jpeg([(0x013B, 2, n + b"\0")])),
    "jpeg exif big-endian": (
        "image2.jpg",
        lambda n: _exif_jpeg([(0x8298, 2, b"(c) " + n + b"\0")], big_endian=True),
    ),
    "jpeg windows author": ("image2.jpg", lambda n: _exif_jpeg([(0x9C9D, 1, _utf16(n))])),
    "jpeg user comment": (
        "image2.jpg",
        lambda n: _exif_jpeg([(0x9286, 7, b"ASCII\0\0\0With " + n)]),
    ),
    "jpeg xmp": (
        "image2.jpg",
        lambda n: _jpeg((0xE1, b"http://ns.adobe.com/xap/1.0/\0" + _XMP.replace(b"NAME", n))),
    ),
}


@pytest.mark.parametrize("way", sorted(PICTURES))
def test_what_a_picture_says_about_itself_is_read(
    cli: Any, folder: Path, tmp_path: Path, way: str
) -> None:
    file, picture = PICTURES[way]
    member = f"word/media/{file}"

    def docx(path: Path, name: bytes) -> Path:
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("word/document.xml", "<document><p>Report</p></document>")
            archive.writestr(member, picture(name))
        return path

    planted = docx(tmp_path / "report.docx", b"Monica Haugen")
    found = cli("check-names", str(planted))
    assert found.exit_code == 2, (found.stdout, found.stderr)
    (place,) = [line for line in found.stdout.splitlines() if line]
    assert place.startswith(f"{planted}:{member}:"), place
    assert "'Monica Haugen': a person" in place, place
    clean = docx(tmp_path / "clean.docx", b"Ana Smith")
    result = cli("check-names", str(clean))
    assert result.exit_code == 0, (result.stdout, result.stderr)


@given(
    st.sampled_from([b"\x89PNG\r\n\x1a\n", b"\xff\xd8", b"II*\x00", b"MM\x00*", b""]),
    st.binary(max_size=300),
)
@settings(max_examples=300, deadline=None)
def test_any_bytes_as_a_picture_are_read_without_failing(start: bytes, rest: bytes) -> None:
    from reflect_cli.render.export import picture_text

    assert isinstance(picture_text.lines(start + rest), list)
