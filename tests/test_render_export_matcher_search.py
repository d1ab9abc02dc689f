"""The redactor's matcher searches fast and finds exactly what its pattern finds.

``Matcher._matches`` tries the pattern only where a term's first word is written (found
by an automaton, ``starts``), with only the terms that start there; every match it gives
must be the one ``finditer`` of the pattern of every term gives, in the same places, for
any text (render/export/names).
"""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from reflect_cli.folding import fold, fold_char
from reflect_cli.render.export.name_forms import letters
from reflect_cli.render.export.names import Matcher, name_terms
from reflect_cli.render.export.patterns import BETWEEN, SPACE_IN_LINE, as_matched
from reflect_cli.render.export.starts import Shared
from reflect_cli.render.export.unspaced import unspaced

#: Names as people have them: family name first, accents, a name that is a word, a
#: handle with a digit, a name that starts with an ʻokina, one in Han ideographs.
NAMES = [
    "Nguyễn Thị Lan",
    "Monica Haugen",
    "Grace Kim",
    "May Chen",
    "ʻIlima Kahale",
    "O'Neil",
    "Joanna Park",
]
#: Two handles where one starts the other ("mh" in "mh2"): at one place the pattern
#: takes the longer, and so must the few terms' pattern.
HANDLES = ["mh2", "mh3", "mh", "jo", "2pac", "jr."]
UNSPACED = ["李雷", "Wang 王小明"]
#: Places numbered as a district numbers its schools: one word, then digits that end
#: where no digit follows ("school 07" is not in "school 075"); numbered places whose
#: names go on alike after the number (the pattern writes their rest once).
PLACES = [
    *("school 075", "school 07", "school 010", "site 7b", "75th street"),
    *("school 064 elementary", "school 065 elementary", "school 060 elementary", "school 06"),
]


def matcher(unspaced: bool) -> Matcher:
    found = Matcher()
    for owner, name in enumerate(NAMES + (UNSPACED if unspaced else [])):
        whole, single = name_terms(name)
        for term in whole | single:
            found.add(term, owner)
    for owner, handle in enumerate(HANDLES + PLACES, start=len(NAMES) + 1):
        found.add(fold(handle), owner)
    return found


PIECES = [
    *(fold(n) for n in NAMES),
    *HANDLES,
    *PLACES,
    "school",
    "0",
    "75",
    "064",
    "06",
    " elementary",
    "\u1680",
    "*",
    "+",
    "/",
    "\u2800",
    "٠٧٥",
    "\t",
    "\u3000",
    "\xa0",
    *(fold(part) for n in NAMES for part in n.split()),
    "s",
    "ová",
    "'",
    "-",
    " ",
    "\n",
    ".",
    ",",
    "1",
    "_",
    "x",
    "we hope",
    "in may",
    "李雷",
    "李",
    "雷",
    "王小明",
    "wang",
    "说好",
]
TEXT = st.lists(st.sampled_from(PIECES), max_size=14).map("".join) | st.text(max_size=20)


#: Between a term's words, as it is written: any white space in a line, a hyphen or
#: Markdown's marks; or one character of glue alone ("school+075").
WRITTEN_BETWEEN = rf"(?:(?:{SPACE_IN_LINE}|[\-*~\\])+|[+/.])"


def written(word: str, first: bool) -> str:
    """A term's word as it may be written: a number that starts a word after the first
    may have the letter after it apart ("site 7 b")."""
    number = re.match(r"\d+", word)
    if first or number is None or not word[number.end() :][:1].isalpha():
        return re.escape(word)
    at = number.end()
    return f"{re.escape(word[:at])}(?:{WRITTEN_BETWEEN})?{re.escape(word[at:])}"


def alternative(term: str) -> str:
    """One term with its own look-arounds: a digit before a two-letter term or one that
    starts with a digit refuses it, and a digit after one that ends with a digit."""
    body = WRITTEN_BETWEEN.join(written(w, n == 0) for n, w in enumerate(term.split()))
    before = r"(?<!\d)" if letters(term) <= 2 or term[0].isdigit() else ""
    after = r"(?!\d)" if term[-1].isdigit() else ""
    return before + body + after


def written_apart(term: str) -> str:
    """A term in a script without spaces, found inside text: its words as they are
    written ("李 雷" typed with a tab too); a first word in a script with spaces not
    inside a word."""
    body = WRITTEN_BETWEEN.join(re.escape(w) for w in term.split())
    return body if unspaced(term.split()[0]) else rf"(?<![^\W\d]){body}"


def reference(found: Matcher) -> re.Pattern[str]:
    """What the matcher's pattern stands for, written out: every term alone with its
    own look-arounds, longest first, then the terms in scripts without spaces (the
    matcher factors the terms into a prefix tree)."""
    ordered = sorted(
        (t for t, term in found.terms.items() if not term.address_only), key=len, reverse=True
    )
    spaced = "|".join(alternative(t) for t in ordered if not unspaced(t))
    apart = "|".join(written_apart(t) for t in ordered if unspaced(t))
    found.pattern()  # the endings a term takes
    # A word of two letters or more run into a term that ends with a digit is the
    # term's ("school 075school"): matched with it.
    run_on = r"(?<=\d)[^\W\d_]{2}[^\W_]*"
    # A term's last letter drawn out ("monicaa"; after three letters or fewer, three of
    # it or more: "ross" is not "ros"): the term's.
    stretched = r"(?:(?<=(?P<last>[^\W\d_]))(?:(?P=last){2,}|(?<=[^\W\d_]{4})(?P=last)+))?"
    term = rf"(?P<t>{spaced}){stretched}(?:(?P<e>{found._endings})?(?![^\W\d])|{run_on})"
    return re.compile("|".join([rf"(?<![^\W\d]){term}", *([f"(?P<u>{apart})"] if apart else [])]))


