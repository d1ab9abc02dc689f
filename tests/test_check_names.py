"""`reflect check-names`: a planted name found in every format, a clean redacted export
passes, everyday words follow the folder's decisions, and bad input is one line."""

from __future__ import annotations

import json
import shutil
import zlib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import make_session
from conftest import places as _places

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PDFTOTEXT = shutil.which("pdftotext")
needs_tools = pytest.mark.skipif(
    CHROMIUM is None or PDFTOTEXT is None, reason="chromium and pdftotext are not installed"
)

PEOPLE = [
    "Nguyễn Thị Lan | Kent Youth and Family Services | Counselor",
    "Monica Haugen | Seattle Parks and Recreation | Site lead",
    "Hope Diaz | Rainier Beach Youth Council | Youth member",
]


@pytest.fixture
def folder(sessions_dir: Path) -> Path:
    make_session(
        sessions_dir,
        "partnership-reflection",
        people=PEOPLE,
        answers={"shared-values": "monicahaugen: We share the gym. We hope so."},
    )
    return sessions_dir


def _redacted(cli: Any, tmp_path: Path, suffix: str) -> Path:
    target = tmp_path / f"export{suffix}"
    result = cli("export", "--redact", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    return target


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ".csv", ".json"])
def test_a_clean_redacted_export_passes_and_a_planted_name_is_found(
    cli: Any, folder: Path, tmp_path: Path, suffix: str
) -> None:
    made = ".md" if suffix == ".txt" else suffix
    exported = _redacted(cli, tmp_path, made)
    document = tmp_path / f"document{suffix}"
    document.write_text(exported.read_text(encoding="utf-8"), encoding="utf-8")
    clean = cli("check-names", str(document))
    assert clean.exit_code == 0, clean.stdout + clean.stderr
    assert clean.stdout == ""
    # Planted as each format would carry it: escaped, as an entity, as a JSON escape.
    planted = {
        ".txt": "Notes: NGUYEN THI LAN called.",
        ".md": "Notes: *Mon*ica called.",
        ".html": "<p>Notes: &#77;onica called.</p>",
        ".csv": '"x","Notes: Haugen called."',
        ".json": '{"note": "Notes: \\u004donica called."}',
    }[suffix]
    lines = document.read_text(encoding="utf-8").split("\n")
    lines.insert(3, planted)
    document.write_text("\n".join(lines), encoding="utf-8")
    found = cli("check-names", str(document))
    assert found.exit_code == 2
    (place,) = _places(found)
    assert place.startswith(f"{document}:4: ")
    assert "a person" in place
    assert "1 place in 1 document names" in found.stderr
    # Each person is named by the label a redacted export gives them (the same key).
    label = place.split("shown redacted as ")[1].rstrip(")")
    assert label in exported.read_text(encoding="utf-8").replace("&amp;", "&")


@needs_tools
def test_a_pdf_from_chromium(cli: Any, folder: Path, tmp_path: Path) -> None:
    pdf = _redacted(cli, tmp_path, ".pdf")
    clean = cli("check-names", str(pdf))
    assert clean.exit_code == 0, clean.stdout + clean.stderr
    # A PDF printed from an HTML page with a planted name: found on its line.
    html = _redacted(cli, tmp_path, ".html").read_text(encoding="utf-8")
    planted = html.replace("</h1>", "</h1><p>Thanks to Monica Haugen</p>", 1)
    page = tmp_path / "planted.html"
    page.write_text(planted, encoding="utf-8")
    from reflect_cli.render.export import pdf as printing

    out = tmp_path / "planted.pdf"
    out.write_bytes(printing.print_pdf(planted, printing.find_browser(None)))
    found = cli("check-names", str(out), str(pdf))
    assert found.exit_code == 2
    (place,) = _places(found)
    assert place.startswith(f"{out}:") and "'Monica Haugen'" in place


def test_collaboratives_sites_and_every_place_are_named(
    cli: Any, folder: Path, tmp_path: Path
) -> None:
    document = tmp_path / "report.md"
    document.write_text(
        "# Report\n\nAt Northgate Elementary OST, lan spoke.\n\nSite: Northgate Elementary\n",
        encoding="utf-8",
    )
    found = cli("check-names", str(document))
    assert found.exit_code == 2
    places = _places(found)
    assert [p.split(": ")[0] for p in places] == [f"{document}:3"] * 2 + [f"{document}:5"]
    assert sum("collaborative or site" in p for p in places) == 2


