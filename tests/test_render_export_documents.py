"""What `check-names` reads that a quick reader would miss: a name split by inline HTML
tags inside a word, a PDF's form field values and its comments' rich text, and an
encrypted PDF, which is refused in one line rather than passed as clean unread.

Every PDF here is built by hand in the test (offsets computed; an encrypted one with the
standard security handler's RC4, as a PDF writer makes it), so it holds exactly what the
test put there."""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
import zlib
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from conftest import make_session, planted
from conftest import places as _places

POPPLER = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdfdetach") is None,
    reason="poppler-utils is not installed",
)

PEOPLE = [
    "Grace Kim | Kent Youth and Family Services | Counselor",
    "Nguyễn Thị Lan | Rainier Beach Youth Council | Youth member",
    "Monica Haugen | Seattle Parks and Recreation | Site lead",
]


@pytest.fixture
def folder(sessions_dir: Path) -> Path:
    make_session(sessions_dir, "partnership-reflection", people=PEOPLE)
    return sessions_dir


# -- HTML: inline tags inside a word -------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("Gr<b>ace</b> Kim", "Grace Kim"),
        ("Nguy<span>ễn</span> Thị Lan", "Nguyễn Thị Lan"),
        ('Mon<span class="x" title="note">ica</span> Haugen', "Monica Haugen"),
        ("<i>Mo</i><em>ni</em><strong>ca</strong> Hau<a href='#'>gen</a>", "Monica Haugen"),
        ("G<b>r<i>a</i>c</b>e Kim", "Grace Kim"),
    ],
)
def test_a_name_split_by_inline_tags_is_found_whole(
    cli: Any, folder: Path, tmp_path: Path, typed: str, shown: str
) -> None:
    page = tmp_path / "page.html"
    page.write_text(f"<p>Notes</p>\n<p>Thanks to {typed} today.</p>\n", encoding="utf-8")
    found = cli("check-names", str(page))
    assert found.exit_code == 2, found.stdout + found.stderr
    places = _places(found)
    assert any(p.startswith(f"{page}:2: '{shown}'") for p in places), places


def test_block_tags_still_part_words(cli: Any, folder: Path, tmp_path: Path) -> None:
    """A paragraph or cell boundary is a break a reader sees: "Gr</p><p>ace" is two words,
    and an attribute's value is still read (beside the text, not inside a word)."""
    page = tmp_path / "page.html"
    page.write_text(
        '<table><tr><td>Gr</td><td>ace</td></tr></table>\n<p>ok<span title="Monica Haugen">'
        "</span>ay</p>\n",
        encoding="utf-8",
    )
    found = cli("check-names", str(page))
    places = _places(found)
    assert not any("'Grace" in p for p in places), places
    assert any(p.startswith(f"{page}:2: 'Monica Haugen'") for p in places), places
    from reflect_cli.render.export import PLAIN

    assert "okay" in PLAIN["html"]('<p>ok<span title="x">ay</span></p>')
    assert "Gr ace" in " ".join(PLAIN["html"]("<td>Gr</td><td>ace</td>").split())


# -- PDF: form fields and rich text --------------------------------------------------


def _pdf(objects: list[bytes], trailer: bytes = b"") -> bytes:
    """A PDF of ``objects`` (object 1 the catalog), offsets computed."""
    body = b"%PDF-1.4\n"
    offsets = []
    for number, text in enumerate(objects, start=1):
        offsets.append(len(body))
        body += b"%d 0 obj\n%s\nendobj\n" % (number, text)
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    body += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    body += b"trailer\n<< /Size %d /Root 1 0 R %s >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        trailer,
        xref,
    )
    return body


def _hex(text: str) -> bytes:
    """A PDF text string in UTF-16 with its byte-order mark, as hexadecimal."""
    return b"<" + (b"\xfe\xff" + text.encode("utf-16-be")).hex().encode() + b">"


_PAGE = b"BT /F1 12 Tf 72 720 Td (Quarterly report) Tj ET"


def _page_objects(annotations: bytes, catalog_extra: bytes = b"") -> list[bytes]:
    """The catalog, the page tree, one page saying "Quarterly report", its font."""
    return [
        b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> /Annots [" + annotations + b"] >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(_PAGE), _PAGE),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]


