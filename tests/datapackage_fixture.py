"""A small evaluation folder for the data package tests, built through answers files and
the real `reflect start`: two partnerships over two school years, named and anonymous
rounds, multi-choice answers (one chosen none, one skipped), commitments made and
closed at a later meeting, a private note, and people as they really are: family name
first (Nguyễn Thị Lan), CJK and Ethiopic names, an accent typed decomposed, two people
called Monica, names that are words (Grace May, Justice Hope), one-person organizations.
Answer text holds commas, quotes, newlines, a leading ``=`` and a CRLF.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

PROTOCOL = """
id: evaluation
version: 3
title: Evaluation protocol
domains:
  - id: type
    title: Type of partnership
    questions:
      - id: type-now
        prompt: Which type best describes our partnership today?
        kind: choice
        round: named
        choices: [Cooperative, Collaborative, Integrated]
  - id: hallmarks
    title: Hallmarks
    questions:
      - id: leadership
        prompt: How strong is shared leadership?
        kind: scale
        round: anonymous
        scale: {min: 1, max: 5, labels: {1: Not yet, 3: Partly, 5: Fully}}
      - id: evidence
        prompt: What is behind these ratings?
  - id: factors
    title: Factors
    questions:
      - id: helping
        prompt: Which factors are helping?
        kind: multi
        choices: ["Strong relationships and trust", "Shared data, plans, and goals", "Time"]
      - id: main-barrier
        prompt: The main barrier?
        kind: choice
        choices: [Time, Money, Turnover]
      - id: strength
        prompt: How strong is the partnership overall?
        kind: scale
        scale: {min: 1, max: 5, labels: {1: Weak, 5: Strong}}
      - id: ready
        prompt: Are we ready to share data?
        kind: yes-no
"""

LAN = "Nguyễn Thị Lan"
XIAOMING = "王小明"
TSEHAY = "ፀሐይ ገብረመድህን"
#: "José Núñez" typed with combining marks.
JOSE = "Jose\u0301 Nun\u0303ez"
LAKE_HILLS = [
    {"name": LAN, "organization": "Hope Family Center", "role": "Parent", "handle": "lan"},
    {
        "name": "Grace May",
        "organization": "Lake Hills Elementary",
        "role": "Principal",
        "handle": "grace",
    },
    {
        "name": XIAOMING,
        "organization": "華人家長會",
        "role": "Parent volunteer",
        "handle": "xiaoming",
    },
    {
        "name": TSEHAY,
        "organization": "Ethiopian Community Center",
        "role": "Youth member",
        "handle": "tsehay",
    },
    {
        "name": JOSE,
        "organization": "Kent Youth and Family Services",
        "role": "Counselor",
        "handle": "jose",
    },
    {
        "name": "Justice Hope",
        "organization": "Lake Hills Elementary",
        "role": "Teacher",
        "handle": "justice",
    },
    {
        "name": "Monica Haugen",
        "organization": "Seattle Parks and Recreation",
        "role": "Site lead",
        "handle": "mh",
    },
    {
        "name": "Monica Reyes",
        "organization": "Seattle Parks and Recreation",
        "role": "Coach",
        "handle": "mreyes",
    },
]
#: Cells a CSV writer must quote, and a spreadsheet would run.
HARD_TEXT = (
    'lan: We, the parents, said "not yet".\n'
    "=SUM(A1:A2) was typed as is\n"
    "grace: agreed, mostly\r\n"
    "  \n"
    "xiaoming: 我们需要更多时间\n"
    "Monica: the Monica of Parks (ambiguous: credits no one)"
)
ANSWERS: list[dict[str, Any]] = [
    {
        "collaborative": "Lake Hills Partnership",
        "site": "Lake Hills Elementary",
        "facilitator": "Alex Rivera",
        "date": "2024-10-03",
        "participants": LAKE_HILLS,
        "answers": {
            "type-now": {
                "answer": "lan: We see it differently.",
                "ratings": {
                    "lan": "Cooperative",
                    "grace": "Collaborative",
                    "xiaoming": "Cooperative",
                    "tsehay": "Integrated",
                    "jose": "Cooperative",
                    "justice": "Collaborative",
                    "mh": "Collaborative",
                    "mreyes": "pass",
                },
            },
            "leadership": {
                "ratings": {
                    "lan": 4,
                    "grace": 5,
                    "xiaoming": 4,
                    "tsehay": 3,
                    "jose": 2,
                    "justice": 5,
                    "mh": 4,
                    "mreyes": 4,
                },
            },
            "evidence": HARD_TEXT,
            "helping": ["Strong relationships and trust", "Shared data, plans, and goals"],
            "main-barrier": "Time",
            "strength": 4,
            "ready": True,
        },
        "actions": [
            {
                "text": 'Share the calendar, "v2", with families',
                "owner": "grace",
                "due": "2024-11-01",
                "question": "evidence",
            },
            {"text": "=HYPERLINK(call the district)"},  # owner: outside the room, below
        ],
        "notes": [{"text": "Private: Lan seemed upset", "question": "evidence"}],
    },
    {
        "collaborative": "Lake Hills Partnership",
        "site": "Lake Hills Elementary",
        "facilitator": "Alex Rivera",
        "date": "2025-03-10",
        "participants": LAKE_HILLS[:4],
        "answers": {
            "type-now": {"ratings": {"lan": "Collaborative", "grace": "Collaborative"}},
            "leadership": {"ratings": {"lan": 3, "grace": 5, "xiaoming": 4}},
            "evidence": "tsehay: ሰላም, we were heard.\ngrace: Justice Hope led the visit.",
            "main-barrier": "Money",
            "strength": 5,
            "ready": False,
        },
    },
    {
        "collaborative": "Rainier Beach Partners",
        "site": "Rainier Beach High",
        "facilitator": "Alex Rivera",
        "date": "2025-09-20",
        "participants": [
            {
                "name": "Hope Ellis",
                "organization": "Rainier Beach High",
                "role": "Counselor",
                "handle": "hope",
            },
            {
                "name": "May Tesfaye",
                "organization": "Somali Family Association",
                "role": "Parent",
                "handle": "may",
            },
        ],
        "answers": {
            "type-now": {"ratings": {"hope": "Integrated", "may": "Cooperative"}},
            "leadership": {"ratings": {"may": 2}},
            "helping": ["Time"],
            "strength": 3,
            "ready": True,
        },
    },
]
#: Left out of an export unless drafts are asked for.
DRAFT = {
    "collaborative": "Rainier Beach Partners",
    "date": "2025-10-01",
    "participants": [{"name": "Hope Ellis", "organization": "Rainier Beach High"}],
}


def build(folder: Path, protocols: Path, cli: Any) -> list[str]:
    """Write the protocol and the sessions (the second meeting closes the first's first
    commitment); return the complete sessions' ids, oldest first."""
    protocols.mkdir(parents=True, exist_ok=True)
    (protocols / "evaluation.yaml").write_text(PROTOCOL, encoding="utf-8")
    os.environ["REFLECT_QUESTIONS_PATH"] = str(protocols)
    ids = []
    for number, answers in enumerate(ANSWERS):
        path = protocols.parent / f"answers-{number}.yaml"
        path.write_text(yaml.safe_dump(answers, allow_unicode=True), encoding="utf-8")
        result = cli("start", "evaluation", "--answers", str(path), "--no-input")
        assert result.exit_code == 0, result.stderr
        ids.append(_newest(folder))
    _close_first_commitment(folder, ids[0], ids[1])
    draft = protocols.parent / "draft.yaml"
    draft.write_text(yaml.safe_dump(DRAFT, allow_unicode=True), encoding="utf-8")
    cli("start", "evaluation", "--answers", str(draft), "--no-input")  # no required answer
    return ids


