"""The names pattern factored as a trie finds exactly what the plain alternation of every
term (longest first) found: the same places, the same terms, on generated names and text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reflect_cli.render.export import names
from reflect_cli.render.export.names import Matcher, _alternative

#: Few letters, so terms share beginnings; digits, spaces and hyphens, as handles and
#: names have them.
WORD = st.text(alphabet="abmno12", min_size=1, max_size=6)
#: Names of one to three words, and the first word of each alone too (as a name's parts
#: are terms of their own): one term is often the beginning of another.
TERMS = st.lists(st.lists(WORD, min_size=1, max_size=3).map(" ".join), min_size=1, max_size=25).map(
    lambda names: names + [name.split()[0] for name in names]
)
TEXT = st.text(alphabet="abmno12 -.\nA*", max_size=120)


def _found(matcher: Matcher, text: str) -> list[tuple[int, int, str]]:
    return [(f.start, f.end, f.term) for f in matcher.find(text)]


@settings(max_examples=300, deadline=None)
@given(TERMS, st.lists(st.tuples(st.integers(0, 30), TEXT), max_size=6))
def test_the_trie_finds_what_the_alternation_found(
    terms: list[str], pieces: list[tuple[int, str]]
) -> None:
    # The text: terms (some written in capitals) between generated text.
    text = "".join(
        (terms[n % len(terms)].upper() if n % 3 == 0 else terms[n % len(terms)]) + between
        for n, between in pieces
    )
    factored = Matcher()
    for number, term in enumerate(terms):
        factored.add(term, number)
    found = _found(factored, text)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(names, "_trie", lambda ts: "|".join(_alternative(t) for t in ts))
        plain = Matcher()
        for number, term in enumerate(terms):
            plain.add(term, number)
        assert found == _found(plain, text)
