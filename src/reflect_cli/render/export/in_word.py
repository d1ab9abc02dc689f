"""Marks a reader looks through inside a word: Markdown emphasis ("*Mon*ica",
"**Hau**gen", a highlight "==Mon==ica", an insertion "++Hau++gen") and joiners between
two letters (a hyphen or dash from hyphenation "Hau-gen", a spacing accent typed beside
its letter "Rami\u00b4rez", a middle dot "Marcel\u00b7la"). A line holding one is read
again without them (``disguised``), and a word hyphenated at the end of a line is read
whole with its rest on the next ("Hau-\ngen", text from a PDF): found there, the name is
replaced on both lines."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any, TypeVar

from reflect_cli.render.export.patterns import with_marks
from reflect_cli.render.export.shapes import JOINERS

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

#: A joiner that ends a line after a letter, a letter starting the next (spaces around
#: it): a word hyphenated across the line break ("Hau-\ngen").
BROKEN = re.compile(rf"[{JOINERS}](?<=[^\W\d_][{JOINERS}])[ \t]*\r?\n[ \t]*[^\W\d_]")


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
