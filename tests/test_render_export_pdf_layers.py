"""Text a PDF holds but a viewer does not show is read by `check-names`: drawn
invisibly (text render mode 3, as an OCR layer is), white, transparent, clipped away,
too small to see, squeezed to no width, outside the page, or on a layer hidden when the
file opens (its
catalog kept as written or inside a compressed object stream, as a PDF 1.5 keeps it).

Every PDF here is built by hand in the test (offsets computed), so it holds exactly what
the test put there."""

from __future__ import annotations

import shutil
import zlib
from pathlib import Path
from typing import Any

import pytest

from conftest import make_session
from conftest import places as _places

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils is not installed"
)

PEOPLE = ["Monica Haugen | Seattle Parks and Recreation | Site lead"]


@pytest.fixture
def folder(sessions_dir: Path) -> Path:
    make_session(sessions_dir, "partnership-reflection", people=PEOPLE)
    return sessions_dir


def _pdf(objects: list[str], packed: frozenset[int] = frozenset()) -> bytes:
    """A PDF of ``objects`` (object 1 the catalog, 6 a layer); those numbered in
    ``packed`` kept in a compressed object stream, with a cross-reference stream (PDF
    1.5), else a cross-reference table."""
    body = b"%PDF-1.5\n"
    offsets: dict[int, int] = {}
    for number, text in enumerate(objects, start=1):
        if number not in packed:
            offsets[number] = len(body)
            body += f"{number} 0 obj\n{text}\nendobj\n".encode("latin-1")
    if not packed:
        xref = len(body)
        body += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
        body += "".join(f"{offsets[n]:010d} 00000 n \n" for n in sorted(offsets)).encode()
        trailer = f"<< /Size {len(objects) + 1} /Root 1 0 R >>"
        return body + f"trailer\n{trailer}\nstartxref\n{xref}\n%%EOF\n".encode()
    stream_number, xref_number = len(objects) + 1, len(objects) + 2
    inside = [(n, objects[n - 1]) for n in sorted(packed)]
    header, content = "", ""
    for number, text in inside:
        header += f"{number} {len(content)} "
        content += text + "\n"
    packed_bytes = zlib.compress(f"{header}\n{content}".encode("latin-1"))
    offsets[stream_number] = len(body)
    body += (
        (
            f"{stream_number} 0 obj\n<< /Type /ObjStm /N {len(inside)} /First {len(header) + 1}"
            f" /Filter /FlateDecode /Length {len(packed_bytes)} >>\nstream\n"
        ).encode()
        + packed_bytes
        + b"\nendstream\nendobj\n"
    )
    offsets[xref_number] = len(body)
    rows = b"\x00" + (0).to_bytes(4, "big") + (65535).to_bytes(2, "big")
    for number in range(1, xref_number + 1):
        if number in packed:
            index = [n for n, _text in inside].index(number)
            rows += b"\x02" + stream_number.to_bytes(4, "big") + index.to_bytes(2, "big")
        else:
            rows += b"\x01" + offsets[number].to_bytes(4, "big") + b"\x00\x00"
    body += (
        (
            f"{xref_number} 0 obj\n<< /Type /XRef /Size {xref_number + 1} /Root 1 0 R"
            f" /W [1 4 2] /Length {len(rows)} >>\nstream\n"
        ).encode()
        + rows
        + b"\nendstream\nendobj\n"
    )
    return body + f"startxref\n{offsets[xref_number]}\n%%EOF\n".encode()


def _page(drawn: str, resources: str = "", catalog: str = "", packed: bool = False) -> bytes:
    """A one-page PDF that says "Quarterly report" and draws ``drawn``."""
    content = f"BT /F1 12 Tf 72 720 Td (Quarterly report) Tj ET {drawn}"
    return _pdf(
        [
            f"<< /Type /Catalog /Pages 2 0 R {catalog} >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
            f" /Resources << /Font << /F1 5 0 R >> {resources} >> >>",
            f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            "<< /Type /OCG /Name (Notes) >>",
        ],
        frozenset({1, 6}) if packed else frozenset(),
    )


