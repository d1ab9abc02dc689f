"""Marks a reader looks through inside a word: Markdown emphasis ("*Mon*ica",
"**Hau**gen", a highlight "==Mon==ica", an insertion "++Hau++gen") and joiners between
two letters (a hyphen or dash from hyphenation "Hau-gen", a spacing accent typed beside
its letter "Rami\u00b4rez", a middle dot "Marcel\u00b7la"). A line holding one is read
again without them (``disguised``), and a word hyphenated at the end of a line is read
whole with its rest on the next ("Hau-\ngen", text from a PDF): found there, the name is
replaced on both lines. An apostrophe typed inside a name ("Rami'rez", "Rami\u2019rez")
is looked through too, but only where the word it parts is a known name's without it:
apostrophes are in nearly every text ("don't", "Monica's"), and those lines are not
read again."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Set
from dataclasses import replace
from functools import lru_cache
from itertools import pairwise
from typing import Any, TypeVar

from reflect_cli.folding import fold
from reflect_cli.render.export.everyday import COMMON_WORDS
from reflect_cli.render.export.patterns import as_matched, with_marks
from reflect_cli.render.export.shapes import BREAKS, JOINERS

#: A match found by a scan (``terms.Found``): located by ``start``, ``end``, ``line``.
F = TypeVar("F")
#: Scans ``text`` for terms; the second argument maps its characters to the caller's.
Scan = Callable[[str, list[int] | None], Iterator[F]]

#: Markdown emphasis, strike-through, highlight and insertion marks inside a word
#: (between letters or digits: "*Mon*ica", "==Mon==ica", "++Hau++gen"),
#: and joiners between two letters ("co-op" is read "coop" too; "2026-12-07" is not
#: read again): looked through. (Written to start at the mark, so a text without one is
#: passed over in one quick sweep.)
_EMPHASIS = re.compile(r"[*_~=+]+")
IN_WORD = re.compile(
    rf"[*_~=+{JOINERS}](?:(?<=[^\W_][*_~=+])[*_~=+{JOINERS}]*[^\W_]"
    rf"|(?<=[^\W\d_][{JOINERS}])[*_~=+{JOINERS}]*[^\W\d_])"
)

#: A joiner or a soft hyphen (``BREAKS``) that ends a line after a letter, a letter
#: starting the next (spaces around it): a word hyphenated across the line break
#: ("Hau-\ngen", "Mon\u00ad\nica").
BROKEN = re.compile(rf"[{BREAKS}](?<=[^\W\d_][{BREAKS}])[{BREAKS}]*[ \t]*\r?\n[ \t]*[^\W\d_]")


#: What folding makes an apostrophe, but the spacing accents ``JOINERS`` looks through
#: already ("`", "\u00b4"): "'", "\u2019", "\u2018", "\u02bc", "\u02b9", "\u02bb", "\u2032",
#: "\uff07". One between two letters, found from the apostrophe (a text is passed over
#: from one to the next).
APOSTROPHES = "'\u02b9\u02bb\u02bc\u2018\u2019\u2032\uff07"
_PIECES = re.compile(f"[{APOSTROPHES}]")


@lru_cache(maxsize=64)
def _apostrophe(present: str) -> re.Pattern[str]:
    """An apostrophe of ``present`` (those a text holds: most often "'" alone) after a
    letter, and the rest of its word (letters, and apostrophes between them): the
    word's start is read back from it. Of one apostrophe, the pattern starts with that
    character, which the engine finds fast, as it does no class."""
    one = re.escape(present) if len(present) == 1 else f"[{present}]"
    return re.compile(rf"{one}(?<=[^\W\d_].)[^\W\d_]+(?:[{APOSTROPHES}][^\W\d_]+)*")


#: Each word with an apostrophe inside: where it starts, and the word.
Words = tuple[tuple[int, str], ...]


def apostrophe_words(text: str, others: str) -> Words:
    """The words of ``text`` with an apostrophe inside (after a letter, before one):
    found once per text, for every matcher that reads it; ``others``: its characters
    beyond ASCII, where any other apostrophe would be."""
    present = "'" if "'" in text else ""
    if others:
        present += "".join(mark for mark in APOSTROPHES[1:] if mark in others)
    if not present:
        return ()
    words: list[tuple[int, str]] = []
    for mark in _apostrophe(present).finditer(text):
        start = mark.start() - 1
        while start > 0 and text[start - 1].isalpha():
            start -= 1
        words.append((start, text[start : mark.end()]))
    return tuple(words)


def through_apostrophes(
    text: str, words: Words, scan: Scan[F], parted: Callable[[str], tuple[int, ...]]
) -> Iterator[F]:
    """Matches where an apostrophe inside a word parts a name ("Rami'rez"): each line
    of such a word (of ``words``, the text's ``apostrophe_words``) read again without
    the apostrophes ``parted`` gives for it (``parts``: a matcher's, remembered by the
    word, as "don't" and "it's" come again and again); only the matches over one of
    them (the rest of the line was read as it is)."""
    dropped = [start + at for start, word in words for at in parted(word)]
    if dropped:
        yield from _without(text, dropped, scan)


def parts(word: str, words: Set[str], starts: Set[str]) -> tuple[int, ...]:
    """Where in ``word`` apostrophes are between pieces that join into one of ``words``
    (folded: "Rami'rez" is "ramirez"; any stretch of its pieces, "Ra'mi'rez",
    "Rami'rez's", joined only while they are one of ``starts``, the words' starts: a
    word of a thousand pieces is not read in square time); not where the stretch as
    typed is one too ("O'Neil's": found as it is), nor the ending of a contraction or a
    possessive (``_contracted``)."""
    cuts = [m.start() for m in _PIECES.finditer(word)]
    bounds = [-1, *cuts, len(word)]
    pieces = [word[a + 1 : b] for a, b in pairwise(bounds)]
    read: dict[int, str] = {}  # each piece folded, once it is needed

    def folded(at: int) -> str:
        if at not in read:
            read[at] = as_matched(fold(pieces[at]))
        return read[at]

    dropped: set[int] = set()
    for first in range(len(pieces) - 1):
        joined = folded(first)
        if joined not in starts:
            continue  # ("don't": "don" starts no name's word here)
        for last in range(first + 1, len(pieces)):
            joined += folded(last)
            if joined not in starts:
                break
            if joined not in words or _contracted(pieces[last - 1], pieces[last]):
                continue
            if as_matched(fold(word[bounds[first] + 1 : bounds[last + 1]])) not in words:
                dropped.update(cuts[first:last])
    return tuple(sorted(dropped))


#: What follows the apostrophe of an English contraction or possessive ("don't", "it's",
#: "we'll", "I'm", "they're", "I've", "she'd").
_CONTRACTED = frozenset({"s", "t", "d", "m", "ll", "re", "ve"})


def _contracted(before: str, after: str) -> bool:
    """Whether ``before`` and ``after`` an apostrophe are a contraction or a possessive,
    a word's own: such an ending after a word of one or two letters or an everyday word
    ("we'll" is not a Well's, "I'm" not an Im's, "park's" not a Parks'); after another
    it may part a name ("Davi'd", "Reye's")."""
    if after.lower() not in _CONTRACTED:
        return False
    return len(before) < _STEM_LETTERS or fold(before) in COMMON_WORDS


#: Letters before a contraction's ending that may be a piece of a name.
_STEM_LETTERS = 3


def _without(text: str, dropped: list[int], scan: Scan[F]) -> Iterator[F]:
    """What ``scan`` finds in each line holding one of ``dropped`` (apostrophes' places)
    read without them: only the matches over one of them."""
    by_line: dict[int, list[int]] = {}
    for at in dropped:
        by_line.setdefault(text.rfind("\n", 0, at) + 1, []).append(at)
    for first, marks in by_line.items():
        last = text.find("\n", first)
        last = len(text) if last < 0 else last
        skipped = set(marks)
        kept = [i for i in range(first, last) if i not in skipped]
        number = text.count("\n", 0, first)
        for each in scan("".join(text[i] for i in kept), kept):
            start, end = each.start, each.end  # type: ignore[attr-defined]
            if any(start < at < end for at in marks):
                changed: Any = replace(each, line=number)  # type: ignore[type-var]
                yield changed


def through_marks(text: str, scan: Scan[F]) -> Iterator[F]:
    """Matches in each line that has an emphasis mark or a joiner inside a word, read
    without them (only those lines: a document's own emphasis is between words), each
    with the marks that open and close it."""
    number, counted = 0, 0  # lines counted as they go, not from the start for each
    for base, line, inside in _lines_inside(text):
        # Every emphasis mark of the line (a document's own, between words, too: "**Mü**
        # ller"), and the joiners inside a word only ("Hau-gen", not " - " between words):
        # dropped a run at a time (a line is thousands of characters, the runs a few).
        runs = inside
        if "*" in line or "_" in line or "~" in line or "=" in line or "+" in line:
            runs = sorted([*inside, *(m.span() for m in _EMPHASIS.finditer(line))])
        kept: list[int] = []
        read: list[str] = []
        at = base
        for start, end in [*runs, (len(line), len(line))]:
            if base + start > at:
                kept.extend(range(at, base + start))
                read.append(text[at : base + start])
            at = max(at, base + end)
        number, counted = number + text.count("\n", counted, base), base
        for each in scan("".join(read), kept):
            # With the marks that open and close it: none left open ("**Mü**ller").
            start, end = with_marks(text, each.start, each.end)  # type: ignore[attr-defined]
            changed: Any = replace(each, start=start, end=end, line=number)  # type: ignore[type-var]
            yield changed
    if "\n" in text:
        yield from _across_lines(text, scan)


def _lines_inside(text: str) -> Iterator[tuple[int, str, list[tuple[int, int]]]]:
    """Each line of ``text`` that has a mark inside a word (``IN_WORD``): where it
    starts, the line, and each mark's run in it (its first and last character). Found
    in one search of the whole text (a match never spans lines, and a line's first
    character has the line break before it as it has the text's start), not one a line."""
    base, line = -1, ""
    inside: list[tuple[int, int]] = []
    for match in IN_WORD.finditer(text):
        if base < 0 or match.start() > base + len(line):  # on a line after the last
            if inside:
                yield base, line, inside
            base = text.rfind("\n", 0, match.start()) + 1
            end = text.find("\n", match.end())
            line, inside = text[base : len(text) if end < 0 else end], []
        inside.append((match.start() - base, match.end() - 1 - base))
    if inside:
        yield base, line, inside


def _across_lines(text: str, scan: Scan[F]) -> Iterator[F]:
    """What ``scan`` finds across each line break inside a hyphenated word, read with the
    two lines run together: in two pieces, each on its own line (a label on each, the
    lines kept apart), the first with its hyphen."""
    number, counted = 0, 0
    for broken in BROKEN.finditer(text):
        first = text.rfind("\n", 0, broken.start()) + 1
        rest = broken.end() - 1  # the next line's first letter
        last = text.find("\n", rest)
        last = len(text) if last < 0 else last
        kept = [*range(first, broken.start()), *range(rest, last)]
        number, counted = number + text.count("\n", counted, first), first
        for each in scan(text[first : broken.start()] + text[rest:last], kept):
            start, end = each.start, each.end  # type: ignore[attr-defined]
            if start < broken.start() and end > rest:
                before: Any = replace(each, end=broken.start() + 1, line=number)  # type: ignore[type-var]
                after: Any = replace(each, start=rest, line=number + 1)  # type: ignore[type-var]
                yield before
                yield after
