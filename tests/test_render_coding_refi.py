"""The REFI-QDA project (.qdpx) and codebook (.qdc), read back by an independent reader
(pyrefiqda, whose models are generated from the REFI-QDA schemas): every selection's
offsets give back exactly its passage, counted in code points, beyond the Basic
Multilingual Plane too; redacted, no one is named and GUIDs stay stable."""

from __future__ import annotations

import unicodedata
import zipfile
from pathlib import Path
from typing import Any

from pyrefiqda import RefiCodebook, RefiProject

from conftest import make_session
from reflect_cli.coding import codebook, codings, passages, starter
from reflect_cli.records.store import Store

PEOPLE = [
    "Nguyễn Thị Lan | Rainier Vista Elementary | Principal | lan",
    "Jose\u0301 Rami\u0301rez | Casa Latina | Organizer | jose",  # decomposed accents
    "Hope Ellis | Hope Ellis Tutoring | Owner | hope",
]
EQUITY = "\n".join(
    [
        "lan: Families 𝒶re at the table: ቤተሰብ 家庭 🙂.",
        "jose: Me\u0301xico-born parents were not asked.",
        "hope: Turnover hurt us.",
    ]
)


def _folder(sessions_dir: Path) -> str:
    sid = make_session(
        sessions_dir, "partnership-reflection", people=PEOPLE, answers={"equity-issues": EQUITY}
    )
    codebook.save(sessions_dir, starter.CODES)
    store = Store(sessions_dir)
    found = list(passages.of_session(store.load(sid)))
    mine = codings.Codings("ana")
    mine.put(
        codings.Coding(
            found[0].address,
            found[0].fingerprint,
            ("family-engagement",),
            coded="2026-12-07T03:50:00Z",
        )
    )
    mine.put(
        codings.Coding(
            found[2].address, found[2].fingerprint, ("turnover",), coded="2026-12-07T03:51:00Z"
        )
    )
    codings.save(sessions_dir, mine)
    return sid


def _load(path: Path, tmp_path: Path) -> tuple[Any, dict[str, str]]:
    extract = tmp_path / "extracted"
    project = RefiProject.load(path, extract_dir=str(extract))
    texts = {
        s.guid: (extract / "sources" / s.plain_text_path.removeprefix("internal://"))
        .read_bytes()
        .decode("utf-8")
        for s in project.sources.text_source
    }
    return project, texts


