"""A name inside a hashtag, a handle, an address or a link, or a long word in capitals,
with no capital to tell where it starts (render/export/tagged): "#teambeckwith",
"@teambeckwith", "beckwithfamily@gmail.com", "www.teambeckwith.org", "TEAMBECKWITH"."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import make_session, redactor_of
from reflect_cli.folding import fold
from reflect_cli.records.word_choices import WordChoices
from reflect_cli.render import export as exporting
from reflect_cli.render.export.tagged import tagged


def _redactor_of(*names: str) -> Any:
    return redactor_of(*names)


REDACTOR = _redactor_of("Shana Beckwith", "Ana Ñúñez", "Monica Haugen", "Hope Lee", "Will Park")
_NAMES = ["beckwith", "shana", "nunez", "monica", "haugen"]

#: The tester's, and their kind: lower case, capitals, accents, decomposed, invisible.
TAGGED = [
    "Go #teambeckwith!",
    "Go #TEAMBECKWITH!",
    "Go TEAMBECKWITH now",
    "Go #teamñúñez",
    "Go #teamn\u0303u\u0301n\u0303ez",
    "Go #TEAMÑÚÑEZ",
    "#gomonicahaugen2026",
    "#team\u200bhaugen",
    "THANKSMONICA for it",
    "Go #shanabeckwithfans and #ilovehaugen",
    "Follow @teambeckwith and write to info@teambeckwith.org",
    "Write to beckwithfamily@gmail.com",
    "See https://example.org/teambeckwith/events and www.teambeckwith.org",
    # A bare domain, without "@", "://" or "www.": a link too.
    "See teambeckwith.org today",
    "Photos at haugenfamily.net/photos.",
    "Write to TEAMBECKWITH.ORG or teambeckwith.co.uk",
]


def _read(text: str) -> str:
    return fold(text).replace(" ", "")


@pytest.mark.parametrize("typed", TAGGED)
def test_a_name_inside_a_hashtag_or_capitals_is_replaced(typed: str) -> None:
    shown = REDACTOR.text(typed)
    assert not [name for name in _NAMES if name in _read(shown)], shown


@pytest.mark.parametrize("typed", TAGGED)
def test_the_check_after_rendering_sees_a_name_inside_a_hashtag(typed: str) -> None:
    with pytest.raises(exporting.redact.RedactionError, match="line 2 of the md export"):
        REDACTOR.check(f"fine\n{typed}", "md")


def test_the_whole_hashtag_is_replaced_its_hash_kept() -> None:
    shown = REDACTOR.text("Go #teambeckwith!")
    assert shown.startswith("Go #Library (") and shown.endswith(")!"), shown
    assert "team" not in shown.lower()


#: Ordinary lower-case words hold no name; everyday and short names are not looked for
#: inside a hashtag; short capitals are words.
KEPT = [
    "We were hopeful about the parkway and the willow.",
    "A #hopeful #parkway and #willpower.",
    "THANKS ALL, see the FAQ.",
    "An ordinary haugenish sentence",
]


@pytest.mark.parametrize("typed", KEPT)
def test_ordinary_words_and_everyday_names_are_kept(typed: str) -> None:
    assert REDACTOR.text(typed) == typed


def test_a_name_inside_a_hashtag_is_found_by_check_names(
    cli: Any, sessions_dir: Path, tmp_path: Path
) -> None:
    make_session(
        sessions_dir,
        "partnership-reflection",
        people=["Shana Beckwith | Seattle Parks and Recreation | Site lead | sb"],
        answers={},
    )
    document = tmp_path / "notes.txt"
    document.write_text("Notes\nGo #teambeckwith and TEAMBECKWITH!\n", encoding="utf-8")
    found = cli("check-names", str(document))
    assert found.exit_code == 2, found.stdout + found.stderr
    places = [line for line in found.stdout.splitlines() if line]
    assert len(places) == 2, found.stdout  # the hashtag, the word in capitals
    assert all(p.startswith(f"{document}:2: ") and "a person" in p for p in places)


#: A second tester's ordinary notes, with people whose names are pieces of common words
#: (Erin of ENGINEERING, Tran of TRANSPORTATION, Alan of balance, Chen of kitchen, Ella
#: of umbrella): none of it is a name.
ORDINARY = [
    "IMPORTANT DEADLINE: TRANSPORTATION and ENGINEERING budgets are due.",
    "Our STEM-ENGINEERING fair and the #transportation plan.",
    "See #kitchengarden, @kitchencrew and www.communitykitchen.org today.",
    "The #umbrellaproject and #worklifebalance start now.",
    "Write to transit@kingcounty.gov or kitchen-team@foodbank.org.",
]


@pytest.mark.parametrize("typed", ORDINARY)
def test_a_short_name_that_is_a_piece_of_a_word_leaves_the_word(typed: str) -> None:
    found = redactor_of("Erin Tran", "Alan Ward", "Lin Chen", "Ella Rose", "Monica Haugen")
    assert found.text(typed) == typed
    found.check(f"fine\n{typed}", "md")  # and the export can be written


def test_a_long_name_at_a_word_edge_is_still_the_person() -> None:
    found = redactor_of("Erin Tran", "Monica Haugen")
    shown = found.text("#gomonicahaugen2026 and #haugenfamily and #harmonica")
    assert "haugen" not in shown.lower(), shown


@pytest.mark.parametrize(
    "typed",
    ["Go #teamkim!", "The #kimfamily came.", "Write kimfamily@gmail.com", "Go #teamwu", "#WUFAM"],
)
def test_a_short_name_beside_a_family_or_team_word_in_a_hashtag_is_the_person(typed: str) -> None:
    """A tester's: "#kimfamily", "#teamwu" were kept (names of three letters or fewer are
    not looked for inside such words, most often pieces of another word)."""
    found = redactor_of("David Kim", "Mei Wu", "Fatima Ali", "Erin Tran")
    shown = found.text(typed)
    assert "kim" not in shown.lower() and "wu" not in shown.lower(), shown


@pytest.mark.parametrize("typed", ["We ate #kimchi.", "#alignment matters", "#transit plan"])
def test_a_short_name_that_starts_a_word_in_a_hashtag_leaves_it(typed: str) -> None:
    found = redactor_of("David Kim", "Mei Wu", "Fatima Ali", "Erin Tran")
    assert found.text(typed) == typed


def test_a_bare_domain_is_read_as_a_link_and_dotted_words_are_not() -> None:
    """A tester's: "teambeckwith.org" and "haugenfamily.net/photos" were kept (a link was
    read only from its "@", "://" or "www."). An abbreviation, a version, a number, a
    sentence's end and a file's name are not domains."""
    text = "See teambeckwith.org, e.g. etc. Mr. Lee, notes.md v1.2.3 at 3.5 p.m. Then"
    assert [text[a:b] for a, b in tagged(text)] == ["teambeckwith", "org"]


#: An everyday word the facilitator decided is a name here, run into a tag or capitals.
DECIDED = ["THANKSGRACE for all", "THANKYOUJUSTICE", "#brownfamily rocks", "BROWNFAMILY"]


@pytest.mark.parametrize("written", DECIDED)
def test_a_name_decided_is_found_inside_a_tag_or_capitals(written: str) -> None:
    decided = WordChoices(names={fold(w) for w in ("grace", "justice", "brown")})
    found = redactor_of("Grace Kim", "Justice Brown", decisions=decided)
    shown = fold(found.text(written))
    assert all(w not in shown for w in ("grace", "justice", "brown")), shown
    # Not decided: a word there, as before ("#graceful" too).
    assert redactor_of("Grace Kim", "Justice Brown").text(written) == written


@pytest.mark.parametrize(
    "written",
    [
        "x" * 1500 + "Monica" + "y" * 1500,
        "see " + "q" * 65 + "haugen" + " ok",
        "ab" * 30 + "Monica",
    ],
)
def test_a_name_inside_a_run_of_letters_no_word_is_that_long_is_replaced(written: str) -> None:
    found = redactor_of("Monica Haugen")
    shown = fold(found.text(written))
    assert "monica" not in shown and "haugen" not in shown, shown[:80]
    # A long word of a language is read only at its edges, as a hashtag is; a short
    # name or a two-letter handle is not looked for anywhere inside a long run.
    for word in ("Kinderbetreuungseinrichtungsgesetzesnovelle", "x" * 70 + "ch" + "y" * 70):
        assert found.text(word) == word