def test_everyday_words_follow_the_folders_decisions(
    cli: Any, folder: Path, tmp_path: Path
) -> None:
    document = tmp_path / "note.txt"
    document.write_text("We hope so.\nHope spoke first.\n", encoding="utf-8")
    undecided = cli("check-names", str(document))
    assert undecided.exit_code == 2
    (place,) = _places(undecided)
    assert place.startswith(f"{document}:2: 'Hope'") and "--name Hope" in place
    decided = cli("export", "--redact", "--word", "Hope")
    assert decided.exit_code == 0, decided.stderr
    assert cli("check-names", str(document)).exit_code == 0
    named = cli("export", "--redact", "--name", "Hope")
    assert named.exit_code == 0, named.stderr
    result = cli("check-names", str(document))
    assert result.exit_code == 2 and "a person" in _places(result)[0]
    assert "We hope so" not in result.stdout
    # Decided a name, her plural or possessive without an apostrophe is hers too.
    document.write_text("We hope so.\nWe read Hopes plan.\n", encoding="utf-8")
    plural = cli("check-names", str(document))
    assert plural.exit_code == 2
    (place,) = _places(plural)
    assert place.startswith(f"{document}:2: 'Hopes': a person")


def test_a_handle_written_with_an_at_sign_is_its_person(
    cli: Any, folder: Path, tmp_path: Path
) -> None:
    """Hope Diaz's handle, "hope", is an everyday word: "@hope" is her all the same,
    never a word to decide about."""
    document = tmp_path / "note.txt"
    document.write_text("Thanks @hope for the notes.\n", encoding="utf-8")
    found = cli("check-names", str(document))
    assert found.exit_code == 2
    (place,) = _places(found)
    assert place.startswith(f"{document}:1: '@hope': a person")


def test_bad_input_is_one_line(cli: Any, folder: Path, tmp_path: Path, monkeypatch: Any) -> None:
    missing = cli("check-names", str(tmp_path / "nothing.txt"))
    assert missing.exit_code == 2 and len(missing.stderr.splitlines()) == 1
    fake = tmp_path / "fake.pdf"
    fake.write_text("not a pdf")
    broken = cli("check-names", str(fake))
    assert broken.exit_code == 2 and "fake.pdf" in broken.stderr
    assert "Traceback" not in broken.stderr
    import os

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert cli("check-names", str(fifo)).exit_code == 2  # never waits on it
    for name in ("reports", "reports.md", "reports.pdf", "reports.zip", "reports.docx"):
        folder_given = tmp_path / name
        folder_given.mkdir()
        refused = cli("check-names", str(folder_given))
        assert refused.exit_code == 2 and refused.stdout == ""
        assert refused.stderr == f"reflect: {folder_given}: a folder, not a document: give a file\n"
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    pdf = tmp_path / "any.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    no_tool = cli("check-names", str(pdf))
    assert no_tool.exit_code == 2 and "pdftotext" in no_tool.stderr
    assert len(no_tool.stderr.splitlines()) == 1


def test_json_strings_are_read_decoded_in_any_layout(
    cli: Any, folder: Path, tmp_path: Path
) -> None:
    document = tmp_path / "data.json"
    document.write_text(json.dumps({"a": ["fine", {"b": "Nguy\u1ec5n"}]}, indent=2) + "\n")
    found = cli("check-names", str(document))
    assert found.exit_code == 2, found.stdout
    assert _places(found)[0].startswith(f"{document}:5: ")


#: What `--redact` now finds, planted in a document made elsewhere: another language's
#: ending on a family name, letters spelled apart, a domain named for a family.
ATTACKER = [
    "Haugenová said so.",
    "Haugenin idea.",
    "The Haugens' plan.",
    "M o n i c a agreed.",
    "H-a-u-g-e-n too.",
    # Spelled apart and run into other single letters (a tester's).
    "We met a M o n i c a today.",
    "So x H a u g e n y said.",
    "Thanks M o n i c a x today.",
    "Write to someone@haugen.net today.",
    "Or info@nguyen-family.org.",
]


@pytest.mark.parametrize("planted", ATTACKER)
def test_what_redact_finds_check_names_finds(
    cli: Any, folder: Path, tmp_path: Path, planted: str
) -> None:
    document = tmp_path / "report.md"
    document.write_text(f"# Report\n\n{planted}\n", encoding="utf-8")
    found = cli("check-names", str(document))
    assert found.exit_code == 2, found.stdout + found.stderr
    (place,) = _places(found)
    assert place.startswith(f"{document}:3: ") and "a person" in place


def test_everyday_words_like_a_family_name_are_not_flagged(
    cli: Any, sessions_dir: Path, tmp_path: Path
) -> None:
    make_session(
        sessions_dir,
        "partnership-reflection",
        people=["Emily Chang | Library | Staff", "Ana Chin | Parks | Lead"],
    )
    document = tmp_path / "report.md"
    document.write_text("We change the channel by chance; a trip to China.\n", encoding="utf-8")
    clean = cli("check-names", str(document))
    assert clean.exit_code == 0, clean.stdout + clean.stderr