def test_every_selection_gives_back_its_passage(
    sessions_dir: Path, tmp_path: Path, cli: Any
) -> None:
    sid = _folder(sessions_dir)
    out = tmp_path / "p.qdpx"
    result = cli("export", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    project, texts = _load(out, tmp_path)
    session = Store(sessions_dir).load(sid)
    expected = {
        str(p.address): unicodedata.normalize("NFC", p.text) for p in passages.of_session(session)
    }
    (source,) = project.sources.text_source
    text = texts[source.guid]
    assert not text.startswith("\ufeff") and "\r" not in text
    assert text == unicodedata.normalize("NFC", text)
    seen = {}
    for selection in source.plain_text_selection:
        seen[selection.name] = text[selection.start_position : selection.end_position]
    assert seen == expected
    assert "𝒶" in seen[f"{sid}/equity-issues/1"]  # beyond the BMP: one code point
    codes = {c.guid: c.name for c in _walk(project.code_book.codes.code)}
    coded = {
        s.name: sorted(codes[c.code_ref.target_guid] for c in s.coding)
        for s in source.plain_text_selection
    }
    assert coded[f"{sid}/equity-issues/1"] == ["Family engagement", "equity", "equity-issues"]
    users = {u.guid: u.name for u in project.users.user}
    assert sorted(users.values()) == ["ana", "reflect"]
    by_ana = [
        c for s in source.plain_text_selection for c in s.coding if users[c.creating_user] == "ana"
    ]
    assert len(by_ana) == 2
    cases = {c.name for c in project.cases.case}
    assert "Northgate Elementary OST" in cases and "Nguyễn Thị Lan" in cases


def _walk(codes: list[Any]) -> list[Any]:
    found = []
    for code in codes:
        found.append(code)
        found += _walk(code.code)
    return found


def test_a_redacted_project_names_no_one_and_keeps_its_guids(
    sessions_dir: Path, tmp_path: Path, cli: Any
) -> None:
    sid = _folder(sessions_dir)
    first, second = tmp_path / "a.qdpx", tmp_path / "b.qdpx"
    assert cli("export", "--redact", "-o", str(first)).exit_code == 0
    assert cli("export", "--redact", "-f", "qdpx", "-o", str(second)).exit_code == 0
    assert first.read_bytes() == second.read_bytes()  # the same key: the same project
    with zipfile.ZipFile(first) as archive:
        everything = "\n".join(archive.read(n).decode("utf-8") for n in archive.namelist())
    for name in (
        "Nguyễn",
        "Thị Lan",
        "Ramírez",
        "Rami\u0301rez",
        "Hope Ellis",
        "lan:",
        "jose:",
        sid,
        "Northgate",
    ):
        assert name not in everything
    project, texts = _load(first, tmp_path)
    assert all(c.description == "partnership" for c in project.cases.case)  # no people
    (source,) = project.sources.text_source
    assert source.name.startswith("session-")
    for selection in source.plain_text_selection:
        assert texts[source.guid][selection.start_position : selection.end_position].strip()


def test_qdpx_needs_a_file(sessions_dir: Path, cli: Any) -> None:
    _folder(sessions_dir)
    result = cli("export", "-f", "qdpx")
    assert result.exit_code == 2 and "qdpx" in result.stderr


def test_the_codebook_as_qdc(sessions_dir: Path, tmp_path: Path, cli: Any) -> None:
    _folder(sessions_dir)
    cli(
        "codes",
        "add",
        "bus-routes",
        "--name",
        "Bus routes & <stops>",
        "--parent",
        "coordination-communication",
        "--colour",
        "#00aa11",
    )
    out = tmp_path / "c.qdc"
    assert cli("codes", "export", "-o", str(out)).exit_code == 0
    book = RefiCodebook.load(out)
    top = book.codes.code
    assert [c.name for c in top] == [c.name for c in starter.CODES]
    parent = next(c for c in top if c.name == "Coordination and communication")
    (child,) = parent.code
    assert child.name == "Bus routes & <stops>" and child.color == "#00AA11"
    assert "“turnover in leadership”" in next(c for c in top if c.name == "Turnover").description
    printed = cli("codes", "export")
    assert printed.stdout.startswith("<?xml") and "urn:QDA-XML:codebook:1.0" in printed.stdout


def test_a_redacted_project_redacts_a_question_text_that_names_someone(
    sessions_dir: Path, tmp_path: Path, cli: Any
) -> None:
    """The record's copy of its question can be anyone's words (a protocol edited for the
    partnership); in a redacted project it passes the redactor like what people said,
    in the source's heading and in the codebook's question codes alike."""
    sid = _folder(sessions_dir)
    record = next(sessions_dir.glob(f"{sid}*.yaml"))
    text = record.read_text(encoding="utf-8")
    prompt = next(line for line in text.splitlines() if "prompt:" in line and "quity" in line)
    record.write_text(
        text.replace(prompt, prompt.split("prompt:")[0] + "prompt: What did Nguyễn Thị Lan see?"),
        encoding="utf-8",
    )
    out = tmp_path / "p.qdpx"
    result = cli("export", "--redact", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    with zipfile.ZipFile(out) as archive:
        everything = "\n".join(archive.read(n).decode("utf-8") for n in archive.namelist())
    assert "What did" in everything  # the question is there,
    assert "Nguyễn" not in everything and "Thị Lan" not in everything  # its name is not


def test_memos_are_notes_and_participants_carry_their_sector(
    sessions_dir: Path, tmp_path: Path, cli: Any
) -> None:
    """Each memo is a REFI-QDA Note by its coder, referred to by its selection; each
    participant's case has the sector variable; redacted, a memo's names are replaced
    and the project is still valid."""
    from refi_schemas import project_errors
    from reflect_cli.model import Sector

    sid = _folder(sessions_dir)
    store = Store(sessions_dir)
    session = store.load(sid)
    session.participants[0].sector = Sector.SCHOOL
    store.save(session)
    mine = codings.load(sessions_dir, "ana")
    first = next(iter(mine.by_address.values()))
    mine.put(codings.Coding(first.address, first.fingerprint, first.codes, "Lan says <trust> & 𝒶"))
    codings.save(sessions_dir, mine)

    out = tmp_path / "p.qdpx"
    assert cli("export", "-o", str(out)).exit_code == 0
    assert project_errors(out) == []
    project, _ = _load(out, tmp_path)
    users = {u.guid: u.name for u in project.users.user}
    (note,) = project.notes.note
    assert note.plain_text_content == "Lan says <trust> & 𝒶"
    assert users[note.creating_user] == "ana" and note.name == f"memo by ana on {first.address}"
    (source,) = project.sources.text_source
    refs = {s.name: [r.target_guid for r in s.note_ref] for s in source.plain_text_selection}
    assert refs[str(first.address)] == [note.guid]
    assert sum(len(r) for r in refs.values()) == 1
    variables = {v.guid: v.name for v in project.variables.variable}
    sectors = {
        c.name: {variables[v.variable_ref.target_guid]: v.text_value for v in c.variable_value}
        for c in project.cases.case
        if c.description == "participant"
    }
    assert sectors["Nguyễn Thị Lan"] == {"sector": "school"}
    assert sectors["Hope Ellis"] == {"sector": ""}  # the roster gave none

    redacted = tmp_path / "r.qdpx"
    result = cli("export", "--redact", "-o", str(redacted))
    assert result.exit_code == 0, result.stderr
    assert project_errors(redacted) == []
    project, _ = _load(redacted, tmp_path / "r")
    (note,) = project.notes.note
    assert "Lan" not in note.plain_text_content and "<trust> & 𝒶" in note.plain_text_content
