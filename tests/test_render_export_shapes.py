"""A text's shape finds capitals where the patterns over the text itself find them."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from reflect_cli.folding import beyond_ascii
from reflect_cli.render.export import shapes
from reflect_cli.render.export.in_word import BROKEN, IN_WORD, JOINERS
from reflect_cli.render.export.run_together import _inside, joined
from reflect_cli.render.export.tagged import CAPITALS, RUN, _capitals, runs, tagged

#: Characters of every kind a shape tells apart, and some it cannot: Latin-1 letters of
#: both cases and none ("ª", "²"), a soft hyphen, capitals and small letters of other
#: scripts, a title-case letter, letters without case (李, ሀ), digits beyond ASCII,
#: combining and invisible marks, punctuation beyond Latin-1, a small letter that is a
#: combining mark (U+0345: no shape), a Hangul filler (a letter that shows nothing).
_PIECES = st.sampled_from(
    [
        *("T", "e", "A", "M", "z", "É", "ß", "ÿ", "ª", "²", "µ", "×", "\xad", "0", "7"),
        *("Σ", "ω", "Ж", "ж", "ǅ", "ß", "Ⅻ", "李", "ሀ", "٣", "\u0301", "\u200b", "\u0345"),
        *("’", "–", "⚑", "\u3164", " ", "\n", "#", "-", "_", "*", "TEAMBECKWITH", "Team"),
        *(
            "~",
            "´",
            "·",
            "\u2010",
            "\u02c6",
            "\t",
            "\r\n",
            "Hau",
            "gen",
            "2026",
            "`",
            "^",
            "=",
            "+",
        ),
    ]
)
_TEXTS = (
    st.lists(_PIECES, max_size=30).map("".join)
    | st.text(max_size=40)
    | st.lists(st.characters(min_codepoint=0x100), min_size=17, max_size=30).map("AB".join)
)


def _shape(text: str) -> bytes | None:
    return shapes.shape(text, "" if text.isascii() else beyond_ascii(text))


@settings(max_examples=1000, deadline=None)
@given(_TEXTS)
@example("TEAM\u0301BECKWITH")  # a combining mark inside a word of capitals
@example("ΣΩΣΩΣΩΣΩ and DeShawn")  # Greek capitals; a capital inside a word
@example("x\u0345Y")  # a small letter that is a mark: read by the pattern itself
@example("Hau-\r\n  gen and *Mon*ica")  # a word broken across lines; emphasis inside
@example("a\u02c6b")  # a joiner that is a letter: read by the patterns themselves
@example("2*b")  # emphasis after a digit
@example("Mon\u00ad\nica and Beck\u00ad\u2010\n with")  # soft hyphens breaking lines
@example("x" * RUN + "李" * RUN + " ²" * RUN)  # letters in a row, of every kind
@example("²-\nb 李-\n x")  # a joiner ending a line after letters without case
def test_a_shape_finds_the_capitals_the_patterns_find(text: str) -> None:
    shaped = _shape(text)
    if shaped is None:
        return
    assert len(shaped) == len(text)
    joined_in_text = [m.span() for m in _inside().finditer(text)]
    assert [m.span() for m in shapes.JOINED.finditer(shaped)] == joined_in_text
    shouted = [m.span() for m in _capitals().finditer(text)]
    assert [m.span() for m in shapes.capitals(CAPITALS).finditer(shaped)] == shouted
    assert joined(text, shaped) == joined(text)
    assert tagged(text, shaped) == tagged(text)
    # A mark inside a word, or a word broken across lines: found in the shape as in text.
    in_word = any(pattern.search(shaped) for pattern in shapes.IN_WORD)
    assert in_word == (IN_WORD.search(text) is not None)
    broken = BROKEN.search(text) is not None
    assert (shapes.BROKEN.search(shaped) is not None) == broken
    assert shapes.marked(shaped) == (in_word or broken)
    assert runs(text, shaped) == runs(text)


@pytest.mark.parametrize("char", [chr(code) for code in range(256)])
def test_every_latin1_character_has_its_kind(char: str) -> None:
    # The table is made from the same tests as the patterns' classes: a capital is a
    # capital there, a letter a letter.
    found = shapes._TABLE[ord(char)]
    letter = re.fullmatch(r"[^\W\d_]", char) is not None
    assert (found == ord("A")) == (char.isupper() or char.istitle())
    assert (found == ord("a")) == char.islower()
    assert (found in b"Aao") == letter
    assert (found == ord("0")) == char.isdecimal()
    assert (found == ord("e")) == (char in "*_~=+")
    assert (found == ord("j")) == (re.fullmatch(f"[{JOINERS}]", char) is not None)


def test_a_text_with_many_characters_beyond_latin1_or_a_small_mark_has_no_shape() -> None:
    many = "".join(chr(0x4E00 + i) for i in range(shapes.FEW + 1))
    assert _shape(many) is None
    assert _shape("TEAM\u0345X") is None  # a small letter that is a combining mark
    assert _shape("Zoë’s – ⚑ Σ2") == b"Aaaxa j x A0"  # a few beyond: each as its kind
