"""Known names written out anywhere inside a run of letters spelled apart.

A name spelled apart and run into other single letters ("a M o n i c a", "M o n i c a
M o n i c a", "x H a u g e n y") is read as one word ("amonica", "monicamonica") in
which no name starts on a word boundary, so the matcher's scan keeps it; a reader
reads the name. Inside such a run, then, a name's letters are found wherever they are
written, in one pass over the run by an Aho-Corasick automaton over the names'
letters (``pyahocorasick``, as ``starts``): an attacker's run of thousands of letters
is read in linear time, and text without a run is never read here (``disguised``
calls this only for a run it found).

Only names of ``LETTERS`` letters or more that are not everyday words are looked for
inside a run: "hope" in "s o m e h o p e x", "will" in "w i l l g o", "ana" in "b a n a
n a" are letters of a word. (The whole run is still read by the scan as before, where
"H o p e" alone, or "H o p e L e e", is weighed as the text would be.) A name looked
for this way may take a few letters of a word spelled out ("d e a n a" holds "dean"
only if Dean is not an everyday word): over-redaction, inside text already spelled
apart, rather than a leak.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import ahocorasick

from reflect_cli.render.export.everyday import COMMON_WORDS
from reflect_cli.render.export.terms import Term
from reflect_cli.render.export.unspaced import unspaced

#: Letters a name needs to be looked for inside a run: fewer are too often inside words.
LETTERS = 4

#: What a name's letters are read without: a run spelled apart has no spaces, hyphens or
#: apostrophes between its letters ("o'neil" spelled "O N e i l" is "oneil").
_BETWEEN_LETTERS = re.compile(r"[ '\-]")


def letters_of(term: str) -> str:
    """A folded term's letters as a run spelled apart writes them; "" when it has
    anything else (a digit: "mh2" is a handle, not letters)."""
    written = _BETWEEN_LETTERS.sub("", term)
    return written if written.isalpha() else ""


def looked_for(
    term: Term,
    words: set[str],
    least: int = LETTERS,
    names: frozenset[str] | set[str] = frozenset(),
) -> bool:
    """Whether ``term`` is found anywhere inside a run: a name (or a handle) of
    ``LETTERS`` letters or more, not an everyday word nor weighed as one, nor decided a
    word by the facilitator (``words``: "--word monica" keeps "monica" a word here too);
    an everyday word the facilitator decided is a name in this folder (``names``:
    "--name Grace" finds "THANKSGRACE", "#gracefamily") is one like any other name.
    A term of a script written without spaces is found inside text already."""
    written = letters_of(term.text)
    said = {term.text, term.lemma or term.text}
    if len(written) < least or term.address_only or unspaced(term.text) or said & words:
        return False
    if said & names:
        return True
    return (
        not (term.common or term.everyday)
        and written not in COMMON_WORDS
        and term.text not in COMMON_WORDS
    )


class Inside:
    """Names to find anywhere inside a run of letters spelled apart."""

    def __init__(self, terms: Iterable[str], least: int = LETTERS, most: int = 0) -> None:
        """``terms``: the folded terms to look for (the matcher chooses them), of
        ``least`` letters or more and, when ``most`` is given, ``most`` or fewer."""
        self._automaton: ahocorasick.Automaton | None = None
        longest: dict[str, str] = {}
        for term in terms:
            written = letters_of(term)
            if least <= len(written) and (not most or len(written) <= most):
                longest.setdefault(written, term)
        if longest:
            self._automaton = ahocorasick.Automaton()
            for written, term in longest.items():
                self._automaton.add_word(written, (len(written), term))
            self._automaton.make_automaton()

    def find(self, folded: str) -> Iterator[tuple[int, int, str]]:
        """Each name in ``folded`` (a run read as one word, folded as the matcher reads
        text): its span and the term, leftmost first and longest there, none inside or
        across one found before ("monicahaugen" over "monica", then not "haugen")."""
        if self._automaton is None:
            return
        # The longest name ending at each place, then the longest starting at each.
        longest: dict[int, tuple[int, str]] = {}
        for last, (length, term) in self._automaton.iter(folded):
            start = last - length + 1
            if start not in longest or longest[start][0] < length:
                longest[start] = (length, term)
        end = 0
        for start in sorted(longest):
            if start >= end:
                length, term = longest[start]
                end = start + length
                yield start, end, term
