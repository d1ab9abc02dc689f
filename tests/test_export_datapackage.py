"""`reflect export --format datapackage`: tidy tables an evaluator loads with no options.

The package is validated with the `frictionless` library (types, primary keys, every
foreign key), loaded with pandas and DuckDB as they are, and its row counts are checked
against counts made here from the YAML records, read without reflect.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import zipfile
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pytest
from frictionless import Package, validate

import datapackage_fixture as fixture
from labels import PERSON
from reflect_cli.model import SECTORS


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fixture.built_once(tmp_path_factory.mktemp("evaluation"))


@pytest.fixture
def folder(built: Path, sessions_dir: Path) -> Path:
    return fixture.copied(built, sessions_dir)


TABLES = [
    "sessions",
    "people",
    "participants",
    "answers",
    "choices",
    "ratings",
    "utterances",
    "codings",
    "commitments",
    "follow_ups",
]
#: Everyone's name and handle: none may be in a redacted package.
SECRETS = [
    fixture.LAN,
    "Nguyen",
    fixture.XIAOMING,
    fixture.TSEHAY,
    "José",
    "Nuñez",
    "Grace May",
    "Justice Hope",
    "Monica Haugen",
    "Monica Reyes",
    "Hope Ellis",
    "May Tesfaye",
    "Alex Rivera",
    "Lake Hills Partnership",
    "Rainier Beach",
    "xiaoming",
    "mreyes",
]


def export(cli: Any, *args: str) -> Any:
    result = cli("export", "-f", "datapackage", *args)
    assert result.exit_code == 0, result.stderr
    return result


def query(sql: str) -> list[tuple[Any, ...]]:
    """A DuckDB query's rows, as an analyst would run it."""
    with duckdb.connect() as connection:
        return connection.execute(sql).fetchall()


def counts(records: list[dict[str, Any]]) -> dict[str, int]:
    """Each table's rows, counted from the records as plain data."""
    expected = dict.fromkeys(TABLES, 0)
    people: set[tuple[str, str]] = set()
    for record in records:
        expected["sessions"] += 1
        expected["participants"] += len(record["participants"])
        people |= {(p["name"], p["organization"]) for p in record["participants"]}
        expected["commitments"] += len(record["actions"])
        expected["follow_ups"] += len(record["follow_up"])
        for domain in record["domains"]:
            for question in domain["questions"]:
                expected["answers"] += 1
                answer = question["answer"]
                # An anonymous round is stored as counts per organization and value.
                rated = sum(r.get("count", 1) for r in question.get("ratings", []))
                if question.get("round"):
                    # An anonymous round of one rating shows none of it.
                    shown = rated >= 2 or question["round"] == "named"
                    expected["ratings"] += rated if shown else 0
                elif question["kind"] == "multi":
                    expected["choices"] += len(answer or [])
                elif question["kind"] == "choice":
                    expected["choices"] += 1 if answer else 0
                if isinstance(answer, str) and (
                    question["kind"] == "text" or question.get("round")
                ):
                    expected["utterances"] += sum(1 for line in answer.splitlines() if line.strip())
    expected["people"] = len(people)
    return expected


