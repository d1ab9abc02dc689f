"""The redactor's matcher searches fast and finds exactly what its pattern finds.

``Matcher._matches`` jumps from one character that is not a letter to the next instead
of trying the pattern at every character; every match it gives must be the one
``finditer`` gives, in the same places, for any text (render/export/names).
"""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from reflect_cli.folding import fold
from reflect_cli.render.export.names import Matcher, name_terms

#: Names as people have them: family name first, accents, a name that is a word, a
#: handle with a digit, a name that starts with an ʻokina, one in Han ideographs.
NAMES = ["Nguyễn Thị Lan", "Monica Haugen", "Grace Kim", "May Chen", "ʻIlima Kahale", "O'Neil"]
HANDLES = ["mh2", "jo", "2pac", "jr."]
UNSPACED = ["李雷"]


def matcher(unspaced: bool) -> Matcher:
    found = Matcher()
    found.fast_after = 0  # from the first text (a folder's export: after 500,000 characters)
    for owner, name in enumerate(NAMES + (UNSPACED if unspaced else [])):
        whole, single = name_terms(name)
        for term in whole | single:
            found.add(term, owner)
    for owner, handle in enumerate(HANDLES, start=len(NAMES) + 1):
        found.add(fold(handle), owner)
    return found


PIECES = [
    *(fold(n) for n in NAMES),
    *HANDLES,
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
    "说好",
]
TEXT = st.lists(st.sampled_from(PIECES), max_size=14).map("".join) | st.text(max_size=20)


def spans(found: Matcher, folded: str, fast: bool) -> list[tuple[int, int, dict[str, str | None]]]:
    pattern = found._compiled()
    assert pattern is not None
    matches = found._matches(folded) if fast else pattern.finditer(folded)
    return [(m.start(), m.end(), m.groupdict()) for m in matches]


@settings(max_examples=400, deadline=None)
@given(TEXT, st.booleans())
@example("mh2'ilima", False)  # a match ends where the next one's character before is
@example("jr.'ilima kahale", False)
@example("monica haugen", False)  # at the very start
@example("李雷说 monica", True)
@example("grace,kim-lan.mh2 2pac", True)
def test_the_fast_search_finds_what_the_pattern_finds(text: str, unspaced: bool) -> None:
    found = matcher(unspaced)
    folded = fold(text)
    assert spans(found, folded, fast=True) == spans(found, folded, fast=False)
    assert found._starts is not None or not folded  # the fast search was the one used