def _newest(folder: Path) -> str:
    newest = max(folder.glob("*.yaml"), key=lambda p: p.stat().st_mtime_ns)
    return str(yaml.safe_load(newest.read_text(encoding="utf-8"))["id"])


def _close_first_commitment(folder: Path, made_in: str, later: str) -> None:
    """The later meeting followed up the first commitment: done, with a note; the
    second's owner is someone outside the room (typed at `/action`, confirmed)."""
    from reflect_cli.model import CommitmentStatus
    from reflect_cli.records.store import Store

    store = Store(folder)
    made = store.session(store.resolve(made_in))
    made.actions[1].owner = "district office"
    store.save(made)
    session = store.session(store.resolve(later))
    # The meeting carried both (still open); it closed the first.
    first = session.follow_up[0]
    assert first.origin == made_in and first.text == made.actions[0].text
    session.follow_up[0] = replace(first, status=CommitmentStatus.DONE, note="sent, 3 families")
    store.save(session)


def records(folder: Path) -> list[dict[str, Any]]:
    """The complete records as plain YAML data, read without reflect: what the tests
    count the tables' rows from, independently of the code under test."""
    found = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.yaml"))]
    return [r for r in found if r["status"] == "complete"]


def built_once(root: Path) -> Path:
    """The folder, built in ``root`` through `reflect start --answers` (environment
    restored after)."""
    from typer.testing import CliRunner

    from reflect_cli.cli.app import app

    folder = root / "sessions"
    saved = {k: os.environ.get(k) for k in ("REFLECT_SESSIONS_DIR", "REFLECT_QUESTIONS_PATH")}
    os.environ["REFLECT_SESSIONS_DIR"] = str(folder)
    runner = CliRunner()
    try:
        build(folder, root / "qs", lambda *a: runner.invoke(app, list(a), catch_exceptions=False))
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return folder


def copied(built: Path, sessions_dir: Path) -> Path:
    """A copy of the built folder as a test's own sessions folder."""
    shutil.copytree(built, sessions_dir)
    return sessions_dir