_HIDDEN_LAYER: dict[str, Any] = {
    "catalog": "/OCProperties << /OCGs [6 0 R] /D << /OFF [6 0 R] >> >>",
    "resources": "/Properties << /L1 6 0 R >>",
}
#: Each way to hold text no one sees: what the page draws, and its page's other parts.
HIDDEN: dict[str, tuple[str, dict[str, Any]]] = {
    "invisible (an OCR layer)": ("BT /F1 12 Tf 3 Tr 72 700 Td (NAME) Tj ET", {}),
    "white": ("1 1 1 rg BT /F1 12 Tf 72 700 Td (NAME) Tj ET", {}),
    "transparent": (
        "/GS1 gs BT /F1 12 Tf 72 700 Td (NAME) Tj ET",
        {"resources": "/ExtGState << /GS1 << /ca 0 /CA 0 >> >>"},
    ),
    "clipped away": ("q 0 0 1 1 re W n BT /F1 12 Tf 72 700 Td (NAME) Tj ET Q", {}),
    "too small to see": ("BT /F1 0.01 Tf 72 700 Td (NAME) Tj ET", {}),
    "above the page": ("BT /F1 12 Tf 72 5000 Td (NAME) Tj ET", {}),
    "left of the page": ("BT /F1 12 Tf -900 700 Td (NAME) Tj ET", {}),
    "far off the page": ("BT /F1 12 Tf 72 -90000000 Td (NAME) Tj ET", {}),
    "squeezed to no width": ("BT /F1 12 Tf 1 Tz 72 700 Td (NAME) Tj ET", {}),
    "on a hidden layer": ("/OC /L1 BDC BT /F1 12 Tf 72 700 Td (NAME) Tj ET EMC", _HIDDEN_LAYER),
    "on a hidden layer, the catalog compressed": (
        "/OC /L1 BDC BT /F1 12 Tf 72 700 Td (NAME) Tj ET EMC",
        {**_HIDDEN_LAYER, "packed": True},
    ),
}


@pytest.mark.parametrize("way", sorted(HIDDEN))
def test_text_no_one_sees_is_read(cli: Any, folder: Path, tmp_path: Path, way: str) -> None:
    drawn, given = HIDDEN[way]
    planted = tmp_path / "planted.pdf"
    planted.write_bytes(_page(drawn.replace("NAME", "Thanks to Monica Haugen"), **given))
    found = cli("check-names", str(planted))
    assert found.exit_code == 2, (found.stdout, found.stderr)
    places = _places(found)
    assert len(places) == 1, places
    assert places[0].startswith(f"{planted}:"), places
    assert "Haugen" in places[0] and "': a person" in places[0], places
    # on a page, not beside it (letters drawn over one another: the text as stored)
    field = ":PDF text as stored: " if "squeezed" in way else None
    assert (field in places[0]) if field else (":PDF " not in places[0]), places
    clean = tmp_path / "clean.pdf"
    clean.write_bytes(_page(drawn.replace("NAME", "Thanks to Ana Smith"), **given))
    result = cli("check-names", str(clean))
    assert result.exit_code == 0, (result.stdout, result.stderr)


def test_a_page_as_shown_reads_as_before(cli: Any, folder: Path, tmp_path: Path) -> None:
    """A layer shown when the file opens and a visible name: read once, on its line."""
    shown_layer = "/OCProperties << /OCGs [6 0 R] /D << /ON [6 0 R] >> >>"
    planted = tmp_path / "planted.pdf"
    planted.write_bytes(
        _page(
            "/OC /L1 BDC BT /F1 12 Tf 72 700 Td (Monica Haugen) Tj ET EMC",
            resources=_HIDDEN_LAYER["resources"],
            catalog=shown_layer,
        )
    )
    found = cli("check-names", str(planted))
    assert found.exit_code == 2
    (place,) = _places(found)
    assert place.startswith(f"{planted}:2: 'Monica Haugen'"), place
