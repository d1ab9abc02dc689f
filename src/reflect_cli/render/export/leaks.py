"""The scan behind the check after rendering: known terms left in a redacted document.

The document is read a block of lines at a time, each block folded once for every
matcher (people, places). The same export rendered with nothing people said (the
template's and the protocol's own words) is needed only to excuse what the document
holds, so it is made only when the document holds a known term at all.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace

from reflect_cli.folding import fold_mapped
from reflect_cli.render.export.disguised import marks
from reflect_cli.render.export.names import Found, Matcher

#: Lines read at a time: a whole export at once would hold several copies of it (folded,
#: and a map of every character) in memory.
_BLOCK = 500


def excess(
    matchers: Sequence[Matcher], plain: str, static: str | Callable[[], str]
) -> list[Found | None]:
    """For each matcher, the first term it finds in ``plain`` beyond the number of times
    ``static`` (or what the function gives) holds it; None when there is none."""
    found = found_in(matchers, plain)
    if not any(found):
        return [None for _ in matchers]  # nothing to excuse: no need for the static text
    bare = static() if callable(static) else static
    allowed = [Counter(f.term for f in each) for each in found_in(matchers, bare)]
    return [_first_beyond(each, counts) for each, counts in zip(found, allowed, strict=True)]


def _first_beyond(found: list[Found], allowed: Counter[str]) -> Found | None:
    for each in found:
        if allowed[each.term] > 0:
            allowed[each.term] -= 1
        else:
            return each
    return None


def found_in(matchers: Sequence[Matcher], text: str) -> list[list[Found]]:
    """Everything each matcher finds in ``text``, with line numbers of the whole text."""
    found: list[list[Found]] = [[] for _ in matchers]
    for first, block in _blocks(text):
        folded, found_marks = fold_mapped(block), marks(block)  # once for every matcher
        for each, matcher in zip(found, matchers, strict=True):
            matches = matcher.find(block, folded, found_marks)
            each.extend(replace(f, line=f.line + first) for f in matches)
    return found


def _blocks(text: str) -> Iterator[tuple[int, str]]:
    """``text`` a block of lines at a time, with the number of its first line. (A term
    never spans blocks: each part of a name is a term itself.)"""
    lines = text.split("\n")
    for first in range(0, len(lines), _BLOCK):
        yield first, "\n".join(lines[first : first + _BLOCK])