def _form(value: bytes, choices: bytes = b"[(Yes) (No)]", tooltip: bytes = b"(Who led)") -> bytes:
    """A one-page PDF with a filled-in form: a text field holding ``value`` and a list of
    ``choices``."""
    objects = _page_objects(b"6 0 R 7 0 R", b"/AcroForm << /Fields [6 0 R 7 0 R] >>")
    objects.append(
        b"<< /Type /Annot /Subtype /Widget /FT /Tx /T (led_by) /TU "
        + tooltip
        + b" /V "
        + value
        + b" /Rect [72 600 300 620] /P 3 0 R >>"
    )
    objects.append(
        b"<< /Type /Annot /Subtype /Widget /FT /Ch /T (agreed) /Opt "
        + choices
        + b" /V (Yes) /Rect [72 560 300 580] /P 3 0 R >>"
    )
    return _pdf(objects)


@POPPLER
@pytest.mark.parametrize(
    ("value", "choices", "tooltip", "name"),
    [
        (b"(Monica Haugen)", b"[(Yes) (No)]", b"(Who led)", "Monica Haugen"),
        (_hex("Nguyễn Thị Lan"), b"[(Yes) (No)]", b"(Who led)", "Nguyễn Thị Lan"),
        (b"[(Grace Kim) (Ana)]", b"[(Yes) (No)]", b"(Who led)", "Grace Kim"),  # several
        (b"(Jordan)", b"[[(gk) (Grace Kim)] (No)]", b"(Who led)", "Grace Kim"),  # a choice
        (b"(Jordan)", b"[(Yes) (No)]", b"(Ask Monica Haugen)", "Monica Haugen"),  # tooltip
    ],
)
def test_a_pdfs_form_field_values_are_read(
    cli: Any, folder: Path, tmp_path: Path, value: bytes, choices: bytes, tooltip: bytes, name: str
) -> None:
    clean = tmp_path / "clean.pdf"
    clean.write_bytes(_form(b"(Jordan)"))
    assert cli("check-names", str(clean)).exit_code == 0
    filled = tmp_path / "filled.pdf"
    filled.write_bytes(_form(value, choices, tooltip))
    found = cli("check-names", str(filled))
    assert found.exit_code == 2, found.stdout + found.stderr
    places = _places(found)
    assert any(p.startswith(f"{filled}:PDF form field: '{name}'") for p in places), places


def _commented(rich: bytes, stream: bytes | None = None) -> bytes:
    """A one-page PDF with a comment whose plain text names no one and whose rich text
    (``/RC``, XHTML) is ``rich``, or a reference to object 7, a stream of ``stream``."""
    objects = _page_objects(b"6 0 R")
    objects.append(
        b"<< /Type /Annot /Subtype /FreeText /Rect [72 600 300 620] /Contents (See the note)"
        b" /RC " + rich + b" /DA (/Helv 12 Tf) >>"
    )
    if stream is not None:
        packed = zlib.compress(stream)
        objects.append(
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(packed), packed)
        )
    return _pdf(objects)


_XHTML = (
    b'<?xml version="1.0"?><body xmlns="http://www.w3.org/1999/xhtml"'
    b' xmlns:xfa="http://www.xfa.org/schema/xfa-data/1.0/"><p>Ask %s</p></body>'
)


@POPPLER
@pytest.mark.parametrize(
    ("rich", "stream", "name"),
    [
        (b"(" + _XHTML % b"Monica Haugen" + b")", None, "Monica Haugen"),
        (
            b"(" + _XHTML % b'Gr<span style="font-weight:bold">ace</span> Kim' + b")",
            None,
            "Grace Kim",
        ),
        (_hex((_XHTML % "Nguyễn Thị Lan".encode()).decode()), None, "Nguyễn Thị Lan"),
        (b"7 0 R", _XHTML % b"Mon<b>ica</b> Haugen", "Monica Haugen"),  # a text stream
    ],
)
def test_a_pdf_comments_rich_text_is_read(
    cli: Any, folder: Path, tmp_path: Path, rich: bytes, stream: bytes | None, name: str
) -> None:
    clean = tmp_path / "clean.pdf"
    clean.write_bytes(_commented(b"(" + _XHTML % b"Check the <b>grant</b>" + b")"))
    assert cli("check-names", str(clean)).exit_code == 0
    commented = tmp_path / "commented.pdf"
    commented.write_bytes(_commented(rich, stream))
    found = cli("check-names", str(commented))
    assert found.exit_code == 2, found.stdout + found.stderr
    places = _places(found)
    assert any(p.startswith(f"{commented}:PDF annotation: '{name}'") for p in places), places


