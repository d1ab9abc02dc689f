"""`reflect codes report`: counts per code, period and question, codes together,
agreement between two coders, CSV, and excerpts redacted with stable pseudonyms."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from conftest import make_session
from reflect_cli.coding import codebook, codings, passages, starter
from reflect_cli.records.store import Store

PEOPLE = [
    "Nguyễn Thị Lan | Rainier Vista Elementary | Principal | lan",
    "Grace Kim | Rainier Vista PTA | Parent | grace",
]


def _folder(sessions_dir: Path) -> list[passages.Passage]:
    for date, collaborative in (
        ("2024-09-10", "Rainier Vista Partners"),
        ("2025-09-10", "Rainier Vista Partners"),
        ("2025-10-01", "Lake Hills Partners"),
    ):
        make_session(
            sessions_dir,
            "partnership-reflection",
            date=date,
            collaborative=collaborative,
            people=PEOPLE,
            answers={"equity-issues": "lan: Nguyễn Thị Lan left in March.\ngrace: Families first."},
        )
    codebook.save(sessions_dir, starter.CODES)
    store = Store(sessions_dir)
    return passages.of_sessions(store.read(reversed(store.summaries()[0])))


def _code(
    folder: Path, coder: str, found: list[passages.Passage], codes: list[tuple[str, ...]]
) -> None:
    mine = codings.Codings(coder)
    for passage, given in zip(found, codes, strict=False):
        mine.put(codings.Coding(passage.address, passage.fingerprint, given))
    codings.save(folder, mine)


def _report(cli: Any, *args: str) -> dict[str, Any]:
    result = cli("codes", "report", "--json", *args)
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_counts_by_code_period_and_question(sessions_dir: Path, cli: Any) -> None:
    found = _folder(sessions_dir)
    turnover, family = ("turnover",), ("family-engagement",)
    _code(sessions_dir, "ana", found, [turnover, family, turnover, family, turnover, ()])
    data = _report(cli)
    counts = {
        (c["section"], c["code"], c["group"]): (c["passages"], c["partnerships"])
        for c in data["counts"]
    }
    assert counts[("code", "turnover", "")] == (3, 2)
    assert counts[("code", "family-engagement", "")] == (2, 1)
    assert counts[("period", "turnover", "2024-25")] == (1, 1)
    assert counts[("period", "turnover", "2025-26")] == (2, 2)
    assert counts[("question", "turnover", "equity-issues")] == (3, 2)
    assert counts[("site", "turnover", "Northgate Elementary")] == (3, 2)
    assert data["decided"] == 6 and data["passages"] == 6 and "agreement" not in data


def test_agreement_between_two_coders(sessions_dir: Path, cli: Any) -> None:
    found = _folder(sessions_dir)
    t, f = ("turnover",), ("family-engagement",)
    _code(sessions_dir, "ana", found, [t, f, t, f, t, f])
    _code(sessions_dir, "ben", found, [t, f, t, (), t, ("turnover", "family-engagement")])
    data = _report(cli)
    pair = data["agreement"]["pairs"][0]
    assert pair["coders"] == ["ana", "ben"] and pair["passages"] == 6
    # turnover: ana T F T F T F, ben T F T F T T: po 5/6, pe .5*.667+.5*.333 = .5: 2/3.
    assert pair["kappa"]["turnover"] == pytest.approx(2 / 3, abs=1e-4)
    # family: ana F T F T F T, ben F T F F F T: po 5/6, pe .5*.333+.5*.667 = .5: 2/3.
    assert pair["kappa"]["family-engagement"] == pytest.approx(2 / 3, abs=1e-4)
    assert pair["kappa"]["data-access"] is None
    assert [d["passage"] for d in pair["differences"]] == [
        str(found[3].address),
        str(found[5].address),
    ]
    text = cli("codes", "report").stdout
    assert "Krippendorff's alpha" in text and str(found[3].address) in text


def test_csv_is_one_long_table(sessions_dir: Path, cli: Any) -> None:
    found = _folder(sessions_dir)
    _code(sessions_dir, "ana", found, [("turnover", "power-dynamics")])
    result = cli("codes", "report", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {
        "section": "together",
        "code": "turnover",
        "group": "power-dynamics",
        "passages": "1",
        "partnerships": "",
        "value": "",
    } in rows


def test_redacted_excerpts_name_no_one_and_keep_their_pseudonyms(
    sessions_dir: Path, cli: Any
) -> None:
    found = _folder(sessions_dir)
    _code(sessions_dir, "ana", found, [("turnover",)] * 6)
    first = cli("codes", "report", "--json", "--redact")
    assert first.exit_code == 0, first.stderr
    for name in (
        "Nguyễn",
        "Thị Lan",
        "Grace",
        "lan:",
        "Rainier Vista Partners",
        "rainier-vista-partners",
    ):
        assert name not in first.stdout
    again = cli("codes", "report", "--json", "--redact", "--excerpts", "1")
    excerpt = json.loads(again.stdout)["excerpts"][0]
    assert excerpt == json.loads(first.stdout)["excerpts"][0]  # the same key, the same labels
    assert excerpt["passage"].startswith("session-")


def test_bad_options_are_one_line(sessions_dir: Path, cli: Any) -> None:
    _folder(sessions_dir)
    for args in (("--by", "decade"), ("--format", "xlsx"), ("--coder", "../x")):
        result = cli("codes", "report", *args)
        assert result.exit_code == 2 and result.stderr.count("\n") == 1


def test_a_code_gone_from_the_codebook_is_reported_never_dropped(
    sessions_dir: Path, tmp_path: Path, cli: Any
) -> None:
    """A coding still gives a code the codebook no longer has (another coder removed it):
    validate names it (exit 2), the report counts it under its id and says so, the
    project keeps it as a code of its own (still valid), and --code steps through it."""
    from refi_schemas import project_errors

    found = _folder(sessions_dir)
    mine = codings.load(sessions_dir, "ana")
    given = (("turnover",), ("turnover", "data-access"), ())
    for passage, codes in zip(found[:3], given, strict=True):
        mine.put(codings.Coding(passage.address, passage.fingerprint, codes))
    codings.save(sessions_dir, mine)
    assert cli("codes", "validate").exit_code == 0
    codebook.save(sessions_dir, [c for c in starter.CODES if c.id != "turnover"])

    checked = cli("codes", "validate")
    assert checked.exit_code == 2 and checked.stderr.count("\n") == 1
    assert "codings give codes it lacks: turnover (ana 2)" in checked.stderr

    report = cli("codes", "report", "--json")
    assert report.exit_code == 0
    assert "codes not in codebook.yaml: turnover" in report.stderr
    data = json.loads(report.stdout)
    assert data["not_in_codebook"] == ["turnover"]
    counts = {(c["section"], c["code"]): c["passages"] for c in data["counts"]}
    assert counts[("code", "turnover")] == 2 and counts[("code", "data-access")] == 1
    assert {e["code"] for e in data["excerpts"]} == {"turnover", "data-access"}
    shown = cli("codes", "report").stdout
    assert "turnover" in shown and "(not in the codebook)" in shown

    project = tmp_path / "p.qdpx"
    exported = cli("export", "-o", str(project))
    assert exported.exit_code == 0 and "not in codebook.yaml: turnover" in exported.stderr
    assert project_errors(project) == []

    review = cli("code", "--coder", "ana", "--code", "turnover", input="3\n4\n")
    assert review.exit_code == 0, review.stderr
    assert "turnover (not in the codebook)" in review.stdout + review.stderr, review.output
    assert cli("codes", "validate").exit_code == 0  # recoded: nothing points at it now
