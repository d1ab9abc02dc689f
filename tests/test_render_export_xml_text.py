"""What `check-names` reads of an Office or OpenDocument file that its reader can still
recover though the page does not show it: tracked deletions, hidden text, comments,
headers and footers, footnotes, document properties, a picture's alternate text, a
slide's notes; and a name a comment, a text box or a footnote stands inside.

Every file here is written with ``zipfile`` in the test, its XML as the program that
makes it stores it, so it holds exactly what the test put there."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest

from conftest import make_session
from conftest import places as _places

PEOPLE = [
    "Monica Haugen | Seattle Parks and Recreation | Site lead",
    "Hope Diaz | Rainier Beach Youth Council | Youth member",
]


@pytest.fixture
def folder(sessions_dir: Path) -> Path:
    make_session(sessions_dir, "partnership-reflection", people=PEOPLE)
    return sessions_dir


def _zip(path: Path, members: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        for name, content in members.items():
            archive.writestr(name, content)
    return path


_W = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'
)


def _word(body: str) -> str:
    """A Word document whose body is ``body`` after a first paragraph."""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<w:document {_W}><w:body>'
        f"<w:p><w:r><w:t>Report</w:t></w:r></w:p>{body}</w:body></w:document>"
    )


def _part(root: str, body: str) -> str:
    return f'<?xml version="1.0"?><w:{root} {_W}>{body}</w:{root}>'


_PARAGRAPH = "<w:p><w:r><w:t>{}</w:t></w:r></w:p>"
_ODT = 'xmlns:office="urn:o" xmlns:text="urn:t" xmlns:dc="urn:dc" xmlns:meta="urn:m"'


def _odt(body: str) -> str:
    return (
        f'<?xml version="1.0"?><office:document-content {_ODT}><office:body><office:text>'
        f"{body}</office:text></office:body></office:document-content>"
    )


#: (file, member, its XML with NAME where a name goes, the name, where it is found).
PARTS = {
    "docx tracked deletion": (
        "report.docx",
        "word/document.xml",
        _word(
            '<w:p><w:r><w:t xml:space="preserve">Dear </w:t></w:r>'
            '<w:del w:id="1" w:author="Evaluator"><w:r><w:delText>NAME</w:delText></w:r>'
            '</w:del><w:ins w:id="2" w:author="Evaluator"><w:r><w:t>partner</w:t></w:r>'
            "</w:ins><w:r><w:t>, welcome.</w:t></w:r></w:p>"
        ),
        "Monica",
        "2 (before tracked changes)",
    ),
    "docx tracked deletion inside a word": (
        "report.docx",
        "word/document.xml",
        _word(
            "<w:p><w:r><w:t>Dear M</w:t></w:r><w:del w:id='1' w:author='Evaluator'><w:r>"
            "<w:delText>NAME</w:delText></w:r></w:del><w:ins w:id='2' w:author='Evaluator'>"
            "<w:r><w:t>.</w:t></w:r></w:ins><w:r><w:t>, welcome.</w:t></w:r></w:p>"
        ),
        "onica",
        "2",
    ),
    "docx tracked change author": (
        "report.docx",
        "word/document.xml",
        _word(
            "<w:p><w:ins w:id='2' w:author='NAME' w:date='2026-01-01T00:00:00Z'><w:r>"
            "<w:t>Agreed.</w:t></w:r></w:ins></w:p>"
        ),
        "Monica Haugen",
        "3",
    ),
    "docx hidden text": (
        "report.docx",
        "word/document.xml",
        _word(
            "<w:p><w:r><w:t>Dear </w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr>"
            "<w:t>NAME</w:t></w:r><w:r><w:t>partner</w:t></w:r></w:p>"
        ),
        "monica",
        "2 (hidden text)",
    ),
    "docx hidden text beside a name": (
        "report.docx",
        "word/document.xml",
        _word(
            "<w:p><w:r><w:t>Dear NAME</w:t></w:r><w:r><w:rPr><w:vanish w:val='true'/></w:rPr>"
            "<w:t>ly</w:t></w:r><w:r><w:t>, welcome.</w:t></w:r></w:p>"
        ),
        "Monica",
        "2 (as shown)",
    ),
    "docx white text beside a name": (
        "report.docx",
        "word/document.xml",
        _word(
            "<w:p><w:r><w:t>Dear NAME</w:t></w:r><w:r><w:rPr><w:color w:val='ffffff'/>"
            "</w:rPr><w:t>ly</w:t></w:r><w:r><w:t>, welcome.</w:t></w:r></w:p>"
        ),
        "Monica",
        "2 (as shown)",
    ),
    "docx tiny text beside a name": (
        "report.docx",
        "word/document.xml",
        _word(
            "<w:p><w:r><w:t>Dear NAME</w:t></w:r><w:r><w:rPr><w:sz w:val='2'/></w:rPr>"
            "<w:t>ly</w:t></w:r><w:r><w:t>, welcome.</w:t></w:r></w:p>"
        ),
        "Monica",
        "2 (as shown)",
    ),
    "docx comment": (
        "report.docx",
        "word/comments.xml",
        _part(
            "comments",
            "<w:comment w:id='0' w:author='Evaluator'>"
            + _PARAGRAPH.format("Ask NAME")
            + "</w:comment>",
        ),
        "Monica Haugen",
        "1",
    ),
    "docx comment author": (
        "report.docx",
        "word/comments.xml",
        _part(
            "comments",
            "<w:comment w:id='0' w:author='NAME' w:initials='MH'>"
            + _PARAGRAPH.format("Check this")
            + "</w:comment>",
        ),
        "Monica Haugen",
        "2",
    ),
    "docx header": (
        "report.docx",
        "word/header1.xml",
        _part("hdr", _PARAGRAPH.format("Prepared by NAME")),
        "Monica Haugen",
        "1",
    ),
    "docx footer": (
        "report.docx",
        "word/footer2.xml",
        _part("ftr", _PARAGRAPH.format("NAME, draft")),
        "Monica Haugen",
        "1",
    ),
    "docx footnote": (
        "report.docx",
        "word/footnotes.xml",
        _part(
            "footnotes",
            "<w:footnote w:id='1'>" + _PARAGRAPH.format("Told by NAME") + "</w:footnote>",
        ),
        "Monica Haugen",
        "1",
    ),
    "docx endnote": (
        "report.docx",
        "word/endnotes.xml",
        _part("endnotes", "<w:endnote w:id='1'>" + _PARAGRAPH.format("See NAME") + "</w:endnote>"),
        "Monica Haugen",
        "1",
    ),
    "docx alternate text": (
        "report.docx",
        "word/document.xml",
        _word(
            "<w:p><w:r><w:drawing><wp:inline><wp:docPr id='1' name='Picture 1' "
            "descr='Photo of NAME at the gym'/></wp:inline></w:drawing></w:r></w:p>"
        ),
        "Monica Haugen",
        "3",
    ),
    "docx alternate text title": (
        "report.docx",
        "word/document.xml",
        _word(
            "<w:p><w:r><w:drawing><wp:anchor><wp:docPr id='2' name='Picture 2' title='NAME'/>"
            "</wp:anchor></w:drawing></w:r></w:p>"
        ),
        "Monica Haugen",
        "3",
    ),
    "docx a text box inside a name": (
        "report.docx",
        "word/document.xml",
        _word(
            "<w:p><w:r><w:t>Thanks, Mon</w:t></w:r><w:r><w:drawing><w:txbxContent>"
            "<w:p><w:r><w:t>Box</w:t></w:r></w:p></w:txbxContent></w:drawing></w:r>"
            "<w:r><w:t>NAME.</w:t></w:r></w:p>"
        ),
        "ica",
        "3",
    ),
    "docx XML comment": (
        "report.docx",
        "word/document.xml",
        _word("<!-- ask NAME --><w:p><w:r><w:t>Done</w:t></w:r></w:p>"),
        "Monica Haugen",
        "2",
    ),
    "docx XML comment inside a name": (
        "report.docx",
        "word/document.xml",
        _word("<w:p><w:r><w:t>Thanks, Mon</w:t></w:r><!-- x --><w:r><w:t>NAME.</w:t></w:r></w:p>"),
        "ica",
        "3",
    ),
    "docx XML comment before the document": (
        "report.docx",
        "word/document.xml",
        _word("").replace("?>\n", "?>\n<!-- Drafted by NAME -->", 1),
        "Monica Haugen",
        "1",
    ),
    "docx processing instruction": (
        "report.docx",
        "word/document.xml",
        _word("<?note by NAME?>"),
        "Monica Haugen",
        "2",
    ),
    "docx properties creator": (
        "report.docx",
        "docProps/core.xml",
        '<?xml version="1.0"?><cp:coreProperties xmlns:cp="urn:cp" xmlns:dc="urn:dc">'
        "<dc:title>Snapshot</dc:title><dc:creator>NAME</dc:creator></cp:coreProperties>",
        "Monica Haugen",
        "2",
    ),
    "docx properties last modified by": (
        "report.docx",
        "docProps/core.xml",
        '<?xml version="1.0"?><cp:coreProperties xmlns:cp="urn:cp" xmlns:dc="urn:dc">'
        "<cp:lastModifiedBy>NAME</cp:lastModifiedBy></cp:coreProperties>",
        "Monica Haugen",
        "1",
    ),
    "docx properties title": (
        "report.docx",
        "docProps/core.xml",
        '<?xml version="1.0"?><cp:coreProperties xmlns:cp="urn:cp" xmlns:dc="urn:dc">'
        "<dc:title>Interview with NAME</dc:title></cp:coreProperties>",
        "Monica Haugen",
        "1",
    ),
    "odt comment": (
        "minutes.odt",
        "content.xml",
        _odt(
            "<text:p>Minutes<office:annotation><dc:creator>Evaluator</dc:creator>"
            "<text:p>Ask NAME</text:p></office:annotation></text:p>"
        ),
        "Monica Haugen",
        "2",
    ),
    "odt comment author": (
        "minutes.odt",
        "content.xml",
        _odt(
            "<text:p>Minutes<office:annotation><dc:creator>NAME</dc:creator>"
            "<dc:date>2026-01-01T00:00:00</dc:date><text:p>Check</text:p>"
            "</office:annotation></text:p>"
        ),
        "Monica Haugen",
        "1",
    ),
    "odt a comment inside a name": (
        "minutes.odt",
        "content.xml",
        _odt(
            "<text:p>Thanks, Mon<office:annotation><dc:creator>Evaluator</dc:creator>"
            "<dc:date>2026-01-01T00:00:00</dc:date><text:p>Check</text:p>"
            "</office:annotation>NAME.</text:p>"
        ),
        "ica",
        "4",
    ),
    "odt tracked deletion": (
        "minutes.odt",
        "content.xml",
        _odt(
            "<text:tracked-changes><text:changed-region text:id='ct1'><text:deletion>"
            "<office:change-info><dc:creator>Evaluator</dc:creator></office:change-info>"
            "<text:p>NAME</text:p></text:deletion></text:changed-region></text:tracked-changes>"
            "<text:p>Dear partner</text:p>"
        ),
        "Monica Haugen",
        "2",
    ),
    "odt tracked deletion inside a word": (
        "minutes.odt",
        "content.xml",
        _odt(
            "<text:tracked-changes><text:changed-region text:id='ct1'><text:deletion>"
            "<office:change-info><dc:creator>Evaluator</dc:creator></office:change-info>"
            "<text:p>NAME</text:p></text:deletion></text:changed-region>"
            "<text:changed-region text:id='ct2'><text:insertion><office:change-info>"
            "<dc:creator>Evaluator</dc:creator></office:change-info></text:insertion>"
            "</text:changed-region></text:tracked-changes>"
            "<text:p>Dear M<text:change-start text:change-id='ct2'/>.<text:change-end "
            "text:change-id='ct2'/><text:change text:change-id='ct1'/>, welcome</text:p>"
        ),
        "onica",
        "4 (before tracked changes)",
    ),
    "odt properties": (
        "minutes.odt",
        "meta.xml",
        f'<?xml version="1.0"?><office:document-meta {_ODT}><office:meta>'
        "<meta:initial-creator>NAME</meta:initial-creator></office:meta></office:document-meta>",
        "Monica Haugen",
        "1",
    ),
    "pptx notes": (
        "slides.pptx",
        "ppt/notesSlides/notesSlide1.xml",
        '<?xml version="1.0"?><p:notes xmlns:p="urn:p" xmlns:a="urn:a"><p:cSld><p:spTree>'
        "<p:sp><p:txBody><a:p><a:r><a:t>Thank NAME</a:t></a:r></a:p></p:txBody></p:sp>"
        "</p:spTree></p:cSld></p:notes>",
        "Monica Haugen",
        "1",
    ),
    "pptx comment": (
        "slides.pptx",
        "ppt/comments/comment1.xml",
        '<?xml version="1.0"?><p:cmLst xmlns:p="urn:p"><p:cm authorId="0" idx="1">'
        '<p:pos x="10" y="10"/><p:text>Ask NAME</p:text></p:cm></p:cmLst>',
        "Monica Haugen",
        "1",
    ),
    "pptx comment author": (
        "slides.pptx",
        "ppt/commentAuthors.xml",
        '<?xml version="1.0"?><p:cmAuthorLst xmlns:p="urn:p">'
        '<p:cmAuthor id="0" name="NAME" initials="MH" lastIdx="1" clrIdx="0"/></p:cmAuthorLst>',
        "Monica Haugen",
        "1",
    ),
    "xlsx comment in runs": (
        "sheet.xlsx",
        "xl/comments1.xml",
        '<?xml version="1.0"?><comments xmlns="urn:x"><authors><author>Evaluator</author>'
        '</authors><commentList><comment ref="A1" authorId="0"><text><r><rPr><b/></rPr>'
        "<t>Ask Mon</t></r><r><t>NAME</t></r></text></comment></commentList></comments>",
        "ica",
        "2",
    ),
    "xlsx properties": (
        "sheet.xlsx",
        "docProps/core.xml",
        '<?xml version="1.0"?><cp:coreProperties xmlns:cp="urn:cp" xmlns:dc="urn:dc">'
        "<dc:creator>NAME</dc:creator></cp:coreProperties>",
        "Monica Haugen",
        "1",
    ),
}


@pytest.mark.parametrize("part", sorted(PARTS))
def test_what_a_reader_can_recover_is_read(
    cli: Any, folder: Path, tmp_path: Path, part: str
) -> None:
    file, member, xml, name, where = PARTS[part]
    document = _zip(tmp_path / file, {member: xml.replace("NAME", name)})
    found = cli("check-names", str(document))
    assert found.exit_code == 2, (found.stdout, found.stderr)
    places = _places(found)
    assert any(p.startswith(f"{document}:{member}:{where}: ") for p in places), places
    assert all("a person" in p for p in places), places
    # The same file naming no one is clean.
    clean = _zip(tmp_path / f"clean-{file}", {member: xml.replace("NAME", "Smith")})
    result = cli("check-names", str(clean))
    assert result.exit_code == 0, result.stdout


#: A document saved as one XML file (or XHTML), the name split by its markup: (file,
#: its text with NAME where "ica" goes, the line it is on).
SINGLE_FILES = {
    "report.xml": (
        f'<?xml version="1.0"?>\n<w:wordDocument {_W}><w:body><w:p><w:r><w:t>Notes</w:t>'
        "</w:r></w:p><w:p><w:r><w:t>Thanks, Mon</w:t></w:r><w:r><w:t>NAME.</w:t></w:r>"
        "</w:p></w:body></w:wordDocument>",
        2,
    ),
    "minutes.fodt": (
        f'<?xml version="1.0"?>\n<office:document {_ODT}><office:body><office:text>'
        "<text:p>Minutes</text:p><text:p>Thanks, Mon<text:span>NAME</text:span>.</text:p>"
        "</office:text></office:body></office:document>",
        2,
    ),
    "drawing.svg": (
        '<svg xmlns="http://www.w3.org/2000/svg"><text>Thanks, Mon<tspan>NAME</tspan></text></svg>',
        1,
    ),
    "page.xhtml": ("<html><body><p>Thanks,</p><p>Mon<b>NAME</b>.</p></body></html>", 1),
    "broken.xml": ("<notes><p>Thanks, Monica Haugen</notes>\n", 1),
}


@pytest.mark.parametrize("file", sorted(SINGLE_FILES))
def test_a_document_saved_as_one_xml_file_is_read_as_xml(
    cli: Any, folder: Path, tmp_path: Path, file: str
) -> None:
    text, line = SINGLE_FILES[file]
    document = tmp_path / file
    document.write_text(text.replace("NAME", "ica"), encoding="utf-8")
    found = cli("check-names", str(document))
    assert found.exit_code == 2, (found.stdout, found.stderr)
    places = _places(found)
    assert any(p.startswith(f"{document}:{line}: ") for p in places), places
    clean = tmp_path / f"clean-{file}"
    clean.write_text(text.replace("NAME", "ley").replace("Monica Haugen", "Ana"), "utf-8")
    result = cli("check-names", str(clean))
    assert result.exit_code == 0, (result.stdout, result.stderr)


def _zipped(members: dict[str, str | bytes]) -> bytes:
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _report_with_a_chart(name: str) -> dict[str, str | bytes]:
    """A Word report whose chart keeps its data in a workbook inside it, as Word does."""
    workbook = _zipped(
        {
            "xl/sharedStrings.xml": f'<sst xmlns="urn:x"><si><t>{name}</t></si></sst>',
            "xl/worksheets/sheet1.xml": '<worksheet xmlns="urn:x"><row><c t="s"><v>0</v></c>'
            "</row></worksheet>",
        }
    )
    return {
        "word/document.xml": _word(""),
        "word/embeddings/Microsoft_Excel_Worksheet.xlsx": workbook,
    }


def test_a_workbook_inside_a_report_is_read(cli: Any, folder: Path, tmp_path: Path) -> None:
    planted = tmp_path / "report.docx"
    planted.write_bytes(_zipped(_report_with_a_chart("Monica Haugen")))
    found = cli("check-names", str(planted))
    assert found.exit_code == 2, (found.stdout, found.stderr)
    (place,) = _places(found)
    inner = "word/embeddings/Microsoft_Excel_Worksheet.xlsx:xl/sharedStrings.xml:1"
    assert place.startswith(f"{planted}:{inner}: 'Monica Haugen': a person"), place
    clean = tmp_path / "clean.docx"
    clean.write_bytes(_zipped(_report_with_a_chart("Attendance")))
    result = cli("check-names", str(clean))
    assert result.exit_code == 0, (result.stdout, result.stderr)


def test_zips_inside_a_zip_count_toward_its_total(
    cli: Any, folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reflect_cli.render.export import archived

    inner = _zipped({"a.csv": "x" * 600})
    monkeypatch.setattr(archived, "MAX_TOTAL", len(inner) + 500)
    document = tmp_path / "nested.zip"
    document.write_bytes(_zipped({"inner.zip": inner}))
    refused = cli("check-names", str(document))
    assert refused.exit_code == 2 and "a zip bomb?" in refused.stderr, refused.stderr
    assert f"{document}:inner.zip: unpacks to" in refused.stderr, refused.stderr