def test_a_name_in_a_protocol_anyone_wrote_is_not_the_protocols_own(
    cli: Any, folder: Path, tmp_path: Path, write_yaml: Any
) -> None:
    # A protocol in questions/ is anyone's text: a name in its prompt is flagged.
    write_yaml(
        "questions/team.yaml",
        """
        id: team
        version: 1
        title: Team check-in
        domains:
          - id: how
            title: How it went
            questions:
              - id: proposal
                prompt: What did Monica Haugen propose?
        """,
    )
    document = tmp_path / "report.md"
    document.write_text("# Report\n\nWhat did Monica Haugen propose?\n", encoding="utf-8")
    found = cli("check-names", str(document))
    assert found.exit_code == 2, found.stdout + found.stderr


def _pdf_with_info(info: dict[str, str]) -> bytes:
    """A one-page PDF with no text and ``info`` as its document information, built by
    hand (offsets computed), so its metadata holds exactly what the test put there."""
    fields = "".join(f"/{k} ({v})" for k, v in info.items())
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        f"<< {fields} >>",
    ]
    body = b"%PDF-1.4\n"
    offsets = []
    for number, text in enumerate(objects, start=1):
        offsets.append(len(body))
        body += f"{number} 0 obj\n{text}\nendobj\n".encode("latin-1")
    xref = len(body)
    body += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    body += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    body += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info 4 0 R >>\n"
        f"startxref\n{xref}\n%%EOF\n"
    ).encode()
    return body


@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="pdfinfo is not installed")
@pytest.mark.parametrize("field", ["Title", "Author", "Subject", "Keywords"])
def test_a_pdfs_metadata_is_read(cli: Any, folder: Path, tmp_path: Path, field: str) -> None:
    clean = tmp_path / "clean.pdf"
    clean.write_bytes(_pdf_with_info({"Title": "Partnership snapshot"}))
    assert cli("check-names", str(clean)).exit_code == 0
    planted = tmp_path / "planted.pdf"
    planted.write_bytes(_pdf_with_info({field: "Notes by Monica Haugen"}))
    found = cli("check-names", str(planted))
    assert found.exit_code == 2, found.stdout + found.stderr
    (place,) = _places(found)
    assert place.startswith(f"{planted}:PDF {field}: 'Monica Haugen': a person")


