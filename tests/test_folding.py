"""Folding: the one way search and --redact compare what was written with what was typed."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reflect_cli.folding import fold, fold_char, fold_mapped, fold_words, fold_words_mapped
from reflect_cli.look_alikes import ALTERNATES, LOOK_ALIKES


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
        ("Mon\u115fica", "monica"),  # Hangul choseong filler
        ("Mon\u1160ica", "monica"),  # Hangul jungseong filler
        ("Mon\u3164ica", "monica"),  # Hangul filler
        ("Mon\uffa0ica", "monica"),  # halfwidth Hangul filler
        ("Mon\u17b4ica", "monica"),  # Khmer inherent vowel
        ("Mon\u17b5ica", "monica"),
        ("Mon\u180eica", "monica"),  # Mongolian vowel separator
        ("Mon\u2065ica", "monica"),  # unassigned, kept to be ignorable
        ("Mon\U000e0041ica", "monica"),  # a tag character
        ("ᴍᴏɴɪᴄᴀ ʜᴀᴜɢᴇɴ", "monica haugen"),  # Latin small capitals
        ("Ꮇonica", "monica"),  # Cherokee Ꮇ
        ("Mօnica", "monica"),  # Armenian օ
        ("ɦaugen", "haugen"),  # an h with a hook, as ł is an l with a stroke
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


#: Every Latin-1 character (folded a byte at a time when all of a text's fold one to one)
#: and a few beyond it that fold one to one ("–", "⚑") or not ("ß" is "ss", "ﬁ" is "fi").
LATIN1_AND_A_FEW = st.sampled_from([chr(c) for c in range(256)] + list("–⚑ễ李ßﬁ\u200b"))


@given(st.lists(LATIN1_AND_A_FEW, max_size=60).map("".join))
def test_latin1_text_folds_as_its_characters_do(text: str) -> None:
    expected = "".join(fold_char(c) for c in text)
    assert fold(text) == expected
    folded, origin = fold_mapped(text)
    assert folded == expected
    assert (origin is None) == (
        len(expected) == len(text) and all(len(fold_char(c)) == 1 for c in text)
    )


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


#: Unicode's Default_Ignorable_Code_Point ranges, as DerivedCoreProperties.txt lists them.
DERIVED_CORE_PROPERTIES = [
    (0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160),
    (0x17B4, 0x17B5), (0x180B, 0x180D), (0x180E, 0x180E), (0x180F, 0x180F),
    (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x2064), (0x2065, 0x2065),
    (0x2066, 0x206F), (0x3164, 0x3164), (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A),
    (0xE0000, 0xE0000), (0xE0001, 0xE0001), (0xE0002, 0xE001F), (0xE0020, 0xE007F),
    (0xE0080, 0xE00FF), (0xE0100, 0xE01EF), (0xE01F0, 0xE0FFF),
]  # fmt: skip
#: A range first, then a code point in it: every range is drawn as often (the tags' 4,000
#: code points would crowd out the Hangul fillers).
IGNORABLE = st.sampled_from(DERIVED_CORE_PROPERTIES).flatmap(lambda r: st.integers(*r)).map(chr)


@given(
    st.text(st.sampled_from("Monica Haugen"), min_size=1, max_size=12),
    st.lists(IGNORABLE, min_size=1, max_size=4),
    st.data(),
)
def test_every_default_ignorable_code_point_folds_away(
    text: str, hidden: list[str], data: st.DataObject
) -> None:
    """A character that shows nothing, anywhere in a name, leaves its fold as it was."""
    typed = list(text)
    for char in hidden:
        typed.insert(data.draw(st.integers(0, len(typed))), char)
    assert fold("".join(typed)) == fold(text)
    folded, _ = fold_mapped("".join(typed))
    assert folded == fold(text)


def test_look_alikes_are_letters_folding_to_one_ascii_letter() -> None:
    """The generated table maps letters only, never ASCII, each to one ASCII letter."""
    assert len(LOOK_ALIKES) > 400
    for char, latin in {**LOOK_ALIKES, **ALTERNATES}.items():
        assert not char.isascii() and unicodedata.category(char).startswith("L"), char
        assert len(latin) == 1 and latin.isascii() and latin.isalpha(), char
        assert len(fold(char)) == 1 and fold(char).isascii(), char


@given(st.sampled_from(sorted(LOOK_ALIKES)))
def test_a_look_alike_folds_as_its_upper_and_lower_case_do(char: str) -> None:
    """A name typed in capitals is the name: a look-alike's other case folds alike
    (Greek Σ as σ, Cherokee capitals as their small letters)."""
    for other in (char.upper(), char.lower()):
        if len(other) == 1:
            assert fold(other) == fold(char)


@pytest.mark.parametrize("typed", ["🅜🅞🅝🅘🅒🅐", "🅼🅾🅽🅸🅲🅰", "⒨⒪⒩⒤⒞⒜", "🄜🄞🄝🄘🄒🄐", "🇲🇴🇳🇮🇨🇦", "Ⓜⓞⓝⓘⓒⓐ"])
def test_letters_drawn_inside_a_shape_are_their_letters(typed: str) -> None:
    # Negative circled and squared letters, regional indicators and parenthesized ones
    # have no decomposition to their letter (or one with parentheses): a name typed in
    # them is the name, as one in circled letters is.
    assert fold(typed) == "monica"
    assert fold_mapped(typed)[0] == "monica"
