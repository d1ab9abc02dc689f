"""Every REFI-QDA project (.qdpx) and codebook (.qdc) reflect writes is valid against the
published schemas (Project.xsd, Codebook.xsd in tests/data/refi-qda/), checked by the
schema validator ``xmlschema``: plain and redacted, with two coders' codings, and for
generated text and codebooks (any characters, nested codes)."""

from __future__ import annotations

import unicodedata
import zipfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from refi_schemas import codebook_errors, project_errors
from reflect_cli.coding import codebook, codings, passages
from reflect_cli.coding.codebook import Code, Codebook
from reflect_cli.controls import visible
from reflect_cli.records.store import Store
from reflect_cli.render.coding import refi
from reflect_cli.render.coding.shown import Shown
from test_render_coding_refi import _folder


def _second_coder(sessions_dir: Path, sid: str) -> None:
    """bob codes what ana coded, differently, with a memo and a 'none applies'."""
    found = list(passages.of_session(Store(sessions_dir).load(sid)))
    bob = codings.Codings("bob")
    bob.put(
        codings.Coding(
            found[0].address,
            found[0].fingerprint,
            ("power-dynamics", "family-engagement"),
            coded="2026-12-07T04:10:00Z",
            memo="parents <not> asked & left out",
        )
    )
    bob.put(
        codings.Coding(found[1].address, found[1].fingerprint, (), coded="2026-12-07T04:11:00Z")
    )
    codings.save(sessions_dir, bob)


def test_projects_and_codebooks_reflect_writes_are_valid(
    sessions_dir: Path, tmp_path: Path, cli: Any
) -> None:
    sid = _folder(sessions_dir)
    _second_coder(sessions_dir, sid)
    for extra in ([], ["--redact"]):
        out = tmp_path / f"project{len(extra)}.qdpx"
        result = cli("export", "-f", "qdpx", *extra, "-o", str(out))
        assert result.exit_code == 0, result.stderr
        assert project_errors(out) == []
        with zipfile.ZipFile(out) as archive:
            qde = archive.read("project.qde").decode("utf-8")
        assert qde.count("<Coding ") > 0 and "<User " in qde
    printed = cli("codes", "export")
    assert printed.exit_code == 0 and codebook_errors(printed.stdout) == []
    written = tmp_path / "codebook.qdc"
    assert cli("codes", "export", "-o", str(written)).exit_code == 0
    assert codebook_errors(written.read_text(encoding="utf-8")) == []


def test_the_schemas_refuse_what_they_should(sessions_dir: Path, tmp_path: Path, cli: Any) -> None:
    """The validator can fail: a GUID out of pattern, a code without isCodable."""
    _folder(sessions_dir)
    out = tmp_path / "p.qdpx"
    assert cli("export", "-o", str(out)).exit_code == 0
    with zipfile.ZipFile(out) as archive:
        files = {n: archive.read(n) for n in archive.namelist()}
    broken = tmp_path / "broken.qdpx"
    qde = files["project.qde"].decode("utf-8").replace('isCodable="true"', "", 1)
    with zipfile.ZipFile(broken, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, qde if name == "project.qde" else data)
    assert project_errors(broken)
    printed = cli("codes", "export").stdout
    assert codebook_errors(printed.replace('guid="', 'guid="x', 1))


def test_an_empty_codebook_is_refused_not_written_invalid(
    sessions_dir: Path, tmp_path: Path, cli: Any
) -> None:
    sessions_dir.mkdir(parents=True, exist_ok=True)
    (sessions_dir / "codebook.yaml").write_text("codebook: 1\ncodes: []\n", encoding="utf-8")
    out = tmp_path / "empty.qdc"
    result = cli("codes", "export", "-o", str(out))
    assert result.exit_code == 2 and not out.exists()
    assert result.stderr.count("\n") == 1 and "no codes" in result.stderr


_TEXT = st.text(st.characters(codec="utf-8"), max_size=40)
_NAME = _TEXT.map(lambda t: " ".join(t.split())).filter(bool)


@st.composite
def _codebooks(draw: st.DrawFn) -> Codebook:
    count = draw(st.integers(1, 6))
    codes = []
    for n in range(count):
        parent = draw(st.sampled_from(["", *(c.id for c in codes)]))
        colour = draw(st.sampled_from(["", "#00aa11", "#C0392B"]))
        codes.append(Code(f"c{n}", draw(_NAME), draw(_TEXT), parent, colour))
    return Codebook(tuple(codes))


@settings(max_examples=60, deadline=None)
@given(book=_codebooks())
def test_any_codebook_is_a_valid_qdc(book: Codebook) -> None:
    assert codebook_errors(refi.codebook_xml(book)) == []


def test_any_passage_text_gives_a_valid_project(sessions_dir: Path, tmp_path: Path) -> None:
    """Text as people type it (controls, surrogates' neighbours, CJK, RTL, emoji): the
    project stays valid and every selection still gives back its passage, control
    characters shown as escapes as every export shows them (a right-to-left override
    must not draw a name), with the passage's own fingerprint."""
    sid = _folder(sessions_dir)
    session = Store(sessions_dir).load(sid)
    book = codebook.load(sessions_dir)
    answer = session.find("equity-issues")
    assert answer is not None

    @settings(
        max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
    )
    @given(lines=st.lists(_TEXT, min_size=1, max_size=4))
    @example(lines=["\u202eacinoM\u202c \ufffe \x1b"])
    def check(lines: list[str]) -> None:
        answer.answer = "\n".join(["lan: " + lines[0], *lines[1:]])
        files = refi.project([session], book, {}, Shown())
        qdpx = tmp_path / "generated.qdpx"
        qdpx.write_bytes(refi.zipped(files))
        assert project_errors(qdpx) == []
        (text,) = (t for n, t in files.items() if n.startswith("sources/"))
        assert "\r" not in text and not text.startswith("\ufeff")
        assert text == unicodedata.normalize("NFC", text)
        placed = refi.source(session, Shown())
        given_back = {str(a): text[start:end] for a, start, end, _, _ in placed.selections}
        assert given_back == {
            str(p.address): unicodedata.normalize("NFC", visible(p.text))
            for p in passages.of_session(session)
        }
        assert not set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069") & set(text)
        for p in passages.of_session(session):
            assert passages.fingerprint(given_back[str(p.address)]) == p.fingerprint

    check()
