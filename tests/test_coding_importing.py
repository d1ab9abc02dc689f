"""`reflect codes import`: a codebook written by another program's code, and a project
reflect exported then coded by editing its XML as a QDA program would; hostile files
refused in one line."""

from __future__ import annotations

import io
import json
import uuid
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from typing import Any

import pytest
from pyrefiqda import RefiCodebook
from pyrefiqda.models.codebook import CodeBook, CodesType, CodeType

from conftest import make_session
from refi_schemas import codebook_errors
from reflect_cli.coding import codebook, codings, starter

NS = "urn:QDA-XML:project:1.0"
EQUITY = "lan: Turnover hurt us 𝒶.\ngrace: Families first."
PEOPLE = [
    "Nguyễn Thị Lan | Rainier Vista Elementary | Principal | lan",
    "Grace Kim | Rainier Vista PTA | Parent | grace",
]


def test_a_codebook_from_another_programs_code(
    sessions_dir: Path, tmp_path: Path, cli: Any
) -> None:
    make_session(sessions_dir, "partnership-reflection")
    codebook.save(sessions_dir, starter.CODES)
    child = CodeType(guid=str(uuid.uuid4()), name="Bus routes", is_codable=True, color="#00AA11")
    book = CodeBook(
        codes=CodesType(
            code=[
                CodeType(guid=str(uuid.uuid4()), name="TURNOVER", is_codable=True),  # known
                CodeType(guid=str(uuid.uuid4()), name="Logistics", is_codable=True, code=[child]),
            ]
        )
    )
    path = tmp_path / "other.qdc"
    RefiCodebook.save(book, path)
    result = cli("codes", "import", str(path))
    assert result.exit_code == 0, result.stderr
    loaded = codebook.load(sessions_dir)
    assert loaded.ids[-2:] == ("logistics", "bus-routes")
    assert (
        loaded.get("bus-routes").parent == "logistics"
        and loaded.get("bus-routes").colour == "#00aa11"
    )
    assert len(loaded.codes) == len(starter.CODES) + 2  # Turnover matched by name


