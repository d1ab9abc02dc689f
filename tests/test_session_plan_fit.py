"""An answers file whose session would be a record the reader refuses is refused before
any draft is written (session/plan_fit.py): one line, exit 2, the sessions folder and
its private state folder exactly as they were. What is not refused reads back."""

from __future__ import annotations

import gc
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import make_session
from reflect_cli.errors import InputError
from reflect_cli.model import Participant
from reflect_cli.protocols import catalog
from reflect_cli.records.home import where_home as private_home
from reflect_cli.records.opening import MAX_BYTES
from reflect_cli.records.store import Store
from reflect_cli.session import plan_fit
from reflect_cli.session.prefill import Plan

HEAD = """collaborative: Northgate Elementary OST
site: Northgate Elementary
facilitator: Alex Rivera
date: '2026-11-22'
participants:
  - Nguyễn Thị Lan | Kent Youth and Family Services | Counselor
  - Monica Haugen | Seattle Parks and Recreation | Site lead
"""


def _answers(tmp_path: Path, notes: int, actions: int, answer_bytes: int = 0) -> Path:
    lines = [HEAD]
    if answer_bytes:
        lines.append("answers:\n  shared-values: '" + "ab " * (answer_bytes // 3) + "'\n")
    if notes:
        lines.append("notes:\n" + "".join(f"  - n{i}\n" for i in range(notes)))
    if actions:
        lines.append("actions:\n" + "".join(f"  - {{text: a{i}}}\n" for i in range(actions)))
    path = tmp_path / "answers.yaml"
    path.write_text("".join(lines), encoding="utf-8")
    return path


def _tree(folder: Path) -> dict[str, bytes]:
    """Every file under the folder with its bytes."""
    if not folder.exists():
        return {}
    return {str(p): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _kept(folder: Path) -> dict[str, bytes]:
    """The sessions folder and what reflect keeps for it privately (rounds, kept text),
    all but the index: a cache of the records, which SQLite may fold its journal into."""
    private = _tree(private_home(folder))
    return _tree(folder) | {k: v for k, v in private.items() if "index.sqlite" not in k}


@pytest.mark.parametrize(
    ("notes", "actions", "answer_bytes"),
    [(40_000, 0, 0), (0, 25_000, 0), (0, 0, MAX_BYTES - 40_000)],
    ids=["notes", "actions", "one long answer"],
)
@pytest.mark.parametrize("earlier", [False, True], ids=["new folder", "a folder in use"])
def test_a_plan_over_the_limits_writes_nothing(
    cli: Any,
    sessions_dir: Path,
    tmp_path: Path,
    notes: int,
    actions: int,
    answer_bytes: int,
    earlier: bool,
) -> None:
    if earlier:
        make_session(sessions_dir, "partnership-reflection")
        gc.collect()  # its store's index closed (SQLite folds its journal in on close)
    before = _kept(sessions_dir)
    answers = _answers(tmp_path, notes, actions, answer_bytes)
    result = cli("start", "--answers", str(answers), "--no-input")
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "nothing was written" in result.stderr and str(answers) in result.stderr
    assert _kept(sessions_dir) == before
    assert not (tmp_path / "state").exists() or not any((tmp_path / "state").rglob("*.yaml"))


@settings(
    max_examples=4,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(notes=st.integers(0, 40_000))
def test_what_is_not_refused_reads_back(
    cli: Any, sessions_dir: Path, tmp_path: Path, notes: int
) -> None:
    """Around the limit: either refused with nothing written, or the record reads back."""
    before = _kept(sessions_dir)
    result = cli("start", "--answers", str(_answers(tmp_path, notes, 0)), "--no-input")
    if result.exit_code == 2 and "nothing was written" in result.stderr:
        assert _kept(sessions_dir) == before
        return
    assert "Traceback" not in result.stderr
    store = Store(sessions_dir)
    summaries, problems = store.summaries()
    assert not problems
    for summary in summaries:
        store.load(summary.id)


# -- what the reader's decoder refuses ---------------------------------------------------

ROSTER = """collaborative: Lakeview Partnership
site: School 075
date: 2026-11-20
facilitator: Alex Rivera
participants:
  - {{name: {name}, organization: Seattle Parks, role: Site lead}}
  - {{name: Grace Hall, organization: Family Council, role: Parent}}
"""


def _roster(tmp_path: Path, name: str) -> Path:
    path = tmp_path / "answers.yaml"
    path.write_text(ROSTER.format(name=json.dumps(name)), encoding="utf-8")  # JSON is YAML
    return path


@pytest.mark.parametrize("name", ["", " ", "\u00a0", "\u200b", " \u3000\u200d "], ids=repr)
def test_a_name_that_shows_nothing_is_refused_before_any_draft(
    cli: Any, sessions_dir: Path, tmp_path: Path, name: str
) -> None:
    """The tester's case: a record the reader refuses ("participants[0].name: is empty")
    used to be written, and every list, export and redacted export of the folder then
    refused; now the answers file is refused, at its line, and nothing is written."""
    make_session(sessions_dir, "partnership-reflection")
    gc.collect()
    before = _kept(sessions_dir)
    answers = _roster(tmp_path, name)
    result = cli("start", "--answers", str(answers), "--no-input")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert f"{answers}:6: participants[0]" in result.stderr
    assert "needs a name" in result.stderr or "name: is empty" in result.stderr
    assert _kept(sessions_dir) == before
    listed = cli("list")
    assert listed.exit_code == 0 and "1 session" in listed.stdout


def test_a_roster_option_that_shows_nothing_is_refused(cli: Any, sessions_dir: Path) -> None:
    given = ("--collaborative", "Lakeview", "--facilitator", "Alex", "--no-input")
    result = cli("start", *given, "-p", "\u200b | Seattle Parks | Site lead")
    assert result.exit_code == 2 and "needs a name" in result.stderr
    assert result.stderr.count("\n") == 1
    assert not sessions_dir.exists()


def test_a_plan_the_decoder_refuses_is_refused_before_any_draft(
    sessions_dir: Path, tiny_protocol: Path
) -> None:
    """Whatever reaches a plan without the roster's check (here a participant made by
    hand) is refused by the reader's own decoder, naming where, before anything is
    written."""
    plan = Plan(collaborative="Lakeview", facilitator="Alex", date="2026-11-20")
    plan.participants.append(Participant("", "Seattle Parks", "Site lead", "p1"))
    with pytest.raises(InputError, match=r"answers\.yaml: .*participants\[0\]\.name: is empty"):
        plan_fit.check(plan, catalog.load_file(tiny_protocol), None, "answers.yaml")
    assert not sessions_dir.exists()


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    name=st.text(st.sampled_from([" ", "\u00a0", "\u200b", "\u2028", "\t", "G", "é"]), max_size=4)
)
def test_any_name_an_answers_file_gives_is_refused_or_read_back(
    cli: Any, sessions_dir: Path, tmp_path: Path, name: str
) -> None:
    result = cli("start", "--answers", str(_roster(tmp_path, name)), "--no-input")
    assert "Traceback" not in result.stderr
    if result.exit_code == 2:
        assert "needs a name" in result.stderr or "is empty" in result.stderr
        return
    assert result.exit_code == 0, result.stderr
    store = Store(sessions_dir)
    summaries, problems = store.summaries()
    assert not problems
    names = {p.name for s in summaries for p in store.session(s).participants}
    assert name.strip() in names  # as given, less the spaces around it
