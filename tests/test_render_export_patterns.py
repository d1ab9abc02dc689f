"""The matcher's one pattern: the terms factored by their prefixes match exactly the
terms, and a term's key is the same however its words are parted
(render/export/patterns)."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from reflect_cli.render.export.patterns import term_key, tree

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
