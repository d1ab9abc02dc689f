"""A place said in part ("Northgate Elementary", "Northgate" of Northgate Elementary
School) is that place in a redacted export and to `check-names`; a part that is a
person's name stays the person's (render/export/place_parts)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import make_session
from labels import uncoded
from reflect_cli.model import Participant, ProtocolRef, Session, SessionStatus
from reflect_cli.records.word_choices import WordChoices
from reflect_cli.render import export as exporting
from reflect_cli.render.export.everyday import COMMON_WORDS_TEXT, PLACE_KINDS
from reflect_cli.render.export.place_parts import parts
from reflect_cli.render.export.redact import Redactor


def redactor(
    collaborative: str,
    site: str = "Other Site",
    people: tuple[str, ...] = ("Monica Haugen",),
    choices: WordChoices | None = None,
    strict: bool = False,
) -> Redactor:
    session = Session(
        id="2026-09-01-x",
        protocol=ProtocolRef("tiny", 1, "Tiny"),
        collaborative=collaborative,
        site=site,
        date="2026-09-01",
        status=SessionStatus.COMPLETE,
        participants=[Participant(p, "Library", "Staff", f"p{n}") for n, p in enumerate(people)],
    )
    return exporting.redactor([session], decisions=choices, strict=strict)


@pytest.mark.parametrize(
    ("place", "said"),
    [
        ("northgate elementary school", ["northgate elementary", "northgate"]),
        ("seattle parks and recreation", ["seattle parks"]),  # "Seattle" alone is the city
        ("boys and girls club", []),  # whom it serves: never "boys" alone, nor "boys and"
        ("community center network", []),  # "Community Center" says no place
        ("equity partners network", ["equity partners"]),  # "equity": what meetings say
        ("hope academy", []),  # an everyday word
        ("ida b wells school", ["ida b wells", "ida b"]),  # three letters: not alone
        ("northgate", []),
        ("rainier beach high school", ["rainier beach high", "rainier beach"]),  # a mountain
    ],
)
def test_the_parts_a_place_is_said_by(place: str, said: list[str]) -> None:
    assert parts(place) == said


def test_the_attackers_places_said_in_part_are_the_place() -> None:
    found = redactor("Northgate Elementary School", "Rainier Beach High School")
    collaborative, site = (
        found.place_label("Northgate Elementary School"),
        found.place_label("Rainier Beach High School"),
    )
    assert found.text("At Northgate Elementary we met.") == f"At {collaborative} we met."
    assert found.text("Northgate was great.") == f"{collaborative} was great."
    assert found.text("NORTHGATE ELEMENTARY.") == f"{collaborative}."
    assert found.text("Then Rainier Beach won.") == f"Then {site} won."
    assert found.undecided == []
    with pytest.raises(exporting.redact.RedactionError):
        found.check("fine\nwe met at Northgate", "md")


def test_a_place_word_alone_in_lower_case_is_decided_as_a_name_part_is() -> None:
    said = "we went to northgate today."
    found = redactor("Northgate Elementary School")
    assert found.text(said) == said
    assert [p.word for p in found.undecided] == ["northgate"]
    kept = redactor("Northgate Elementary School", choices=WordChoices(words={"northgate"}))
    assert kept.text(said) == said and kept.undecided == []
    named = redactor("Northgate Elementary School", choices=WordChoices(names={"northgate"}))
    assert "northgate" not in named.text(said) and named.undecided == []


def test_a_persons_name_that_is_a_place_part_stays_theirs() -> None:
    found = redactor("Denny International Middle School", people=("Denny Chen",))
    place = found.place_label("Denny International Middle School")
    person = found.label(found.names.terms["denny"].owners)
    assert found.text("Denny said so.") == f"{person} said so."
    assert found.text("At Denny International we met.") == f"At {place} we met."


def test_strict_an_organization_said_in_part_is_its_label() -> None:
    found = redactor("Northgate", people=("Monica Haugen",), strict=True)
    found.shown_organization("Somali Family Association")
    shown = found.text("Then Somali Family spoke.")
    assert "Somali" not in shown and shown.startswith("Then Organization ")


#: A word that tells a place apart (as a place's first word), and what may follow it.
_NAMED = st.text("bcdfghklmnprstvz", min_size=2, max_size=3).flatmap(
    lambda c: st.just(c[0].upper() + "a" + c[1:] + "ton")
)
_KINDS = st.lists(
    st.sampled_from(sorted(PLACE_KINDS - set(COMMON_WORDS_TEXT.split()))), min_size=1, max_size=3
)


@settings(max_examples=80, deadline=None)
@given(_NAMED, _KINDS, st.integers(1, 3), st.booleans())
def test_every_part_of_a_place_is_the_place_unless_it_is_someones_name(
    first: str, kinds: list[str], said_words: int, a_person_too: bool
) -> None:
    place = " ".join([first, *(k.capitalize() for k in kinds)])
    people = (f"{first} Okafor",) if a_person_too else ("Monica Haugen",)
    found = redactor(place, people=people)
    label = found.place_label(place)
    said = " ".join(place.split()[: min(said_words, len(place.split()))])
    shown = found.text(f"We met at {said} today.")
    assert found.undecided == []
    if " " not in said and a_person_too:  # "Daxton" is Daxton Okafor
        assert shown == f"We met at {found.label(found.names.terms[first.lower()].owners)} today."
    else:
        assert shown == f"We met at {label} today.", (place, said)


def test_export_and_check_names(cli: Any, sessions_dir: Path, tmp_path: Path) -> None:
    make_session(
        sessions_dir,
        "partnership-reflection",
        collaborative="Northgate Elementary School OST",
        site="Rainier Beach High School",
        people=["Monica Haugen | Seattle Parks and Recreation | Site lead"],
        answers={"shared-values": "At Northgate Elementary we met. Rainier Beach came too."},
    )
    target = tmp_path / "out.md"
    result = cli("export", "--redact", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    written = target.read_text(encoding="utf-8")
    assert "Northgate" not in written and "Rainier" not in written
    assert "At Collaborative we met. Site came too." in uncoded(written)
    assert cli("check-names", str(target)).exit_code == 0
    planted = tmp_path / "note.md"
    planted.write_text("Fine.\nNorthgate was great.\n", encoding="utf-8")
    found = cli("check-names", str(planted))
    assert found.exit_code == 2 and f"{planted}:2: 'Northgate': a collaborative" in found.stdout


def test_a_place_with_a_hyphen_is_found_whole_and_in_part() -> None:
    """(Its whole name found in text was an internal error: a KeyError, a traceback.)"""
    found = redactor("Kent-Meridian Partners Network")
    label = found.place_label("Kent-Meridian Partners Network")
    assert found.text("At Kent-Meridian Partners Network we met.") == f"At {label} we met."
    assert found.text("At Kent-Meridian Partners we met.") == f"At {label} we met."


@settings(max_examples=60, deadline=None)
@given(_NAMED, _KINDS, st.sampled_from(["{}", "{}".lower(), "#{}", "{}_notes.pdf"]), st.booleans())
def test_a_place_run_together_is_the_place(
    first: str, kinds: list[str], written: str, whole: bool
) -> None:
    """ "NorthgateElementary", "northgateelementary": a place's name or a part of it of
    several words run together is found, as "MonicaHaugen" is."""
    place = " ".join([first, *(k.capitalize() for k in kinds)])
    found = redactor(place)
    said = place.split() if whole else place.split()[:2]
    run = "".join(said)
    typed = written.format(run.lower() if written == "{}".lower() and whole else run)
    shown = found.text(f"We met at {typed} today.")
    assert run.lower() not in shown.lower(), (place, typed, shown)
    assert found.undecided == []


@pytest.mark.parametrize(
    "typed", ["northgateelementary", "NorthgateElementary", "NORTHGATEELEMENTARYOST"]
)
def test_export_and_check_names_find_a_place_run_together(
    cli: Any, sessions_dir: Path, tmp_path: Path, typed: str
) -> None:
    make_session(
        sessions_dir,
        "partnership-reflection",
        collaborative="Northgate Elementary OST Collaborative",
        site="Northgate Elementary",
        people=["Monica Haugen | Seattle Parks and Recreation | Site lead"],
        answers={"shared-values": f"See #{typed} for the photos."},
    )
    for fmt in ("md", "html", "csv", "json"):
        result = cli("export", "--redact", "-f", fmt)
        assert result.exit_code == 0, result.stderr
        assert "northgate" not in result.stdout.lower(), fmt
    planted = tmp_path / "note.md"
    planted.write_text(f"Fine.\nSee {typed} here.\n", encoding="utf-8")
    found = cli("check-names", str(planted))
    assert found.exit_code == 2 and f"{planted}:2: '{typed}'" in found.stdout
