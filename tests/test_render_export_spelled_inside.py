"""A known name spelled apart and run into other single letters is still found
(render/export/spelled_inside): "a M o n i c a", "M o n i c a M o n i c a"."""

from __future__ import annotations

import re
from typing import Any

import pytest

from conftest import redactor_of
from reflect_cli.render import export as exporting


def _redactor_of(*names: str) -> Any:
    return redactor_of(*names)


def _read_whole(text: str) -> str:
    """What a reader reads: letters spelled apart read as one word, folded."""
    return re.sub(r"[\s.\-]", "", text).lower()


#: A name spelled apart, run into other single letters (a tester's): the run read as
#: one word ("amonica", "monicamonica") has no name starting on a word boundary.
RUN_INTO = [
    "a M o n i c a",
    "I M o n i c a",
    "M o n i c a M o n i c a",
    "M o n i c a H a u g e n",
    "x H a u g e n y",
    "q-H-a-u-g-e-n",
    "z.m.o.n.i.c.a.z",
    "M o n i c a x H a u g e n",
    "s\u00a0o\u00a0m\u00a0h\u00a0a\u00a0u\u00a0g\u00a0e\u00a0n",
]


@pytest.mark.parametrize("typed", RUN_INTO)
def test_a_name_run_into_letters_spelled_apart_is_replaced(typed: str) -> None:
    redactor = _redactor_of("Monica Haugen")
    shown = redactor.text(f"We met {typed} today.")
    assert "monica" not in _read_whole(shown) and "haugen" not in _read_whole(shown), shown
    assert shown.startswith("We met ") and shown.endswith(" today.")


def test_the_name_found_is_its_own_letters_in_the_original_text() -> None:
    redactor = _redactor_of("Monica Haugen")
    text = "said x H a u g e n y and a M o n i c a"
    found = [(text[f.start : f.end], f.term) for f in redactor.names.find(text)]
    assert found == [("H a u g e n", "haugen"), ("M o n i c a", "monica")]
    # Twice over: each is the person, the run around them is kept.
    text = "M o n i c a M o n i c a!"
    spans = [(f.start, f.end) for f in redactor.names.find(text)]
    assert spans == [(0, 11), (12, 23)]


def test_the_check_after_rendering_sees_a_name_run_into_letters() -> None:
    redactor = _redactor_of("Monica Haugen")
    for typed in RUN_INTO:
        with pytest.raises(exporting.redact.RedactionError, match="line 2 of the md export"):
            redactor.check(f"fine\nsaid {typed} today", "md")


#: Everyday-word names and names of three letters or fewer are not looked for inside a
#: run: "hope" in "s o m e h o p e x", "ana" in "b a n a n a" are letters of a word.
KEPT = [
    "s o m e h o p e x",
    "I h o p e s o",
    "w i l l g o",
    "b a n a n a",
    "g r a c e f u l",
]


@pytest.mark.parametrize("typed", KEPT)
def test_everyday_and_short_names_are_not_looked_for_inside_a_run(typed: str) -> None:
    redactor = _redactor_of("Hope Lee", "Will Grace", "Ana Ng")
    assert redactor.text(f"We said {typed} today.") == f"We said {typed} today."


def test_everyday_names_spelled_apart_whole_are_weighed_as_today() -> None:
    # The whole run still goes through the normal reading: "H o p e L e e" is her name.
    redactor = _redactor_of("Hope Lee")
    assert "hopelee" not in _read_whole(redactor.text("Thanks H o p e L e e."))


def test_a_long_run_holding_many_names_is_read_whole() -> None:
    """An attacker's run of thousands of letters: every name in it found (its time is
    benchmarks/hostile.py's, not a test's)."""
    redactor = _redactor_of("Monica Haugen", "Kwame Mensah", "Zoë Yılmaz")
    run = " ".join("xMonicaHaugeny" * 2000)
    found = list(redactor.names.find(run))
    assert len(found) == 2000  # "monicahaugen", each time
    assert "monica" not in _read_whole(redactor.text(run))


def test_many_names_spelled_apart_are_each_found() -> None:
    """Each run's name is kept with the others (by halving, ``terms.merged``; the time
    of 8,000 is benchmarks/hostile.py's)."""
    redactor = _redactor_of("Monica Haugen")
    text = "M o n i c a, " * 8000
    found = list(redactor.names.find(text))
    assert len(found) == 8000
