"""Live rounds with a scripted console: named and anonymous, /pass, /back, everyone at
once, /round, resume mid-round, answers files with ratings; real records on disk."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from reflect_cli.errors import InputError, SessionInterrupted, StoreError
from reflect_cli.model import (
    AnswerRecord,
    DomainRecord,
    Kind,
    Participant,
    Protocol,
    ProtocolRef,
    Rating,
    RoundKind,
    Scale,
    Session,
)
from reflect_cli.protocols import catalog
from reflect_cli.records import codec
from reflect_cli.records.ballots import Ballots
from reflect_cli.records.home import where_home as private_home
from reflect_cli.records.store import Store
from reflect_cli.render.export import view as export_view
from reflect_cli.render.markdown import render_session
from reflect_cli.rounds.anonymity import begun
from reflect_cli.session.console import CLEARED, ScriptedConsole
from reflect_cli.session.flow import Facilitator
from reflect_cli.session.prefill import Plan, add_participants, check_against, load
from reflect_cli.session.rounds import RoundRunner
from reflect_cli.ui.session_view import show as show_session
from rounds_fixtures import READY, STORY, TRUST, TWO_ANAS, TYPE
from rounds_fixtures import protocol as protocol_text

ROUNDS_PROTOCOL = protocol_text(TRUST, TYPE, READY, STORY)
PEOPLE = TWO_ANAS  # four partners, three organizations; two Anas


@pytest.fixture
def protocol(write_yaml: Callable[[str, str], Path]) -> Protocol:
    return catalog.load_file(write_yaml("rounds.yaml", ROUNDS_PROTOCOL))


def plan() -> Plan:
    made = Plan(
        collaborative="Northgate OST", site="Northgate", facilitator="Alex", date="2026-11-23"
    )
    add_participants(made, PEOPLE)
    return made


def start(protocol: Protocol, lines: list[str], folder: Path) -> tuple[Session, ScriptedConsole]:
    console = ScriptedConsole(lines)
    return Facilitator(console, Store(folder), protocol, plan()).start(), console


def stop(protocol: Protocol, lines: list[str], folder: Path) -> tuple[str, ScriptedConsole]:
    console = ScriptedConsole(lines)
    with pytest.raises(SessionInterrupted) as stopped:
        Facilitator(console, Store(folder), protocol, plan()).start()
    return stopped.value.session_id, console


def test_named_round_with_labels_pass_and_back(protocol: Protocol, sessions_dir: Path) -> None:
    lines = [
        "4",  # Monica
        "partly",  # Shana: a label
        "/back",  # fix Shana
        "2",  # Shana again
        "/pass",  # Ana Ruiz
        "fu",  # Ana Lopez: a unique prefix of Fully
        "mh: we have come a long way",  # the discussion
        "",
    ]
    session_id, console = stop(protocol, lines, sessions_dir)
    record = Store(sessions_dir).load(session_id).find("trust")
    assert record is not None
    assert record.round is RoundKind.NAMED
    assert record.ratings == [
        Rating(4, participant="mh"),
        Rating(2, participant="shana"),
        Rating(5, participant="alopez"),
    ]
    assert (record.passed, record.passed_by) == (1, ["ana"])
    assert record.answer == "mh: we have come a long way" and record.credits == ["mh"]
    assert record.answered and not record.in_progress
    shown = "\n".join(console.shown)
    assert "Monica Haugen, Seattle Parks and Recreation:" in console.shown
    assert "Shana Beckwith again (was: 3)." in shown
    assert "3 rated, 1 passed · median 4 (Strength) · range 2 to 5" in shown
    assert (
        "Partners see this differently: Seattle Parks and Recreation median 4.5, "
        "STEMPaths Innovation Network median 2"
    ) in shown
    assert any(line.startswith("  4 Mostly") and "█" in line for line in console.shown)
    assert "  Seattle Parks and Recreation: median 4.5 (n 2)" in console.shown


def test_everyone_at_once_and_bad_values_reasked(protocol: Protocol, sessions_dir: Path) -> None:
    lines = ["9", "mh 4, shana 3, ana nope", "mh 4, shana 3, ana pass, alopez 4", "", "/pause"]
    session_id, console = stop(protocol, lines, sessions_dir)
    record = Store(sessions_dir).load(session_id).find("trust")
    assert record is not None
    assert [(r.participant, r.value) for r in record.ratings] == [
        ("mh", 4),
        ("shana", 3),
        ("alopez", 4),
    ]
    assert record.passed_by == ["ana"]
    shown = "\n".join(console.shown)
    assert "9 is outside 1 to 5" in shown
    assert "type a whole number from 1 to 5" in shown  # 'nope': nothing stored from that line
    # Parks 4, STEMPaths 3: a point apart is agreement, said as numbers, not flagged.
    assert "IQR 0.5 · 1 of 3 away from the median · organizations' medians 1 apart" in shown
    assert "Partners see this differently" not in shown


def test_anonymous_round_keeps_no_handle_and_shows_no_value(
    protocol: Protocol, sessions_dir: Path
) -> None:
    lines = [
        "mh 4, shana 4, ana 4, alopez 4",  # trust, all at once
        "",
        "Collaborative",
        "Integr",
        "Cooperatve",  # a typo: re-asked without repeating it
        "coop",
        "/pass",
        "/pause",
    ]
    session_id, console = stop(protocol, lines, sessions_dir)
    path = next(sessions_dir.glob(f"{session_id}.yaml"))
    record = Store(sessions_dir).load(session_id).find("type")
    assert record is not None and record.round is RoundKind.ANONYMOUS
    assert sorted(str(r.value) for r in record.ratings) == [
        "Collaborative",
        "Cooperative",
        "Integrated",
    ]
    assert all(r.participant == "" for r in record.ratings)
    # Each organization gave one rating: stored pooled, so none is one person's.
    assert [r.organization for r in record.ratings] == [""] * 3  # no group of three
    assert record.passed == 1 and record.passed_by == []
    text = path.read_text(encoding="utf-8")
    section = text[text.index("id: type") : text.index("id: ready")]
    for name in ("mh", "shana", "ana", "alopez", "Monica", "Shana", "Ana", "participant"):
        assert name not in section
    shown = "\n".join(console.shown)
    assert "Cooperatve" not in shown and not re.search("Integr(?!ated)", shown)
    assert "Not a rating. Type a choice's number or label; try again." in shown
    assert console.shown.count(CLEARED) == 6  # as the round begins and after each entry
    assert "2 of 4 entered." in shown and "4 of 4 entered." in shown
    assert "no option has a majority (Cooperative 1, Collaborative 1, Integrated 1)" in shown


def test_resume_mid_round_continues_with_the_next_person(
    protocol: Protocol, sessions_dir: Path
) -> None:
    session_id, _ = stop(protocol, ["3", "/pass"], sessions_dir)  # input ends: like Ctrl-D
    draft = Store(sessions_dir).load(session_id)
    record = draft.find("trust")
    assert record is not None and record.in_progress and record.passed_by == ["shana"]
    console = ScriptedConsole(["5", "4", "", "/pause"])
    with pytest.raises(SessionInterrupted):
        Facilitator(console, Store(sessions_dir), protocol, plan()).resume(draft)
    assert "Ana Ruiz, Northgate Elementary:" in console.shown
    assert "Monica Haugen, Seattle Parks and Recreation:" not in console.shown
    record = Store(sessions_dir).load(session_id).find("trust")
    assert record is not None
    assert [(r.participant, r.value) for r in record.ratings] == [
        ("mh", 3),
        ("ana", 5),
        ("alopez", 4),
    ]
    assert not record.in_progress


def test_round_command_on_a_plain_question(protocol: Protocol, sessions_dir: Path) -> None:
    lines = [
        "mh 4, shana 4, ana 4, alopez 4",
        "",
        "1",
        "1",
        "1",
        "1",
        "",
        "/round",  # ready: a yes-no question without a round in the protocol
        "yes",
        "no",
        "y",
        "n",
        "shana: we need the district's agreement first",
        "",
        "/round",  # story: a text question
        "/pause",
    ]
    session_id, console = stop(protocol, lines, sessions_dir)
    record = Store(sessions_dir).load(session_id).find("ready")
    assert record is not None and record.round is RoundKind.NAMED
    assert [r.value for r in record.ratings] == [True, False, True, False]
    assert record.answer == "shana: we need the district's agreement first"
    shown = "\n".join(console.shown)
    assert "no option has a majority (Yes 2, No 2)" in shown
    assert "a round rates a scale, choice or yes-no question" in shown


def test_round_anonymous_switches_a_named_round_before_anyone_rated(
    protocol: Protocol, sessions_dir: Path
) -> None:
    session_id, console = stop(
        protocol, ["/round anonymous", "2", "3", "3", "4", "/pause"], sessions_dir
    )
    record = Store(sessions_dir).load(session_id).find("trust")
    assert record is not None and record.round is RoundKind.ANONYMOUS
    assert sorted(int(r.value) for r in record.ratings) == [2, 3, 3, 4]
    assert CLEARED in console.shown


@pytest.mark.parametrize(
    ("first", "then", "said"),
    [
        ("/round anonymous", "/round", "this question already has an anonymous round"),
        ("/round", "/round anonymous", "this question already has a named round"),
    ],
)
def test_a_rated_round_cannot_change_kind_and_says_which_it_is(
    protocol: Protocol, sessions_dir: Path, first: str, then: str, said: str
) -> None:
    lines = [first, "2", "3", "3", "4", then, "/pause"]  # then: at the discussion
    session_id, console = stop(protocol, lines, sessions_dir)
    shown = "\n".join(console.shown)
    assert said in shown
    assert "a anonymous" not in shown
    record = Store(sessions_dir).load(session_id).find("trust")
    assert record is not None
    assert record.round is (RoundKind.ANONYMOUS if "anonymous" in first else RoundKind.NAMED)


ANSWERS = """
    collaborative: Northgate OST
    facilitator: Alex Rivera
    date: 2026-11-23
    participants:
      - {name: Monica Haugen, organization: Seattle Parks and Recreation, handle: mh}
      - {name: Shana Beckwith, organization: STEMPaths Innovation Network, handle: shana}
      - {name: Ana Ruiz, organization: Northgate Elementary, role: Counselor, handle: ana}
    answers:
      trust: {ratings: {mh: 4, shana: Partly, ana: pass}, answer: "mh: better than last year"}
      type: {ratings: {mh: Collaborative, shana: 3, ana: Collaborative}}
      ready: {ratings: {mh: yes, shana: false}}
