"""The Markdown summary, whole, for one session and for three: compared with snapshots.

Three sessions of one collaborative, two protocols: a scale with labels, a multi-choice
question whose labels hold commas, a commitment carried from the first session through
the second into the third (done there, with a note), someone absent, intro steps.
Set REFLECT_UPDATE_SNAPSHOTS=1 to rewrite the snapshots after a deliberate change, and
read the diff before committing it.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path
from typing import Any

import pytest

from conftest import make_session
from reflect_cli.model import Action, CommitmentStatus
from reflect_cli.records.store import Store

SNAPSHOTS = Path(__file__).parent / "snapshots"
PROTOCOL = """\
id: working-together
version: 1
title: Working together
source: A test protocol.
intro:
  - id: watch-video
    title: Watch the video
domains:
  - id: together
    title: Together
    questions:
      - id: story
        prompt: What happened this term?
      - id: strength
        prompt: How strong is our partnership?
        kind: scale
        scale: {min: 1, max: 5, labels: {1: Not yet, 3: Partly, 5: Fully}}
      - id: shared
        prompt: What do we share?
        kind: multi
        choices: ["Planning, and shared decisions", "Space, staff and time", Families]
"""
PEOPLE = [
    "Monica Haugen | Seattle Parks and Recreation | Site lead | mh",
    "May Chen | Northgate PTA | Parent | mc",
]


@pytest.fixture
def three(sessions_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    (tmp_path / "protocols").mkdir()
    (tmp_path / "protocols" / "working-together.yaml").write_text(PROTOCOL, encoding="utf-8")
    monkeypatch.setenv("REFLECT_QUESTIONS_PATH", str(tmp_path / "protocols"))
    first = make_session(
        sessions_dir,
        "working-together",
        date="2026-09-01",
        people=PEOPLE,
        answers={
            "story": "mh: Gym time doubled.\nmc: Families came.",
            "strength": 3,
            "shared": ["Planning, and shared decisions", "Space, staff and time"],
        },
        actions=[Action("Share the space calendar", "mh", "2026-10-01")],
    )
    second = make_session(
        sessions_dir,
        "partnership-reflection",
        date="2026-09-15",
        people=PEOPLE,
        answers={"shared-values": "mc: Families first."},
    )
    third = make_session(
        sessions_dir,
        "working-together",
        date="2026-10-01",
        people=PEOPLE,
        answers={"story": "mc: In May we met twice.", "strength": 5, "shared": ["Families"]},
    )
    store = Store(sessions_dir)
    last = store.load(third)
    last.follow_up[0].status = CommitmentStatus.DONE
    last.follow_up[0].note = "Posted in the office"
    last.participants[0].present = False
    last.intro["watch-video"] = "done"
    store.save(last)
    return [first, second, third]


def check(name: str, text: str) -> None:
    path = SNAPSHOTS / name
    if os.environ.get("REFLECT_UPDATE_SNAPSHOTS"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_single_session_snapshot(cli: Any, three: list[str]) -> None:
    result = cli("export", three[2])
    assert result.exit_code == 0, result.stderr
    check("export_single.md", result.stdout)


def test_multi_session_snapshot(cli: Any, three: list[str]) -> None:
    result = cli("export")
    assert result.exit_code == 0, result.stderr
    check("export_multi.md", result.stdout)


def test_csv_reads_back_labels_and_values(cli: Any, three: list[str], tmp_path: Path) -> None:
    target = tmp_path / "answers.csv"
    assert cli("export", "-o", str(target)).exit_code == 0
    with target.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    shared = [r for r in rows if r["question_id"] == "shared"]
    assert [(r["date"], r["choice"]) for r in shared] == [
        ("2026-09-01", "Planning, and shared decisions"),
        ("2026-09-01", "Space, staff and time"),
        ("2026-10-01", "Families"),
    ]
    strength = [r for r in rows if r["question_id"] == "strength"]
    assert [(r["answer"], r["value"], r["label"]) for r in strength] == [
        ("3 of 5 — Partly", "3", "Partly"),
        ("5 of 5 — Fully", "5", "Fully"),
    ]
    assert {r["status"] for r in rows} == {"complete"}
    excel = cli("export", "-f", "csv", "--excel").stdout.lstrip("\ufeff")
    assert next(csv.DictReader(io.StringIO(excel, newline="")))["choice"] == ""
