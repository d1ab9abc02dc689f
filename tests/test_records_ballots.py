"""A round under way, kept outside the shared folder: owner-only, no order, untrusted
when read back, never through a link."""

from __future__ import annotations

import os
import random
import signal
import stat
import sys
import termios
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reflect_cli.errors import StoreError
from reflect_cli.model import AnswerRecord, Kind, RoundKind, Scale
from reflect_cli.records.ballots import Ballot, Ballots
from reflect_cli.records.home import where_home as private_home
from reflect_cli.ui import hidden

RECORD = AnswerRecord("trust", "Trust?", Kind.SCALE, scale=Scale(1, 5), round=RoundKind.ANONYMOUS)
PEOPLE = [
    ("lan", "Seattle Parks and Recreation"),
    ("hope", "Seattle Parks and Recreation"),
    ("ravi", "Library"),
    ("李雷", "北京图书馆"),
    ("grace", ""),
]
ROSTER = [handle for handle, _ in PEOPLE]


def test_kept_owner_only_outside_the_folder_and_read_back(tmp_path: Path) -> None:
    (tmp_path / "sessions").mkdir()
    ballots = Ballots(tmp_path / "sessions", "2026-11-23-northgate-ost-1a2b")
    ballot = Ballot()
    ballot.rate("lan", "Seattle Parks and Recreation", 4)
    ballot.pass_turn("ravi")
    ballots.save("trust", ballot)
    path = ballots.path("trust")
    assert path.parent == private_home(tmp_path / "sessions") / "rounds"
    assert list((tmp_path / "sessions").iterdir()) == []  # nothing in the shared folder
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert ballots.load(RECORD, ROSTER) == ballot
    ballots.remove("trust")
    assert ballots.load(RECORD, ROSTER) is None


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(PEOPLE), st.integers(1, 5)), max_size=10),
    st.randoms(use_true_random=False),
)
def test_no_order_of_entry_is_kept(
    entries: list[tuple[tuple[str, str], int]], draw: random.Random
) -> None:
    def kept(order: list[tuple[tuple[str, str], int]]) -> str:
        ballot = Ballot()
        for (handle, organization), value in order:
            ballot.rate(handle, organization, value)
        return ballot.to_json("trust")

    shuffled = list(entries)
    draw.shuffle(shuffled)
    assert kept(shuffled) == kept(entries)


@pytest.mark.parametrize(
    "content",
    [
        b"{not json",
        b'{"question": "other", "counts": [], "passed": 0, "entered_by": []}',
        b'{"question": "trust", "counts": [{"value": 9, "count": 1}], "passed": 0}',
        b'{"question": "trust", "counts": [{"value": 3, "count": 100000000}]}',
        b'{"question": "trust", "passed": -1}',
        b"\xff\xfe",
        b"[" * 100_000 + b"]" * 100_000,  # json.loads would raise RecursionError
        # Stuffed: more entries than people who had their turn; a turn by a stranger.
        b'{"question": "trust", "counts": [{"value": 3, "count": 5}], "entered_by": ["lan"]}',
        b'{"question": "trust", "passed": 1, "entered_by": ["mallory"]}',
    ],
)
def test_a_damaged_round_under_way_is_one_clear_error(tmp_path: Path, content: bytes) -> None:
    ballots = Ballots(tmp_path, "s")
    ballots.save("trust", Ballot())
    ballots.path("trust").write_bytes(content)
    with pytest.raises(StoreError) as caught:
        ballots.load(RECORD, ROSTER)
    assert str(ballots.path("trust")) in str(caught.value) and "\n" not in str(caught.value)


def test_a_link_in_place_of_the_file_is_never_followed(tmp_path: Path) -> None:
    ballots = Ballots(tmp_path, "s")
    ballots.save("trust", Ballot())
    outside = tmp_path / "outside.json"
    outside.write_text('{"question": "trust", "counts": [], "passed": 0}', encoding="utf-8")
    ballots.path("trust").unlink()
    ballots.path("trust").symlink_to(outside)
    with pytest.raises(StoreError, match="symbolic link"):
        ballots.load(RECORD, ROSTER)