def spans(found: Matcher, folded: str, how: str) -> list[tuple[int, int, dict[str, str]]]:
    matches = {
        "fast": lambda: found._matches(folded),
        "pattern": lambda: found.pattern().finditer(as_matched(folded)),
        "reference": lambda: reference(found).finditer(as_matched(folded)),
    }[how]()
    # A group of no term at that place is absent from the few terms' pattern: None here;
    # a group's text is read with the ogham space mark a space (``as_matched``).
    return [
        (m.start(), m.end(), {k: as_matched(v) for k, v in m.groupdict().items() if v})
        for m in matches
    ]


@settings(max_examples=400, deadline=None)
@given(TEXT, st.booleans())
@example("mh2'ilima", False)  # a match ends where the next one's character before is
@example("jr.'ilima kahale", False)
@example("monica haugen", False)  # at the very start
@example("李雷说 monica", True)
@example("李 \t雷说 李\u3000雷", True)  # a family and given name apart: one term
@example("xwang 王小明 wang\xa0王小明", True)  # a Latin first word: not inside a word
@example("grace,kim-lan.mh2 2pac", True)
@example("mh2 joanna park", False)
@example("jo park and jo, 2jo park", False)  # the longest: the name over the handle
@example("school 075 school 07 school 0755", False)
@example("school 075school school 075a school 07school2 mh2nguyen thi lan", False)
@example("school 064 elementary school 065 school 0655 elementary school 06 mh3", False)
@example("'ilima\u1680kahale grace\u3000kim", False)  # spaces folding and reading make plain
@example("school\u2800٠٧٥ and mh٢", False)  # a braille blank, Arabic-Indic digits
@example("*school* 075 school+075 monica/haugen grace.kim jr.+park", False)  # markup, glue
@example("site 7 b site 7-b site 7 bc site 7b 75 th street", False)  # a number's letter apart
def test_the_fast_search_finds_what_the_pattern_finds(text: str, unspaced: bool) -> None:
    found = matcher(unspaced)
    folded = fold(text)
    expected = spans(found, folded, "reference")
    assert spans(found, folded, "pattern") == expected
    assert spans(found, folded, "fast") == expected
    # Each match is known as its term, however its words are apart ("school+075",
    # "site 7 b"): found without a KeyError.
    list(found.find(text))


def test_folded_text_holds_no_white_space_the_pattern_leaves_out() -> None:
    # The pattern reads only tab, U+001F, space and hyphen between a term's words
    # (``patterns.BETWEEN``): every other white space in a line must fold to one of them,
    # or be the ogham space mark ``as_matched`` reads as a space, and no character may
    # fold to one of those left out.
    written = re.compile(WRITTEN_BETWEEN)
    read = re.compile(BETWEEN)
    left_out = {
        chr(c) for c in range(0x110000) if written.fullmatch(chr(c)) and not read.fullmatch(chr(c))
    }
    assert left_out - {"\u1680"} == {
        "\xa0",
        *map(chr, range(0x2000, 0x200B)),
        "\u202f",
        "\u205f",
        "\u3000",
    }
    image: set[str] = set()
    for code in range(0x110000):
        if not 0xD800 <= code < 0xE000:
            image.update(fold_char(chr(code)))
    assert not (left_out - {"\u1680"}) & image
    assert as_matched(fold("a\u1680b")) == "a b"


def _learnt(found: Matcher, terms: list[str]) -> Matcher:
    for owner, term in enumerate(terms):
        found.add(fold(term), owner)
    return found


@settings(max_examples=200, deadline=None)
@given(TEXT, st.sampled_from(["grace hall", "kim school", "may", "zed hall"]))
@example("grace hall, grace kim", "kim school")
@example("at zed hall with grace kim", "zed hall")  # a first word nobody had before
def test_matchers_that_share_one_reading_find_what_each_finds_alone(text: str, later: str) -> None:
    # People and places read each text through one automaton (``starts.Shared``): each
    # matcher takes only the places its own first words start, also after it learns a term.
    people_terms = [t for n in NAMES for t in set.union(*name_terms(n))] + HANDLES
    place_terms = [*PLACES, "grace hall", "park"]
    shared = Shared()
    people = _learnt(Matcher(shared=shared), people_terms)
    places = _learnt(Matcher(shared=shared), place_terms)
    folded = fold(text)
    for _ in range(2):
        for together, words in ((people, people_terms), (places, place_terms)):
            assert spans(together, folded, "fast") == spans(
                _learnt(Matcher(), words), folded, "fast"
            )
        places.add(fold(later), len(place_terms))
        place_terms = [*place_terms, later]
