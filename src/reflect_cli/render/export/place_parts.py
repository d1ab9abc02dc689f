"""The parts a place is said by: "Northgate Elementary School" is said "Northgate
Elementary" or "Northgate".

A collaborative's, a site's or (strict) an organization's name is found as a whole and
by its parts (``parts``): its first two words or more ("northgate elementary"), and its
first word alone when that word tells the place apart: four letters or more, not a
kind of place ("School", "Elementary", "Center", "Library", "Parks", "Department":
``everyday.PLACE_KINDS``), not an everyday word (``everyday.COMMON_WORDS``), not a city
or region of King County everyone names ("Seattle", "Kent"), and not a word of the
protocols built into reflect ("equity", "partnership": what every meeting talks about).
A part that is a person's name stays the person's (``labels.Labels``). The name and
its parts of several words are found run together too (``joined``: "NorthgateElementary").
"""

from __future__ import annotations

import functools
import re

import reflect_cli.render.export.label_words as label_words
from reflect_cli.folding import fold
from reflect_cli.render.export.everyday import COMMON_WORDS, PLACE_KINDS, REGIONS
from reflect_cli.render.export.own_text import own_texts

#: A word alone is a place's only from this many letters ("Kent" is, "Ida" is not).
WORD_LETTERS = 4
#: A part never ends on one of these ("Boys and" is not a part of "Boys and Girls Club").
_JOINING = frozenset({"and", "of", "the", "for", "at", "in", "on", "to", "&", "+"})
_JOINING |= frozenset({"de", "del", "la", "el", "y", "et", "a", "an", "with"})


@functools.cache
def protocol_words() -> frozenset[str]:
    """Every word the protocols built into reflect and their translations write in lower
    case, folded: words every meeting's answers use (not their names: "Northgate
    Elementary" is the place of the video a protocol shows)."""
    found = (w for text in own_texts() for w in re.findall(r"\w+", text) if w.islower())
    return frozenset(fold(w) for w in found)


@functools.cache
def _ordinary() -> frozenset[str]:
    """Words that never tell a place apart: kinds of place, everyday words, and the words
    of redaction labels in every language (a label holds them: "Escuela Q9X2")."""
    return PLACE_KINDS | COMMON_WORDS | label_words.every_language()


def parts(place: str) -> list[str]:
    """The parts of a place's folded name it is said by, longest first (not the whole)."""
    words = place.split()
    found = [
        " ".join(words[:n])
        for n in range(len(words) - 1, 1, -1)
        if words[n - 1] not in _JOINING and _tells_apart(words[:n])
    ]
    first = words[0] if len(words) > 1 else ""
    if first and _one_word_tells(first):
        found.append(first)
    return found


def _tells_apart(words: list[str]) -> bool:
    """Whether words say which place: one of them is not a kind of place, an everyday
    or a joining word, or a word of a redaction label ("Community Center" says none)."""
    ordinary = _ordinary() | _JOINING
    return any(w not in ordinary for w in words)


def _one_word_tells(word: str) -> bool:
    if sum(c.isalpha() for c in word) < WORD_LETTERS or not word.isalpha():
        return False
    return word not in _ordinary() and word not in REGIONS and word not in protocol_words()


def joined(place: str) -> list[str]:
    """A place's folded name and its parts of several words run together, as people type
    them in a handle, a hashtag or a file name ("northgateelementary",
    "NorthgateElementary"), the way a person's name is found run together."""
    words = place.split()
    if len(words) < 2:
        return []
    runs = [words, *(said.split() for said in parts(place) if " " in said)]
    return [re.sub(r"[\-']", "", "".join(run)) for run in runs]