def test_a_private_folder_that_is_a_link_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The folder's private folder is a link: the round is refused, nothing written
    through it (a round kept where it may be read would not be anonymous)."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    sessions = tmp_path / "sessions"
    sessions.mkdir()
    private_home(sessions).parent.mkdir(parents=True)
    private_home(sessions).symlink_to(elsewhere)
    ballots = Ballots(sessions, "s")
    with pytest.raises(StoreError, match="symbolic link"):
        ballots.save("trust", Ballot())
    assert list(elsewhere.iterdir()) == []
    assert list(sessions.iterdir()) == []


def test_a_pushed_reflect_folder_holds_no_round(tmp_path: Path) -> None:
    """A round file anyone committed in ``.reflect/rounds/`` under the very name reflect
    would use is neither read nor written: the round is kept in the private folder."""
    sessions = tmp_path / "sessions"
    pushed = sessions / ".reflect" / "rounds"
    pushed.mkdir(parents=True)
    ballots = Ballots(sessions, "s")
    ballot = Ballot()
    ballot.rate("lan", "Seattle Parks and Recreation", 4)
    (pushed / ballots.path("trust").name).write_text(ballot.to_json("trust"))
    before = (pushed / ballots.path("trust").name).read_bytes()
    assert ballots.load(RECORD, ROSTER) is None
    ballots.save("trust", Ballot())
    assert (pushed / ballots.path("trust").name).read_bytes() == before
    assert ballots.path("trust").is_relative_to(private_home(sessions))


@pytest.mark.skipif(sys.platform == "win32", reason="no terminals")
def test_a_signal_during_a_hidden_entry_puts_the_terminal_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """In a real pseudo-terminal: echo is off while the entry is read; SIGUSR1 (whose
    default would end the process with echo still off) ends the entry like Ctrl-C, the
    terminal as it was."""
    main, side = os.openpty()
    with open(side, closefd=True) as terminal:
        monkeypatch.setattr(sys, "stdin", terminal)
        assert termios.tcgetattr(side)[3] & termios.ECHO
        with pytest.raises(KeyboardInterrupt), hidden.terminal_restored():
            attributes = termios.tcgetattr(side)
            attributes[3] &= ~termios.ECHO  # what getpass does
            termios.tcsetattr(side, termios.TCSADRAIN, attributes)
            os.kill(os.getpid(), signal.SIGUSR1)
        assert termios.tcgetattr(side)[3] & termios.ECHO
        assert signal.getsignal(signal.SIGUSR1) == signal.SIG_DFL  # put back as it was
    os.close(main)


def _rounds_under_way(sessions: Path, state: Path) -> list[str]:
    """Every round-under-way file, anywhere under the state folder or the sessions folder."""
    places = [sessions, state]
    return sorted(p.name for place in places if place.exists() for p in place.rglob("*.json"))


def test_discard_and_a_finished_session_leave_no_round_under_way(
    cli: Any, sessions_dir: Path, tmp_path: Path
) -> None:
    """A draft discarded with rounds under way: nothing of it stays. Another session's
    rounds stay. A session that ends leaves none of its own either."""
    from conftest import make_session
    from reflect_cli.protocols import catalog
    from reflect_cli.records.store import Store
    from reflect_cli.session.console import ScriptedConsole
    from reflect_cli.session.flow import Facilitator
    from reflect_cli.session.prefill import Plan

    draft = make_session(sessions_dir, "partnership-reflection", status="draft")
    other = make_session(sessions_dir, "partnership-reflection", status="draft")
    ballot = Ballot()
    ballot.rate("lan", "Seattle Parks and Recreation", 4)
    for session_id in (draft, other):
        Ballots(sessions_dir, session_id).save("trust", ballot)
        Ballots(sessions_dir, session_id).save("type", ballot)
    state = tmp_path / "state"
    assert len(_rounds_under_way(sessions_dir, state)) == 4
    assert cli("discard", draft, "--yes").exit_code == 0
    assert _rounds_under_way(sessions_dir, state) == sorted(
        Ballots(sessions_dir, other).path(q).name for q in ("trust", "type")
    )
    store = Store(sessions_dir)
    session = store.load(other)
    protocol, _ = catalog.find("partnership-reflection")
    Facilitator(ScriptedConsole(interactive=False), store, protocol, Plan()).resume(session)
    assert store.load(other).status == "complete"
    assert _rounds_under_way(sessions_dir, state) == []