def test_an_html_comment_is_read(cli: Any, folder: Path, tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<p>Notes</p>\n<!-- from\nMonica Haugen -->\n<p>End</p>\n", encoding="utf-8")
    found = cli("check-names", str(page))
    assert found.exit_code == 2
    (place,) = _places(found)
    assert place.startswith(f"{page}:3: 'Monica Haugen'")


@pytest.mark.parametrize("space", ["   ", "\u00a0", "\t", " \u2003 "])
def test_a_name_is_shown_with_one_space(cli: Any, folder: Path, tmp_path: Path, space: str) -> None:
    document = tmp_path / "note.txt"
    document.write_text(f"Thanks to Monica{space}Haugen.\n", encoding="utf-8")
    found = cli("check-names", str(document))
    assert found.exit_code == 2
    (place,) = _places(found)
    assert place.startswith(f"{document}:1: 'Monica Haugen': ")


@pytest.mark.parametrize("command", ["check-names", "snapshot"])
def test_help_of_an_always_redacting_command_names_no_redact_option(cli: Any, command: str) -> None:
    result = cli(command, "--help")
    assert result.exit_code == 0
    assert "--pseudonym-key" in result.stdout
    assert "With --redact" not in result.stdout


def test_a_full_name_next_to_a_protocols_words_is_found(
    cli: Any, folder: Path, tmp_path: Path
) -> None:
    planted = tmp_path / "thanks.txt"
    planted.write_text("Thanks to Monica Haugen of Seattle Parks for hosting.\n", encoding="utf-8")
    result = cli("check-names", str(planted))
    assert result.exit_code != 0
    assert "Monica Haugen" in result.stdout


@pytest.mark.parametrize("joiner", [".", "_", "-"])
@pytest.mark.parametrize("form", ["monica{j}haugen", "Monica{j}Haugen", "haugen{j}monica"])
def test_a_name_joined_outside_an_address_is_found_and_replaced(
    cli: Any, folder: Path, tmp_path: Path, joiner: str, form: str
) -> None:
    """``monica.haugen said hi``: found by check-names, replaced by --redact (one matcher),
    though reflect's own protocol quotes "Monica Haugen" in its introduction."""
    joined = form.format(j=joiner)
    make_session(
        folder,
        "partnership-reflection",
        people=PEOPLE,
        answers={"shared-values": f"{joined} said hi"},
    )
    document = tmp_path / "note.txt"
    document.write_text(f"Notes\n{joined} said hi\n", encoding="utf-8")
    found = cli("check-names", str(document))
    assert found.exit_code == 2, found.stdout + found.stderr
    assert all(p.startswith(f"{document}:2: ") for p in _places(found))
    # Replaced, or (a name part in lower case inside a sentence) the export stops and
    # names the place; once decided, replaced: never kept silently.
    redacted = cli("export", "--redact", "-f", "md")
    if redacted.exit_code != 0:
        assert redacted.stdout == "" and f"{joined} said hi" in redacted.stderr
        redacted = cli("export", "--redact", "-f", "md", "--name", "Monica")
    assert redacted.exit_code == 0, redacted.stderr
    assert "monica" not in redacted.stdout.lower() and "haugen" not in redacted.stdout.lower()


#: A realistic partnership: family name first, two people with one first name, names
#: that are words, Han and Ethiopic text, a one-person organization.
REALISTIC = [
    "Nguyễn Thị Lan | Kent Youth and Family Services | Counselor | lan",
    "Monica Haugen | Seattle Parks and Recreation | Site lead | monica",
    "Monica Ruiz | Rainier Beach High | Counselor | mruiz",
    "Hope Diaz | Rainier Beach Youth Council | Youth member | hope",
    "Grace Kim | Northgate PTA | Parent | grace",
    "王小明 | Chinese Information and Service Center | Family advocate | xm",
    "Abebe Bekele | Ethiopian Community Center | Director | abebe",
]


@pytest.fixture
def realistic(sessions_dir: Path) -> Path:
    from reflect_cli.model import Action, Note

    make_session(
        sessions_dir,
        "partnership-reflection",
        people=REALISTIC,
        answers={
            "shared-values": "monica: We share the gym and we hope families come.\n"
            "lan: Chúng tôi đồng ý. Our plan for this year.\nxm: 我们同意。\n"
            "abebe: እኛ እንስማማለን። Families first.\nmruiz: Students lead, by grace of the schedule.",
            "equity-issues": "hope: Youth voice at the table; the Haugens' plan helps.",
        },
        actions=[Action("Share the space calendar", "monica", "2026-12-01")],
        notes=[Note("Private: ask Monica Ruiz later", "shared-values")],
    )
    make_session(
        sessions_dir,
        "equitable-partnerships",
        date="2026-10-01",
        people=REALISTIC,
        answers={
            "partnership-type-now": "Cooperative",
            "partnership-type-wanted": "Integrated",
            "shared-leadership": 3,
            "changes-sought": "grace: Fair access to the gym.\n"
            "monica: Families at the table. Café ☕",
        },
    )
    return sessions_dir


@needs_tools
def test_every_file_of_every_redacted_format_passes(
    cli: Any, realistic: Path, tmp_path: Path
) -> None:
    """reflect's own words (headings, the data package's descriptions, the protocols'
    text, the statement) never count as a person: every file of every redacted export
    of a realistic folder is clean to check-names, one by one and all together."""
    out = tmp_path / "out"
    out.mkdir()
    targets = [out / f"export.{suffix}" for suffix in ("md", "html", "csv", "json", "pdf")]
    targets += [out / "package", out / "package.zip", out / "project.qdpx"]
    for target in targets:
        fmt = {"package": ["-f", "datapackage"], "package.zip": ["-f", "datapackage"]}
        made = cli("export", "--redact", *fmt.get(target.name, []), "-o", str(target))
        assert made.exit_code == 0, made.stderr
    files = sorted(str(p) for p in out.rglob("*") if p.is_file())
    assert len(files) > len(targets)  # the package's tables, one by one
    for file in files:
        checked = cli("check-names", file)
        assert checked.exit_code == 0, checked.stdout + checked.stderr
    assert cli("check-names", *files).exit_code == 0


def test_reflects_own_descriptions_name_no_one() -> None:
    """The data package describes its tables in words that are nobody's name: an example
    speaker ("monica: ...") there would be a name in every redacted package."""
    from reflect_cli.folding import fold
    from reflect_cli.render.export.name_check import _package_texts
    from reflect_cli.session.typed_lines import participant_of

    own = set(re_words(fold(" ".join(_package_texts()))))
    people = [participant_of(line, set()) for line in [*REALISTIC, *PEOPLE]]
    for person in people:
        for part in [*re_words(fold(person.name)), person.handle]:
            assert part not in own, part


def re_words(text: str) -> list[str]:
    import re

    return re.findall(r"\w+", text)


def _zip(path: Path, members: dict[str, str | bytes], method: int = 8) -> Path:
    import zipfile

    with zipfile.ZipFile(path, "w", method) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return path


_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
#: Where a name hides in each kind of zip file, as the program that wrote it stores text:
#: Word splits a paragraph into runs (here inside the name), a spreadsheet keeps its text
#: as shared strings, OpenDocument writes a space as an element, a project names users.
ZIPPED = {
    "tables.zip": ("notes/answers.csv", "id,text\n1,fine\n2,Thanks to Monica Haugen\n", 3),
    "report.docx": (
        "word/document.xml",
        f'<?xml version="1.0" encoding="UTF-8"?>\n<w:document {_W}><w:body>'
        "<w:p><w:r><w:t>Report</w:t></w:r></w:p>\n"
        "<w:p><w:r><w:t>Thanks to Mon</w:t></w:r><w:proofErr w:type='spellStart'/>"
        "<w:r><w:rPr><w:b/></w:rPr><w:t>ica Hau</w:t></w:r><w:r><w:t>gen</w:t></w:r></w:p>"
        "</w:body></w:document>",
        2,
    ),
    "sheet.xlsx": (
        "xl/sharedStrings.xml",
        '<?xml version="1.0"?><sst xmlns="urn:x"><si><t>Site</t></si>'
        "<si><r><t>Nguyễn </t></r><r><t>Thị Lan</t></r></si></sst>",
        2,
    ),
    "minutes.odt": (
        "content.xml",
        '<?xml version="1.0"?><office:document-content xmlns:office="urn:o" '
        'xmlns:text="urn:t"><office:body><text:p>Minutes</text:p>'
        "<text:p>Monica<text:s/>Haugen spoke</text:p></office:body></office:document-content>",
        2,
    ),
    "slides.pptx": (
        "ppt/slides/slide1.xml",
        '<?xml version="1.0"?><p:sld xmlns:p="urn:p" xmlns:a="urn:a"><a:p><a:r><a:t>Agenda'
        "</a:t></a:r></a:p><a:p><a:r><a:t>Haugen: parks</a:t></a:r></a:p></p:sld>",
        2,
    ),
    "project.qdpx": (
        "project.qde",
        '<?xml version="1.0"?><Project xmlns="urn:QDA-XML:project:1.0" name="x">'
        '<Users><User guid="e46b3578-7a02-55ba-a52f-d8ac1f92725f" name="Monica Haugen"/>'
        "</Users></Project>",
        2,
    ),
}


@pytest.mark.parametrize("file", sorted(ZIPPED))
def test_a_name_inside_a_zip_files_member_is_found_there(
    cli: Any, folder: Path, tmp_path: Path, file: str
) -> None:
    member, text, line = ZIPPED[file]
    extras = {"image1.png": b"\x89PNG\r\n", "mimetype": "application/zip"}
    document = _zip(tmp_path / file, {"[Content_Types].xml": "<Types/>", member: text, **extras})
    found = cli("check-names", str(document))
    assert found.exit_code == 2, found.stdout + found.stderr
    (place,) = _places(found)
    assert place.startswith(f"{document}:{member}:{line}: "), place
    assert "a person" in place
    # The same file with the name changed to no one's: clean (identifiers are not read).
    unnamed = text.replace("Haugen", "Smith")
    for part, other in (("Mon", "Bar"), ("ica", "ley"), ("Hau", "Sm"), ("gen", "ith")):
        unnamed = unnamed.replace(part, other)
    clean = _zip(tmp_path / f"clean-{file}", {member: unnamed})
    if "Lan" not in text:
        assert cli("check-names", str(clean)).exit_code == 0


@pytest.mark.parametrize(
    ("members", "method", "said"),
    [
        ({"a.txt": b"\0" * 5_000_000}, 8, "zip bomb"),
        ({f"m{i}.txt": "x" for i in range(10_001)}, 0, "members"),
        ({"inner.pdf": b"%PDF-1.4\n"}, 0, "cannot read"),
        ({"inner.zip": b"PK\x03\x04"}, 0, "damaged"),
        ({"word/embeddings/oleObject1.bin": b"\xd0\xcf\x11\xe0"}, 0, "cannot read"),
        ({"word/document.xml": '<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'}, 8, "document type"),
        ({"word/document.xml": "<x>unclosed"}, 8, "not well-formed"),
    ],
    ids=["ratio", "count", "pdf inside", "zip inside", "embedded object", "entities", "broken xml"],
)
def test_a_zip_that_cannot_be_read_safely_is_refused_in_one_line(
    cli: Any,
    folder: Path,
    tmp_path: Path,
    members: dict[str, str | bytes],
    method: int,
    said: str,
) -> None:
    document = _zip(tmp_path / "suspect.docx", members, method)
    refused = cli("check-names", str(document))
    assert refused.exit_code == 2 and refused.stdout == ""
    assert len(refused.stderr.strip().splitlines()) == 1, refused.stderr
    assert said in refused.stderr and str(document) in refused.stderr


def test_a_zip_over_the_total_is_refused_before_unpacking(
    cli: Any, folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reflect_cli.render.export import archived

    monkeypatch.setattr(archived, "MAX_TOTAL", 1000)
    document = _zip(tmp_path / "big.zip", {"a.csv": "x" * 600, "b.csv": "y" * 600}, 0)
    refused = cli("check-names", str(document))
    assert refused.exit_code == 2 and "unpacks to 1,200 bytes" in refused.stderr


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
# (No NUL: zipfile itself cuts a member's name at one, and "\x00" leaves no name at all.)
@given(
    name=st.text(min_size=1, max_size=30).filter(lambda n: not n.endswith("/") and "\0" not in n)
)
def test_a_members_name_is_shown_with_its_escapes(
    cli: Any, folder: Path, tmp_path: Path, name: str
) -> None:
    """A member named with control characters (``ESC [ 2 J``, a newline): one line per
    place, the name's controls as escapes, never raw on a terminal."""
    import re

    document = _zip(tmp_path / "named.zip", {f"{name}.txt": "Monica Haugen was there\n"})
    found = cli("check-names", str(document))
    assert found.exit_code == 2, found.stderr
    (place,) = _places(found)
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]", place)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=300))
def test_any_bytes_as_a_zip_are_read_or_refused_in_one_line(
    cli: Any, folder: Path, tmp_path: Path, data: bytes
) -> None:
    document = tmp_path / "any.xlsx"
    document.write_bytes(b"PK\x03\x04" + data)
    result = cli("check-names", str(document))
    assert result.exit_code in (0, 1, 2)
    if result.exit_code == 2 and not result.stdout:
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("M<!-- -->onica", "Monica"),
        ("Hau<!--x-->gen", "Haugen"),
        ("Mon<!-- a -- b -->ica", "Monica"),
    ],
)
def test_an_html_comment_inside_a_name_does_not_hide_it(
    cli: Any, folder: Path, tmp_path: Path, typed: str, shown: str
) -> None:
    page = tmp_path / "page.html"
    page.write_text(f"<p>Notes</p>\n<p>Thanks {typed}.</p>\n<!-- Hope Diaz -->\n", encoding="utf-8")
    found = cli("check-names", str(page))
    assert found.exit_code == 2
    places = _places(found)
    assert any(p.startswith(f"{page}:2: '{shown}'") for p in places), places
    assert any(p.startswith(f"{page}:3: 'Hope Diaz'") for p in places), places  # still read


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.integers(1, 12), st.text("abc -", max_size=8))
def test_a_comment_anywhere_in_a_name_is_taken_out(
    cli: Any, folder: Path, tmp_path: Path, at: int, said: str
) -> None:
    name = "Monica Haugen"
    page = tmp_path / "any.html"
    page.write_text(f"<p>{name[:at]}<!--{said}-->{name[at:]}</p>\n", encoding="utf-8")
    found = cli("check-names", str(page))
    assert found.exit_code == 2 and f"{page}:1: 'Monica Haugen'" in found.stdout


