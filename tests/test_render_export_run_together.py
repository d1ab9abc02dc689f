"""`--redact` and a name run together with other letters: "#TeamBeckwith",
"BeckwithFund", "ShanaFest" (a capital inside a word starts another word:
render/export/run_together), "Beckwithian", "the Beckwithes" (an English ending on a
family name: name_forms.ENDINGS)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import make_session, redactor_of
from reflect_cli.folding import fold
from reflect_cli.model import Participant, ProtocolRef, Session, SessionStatus
from reflect_cli.records.word_choices import WordChoices
from reflect_cli.render import export as exporting
from reflect_cli.render.export.redact import Redactor
from reflect_cli.render.export.run_together import _inside, _word, joined

ROSTER = ["Shana Beckwith", "Kenji Nakamura", "Monica Haugen"]


def redactor(names: list[str], choices: WordChoices | None = None) -> Redactor:
    return redactor_of(
        *(
            Participant(name, "Rainier Beach High", "Staff", f"p{n}")
            for n, name in enumerate(names)
        ),
        decisions=choices,
    )


@pytest.mark.parametrize(
    ("written", "kept"),
    [
        ("#TeamBeckwith", "#"),
        ("BeckwithFund", ""),
        ("ShanaFest", ""),
        ("TEAMBeckwith", ""),
        ("Beckwithian", ""),
        ("Beckwithians", ""),
        ("the Beckwithes", "the "),
        ("Haugenian", ""),
    ],
)
def test_a_name_run_together_is_replaced_whole(written: str, kept: str) -> None:
    found = redactor(ROSTER)
    shown = found.text(f"We loved {written} this year.")
    assert shown.startswith(f"We loved {kept}") and shown.endswith(" this year."), shown
    word = written.removeprefix("the ").lstrip("#")
    assert word not in shown and "Fest" not in shown and "Fund" not in shown, shown
    assert found.undecided == []


_NAME = st.sampled_from(["Beckwith", "Shana", "Nakamura", "Kenji", "Haugen", "Monica"])
_PIECE = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=8)


@settings(max_examples=200, deadline=None)
@given(
    _NAME,
    st.lists(_PIECE.map(str.capitalize), max_size=2),
    st.lists(_PIECE.map(str.capitalize), max_size=2),
    st.sampled_from(["", "#", "@x ", "(", "“"]),
    st.booleans(),
)
def test_a_known_name_joined_into_any_camel_case_word_is_found(
    name: str, before: list[str], after: list[str], mark: str, capitals: bool
) -> None:
    if not before and not after:
        before = ["Team"]
    head = "".join(before).upper() if capitals else "".join(before)
    joined = f"{head}{name}{''.join(after)}"
    shown = redactor(ROSTER).text(f"Thanks to {mark}{joined} for everything.")
    assert fold(name) not in fold(shown), shown
    assert joined not in shown


@pytest.mark.parametrize(
    "said",
    [
        "We made a PowerPoint for the #TeamHope drive and GraceFest.",
        "SeattleParks and the MayDay fair; JusticeNow!",
        "We bought glasses for the library branches.",
        "We use iPhone and YouTube with McDonald vouchers.",
    ],
)
def test_everyday_names_and_words_stay_as_they_were(said: str) -> None:
    names = ["Hope Diaz", "Grace Kim", "May Chen", "Justice Ward", "Rosa Parks", "Ana Power"]
    found = redactor([*names, "Lee Glass", "Jo Branch"])
    assert found.text(said) == said
    assert found.undecided == []


def test_an_everyday_name_decided_a_name_is_replaced_run_together_too() -> None:
    found = redactor(["Hope Diaz"], WordChoices(names={"hope"}))
    shown = found.text("We ran the #HopeFest drive.")
    assert "Hope" not in shown and "Fest" not in shown and shown.startswith("We ran the #")


def test_a_name_part_in_lower_case_run_together_is_decided_as_the_part_alone() -> None:
    """ "nakamuraLab" inside a sentence: as "nakamura" there, the facilitator decides."""
    said = "We loved nakamuraLab this year."
    found = redactor(ROSTER)
    assert found.text(said) == said
    assert [(p.word, p.term, p.decide) for p in found.undecided] == [
        ("nakamuraLab", "nakamura", "Nakamura")
    ]
    decided = redactor(ROSTER, WordChoices(names={"nakamura"}))
    assert decided.text(said) == "We loved " + decided.text("Nakamura") + " this year."


def test_a_family_name_ending_in_a_hiss_takes_es_only_with_its_capital() -> None:
    found = redactor(["Lee Glass", "Ann Jones"])
    assert found.text("We bought glasses.") == "We bought glasses."
    assert found.undecided == []  # a word: neither replaced nor asked about
    shown = found.text("The Glasses and the Joneses came.")
    assert "Glasses" not in shown and "Joneses" not in shown, shown


def test_an_english_word_is_not_a_family_name_with_an_ending() -> None:
    found = redactor(["Emily Chang", "Ana Chin", "Bob Rand", "Eva Mann"])
    said = "We change the channel by chance; a trip to China, in a random manner."
    assert found.text(said) == said


@pytest.mark.parametrize("written", ["#TeamBeckwith", "ShanaFest", "Beckwithian"])
def test_check_names_finds_a_name_run_together(
    cli: Any, sessions_dir: Path, tmp_path: Path, written: str
) -> None:
    make_session(sessions_dir, "partnership-reflection")  # Shana Beckwith among them
    document = tmp_path / "report.md"
    document.write_text(f"# Report\n\nWe loved {written} this year\n", encoding="utf-8")
    found = cli("check-names", str(document))
    assert found.exit_code == 2, found.stdout + found.stderr
    assert f"{document}:3: " in found.stdout


def test_only_the_run_together_word_is_replaced_whole() -> None:
    """A name found as it is on the same line keeps what is beside it: "李雷说好" is
    "<label>说好", "monica2" is "<label>2"."""
    found = redactor([*ROSTER, "李雷"])
    shown = found.text("李雷说好, monica2 and #TeamBeckwith.")
    assert "说好" in shown and "2 and #" in shown, shown
    assert "李雷" not in shown and "monica" not in shown and "Beckwith" not in shown


@pytest.mark.parametrize("written", ["DeShawnFund", "#TeamDeShawn", "McDonaldHouse", "De Shawn"])
def test_a_name_with_a_capital_inside_is_found_run_together_too(written: str) -> None:
    found = redactor(["DeShawn Smithers", "Ron McDonald"])
    shown = found.text(f"We thank {written} today.")
    assert shown.startswith("We thank ") and shown.endswith(" today."), shown
    assert "Shawn" not in shown and "Donald" not in shown and found.undecided == []


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["Team", "team", "TEAM", "Haugen", "#", " ", "2", "é", "\u200b", "\n"]),
        max_size=30,
    ).map("".join)
)
def test_each_run_together_word_is_found_once_with_every_capital_in_it(text: str) -> None:
    # A word is looked for once, not once a capital (thousands of capitals in one word
    # took time by the square of its length): the same words and cuts as capital by capital.
    naive: dict[tuple[int, int], list[int]] = {}
    for match in _inside().finditer(text):
        naive.setdefault(_word(text, match.start(), match.end()), []).append(match.start())
    assert joined(text) == naive


@pytest.mark.parametrize(
    "written", ["#TeamHope", "#HopeRocks", "#GoHope", "TeamHopeFund", "#hopeRocks", "#teamHope"]
)
def test_a_name_decided_is_replaced_run_together_beside_a_place_word(written: str) -> None:
    """ "Team" is a kind of place: "Team Hope" apart reads as a team's name. Once the
    facilitator said Hope is a name, the run-together word is hers (as "#TeamBeckwith")."""
    found = redactor(["Hope Diaz"], WordChoices(names={"hope"}))
    shown = found.text(f"We loved {written} this year.")
    assert shown.startswith("We loved ") and shown.endswith(" this year."), shown
    assert "hope" not in shown.lower() and "team" not in shown.lower(), shown
    assert "Rocks" not in shown and found.undecided == []
    undecided = redactor(["Hope Diaz"])  # nobody decided: kept, as a word ("#TeamHope")
    assert undecided.text("the #TeamHope drive") == "the #TeamHope drive"


@pytest.mark.parametrize("written", ["Team Hope", "the Hope Center", "HOPE Team"])
def test_a_name_decided_is_replaced_beside_a_place_word_apart_too(written: str) -> None:
    """Apart as run together: once Hope is decided a name, "Team Hope" is not a team's
    name kept as written (a tester's leak); undecided, it still reads as a place's."""
    found = redactor(["Hope Diaz"], WordChoices(names={"hope"}))
    shown = found.text(f"Thanks to {written} for the flyers.")
    assert "hope" not in shown.lower(), shown
    assert found.undecided == []
    undecided = redactor(["Hope Diaz"])
    assert undecided.text("Thanks to Team Hope.") == "Thanks to Team Hope."
    # In lower case a decided name is still the everyday word: "we hope the team…".
    assert found.text("We hope the team comes.") == "We hope the team comes."


def _place_redactor(site: str) -> Redactor:
    session = Session(
        id="2026-09-01-x",
        protocol=ProtocolRef("tiny", 1, "Tiny"),
        collaborative="Northgate",
        site=site,
        date="2026-09-01",
        status=SessionStatus.COMPLETE,
        participants=[Participant("Jo Park", "Library", "Staff", "p0")],
    )
    return exporting.redactor([session])


@pytest.mark.parametrize(
    ("said", "left"),
    [
        ("We met at School 075School 0755 today.", "We met at # 0755 today."),
        ("We met at School 075Team today.", "We met at # today."),
        ("We met at the SchoolTeam today.", "We met at the SchoolTeam today."),
        ("We met at School 0755 and School 0750A today.", None),  # other places
        ("We met at School 075A today.", None),  # another place: 075A
    ],
)
def test_a_numbered_place_run_into_the_next_word_is_the_place(said: str, left: str | None) -> None:
    """A digit goes on with the number ("School 0755" is another place), and so does a
    letter alone ("075A"); a capital before a lower-case letter starts the next word."""
    found = _place_redactor("School 075")
    label = found.text("School 075")
    assert label != "School 075"
    assert found.text(said) == (said if left is None else left.replace("#", label))