"""


def test_answers_file_with_ratings_of_both_kinds(
    protocol: Protocol, sessions_dir: Path, write_yaml: Callable[[str, str], Path]
) -> None:
    made = load(write_yaml("answers.yaml", ANSWERS))
    check_against(made, protocol, "answers.yaml")
    session = Facilitator(
        ScriptedConsole(interactive=False), Store(sessions_dir), protocol, made
    ).start()
    saved = Store(sessions_dir).load(session.id)
    trust, kind, ready = (saved.find(q) for q in ("trust", "type", "ready"))
    assert trust is not None and kind is not None and ready is not None
    assert [(r.participant, r.value) for r in trust.ratings] == [("mh", 4), ("shana", 3)]
    assert trust.passed_by == ["ana"] and trust.answer == "mh: better than last year"
    assert kind.round is RoundKind.ANONYMOUS and all(not r.participant for r in kind.ratings)
    assert sorted(str(r.value) for r in kind.ratings) == [
        "Collaborative",
        "Collaborative",
        "Integrated",
    ]
    assert ready.round is RoundKind.NAMED and [r.value for r in ready.ratings] == [True, False]
    assert trust.answered and not trust.skipped and kind.answered
    assert saved.status == "complete"
    text = next(sessions_dir.glob("*.yaml")).read_text(encoding="utf-8")
    anonymous = text[text.index("id: type") : text.index("id: ready")]
    assert "mh" not in anonymous and "shana" not in anonymous and "Ana" not in anonymous


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ("trust: {ratings: {nobody: 4}}", "a rating of 'trust' names unknown handle 'nobody'"),
        ("trust: {ratings: {mh: 9}}", "mh's rating of 'trust': 9 is outside 1 to 5"),
        ("story: {ratings: {mh: 3}}", "'story' is a text question: no ratings"),
        ("trust: {ratings: [4, 3]}", "answers.trust.ratings: must be a mapping"),
    ],
)
def test_answers_file_ratings_problems(
    protocol: Protocol, write_yaml: Callable[[str, str], Path], answers: str, message: str
) -> None:
    text = ANSWERS.split("    answers:")[0] + "    answers:\n      " + answers + "\n"
    with pytest.raises(InputError) as caught:
        check_against(load(write_yaml("bad.yaml", text)), protocol, "bad.yaml")
    assert message in str(caught.value)


def test_a_single_value_for_a_round_question_is_the_rooms_answer(
    protocol: Protocol, sessions_dir: Path
) -> None:
    made = plan()
    made.answers = {"trust": (3, None)}
    check_against(made, protocol, "test")
    session = Facilitator(
        ScriptedConsole(interactive=False), Store(sessions_dir), protocol, made
    ).start()
    record = Store(sessions_dir).load(session.id).find("trust")
    assert record is not None and record.round is None and record.answer == 3


def test_only_present_people_are_asked(protocol: Protocol, sessions_dir: Path) -> None:
    made = plan()
    made.participants[1].present = False  # Shana left before the round
    console = ScriptedConsole(["4", "3", "5", "", "/pause"])
    with pytest.raises(SessionInterrupted) as stopped:
        Facilitator(console, Store(sessions_dir), protocol, made).start()
    record = Store(sessions_dir).load(stopped.value.session_id).find("trust")
    assert record is not None
    assert [r.participant for r in record.ratings] == ["mh", "ana", "alopez"]
    assert not any(line.startswith("Shana Beckwith") for line in console.shown)


def test_a_round_with_no_one_present_says_so(protocol: Protocol, sessions_dir: Path) -> None:
    made = plan()
    for person in made.participants:
        person.present = False
    console = ScriptedConsole(["", "/pause"])
    with pytest.raises(SessionInterrupted):
        Facilitator(console, Store(sessions_dir), protocol, made).start()
    assert "No one is here to rate: add people with /join first." in console.shown


def test_anonymous_result_in_the_room_shows_no_group_of_two(
    protocol: Protocol, sessions_dir: Path
) -> None:
    # Monica and Ana Lopez are Parks; Shana and Ana Ruiz are alone in their organization.
    # "Parks: median 4.5 (n 2)" would tell Monica Ana Lopez's 5 (and the pool of two
    # would tell Shana Ana Ruiz's): overall only, on screen and on disk.
    lines = ["/round anonymous", "4", "1", "2", "5", "/pause"]
    session_id, console = stop(protocol, lines, sessions_dir)
    shown = "\n".join(console.shown)
    assert "Seattle Parks and Recreation: median" not in shown
    assert "STEMPaths Innovation Network: median" not in shown
    assert "Northgate Elementary: median" not in shown
    assert "Organizations with fewer than three ratings" not in shown
    assert "Not shown by organization: a group would hold fewer than three ratings" in shown
    assert (
        "Partners see this differently: the middle half of the ratings spans 1.75 to 4.25" in shown
    )
    record = Store(sessions_dir).load(session_id).find("trust")
    assert record is not None and {r.organization for r in record.ratings} == {""}


def test_anonymous_result_in_the_room_with_one_lone_rating_is_overall_only(
    protocol: Protocol, sessions_dir: Path
) -> None:
    # Shana passes: Monica and Ana Lopez (Parks) rate 4 and 2, Ana Ruiz (alone for
    # Northgate) 1. A Parks line of median 3 (n 2) and three ratings would tell her 1.
    lines = ["/round anonymous", "4", "/pass", "1", "2", "/pause"]
    session_id, console = stop(protocol, lines, sessions_dir)
    shown = "\n".join(console.shown)
    assert "3 rated, 1 passed · median 2 (Concern) · range 1 to 4" in shown
    assert "Seattle Parks and Recreation: median" not in shown
    assert "Organizations with fewer than three ratings" not in shown
    assert "Northgate Elementary" not in shown.split("3 rated, 1 passed")[1]
    assert (
        "  (Not shown by organization: a group would hold fewer than three ratings, and in a "
        "group of one or two each person's rating could be worked out.)"
    ) in console.shown
    # Spread as numbers from all three; no gap: that would compare groups, one of one.
    assert "range 1 to 4 · IQR 1.5 · 2 of 3 away from the median" in shown
    assert "medians" not in shown.split("3 rated, 1 passed")[1].split("\n")[0]
    assert "Partners see this differently" not in shown
    record = Store(sessions_dir).load(session_id).find("trust")
    assert record is not None and sorted(int(r.value) for r in record.ratings) == [1, 2, 4]


# -- what testers found: anonymity of one, /skip, /back then /pause, the next person ---------

ALL_TRUST = ["mh 4, shana 4, ana 4, alopez 4", ""]  # the named trust round, then no talk


def test_an_anonymous_round_of_one_rating_shows_no_value(
    protocol: Protocol, sessions_dir: Path
) -> None:
    session_id, console = stop(
        protocol, [*ALL_TRUST, "Integrated", "/skip", "", "/pause"], sessions_dir
    )
    shown = console.shown[
        console.shown.index("Monica Haugen, your rating (hidden; /pass to pass):") :
    ]
    assert "not enough ratings to show anonymously (n=1)" in shown
    result = [line for line in shown if "Integrated" in line and "3) Integrated" not in line]
    assert result == [], result  # no bar, no count, no "chosen most" names the value
    record = Store(sessions_dir).load(session_id).find("type")
    # Only how many: the value would be Monica's (she was asked first, in roster order).
    assert record is not None and record.ratings == [] and record.withheld == 1
    assert record.round_ended and not record.in_progress and not record.entered_by
    beside = (sessions_dir / f"{session_id}.md").read_text(encoding="utf-8")
    assert "not enough ratings to show anonymously (n=1)" in beside
    assert "Integrated" not in beside


def test_an_anonymous_round_paused_after_one_then_ended_shows_no_value(
    protocol: Protocol, sessions_dir: Path
) -> None:
    session_id, _ = stop(protocol, [*ALL_TRUST, "Cooperative", "/pause"], sessions_dir)
    draft = Store(sessions_dir).load(session_id)
    record = draft.find("type")
    assert record is not None and record.in_progress  # and nothing of the round in the record
    assert (record.ratings, record.passed, record.entered_by) == ([], 0, [])
    kept = Ballots(sessions_dir, session_id).load(record, [p.handle for p in draft.participants])
    assert kept is not None and kept.entered_by == {"mh"} and kept.passed == 0
    console = ScriptedConsole(["/skip", "", "/pause"])
    with pytest.raises(SessionInterrupted):
        Facilitator(console, Store(sessions_dir), protocol, plan()).resume(draft)
    assert console.shown.count("Shana Beckwith, your rating (hidden; /pass to pass):") == 1
    assert "not enough ratings to show anonymously (n=1)" in console.shown
    assert not any("Cooperative 1" in line or "█" in line for line in console.shown)


def test_skip_ends_a_round_for_good(protocol: Protocol, sessions_dir: Path) -> None:
    session_id, _ = stop(protocol, ["/skip", "", "/pause"], sessions_dir)
    draft = Store(sessions_dir).load(session_id)
    trust = draft.find("trust")
    assert trust is not None
    assert (trust.in_progress, trust.skipped, trust.round_ended) == (False, True, True)
    console = ScriptedConsole(["/pause"])
    with pytest.raises(SessionInterrupted):
        Facilitator(console, Store(sessions_dir), protocol, plan()).resume(draft)
    assert "Monica Haugen, Seattle Parks and Recreation:" not in console.shown
    assert "Monica Haugen, your rating (hidden; /pass to pass):" in console.shown  # type next


def test_skip_after_some_ratings_is_not_asked_again_on_resume(
    protocol: Protocol, sessions_dir: Path
) -> None:
    session_id, _ = stop(protocol, ["4", "/skip", "mh: we trust", "/pause"], sessions_dir)
    draft = Store(sessions_dir).load(session_id)
    trust = draft.find("trust")
    assert trust is not None and trust.round_ended and not trust.skipped
    console = ScriptedConsole(["", "/pause"])
    with pytest.raises(SessionInterrupted):
        Facilitator(console, Store(sessions_dir), protocol, plan()).resume(draft)
    assert not any(line.startswith("Shana Beckwith,") for line in console.shown)
    assert "1 rated · median 4 (Strength) · range 4" in console.shown


def test_back_over_rounds_then_pause_keeps_the_answered_count(
    protocol: Protocol, sessions_dir: Path
) -> None:
    lines = [*ALL_TRUST, "1", "2", "2", "3", "", "yes", "/back", "/back", "/back", "/pause"]
    session_id, _ = stop(protocol, lines, sessions_dir)
    draft = Store(sessions_dir).load(session_id)
    assert draft.answered_count == 3  # trust, type and ready: going back undoes none
    trust, kind = draft.find("trust"), draft.find("type")
    assert trust is not None and kind is not None
    assert not trust.in_progress and not kind.in_progress
    console = ScriptedConsole(["/pause"])
    with pytest.raises(SessionInterrupted):
        Facilitator(console, Store(sessions_dir), protocol, plan()).resume(draft)
    assert f"Resuming {session_id} (3 of 4 answered)" in console.shown
    assert "Monica Haugen, Seattle Parks and Recreation:" not in console.shown
    assert "What is behind these ratings?" in console.shown  # where the room had got to


def test_anonymous_round_resumes_with_whoever_has_not_entered(
    protocol: Protocol, sessions_dir: Path
) -> None:
    session_id, _ = stop(protocol, [*ALL_TRUST, "1", "/pass", "/pause"], sessions_dir)
    store = Store(sessions_dir)
    draft = store.load(session_id)
    record = draft.find("type")
    assert record is not None and not record.rated and not record.entered_by
    kept = Ballots(sessions_dir, session_id).load(record, [p.handle for p in draft.participants])
    assert kept is not None and kept.entered_by == {"mh", "shana"} and kept.passed == 1
    draft.participants[0].present, draft.participants[0].left = False, True  # /leave mh
    store.save(draft)
    console = ScriptedConsole(["2", "3", "", "/pause"])
    with pytest.raises(SessionInterrupted):
        Facilitator(console, store, protocol, plan()).resume(store.load(session_id))
    asked = [line for line in console.shown if line.endswith("(hidden; /pass to pass):")]
    assert asked == [
        "Ana Ruiz, your rating (hidden; /pass to pass):",
        "Ana Lopez, your rating (hidden; /pass to pass):",
    ]
    assert "2 of 4 entered." in console.shown and "4 of 4 entered." in console.shown
    record = store.load(session_id).find("type")
    assert record is not None and len(record.ratings) == 3 and record.passed == 1


def test_an_older_draft_mid_round_shows_nothing_and_resume_moves_it_out_of_the_folder(
    protocol: Protocol, sessions_dir: Path
) -> None:
    """A draft written before rounds under way were kept in the state folder: one entry in the
    record, with who had their turn. `show` and the .md say only that a round is under
    way; resuming moves the entry out of the shared folder, then asks the next person."""
    session_id, _ = stop(protocol, [*ALL_TRUST, "/pause"], sessions_dir)
    path = sessions_dir / f"{session_id}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    kind = next(q for d in data["domains"] for q in d["questions"] if q["id"] == "type")
    kind.update(
        ratings=[{"organization": "Seattle Parks and Recreation", "value": "Integrated"}],
        entered_by=["mh"],
        in_progress=True,
    )
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    store = Store(sessions_dir)
    draft = store.load(session_id)
    beside = render_session(draft)
    assert "Round (anonymous):** under way: shown when the round ends" in beside
    assert "Integrated" not in beside.split("Which type")[1].split("**Round")[1]
    out = io.StringIO()
    show_session(draft, Console(file=out, width=100))
    assert "Round (anonymous): under way: shown when the round ends" in out.getvalue()
    exported = export_view.shown(draft).find("type")  # what every export is made from
    assert exported is not None and exported.ratings == []

    console = ScriptedConsole(["/pause"])
    with pytest.raises(SessionInterrupted):
        Facilitator(console, store, protocol, plan()).resume(store.load(session_id))
    assert "Shana Beckwith, your rating (hidden; /pass to pass):" in console.shown
    moved = yaml.safe_load(path.read_text(encoding="utf-8"))
    kind = next(q for d in moved["domains"] for q in d["questions"] if q["id"] == "type")
    assert kind["ratings"] == [] and "entered_by" not in kind and kind["in_progress"]

    console = ScriptedConsole(["Integrated", "Collaborative", "/pass", "", "/pause"])
    with pytest.raises(SessionInterrupted):
        Facilitator(console, store, protocol, plan()).resume(store.load(session_id))
    assert "3 rated, 1 passed · Collaborative 1, Integrated 2 · chosen most: Integrated" in (
        console.shown
    )
    assert not list((private_home(sessions_dir) / "rounds").iterdir())


@pytest.mark.parametrize(
    "stuffed",
    [
        {"counts": 50},
        {"entered_by": ["mh", "mallory"]},
    ],
)
def test_a_stuffed_round_under_way_is_refused_never_used(
    protocol: Protocol, sessions_dir: Path, stuffed: dict[str, Any]
) -> None:
    """A round file may hold anything: more entries than people who had their turn,
    or a turn by someone not of the session, is one line, and the round is not used."""
    import json

    session_id, _ = stop(protocol, [*ALL_TRUST, "1", "/pass", "/pause"], sessions_dir)
    draft = Store(sessions_dir).load(session_id)
    ballots = Ballots(sessions_dir, session_id)
    path = ballots.path("type")
    kept = json.loads(path.read_text(encoding="utf-8"))  # one rated, one passed
    if "counts" in stuffed:  # the rating kept, counted 50 times
        kept["counts"] = [{**kept["counts"][0], "count": stuffed["counts"]}]
    else:
        kept.update(stuffed)
    path.write_text(json.dumps(kept), encoding="utf-8")
    console = ScriptedConsole(["2", "3", "", "/pause"])
    with pytest.raises(StoreError) as caught:
        Facilitator(console, Store(sessions_dir), protocol, plan()).resume(draft)
    assert str(path) in str(caught.value) and "\n" not in str(caught.value)
    shown = " ".join(console.shown).replace(session_id, "")  # its random part may hold 50
    assert "1 rated" not in console.shown and "50" not in shown


@pytest.mark.parametrize(
    "lines",
    [
        ["4", "/round anonymous"],  # at Shana's prompt: Monica's 4 is in the record
        ["4", "/back", "/round anonymous"],  # Monica's 4 taken back: the room saw it
        ["/pass", "/back", "/round anonymous"],  # a pass is an entry too
        ["mh 4, shana 3", "/back", "/back", "/round anonymous"],
    ],
)
def test_a_named_round_with_an_entry_never_becomes_anonymous(
    protocol: Protocol, sessions_dir: Path, lines: list[str]
) -> None:
    """Monica's 4 was saved to the draft with her name and seen by the room: after /back
    the round stays named, as it does when /round anonymous is typed straight away."""
    session_id, console = stop(protocol, [*lines, "/pause"], sessions_dir)
    assert "this named round has begun; it cannot change now" in console.shown
    record = Store(sessions_dir).load(session_id).find("trust")
    assert record is not None and record.round is RoundKind.NAMED


@pytest.mark.parametrize(
    "first",
    [
        ["4", "/back"],  # Monica's 4 taken back
        ["/pass", "/back"],  # a pass taken back
        ["mh 4, shana 3", "/back", "/back"],  # everyone at once, all taken back
    ],
)
def test_a_named_round_begun_stays_named_after_pause_and_resume(
    protocol: Protocol, sessions_dir: Path, first: list[str]
) -> None:
    """What decides is the draft, not the meeting that typed it: an entry /back took out,
    then /pause, still keeps the round named when the session is resumed."""
    session_id, _ = stop(protocol, [*first, "/pause"], sessions_dir)
    draft = Store(sessions_dir).load(session_id)
    trust = draft.find("trust")
    assert trust is not None and not trust.rated and trust.round_begun  # stored, not remembered
    console = ScriptedConsole(["/round anonymous", "/pause"])
    with pytest.raises(SessionInterrupted):
        Facilitator(console, Store(sessions_dir), protocol, plan()).resume(draft)
    assert "this named round has begun; it cannot change now" in console.shown
    assert CLEARED not in console.shown  # no anonymous round was ever begun
    record = Store(sessions_dir).load(session_id).find("trust")
    assert record is not None and record.round is RoundKind.NAMED


def test_a_named_round_begun_then_skipped_stays_named_at_the_discussion(
    protocol: Protocol, sessions_dir: Path
) -> None:
    """The other way to /round: at the discussion of a round that ended empty."""
    lines = ["4", "/back", "/skip", "/round anonymous", "/pause"]
    session_id, console = stop(protocol, lines, sessions_dir)
    assert "this question already has a named round" in console.shown
    record = Store(sessions_dir).load(session_id).find("trust")
    assert record is not None and record.round is RoundKind.NAMED and record.round_begun


_NAMED_LINES = st.lists(st.sampled_from(["4", "2", "/pass", "/back", "mh 3, shana 1"]), max_size=6)


@settings(max_examples=25, deadline=None)
@given(lines=_NAMED_LINES)
def test_begun_is_decided_by_the_stored_draft(lines: list[str]) -> None:
    """Whatever was typed in a named round: the record read back from disk says it has
    begun exactly when an entry was accepted, and a fresh meeting on that draft (a
    resume) refuses /round anonymous exactly then."""
    roster = [
        Participant("Monica Haugen", "Parks", "", "mh"),
        Participant("Shana Beckwith", "STEMPaths", "", "shana"),
        Participant("Ana Ruiz", "Northgate", "", "ana"),
    ]
    record = AnswerRecord("trust", "Trust?", Kind.SCALE, scale=Scale(1, 5), round=RoundKind.NAMED)
    session = Session(
        id="2026-11-23-northgate-ost-1a2b",
        protocol=ProtocolRef("rounds", 1, "Rounds"),
        collaborative="Northgate OST",
        date="2026-11-23",
        participants=roster,
        domains=[DomainRecord("hallmarks", "Hallmarks", [record])],
    )
    typed = RoundRunner(ScriptedConsole([*lines, "/pause"]), session, lambda: None)
    typed.run(record, record.question())
    entered = any(line != "/back" for line in lines)  # a round ends only after entries
    reread = codec.parse(codec.dump(session), "draft.yaml")
    stored = reread.find("trust")
    assert stored is not None
    assert begun(stored) is entered
    if stored.round_ended:  # everyone rated: shown, no one asked, nothing to change
        return
    resumed = ScriptedConsole(["/round anonymous", "/pause"])
    RoundRunner(resumed, reread, lambda: None).run(stored, stored.question())
    refused = "this named round has begun; it cannot change now" in resumed.shown
    assert refused is entered
    assert stored.round is (RoundKind.NAMED if entered else RoundKind.ANONYMOUS)
