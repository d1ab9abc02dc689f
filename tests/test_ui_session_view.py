"""`reflect show`: 80 columns on a pipe, captions above their tables, readable answers."""

from __future__ import annotations

from typing import Any

RESOURCES = (
    "Resource-sharing (space, meeting time, staff) to improve coordination and communication"
)


def test_show_on_a_pipe_is_80_wide_with_captions_above(cli: Any, sessions: dict[str, str]) -> None:
    result = cli("show", sessions["first"])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert max(len(line.rstrip()) for line in lines) <= 80
    assert max(len(line) for line in lines) > 70  # rules drawn across the width, not 200
    caption = next(i for i, line in enumerate(lines) if line.strip() == "Participants")
    header = next(i for i, line in enumerate(lines) if "organization" in line)
    assert caption < header
    commitments = next(i for i, line in enumerate(lines) if line.strip() == "Commitments")
    assert commitments < next(i for i, line in enumerate(lines) if "Share the space" in line)
    assert "2 of 5 — Starting" in result.stdout  # a rating with its scale and label


def test_show_lists_multi_choice_labels_and_absent_people(cli: Any, sessions_dir: Any) -> None:
    from conftest import make_session
    from reflect_cli.records.store import Store

    sid = make_session(
        sessions_dir,
        "equitable-partnerships",
        answers={
            "partnership-type-now": "Cooperative",
            "helping-factors": ["Strong relationships and trust", RESOURCES],
        },
    )
    store = Store(sessions_dir)
    session = store.load(sid)
    session.participants[2].present = False
    session.participants[1].left = True  # here, then left: not absent
    store.save(session)
    out = " ".join(cli("show", sid).stdout.split())  # long labels wrap at 80 columns
    assert "• Strong relationships and trust" in out and f"• {RESOURCES}" in out
    assert out.count("not present") == 1 and out.count(" left") == 1
    # The shared summary lists someone who left with those who took part.
    left, absent = session.participants[1].name, session.participants[2].name
    exported = cli("export", "--format", "md", sid).stdout
    not_present = next(line for line in exported.splitlines() if line.startswith("Not present"))
    assert absent in not_present and left not in not_present and left in exported


def test_show_at_60_columns_keeps_due_dates_whole_and_line_endings_plain(
    cli: Any, sessions: dict[str, str], monkeypatch: Any
) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    out = cli("show", sessions["hostile"]).stdout
    assert max(len(line.rstrip()) for line in out.splitlines()) <= 60
    assert "2026-10-01" in out and "2026-12-05" in out  # never folded across lines
    assert "\\x0d" not in out and "and a\nwindows line" in out  # a pasted CRLF: a new line
    assert "\\x1b[31mred" in out and "\x1b" not in out


def test_show_at_60_columns_cuts_no_word(cli: Any, sessions_dir: Any, monkeypatch: Any) -> None:
    from conftest import make_session
    from reflect_cli.model import Action
    from reflect_cli.records.store import Store

    sid = make_session(sessions_dir, "partnership-reflection")
    store = Store(sessions_dir)
    session = store.load(sid)
    session.participants[1].present = False
    long = "Share the space calendar with every partner before the winter break"
    session.actions.append(Action(long, session.participants[0].handle, "2026-12-01"))
    store.save(session)
    monkeypatch.setenv("COLUMNS", "60")
    lines = cli("show", sid).stdout.splitlines()
    assert max(len(line.rstrip()) for line in lines) <= 60
    words = {word.rstrip(":") for line in lines for word in line.split()}
    names = {w for p in session.participants for w in f"{p.name} {p.organization}".split()}
    for word in [*long.split(), "present", "2026-12-01", "open", *names]:
        assert word in words, word


def test_show_without_commitments_says_so_instead_of_an_empty_table(
    cli: Any, sessions_dir: Any
) -> None:
    from conftest import make_session
    from reflect_cli.records.store import Store

    sid = make_session(
        sessions_dir, "equitable-partnerships", answers={"partnership-type-now": "Cooperative"}
    )
    store = Store(sessions_dir)
    session = store.load(sid)
    session.actions, session.follow_up = [], []
    store.save(session)
    out = cli("show", sid).stdout
    assert "No commitments." in out
    assert "commitment" not in out.replace("No commitments.", "").lower().split("participants")[-1]
