"""Finding people's names in text, however they were typed: the matching behind --redact.

Text is compared in a folded form: Unicode compatibility forms, case, accents and
apostrophe variants all fold away, so "Zoë" typed decomposed, "ZOE", "O’Neil" with a curly
apostrophe and "Yilmaz" for "Yılmaz" are all found. Invisible characters (format
characters such as a soft hyphen or a zero-width space, control characters, variation
selectors) fold to nothing, so "Mon\\u00adica" is "monica"; connector punctuation ("_")
folds to a space, a word boundary, so "monica_haugen" is "monica haugen". Matches are on
word boundaries of the folded text and are mapped back to the original characters for
replacing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

# Text is folded by the one function search folds with too.
from reflect_cli.folding import fold as fold
from reflect_cli.folding import fold_char as _fold_char
from reflect_cli.folding import fold_mapped as _fold_mapped

#: Name parts that are also everyday words: replaced only when they are plainly a name
#: (capitalised next to another part of the same name, or as a speaker prefix), so that
#: "In May we met" survives; short words too, for handles such as "so" or "al". The one
#: list; add to it here.
COMMON_WORDS = frozenset(
    """
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday
    hope will rose grace june joy faith mark bill pat sue dawn summer autumn amber
    april ray rich frank grant chase hunter mason park young brown green white black gray
    grey king hall long little hill wood woods ford lane page price love art sky river
    bishop cook miller baker carter parker fisher gill may iris ivy holly lily daisy
    a an as at be by do go he if in is it me my no of on or so to up us we am and are but
    can for had has her him his its not now our out say see she the too two was who why
    yes you all any day did get got how let may new off old one own put ran saw set sit
    """.split()  # noqa: SIM905 (a word list reads best as words)
)


def words(name: str) -> list[str]:
    """A name's folded words: split on spaces and hyphens."""
    return [w for w in re.split(r"[\s\-]+", fold(name)) if w]


def _letters(word: str) -> int:
    return sum(1 for c in word if c.isalpha())


def name_terms(name: str) -> tuple[set[str], set[str]]:
    """The folded forms a name can be written in: (whole forms, single parts).

    Whole forms: the full name, without apostrophes, and a family name that starts with a
    particle ("de la Cruz"). Parts: every word longer than two letters, and the pieces of
    a word around an apostrophe ("O'Neil": "neil")."""
    parts = words(name)
    whole: set[str] = set()
    single: set[str] = set()
    if not parts:
        return whole, single
    whole.add(" ".join(parts))
    whole.add(" ".join(parts).replace("'", ""))
    for index in range(1, len(parts) - 1):
        if _letters(parts[index]) <= 3 and parts[index].isalpha():  # de, la, van, von, da
            whole.add(" ".join(parts[index:]))
    # Parts run together, as people type them and as reflect makes handles:
    # "MonicaHaugen", "monicahaugen", "anamaria", "haugenmonica".
    runs = ["".join(parts[i:j]) for i in range(len(parts)) for j in range(i + 2, len(parts) + 1)]
    runs += [parts[-1] + parts[0]] if len(parts) > 1 else []
    whole.update(run for joined in runs for run in (joined, joined.replace("'", "")))
    for part in parts:
        for piece in {part, part.replace("'", ""), *part.split("'")}:
            if _letters(piece) > 2:
                single.add(piece)
    return {w for w in whole if _letters(w) > 2} - single, single


@dataclass
class Term:
    """A folded form of a name, a handle or a place, and whom it may name."""

    text: str
    owners: set[int] = field(default_factory=set)
    common: bool = False


@dataclass(frozen=True)
class Found:
    """A term found in text: the original characters ``start:end`` and whose it may be."""

    start: int
    end: int
    owners: frozenset[int]
    line: int
    #: The folded term found: occurrences are counted per term.
    term: str = ""


def _alternative(term: str) -> str:
    """One term in the pattern. A digit before a short one (a two-letter handle) is part
    of the word, "1st" is not the handle "st" (but "mh2" is "mh"); and so is a digit next
    to a term's own digit: "mh23" is not "mh2"."""
    body = r"[\s\-]+".join(re.escape(w) for w in term.split())
    before = r"(?<!\d)" if _letters(term) <= 2 or term[0].isdigit() else ""
    after = r"(?!\d)" if term[-1].isdigit() else ""
    return before + body + after


class Matcher:
    """Every known term, found on word boundaries in folded text."""

    def __init__(self) -> None:
        self.terms: dict[str, Term] = {}
        # Which words belong to whom, to tell "May Chen" (a name) from "in May" (a month).
        self.parts_of: dict[int, set[str]] = {}
        self._pattern: re.Pattern[str] | None = None

    def add(self, text: str, owner: int, common_ok: bool = False) -> None:
        """Know ``text`` (already folded) as naming ``owner``."""
        text = " ".join(text.split())
        if not text:
            return
        term = self.terms.setdefault(text, Term(text))
        term.owners.add(owner)
        term.common = term.common or (text in COMMON_WORDS and not common_ok)
        self.parts_of.setdefault(owner, set()).update(text.split())
        self._pattern = None

    def _compiled(self) -> re.Pattern[str] | None:
        if self._pattern is None and self.terms:
            ordered = sorted(self.terms, key=len, reverse=True)
            alternatives = "|".join(_alternative(t) for t in ordered)
            # A digit is a boundary too ("monica2"): the outer look-arounds only refuse a
            # letter next to the term, and prune the search to where a word starts.
            self._pattern = re.compile(rf"(?<![^\W\d])(?:{alternatives})(?![^\W\d])")
        return self._pattern

    def find(self, text: str) -> Iterator[Found]:
        """Every place in ``text`` where a known term names someone."""
        pattern = self._compiled()
        if pattern is None or not text:
            return
        folded, origin = _fold_mapped(text)
        for match in pattern.finditer(folded):
            term = self.terms[" ".join(re.split(r"[\s\-]+", match.group(0)))]
            start, end = match.span()
            if origin is not None:
                start, end = origin[start], origin[end - 1] + 1
                while end < len(text) and _fold_char(text[end]) == "":
                    end += 1  # a combining mark typed after the last letter
            if term.common and not self._plainly_a_name(text[start], folded, match, term):
                continue
            line = folded.count("\n", 0, match.start())
            yield Found(start, end, frozenset(term.owners), line, term.text)

    def _plainly_a_name(self, first: str, folded: str, match: re.Match[str], term: Term) -> bool:
        """A name part that is also a word counts only capitalised next to another part of
        the same person's name ("May Chen", "Chen, May")."""
        if not first.isupper():
            return False
        start, end = match.span()
        before = re.search(r"(\w[\w']*)[\s\-,]+$", folded[max(0, start - 80) : start])
        after = re.match(r"[\s\-,]+(\w[\w']*)", folded[end : end + 80])
        neighbours = {m.group(1) for m in (before, after) if m}
        return any(neighbours & self.parts_of.get(owner, set()) for owner in term.owners)
