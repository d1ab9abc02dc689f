"""The session flow with a scripted console: no terminal, real records on disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import MINIMAL_PROTOCOL
from reflect_cli.errors import SessionInterrupted
from reflect_cli.model import Protocol, Session
from reflect_cli.protocols import catalog
from reflect_cli.records.store import Store
from reflect_cli.session.console import ScriptedConsole
from reflect_cli.session.flow import Facilitator
from reflect_cli.session.prefill import Plan, add_participants


@pytest.fixture
def tiny(write_yaml) -> Protocol:  # type: ignore[no-untyped-def]
    return catalog.load_file(write_yaml("tiny.yaml", MINIMAL_PROTOCOL))


def plan(date: str = "2026-11-01", people: int = 2) -> Plan:
    made = Plan(collaborative="Tiny Collab", site="S", facilitator="F", date=date)
    add_participants(
        made,
        [
            "Monica Haugen | Parks | Lead",
            "Shana Beckwith | SPIN | Director",
            "Jo Park | PTA | Parent",
        ][:people],
    )
    return made


def run(
    protocol: Protocol, lines: list[str], made: Plan, sessions_dir: Path
) -> tuple[Session, ScriptedConsole]:
    console = ScriptedConsole(lines)
    session = Facilitator(console, Store(sessions_dir), protocol, made).start()
    return session, console


def test_every_kind_and_reasks_on_bad_input(tiny: Protocol, sessions_dir: Path) -> None:
    lines = [
        "monica: hello",
        "//skip is literal",
        "/nope",
        "",
        "Gamma",
        "b",
        "9",
        "4",
        "maybe",
        "yes",
        "1, green",
        "",
    ]
    session, console = run(tiny, lines, plan(), sessions_dir)
    answers = [q.answer for _, q in session.answers()]
    assert answers == ["monica: hello\n/skip is literal", "Beta", 4, True, ["Red", "Green"]]
    shown = "\n".join(console.shown)
    assert "'Gamma' is not one of the choices" in shown
    assert "9 is outside 1 to 5" in shown and "answer yes or no" in shown
    assert "unknown command /nope" in shown
    assert session.status == "complete"
    assert Store(sessions_dir).load(session.id).status == "complete"


def test_review_calls_out_the_unheard_and_offers_unanswered(
    tiny: Protocol, sessions_dir: Path
) -> None:
    lines = ["/skip", "1", "3", "no", "red", "1", "shana: now answered", "", ""]
    session, console = run(tiny, lines, plan(), sessions_dir)
    shown = "\n".join(console.shown)
    assert "Not yet heard from: Monica Haugen, Shana Beckwith" in shown
    assert "less willing or able to speak up" in shown
    assert session.domains[0].questions[0].answer == "shana: now answered"
    assert session.domains[0].questions[0].credits == ["shana"]


def test_commitments_follow_up_and_roster_reuse(tiny: Protocol, sessions_dir: Path) -> None:
    first_lines = [
        "/action Book the gym @monica due:2026-11-15",
        "/action Call families",
        "a",
        "",
        "1",
        "3",
        "yes",
        "red",
        "",
    ]
    first, _ = run(tiny, first_lines, plan(), sessions_dir)
    assert [a.text for a in first.actions] == ["Book the gym", "Call families"]

    second_plan = plan(date="2026-12-01", people=0)
    # Enter at "who is here" (the same as last time), Enter at "anyone new"
    lines = ["", "", "d", "i", "b", "", "2", "3", "no", "blue", ""]
    second, _ = run(tiny, lines, second_plan, sessions_dir)
    assert [p.handle for p in second.participants] == ["monica", "shana"]
    assert [(a.text, a.status, a.origin, a.owner) for a in second.follow_up] == [
        ("Book the gym", "done", first.id, "monica"),
        ("Call families", "in progress", first.id, ""),
    ]
    third_plan = plan(date="2027-01-10")
    lines = ["k", "a", "", "1", "3", "yes", "red", ""]
    third, console = run(tiny, lines, third_plan, sessions_dir)
    # Keep (the Enter default) keeps "in progress": it never turns it back into "open".
    assert [(a.text, a.origin, a.status) for a in third.follow_up] == [
        ("Call families", first.id, "in progress")
    ]
    assert "[d]one [i]n progress d[r]opped [k]eep in progress, + note?" in console.shown


def test_edit_and_who(tiny: Protocol, sessions_dir: Path) -> None:
    console = ScriptedConsole(["monica: draft", "/edit", "/who", "", "/pause"])
    console.edits.append("monica: rewritten\nshana: added in the editor")
    with pytest.raises(SessionInterrupted) as stopped:
        Facilitator(console, Store(sessions_dir), tiny, plan()).start()
    assert stopped.value.exit_code == 0
    saved = Store(sessions_dir).load(stopped.value.session_id)
    assert saved.domains[0].questions[0].answer == "monica: rewritten\nshana: added in the editor"
    assert saved.domains[0].questions[0].credits == ["monica", "shana"]
    assert any("Monica Haugen (monica) | 1" in line for line in console.shown)


def test_review_names_who_was_not_heard_in_each_domain(tiny: Protocol, sessions_dir: Path) -> None:
    lines = ["monica: hello", "/action Book the gym @monica", "", "1", "Strong", "yes", "1 3", ""]
    session, console = run(tiny, lines, plan(people=3), sessions_dir)
    assert session.domains[1].questions[0].answer == 5  # a scale label typed
    assert session.domains[1].questions[2].answer == ["Red", "Blue"]  # multi with a space
    shown = console.shown
    first = shown.index("First domain: not heard from Shana Beckwith, Jo Park")
    assert shown[first + 1].startswith("Second domain: not heard from Monica Haugen")
    assert shown.index("Commitments") > first  # then the commitments
    assert "Book the gym | Monica Haugen |  | open (new)" in shown


def test_progress_header_shows_time_against_a_domains_minutes(
    write_yaml,
    sessions_dir: Path,  # type: ignore[no-untyped-def]
) -> None:
    text = MINIMAL_PROTOCOL.replace(
        "        title: First domain\n", "        title: First domain\n        minutes: 10\n"
    )
    protocol = catalog.load_file(write_yaml("timed.yaml", text))
    assert [d.minutes for d in protocol.domains] == [10, None]
    console = ScriptedConsole(["monica: hi", "", "1", "/pause"])
    with pytest.raises(SessionInterrupted):
        Facilitator(console, Store(sessions_dir), protocol, plan()).start()
    headers = [line for line in console.shown if line.startswith("== ")]
    assert headers[0] == "== First domain · question 1 of 5 · 0 min · this domain 0 of 10 min =="
    assert headers[2] == "== Second domain · question 3 of 5 · 0 min =="


@pytest.mark.parametrize(
    ("lines", "answer", "notes"),
    [
        (["monica: the gym", "shana: and the pool is boo\x03"], "shana: and the pool is boo", []),
        (["/as shana", "the pool is boo\x03"], "shana: the pool is boo", []),
        (["monica: the gym", "/action Book the gy\x03"], "", ["/action Book the gy"]),
        (["monica: the gym", "", "2\x03"], "", ["2"]),
    ],
    ids=["text", "as", "command", "choice"],
)
def test_ctrl_c_keeps_the_line_being_typed(
    tiny: Protocol, sessions_dir: Path, lines: list[str], answer: str, notes: list[str]
) -> None:
    console = ScriptedConsole(lines)
    with pytest.raises(SessionInterrupted) as stopped:
        Facilitator(console, Store(sessions_dir), tiny, plan()).start()
    assert stopped.value.exit_code == 130
    saved = Store(sessions_dir).load(stopped.value.session_id)
    text = saved.domains[0].questions[0].answer
    assert isinstance(text, str)
    if answer:
        assert text.splitlines()[-1] == f"{answer} [unfinished]"
        assert saved.domains[0].questions[0].credits[-1] == "shana"
        assert "Kept the line you were typing in the answer, marked [unfinished]." in console.shown
    assert [n.text for n in saved.notes] == [f"typed, not entered: {n}" for n in notes]
