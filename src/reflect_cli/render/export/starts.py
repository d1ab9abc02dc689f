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

import re
from collections.abc import Callable, Iterable

import ahocorasick

from reflect_cli.render.export.unspaced import unspaced


def first_word(term: str) -> str:
    """What a term's match always starts with: its first word (a term in a script
    written without spaces is one word unless typed with a space, "王 小明": "王")."""
    return term.split(" ", 1)[0]


#: A letter before a place: a term written with spaces never starts there (the pattern
#: looks behind for one, ``patterns.source``), so the place is not even tried.
_LETTER = re.compile(r"[^\W\d]")


class Starts:
    """The first words of a set of terms, and where a text holds them."""

    def __init__(self, terms: Iterable[str]) -> None:
        self.words = {first_word(term) for term in terms}
        self._automaton: ahocorasick.Automaton | None = None  # made when first read

    def where(self, text: str) -> list[tuple[int, frozenset[str]]]:
        """Each place in ``text`` where a first word starts, in order, with every first
        word that starts there ("jo" and "jose" both at the start of "jose")."""
        if not self.words:
            return []
        if self._automaton is None:
            self._automaton = ahocorasick.Automaton()
            for word in self.words:
                # What each place needs: the word, how far back it starts, and whether
                # a letter before it rules it out (every word but one of a script
                # written without spaces, which is found inside text).
                self._automaton.add_word(word, (word, len(word) - 1, not unspaced(word)))
            self._automaton.make_automaton()
        letter = _LETTER.match
        found: dict[int, list[str]] = {}
        for end, (word, back, bounded) in self._automaton.iter(text):
            start = end - back
            if bounded and start and letter(text, start - 1):
                continue  # inside a word: "an" in "plan"
            if start in found:
                found[start].append(word)
            else:
                found[start] = [word]
        return [(start, frozenset(found[start])) for start in sorted(found)]


class Shared:
    """One automaton for the first words of several matchers (the people's and the
    places'), which read the same texts one after the other: each text is read once,
    and each matcher takes the places of its own words."""

    def __init__(self) -> None:
        self._members: list[Callable[[], Starts]] = []
        self._starts: Starts | None = None
        #: The last text read and where its first words start: the next matcher to read
        #: the very same text takes them from here.
        self._last: tuple[str, list[tuple[int, frozenset[str]]]] | None = None

    def join(self, starts_of: Callable[[], Starts]) -> None:
        """Read for one more matcher, whose terms' first words ``starts_of`` gives."""
        self._members.append(starts_of)
        self.forget()

    def forget(self) -> None:
        """A member learnt a term: its first words are read again before the next text."""
        self._starts, self._last = None, None

    def where(self, text: str) -> list[tuple[int, frozenset[str]]]:
        """``Starts.where`` for the first words of every member."""
        if self._last is not None and self._last[0] is text:
            return self._last[1]
        if self._starts is None:
            self._starts = Starts(word for member in self._members for word in member().words)
        found = self._starts.where(text)
        self._last = (text, found)
        return found
