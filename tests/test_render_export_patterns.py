"""The matcher's one pattern: the terms factored by their prefixes match exactly the
terms, and a term's key is the same however its words are parted
(render/export/patterns)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import redactor_of
from reflect_cli.folding import fold
from reflect_cli.model import Participant, ProtocolRef, Session, SessionStatus
from reflect_cli.render import export as exporting
from reflect_cli.render.export.patterns import as_matched, term_key, tree

_WORD = st.text("abcmnoé'", min_size=1, max_size=6)


@given(st.lists(_WORD, min_size=1, max_size=8, unique=True), _WORD)
def test_the_tree_matches_exactly_its_terms(terms: list[str], other: str) -> None:
    (pattern,) = tree(terms)
    compiled = re.compile(f"(?:{pattern})")
    assert all(compiled.fullmatch(term) for term in terms)
    assert bool(compiled.fullmatch(other)) == (other in terms)


@given(st.lists(_WORD, min_size=1, max_size=4), st.lists(st.sampled_from([" ", "-", " - ", "  "])))
def test_a_terms_key_is_its_words_apart_by_one_space(words: list[str], joins: list[str]) -> None:
    typed = words[0] + "".join(
        (joins[i % len(joins)] if joins else " ") + w for i, w in enumerate(words[1:])
    )
    assert term_key(typed) == " ".join(words)
    assert tree([]) == []


_BREAKS = ["\n", "\r\n", "\r", "\x0b", "\x0c", "\x1c", "\x85", "\u2028", "\u2029"]


_IN_LINE = [" ", "\t", "-", "\u00a0", "\u3000", "\u2009", "\u1680"]


@given(
    st.sampled_from(_BREAKS),
    st.lists(st.sampled_from(_IN_LINE), max_size=3),
    st.lists(st.sampled_from(_IN_LINE), max_size=3),
)
def test_a_term_never_runs_across_a_line_break(brk: str, left: list[str], right: list[str]) -> None:
    """ "We asked Monica" and "Haugen family agreed" are two lines: one label over both
    would join them (and drop the credit of the line after). (The pattern reads folded
    text, as the matcher gives it: ``as_matched``.)"""
    (pattern,) = tree(["monica haugen", "monica"])
    compiled = re.compile(f"(?:{pattern})")
    apart = as_matched(fold("monica" + "".join(left) + brk + "".join(right) + "haugen"))
    assert all(m.group() == "monica" for m in compiled.finditer(apart))
    together = as_matched(fold("monica" + ("".join(left + right) or " ") + "haugen"))
    assert compiled.fullmatch(together)


def test_a_redacted_export_keeps_every_line(cli: object, sessions_dir: object) -> None:
    from pathlib import Path

    from conftest import make_session

    run: Any = cli
    folder: Path = sessions_dir  # type: ignore[assignment]
    make_session(
        folder,
        "partnership-reflection",
        answers={
            "shared-values": "shana: We asked Monica\nHaugen family agreed to host.\n"
            "jo: thanks Shana\nBeckwith family is away"
        },
    )
    done = run("export", "--redact", "--format", "md")
    assert done.exit_code == 0, done.stderr
    body = done.stdout
    assert "Monica" not in body and "Haugen" not in body and "Beckwith" not in body
    assert "family agreed to host." in body and "family is away" in body
    lines = [line for line in body.splitlines() if "agreed to host" in line]
    assert lines and "asked" not in lines[0]  # still a line of its own


def test_a_term_of_thousands_of_characters_makes_a_pattern() -> None:
    # A name typed as a paragraph is a path in the tree as deep as it is long: made
    # without recursion, compiled, and found.
    long = " ".join(["lorimer"] * 600)
    (pattern,) = tree([long, long[:2000], "lorimer"])
    compiled = re.compile(f"(?:{pattern})")
    assert compiled.fullmatch(long)
    assert compiled.fullmatch(long[:2000])


def _site_redactor(site: str, *people: str) -> Any:
    session = Session(
        id="2026-09-01-x",
        protocol=ProtocolRef("tiny", 1, "Tiny"),
        collaborative="Northgate",
        site=site,
        date="2026-09-01",
        status=SessionStatus.COMPLETE,
        participants=[Participant(p, "Library", "Staff", f"p{n}") for n, p in enumerate(people)],
    )
    return exporting.redactor([session])


@pytest.mark.parametrize(
    "written",
    [
        "*School* 075",
        "**School 075**",
        "**School** 075",
        "_School_ 075",
        "~~School~~ 075",
        "School+075",
        "School_075",
        "School/075",
        "School.075",
        "School\\_075",
    ],
)
def test_a_place_with_markup_or_glue_between_its_words_is_the_place(written: str) -> None:
    found = _site_redactor("School 075", "Monica Haugen")
    label = found.text("School 075")
    shown = found.text(f"We met at {written} today.")
    assert "School" not in shown and "075" not in shown, shown
    assert label in shown and shown.startswith("We met at ") and shown.endswith(" today."), shown
    # Markup around the place goes with it: nothing stray is left ("*Site X1").
    assert shown in (f"We met at {label} today.", f"We met at **{label}** today."), shown
    named = found.text(f"Thanks {written.replace('School', 'Monica').replace('075', 'Haugen')}!")
    assert "Monica" not in named and "Haugen" not in named, named


@pytest.mark.parametrize(
    ("said", "shown"),
    [
        # Another place: a digit goes on with the number.
        ("We met at School 0755 and School/0755 today.", None),
        # A sentence's end between: glue is one character between two words, no space.
        ("We met at the School. 075 students came.", None),
        ("Ask Monica. Haugen family said yes.", "Ask #. # family said yes."),
        ("Read it in monica_haugen_notes.txt please.", "Read it in #_notes.txt please."),
    ],
)
def test_glue_between_words_is_read_only_where_it_joins_them(said: str, shown: str | None) -> None:
    found = _site_redactor("School 075", "Monica Haugen")
    label = found.text("Monica Haugen")
    assert found.text(said) == (said if shown is None else shown.replace("#", label))


@pytest.mark.parametrize(
    ("site", "written"),
    [("Site 7b", "Site 7 b"), ("Building 3a", "Building 3 A"), ("Building 3a", "Building 3A")],
)
def test_a_number_and_its_letter_apart_are_the_place(site: str, written: str) -> None:
    found = _site_redactor(site, "Jo Park")
    label = found.text(site)
    assert found.text(f"We met at {written} today.") == f"We met at {label} today."
    assert found.text(f"We met at {written}c today.") == f"We met at {written}c today."


@pytest.mark.parametrize(
    ("said", "shown"),
    [
        ("We met at School 075school 0755 today.", "We met at # 0755 today."),
        ("We met at School 075School today.", "We met at # today."),
        ("We met at School 075schoolday2026 today.", "We met at # today."),
        ("We met at the School 075s' gym.", "We met at the # gym."),
        # Other places: a digit or a letter alone goes on with the number.
        ("We met at School 0755, School 075A and School 075a today.", None),
    ],
)
def test_a_word_run_into_a_place_that_ends_with_a_digit_is_the_place(
    said: str, shown: str | None
) -> None:
    """A tester's: "School 075school" was kept (a capital, "075School", told where the
    next word starts; lower case, nothing did)."""
    found = _site_redactor("School 075", "Monica Haugen")
    label = found.text("School 075")
    assert found.text(said) == (said if shown is None else shown.replace("#", label))


@pytest.mark.parametrize(
    ("written", "kept"),
    [
        ("Thank you Monicaaaa!", False),
        ("Monicaa said", False),
        ("Beckwithhh!", False),
        ("SHANAAAA", False),
        ("Monicaaas plan", False),
        ("Rosss", False),
        # After a name of three letters or fewer, a letter doubled is another name's.
        ("Ross came", True),
        ("Matt said", True),
    ],
)
def test_a_name_with_its_last_letter_drawn_out_is_the_name(written: str, kept: bool) -> None:
    found = redactor_of("Monica Haugen", "Shana Beckwith", "Ros Lee", "Mat Cole")
    assert (found.text(written) == written) is kept, found.text(written)