# -- PDF: encrypted ------------------------------------------------------------------

#: The standard security handler's padding (PDF 32000-1, 7.6.3.3).
_PADDING = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def _rc4(key: bytes, data: bytes) -> bytes:
    box = list(range(256))
    j = 0
    for i in range(256):
        j = (j + box[i] + key[i % len(key)]) % 256
        box[i], box[j] = box[j], box[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + box[i]) % 256
        box[i], box[j] = box[j], box[i]
        out.append(byte ^ box[(box[i] + box[j]) % 256])
    return bytes(out)


def _encrypted(annotation: str, user_password: bytes = b"", key_name: bytes = b"/Encrypt") -> bytes:
    """A one-page PDF saying "Quarterly report", with a comment, encrypted (RC4, 40-bit,
    revision 2) as a viewer opens without asking when ``user_password`` is empty."""
    file_id = b"reflect-test-id!"
    padded = (user_password + _PADDING)[:32]
    owner = _rc4(hashlib.md5(b"owner" + _PADDING[:27]).digest()[:5], padded)
    permissions = -4
    key = hashlib.md5(
        padded + owner + permissions.to_bytes(4, "little", signed=True) + file_id
    ).digest()[:5]

    def sealed(number: int, data: bytes) -> bytes:
        object_key = hashlib.md5(key + number.to_bytes(3, "little") + b"\0\0").digest()[:10]
        return _rc4(object_key, data)

    page = sealed(4, _PAGE)
    comment = sealed(6, annotation.encode("latin-1"))
    objects = [
        *_page_objects(b"6 0 R")[:3],
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(page), page),
        _page_objects(b"")[4],
        b"<< /Type /Annot /Subtype /Text /Rect [100 100 120 120] /Contents <"
        + comment.hex().encode()
        + b"> >>",
        b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P %d >>"
        % (owner.hex().encode(), _rc4(key, _PADDING).hex().encode(), permissions),
    ]
    trailer = b"%s 7 0 R /ID [<%s> <%s>]" % (
        key_name,
        file_id.hex().encode(),
        file_id.hex().encode(),
    )
    return _pdf(objects, trailer)


REFUSED = (
    "reflect: {path}: an encrypted PDF: its comments and form fields cannot be read, so it "
    "cannot be checked; check a copy saved without encryption\n"
)


@POPPLER
@pytest.mark.parametrize("password", [b"", b"secret"])
@pytest.mark.parametrize("key_name", [b"/Encrypt", b"/Encr#79pt"])  # a name's #xx escape
def test_an_encrypted_pdf_is_refused_in_one_line(
    cli: Any, folder: Path, tmp_path: Path, password: bytes, key_name: bytes
) -> None:
    """Poppler shows an encrypted PDF's pages, but its comments and form fields cannot be
    read from its bytes: it is refused, never reported clean."""
    locked = tmp_path / "locked.pdf"
    locked.write_bytes(_encrypted("Ask Monica Haugen", password, key_name))
    found = cli("check-names", str(locked))
    assert found.exit_code == 2
    assert found.stdout == ""
    assert found.stderr == REFUSED.format(path=locked)