@pytest.mark.parametrize("typed", ["&#77;onica", "&#x4D;onica", "Hau&#103;en", "&#x48;&#x61;ugen"])
def test_markdown_character_references_are_read_decoded(
    cli: Any, folder: Path, tmp_path: Path, typed: str
) -> None:
    note = tmp_path / "note.md"
    note.write_text(f"Fine.\nThanks to {typed} today.\n", encoding="utf-8")
    found = cli("check-names", str(note))
    assert found.exit_code == 2 and f"{note}:2: " in found.stdout, found.stdout
    escaped = tmp_path / "escaped.md"  # "\&" shows "&#77;onica" as typed: no name
    escaped.write_text("Fine.\nThe code \\&#77;onica here.\n", encoding="utf-8")
    assert cli("check-names", str(escaped)).exit_code == 0


def _pdf(objects: list[str]) -> bytes:
    """A PDF of ``objects`` (object 1 the catalog), offsets computed."""
    body = b"%PDF-1.4\n"
    offsets = []
    for number, text in enumerate(objects, start=1):
        offsets.append(len(body))
        body += f"{number} 0 obj\n{text}\nendobj\n".encode("latin-1")
    xref = len(body)
    body += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    body += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    body += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    ).encode()
    return body


def _pdf_beside_the_page(annotation: str, author: str, bookmark: str, attached: str) -> bytes:
    """A one-page PDF whose page says "Quarterly report", with a comment, a bookmark and
    an attached text file."""
    page_text = "BT /F1 12 Tf 72 720 Td (Quarterly report) Tj ET"
    return _pdf(
        [
            "<< /Type /Catalog /Pages 2 0 R /Outlines 7 0 R"
            " /Names << /EmbeddedFiles << /Names [(notes.txt) 9 0 R] >> >> >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
            " /Resources << /Font << /F1 5 0 R >> >> /Annots [6 0 R] >>",
            f"<< /Length {len(page_text)} >>\nstream\n{page_text}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            "<< /Type /Annot /Subtype /Text /Rect [100 100 120 120]"
            f" /Contents ({annotation}) /T ({author}) >>",
            "<< /Type /Outlines /First 8 0 R /Last 8 0 R /Count 1 >>",
            f"<< /Title ({bookmark}) /Parent 7 0 R /Dest [3 0 R /Fit] >>",
            "<< /Type /Filespec /F (notes.txt) /EF << /F 10 0 R >> >>",
            f"<< /Type /EmbeddedFile /Length {len(attached)} >>\nstream\n{attached}\nendstream",
        ]
    )


