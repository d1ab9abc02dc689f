"""`reflect commitments`: open commitments across sessions, drafts left out, the latest
follow-up deciding where each stands."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import duckdb

from conftest import make_session
from reflect_cli.model import Action, CommitmentStatus
from reflect_cli.records.store import Store

PEOPLE = [
    "Monica Haugen | Seattle Parks and Recreation | Site lead | mh",
    "Monica Reyes | Northgate PTA | Parent",
    "May Tran | STEMPaths Innovation Network | Director",
]


def two_meetings_and_a_draft(folder: Path) -> dict[str, str]:
    first = make_session(
        folder,
        "partnership-reflection",
        date="2026-10-01",
        people=PEOPLE,
        actions=[
            Action("Share the space calendar", "mh", "2026-10-15"),
            Action("Invite families", "may", "2026-12-01"),
        ],
    )
    store = Store(folder)
    made = store.load(first)
    made.actions.append(Action("Ask about buses", "district"))  # outside the room
    store.save(made)
    draft = make_session(
        folder,
        "partnership-reflection",
        date="2026-10-20",
        people=["Zed Junk | Nowhere | x"],
        actions=[Action("A draft's commitment", "zed", "2026-10-21")],
        status="draft",
    )
    second = make_session(folder, "partnership-reflection", date="2026-11-01", people=PEOPLE)
    session = store.load(second)
    # The second meeting followed them up (the flow, scripted, carried them as open).
    assert [a.text for a in session.follow_up] == [
        "Share the space calendar",
        "Invite families",
        "Ask about buses",
    ]
    session.follow_up[0].status = CommitmentStatus.DONE
    session.follow_up[1].status = CommitmentStatus.IN_PROGRESS
    session.follow_up[1].note = "two families said yes"
    session.actions.append(Action("Book the gym", "monica", "2026-11-10"))
    store.save(session)
    other = make_session(
        folder,
        "partnership-reflection",
        date="2026-10-05",
        collaborative="Rainier Beach Partners",
        people=["Ana Ruiz | Rainier Beach High | Counselor"],
        actions=[Action("Print flyers", "ana", "2026-10-30")],
    )
    return {"first": first, "draft": draft, "second": second, "other": other}


def listed(cli: Any, *args: str) -> list[dict[str, Any]]:
    result = cli("commitments", "--json", *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_open_commitments_newest_first_drafts_left_out(cli: Any, sessions_dir: Path) -> None:
    ids = two_meetings_and_a_draft(sessions_dir)
    rows = listed(cli, "--as-of", "2026-11-20")
    assert [(r["text"], r["status"], r["from"]) for r in rows] == [
        ("Book the gym", "open", ids["second"]),
        ("Print flyers", "open", ids["other"]),
        ("Invite families", "in progress", ids["first"]),
        ("Ask about buses", "open", ids["first"]),
    ]
    gym = rows[0]
    assert gym["owner_name"] == "Monica Reyes" and gym["overdue_days"] == 10
    assert rows[2]["note"] == "two families said yes" and rows[2]["from_date"] == "2026-10-01"
    assert rows[3]["owner_name"] == "district"  # someone outside the room: free text

    overdue = listed(cli, "--overdue", "--as-of", "2026-11-20")
    assert [r["text"] for r in overdue] == ["Book the gym", "Print flyers"]
    assert listed(cli, "--overdue", "--as-of", "2026-10-30") == []  # due that day: not late
    assert [r["overdue_days"] for r in listed(cli, "--overdue", "--as-of", "2026-10-31")] == [1]
    assert [r["text"] for r in listed(cli, "--owner", "may tran")] == ["Invite families"]
    assert [r["text"] for r in listed(cli, "--owner", "TRAN")] == ["Invite families"]
    assert listed(cli, "--owner", "ay") == []  # whole words of a name, never a piece of one
    assert listed(cli, "--owner", "onica") == []  # (as "ana" is never Shana)
    assert [r["text"] for r in listed(cli, "--collaborative", "rainier")] == ["Print flyers"]
    assert "Share the space calendar" in [r["text"] for r in listed(cli, "--all")]
    drafts = listed(cli, "--status", "draft")
    assert [r["text"] for r in drafts] == ["A draft's commitment"]


def test_table_and_nothing_found(cli: Any, sessions_dir: Path) -> None:
    result = cli("commitments")
    assert result.exit_code == 0
    assert f"no open commitments in {sessions_dir.resolve()}" in result.stderr
    two_meetings_and_a_draft(sessions_dir)
    result = cli("commitments", "--as-of", "2026-11-20")
    assert "Book the gym" in result.stdout and "Monica Reyes" in result.stdout
    assert "10 d late" in result.stdout and "Zed" not in result.stdout


def test_json_says_where_each_was_made_and_which_meeting_closed_it(
    cli: Any, sessions_dir: Path
) -> None:
    ids = two_meetings_and_a_draft(sessions_dir)
    store = Store(sessions_dir)
    third = make_session(sessions_dir, "partnership-reflection", date="2026-12-03", people=PEOPLE)
    session = store.load(third)
    invite = next(a for a in session.follow_up if a.text == "Invite families")
    invite.status = CommitmentStatus.DROPPED  # in progress at the second, dropped here
    store.save(session)
    rows = {r["text"]: r for r in listed(cli, "--all", "--as-of", "2026-12-20")}
    calendar, families, buses = (
        rows["Share the space calendar"], rows["Invite families"], rows["Ask about buses"]
    )  # fmt: skip
    assert (calendar["closed_on"], calendar["closed_in"]) == ("2026-11-01", ids["second"])
    assert (families["closed_on"], families["closed_in"]) == ("2026-12-03", third)
    assert (families["from"], families["from_date"]) == (ids["first"], "2026-10-01")
    assert (buses["status"], buses["closed_on"], buses["closed_in"]) == ("open", None, None)
    assert {r["site"] for r in rows.values()} == {"Northgate Elementary"}
    assert rows["Print flyers"]["collaborative"] == "Rainier Beach Partners"


def test_json_loads_in_duckdb_with_closed_on_a_date(
    cli: Any, sessions_dir: Path, tmp_path: Path
) -> None:
    ids = two_meetings_and_a_draft(sessions_dir)
    result = cli("commitments", "--all", "--json", "--as-of", "2026-12-20")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    written = tmp_path / "commitments.json"
    written.write_text(result.stdout, encoding="utf-8")
    second = Store(sessions_dir).load(ids["second"])
    with duckdb.connect() as connection:
        typed = connection.execute(
            f"SELECT typeof(closed_on) FROM read_json_auto('{written}') LIMIT 1"
        ).fetchall()
        closed = connection.execute(
            f"SELECT text, closed_on FROM read_json_auto('{written}') WHERE closed_on IS NOT NULL"
        ).fetchall()
    assert typed == [("DATE",)]
    expected = {r["text"] for r in rows if r["status"] in ("done", "dropped")}
    assert {text for text, _ in closed} == expected and expected
    assert {on for _, on in closed} == {datetime.date.fromisoformat(second.date)}


def test_redacted_json_names_no_one_and_keeps_its_links(cli: Any, sessions_dir: Path) -> None:
    ids = two_meetings_and_a_draft(sessions_dir)
    store = Store(sessions_dir)
    first = store.load(ids["first"])
    first.actions.append(Action("Ask May Tran and Monica about the gym", "mh"))
    store.save(first)
    result = cli("commitments", "--json", "--all", "--redact", "--as-of", "2026-12-20")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert len(rows) == 6
    document = result.stdout.casefold()
    for secret in [
        "monica", "haugen", "reyes", "may tran", "northgate elementary",
        "rainier beach partners", "mh",
        *(sid.casefold() for sid in ids.values()),
    ]:  # fmt: skip
        assert secret not in document, secret
    by_text = {r["text"]: r for r in rows}
    calendar = by_text["Share the space calendar"]
    made_second = by_text["Book the gym"]
    # The meeting that closed one is the meeting that made another, under one label.
    assert calendar["closed_in"] == made_second["from"] != calendar["from"]
    assert calendar["closed_on"] == "2026-11-01" and calendar["site"] == made_second["site"]
    assert calendar["owner_name"] and calendar["owner_name"] != calendar["owner"]
    assert "redact" in result.stderr.casefold()
    table = cli("commitments", "--redact", "--as-of", "2026-12-20")
    assert table.exit_code == 0 and "monica" not in table.stdout.casefold()


def test_redacted_commitments_stop_at_an_everyday_word_until_decided(
    cli: Any, sessions_dir: Path
) -> None:
    make_session(
        sessions_dir,
        "partnership-reflection",
        date="2026-10-01",
        people=["Hope Williams | Rainier Beach Youth Council | Youth member | hw", *PEOPLE],
        actions=[Action("Ask Hope about the bus passes", "mh", "2026-10-15")],
    )
    stopped = cli("commitments", "--json", "--redact")
    assert stopped.exit_code == 2 and stopped.stdout == ""
    assert "Hope" in stopped.stderr  # the place is named, for the facilitator to decide
    # It names the options of the command being run, which takes them.
    assert "run reflect commitments again with --name Hope" in stopped.stderr
    assert "export again" not in stopped.stderr
    decided = cli("commitments", "--json", "--redact", "--name", "Hope")
    assert decided.exit_code == 0, decided.stderr
    assert "hope" not in decided.stdout.casefold()
    # Kept for the folder: the next run, and the export, need not decide again.
    assert cli("commitments", "--json", "--redact").exit_code == 0
    assert cli("export", "--redact").exit_code == 0


def test_redacted_commitments_read_no_answer(cli: Any, sessions_dir: Path) -> None:
    """An everyday word in an answer stops `export --redact` until decided; a listing of
    commitments shows no answer, so it never asks."""
    make_session(
        sessions_dir,
        "partnership-reflection",
        date="2026-10-01",
        people=["Hope Williams | Rainier Beach Youth Council | Youth member | hw", *PEOPLE],
        answers={"shared-values": "We hope the gym stays open. Hope said so too."},
        actions=[Action("Book the gym", "mh", "2026-10-15")],
    )
    assert cli("export", "--redact").exit_code == 2  # the answer's "Hope": undecided
    listed = cli("commitments", "--json", "--all", "--redact")
    assert listed.exit_code == 0, listed.stderr
    assert [r["text"] for r in json.loads(listed.stdout)] == ["Book the gym"]
    assert cli("export", "--redact").exit_code == 2  # nothing was decided for it


def test_the_evaluations_commitments_redact_without_deciding_an_answers_word(
    cli: Any, evaluation_sessions: Any
) -> None:
    """The fixture's answers hold "Báo", an everyday word that stops `export --redact`;
    the commitments listing reads no answer, so it lists every commitment redacted."""
    stopped = cli("export", "--redact", "--format", "json")
    assert stopped.exit_code == 2 and "Báo" in stopped.stderr
    assert "run reflect export again with --name Báo" in stopped.stderr
    listed = cli("commitments", "--all", "--json", "--redact")
    assert listed.exit_code == 0, listed.stderr
    assert len(json.loads(listed.stdout)) > 10


def test_redacted_json_joins_the_data_package_on_session_ids(
    cli: Any, sessions_dir: Path, tmp_path: Path
) -> None:
    """JSON is data: a commitment's meeting is the id the data package gives it (with
    the same key), not a "Session N" numbered afresh; the table, read by people, shows
    no such id."""
    import csv

    two_meetings_and_a_draft(sessions_dir)
    result = cli("commitments", "--json", "--all", "--redact", "--as-of", "2026-12-20")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    package = tmp_path / "package"
    made = cli("export", "-f", "datapackage", "--redact", "-o", str(package))
    assert made.exit_code == 0, made.stderr
    with (package / "commitments.csv").open(encoding="utf-8") as handle:
        tables = {r["text"]: r for r in csv.DictReader(handle)}
    for row in rows:
        assert row["from"] == tables[row["text"]]["session_id"], row
        assert (row["closed_in"] or "") == tables[row["text"]]["closed_in"], row
    assert all(row["from"].startswith("session-") for row in rows)
    table = cli("commitments", "--redact", "--all", "--as-of", "2026-12-20")
    assert table.exit_code == 0, table.stderr
    assert "session-" not in table.stdout
