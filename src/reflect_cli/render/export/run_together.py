"""Words run together with a capital inside, read apart: a name in a hashtag or compound.

"#TeamBeckwith", "BeckwithFund", "ShanaFest": a capital inside a word starts another
word, after a lower-case letter or, after capitals, before a lower-case one
("TEAMBeckwith"). Each line holding such a word is read again with its words apart, and
a known name found as a whole piece of one stands for the whole run-together word: the
word is replaced by the label, so no piece of it ("Fest") is left to tell whose it was.
A digit parts words already ("Beckwith2026"), but not where the name ends with it: "School
075School 0755" runs the site School 075 into the next word, which starts, as after
capitals, at a capital before a lower-case letter (a digit or a letter alone after the
number is another place's: "School 0755", "School 075A"). (In lower case, "School
075school", nothing here tells where the next word starts: the pattern reads it as run
into the number, ``patterns.RUN_ON``.)
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import replace
from functools import lru_cache

from reflect_cli.render.export.shapes import CASED, JOINED, ranges
from reflect_cli.render.export.terms import Found

#: Scans a text for terms; the second argument maps its characters to the caller's.
Scan = Callable[[str, list[int] | None], Iterator[Found]]


@lru_cache(maxsize=1)
def _inside() -> re.Pattern[str]:
    """A capital inside a word that starts another word (after a lower-case letter, or
    after a capital or a digit before a lower-case letter: made once, from the lower-case
    and capital letters of ``CASED``). ``shapes.JOINED`` finds the same in a shape."""
    letters = [chr(code) for first, last in CASED for code in range(first, last)]
    lower = ranges([c for c in letters if c.islower()])
    upper = ranges([c for c in letters if c.isupper() or c.istitle()])
    # Written to start at the capital, which few characters are: a text is passed over
    # from one capital to the next, not tried at every lower-case letter.
    after = f"(?<=[{lower}][{upper}])|(?<=[{upper}\\d][{upper}])(?=[{lower}])"
    return re.compile(f"[{upper}](?:{after})")


#: How much of the line either side of a run-together word is read with it: what tells
#: a name from a word is beside it ("Hope Diaz", a sentence's start; ``verdicts``).
AROUND = 40


#: Each run-together word of a text (its start and end) and where a word starts in it.
Joined = dict[tuple[int, int], list[int]]


def joined(text: str, shape: bytes | None = None) -> Joined:
    """The words of ``text`` run together with a capital inside: looked for once per
    text, for every matcher that reads it; ``shape``: the text's ``shapes.shape``, read
    in its place when there is one (faster)."""
    words: Joined = {}
    word = (-1, -1)
    found = JOINED.finditer(shape) if shape is not None else _inside().finditer(text)
    for match in found:
        if not word[0] <= match.start() < word[1]:  # each word found once, not once a
            word = _word(text, match.start(), match.end())  # capital: "TeamTeam…"
        words.setdefault(word, []).append(match.start())
    return words


def apart(
    text: str, scan: Scan, holds: Callable[[str, str], bool], words: Joined | None = None
) -> Iterator[Found]:
    """What ``scan`` finds in each run-together word read apart (with the line around
    it), each spanning the whole run-together word; ``holds``: whether a word read apart
    ("Team Beckwith") may hold a known term, or one that starts in the words before it
    (given first), at all (most do not: read no further);
    ``words``: the text's ``joined`` words, when another matcher has looked for them."""
    spans: list[tuple[int, int, list[int]]] = []  # read from, to; where words start
    if words is None:
        words = joined(text)
    for (start, end), cuts in words.items():
        first = max(text.rfind("\n", 0, start) + 1, _space_before(text, start - AROUND))
        # With the words before it: a name may end in it ("School 075" of "School
        # 075School").
        if not holds(text[first:start], " ".join(_pieces(text, start, end, cuts))):
            continue
        last = text.find("\n", end)
        last = min(len(text) if last < 0 else last, _space_after(text, end + AROUND))
        if spans and first < spans[-1][1]:  # the same stretch of the line: read once
            spans[-1] = (spans[-1][0], max(last, spans[-1][1]), [*spans[-1][2], *cuts])
        else:
            spans.append((first, last, cuts))
    for first, last, cuts in spans:
        where: list[int] = []
        for start, end in zip([first, *cuts], [*cuts, last], strict=True):
            where.extend(range(start, end))
            if end < last:
                where.append(end)  # the space read there stands where the word starts
        number = text.count("\n", 0, first)
        starts = set(cuts)
        for found in scan(" ".join(_pieces(text, first, last, cuts)), where):
            # Only a piece the reading made (it starts or ends where a capital starts a
            # word): "monica2" and "李雷说好" are found as they are, not here.
            if found.start in starts or found.end in starts:
                start, end = _word(text, found.start, found.end)
                yield replace(found, start=start, end=end, line=number)


def pieces(word: str) -> list[str]:
    """A word cut where a capital inside it starts another ("DeShawn": "De", "Shawn")."""
    cuts = [match.start() for match in _inside().finditer(word)]
    return _pieces(word, 0, len(word), cuts)


def _pieces(text: str, start: int, end: int, cuts: list[int]) -> list[str]:
    """``text[start:end]`` cut where its words start."""
    return [text[a:b] for a, b in zip([start, *cuts], [*cuts, end], strict=True)]


def _space_before(text: str, at: int) -> int:
    """Where the word at ``at`` starts (reading never starts inside a word)."""
    if at <= 0:
        return 0
    space = max(text.rfind(" ", 0, at), text.rfind("\t", 0, at))
    return space + 1


def _space_after(text: str, at: int) -> int:
    """Where the word at ``at`` ends."""
    found = [i for i in (text.find(" ", at), text.find("\t", at)) if i >= 0]
    return min(found, default=len(text))


#: Letters and digits, and the combining marks of the scripts with capitals.
_IN_WORD = re.compile(r"(?:[^\W_]|[\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff])*")


def _word(text: str, start: int, end: int) -> tuple[int, int]:
    """The whole word around ``start:end``: letters, marks and digits either side."""
    while start > 0 and _in_word(text[start - 1]):
        start -= 1
    found = _IN_WORD.match(text, end)
    return start, found.end() if found else end


def _in_word(char: str) -> bool:
    return char.isalnum() or unicodedata.category(char)[0] == "M"