@pytest.mark.skipif(shutil.which("pdfdetach") is None, reason="poppler-utils is not installed")
def test_a_pdfs_annotations_outline_and_attachments_are_read(
    cli: Any, folder: Path, tmp_path: Path
) -> None:
    clean = tmp_path / "clean.pdf"
    clean.write_bytes(_pdf_beside_the_page("Check the grant", "Evaluator", "Summary", "Totals"))
    assert cli("check-names", str(clean)).exit_code == 0
    planted = tmp_path / "planted.pdf"
    planted.write_bytes(
        _pdf_beside_the_page(
            "Ask Monica Haugen about it", "Hope Diaz", "Haugen interview", "From Monica Haugen"
        )
    )
    found = cli("check-names", str(planted))
    assert found.exit_code == 2, found.stdout + found.stderr
    places = _places(found)
    for field, name in [
        ("PDF annotation", "Monica Haugen"),
        ("PDF annotation author", "Hope Diaz"),
        ("PDF outline", "Haugen"),
        ("PDF attachment notes.txt", "Monica Haugen"),
    ]:
        assert any(p.startswith(f"{planted}:{field}: '{name}'") for p in places), (field, places)


def _literal(text: str) -> bytes:
    """``text`` as a PDF literal string's inside, escaped as a PDF writer may."""
    raw = b"\xfe\xff" + text.encode("utf-16-be") if not text.isascii() else text.encode()
    return b"".join(
        b"\\" + bytes([c]) if c in b"()\\" else b"\\%03o" % c if c < 32 else bytes([c]) for c in raw
    )


