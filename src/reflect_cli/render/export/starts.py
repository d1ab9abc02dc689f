"""Where a known term may start in folded text, found in C.

The matcher's pattern writes a term's letters as they are (only what stands between its
words varies, and what may follow it), so a term matches only where its first word is
written, whole and as the term has it. Every such place is found in one pass by an
Aho-Corasick automaton over the terms' first words (``pyahocorasick``: about 20 ns a
character, where the regular expression engine tries the whole pattern at every word's
start). The matcher tries its pattern at those places alone, with only the terms whose
first word is written there (``Matcher._matches``): which term the pattern takes at a
place does not depend on terms that cannot start there.
"""

from __future__ import annotations

from collections.abc import Iterable

import ahocorasick

from reflect_cli.render.export.unspaced import unspaced


def first_word(term: str) -> str:
    """What a term's match always starts with: its first word (a term in a script
    written without spaces is matched whole, as it is written)."""
    return term if unspaced(term) else term.split(" ", 1)[0]


class Starts:
    """The first words of a set of terms, and where a text holds them."""

    def __init__(self, terms: Iterable[str]) -> None:
        self.words = {first_word(term) for term in terms}
        self._automaton: ahocorasick.Automaton | None = None
        if self.words:
            self._automaton = ahocorasick.Automaton()
            for word in self.words:
                self._automaton.add_word(word, word)
            self._automaton.make_automaton()

    def where(self, text: str) -> list[tuple[int, frozenset[str]]]:
        """Each place in ``text`` where a first word starts, in order, with every first
        word that starts there ("jo" and "jose" both at the start of "jose")."""
        if self._automaton is None:
            return []
        found: dict[int, list[str]] = {}
        for end, word in self._automaton.iter(text):
            found.setdefault(end - len(word) + 1, []).append(word)
        return [(start, frozenset(found[start])) for start in sorted(found)]