@POPPLER
@pytest.mark.parametrize("password", [b"", b"secret"])
def test_poppler_alone_refuses_an_encrypted_pdf(
    cli: Any, folder: Path, tmp_path: Path, password: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the file's bytes do not say so (a spelling not foreseen), poppler's word that
    it is encrypted (pdfinfo, or a password asked for) refuses it just the same."""
    from reflect_cli.render.export import pdf_parts

    monkeypatch.setattr(pdf_parts, "encrypted", lambda data: False)
    monkeypatch.setattr("reflect_cli.render.export.pdf_text.encrypted", lambda data: False)
    locked = tmp_path / "locked.pdf"
    locked.write_bytes(_encrypted("Ask Monica Haugen", password))
    found = cli("check-names", str(locked))
    assert found.exit_code == 2 and found.stdout == ""
    assert found.stderr == REFUSED.format(path=locked)


@POPPLER
def test_an_encrypted_pdf_built_here_is_one_poppler_reads(tmp_path: Path) -> None:
    """The test's encrypted PDF is a real one: poppler decrypts its page, and its comment
    is not readable as written (so only refusing keeps it from passing as clean)."""
    import subprocess

    from reflect_cli.render.export.pdf_parts import shown_strings

    locked = tmp_path / "locked.pdf"
    locked.write_bytes(_encrypted("Ask Monica Haugen"))
    shown = subprocess.run(
        ["pdftotext", str(locked), "-"], capture_output=True, check=True, text=True
    ).stdout
    assert "Quarterly report" in shown
    info = subprocess.run(["pdfinfo", str(locked)], capture_output=True, check=True, text=True)
    assert re.search(r"^Encrypted: +yes", info.stdout, re.MULTILINE)
    assert not any("Monica" in text for _field, text in shown_strings(locked.read_bytes()))


@POPPLER
def test_an_encrypted_pdf_attached_to_a_pdf_is_refused(
    cli: Any, folder: Path, tmp_path: Path
) -> None:
    # Compressed, as PDF writers store attachments: the outer file's bytes do not say it.
    locked = zlib.compress(_encrypted("Ask Monica Haugen"))
    objects = _page_objects(b"", b"/Names << /EmbeddedFiles << /Names [(inner.pdf) 6 0 R] >> >>")
    objects.append(b"<< /Type /Filespec /F (inner.pdf) /EF << /F 7 0 R >> >>")
    objects.append(
        b"<< /Type /EmbeddedFile /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream"
        % (len(locked), locked)
    )
    outer = tmp_path / "outer.pdf"
    outer.write_bytes(_pdf(objects))
    found = cli("check-names", str(outer))
    assert found.exit_code == 2 and found.stdout == ""
    (line,) = found.stderr.splitlines()
    assert line.startswith(f"reflect: {outer}:PDF attachment inner.pdf: an encrypted PDF: ")


def test_markdowns_inline_html_joins_a_name_too(cli: Any, folder: Path, tmp_path: Path) -> None:
    """A Markdown viewer draws inline HTML: "Gr<b>ace</b>" reads "Grace"; after a
    backslash the tag is shown as typed and parts nothing."""
    note = tmp_path / "note.md"
    note.write_text("# Notes\nThanks to Gr<b>ace</b> Kim.\n", encoding="utf-8")
    found = cli("check-names", str(note))
    assert found.exit_code == 2 and f"{note}:2: 'Grace Kim'" in found.stdout, found.stdout
    escaped = tmp_path / "escaped.md"
    escaped.write_text("# Notes\nThe tag Gr\\<b>ace\\</b> here.\n", encoding="utf-8")
    assert "Grace" not in cli("check-names", str(escaped)).stdout


@pytest.mark.parametrize("key_name", [b"/Encrypt", b"/Encr#79pt", b"/#45ncrypt"])
def test_an_encrypted_pdf_is_known_by_its_bytes(key_name: bytes) -> None:
    """Before poppler is asked (it may want a password): the trailer's /Encrypt, however
    its name is spelled."""
    from reflect_cli.render.export.pdf_parts import encrypted

    assert encrypted(_encrypted("Ask Monica Haugen", key_name=key_name))
    assert not encrypted(_form(b"(Jordan)"))
    assert not encrypted(_commented(b"(" + _XHTML % b"Check the <b>grant</b>" + b")"))


def _xfa(data: bytes) -> bytes:
    """A one-page PDF with an XFA form whose data packet (compressed, as written) is
    ``data``."""
    packet = zlib.compress(
        b'<xfa:datasets xmlns:xfa="http://www.xfa.org/schema/xfa-data/1.0/"><xfa:data>'
        + data
        + b"</xfa:data></xfa:datasets>"
    )
    template = (
        b'<template xmlns="http://www.xfa.org/schema/xfa-template/3.3/">'
        b'<field name="led_by"/></template>'
    )
    objects = _page_objects(
        b"", b"/AcroForm << /Fields [] /XFA [(template) 6 0 R (datasets) 7 0 R] >>"
    )
    objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(template), template))
    objects.append(
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(packet), packet)
    )
    return _pdf(objects)


@POPPLER
@pytest.mark.parametrize(
    ("document", "field", "name"),
    [
        (_xfa(b"<form><led_by>Monica Haugen</led_by></form>"), "PDF form field", "Monica Haugen"),
        (
            _pdf(
                [*_page_objects(b"6 0 R"), b"<< /Type /Annot /Subtype /Widget /#56 (Grace Kim) >>"]
            ),
            "PDF form field",
            "Grace Kim",
        ),  # /V spelled with a #xx escape
        (
            _pdf(
                [
                    *_page_objects(b"", b"/StructTreeRoot 6 0 R"),
                    b"<< /Type /StructElem /S /Figure /Alt (Photo of Monica Haugen) >>",
                ]
            ),
            "PDF alternate text",
            "Monica Haugen",
        ),
    ],
    ids=["xfa data", "escaped key", "alternate text"],
)
def test_what_else_a_pdf_shows_is_read(
    cli: Any, folder: Path, tmp_path: Path, document: bytes, field: str, name: str
) -> None:
    clean = tmp_path / "clean.pdf"
    clean.write_bytes(_xfa(b"<form><led_by>Jordan</led_by></form>"))
    assert cli("check-names", str(clean)).exit_code == 0
    planted = tmp_path / "planted.pdf"
    planted.write_bytes(document)
    found = cli("check-names", str(planted))
    assert found.exit_code == 2, found.stdout + found.stderr
    places = _places(found)
    assert any(p.startswith(f"{planted}:{field}: '{name}'") for p in places), places


# -- PDF: link addresses and metadata -------------------------------------------------


def _linked(action: bytes) -> bytes:
    """A one-page PDF whose page has one link annotation doing ``action``."""
    return _pdf(
        [
            *_page_objects(b"6 0 R"),
            b"<< /Type /Annot /Subtype /Link /Rect [72 600 300 620] /A " + action + b" >>",
        ]
    )


def _described(info: bytes, xmp: bytes = b"", compressed: bool = False) -> bytes:
    """A one-page PDF with the document information ``info`` and, when given, the XMP
    packet ``xmp`` as its metadata stream (compressed or as written)."""
    objects = _page_objects(b"", b"/Metadata 7 0 R" if xmp else b"")
    objects.append(b"<< " + info + b" >>")
    if xmp:
        packet = zlib.compress(xmp) if compressed else xmp
        kept = b" /Filter /FlateDecode" if compressed else b""
        objects.append(
            b"<< /Type /Metadata /Subtype /XML /Length %d%s >>\nstream\n%s\nendstream"
            % (len(packet), kept, packet)
        )
    return _pdf(objects, b"/Info 6 0 R")


def _xmp(inner: bytes) -> bytes:
    return (
        b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>\n<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        b'<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">\n'
        + inner
        + b'\n</rdf:Description></rdf:RDF></x:xmpmeta>\n<?xpacket end="w"?>'
    )


@POPPLER
@pytest.mark.parametrize(
    ("document", "field", "name"),
    [
        (
            _linked(b"<< /S /URI /URI (https://example.org/people/monica-haugen) >>"),
            "PDF link",
            "monica-haugen",
        ),  # as Chromium prints <a href="…/monica-haugen">our partner page</a>
        (_linked(b"<< /S /URI /URI (mailto:Grace%20Kim) >>"), "PDF link", "Grace Kim"),
        (
            _linked(b"<< /S /Launch /F (Monica Haugen notes.docx) >>"),
            "PDF file link",
            "Monica Haugen",
        ),
        (
            _linked(b"<< /S /GoToR /F << /Type /Filespec /UF (grace-kim.pdf) >> /D [0 /Fit] >>"),
            "PDF file link",
            "grace-kim",
        ),
        (_described(b"/Producer (Monica Haugen)"), "PDF Producer", "Monica Haugen"),
        (_described(b"/Company (Monica Haugen)"), "PDF Company", "Monica Haugen"),
        (_described(b"/Monica#20Haugen (yes)"), "PDF metadata", "Monica Haugen"),  # a key
        (
            _described(
                b"/Title (Report)",
                _xmp(b"<dc:creator><rdf:Seq><rdf:li>Grace Kim</rdf:li></rdf:Seq></dc:creator>"),
            ),
            "PDF XMP metadata",
            "Grace Kim",
        ),
        (
            _described(
                b"/Title (Report)", _xmp(b"<pdf:Keywords>Monica Haugen</pdf:Keywords>"), True
            ),
            "PDF XMP metadata",
            "Monica Haugen",
        ),
        (
            _pdf(
                [
                    *_page_objects(b""),
                    b"<< /Type /Metadata /Subtype /XML /Length %d >>\nstream\n%s\nendstream"
                    % (len(x := _xmp(b'<rdf:li xmp:Label="Grace Kim"/>')), x),
                ]
            ),
            "PDF XMP metadata",
            "Grace Kim",
        ),  # a packet not the document's (an image's): in an attribute value
    ],
    ids=[
        "link",
        "percent-encoded link",
        "launch",
        "go to another PDF",
        "producer",
        "a writer's own key",
        "a key's name",
        "xmp creator",
        "compressed xmp",
        "an image's xmp",
    ],
)
def test_a_pdfs_links_and_metadata_are_read(
    cli: Any, folder: Path, tmp_path: Path, document: bytes, field: str, name: str
) -> None:
    clean = tmp_path / "clean.pdf"
    clean.write_bytes(
        _described(
            b"/Producer (Skia/PDF) /Company (Parks)", _xmp(b"<dc:creator>Jordan</dc:creator>")
        )
    )
    assert cli("check-names", str(clean)).exit_code == 0
    linked = tmp_path / "linked.pdf"
    linked.write_bytes(_linked(b"<< /S /URI /URI (https://example.org/people/jordan) >>"))
    assert cli("check-names", str(linked)).exit_code == 0
    planted = tmp_path / "planted.pdf"
    planted.write_bytes(document)
    found = cli("check-names", str(planted))
    assert found.exit_code == 2, found.stdout + found.stderr
    places = _places(found)
    assert any(p.startswith(f"{planted}:{field}: '{name}'") for p in places), places


# -- HTML: what a style sheet draws, data: addresses, hidden text, ruby ---------------

_SVG = '<svg xmlns="http://www.w3.org/2000/svg"><text x="4" y="20">Grace Kim</text></svg>'
_B64 = base64.b64encode(_SVG.encode()).decode()


@pytest.mark.parametrize(
    ("suffix", "typed", "shown"),
    [
        (
            ".html",
            "<style>\np.lead::after { content: 'Monica Haugen'; }\n</style>",
            "Monica Haugen",
        ),
        (
            ".html",
            '<style type="text/css">p::before{content:"\\4D onica Haugen"}</style>',
            "Monica Haugen",
        ),
        (".html", '<style>p::before{content:"Mon" "ica Haugen"}</style>', "Monica Haugen"),
        (".html", "<p style='content:\"Monica Haugen\"'>Notes</p>", "Monica Haugen"),
        (".html", f'<img alt="" src="data:image/svg+xml;base64,{_B64}">', "Grace Kim"),
        (".html", f'<img src="data:image/svg+xml,{quote(_SVG)}">', "Grace Kim"),
        (".html", "<a href='data:text/html,%3Cb%3EGrace%3C/b%3E%20Kim'>open</a>", "Grace Kim"),
        (
            ".html",
            f"<style>div{{background:url(data:image/svg+xml;base64,{_B64})}}</style>",
            "Grace Kim",
        ),
        (".md", f"![chart](data:image/svg+xml;base64,{_B64})", "Grace Kim"),
        (".md", "[notes](data:text/plain;charset=utf-8,Grace%20Kim)", "Grace Kim"),
        (".html", 'Haug<span style="display:none">x</span>en', "Haugen"),
        (".html", "Haug<span hidden>x</span>en", "Haugen"),
        (".html", "Haug<span style='font-size:0px'>x</span>en", "Haugen"),
        (".html", "Haug<span style='opacity: 0;'>x</span>en", "Haugen"),
        (".html", '<svg><text>Haug<tspan display="none">x</tspan>en</text></svg>', "Haugen"),
        (".html", "<style>.n{visibility: hidden}</style>Haug<i class='a n'>x</i>en", "Haugen"),
        (".html", "Haug<span hidden>Grace Kim</span>en", "Grace Kim"),  # hidden, read too
        (".html", "Haug<ruby>en</ruby> Monica", "Haugen"),
        (".html", "<ruby>Monica<rt>mo</rt></ruby> Haugen", "Monica Haugen"),
    ],
    ids=[
        "style content",
        "escaped style content",
        "style content in parts",
        "style attribute",
        "base64 svg",
        "percent-encoded svg",
        "html link",
        "style sheet url",
        "markdown image",
        "markdown text link",
        "display none",
        "hidden attribute",
        "no size",
        "no opacity",
        "svg display attribute",
        "class hidden",
        "hidden text",
        "ruby",
        "ruby annotation",
    ],
)
def test_what_a_page_draws_or_holds_is_read(
    cli: Any, folder: Path, tmp_path: Path, suffix: str, typed: str, shown: str
) -> None:
    page, places = planted(cli, tmp_path, f"page{suffix}", typed)
    assert any(p.startswith(f"{page}:2: '{shown}'") for p in places), places


def test_a_page_drawing_and_holding_no_name_is_clean(
    cli: Any, folder: Path, tmp_path: Path
) -> None:
    svg = _SVG.replace("Grace Kim", "Jordan Lee")
    page = tmp_path / "page.html"
    page.write_text(
        "<style>p::after{content:'Jordan'} .n{display:none}</style>\n"
        f'<img src="data:image/svg+xml;base64,{base64.b64encode(svg.encode()).decode()}">\n'
        f'<img src="data:image/png;base64,iVBORw0KGgo=">Haug<span class="n">x</span>y\n'
        "<ruby>Jor<rt>jo</rt></ruby>dan\n",
        encoding="utf-8",
    )
    result = cli("check-names", str(page))
    assert result.exit_code == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    "address",
    ["data:application/pdf;base64,JVBERi0xLjQK", "data:application/octet-stream,Grace", "data:,x"],
)
def test_a_data_address_that_cannot_be_read_is_refused(
    cli: Any, folder: Path, tmp_path: Path, address: str
) -> None:
    """A PDF or bytes of no stated kind inside a page cannot be read here: one line,
    exit 2, never clean (plain text, the kind of a data: address with none, is read)."""
    page = tmp_path / "page.html"
    page.write_text(f'<p>Notes</p>\n<a href="{address}">open</a>\n', encoding="utf-8")
    result = cli("check-names", str(page))
    if address == "data:,x":
        assert result.exit_code == 0, result.stdout + result.stderr
        return
    assert result.exit_code == 2 and result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"reflect: {page}: a data: address holding application/"), line
    from reflect_cli.render.export import PLAIN

    assert "Haugen" in PLAIN["html"]('Haug<span style="display:none">x</span>en')


def test_a_data_address_that_cannot_be_read_names_its_document(
    cli: Any, folder: Path, tmp_path: Path
) -> None:
    """In a zip file's member and in a PDF's comment, the refusal names where it is."""
    import zipfile

    page = '<p><a href="data:application/pdf;base64,JVBERi0xLjQK">open</a></p>'
    archive = tmp_path / "site.zip"
    with zipfile.ZipFile(archive, "w") as packed:
        packed.writestr("index.html", page)
    result = cli("check-names", str(archive))
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith(f"reflect: {archive}: index.html: a data: address"), (
        result.stderr
    )
    commented = tmp_path / "commented.pdf"
    commented.write_bytes(_commented(b"(<body><p>" + page.encode() + b"</p></body>)"))
    result = cli("check-names", str(commented))
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith(f"reflect: {commented}: a data: address"), result.stderr