def _edit(project: Path, edited: Path) -> str:
    """Code the first selection as a QDA program would: a new user, a new code, and an
    existing one; returns the selection's name."""
    with zipfile.ZipFile(project) as archive:
        files = {n: archive.read(n) for n in archive.namelist()}
    root = ET.fromstring(files["project.qde"])
    ET.register_namespace("", NS)
    q = f"{{{NS}}}"
    user = str(uuid.uuid4())
    ET.SubElement(root.find(f"{q}Users"), f"{q}User", guid=user, name="Grace K")
    codes = root.find(f"{q}CodeBook/{q}Codes")
    new = str(uuid.uuid4())
    ET.SubElement(codes, f"{q}Code", guid=new, name="Bus routes", isCodable="true")
    turnover = next(c for c in codes.iter(f"{q}Code") if c.get("name") == "Turnover").get("guid")
    selection = next(root.iter(f"{q}PlainTextSelection"))
    for target in (new, turnover):
        coding = ET.SubElement(selection, f"{q}Coding", guid=str(uuid.uuid4()), creatingUser=user)
        ET.SubElement(coding, f"{q}CodeRef", targetGUID=target)
    files["project.qde"] = ET.tostring(root, xml_declaration=True, encoding="utf-8")
    with zipfile.ZipFile(edited, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return str(selection.get("name"))


@pytest.mark.parametrize("equity", [EQUITY, EQUITY.replace("hurt", "\u202ehurt\u202c")])
def test_codings_made_in_a_qda_program_come_back(
    sessions_dir: Path, tmp_path: Path, cli: Any, equity: str
) -> None:
    """Also where the passage holds a control character, which the project's source
    shows as an escape (``\\u202e``), as every export does."""
    make_session(
        sessions_dir, "partnership-reflection", people=PEOPLE, answers={"equity-issues": equity}
    )
    codebook.save(sessions_dir, starter.CODES)
    project, edited = tmp_path / "p.qdpx", tmp_path / "coded.qdpx"
    assert cli("export", "-o", str(project)).exit_code == 0
    address = _edit(project, edited)
    result = cli("codes", "import", str(edited))
    assert result.exit_code == 0, result.stderr
    assert "bus-routes" in result.stderr and "grace-k: 1 passage coded" in result.stderr
    (made,) = codings.load(sessions_dir, "grace-k").all()
    assert str(made.address) == address and made.codes == ("bus-routes", "turnover")
    report = json.loads(cli("codes", "report", "--json").stdout)
    counts = {(c["section"], c["code"]): c["passages"] for c in report["counts"]}
    assert counts[("code", "bus-routes")] == 1 and counts[("code", "turnover")] == 1


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_hostile_files_are_refused_in_one_line(
    sessions_dir: Path, tmp_path: Path, cli: Any
) -> None:
    sessions_dir.mkdir()
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE c [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><CodeBook><Codes>&b;</Codes></CodeBook>'
    )
    cases = {
        "laughs.qdc": laughs,
        "broken.qdc": b"<CodeBook><Codes>",
        "other.qdc": b"<Project/>",
        "notzip.qdpx": b"not a zip",
        "two.qdpx": _zip({"a.qde": b"<Project/>", "b.qde": b"<Project/>"}),
        "bomb.qdpx": _zip(
            {"project.qde": b"<Project>" + b" " * (65 * 1024 * 1024) + b"</Project>"}
        ),
        "sheet.xlsx": b"",
    }
    for name, data in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        result = cli("codes", "import", str(path))
        assert result.exit_code == 2, name
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr, name
        if name == "bomb.qdpx":
            assert "64 MB" in result.stderr
    good = tmp_path / "good.qdc"
    good.write_text(
        '<CodeBook><Codes><Code guid="x" name="Fine" isCodable="true"/></Codes></CodeBook>'
    )
    link = tmp_path / "link.qdc"
    link.symlink_to(good)
    result = cli("codes", "import", str(link))
    assert result.exit_code == 2 and "link" in result.stderr
    assert not (sessions_dir / "codebook.yaml").exists()


TAGUETTE = Path(__file__).resolve().parent / "data" / "taguette" / "codebook.qdc"


def test_a_codebook_taguette_exported(sessions_dir: Path, cli: Any) -> None:
    """A codebook written by Taguette 1.5.2's own export (tests/data/taguette/): its tags
    join the codebook, one matched by name in another case, names kept as Taguette wrote
    them (escaped markup, an emoji, decomposed accents), ids made from them."""
    make_session(sessions_dir, "partnership-reflection")
    codebook.save(sessions_dir, starter.CODES)
    result = cli("codes", "import", str(TAGUETTE))
    assert result.exit_code == 0, result.stderr
    loaded = codebook.load(sessions_dir)
    added = {c.id: c.name for c in loaded.codes[len(starter.CODES) :]}
    assert added == {
        "trust-and-relationships": "trust-and-relationships",
        "power-voice": "power & <voice>",
        "familias-gia-dinh": "familias / gia đình",
        "nguyen-family-outreach": "Nguye\u0302\u0303n family outreach",
        "hope": "Hope",
        "language-access": "language access 🗣",
    }  # "Family Engagement" is the starter's "Family engagement"
    assert "added to the codebook: trust-and-relationships, power-voice" in result.stderr
    again = cli("codes", "import", str(TAGUETTE))
    assert again.exit_code == 0 and codebook.load(sessions_dir) == loaded
    # Taguette writes an empty <Sets/>, which Codebook.xsd does not allow: read anyway.
    assert codebook_errors(TAGUETTE.read_text(encoding="utf-8"))
    exported = cli("codes", "export")
    assert exported.exit_code == 0 and codebook_errors(exported.stdout) == []
    assert 'name="power &amp; &lt;voice&gt;"' in exported.stdout


def test_a_redacted_project_is_refused_in_one_line(
    sessions_dir: Path, tmp_path: Path, cli: Any
) -> None:
    """Its sessions are pseudonymised (session-k7m3q9): codings made on it cannot be
    placed back on passages, so nothing is imported, not even its new codes."""
    make_session(
        sessions_dir, "partnership-reflection", people=PEOPLE, answers={"equity-issues": EQUITY}
    )
    codebook.save(sessions_dir, starter.CODES)
    before = (sessions_dir / "codebook.yaml").read_bytes()
    project, edited = tmp_path / "p.qdpx", tmp_path / "coded.qdpx"
    assert cli("export", "--redact", "-o", str(project)).exit_code == 0
    address = _edit(project, edited)
    assert address.startswith("session-")
    for path in (project, edited):
        result = cli("codes", "import", str(path))
        assert result.exit_code == 2 and result.stderr.count("\n") == 1
        assert "exported with --redact" in result.stderr and address.split("/")[0] in result.stderr
        assert "Traceback" not in result.stderr
    assert (sessions_dir / "codebook.yaml").read_bytes() == before  # no code added
    assert codings.coders(sessions_dir) == []


def test_memos_come_back_from_notes(sessions_dir: Path, tmp_path: Path, cli: Any) -> None:
    """A note a QDA program's user wrote on a selection they coded is that coding's memo;
    reflect's own memos (exported as notes) come back unchanged."""
    make_session(
        sessions_dir, "partnership-reflection", people=PEOPLE, answers={"equity-issues": EQUITY}
    )
    codebook.save(sessions_dir, starter.CODES)
    project, edited = tmp_path / "p.qdpx", tmp_path / "coded.qdpx"
    assert cli("export", "-o", str(project)).exit_code == 0
    address = _edit(project, edited)  # Grace K codes the first selection
    with zipfile.ZipFile(edited) as archive:
        files = {n: archive.read(n) for n in archive.namelist()}
    root = ET.fromstring(files["project.qde"])
    q = f"{{{NS}}}"
    grace = next(u for u in root.iter(f"{q}User") if u.get("name") == "Grace K").get("guid")
    notes = ET.SubElement(root, f"{q}Notes")
    note = ET.SubElement(notes, f"{q}Note", guid=str(uuid.uuid4()), creatingUser=grace)
    ET.SubElement(note, f"{q}PlainTextContent").text = "Turnover 𝒶nd family"
    selection = next(s for s in root.iter(f"{q}PlainTextSelection") if s.get("name") == address)
    ET.SubElement(selection, f"{q}NoteRef", targetGUID=note.get("guid"))
    files["project.qde"] = ET.tostring(root, xml_declaration=True, encoding="utf-8")
    with zipfile.ZipFile(edited, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    assert cli("codes", "import", str(edited)).exit_code == 0
    (made,) = codings.load(sessions_dir, "grace-k").all()
    assert made.memo == "Turnover 𝒶nd family"
    # Round trip: exported again (the memo a note), imported again: the same coding.
    again = tmp_path / "again.qdpx"
    assert cli("export", "-o", str(again)).exit_code == 0
    assert cli("codes", "import", str(again)).exit_code == 0
    assert codings.load(sessions_dir, "grace-k").all() == [made]


def test_codings_of_another_folders_sessions_are_left_out(
    sessions_dir: Path, tmp_path: Path, cli: Any
) -> None:
    make_session(
        sessions_dir, "partnership-reflection", people=PEOPLE, answers={"equity-issues": EQUITY}
    )
    codebook.save(sessions_dir, starter.CODES)
    project, edited = tmp_path / "p.qdpx", tmp_path / "coded.qdpx"
    assert cli("export", "-o", str(project)).exit_code == 0
    _edit(project, edited)
    other = tmp_path / "other"
    make_session(other, "partnership-reflection", people=PEOPLE)
    result = cli("--sessions-dir", str(other), "codes", "import", str(edited))
    assert result.exit_code == 0, result.stderr
    assert "1 coding of sessions this folder does not have" in result.stderr
    assert codings.coders(other) == [] and codings.coders(sessions_dir) == []
