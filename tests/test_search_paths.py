"""Every way `reflect search` looks (FTS5, `--regex`, a SQLite without FTS5) returns
the same kinds of text: never a private note unless asked, one question's texts with
`--question`, and hits that say their session, collaborative, site and question."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from conftest import make_session
from reflect_cli.model import Action, Note

PEOPLE = [
    "Nguyễn Thị Lan | Seattle Parks and Recreation | Site lead | lan",
    "Ravi Shah | Library | Staff | ravi",
    "Grace Park | Northgate PTA | Parent | grace",
]
#: The private note's words: one only it holds, one an answer holds too.
SECRET = "hesitant"


def folder(sessions_dir: Path) -> dict[str, str]:
    first = make_session(
        sessions_dir,
        "partnership-reflection",
        date="2026-10-01",
        site="Northgate Elementary",
        people=PEOPLE,
        answers={"shared-values": "lan: We share the calendar and the gym"},
        actions=[Action("Share the calendar", "lan", "2026-10-15")],
        notes=[
            Note(f"Ravi seemed {SECRET} about the calendar, ask privately", "shared-values"),
            Note(f"Grace {SECRET} too"),  # a note at no question
        ],
    )
    other = make_session(
        sessions_dir,
        "partnership-reflection",
        date="2026-11-05",
        collaborative="Rainier Beach Partners",
        site="Rainier Beach High",
        people=["Hope Williams | Rainier Beach Youth Council | Youth member | hope"],
        answers={"equity-issues": "hope: the calendar leaves out youth"},
    )
    return {"first": first, "other": other}


PATHS = ["fts5", "regex", "no-fts5"]


@pytest.fixture(params=PATHS)
def path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Which way search looks: the FTS5 table, a regular expression, or the scan a
    SQLite without FTS5 falls back to."""
    if request.param == "no-fts5":
        from reflect_cli.records import index_schema

        monkeypatch.setattr(
            index_schema, "_FTS", "CREATE VIRTUAL TABLE texts USING no_such_module(x)"
        )
    return str(request.param)


def searched(cli: Any, path: str, text: str, *options: str) -> tuple[dict[str, Any], str]:
    args = ["search", text, "--json", "--all", *options]
    if path == "regex":
        args.append("--regex")
    result = cli(*args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout), result.stderr


def test_private_notes_never_come_back_unless_asked(
    cli: Any, sessions_dir: Path, path: str
) -> None:
    folder(sessions_dir)
    found, said = searched(cli, path, SECRET)
    assert found == {"total": 0, "hits": []} and "0 of 0 hits" in said
    found, _ = searched(cli, path, "calendar")
    assert found["total"] == 3 and SECRET not in json.dumps(found)
    assert {h["where"] for h in found["hits"]} == {"answer", "commitment"}
    found, _ = searched(cli, path, SECRET, "--include-private")
    assert found["total"] == 2 and {h["where"] for h in found["hits"]} == {"note"}
    found, _ = searched(cli, path, "calendar", "--include-private")
    assert found["total"] == 4


def test_hits_name_their_session_collaborative_site_and_question(
    cli: Any, sessions_dir: Path, path: str
) -> None:
    ids = folder(sessions_dir)
    found, _ = searched(cli, path, "calendar")
    by_session = {(h["session"], h["where"], h["question"]) for h in found["hits"]}
    assert by_session == {
        (ids["first"], "answer", "shared-values"),
        (ids["first"], "commitment", ""),  # made at no question
        (ids["other"], "answer", "equity-issues"),
    }
    places = {(h["collaborative"], h["site"]) for h in found["hits"]}
    assert places == {
        ("Northgate Elementary OST", "Northgate Elementary"),
        ("Rainier Beach Partners", "Rainier Beach High"),
    }
    assert [h["date"] for h in found["hits"]][-1] == "2026-10-01"


def test_one_question_only(cli: Any, sessions_dir: Path, path: str) -> None:
    ids = folder(sessions_dir)
    found, _ = searched(cli, path, "calendar", "--question", "equity-issues")
    assert [(h["session"], h["question"]) for h in found["hits"]] == [
        (ids["other"], "equity-issues")
    ]
    found, _ = searched(cli, path, "calendar", "--question", "shared-values")
    assert [h["where"] for h in found["hits"]] == ["answer"]  # the note at it stays private
    found, _ = searched(cli, path, "calendar", "--question", "shared-values", "--include-private")
    assert sorted(h["where"] for h in found["hits"]) == ["answer", "note"]
    found, _ = searched(cli, path, "no-such-word", "--question", "equity-issues")
    assert found["total"] == 0  # a question the folder has: no hits is an answer


def test_a_question_no_text_is_of_is_one_line_exit_2(
    cli: Any, sessions_dir: Path, path: str
) -> None:
    """A mistyped --question would otherwise say "0 hits", as if no one had said it."""
    folder(sessions_dir)
    args = ["search", "calendar", "--question", "equity-issue", "--json"]
    result = cli(*args, *(["--regex"] if path == "regex" else []))
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "'equity-issue'" in result.stderr
    assert "Traceback" not in result.stderr


WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéıłß’", min_size=3, max_size=10)


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(words=st.lists(WORD, min_size=1, max_size=5, unique=True), shared=st.booleans())
def test_no_word_of_a_note_is_found_without_asking(
    sessions_dir: Path, words: list[str], shared: bool
) -> None:
    """Whatever a note says, and whether an answer says it too: no path returns the note
    unless asked, and each path returns it when asked."""
    import dataclasses

    from reflect_cli.records import search
    from reflect_cli.records.rows import Where
    from reflect_cli.records.store import Store

    for old in sessions_dir.glob("*.yaml"):
        old.unlink()
    note = " ".join(words)
    answer = f"lan: {note}" if shared else "lan: nothing private here"
    make_session(
        sessions_dir,
        "partnership-reflection",
        people=PEOPLE,
        answers={"shared-values": answer},
        notes=[Note(note, "shared-values")],
    )
    # A word the record holds elsewhere (a prefix of "Site lead") is found there, rightly.
    (record,) = sessions_dir.glob("*.yaml")
    public = record.read_text(encoding="utf-8").replace(note, "").casefold()
    assume(not any(word.casefold() in public for word in words))
    index = Store(sessions_dir).index()
    scanning = dataclasses.replace(index, fulltext=False)
    for word in words:
        for where, matcher in (
            (index, search.Query.parse(word)),
            (scanning, search.Query.parse(word)),
            (index, re.compile(re.escape(word), re.IGNORECASE)),
        ):
            hidden = search.find(where, matcher, include_private=False, limit=None)
            assert all(not h.where.private for h in hidden.hits)
            assert hidden.total == len(hidden.hits) == (1 if shared else 0), (word, matcher)
            shown = search.find(where, matcher, include_private=True, limit=None)
            assert [h.where for h in shown.hits].count(Where.NOTE) == 1, (word, matcher)
