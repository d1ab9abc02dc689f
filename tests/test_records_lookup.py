"""What the index answers for `reflect list`: commitments each session left open, today."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conftest import make_session
from reflect_cli.errors import InputError, StoreError
from reflect_cli.model import Action, CommitmentStatus
from reflect_cli.records import lookup
from reflect_cli.records.store import Store

PEOPLE = ["Monica Haugen | Seattle Parks and Recreation | Site lead | mh"]


def test_open_counts_carried_ones_and_drop_when_resolved_later(
    cli: Any, sessions_dir: Path
) -> None:
    first = make_session(
        sessions_dir,
        "partnership-reflection",
        date="2026-09-01",
        people=PEOPLE,
        actions=[Action("Share the calendar", "mh"), Action("Book the gym", "mh")],
    )
    second = make_session(
        sessions_dir,
        "partnership-reflection",
        date="2026-10-01",
        people=PEOPLE,
        actions=[Action("Invite families", "mh")],
    )
    store = Store(sessions_dir)

    def counts() -> dict[str, int]:
        fresh = Store(sessions_dir)
        summaries, _ = fresh.summaries()
        return lookup.still_open(fresh.index(), summaries, today="2026-12-01")

    assert counts() == {first: 2, second: 3}  # two carried, one new
    later = store.load(second)
    later.follow_up[0].status = CommitmentStatus.DONE  # the calendar was shared
    store.save(later)
    assert counts() == {first: 1, second: 2}
    draft = make_session(
        sessions_dir,
        "partnership-reflection",
        date="2026-11-01",
        people=PEOPLE,
        status="draft",
    )
    unfinished = store.load(draft)
    for carried in unfinished.follow_up:
        carried.status = CommitmentStatus.DONE
    store.save(unfinished)
    assert counts()[first] == 1  # a draft's follow-up does not settle anything
    rows = json.loads(cli("list", "--json").stdout)
    assert {r["id"]: r["open_now"] for r in rows}[first] == 1
    table = cli("list", first).stdout.splitlines()
    assert table[-2].split()[-1] == "1"


def test_nothing_listed_nothing_counted(sessions_dir: Path) -> None:
    store = Store(sessions_dir)
    store.ensure()
    assert lookup.still_open(store.index(), []) == {}


def test_open_commitments_latest_status_wins_drafts_left_out(sessions_dir: Path) -> None:
    first = make_session(
        sessions_dir,
        "partnership-reflection",
        date="2026-09-01",
        actions=[
            Action("Share the space calendar", "monica", "2026-10-01"),
            Action("Invite families", "jo", "2026-10-15"),
        ],
    )
    make_session(  # the next meeting: the calendar is done, families still open
        sessions_dir,
        "partnership-reflection",
        date="2026-10-01",
        actions=[Action("Book the gym", "shana", "2026-11-01")],
    )
    store = Store(sessions_dir)
    second = store.resolve("2026-10-01")
    session = store.session(second)
    for action in session.follow_up:
        if action.text == "Share the space calendar":
            action.status = "done"
    store.save(session, store.folder / second.file)
    make_session(  # a draft never counts
        sessions_dir,
        "partnership-reflection",
        date="2026-10-20",
        actions=[Action("Only in a draft", "jo", "")],
        status="draft",
    )
    make_session(sessions_dir, "partnership-reflection", collaborative="Elsewhere")
    found = lookup.open_commitments(Store(sessions_dir).index(), "NORTHGATE elementary ost")
    assert sorted((c.text, c.origin) for c in found) == [
        ("Book the gym", second.id),
        ("Invite families", first),
    ]
    assert {c.session for c in found} == {second.id}  # the latest record of each
    before = lookup.open_commitments(
        Store(sessions_dir).index(), "Northgate Elementary OST", today="2026-09-15"
    )
    assert sorted(c.text for c in before) == ["Invite families", "Share the space calendar"]


def test_a_duplicated_id_prefers_its_own_file(sessions_dir: Path) -> None:
    sid = make_session(sessions_dir, "partnership-reflection")
    record = sessions_dir / f"{sid}.yaml"
    (sessions_dir / "copy.yaml").write_bytes(record.read_bytes())
    assert Store(sessions_dir).resolve(sid).file == record.name
    record.rename(sessions_dir / "other.yaml")
    with pytest.raises(StoreError, match="name the file"):
        Store(sessions_dir).resolve(sid)
    assert Store(sessions_dir).resolve("copy.yaml").file == "copy.yaml"


@pytest.mark.parametrize("ref", ["", " ", "\t", "\u3000"])
def test_an_empty_or_blank_id_names_no_session(sessions_dir: Path, ref: str) -> None:
    """As a prefix, '' matches every id: with one session it would be picked silently."""
    make_session(sessions_dir, "partnership-reflection")
    with pytest.raises(InputError, match="names no session"):
        Store(sessions_dir).resolve(ref)


@pytest.mark.parametrize(
    "command",
    [
        ("show",),
        ("edit",),
        ("resume",),
        ("discard",),
        ("export",),
        ("export", "last"),
        ("show", "--"),
    ],
)
@pytest.mark.parametrize("ref", ["", "  "])
def test_every_command_refuses_an_empty_id_in_one_line(
    cli: Any, sessions_dir: Path, command: tuple[str, ...], ref: str
) -> None:
    """One draft and one complete session: nothing is chosen for an id typed empty."""
    make_session(sessions_dir, "partnership-reflection")
    make_session(sessions_dir, "partnership-reflection", date="2026-11-23", status="draft")
    before = {p.name: p.read_bytes() for p in sessions_dir.iterdir() if p.is_file()}
    result = cli(*command, ref, input="y\n")
    assert result.exit_code == 2, result.stdout
    assert result.stdout == "" and result.stderr.count("\n") == 1
    assert "names no session" in result.stderr
    assert {p.name: p.read_bytes() for p in sessions_dir.iterdir() if p.is_file()} == before


def test_a_copy_that_kept_its_id_is_counted_once(cli: Any, sessions_dir: Path) -> None:
    sid = make_session(
        sessions_dir,
        "partnership-reflection",
        date="2026-09-01",
        people=PEOPLE,
        actions=[Action("Share the calendar", "mh"), Action("Book the gym", "mh")],
    )
    record = sessions_dir / f"{sid}.yaml"
    (sessions_dir / f"{sid} (copy).yaml").write_bytes(record.read_bytes())  # cp X "X (copy)"
    listed = cli("list", "--json")
    rows = json.loads(listed.stdout)
    assert sorted(r["file"] for r in rows) == sorted([record.name, f"{sid} (copy).yaml"])
    assert [r["open_now"] for r in rows] == [2, 2]  # not 4: the session counts once
    (warning,) = listed.stderr.strip().splitlines()
    assert record.name in warning and f"{sid} (copy).yaml" in warning
    table = cli("list")
    assert "1 session (2 files) in" in table.stdout
    assert [line.split()[-1] for line in table.stdout.splitlines() if sid[:10] in line] == [
        "2",
        "2",
    ]
    # Each row can be told apart and given to show: the copy's row names its file.
    assert f"{sid} (copy).yaml" in cli("list", "--long").stdout
    assert f"{sid} (copy).yaml" in cli("list").stdout
    for name in (record.name, f"{sid} (copy).yaml"):  # both still exported by file
        assert "Share the calendar" in cli("export", "-f", "md", name).stdout


def test_shown_prefixes_are_unique_over_the_whole_folder(cli: Any, sessions_dir: Path) -> None:
    ids = [
        make_session(sessions_dir, "partnership-reflection", date="2026-09-01", collaborative=c)
        for c in ("North", "North", "North", "South")
    ]
    newest = sorted(ids)[-1]
    store = Store(sessions_dir)
    short = lookup.short_ids(store.index(), [newest])
    assert [i for i in ids if i.startswith(short[newest])] == [newest]
    for args in (["-n", "1"], ["--collaborative", "south"], [newest]):
        table = cli("list", *args).stdout
        rows = [line.split() for line in table.splitlines() if line.startswith("  2026-")]
        assert rows
        for prefix, *_ in rows:  # the session column names exactly one session
            assert len([i for i in ids if i.startswith(prefix)]) == 1, (args, prefix)
            assert cli("show", prefix).exit_code == 0
