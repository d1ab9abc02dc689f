"""`--redact` and names punctuated on the roster: "Nakamura, Kenji", "Diego (Dee)
Alvarez", 'Robert "Bobby" Jones', "Anita/Ana Smithson" (render/export/roster_parts)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import make_session, redactor_of
from reflect_cli.folding import fold
from reflect_cli.model import Participant
from reflect_cli.render.export.name_forms import family_name, name_terms
from reflect_cli.render.export.redact import Redactor
from reflect_cli.render.export.roster_parts import readings


def redactor(names: list[str]) -> Redactor:
    return redactor_of(
        *(Participant(name, "Rainier Beach High", "Staff", f"p{n}") for n, name in enumerate(names))
    )


#: What the security tester found kept: each roster name, and a word of it said alone.
FOUND_KEPT = [
    ("Nakamura, Kenji", "Nakamura"),
    ("Nakamura, Kenji", "Kenji"),
    ("Diego (Dee) Alvarez", "Dee"),
    ('Robert "Bobby" Jones', "Bobby"),
    ("Robert “Bobby” Jones", "Bobby"),
    ("Robert 'Bobby' Jones", "Bobby"),
    ("Anita/Ana Smithson", "Anita"),
    ("Anita/Ana Smithson", "Ana"),
    ("Hans „Hansi“ Müller", "Hansi"),
    ("Ana [Annie] Ruiz", "Annie"),
]


@pytest.mark.parametrize(("name", "said"), FOUND_KEPT)
def test_a_word_of_a_punctuated_name_is_replaced(name: str, said: str) -> None:
    text = f"Then {said} said we should go."
    shown = redactor([name]).text(text)
    assert fold(said) not in fold(shown), shown
    assert shown.startswith("Then ") and shown.endswith(" said we should go.")


@pytest.mark.parametrize(
    ("name", "written"),
    [
        ("Nakamura, Kenji", "Kenji Nakamura"),
        ("Nakamura, Kenji", "kenjinakamura"),
        ("Nakamura, Kenji", "Nakamuraová"),  # the family name is the one before the comma
        ("Diego (Dee) Alvarez", "diegoalvarez"),
        ("Diego (Dee) Alvarez", "Dee Alvarez"),
        ('Robert "Bobby" Jones', "bobbyjones"),
        ("Anita/Ana Smithson", "anasmithson"),
    ],
)
def test_each_way_the_name_is_said_is_its_name(name: str, written: str) -> None:
    shown = redactor([name]).text(f"We met {written} today.")
    assert shown.startswith("We met ") and written not in shown, shown
    assert "Participant" in shown or "Rainier" in shown


def test_apostrophes_and_hyphens_inside_a_name_stay_in_it() -> None:
    assert {"o'connor", "oconnor", "connor"} <= name_terms("Siobhan O'Connor")[1]
    assert {"ana", "maria"} <= name_terms("Ana-María López")[1]
    assert {"'ilima", "kahale"} <= name_terms("ʻIlima Kahale")[1]  # the okina is a letter
    assert family_name("Nakamura, Kenji") == "nakamura"
    assert family_name("Martin Kingsley, Jr.") == "kingsley"


def test_a_title_or_an_initial_is_not_a_two_letter_family_name() -> None:
    """ "Dr. Jane Smith": "Dr" is not a part found alone (every doctor would go)."""
    assert "dr" not in name_terms("Dr. Jane Smith")[1]
    assert "wu" in name_terms("Jane Wu")[1]


def test_an_ordinary_name_is_said_one_way() -> None:
    assert [[w.typed for w in said] for said in readings("Monica Haugen")] == [["Monica", "Haugen"]]


_PART = st.sampled_from(["Kenji", "Nakamura", "Beckwith", "Shana", "Alvarez", "Dee", "Bobby"])
_OPEN_CLOSE = st.sampled_from(['""', "“”", "()", "[]", "''", "‘’", "«»", "「」", "（）"])
_SPACE = st.sampled_from(["", " ", "  ", "\u00a0"])


@st.composite
def punctuated(draw: Any) -> tuple[str, list[str]]:
    """A roster name punctuated one of the ways people type one, and its words."""
    first, nick, last = draw(st.lists(_PART, min_size=3, max_size=3, unique=True))
    marks = draw(_OPEN_CLOSE)
    space, other = draw(_SPACE), draw(_SPACE)
    layout = draw(st.sampled_from(["comma", "nick", "slash", "nick-comma"]))
    if layout == "comma":
        return f"{last}{space},{other or ' '}{first}", [first, last]
    if layout == "slash":
        return f"{first}{space}/{other}{nick} {last}", [first, nick, last]
    quoted = f"{marks[0]}{other}{nick}{other}{marks[1]}"
    if layout == "nick":
        return f"{first} {quoted} {last}", [first, nick, last]
    return f"{last}, {first} {quoted}", [first, nick, last]


@settings(max_examples=150, deadline=None)
@given(punctuated(), st.sampled_from(["Then {} said we go.", "{} agreed.", "Ask {}!"]))
def test_every_word_of_a_punctuated_name_is_replaced(
    roster: tuple[str, list[str]], sentence: str
) -> None:
    name, said = roster
    found = redactor([name])
    for word in said:
        shown = found.text(sentence.format(word))
        assert fold(word) not in fold(shown), (name, shown)


@pytest.mark.parametrize(("name", "said"), FOUND_KEPT[:8:2])
def test_check_names_finds_a_word_of_a_punctuated_name(
    cli: Any, sessions_dir: Path, tmp_path: Path, name: str, said: str
) -> None:
    make_session(
        sessions_dir,
        "partnership-reflection",
        people=[f"{name} | Rainier Beach High | Counselor | ken"],
    )
    document = tmp_path / "report.md"
    document.write_text(f"# Report\n\nThen {said} said we should go\n", encoding="utf-8")
    found = cli("check-names", str(document))
    assert found.exit_code == 2, found.stdout + found.stderr
    assert f"{document}:3: " in found.stdout and said in found.stdout
    exported = cli("export", "--redact", "-f", "md")
    assert exported.exit_code == 0, exported.stderr
    assert said not in exported.stdout


@pytest.mark.parametrize("pronouns", ["(they/them)", "(she/her)", "[he/him/his]", "(ella)"])
def test_pronouns_in_brackets_are_not_a_nickname(pronouns: str) -> None:
    found = redactor([f"Kenji Nakamura {pronouns}"])
    said = "They said she would ask him and them. Ella vino."
    assert found.text(said) == said and found.undecided == []
    assert "Kenji" not in found.text("Kenji agreed.")
