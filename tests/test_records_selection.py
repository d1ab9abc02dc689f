"""``-n``: any count a person types selects sessions; a count beyond what SQLite can hold
(2**63 and more) is every session, never an OverflowError."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import make_session
from reflect_cli.errors import InputError
from reflect_cli.records.selection import EVERY, Selection


@pytest.fixture
def two(sessions_dir: Path) -> Path:
    for day in ("2026-09-01", "2026-10-01"):
        make_session(sessions_dir, "partnership-reflection", date=day)
    return sessions_dir


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(count=st.integers(1, 2**80) | st.sampled_from([2**63 - 1, 2**63, 2**64, 10**40]))
def test_any_count_typed_selects_sessions(two: Path, cli: Any, count: int) -> None:
    shown = min(count, 2)
    listed = cli("list", "--json", "-n", str(count))
    assert listed.exit_code == 0, listed.stderr
    assert len(json.loads(listed.stdout)) == shown
    for args in (("search", "Share", "-n"), ("commitments", "-n"), ("export", "-n")):
        done = cli(*args, str(count))
        assert done.exit_code == 0 and "Traceback" not in done.stderr, (args, done.stderr)


def test_a_count_beyond_every_folder_is_every_session() -> None:
    assert Selection(limit=EVERY + 1).limit is None
    assert Selection(limit=EVERY).limit == EVERY
    with pytest.raises(InputError, match="1 or more"):
        Selection(limit=0)