def test_the_package_is_valid_and_loads_with_no_options(cli: Any, folder: Path) -> None:
    export(cli, "-o", "package")
    report = validate("package/datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    expected = counts(fixture.records(folder))
    assert expected["ratings"] and expected["utterances"] and expected["choices"]
    for table in TABLES:
        frame = pd.read_csv(f"package/{table}.csv")
        assert len(frame) == expected[table], table
        in_duckdb = query(f"SELECT count(*) FROM 'package/{table}.csv'")
        assert in_duckdb == [(expected[table],)], table
        assert set(frame["format_version"]) == ({1} if expected[table] else set())
    # DuckDB reads dates as dates and flags as booleans, unasked.
    described = query("DESCRIBE SELECT * FROM 'package/sessions.csv'")
    types = {row[0]: row[1] for row in described}
    assert types["date"] == "DATE" and types["redacted"] == "BOOLEAN"
    assert sorted(os.listdir("package")) == sorted(
        [*(f"{t}.csv" for t in TABLES), "datapackage.json"]
    )


def test_every_foreign_key_resolves(cli: Any, folder: Path) -> None:
    export(cli, "-o", "package")
    descriptor = json.loads(Path("package/datapackage.json").read_text(encoding="utf-8"))
    frames = {
        r["name"]: pd.read_csv(Path("package") / r["path"], dtype=str)
        for r in descriptor["resources"]
    }
    checked = 0
    for resource in descriptor["resources"]:
        for key in resource["schema"].get("foreignKeys", []):
            rows = frames[resource["name"]][key["fields"]].dropna()
            target = frames[key["reference"]["resource"]][key["reference"]["fields"]]
            known = set(map(tuple, target.to_numpy().tolist()))
            missing = [r for r in map(tuple, rows.to_numpy().tolist()) if r not in known]
            assert not missing, (resource["name"], key, missing)
            checked += len(rows)
        primary = resource["schema"]["primaryKey"]
        assert not frames[resource["name"]].duplicated(primary).any(), resource["name"]
    assert checked > 50


@pytest.mark.parametrize(
    ("table", "column", "allowed"),
    [("participants", "sector", SECTORS), ("participants", "attendance", None)],
)
def test_a_value_outside_a_columns_set_is_an_error(
    cli: Any, folder: Path, table: str, column: str, allowed: tuple[str, ...] | None
) -> None:
    """A column of a few values says which (from the model's enum: one source), and
    frictionless refuses a package where a cell holds another."""
    export(cli, "-o", "package")
    descriptor = json.loads(Path("package/datapackage.json").read_text(encoding="utf-8"))
    (resource,) = (r for r in descriptor["resources"] if r["name"] == table)
    (field,) = (f for f in resource["schema"]["fields"] if f["name"] == column)
    enum = field["constraints"]["enum"]
    assert allowed is None or enum == list(allowed)
    path = Path("package") / f"{table}.csv"
    with path.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    assert rows and all(row[column] in [*enum, ""] for row in rows)
    rows[0][column] = "church"
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    report = validate("package/datapackage.json")
    assert not report.valid
    errors = report.flatten(["fieldName", "rowNumber"])
    assert [column, 2] in errors


def read(table: str, where: str = "package") -> pd.DataFrame:
    return pd.read_csv(Path(where) / f"{table}.csv", dtype=str, keep_default_na=False)


def test_cells_and_names_come_back_exactly(cli: Any, folder: Path) -> None:
    """Commas, quotes, newlines, a CRLF, a leading '=' and every script read back as
    written; a name typed with combining marks keeps them."""
    export(cli, "-o", "package")
    answers = read("answers").set_index(["session_id", "question_id"])
    first = fixture.records(folder)[0]["id"]
    # As every export shows it: a speaker's handle before their words is their name.
    shown = fixture.HARD_TEXT
    for handle, name in (("lan", fixture.LAN), ("grace", "Grace May"), ("xiaoming", "王小明")):
        shown = re.sub(rf"(?m)^{handle}:", f"{name}:", shown)
    assert answers.loc[(first, "evidence"), "text"] == shown
    names = set(read("participants")["name"])
    assert {fixture.LAN, fixture.XIAOMING, fixture.TSEHAY, fixture.JOSE} <= names
    assert "Jose\u0301" in fixture.JOSE  # decomposed, and kept so
    commitments = read("commitments")
    assert set(commitments["text"]) == {
        'Share the calendar, "v2", with families',
        "=HYPERLINK(call the district)",
    }
    lines = read("utterances")
    assert "=SUM(A1:A2) was typed as is" in set(lines["text"])


def test_what_each_table_says(cli: Any, folder: Path) -> None:
    """Skipped is not chose-none; values are numbers or labels, never both; a closed
    commitment says when and where; anonymous ratings name no one."""
    first, second, third = (r["id"] for r in fixture.records(folder))
    export(cli, "-o", "package")
    answers = read("answers").set_index(["session_id", "question_id"])
    assert answers.loc[(second, "helping"), ["skipped", "choices_n"]].tolist() == ["true", "0"]
    assert answers.loc[(first, "helping"), ["skipped", "choices_n"]].tolist() == ["false", "2"]
    assert answers.loc[(second, "strength"), ["value_number", "value_label"]].tolist() == [
        "5",
        "Strong",
    ]
    assert answers.loc[(second, "ready"), ["value_number", "value_label"]].tolist() == ["0", "no"]
    assert answers.loc[(first, "main-barrier"), ["value_number", "value_label"]].tolist() == [
        "",
        "Time",
    ]
    sessions = read("sessions").set_index("session_id")
    assert sessions.loc[[first, second, third], "school_year"].tolist() == [
        "2024-25",
        "2024-25",
        "2025-26",
    ]
    commitments = read("commitments").set_index(["session_id", "commitment_number"])
    closed = commitments.loc[(first, "1")]
    assert [closed["status"], closed["closed_on"], closed["closed_in"]] == [
        "done",
        "2025-03-10",
        second,
    ]
    assert closed["owner"] == "Grace May" and closed["owner_person_id"]
    outside = commitments.loc[(first, "2")]
    assert [outside["owner"], outside["owner_person_id"], outside["status"]] == [
        "district office",
        "",
        "open",
    ]
    ratings = read("ratings")
    anonymous = ratings[ratings["round_kind"] == "anonymous"]
    assert set(anonymous["person_id"]) == {""} and len(anonymous) == 11
    # Organizations of one are pooled as every summary pools them.
    assert "Hope Family Center" not in set(anonymous["organization_group"])
    assert not (ratings["session_id"] == third)[ratings["question_id"] == "leadership"].any()
    named = ratings[ratings["round_kind"] == "named"]
    assert "" not in set(named["person_id"])
    lines = read("utterances")
    by_line = {
        (r.question_id, r.line_number): r.person_id
        for r in lines[lines.session_id == first].itertuples()
    }
    people = read("participants").set_index(["session_id", "name"])["person_id"]
    assert by_line[("evidence", "1")] == people[(first, fixture.LAN)]
    assert by_line[("evidence", "2")] == ""  # no speaker prefix
    assert by_line[("evidence", "6")] == ""  # "Monica:" names two people
    assert ("evidence", "4") not in by_line  # a blank line is no utterance
    # One person, one id, in every session; two Monicas, two ids.
    assert people[(first, "Grace May")] == people[(second, "Grace May")]
    assert people[(first, "Monica Haugen")] != people[(first, "Monica Reyes")]


def test_private_notes_only_when_asked(cli: Any, folder: Path) -> None:
    export(cli, "-o", "plain")
    everything = "".join(p.read_text(encoding="utf-8") for p in Path("plain").iterdir())
    assert "Lan seemed upset" not in everything and not Path("plain/notes.csv").exists()
    export(cli, "-o", "private", "--include-private")
    notes = read("notes", "private")
    assert list(notes["text"]) == ["Private: Lan seemed upset"]
    assert validate("private/datapackage.json").valid


def test_redacted_package_names_no_one(cli: Any, folder: Path) -> None:
    # "Hope" is Justice Hope's family name and a word in "Hope Family Center": decided.
    result = export(cli, "-o", "redacted", "--redact", "--word", "Hope", "--name", "district")
    assert "Redacted" in result.stderr
    report = validate("redacted/datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    for path in Path("redacted").iterdir():
        text = path.read_text(encoding="utf-8")
        for secret in SECRETS:
            assert secret.lower() not in text.lower(), (path.name, secret)
    people = read("participants", "redacted")
    assert all(re.fullmatch(rf"person-{PERSON.lower()}", pid) for pid in people["person_id"])
    # The same person keeps one id across sessions; the tables still join.
    ids = people.groupby("name")["person_id"].nunique()
    assert (ids == 1).all()
    assert set(read("sessions", "redacted")["redacted"]) == {"true"}
    assert set(read("sessions", "redacted")["facilitator"]) == {""}
    counted = counts(fixture.records(folder))
    for table in TABLES:
        assert len(read(table, "redacted")) == counted[table], table


def test_a_zip_holds_the_same_files(cli: Any, folder: Path) -> None:
    export(cli, "-o", "package")
    result = cli("export", "-o", "package.zip")  # the suffix says which format
    assert result.exit_code == 0, result.stderr
    with zipfile.ZipFile("package.zip") as archive:
        inside = {name: archive.read(name) for name in archive.namelist()}
    assert inside == {p.name: p.read_bytes() for p in Path("package").iterdir()}
    assert Package("package.zip").get_resource("answers").read_rows()
    again = cli("export", "-o", "package.zip")
    assert again.exit_code == 2 and "--force" in again.stderr  # never overwritten unasked
    assert os.stat("package.zip").st_mode & 0o777 == 0o600


def test_where_a_package_may_be_written(cli: Any, folder: Path, tmp_path: Path) -> None:
    result = cli("export", "-f", "datapackage")
    assert result.exit_code == 2 and "-o FOLDER" in result.stderr
    Path("full").mkdir()
    Path("full/keep.txt").write_text("mine", encoding="utf-8")
    result = cli("export", "-f", "datapackage", "-o", "full")
    assert result.exit_code == 2 and "not empty" in result.stderr and "--force" in result.stderr
    assert os.listdir("full") == ["keep.txt"]
    export(cli, "-o", "full", "--force")
    assert Path("full/keep.txt").read_text(encoding="utf-8") == "mine"
    assert Path("full/sessions.csv").is_file()
    # A link as the folder is refused; a link inside is replaced, never followed.
    Path("elsewhere").mkdir()
    Path("linked").symlink_to("elsewhere")
    result = cli("export", "-f", "datapackage", "-o", "linked", "--force")
    assert result.exit_code == 2 and "symbolic link" in result.stderr
    assert os.listdir("elsewhere") == []
    target = tmp_path / "precious.txt"
    target.write_text("precious", encoding="utf-8")
    Path("trap").mkdir()
    Path("trap/sessions.csv").symlink_to(target)
    export(cli, "-o", "trap", "--force")
    assert target.read_text(encoding="utf-8") == "precious"
    assert not Path("trap/sessions.csv").is_symlink()
    assert sorted(p for p in os.listdir("trap") if p.startswith(".")) == []
    Path("a-file").write_text("x", encoding="utf-8")
    result = cli("export", "-f", "datapackage", "-o", "a-file", "--force")
    assert result.exit_code == 2 and "not a folder" in result.stderr


def stat_mode(path: str) -> int:
    return os.stat(path).st_mode & 0o777


def test_a_new_folder_is_owner_only(cli: Any, folder: Path) -> None:
    export(cli, "-o", "fresh")
    assert stat_mode("fresh") == 0o700
    assert {stat_mode(f"fresh/{name}") for name in os.listdir("fresh")} == {0o600}


def test_a_session_in_two_files_is_in_the_package_once(cli: Any, folder: Path) -> None:
    record = sorted(folder.glob("*.yaml"))[0]
    shutil.copy(record, folder / "copy.yaml")
    result = export(cli, "-o", "package")
    assert "copy.yaml" in result.stderr
    assert validate("package/datapackage.json").valid


def test_the_csv_tells_its_rows_apart_and_matches_its_docs(cli: Any, folder: Path) -> None:
    """The long CSV: a round's discussion row and its rating rows differ by row_kind;
    a skipped question says so; its header is the one docs/exports.md lists."""
    import csv
    import io
    import re

    from conftest import REPO
    from reflect_cli.render.export.csv_rows import HEADER

    first, second, _ = (r["id"] for r in fixture.records(folder))
    result = cli("export", "-f", "csv", "--include-private")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    leadership = [r for r in rows if r["session_id"] == first and r["question_id"] == "leadership"]
    assert [r["row_kind"] for r in leadership] == ["discussion"] + ["rating"] * 8
    helping = [r for r in rows if r["session_id"] == second and r["question_id"] == "helping"]
    assert [(r["row_kind"], r["skipped"]) for r in helping] == [("answer", "yes")]
    assert {r["row_kind"] for r in rows if r["kind"] == "private-note"} == {"private-note"}
    docs = (REPO / "docs" / "exports.md").read_text(encoding="utf-8")
    listed = re.search(r"CSV columns, in order: `([^`]+)`", docs)
    assert listed is not None and listed[1].split(", ") == HEADER


def test_the_data_dictionary_in_the_docs_is_the_one_written() -> None:
    """docs/data.md lists every column of every table, with its type, in order."""
    import re

    from conftest import REPO
    from reflect_cli.render.tables import schema

    docs = (REPO / "docs" / "data.md").read_text(encoding="utf-8")
    for table in (*schema.TABLES, schema.NOTES):
        section = docs.split(f"### `{table.name}`\n", 1)[1].split("\n### ", 1)[0]
        listed = re.findall(r"^\| `([a-z_]+)` \| ([a-z]+) \|", section, re.MULTILINE)
        assert listed == [(c.name, str(c.type)) for c in table.columns], table.name


def test_the_evaluations_folder_as_tables(cli: Any, evaluation_sessions: Any) -> None:
    """The evaluation's 32 complete sessions: valid, every row counted from the records,
    school years from August (2024-07-31 is 2023-24, 2024-08-01 is 2024-25)."""
    from collections import Counter

    export(cli, "-o", "package")
    report = validate("package/datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    records = fixture.records(evaluation_sessions.folder)
    assert len(records) == 32
    expected = counts(records)
    for table in TABLES:
        assert len(read(table)) == expected[table], table
    days = [str(r["date"]) for r in records]  # YAML reads a date as a date
    starts = [int(d[:4]) - (1 if int(d[5:7]) < 8 else 0) for d in days]
    years = Counter(f"{year}-{(year + 1) % 100:02d}" for year in starts)
    assert Counter(read("sessions")["school_year"]) == years
    by_date = dict(zip(read("sessions")["date"], read("sessions")["school_year"], strict=True))
    assert (by_date["2024-07-31"], by_date["2024-08-01"]) == ("2023-24", "2024-25")


def test_codings_are_a_table_keyed_to_their_lines(cli: Any, folder: Path) -> None:
    """Each coder's codes, one row per code, valid against utterances (a foreign key);
    redacted, the rows keep their codes and point at the redacted sessions' lines."""
    from reflect_cli.coding import codings, passages
    from reflect_cli.records.store import Store

    store = Store(folder)
    found = passages.of_sessions(store.read(store.summaries()[0]))
    assert len(found) >= 3
    made = codings.Codings("ana")
    for passage, codes in zip(found, [("turnover", "trust"), (), ("family",)], strict=False):
        made.put(codings.Coding(passage.address, passage.fingerprint, codes))
    codings.save(folder, made)
    export(cli, "-o", "package")
    report = validate("package/datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    rows = read("codings")
    assert sorted(zip(rows["code_id"], rows["coder"], strict=True)) == [
        ("family", "ana"),
        ("trust", "ana"),
        ("turnover", "ana"),
    ]
    export(cli, "-o", "redacted", "--redact", "--word", "Hope", "--name", "district")
    report = validate("redacted/datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    redacted = read("codings", "redacted")
    assert sorted(redacted["code_id"]) == ["family", "trust", "turnover"]
    assert not set(redacted["session_id"]) & {p.address.session for p in found}


def test_a_question_id_holding_a_name_keeps_its_credits_when_redacted(
    cli: Any, sessions_dir: Path, write_yaml: Any
) -> None:
    # A protocol anyone wrote: its question id names someone, so it is redacted too,
    # and each line's speaker is still known from the session as recorded.
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
              - id: quigley
                prompt: How did the team do?
        """,
    )
    answers = write_yaml(
        "answers.yaml",
        """
        collaborative: X Club
        facilitator: Jo Bell
        participants: [{name: Ann Quigley, organization: Parks, role: Lead}]
        answers: {quigley: "ann: We did well."}
        """,
    )
    start = cli("start", "team", "--answers", str(answers), "--no-input")
    assert start.exit_code == 0, start.stderr
    export(cli, "-o", "redacted", "--redact")
    lines = read("utterances", "redacted")
    assert "quigley" not in " ".join(lines["question_id"]).lower()
    assert list(lines["person_id"]) == list(read("participants", "redacted")["person_id"])
