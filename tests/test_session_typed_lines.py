"""Understanding typed input: commands, choices, credits, roster lines, actions."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reflect_cli.errors import InputError
from reflect_cli.model import Choice, Participant, ProtocolRef, Question, Scale, Session
from reflect_cli.records.store import Store
from reflect_cli.session import typed_lines
from reflect_cli.session.people import fold
from reflect_cli.session.typed_lines import credits_of

PEOPLE = [
    Participant("Monica Haugen", "Parks", "Lead", "monica"),
    Participant("Shana Beckwith", "SPIN", "", "shana"),
]


def test_commands_and_literal_slash() -> None:
    assert typed_lines.command_of("/action Do it @monica") == typed_lines.Command(
        "/action", "Do it @monica"
    )
    assert typed_lines.command_of("//skip") == "/skip"
    assert typed_lines.command_of("plain") == "plain"
    with pytest.raises(InputError, match="unknown command /frobnicate"):
        typed_lines.command_of("/frobnicate")


def test_choices_by_number_label_and_prefix() -> None:
    q = Question("q", "P", "choice", choices=(Choice("Cooperative"), Choice("Collaborative")))
    assert typed_lines.parse_answer(q, "2") == "Collaborative"
    assert typed_lines.parse_answer(q, "cooperative") == "Cooperative"
    assert typed_lines.parse_answer(q, "Coop") == "Cooperative"
    with pytest.raises(InputError):
        typed_lines.parse_answer(q, "Co")  # ambiguous prefix


def test_scale_and_yes_no() -> None:
    scale = Question("s", "P", "scale", scale=Scale(1, 5))
    assert typed_lines.parse_answer(scale, " 5 ") == 5
    with pytest.raises(InputError):
        typed_lines.parse_answer(scale, "0")
    with pytest.raises(InputError):
        typed_lines.check_answer(scale, True)
    yes_no = Question("y", "P", "yes-no")
    assert (
        typed_lines.parse_answer(yes_no, "Y") is True
        and typed_lines.check_answer(yes_no, False) is False
        and typed_lines.check_answer(yes_no, False) is False
    )


def test_credits_by_handle_name_and_first_name() -> None:
    text = "monica: a\nShana Beckwith: b\n  Monica : again\nnobody: c\nno colon here"
    assert typed_lines.credits_of(text, PEOPLE) == ["monica", "shana"]
    assert typed_lines.credits_of("shana:no space", PEOPLE) == []


def test_roster_lines_and_unique_handles() -> None:
    taken: set[str] = set()
    first = typed_lines.participant_of("Monica Haugen | Parks | Lead", taken)
    taken.add(first.handle)
    second = typed_lines.participant_of("Monica Lopez | PTA | Parent", taken)
    taken.add(second.handle)
    third = typed_lines.participant_of("Monica Lopez | PTA", taken)
    # the whole family name, never a truncation ("Ana López" is analopez, not anal)
    assert (first.handle, second.handle, third.handle) == ("monica", "monicalopez", "monica2")
    assert typed_lines.participant_of("Jo | X | Y | @JP", set()).handle == "jp"
    with pytest.raises(InputError):
        typed_lines.participant_of(" | Org", set())
    with pytest.raises(InputError, match="already taken"):
        typed_lines.participant_of("Jo | X | Y | monica", {"monica"})


def test_action_parsing() -> None:
    action = typed_lines.action_of("Share the calendar @shana due:2026-12-01", "q")
    assert (action.text, action.owner, action.due, action.question) == (
        "Share the calendar",
        "shana",
        "2026-12-01",
        "q",
    )
    with pytest.raises(InputError, match="needs some text"):
        typed_lines.action_of("@shana")


@pytest.mark.parametrize(
    ("name", "taken", "handle"),
    [
        ("Ana-María", set(), "anamaria"),
        ("Seán Ó Briain", set(), "sean"),
        ("Ana López", {"ana"}, "analopez"),
        ("Yılmaz Öztürk", set(), "yilmaz"),
        (unicodedata.normalize("NFD", "José Ramírez"), {"jose"}, "joseramirez"),
        ("Zoë", set(), "zoe"),
        ("李 明", set(), "p1"),
        ("김지민", {"p1"}, "p2"),
        ("فاطمة الزهراء", {"p1", "p2", "p3"}, "p4"),
    ],
)
def test_generated_handles_are_folded_to_ascii(name: str, taken: set[str], handle: str) -> None:
    assert typed_lines.unique_handle(name, taken) == handle


def test_any_word_of_a_full_name_that_one_person_has_credits_them() -> None:
    roster = [
        Participant("Nguyễn Thị Lan", "Northgate PTA", "Parent", "nguyen"),
        Participant("Monica Haugen", "Parks", "Site lead", "monica"),
        Participant("Monica Reyes", "Northgate PTA", "Parent", "monica2"),
        Participant("Hope Ellis", "Parks", "Intern", "hope"),
        Participant("Grace May", "Youth Council", "Student", "grace"),
        Participant("May Tran", "STEMPaths", "Director", "may"),
        Participant("Justice Williams", "Transit", "Driver", "justice"),
    ]
    text = "\n".join(
        [
            "lan: the family night worked",
            "thi: and the translation",
            "NGUYỄN: again",
            "haugen: the gym is booked",
            "reyes: the PTA agrees",
            "monica: which one?",  # two Monicas: neither
            "williams: the bus can wait",
            "ellis: I can help",
            "tran: we fund it",
        ]
    )
    assert credits_of(text, roster) == ["nguyen", "monica", "monica2", "justice", "hope", "may"]
    # May is Grace May's family name and May Tran's first: the handle decides.
    assert credits_of("may: the handle wins", roster) == ["may"]
    assert credits_of("grace: her first name", roster) == ["grace"]


@given(st.permutations(["Nguyễn", "Thị", "Lan"]), st.sampled_from([0, 1, 2]))
def test_each_word_of_a_name_in_any_order_and_form_credits_its_person(
    words: list[str], pick: int
) -> None:
    person = Participant(" ".join(words), "PTA", "Parent", "p1")
    other = Participant("Lan Anh Trần", "Parks", "Lead", "p2")  # shares "Lan"
    word = unicodedata.normalize("NFD", words[pick]).upper()
    expected = [] if fold(word) == "lan" else ["p1"]
    assert credits_of(f"{word}: yes", [person, other]) == expected


#: What shows nothing: spaces of every kind, and characters with no glyph at all.
BLANKS = [" ", "\t", "\u00a0", "\u3000", "\u2003", "\u200b", "\u00ad", "\u115f", "\ufeff"]


@pytest.mark.parametrize(
    "name", ["", *BLANKS, " \u00a0 ", "\u200b\u200d", "\u3164\u00a0"], ids=repr
)
def test_a_name_that_shows_nothing_is_refused(name: str) -> None:
    with pytest.raises(InputError, match="needs a name"):
        typed_lines.participant(name, "Seattle Parks", "Site lead", "", set())
    with pytest.raises(InputError, match="needs a name"):
        typed_lines.participant_of(f"{name} | Seattle Parks | Site lead", set())


def test_a_handle_is_checked_on_its_own() -> None:
    assert typed_lines.checked_handle("@Ana", set()) == "ana"
    with pytest.raises(InputError, match="already taken"):
        typed_lines.checked_handle("ana", {"ana"})
    with pytest.raises(InputError, match="lower-case letters"):
        typed_lines.checked_handle("a b", set())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        st.text(st.sampled_from([*BLANKS, "\n", "\r", "\x85", "\u2028", "_", "a"]), max_size=5),
        st.text(max_size=12),
    )
)
def test_any_name_the_writer_takes_is_read_back(tmp_path_factory, name: str) -> None:  # type: ignore[no-untyped-def]
    """A name is refused as it is given, or the record holding it reads back with it:
    blank, whitespace-only and invisible-only names never reach a record."""
    try:
        person = typed_lines.participant(name, "Seattle Parks", "Site lead", "", set())
    except InputError:
        assert not fold(name).strip()
        return
    folder = tmp_path_factory.mktemp("sessions")
    session = Session(
        id="",
        protocol=ProtocolRef("tiny", 1, "Tiny"),
        collaborative="Lakeview Partnership",
        date="2026-11-20",
        participants=[person],
    )
    Store(folder).create(session)
    store = Store(folder)
    summaries, problems = store.summaries()
    assert problems == [] and len(summaries) == 1
    assert store.session(summaries[0]).participants[0].name == name
