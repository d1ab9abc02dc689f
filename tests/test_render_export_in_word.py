"""A name with a joiner typed inside it (render/export/in_word): a hyphen or dash
from hyphenation ("Hau-gen"), a spacing accent typed beside its letter ("Rami´rez",
"Mu¨ller"), a middle dot ("Marcel·la"). A reader reads the word without it; so do
``--redact`` and ``check-names``. And a name read through emphasis inside it
("**Mü**ller") is replaced with its marks, none left open."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from conftest import make_session, redactor_of
from reflect_cli.folding import fold
from reflect_cli.render import export as exporting
from reflect_cli.render.export.disguised import marks
from reflect_cli.render.export.in_word import through_apostrophes

ROSTER = ["Monica Haugen", "José Ramírez", "Jürgen Müller", "Marcel·la Puig", "Mary-Ann O'Neil"]


def _redactor() -> Any:
    return redactor_of(*ROSTER)


REDACTOR = _redactor()

#: What a reader looks through inside a word.
_JOINERS = re.compile("[-\u2010-\u2015\u2212\u00b4\u00a8`^\u02dc\u00b8\u00b7*_~]")
_NAMES = ["monica", "haugen", "jose", "ramirez", "jurgen", "muller", "marcel", "puig"]

#: The tester's, and each joiner of their kind.
JOINED = [
    "Hau-gen will call families.",
    "Hau\u2010gen, Hau\u2011gen and Hau\u2013gen",
    "Hau\u2014gen or Hau\u2212gen",
    "Rami\u00b4rez said",
    "Mu\u00a8ller said",
    "M\u00a8uller said",
    "Marcel\u00b7la said",
    "Ram`irez, Ram^irez, Ram\u02dcirez, Ram\u00b8irez",
    "thanks to mon-ica hau-gen",
    "Mü-ller and Ramí--rez",
]


def _read(text: str) -> str:
    """What a reader reads: the words without their joiners, folded."""
    return fold(_JOINERS.sub("", text))


@pytest.mark.parametrize("typed", JOINED)
def test_a_name_with_a_joiner_inside_is_replaced(typed: str) -> None:
    shown = REDACTOR.text(typed)
    assert not [name for name in _NAMES if name in _read(shown)], shown


@pytest.mark.parametrize("typed", JOINED)
def test_the_check_after_rendering_sees_a_name_with_a_joiner_inside(typed: str) -> None:
    with pytest.raises(exporting.redact.RedactionError, match="line 2 of the md export"):
        REDACTOR.check(f"fine\n{typed}", "md")


def test_the_joined_name_is_replaced_whole() -> None:
    shown = REDACTOR.text("Marcel\u00b7la said")
    assert shown.endswith(") said") and "la" not in shown.split("(")[0].lower(), shown


#: Hyphenated words, dates, and hyphenated names as they were.
KEPT = [
    "The co-op runs year-round from 2026-12-07 on.",
    "A well-being check, self-care and a follow-up.",
    "Score 3-2, pages 10\u201312.",
]


@pytest.mark.parametrize("typed", KEPT)
def test_everyday_hyphenated_words_are_kept(typed: str) -> None:
    assert REDACTOR.text(typed) == typed


@pytest.mark.parametrize("typed", ["Mary-Ann said", "O'Neil said", "Mary-Ann O'Neil said"])
def test_hyphenated_and_apostrophe_names_are_still_replaced_whole(typed: str) -> None:
    shown = REDACTOR.text(typed)
    assert shown.endswith(") said") and "ann" not in fold(shown).split("(")[0], shown
    assert "neil" not in fold(shown)


def test_a_joined_name_is_found_by_check_names(
    cli: Any, sessions_dir: Path, tmp_path: Path
) -> None:
    make_session(
        sessions_dir,
        "partnership-reflection",
        people=["Monica Haugen | Seattle Parks and Recreation | Site lead | mh"],
        answers={},
    )
    document = tmp_path / "notes.txt"
    document.write_text("Notes\nHau-gen will call families.\n", encoding="utf-8")
    found = cli("check-names", str(document))
    assert found.exit_code == 2, found.stdout + found.stderr
    (place,) = [line for line in found.stdout.splitlines() if line]
    assert place.startswith(f"{document}:2: ") and "a person" in place


#: A name read through emphasis inside it: its marks go with it, none left open.
EMPHASIZED = [
    "**Mü**ller said",
    "Mü**ller** said",
    "*Mon*ica said",
    "~~Hau~~gen said",
    "==Mon==ica said",  # a highlight (Obsidian, Typora)
    "++Hau++gen said",  # an insertion (markdown-it-ins)
]


@pytest.mark.parametrize("typed", EMPHASIZED)
def test_a_name_read_through_emphasis_leaves_its_marks_balanced(typed: str) -> None:
    shown = REDACTOR.text(typed)
    assert not [name for name in _NAMES if name in _read(shown)], shown
    for mark in ("**", "*", "~~", "==", "++"):
        assert shown.count(mark) % 2 == 0, shown
    assert shown.endswith(") said") and not shown.startswith(("*", "~", "=", "+")), shown


#: A name hyphenated at the end of a line, its rest on the next (text from a PDF).
BROKEN = [
    "Thanks to Hau-\ngen for it.",
    "Monica Hau\u2010\r\ngen said",
    "Rami-\n  rez and Mül-\nler",
]


@pytest.mark.parametrize("typed", BROKEN)
def test_a_name_hyphenated_across_a_line_break_is_replaced_on_both_lines(typed: str) -> None:
    shown = REDACTOR.text(typed)
    assert not [name for name in _NAMES if name in _read(re.sub(r"\s", "", shown))], shown
    assert shown.count("\n") == typed.count("\n"), shown  # each line kept
    with pytest.raises(exporting.redact.RedactionError, match="line 2 of the md export"):
        REDACTOR.check(f"fine\n{typed}", "md")


def test_a_line_ending_in_a_hyphen_before_an_ordinary_word_is_kept() -> None:
    typed = "The co-\nop runs year-\nround."
    assert REDACTOR.text(typed) == typed


#: A tester's: an apostrophe typed inside a name ("Rami'rez", ASCII or curly) kept it.
APOSTROPHE_INSIDE = [
    "Rami'rez said",
    "Rami\u2019rez said",
    "Ram\u00ed\u2019rez, RAMI\u02bcREZ and Ra'mi'rez",
    "Rami'rez's plan",
    "Thanks to Hau'gen and M\u00fcl\u2019ler",
]


@pytest.mark.parametrize("typed", APOSTROPHE_INSIDE)
def test_a_name_with_an_apostrophe_typed_inside_is_replaced(typed: str) -> None:
    shown = REDACTOR.text(typed)
    read = fold(shown).replace("'", "")
    assert not [name for name in _NAMES if name in read], shown
    with pytest.raises(exporting.redact.RedactionError, match="line 2 of the md export"):
        REDACTOR.check(f"fine\n{typed}", "md")


def test_ordinary_apostrophes_are_not_read_again() -> None:
    """Nearly every text has an apostrophe: a line is read again only where the word
    without it is a known name's, not for "don't", "it's", "Monica's" (found as it is),
    "O'Neil's" (the name's own apostrophe), nor for a contraction whose letters make a
    known name ("we'll", "She'll", "I'm", "park's" with a Well, a Shell, an Im and a
    Parks known)."""
    found = redactor_of(*ROSTER, "Hope Well", "Ana Shell", "Jin Im", "Rosa Parks")
    typed = (
        "I don't know, it's Monica's; we'll see O'Neil's hat. She'll come, I'm sure: the park's."
    )
    read: list[str] = []

    def scan(text: str, where: list[int] | None) -> Iterator[Any]:
        read.append(text)
        return iter(())

    assert (
        list(through_apostrophes(typed, marks(typed).apostrophes, scan, found.names.parted)) == []
    )
    assert read == []
    label = found.text("Monica Haugen")
    shown = found.text(typed)
    assert shown.startswith(f"I don't know, it's {label}'s; we'll see "), shown
    assert shown.endswith("'s hat. She'll come, I'm sure: the park's."), shown


def test_a_name_parted_before_a_contractions_ending_is_still_found() -> None:
    """Such an ending after a piece of three letters or more that is no everyday word
    may part a name: "Davi'd", "Reye's" (Reyes), "Alber't"."""
    found = redactor_of("David Reyes", "Albert Ramírez")
    shown = fold(found.text("Davi'd, Reye's and Alber't"))
    assert not [n for n in ("davi", "reye", "albert") if n in shown.replace("'", "")], shown


def _through_marks_line_by_line(text: str, scan: Any) -> list[Any]:
    """``through_marks`` as it was written first: each line of the text searched on its
    own (the reference the one search of the whole text is held to)."""
    from dataclasses import replace

    from reflect_cli.render.export.in_word import _EMPHASIS, IN_WORD, _across_lines
    from reflect_cli.render.export.patterns import with_marks

    found: list[Any] = []
    number, counted = 0, 0
    for line in re.finditer(r"[^\n]+", text):
        inside = [(m.start(), m.end() - 1) for m in IN_WORD.finditer(line[0])]
        if not inside:
            continue
        runs = inside
        if "*" in line[0] or "_" in line[0] or "~" in line[0]:
            runs = sorted([*inside, *(m.span() for m in _EMPHASIS.finditer(line[0]))])
        kept: list[int] = []
        read: list[str] = []
        base = at = line.start()
        for start, end in [*runs, (len(line[0]), len(line[0]))]:
            if base + start > at:
                kept.extend(range(at, base + start))
                read.append(text[at : base + start])
            at = max(at, base + end)
        number, counted = number + text.count("\n", counted, base), base
        for each in scan("".join(read), kept):
            start, end = with_marks(text, each.start, each.end)
            found.append(replace(each, start=start, end=end, line=number))
    if "\n" in text:
        found += _across_lines(text, scan)
    return found


_PIECES = st.sampled_from(
    ["Hau", "gen", "Mon", "ica", "-", "*", "**", "_", "~", "´", "·", " ", "\n", "\n\n", "x", "2"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join))
@example("Hau-gen\n**Mon**ica and Hau-\ngen")
@example("-gen\nMon-ica")  # a mark at a line's start: the line before is not its word
def test_the_lines_with_marks_are_found_in_one_search_as_line_by_line(text: str) -> None:
    from reflect_cli.render.export.in_word import through_marks

    scan = REDACTOR.names._scan
    assert list(through_marks(text, scan)) == _through_marks_line_by_line(text, scan)


@pytest.mark.parametrize(
    "typed", ["Thanks Mon\u00ad\nica for it", "Hau\u00ad\ngen came", "Beck\u00ad\u2010\nwith said"]
)
def test_a_name_broken_at_a_soft_hyphen_across_lines_is_replaced(typed: str) -> None:
    # A soft hyphen is drawn as a hyphen where the line breaks: the word is read whole,
    # as with a hyphen; a browser printing "Beck&shy;with" gives a soft hyphen and one.
    found = redactor_of("Monica Haugen", "Shana Beckwith")
    shown = fold(found.text(typed))
    assert all(part not in shown for part in ("mon", "ica ", "hau", "gen ", "beck")), shown
    with pytest.raises(exporting.redact.RedactionError):
        found.check(f"fine\n{typed}", "md")
