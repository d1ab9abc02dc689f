"""What the index answers for `reflect list`: commitments each session left open, today."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conftest import make_session
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
