"""A name whose letters are written the other way is the name (render/export/transliterated):
"Müller" typed "Mueller", "Ødegård" typed "Odegaard", and a roster's "Mueller" typed
"Müller"."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from conftest import make_session, redactor_of
from labels import uncoded
from reflect_cli.folding import fold
from reflect_cli.render import export as exporting
from reflect_cli.render.export.names import name_terms
from reflect_cli.render.export.transliterated import MOST, spellings

#: (roster name, text, the words of it that are the name as written there).
WRITTEN_OTHERWISE = [
    ("Jürgen Müller", "Coach Mueller booked the field.", ["Mueller"]),
    ("Jürgen Müller", "Thanks #TeamMueller", ["Mueller"]),
    ("Jürgen Müller", "Jurgen Mueller agreed", ["Jurgen", "Mueller"]),
    ("Jürgen Müller", "Juergen agreed", ["Juergen"]),
    ("Jürgen Müller", "write to jmueller@example.org", ["jmueller"]),
    ("Jürgen Müller", "JuergenMueller posted it", ["Juergen", "Mueller"]),
    ("Jürgen Müller", "MUELLER and Muellers' plan, Muellerin idea", ["Mueller"]),
    ("Jürgen Müller", "write to muellerj@example.org", ["muellerj"]),
    ("Søren Ødegård", "Odegaard will bring snacks.", ["Odegaard"]),
    ("Søren Ødegård", "Oedegaard will bring snacks.", ["Oedegaard"]),
    ("Søren Ødegård", "Soeren will bring snacks.", ["Soeren"]),
    ("Björn Åström", "Bjoern Aastroem said so", ["Bjoern", "Aastroem"]),
    ("Björn Åström", "Astroem said so", ["Astroem"]),
    ("Heinz Strauß", "Strauss said so", ["Strauss"]),
    ("Lars Sæther", "Saether said so", ["Saether"]),
    # Hungarian's long vowels written out as the short ones are ("Erdős": "Erdoes").
    ("Erdős Pál", "Erdoes Pal said so", ["Erdoes"]),
    ("Fűzfa Anna", "Fuezfa said so", ["Fuezfa"]),
    ("Pál Erdoes", "Erdős said so", ["Erdős"]),
    # The other way: the roster writes the letters out, the text has them.
    ("Jens Mueller", "Müller said so", ["Müller"]),
    ("Jens Mueller", "Muller said so", ["Muller"]),
    ("Bjoern Aastroem", "Björn Åström said so", ["Björn", "Åström"]),
    ("Maria Schroeder", "Frau Schröder said so", ["Schröder"]),
]


@pytest.mark.parametrize(("name", "text", "written"), WRITTEN_OTHERWISE)
def test_a_name_written_the_other_way_is_replaced(name: str, text: str, written: list[str]) -> None:
    redactor = redactor_of(name)
    shown = fold(redactor.text(text))
    assert [w for w in written if fold(w) in shown] == [], shown
    with pytest.raises(exporting.redact.RedactionError):
        redactor.check(f"fine\n{text}", "md")


#: Everyday words a written-out spelling would make of a name: kept as written.
def test_everyday_words_are_not_made_names() -> None:
    whole, single = name_terms("Klaus Haas")
    assert "has" not in single | whole  # "Haas" with "aa" as one letter: an everyday word
    _, single = name_terms("Mae Chen")
    assert "ma" not in single
    redactor = redactor_of("Klaus Haas", "Mae Chen")
    assert redactor.text("Everyone has a plan, Ma said.") == "Everyone has a plan, Ma said."


@pytest.mark.parametrize("fmt", ["md", "html", "csv", "json"])
def test_written_out_letters_leave_no_name_in_any_format(
    cli: Any, sessions_dir: Path, fmt: str
) -> None:
    make_session(
        sessions_dir,
        "partnership-reflection",
        people=[
            "Jürgen Müller | Rainier Youth Soccer | Coach | jm",
            "Søren Ødegård | Family Center | Parent | so",
            "Björn Åström | Library | Staff | ba",
        ],
        answers={
            "shared-values": (
                "Coach Mueller booked the field. #TeamMueller thanks Jurgen Mueller. "
                "Juergen agreed. Odegaard will bring snacks. Bjoern Aastroem said so."
            )
        },
    )
    result = exporting_cli(cli, fmt)
    out = fold(result)
    for word in ["mueller", "muller", "jurgen", "juergen", "odegaard", "bjoern", "aastroem"]:
        assert not re.search(rf"(?<![^\W\d_]){word}", out), word


def exporting_cli(cli: Any, fmt: str) -> str:
    result = cli("export", "--redact", "-f", fmt)
    assert result.exit_code == 0, result.stderr
    if fmt == "json":
        return json.dumps(json.loads(result.stdout), ensure_ascii=False)
    return str(result.stdout)


@pytest.mark.parametrize(
    ("person", "organization"),
    [("Jürgen Müller", "Mueller Tutoring LLC"), ("Jens Mueller", "Müller Family Services")],
)
def test_an_organization_named_with_letters_written_the_other_way_is_not_shown(
    cli: Any, sessions_dir: Path, person: str, organization: str
) -> None:
    make_session(
        sessions_dir,
        "partnership-reflection",
        people=[f"{person} | {organization} | Tutor | jm", "Jo Park | Northgate PTA | Parent | jp"],
        answers={"shared-values": "jm: We agree."},
    )
    result = cli("export", "--redact", "-f", "json")
    assert result.exit_code == 0, result.stderr
    people = json.loads(result.stdout)[0]["participants"]
    assert uncoded(people[0]["name"]) == "Participant"
    assert "mueller" not in fold(result.stdout) and "muller" not in fold(result.stdout)
    assert organization.split()[1] not in result.stdout


def test_the_other_spellings_of_a_word() -> None:
    assert spellings("Müller") == ["Mueller"]
    assert spellings("MÜLLER") == ["MUELLER"]
    assert spellings("Ødegård") == ["Ødegaard", "Oedegård", "Oedegaard"]
    assert spellings("Aastroem") == ["Aastrom", "Astroem", "Astrom"]
    assert spellings("Jacques") == spellings("Monica") == []  # a "u" after "q" is written
    # A word of many such letters: each way throughout, not every mix of them.
    assert 0 < len(spellings("Äöüåøäöüåø")) <= MOST
    assert "Aeoeueaaoeaeoeueaaoe" in spellings("Äöüåøäöüåø")


@pytest.mark.parametrize(
    ("roster", "typed"),
    [("Łukasz Nowak", "Åukasz will host."), ("Ana Kovač", "Thanks to KovaÄ for the room.")],
)
def test_a_name_mis_decoded_with_a_byte_lost_is_the_name(roster: str, typed: str) -> None:
    """UTF-8 shown as Windows-1252 loses the bytes it has no character for ("Ł" is
    C5 81: "Å" and nothing): with no other mis-decoded text beside it the text cannot
    be read back, so the roster's name is known in that form too."""
    found = redactor_of(roster)
    shown = found.text(typed)
    assert "ukasz" not in shown.lower() and "kova" not in shown.lower(), shown