@given(st.text(max_size=30), st.booleans(), st.booleans())
def test_every_annotation_string_is_read_as_written(
    text: str, hexadecimal: bool, compressed: bool
) -> None:
    """A comment's text comes back as written: escaped or hexadecimal, Latin or not, as
    written or inside a compressed object stream."""
    from reflect_cli.render.export.pdf_parts import shown_strings

    raw = b"\xfe\xff" + text.encode("utf-16-be", errors="surrogatepass")
    inside = b"<" + raw.hex().encode() + b">" if hexadecimal else b"(" + _literal(text) + b")"
    annotation = b"<< /Type /Annot /Contents " + inside + b" >>"
    if compressed:
        packed = zlib.compress(annotation)
        annotation = b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (
            len(packed),
            packed,
        )
    found = shown_strings(b"%PDF-1.5\n1 0 obj\n" + annotation + b"\nendobj\n")
    expected = " ".join(text.split())
    assert (found == [("PDF annotation", expected)]) if expected else found == []


def test_a_folder_with_no_records_is_refused_never_reported_clean(
    cli: Any, sessions_dir: Path, tmp_path: Path, monkeypatch: Any
) -> None:
    """With no record there is no one to check for: "no known name" would read as clean."""
    document = tmp_path / "report.txt"
    document.write_text("Monica Haugen hosted.\n", encoding="utf-8")
    make_session(sessions_dir, "partnership-reflection", people=PEOPLE)
    empty = tmp_path / "empty"
    empty.mkdir()
    missing = tmp_path / "nonexistent"
    for where in (missing, empty, tmp_path):  # tmp_path: a clone's root, sessions/ below
        result = cli("--sessions-dir", str(where), "check-names", str(document))
        assert result.exit_code == 2 and result.stdout == "", result.output
        (line,) = result.stderr.splitlines()
        assert f"{where.absolute()} holds no session records" in line
        assert "nothing was checked" in line
    at_root = cli("--sessions-dir", str(tmp_path), "check-names", str(document))
    assert f"--sessions-dir {sessions_dir}" in at_root.stderr
    assert not missing.exists()  # never made by looking
    # Where ./sessions does not exist.
    monkeypatch.delenv("REFLECT_SESSIONS_DIR")
    monkeypatch.chdir(empty)
    result = cli("check-names", str(document))
    assert result.exit_code == 2 and "holds no session records" in result.stderr
    # The right folder finds her.
    assert cli("--sessions-dir", str(sessions_dir), "check-names", str(document)).exit_code == 2


