"""Folding: the one way search and --redact compare what was written with what was typed."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reflect_cli.folding import fold, fold_char, fold_mapped, fold_words, fold_words_mapped


@pytest.mark.parametrize(
    ("written", "typed"),
    [
        ("Yılmaz", "yilmaz"),
        ("Łódź", "lodz"),
        ("Straße", "strasse"),
        ("STRASSE", "strasse"),
        ("Ørsted", "orsted"),
        ("Đorđe", "dorde"),
        ("Æsir", "aesir"),
        ("Œuvre", "oeuvre"),
        ("İstanbul", "istanbul"),
        ("López", "lopez"),
        (unicodedata.normalize("NFD", "Zoë"), "zoe"),
        ("O’Neil", "o'neil"),
        ("Mon\u00adica", "monica"),
        ("monica_haugen", "monica haugen"),
    ],
)
def test_written_and_typed_meet(written: str, typed: str) -> None:
    assert fold(written) == typed


@given(st.text(max_size=40))
def test_mapped_is_the_same_fold_and_points_into_the_text(text: str) -> None:
    folded, origin = fold_mapped(text)
    assert folded == fold(text)
    if origin is None:
        assert len(folded) == len(text)
    else:
        assert len(origin) == len(folded)
        assert origin == sorted(origin) and all(0 <= i < len(text) for i in origin)


def test_variation_selectors_fold_away() -> None:
    from reflect_cli.folding import fold

    assert fold("Moni\ufe0fca Hau\u034fgen") == "monica haugen"
    assert fold("Zoe\u0308") == "zoe"


@given(
    st.text(
        alphabet=st.one_of(
            st.characters(),
            st.sampled_from("_`'’ıİŁßꭰᏸ\u00ad\ufe0f\x1c\x07\t\nAZaz"),
        ),
        max_size=60,
    )
)
def test_a_whole_text_folds_as_its_characters_do(text: str) -> None:
    assert fold(text) == "".join(fold_char(c) for c in text)


@pytest.mark.parametrize(
    ("written", "words"),
    [
        ("Shauna O’Neil", "shauna oneil"),
        ("O'Neil's team", "oneils team"),
        ("don’t", "dont"),
        ("'quoted' word", "'quoted' word"),  # an apostrophe at a word's edge stays
        ("http://evil\x07click", "http://evil click"),
        ("a\x1bb\x9bc", "a b c"),
        ("Mon\u00adica", "monica"),  # a soft hyphen still joins
    ],
)
def test_words_as_search_folds_them(written: str, words: str) -> None:
    assert fold_words(written) == words


@given(st.text(alphabet=st.sampled_from("ab’'\x07\x9bÉı\u00ad _"), max_size=30))
def test_words_mapped_is_the_same_and_points_into_the_text(text: str) -> None:
    folded, origin = fold_words_mapped(text)
    assert folded == fold_words(text)
    if origin is None:
        assert len(folded) == len(text)
    else:
        assert len(origin) == len(folded)
        assert origin == sorted(origin) and all(0 <= i < len(text) for i in origin)
