"""The partnership's roster: known people offered and reused, commands never names,
/join, /leave, /roster, and credits that catch a mistyped speaker. Real records on disk,
a scripted console."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
import yaml

from conftest import MINIMAL_PROTOCOL
from reflect_cli.errors import InputError, SessionInterrupted
from reflect_cli.model import Participant, Protocol, Session, SessionStatus
from reflect_cli.protocols import catalog
from reflect_cli.records.store import Store
from reflect_cli.session import credits
from reflect_cli.session.console import ScriptedConsole
from reflect_cli.session.flow import Facilitator
from reflect_cli.session.prefill import Plan, add_participants
from reflect_cli.session.roster import pick

JOSE = unicodedata.normalize("NFD", "José Ramírez")  # typed with combining accents
FIRST_ROSTER = [
    "Monica Haugen | Seattle Parks and Recreation | Site lead | mh",
    "Monica Reyes | Northgate PTA | Parent",
    "May Tran | STEMPaths Innovation Network | Director",
    "Dana Okafor | Northgate Elementary | Principal",
    f"{JOSE} | Northgate Elementary | Counselor",
]
#: Answers to the tiny protocol's four questions after the text one.
REST = ["1", "3", "yes", "red"]


@pytest.fixture
def tiny(write_yaml) -> Protocol:  # type: ignore[no-untyped-def]
    return catalog.load_file(write_yaml("tiny.yaml", MINIMAL_PROTOCOL))


def plan(date: str, people: list[str] | None = None) -> Plan:
    made = Plan(collaborative="Northgate OST", site="Northgate", facilitator="Alex", date=date)
    add_participants(made, people or [])
    return made


def run(
    tiny: Protocol, sessions_dir: Path, made: Plan, lines: list[str]
) -> tuple[Session, ScriptedConsole]:
    console = ScriptedConsole(lines)
    try:
        session = Facilitator(console, Store(sessions_dir), tiny, made).start()
    except SessionInterrupted as stopped:
        session = Store(sessions_dir).load(stopped.session_id)
    return session, console


def first_meeting(tiny: Protocol, sessions_dir: Path) -> Session:
    session, _ = run(
        tiny, sessions_dir, plan("2026-10-01", FIRST_ROSTER), ["mh: a start", "", *REST, ""]
    )
    assert session.status == SessionStatus.COMPLETE
    return session


def junk_draft(tiny: Protocol, sessions_dir: Path) -> Session:
    """An abandoned draft with a junk roster, between the two meetings."""
    draft, _ = run(tiny, sessions_dir, plan("2026-10-20", ["Zed Junk | Nowhere | x"]), ["zed: x"])
    assert draft.status == SessionStatus.DRAFT
    return draft


def test_known_people_offered_by_number_and_name_and_reused(
    tiny: Protocol, sessions_dir: Path
) -> None:
    first = first_meeting(tiny, sessions_dir)
    junk_draft(tiny, sessions_dir)
    lines = [
        "/help",  # a command at a roster prompt: never a person
        "1-2 may",  # numbers, ranges and a name
        "Dana Okafor",  # a known name typed again: that person, not a new one
        "/remove mh",
        "JOSÉ RAMÍREZ | northgate elementary | Counselor",  # case and accent form differ
        "Hope Ellis | Seattle Parks and Recreation | Intern",
        "",
        "/pause",
    ]
    second, console = run(tiny, sessions_dir, plan("2026-11-01"), lines)
    shown = "\n".join(console.shown)
    assert "1) | Monica Haugen · Seattle Parks and Recreation · Site lead (mh)" in shown
    assert "Zed Junk" not in shown  # a draft's roster is never offered
    assert "/remove is not a roster command" in shown
    people = [(p.name, p.organization, p.handle) for p in second.participants]
    assert people == [
        ("Monica Haugen", "Seattle Parks and Recreation", "mh"),
        ("Monica Reyes", "Northgate PTA", "monica"),
        ("May Tran", "STEMPaths Innovation Network", "may"),
        ("Dana Okafor", "Northgate Elementary", "dana"),
        (JOSE, "Northgate Elementary", "jose"),
        ("Hope Ellis", "Seattle Parks and Recreation", "hope"),
    ]
    assert [p.handle for p in first.participants] == ["mh", "monica", "may", "dana", "jose"]
    assert not any(p.name.startswith("/") for p in second.participants)


def test_enter_is_the_same_people_as_last_time(tiny: Protocol, sessions_dir: Path) -> None:
    first_meeting(tiny, sessions_dir)
    second, console = run(tiny, sessions_dir, plan("2026-11-01"), ["", "", "/pause"])
    assert "Enter for the same as last time (1 2 3 4 5)" in "\n".join(console.shown)
    assert [p.handle for p in second.participants] == ["mh", "monica", "may", "dana", "jose"]
    assert all(p.present for p in second.participants)


def test_join_leave_roster_and_credits_that_catch_mistakes(
    tiny: Protocol, sessions_dir: Path
) -> None:
    first_meeting(tiny, sessions_dir)
    lines = [
        "mh monica",  # only two of them today
        "",
        "/join May Tran | STEMPaths Innovation Network | Director",  # known: handle kept
        "/join Hope Ellis | Seattle Parks and Recreation | Intern | he",
        "mh: before I go, the gym is booked",
        "/leave mh",
        "mh: one more thing",  # someone who left: credited, with a word
        "dana: I could not come but sent this",  # of the partnership, not on today's list
        "monika: the kids asked for more outdoor time",  # a typo: kept, uncredited
        "",  # Enter keeps it as typed
        "hpoe: the schedule works",  # a typo, then fixed by naming the speaker
        "hope",
        "/roster",
        "",
        "/pause",
    ]
    session, console = run(tiny, sessions_dir, plan("2026-11-01"), lines)
    shown = "\n".join(console.shown)
    answer = session.domains[0].questions[0]
    assert answer.answer == "\n".join(
        [
            "mh: before I go, the gym is booked",
            "mh: one more thing",
            "dana: I could not come but sent this",
            "monika: the kids asked for more outdoor time",
            "he: the schedule works",
        ]
    )
    assert answer.credits == ["mh", "dana", "he"]
    assert (
        "no one called 'monika' here — did you mean monica? "
        "(Enter keeps the text uncredited, or retype)" in shown
    )
    assert "Monica Haugen has left: credited all the same" in shown
    assert (
        "Dana Okafor is listed as not present: credited all the same (/join dana if they "
        "are here)" in shown
    )
    roster = {p.handle: (p.present, p.left, p.joined_at, p.left_at) for p in session.participants}
    assert roster == {
        "mh": (True, True, "", "q-one"),  # was here, then left: not the same as absent
        "monica": (True, False, "", ""),
        "dana": (False, False, "", ""),  # of the partnership, not there: their regrets
        "jose": (False, False, "", ""),
        "may": (True, False, "q-one", ""),  # came during the first question
        "he": (True, False, "q-one", ""),
    }
    assert any(line.startswith("mh | Monica Haugen") and "left" in line for line in console.shown)


def test_a_retyped_line_replaces_the_mistyped_one_and_other_lines_are_kept() -> None:
    today = [
        Participant("Monica Haugen", "Parks", "Lead", "mh"),
        Participant("Monica Reyes", "PTA", "Parent", "monica"),
    ]
    assert credits.retyped("monika: more time", "monica: more time", today) == ("monica: more time")
    assert credits.retyped("monika: more time", "Monica Haugen", today) == "mh: more time"
    assert credits.retyped("monika: more time", "mh: something else", today) is None
    assert credits.retyped("monika: more time", "we also need rides", today) is None
    # two Monicas: the first name alone names neither
    two = [today[0], Participant("Monica Reyes", "PTA", "Parent", "mr")]
    speaker = credits.speaker_of("Monica: hi", two)
    assert speaker is not None and speaker.person is None
    assert credits.speaker_of("Next steps: call", today) is None
    assert credits.speaker_of("10:30 we start", today) is None


def test_pick_numbers_ranges_names_and_errors() -> None:
    known = [
        Participant("Monica Haugen", "Parks", "Lead", "mh"),
        Participant("May Tran", "SPIN", "Director", "may"),
        Participant("Dana Okafor", "School", "Principal", "dana"),
    ]
    assert [p.handle for p in pick(known, "1-2 3")] == ["mh", "may", "dana"]
    assert [p.handle for p in pick(known, "Dana Okafor, may, 1, 1")] == ["dana", "may", "mh"]
    from reflect_cli.errors import InputError

    with pytest.raises(InputError, match="from 1 to 3"):
        pick(known, "2-5")
    with pytest.raises(InputError, match="no one called 'zed'"):
        pick(known, "zed")


def test_as_credits_every_line_until_an_empty_line(tiny: Protocol, sessions_dir: Path) -> None:
    lines = [
        "/as Monica Reyes",
        "the kids asked for more outdoor time",
        "and for a garden",
        "mh: I agree",  # a line with its own speaker keeps it
        "",  # ends /as, not the answer
        "a line of no one's",
        "",
        "/pause",
    ]
    session, console = run(tiny, sessions_dir, plan("2026-10-01", FIRST_ROSTER), lines)
    answer = session.domains[0].questions[0]
    assert answer.answer == "\n".join(
        [
            "monica: the kids asked for more outdoor time",
            "monica: and for a garden",
            "mh: I agree",
            "a line of no one's",
        ]
    )
    assert answer.credits == ["monica", "mh"]
    assert "No longer crediting Monica Reyes." in console.shown


def test_someone_who_left_is_left_not_absent_and_here_last_time(
    tiny: Protocol, sessions_dir: Path
) -> None:
    first_meeting(tiny, sessions_dir)
    lines = ["mh monica may", "", "mh: the gym is booked", "/leave mh", "", *REST, ""]
    second, _ = run(tiny, sessions_dir, plan("2026-11-01"), lines)
    assert second.status == SessionStatus.COMPLETE
    mh = next(p for p in second.participants if p.handle == "mh")
    assert (mh.present, mh.left) == (True, True)
    # On disk: present, and left; an absent person is present: false.
    record = yaml.safe_load((sessions_dir / f"{second.id}.yaml").read_text(encoding="utf-8"))
    flags = {p["handle"]: (p["present"], p.get("left", False)) for p in record["participants"]}
    assert flags == {
        "mh": (True, True),
        "monica": (True, False),
        "may": (True, False),
        "dana": (False, False),  # not there: their regrets, recorded
        "jose": (False, False),
    }
    # The next meeting offers the same people as last time, mh included.
    third, console = run(tiny, sessions_dir, plan("2026-12-01"), ["", "", "/pause"])
    assert [p.handle for p in third.participants if p.present] == ["mh", "monica", "may"]
    assert all(p.here for p in third.participants if p.present)
    assert any("Enter for the same as last time (1 2 3)" in line for line in console.shown)


def test_known_people_found_without_accents_and_several_names_asked_about(
    tiny: Protocol, sessions_dir: Path
) -> None:
    roster = [*FIRST_ROSTER, "Ana López | Northgate PTA | Parent", "Shana Beckwith | SPIN | Lead"]
    run(tiny, sessions_dir, plan("2026-10-01", roster), ["mh: a start", "", *REST, ""])
    lines = [
        "-",  # none of the list: everyone typed below
        "ana lopez",  # no accent, no capitals: Ana López, not a new "anal"
        "JOSE RAMIREZ",  # decomposed accents on record, none typed
        "mh shana",  # two known people on one line: asked about
        "y",
        "may dana",
        "n",  # not added, and not made into a person called "may dana"
        "",
        "/roster",
        "/pause",
    ]
    session, console = run(tiny, sessions_dir, plan("2026-11-01"), lines)
    assert [p.handle for p in session.participants if p.present] == ["ana", "jose", "mh", "shana"]
    assert [p.name for p in session.participants if p.present][:2] == ["Ana López", JOSE]
    shown = "\n".join(console.shown)
    assert "'mh shana' looks like 2 people: Monica Haugen" in shown
    assert "Not added. For someone new, type Name | Organization | Role." in shown


def test_people_given_up_front_keep_their_handles(tiny: Protocol, sessions_dir: Path) -> None:
    first_meeting(tiny, sessions_dir)
    made = plan("2026-11-01", ["Monica Haugen | Seattle Parks and Recreation", "may tran"])
    made.answers["q-one"] = ("monica: the gym", ["monica"])  # credits by the handle it got
    session, _ = run(tiny, sessions_dir, made, ["/pause"])
    assert [(p.handle, p.name, p.organization) for p in session.participants if p.present] == [
        ("mh", "Monica Haugen", "Seattle Parks and Recreation"),
        ("may", "May Tran", "STEMPaths Innovation Network"),
    ]
    assert session.domains[0].questions[0].credits == ["mh"]


def test_a_family_name_credits_and_a_typo_of_it_suggests_that_person() -> None:
    today = [
        Participant("Monica Haugen", "Parks", "Lead", "mh"),
        Participant("Shana Beckwith", "SPIN", "Director", "shana"),
    ]
    speaker = credits.speaker_of("haugen: the gym is booked", today)
    assert speaker is not None and speaker.person is today[0] and not speaker.message
    speaker = credits.speaker_of("haugn: the gym is booked", today)
    assert speaker is not None and speaker.suggestion is today[0]
    assert "did you mean mh (Monica Haugen)?" in speaker.message
    speaker = credits.speaker_of("beckwth: typo'd", today)
    assert speaker is not None and speaker.suggestion is today[1]


COLLABORATIVE_ROSTER = [
    "Ana María López | Northgate PTA | Parent | ana",
    "Monica Haugen | Seattle Parks and Recreation | Site lead | mh",
    "Ana Ruiz | STEMPaths Innovation Network | Coordinator",
    "Hope Ellis | Seattle Parks and Recreation | Intern",
    "Seán Byrne | Northgate Elementary | Teacher",
]


def anas_meeting(tiny: Protocol, sessions_dir: Path) -> None:
    session, _ = run(
        tiny, sessions_dir, plan("2026-10-01", COLLABORATIVE_ROSTER), ["mh: hi", "", *REST, ""]
    )
    assert session.status == SessionStatus.COMPLETE


def test_pick_knows_multi_word_and_partial_names() -> None:
    known = [Participant(*row.split(" | ")) for row in COLLABORATIVE_ROSTER[:2]]
    known += [
        Participant("Ana Ruiz", "STEMPaths Innovation Network", "", "anaruiz"),
        Participant("Hope Ellis", "Seattle Parks and Recreation", "", "hope"),
        Participant("Seán Byrne", "Northgate Elementary", "", "sean"),
    ]
    assert [p.handle for p in pick(known, "mh ana ruiz hope")] == ["mh", "anaruiz", "hope"]
    assert [p.handle for p in pick(known, "mh, Ana Ruiz, hope, sean, ana lopez")] == [
        "mh",
        "anaruiz",
        "hope",
        "sean",
        "ana",
    ]
    assert [p.handle for p in pick(known, "ANA LOPEZ 1")] == ["ana"]
    with pytest.raises(InputError, match=r"did you mean Monica Haugen .*\(mh\)"):
        pick(known, "monika")


def test_a_near_name_at_participant_is_asked_about_and_new_people_asked_their_organization(
    tiny: Protocol, sessions_dir: Path
) -> None:
    anas_meeting(tiny, sessions_dir)
    lines = [
        "-",  # no one from the list: they are all typed below
        "ana lopez",  # part of Ana María López's name: her
        "Monika",  # a near miss: asked
        "y",
        "Hpoe",  # asked, and not her
        "n",  # then someone new: asked for an organization
        "",  # Enter: none
        "May Tran",  # someone new: asked for an organization
        "STEMPaths",
        "",
        "/pause",
    ]
    second, console = run(tiny, sessions_dir, plan("2026-11-01"), lines)
    shown = "\n".join(console.shown)
    assert (
        "Did you mean Monica Haugen · Seattle Parks and Recreation · Site lead (mh)? [y/N]" in shown
    )
    assert "Organization of May Tran (Enter for none)" in shown
    people = [(p.name, p.organization, p.handle) for p in second.participants if p.present]
    assert people == [
        ("Ana María López", "Northgate PTA", "ana"),
        ("Monica Haugen", "Seattle Parks and Recreation", "mh"),
        ("Hpoe", "", "hpoe"),
        ("May Tran", "STEMPaths", "may"),
    ]


def test_a_near_miss_of_someone_already_here_is_still_asked_about(
    tiny: Protocol, sessions_dir: Path
) -> None:
    anas_meeting(tiny, sessions_dir)
    lines = ["mh ana", "Monika", "y", "", "/pause"]  # Monica is here and known: one person
    second, console = run(tiny, sessions_dir, plan("2026-11-01"), lines)
    assert any(line.startswith("Did you mean Monica Haugen") for line in console.shown)
    assert [p.handle for p in second.participants if p.present] == ["mh", "ana"]


def test_roster_before_anyone_is_here_says_so_then_lists_who_was_entered(
    tiny: Protocol, sessions_dir: Path
) -> None:
    first_meeting(tiny, sessions_dir)
    lines = ["/roster", "1 may", "/roster", "Grace Kim | Northgate PTA | Parent", "family"]
    lines += ["/roster", ""]
    _, console = run(tiny, sessions_dir, plan("2026-11-01"), [*lines, "/pause"])
    shown = console.shown
    first = shown.index("No one is on today's roster yet: choose from the people listed above.")
    rosters = [i for i, line in enumerate(shown) if line == "Roster"]
    assert len(rosters) == 2 and first < rosters[0]  # the first /roster drew no table
    after_two = shown[rosters[0] + 1 : rosters[0] + 3]
    assert [row.split(" | ")[:2] for row in after_two] == [
        ["mh", "Monica Haugen"],
        ["may", "May Tran"],
    ]
    assert shown[rosters[1] + 3].split(" | ")[:2] == ["grace", "Grace Kim"]


def test_someone_who_came_late_is_called_unheard_only_where_they_were_there(
    tiny: Protocol, sessions_dir: Path
) -> None:
    first_meeting(tiny, sessions_dir)
    lines = ["mh monica", "", "mh: a start", "monica: agreed", "", "1"]
    lines += ["/join Amina Yusuf | Familias Unidas | madre", "3", "yes", "red", ""]
    session, console = run(tiny, sessions_dir, plan("2026-11-01"), lines)
    amina = next(p for p in session.participants if p.name == "Amina Yusuf")
    assert amina.joined_at == "q-three"
    review = [line for line in console.shown if "not heard from" in line]
    assert review == ["Second domain: not heard from Monica Haugen, Monica Reyes, Amina Yusuf"], (
        review
    )


def test_a_name_that_shows_nothing_is_asked_again_never_written(
    tiny: Protocol, sessions_dir: Path
) -> None:
    """At "participant>" and by /join: spaces or invisible characters alone are no name
    (the reader would refuse the record, or --redact never find the person): said, and
    asked again; the record reads back with the people it had."""
    first_meeting(tiny, sessions_dir)
    lines = [
        "mh",
        "\u200b | Seattle Parks and Recreation | Intern",  # a zero-width space: no name
        "",
        "/join \u00a0\u200b | Northgate PTA | Parent",
        "/join \u200b",
        "/pause",
    ]
    session, console = run(tiny, sessions_dir, plan("2026-11-01"), lines)
    refused = [line for line in console.shown if "needs a name" in line]
    assert len(refused) == 3, console.shown
    reread = Store(sessions_dir).load(session.id)
    assert [p.handle for p in reread.participants if p.present] == ["mh"]
    assert all(p.name.strip("\u200b\u00a0 ") for p in reread.participants)
