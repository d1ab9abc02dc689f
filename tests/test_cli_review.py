"""`reflect list`, `show`, `search`, `edit` over a folder made by the real record writer."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml


def listed(cli: Any, *args: str) -> list[dict[str, Any]]:
    result = cli("list", "--json", *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_list_newest_first_with_every_field(cli: Any, sessions: dict[str, str]) -> None:
    rows = listed(cli)
    assert [r["id"] for r in rows] == [sessions[k] for k in ("hostile", "second", "other", "first")]
    assert set(rows[0]) == {
        "date",
        "id",
        "collaborative",
        "site",
        "protocol",
        "status",
        "answered",
        "questions",
        "participants",
        "open_commitments",
        "open_now",
        "file",
    }
    first = next(r for r in rows if r["id"] == sessions["first"])
    assert (
        first["answered"],
        first["questions"],
        first["participants"],
        first["open_commitments"],
    ) == (
        4,
        15,
        3,
        1,
    )


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--collaborative", "rainier"], ["other"]),
        (["--site", "NORTHGATE"], ["hostile", "second", "first"]),
        (["--protocol", "partnership-reflection"], ["hostile", "other"]),
        (["--since", "2026-10-05", "--until", "2026-11-20"], ["second", "other"]),
        (["--since", "20261005", "--until", "2026-W47-5"], ["second", "other"]),
        (["--status", "draft"], ["other"]),
        (["-n", "2"], ["hostile", "second"]),
    ],
)
def test_list_filters(
    cli: Any, sessions: dict[str, str], args: list[str], expected: list[str]
) -> None:
    assert [r["id"] for r in listed(cli, *args)] == [sessions[k] for k in expected]


@pytest.mark.parametrize("command", ["list", "search", "export"])
@pytest.mark.parametrize(
    "given", ["2026-13-01", "2026-02-30", "05/10/2026", "yesterday", "2026-9-1"]
)
def test_a_date_that_is_not_one_is_refused_naming_the_option(
    cli: Any, sessions: dict[str, str], command: str, given: str
) -> None:
    args = [command, "gym"] if command == "search" else [command]
    result = cli(*args, "--until", given)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == f"reflect: --until: not a date (YYYY-MM-DD): {given!r}\n"


def test_list_table_names_the_folder(
    cli: Any, sessions: dict[str, str], sessions_dir: Path
) -> None:
    result = cli("list")
    assert sessions["first"] not in result.stdout
    # A long folder name wraps in the caption (xdist's temporary folders are long).
    assert str(sessions_dir) in "".join(result.stdout.split())
    assert "2026-09-15 " in result.stdout  # the shortest unique prefix of its id
    assert sessions["first"] in cli("list", "--long").stdout


def test_empty_folder_says_how_to_start(cli: Any) -> None:
    result = cli("list")
    assert result.exit_code == 0 and "reflect start" in result.stderr and result.stdout == ""
    assert "warning" not in result.stderr  # no index folder to complain about either


def test_broken_files_are_warnings(cli: Any, sessions: dict[str, str], sessions_dir: Path) -> None:
    (sessions_dir / "2026-01-01-empty-0000.yaml").write_text("")
    (sessions_dir / "2026-01-02-cut-0000.yaml").write_text("schema: reflect/session-v1\nid: [x\n")
    newer = (
        (sessions_dir / f"{sessions['first']}.yaml").read_text().replace("session-v1", "session-v9")
    )
    (sessions_dir / "2026-01-03-newer-0000.yaml").write_text(newer)
    result = cli("list", "--json")
    assert result.exit_code == 0 and len(json.loads(result.stdout)) == 4
    warnings = result.stderr.strip().splitlines()
    assert len(warnings) == 3 and all(w.startswith("reflect: warning: ") for w in warnings)
    assert "newer reflect" in result.stderr
    assert cli("search", "gym").exit_code == 0
    assert cli("export", "-f", "json").exit_code == 0


def test_nothing_readable_is_an_error(cli: Any, sessions_dir: Path) -> None:
    sessions_dir.mkdir()
    (sessions_dir / "x.yaml").write_text("- not a record\n")
    assert cli("list").exit_code == 2


def test_ambiguous_prefix_lists_candidates(cli: Any, sessions: dict[str, str]) -> None:
    result = cli("show", "2026-11-2")
    assert result.exit_code == 2
    assert sessions["second"] in result.stderr and sessions["hostile"] in result.stderr


def test_show_renders_inert_text_and_marks_private(cli: Any, sessions: dict[str, str]) -> None:
    result = cli("show", sessions["hostile"][:-2])
    assert result.exit_code == 0
    assert "[bold]loud[/bold]" in result.stdout and "\x1b[31m" not in result.stdout
    assert "\\x1b[31m" in result.stdout
    assert "[private note] Private: Jo seemed upset" in result.stdout
    assert "Invite <b>families</b>" in result.stdout


def test_show_last(cli: Any, sessions: dict[str, str]) -> None:
    assert sessions["hostile"] in cli("show", "last").stdout


def test_search_plain_and_regex(cli: Any, sessions: dict[str, str]) -> None:
    result = cli("search", "FAMILIES")
    assert sessions["second"] in result.stdout and "Families at the table" in result.stdout
    assert "Invite <b>families</b>" in result.stdout  # a commitment
    assert "2 of 2 hits" in result.stderr
    regex = cli("search", "--regex", r"gym|café", "--collaborative", "northgate")
    assert sessions["first"] in regex.stdout and sessions["second"] in regex.stdout
    assert cli("search", "--regex", "(").exit_code == 2
    assert cli("search", "gym", "--since", "2026-10-01").stdout == ""


def test_edit_valid_and_broken(
    cli: Any, sessions: dict[str, str], sessions_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = sessions_dir / f"{sessions['first']}.yaml"
    monkeypatch.setenv("EDITOR", f"{shutil.which('sed')} -i 's/Alex Rivera/Sam Lee/'")
    monkeypatch.delenv("VISUAL", raising=False)
    result = cli("edit", sessions["first"])
    assert result.exit_code == 0, result.stderr
    assert yaml.safe_load(path.read_text())["facilitator"] == "Sam Lee"
    assert "Sam Lee" in path.with_suffix(".md").read_text()
    before = path.read_bytes()
    monkeypatch.setenv("EDITOR", f"{shutil.which('sed')} -i s/^status:.*/status:\\ [broken/")
    broken = cli("edit", sessions["first"])
    assert broken.exit_code == 2 and "unchanged" in broken.stderr
    assert re.search(r"\.yaml:\d+: YAML syntax error", broken.stderr)
    assert path.read_bytes() == before


def test_exports_take_complete_sessions_unless_drafts_are_asked_for(
    cli: Any, sessions: dict[str, str]
) -> None:
    draft = sessions["other"]
    assert draft not in cli("export", "-f", "json").stdout
    assert draft in cli("export", "-f", "json", "--include-drafts").stdout
    only = json.loads(cli("export", "-f", "json", "--status", "draft").stdout)
    assert [s["id"] for s in only] == [draft]
    assert draft in cli("export", draft, "-f", "json").stdout  # named: exported
    assert "--include-drafts" in cli("export", "--help").stdout


def test_counts_read_in_the_right_number(
    cli: Any, sessions: dict[str, str], tmp_path: Path
) -> None:
    one = cli("export", sessions["first"], "-o", str(tmp_path / "one.md"))
    assert "(1 session, md)" in one.stderr
    assert "1 session in " in cli("list", sessions["first"]).stdout
    assert "4 sessions in " in cli("list").stdout


def test_json_on_standard_output_holds_no_raw_control_character(
    cli: Any, sessions_dir: Path
) -> None:
    from conftest import make_session
    from reflect_cli.model import Action

    answer = "jo: csi \x9b2J and del \x7f"
    make_session(
        sessions_dir,
        "partnership-reflection",
        collaborative="North\x9bgate",
        answers={"shared-values": answer},
        actions=[Action("Call \x9b the gym", "jo", "2026-12-01")],
    )
    listed = cli("list", "--json").stdout
    owed = cli("commitments", "--json").stdout
    found = cli("search", "csi", "--json").stdout
    exported = cli("export", "-f", "json").stdout
    for document in (listed, found, exported, owed):
        assert "\x9b" not in document and "\x7f" not in document
    assert json.loads(listed)[0]["collaborative"] == "North\x9bgate"
    assert json.loads(found)["hits"][0]["text"] == answer
    assert json.loads(exported)[0]["collaborative"] == "North\x9bgate"
    assert json.loads(owed)[0]["text"] == "Call \x9b the gym"
