"""Commitments that never fall through: every open commitment of the partnership's
complete sessions comes up again, whatever session made it; drafts never count."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from conftest import MINIMAL_PROTOCOL
from reflect_cli.model import Action, CommitmentStatus, Protocol, Session, SessionStatus
from reflect_cli.protocols import catalog
from reflect_cli.records.store import Store
from reflect_cli.session.console import ScriptedConsole
from reflect_cli.session.flow import Facilitator
from reflect_cli.session.follow_up import describe, follow_up
from reflect_cli.session.history import History, history_of
from test_session_roster import FIRST_ROSTER, REST, junk_draft, plan, run


@pytest.fixture
def tiny(write_yaml) -> Protocol:  # type: ignore[no-untyped-def]
    return catalog.load_file(write_yaml("tiny.yaml", MINIMAL_PROTOCOL))


def meeting_with_commitments(tiny: Protocol, sessions_dir: Path) -> tuple[Session, list[str]]:
    lines = [
        "mh: the gym",
        "/action Share the space calendar @mh due:2026-10-15",
        "/action Call the district office @district",
        "y",  # yes: an owner outside the room
        "/action Book the gym for May @may due:2026-12-20",
        "/action Ask about buses @nobody",
        "n",  # no: then who? Enter: no owner, the commitment kept
        "",
        "",
        *REST,
        "",
    ]
    first, console = run(tiny, sessions_dir, plan("2026-10-01", FIRST_ROSTER), lines)
    assert first.status == SessionStatus.COMPLETE
    return first, console.shown


def test_action_says_what_it_stored_and_asks_about_an_outside_owner(
    tiny: Protocol, sessions_dir: Path
) -> None:
    first, shown = meeting_with_commitments(tiny, sessions_dir)
    assert "Commitment recorded: Share the space calendar — Monica Haugen, due 2026-10-15" in shown
    assert "Commitment recorded: Call the district office — district, no due date" in shown
    assert [(a.text, a.owner) for a in first.actions] == [
        ("Share the space calendar", "mh"),
        ("Call the district office", "district"),
        ("Book the gym for May", "may"),
        ("Ask about buses", ""),
    ]


def test_a_draft_between_meetings_does_not_break_the_chain(
    tiny: Protocol, sessions_dir: Path
) -> None:
    first, _ = meeting_with_commitments(tiny, sessions_dir)
    draft = junk_draft(tiny, sessions_dir)
    draft.actions.append(Action("A draft's commitment", "zed"))
    Store(sessions_dir).save(draft)

    # Second meeting: same people (Enter, Enter); calendar done, district in progress
    # with a note, gym kept open.
    lines = ["", "", "d", "i left a message", "k", "r", "", *REST, ""]
    second, console = run(tiny, sessions_dir, plan("2026-11-01"), lines)
    shown = "\n".join(console.shown)
    assert "Zed" not in shown and "draft's commitment" not in shown
    assert (
        "Share the space calendar — Monica Haugen, due 2026-10-15 (overdue by 17 days)" in shown
        and "from the meeting of 2026-10-01" in shown
    )
    assert [(a.text, a.status, a.note, a.origin) for a in second.follow_up] == [
        ("Share the space calendar", CommitmentStatus.DONE, "", first.id),
        ("Call the district office", CommitmentStatus.IN_PROGRESS, "left a message", first.id),
        ("Book the gym for May", CommitmentStatus.OPEN, "", first.id),
        ("Ask about buses", CommitmentStatus.DROPPED, "", first.id),
    ]

    third, console = run(tiny, sessions_dir, plan("2026-12-01"), ["", "", "k", "d", "/pause"])
    assert [(a.text, a.status, a.origin) for a in third.follow_up] == [
        # kept: still in progress, never turned back into "open"
        ("Call the district office", CommitmentStatus.IN_PROGRESS, first.id),
        ("Book the gym for May", CommitmentStatus.DONE, first.id),
    ]
    assert third.follow_up[0].note == "left a message"  # kept when no new note is given
    history = history_of(Store(sessions_dir), third)
    assert [s.id for s in history.sessions] == [first.id, second.id]


def test_described_with_owner_due_overdue_and_origin_date() -> None:
    origin = Session("2026-10-01-x-0000", None, "X", "2026-10-01")  # type: ignore[arg-type]
    action = Action("Share the calendar", "mh", "2026-10-15", CommitmentStatus.IN_PROGRESS)
    action.note = "half done"
    text = describe(action, origin, {"mh": "Monica Haugen"}, dt.date(2026, 11, 1))
    assert text == (
        "Share the calendar — Monica Haugen, due 2026-10-15 (overdue by 17 days), "
        "from the meeting of 2026-10-01, in progress: half done"
    )
    assert describe(Action("Call", "@district"), None, {}, dt.date(2026, 1, 1)) == (
        "Call — @district"
    )


@pytest.mark.parametrize(
    ("reply", "status", "note"),
    [
        ("", CommitmentStatus.OPEN, ""),
        ("dropped no longer needed", CommitmentStatus.DROPPED, "no longer needed"),
        ("in progress: halfway", CommitmentStatus.IN_PROGRESS, "halfway"),
        ("done", CommitmentStatus.DONE, ""),
    ],
)
def test_status_words(reply: str, status: CommitmentStatus, note: str) -> None:
    origin = Session("2026-10-01-x-0000", None, "X", "2026-10-01")  # type: ignore[arg-type]
    origin.actions.append(Action("Call families", "mh"))
    session = Session("2026-11-01-x-0000", None, "X", "2026-11-01")  # type: ignore[arg-type]
    follow_up(ScriptedConsole([reply]), session, History([origin]), lambda: None)
    assert (session.follow_up[0].status, session.follow_up[0].note) == (status, note)


@pytest.mark.parametrize(
    ("reply", "status"),
    [
        ("", CommitmentStatus.IN_PROGRESS),  # Enter: keep
        ("k", CommitmentStatus.IN_PROGRESS),
        ("keep still waiting", CommitmentStatus.IN_PROGRESS),
        ("open", CommitmentStatus.OPEN),  # said in words: back to open
    ],
)
def test_keep_keeps_in_progress(reply: str, status: CommitmentStatus) -> None:
    origin = Session("2026-10-01-x-0000", None, "X", "2026-10-01")  # type: ignore[arg-type]
    origin.actions.append(Action("Call families", "mh", status=CommitmentStatus.IN_PROGRESS))
    session = Session("2026-11-01-x-0000", None, "X", "2026-11-01")  # type: ignore[arg-type]
    follow_up(ScriptedConsole([reply]), session, History([origin]), lambda: None)
    assert session.follow_up[0].status == status


def owing(count: int) -> History:
    """A partnership whose one earlier meeting left ``count`` commitments open."""
    origin = Session("2026-10-01-x-0000", None, "X", "2026-10-01")  # type: ignore[arg-type]
    origin.actions.extend(Action(f"Commitment {n}", "mh") for n in range(count))
    return History([origin])


def test_rest_keeps_every_commitment_left_as_it_is_and_says_how_many() -> None:
    session = Session("2026-11-01-x-0000", None, "X", "2026-11-01")  # type: ignore[arg-type]
    console = ScriptedConsole(["d", "i halfway", "rest"])
    saves: list[int] = []
    follow_up(console, session, owing(1000), lambda: saves.append(len(session.follow_up)))
    assert [a.status for a in session.follow_up[:3]] == [
        CommitmentStatus.DONE,
        CommitmentStatus.IN_PROGRESS,
        CommitmentStatus.OPEN,
    ]
    assert len(session.follow_up) == 1000
    assert all(a.status == CommitmentStatus.OPEN for a in session.follow_up[2:])
    assert [a.text for a in session.follow_up] == [f"Commitment {n}" for n in range(1000)]
    prompts = [line for line in console.shown if "rest:" in line]
    assert "keep all 1000 left as they are" in prompts[0]
    assert "keep all 998 left as they are" in prompts[2]
    assert "Kept as they are: 998 commitments." in console.shown
    # One save per answer, one for the rest: never one per commitment kept.
    assert saves == [1, 2, 1000]


@pytest.mark.parametrize("count", [10, 1000])
def test_scripted_follow_up_writes_the_record_once_whatever_is_owed(
    count: int, tiny: Protocol, sessions_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each write rewrites the whole record: writes per commitment would be quadratic.
    The number of writes of a whole --no-input start does not grow with what is owed."""
    roster = ["Monica Haugen | Parks | Lead | mh"]
    origin, _ = run(tiny, sessions_dir, plan("2026-10-01", roster), ["mh: a start", "", *REST, ""])
    origin.actions.extend(Action(f"Commitment {n}", "mh") for n in range(count))
    Store(sessions_dir).save(origin)
    writes: list[str] = []
    real_save = Store.save

    def counted(self: Store, session: Session, path: Path | None = None) -> bool:
        written = real_save(self, session, path)
        if written:
            writes.append(session.id)
        return written

    monkeypatch.setattr(Store, "save", counted)
    made = plan("2026-11-01", roster)
    made.answers.update({q.id: ("x", []) for _, q in tiny.questions() if q.required})
    second = Facilitator(
        ScriptedConsole(interactive=False), Store(sessions_dir), tiny, made
    ).start()
    assert len(second.follow_up) == count
    assert len(writes) == 3  # as many for 1,000 commitments as for 10