def test_every_readable_document_is_checked_and_each_unreadable_one_named(
    cli: Any, folder: Path, tmp_path: Path
) -> None:
    clean, named = tmp_path / "clean.txt", tmp_path / "named.txt"
    clean.write_text("Nothing here.\n", encoding="utf-8")
    named.write_text("Monica Haugen hosted.\n", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    # Names found: exit 1; a document that could not be read: exit 2, the rest still read.
    assert cli("check-names", str(clean)).exit_code == 0
    assert cli("check-names", str(clean), str(named)).exit_code == 2
    result = cli("check-names", str(clean), str(missing), str(named))
    assert result.exit_code == 2
    assert f"{named}:1: 'Monica Haugen'" in result.stdout
    lines = result.stderr.splitlines()
    assert len(lines) == 2 and str(missing) in lines[0] and "cannot check" in lines[0]
    assert "1 place found in 2 documents" in lines[1] and "could not be read" in lines[1]
    result = cli("check-names", str(clean), str(missing))
    assert result.exit_code == 2 and result.stdout == ""
    assert "0 places found in 1 document; 1 document could not be read" in result.stderr
    both = cli("check-names", str(missing), str(tmp_path / "gone.txt"))
    assert both.exit_code == 2 and "none of the 2 documents could be read" in both.stderr


def test_an_unreadable_record_tells_how_to_check_without_it(
    cli: Any, folder: Path, tmp_path: Path
) -> None:
    (folder / "broken.yaml").write_text("schema: reflect/session-v1\nid: [\n", encoding="utf-8")
    document = tmp_path / "clean.txt"
    document.write_text("Nothing here.\n", encoding="utf-8")
    result = cli("check-names", str(document))
    assert result.exit_code == 2 and result.stdout == ""
    (line,) = [line for line in result.stderr.splitlines() if "cannot be promised" in line]
    assert "run reflect check-names with --ignore-unreadable" in line
    assert line.endswith("nothing was checked") and "written" not in line
    assert cli("check-names", "--ignore-unreadable", str(document)).exit_code == 0


@pytest.mark.parametrize(
    "data",
    [
        "We met Mónica Haugen today.\n".encode("cp1252"),  # Latin-1, as spreadsheets save
        "We met Mónica Haugen today.\n".encode("utf-8-sig"),
        "We met Mónica Haugen today.\n".encode("utf-16"),
        "We met Mónica Haugen today.\n".encode("utf-32"),
        # UTF-8 with a stray byte on the same line: the rest stays UTF-8.
        "We met Mónica Haugen today.".encode() + b" \xff\n",
    ],
    ids=["latin-1", "utf-8-bom", "utf-16", "utf-32", "utf-8-stray-byte"],
)
def test_a_text_file_in_any_common_encoding_is_read(
    cli: Any, sessions_dir: Path, tmp_path: Path, data: bytes
) -> None:
    # Found by a tester: a Latin-1 file read as UTF-8 had a replacement character where
    # the name's letter was, and was reported clean.
    make_session(sessions_dir, "partnership-reflection")
    document = tmp_path / "notes.txt"
    document.write_bytes(data)
    result = cli("check-names", str(document))
    assert result.exit_code == 2
    assert "Mónica Haugen" in result.stdout


@pytest.mark.parametrize(
    "line",
    [
        "Tea with Monica",
        "Thanks to all who met with Monica",
        "with Monica and Shana",
        "Haugen of the PTA",
    ],
)
def test_a_name_at_a_lines_edge_beside_a_protocols_words_is_found(
    cli: Any, folder: Path, tmp_path: Path, line: str
) -> None:
    """The protocol's introduction says "in conversation with Monica Haugen of Seattle
    Parks": a phrase of it excuses a name only whole ("with Monica" at a line's end, or
    "Haugen of" at its start, is not the phrase)."""
    planted = tmp_path / "note.txt"
    planted.write_text(f"{line}\n", encoding="utf-8")
    result = cli("check-names", str(planted))
    assert result.exit_code == 2, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("suffix", "written"),
    [
        (".txt", "We thanked Hau-\ngen for the gym."),
        (".md", "We thanked HAU-\nGEN today."),
        (".csv", 'note\n"Thanks Mon-\nica for the gym"'),
        (".txt", "Thanks Hau\u2010 \n  gen"),
        (".json", '{"note": "We thanked Hau-\\ngen today"}'),
        (".md", "> We thanked Hau-\n> gen today."),
    ],
)
def test_a_name_hyphenated_across_two_lines_of_a_document_is_found(
    cli: Any, folder: Path, tmp_path: Path, suffix: str, written: str
) -> None:
    """A word broken at a line's end by a hyphen or dash is read whole, as a reader
    reads it (and as the export replaces it), and named at its first line."""
    document = tmp_path / f"note{suffix}"
    document.write_text(f"Notes\n{written}\n", encoding="utf-8")
    found = cli("check-names", str(document))
    assert found.exit_code == 2, found.stdout + found.stderr
    assert any(p.startswith(f"{document}:") for p in _places(found)), found.stdout
    # A word of the language broken so is not a name: "co-" then "op".
    clean = tmp_path / f"clean{suffix}"
    clean.write_text("Notes\nWe formed a co-\nop last year.\n", encoding="utf-8")
    assert cli("check-names", str(clean)).exit_code == 0


def test_a_word_broken_across_lines_is_named_in_the_lines_order(
    cli: Any, folder: Path, tmp_path: Path
) -> None:
    document = tmp_path / "note.txt"
    document.write_text("Notes\nWe thanked Hau-\ngen today.\nMonica came.\n", encoding="utf-8")
    found = cli("check-names", str(document))
    assert [p.split(": ")[0] for p in _places(found)] == [f"{document}:2", f"{document}:4"]
