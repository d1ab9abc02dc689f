"""`reflect trends --redact`: no person, collaborative, site or (strict) organization in
any format, checked by `reflect check-names` on what was printed; the labels are the
ones `export --redact` shows with the same key; and the numbers do not change."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from evaluation_fixture import Built

AS_OF = ("--as-of", "2026-06-30")
SUFFIX = {"json": ".json", "csv": ".csv", "table": ".txt"}
#: A partnership whose partners gave no sector: a divergent round is told by its
#: organizations' medians, and one organization bears its founder's name.
MAPLE = {
    "collaborative": "Maple Leaf Coalition",
    "site": "Maple Leaf Elementary",
    "facilitator": "Alex Rivera",
    "date": "2026-03-12",
    "participants": [
        {"name": "Dana Whitfield", "organization": "Whitfield Tutoring", "role": "Tutor"},
        {"name": "Omar Haddad", "organization": "Greenwood Library", "role": "Librarian"},
        {"name": "Lena Okafor", "organization": "Greenwood Library", "role": "Volunteer"},
    ],
    "answers": {
        "partnership-type-now": "Cooperative",
        "partnership-type-wanted": "Integrated",
        "shared-leadership": {"ratings": {"dana": 5, "omar": 1, "lena": 1}},
        "effective-coordination": 3,
        "hallmarks-evidence": "lena: We share a calendar.",
    },
}


@pytest.fixture
def key(tmp_path: Path) -> Path:
    return tmp_path / "key"


@pytest.fixture
def folder(cli: Any, evaluation_sessions: Built, tmp_path: Path) -> Built:
    """The evaluation's folder and the Maple Leaf meeting."""
    answers = tmp_path / "maple.yaml"
    answers.write_text(yaml.safe_dump(MAPLE, allow_unicode=True), encoding="utf-8")
    result = cli("start", "equitable-partnerships", "--answers", str(answers), "--no-input")
    assert result.exit_code == 0, result.stderr
    return evaluation_sessions


def trends(cli: Any, key: Path, *args: str) -> Any:
    redacting = {"--redact", "--strict"} & set(args)
    keyed = ("--pseudonym-key", str(key)) if redacting else ()
    result = cli("trends", *AS_OF, *keyed, *args)
    assert result.exit_code == 0, result.stderr
    return result


def checked(cli: Any, key: Path, *files: Path) -> Any:
    """`reflect check-names` on the files, with the same key."""
    return cli("check-names", *map(str, files), "--pseudonym-key", str(key))


@pytest.mark.parametrize("strict", [False, True])
def test_no_name_is_left_in_any_format(
    cli: Any, folder: Built, key: Path, tmp_path: Path, strict: bool
) -> None:
    redact = "--strict" if strict else "--redact"
    written = []
    for fmt, suffix in SUFFIX.items():
        shown = trends(cli, key, redact, "--format", fmt).stdout
        assert "Collaborative " in shown and "Maple" not in shown
        path = tmp_path / f"trends-{fmt}{suffix}"
        path.write_text(shown, encoding="utf-8")
        written.append(path)
    found = checked(cli, key, *written)
    assert found.exit_code == 0 and found.stdout == "", found.stdout
    text = "\n".join(p.read_text(encoding="utf-8") for p in written)
    for organization in ("Whitfield Tutoring", "Greenwood Library"):
        # strict: by sector and code only; otherwise shown as `export --redact` shows it,
        # but never an organization that bears someone's name
        assert (organization in text) is (not strict and organization == "Greenwood Library")
    # The same outputs unredacted name them, and the check says so.
    plain = tmp_path / "plain.json"
    plain.write_text(trends(cli, key, "--json").stdout, encoding="utf-8")
    found = checked(cli, key, plain)
    assert found.exit_code == 2 and "Maple Leaf Coalition" in found.stdout


def _export(cli: Any, key: Path, *args: str) -> list[dict[str, Any]]:
    result = cli("export", "--format", "json", "--word", "Báo", "--pseudonym-key", str(key), *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


@pytest.mark.parametrize("strict", [False, True])
def test_labels_are_the_exports_with_the_same_key(
    cli: Any, folder: Built, key: Path, strict: bool
) -> None:
    redact = "--strict" if strict else "--redact"
    exported = {s["id"]: s for s in _export(cli, key, redact)}
    data = json.loads(trends(cli, key, redact, "--json").stdout)
    places = {s["collaborative"] for s in exported.values()}
    assert {k["collaborative"] for k in data["commitments"]} <= places
    rounds = [
        {**r, "period": p["period"]}
        for q in data["questions"]
        for p in q["periods"]
        for r in p.get("divergent", [])
    ]
    assert len(rounds) >= 3  # Rainier Vista twice, Maple Leaf once
    for row in rounds:
        session = exported[row["session_id"]]  # both data: the same stable session id
        assert row["partnership"] == session["collaborative"]
    # Maple Leaf's organizations as the export's roster shows them: Whitfield Tutoring
    # not at all (it bears Dana Whitfield's name), strict each by its code
    (maple,) = [r for r in rounds if r["n"] == 3]
    roster = exported[maple["session_id"]]["participants"]
    organizations = {p["organization"] for p in roster if p["organization"]}
    assert len(organizations) == (2 if strict else 1)
    assert all(o in maple["reasons"][-1] for o in organizations), maple["reasons"]


def test_the_numbers_are_the_same_redacted(cli: Any, folder: Built, key: Path) -> None:
    plain = json.loads(trends(cli, key, "--json").stdout)
    redacted = json.loads(trends(cli, key, "--redact", "--json").stdout)

    def numbers(data: dict[str, Any]) -> Any:
        text = json.dumps(data["questions"])
        for name in ("partnership", "session_id", "reasons"):
            text = _without(text, name)
        kept = sorted(
            tuple(v for k, v in row.items() if k != "collaborative") for row in data["commitments"]
        )
        return json.loads(text), kept

    assert numbers(plain) == numbers(redacted)


def _without(text: str, key: str) -> str:
    """JSON text with every value of ``key`` emptied."""

    def drop(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: ("" if k == key else drop(v)) for k, v in value.items()}
        if isinstance(value, list):
            return [drop(v) for v in value]
        return value

    return json.dumps(drop(json.loads(text)))


@pytest.mark.parametrize(
    "args",
    [["--name", "Hope"], ["--word", "May"], ["--pseudonym-key", "k"]],
)
def test_redaction_options_go_with_redact(cli: Any, args: list[str]) -> None:
    result = cli("trends", *args)
    assert result.exit_code == 2 and "--redact" in result.stderr


def test_only_what_trends_counts_is_redacted(cli: Any, folder: Built, key: Path) -> None:
    """A written answer's everyday word stops `export --redact` until it is decided; trends
    shows no written answer, so it never asks (the fixture's "Báo" is such a word)."""
    keyed = ("--pseudonym-key", str(key))
    stopped = cli("export", "--redact", "--format", "json", *keyed)
    assert stopped.exit_code == 2 and "Báo" in stopped.stderr
    trends(cli, key, "--redact", "--json", "--per", "session")  # every session read
