"""The evaluation's fixture is what it says it is (read back from the records written
through answers files), and an answers file's ``follow_up`` closes commitments."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from evaluation_fixture import EQUITY, EQUITY_QUESTION, PARTNERSHIPS, TYPES, Built
from reflect_cli.model import CommitmentStatus, SessionStatus
from reflect_cli.records.store import Store


def test_every_planned_meeting_is_a_record(evaluation_sessions: Built) -> None:
    store = Store(evaluation_sessions.folder)
    summaries, problems = store.summaries()
    assert not problems
    planned = [(p, m) for p in PARTNERSHIPS for m in p.meetings]
    assert len(summaries) == len(planned) == 33
    assert sum(s.status == SessionStatus.COMPLETE for s in summaries) == 32
    assert len({p.site for p in PARTNERSHIPS}) == 10
    for partnership, meeting in planned:
        session = store.load(evaluation_sessions.ids[(partnership.collaborative, meeting.date)])
        assert session.collaborative == partnership.collaborative
        assert session.date == meeting.date
        people = [partnership.people[i] for i in meeting.people]
        assert [(p.name, p.sector) for p in session.participants if p.present] == [
            (p.name, p.sector) for p in people
        ]
        kind = session.find("partnership-type-now")
        assert kind is not None
        assert {r.participant: r.value for r in kind.ratings} == {
            p.handle: TYPES[t] for p, t in zip(people, meeting.types, strict=True)
        }
        leadership = session.find("shared-leadership")
        assert leadership is not None
        assert {r.participant: r.value for r in leadership.ratings} == {
            p.handle: v for p, v in zip(people, meeting.leadership, strict=True) if v is not None
        }
        equity = session.find(EQUITY_QUESTION)
        assert equity is not None
        assert equity.answer == "\n".join(EQUITY[(partnership.collaborative, meeting.date)])
        helping = session.find("helping-factors")
        assert helping is not None
        assert helping.skipped is (meeting.helping is None)
        for text, status in meeting.follow_up.items():
            assert any(
                a.text == text and a.status == CommitmentStatus(status) for a in session.follow_up
            )


def test_a_follow_up_that_names_no_open_commitment_is_refused(
    cli: Any, write_yaml: Any, sessions_dir: Path
) -> None:
    answers = write_yaml(
        "a.yaml",
        """
        collaborative: Auburn Roots
        facilitator: Alex Rivera
        date: 2026-01-01
        participants: [Chloe Martin | Olympic Middle School | Teacher]
        answers: {partnership-type-now: Cooperative}
        follow_up: [{text: Never promised, status: done}]
        """,
    )
    result: Any = cli("start", "equitable-partnerships", "--answers", str(answers), "--no-input")
    assert result.exit_code == 2
    assert "no open commitment of this partnership reads 'Never promised'" in result.stderr
    assert result.stderr.count("\n") == 1
    assert "reflect resume" in result.stderr
