"""Finding people's names in text, however they were typed: the matching behind --redact.

Text is compared in a folded form: Unicode compatibility forms, case, accents and
apostrophe variants all fold away, so "Zoë" typed decomposed, "ZOE", "O’Neil" with a curly
apostrophe and "Yilmaz" for "Yılmaz" are all found. Invisible characters (format
characters such as a soft hyphen or a zero-width space, control characters, variation
selectors) fold to nothing, so "Mon\\u00adica" is "monica"; connector punctuation ("_")
folds to a space, a word boundary, so "monica_haugen" is "monica haugen". Markdown
emphasis inside a word is looked through as well ("*Mon*ica"). A name is found with a
plural or possessive ending typed without an apostrophe ("The Haugens", "Monicas plan"),
run into an initial ("mhaugen@parks.org"), and in scripts written without spaces
("李雷说好。") without any word boundary. Matches are mapped back to the original
characters for replacing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Any

# Text is folded by the one function search folds with too.
from reflect_cli.folding import fold as fold
from reflect_cli.folding import fold_char as _fold_char
from reflect_cli.folding import fold_mapped as _fold_mapped

# The facilitator's decisions, once per everyday word for the folder.
from reflect_cli.records.word_choices import WordChoices as Decisions
from reflect_cli.render.export.everyday import (
    COMMON_WORDS,
    CONTRACTION,
    SPEAKER_AFTER,
    a_month,
    sentence_start,
)
from reflect_cli.render.export.unspaced import inside_han, unspaced, with_honorifics

__all__ = ["COMMON_WORDS", "Decisions", "Found", "Matcher", "fold", "name_terms", "words"]

#: An e-mail address: when its local part holds any part of a name, the whole address
#: is that person ("grace.kim@school.org").
_ADDRESS = re.compile(r"[\w.+'%\-]+@[^\W_](?:[\w\-]*\.)+[^\W\d_]{2,}")
#: Markdown emphasis and strike-through marks inside a word: looked through.
_IN_WORD = re.compile(r"[^\W_][*_~]+[^\W_]")


def words(name: str) -> list[str]:
    """A name's folded words: split on spaces and hyphens."""
    return [w for w in re.split(r"[\s\-]+", fold(name)) if w]


def _letters(word: str) -> int:
    return sum(1 for c in word if c.isalpha())


def name_terms(name: str) -> tuple[set[str], set[str]]:
    """The folded forms a name can be written in: (whole forms, single parts).

    Whole forms: the full name, without apostrophes, a family name that starts with a
    particle ("de la Cruz"), parts run together, and an initial run into another part
    ("mhaugen", "monicah"). Parts: every word of three letters or more, a two-letter
    first or last part written with a capital ("Wu", "Li", "Ng"), a name of two or more
    characters in a script without spaces, and the pieces of a word around an
    apostrophe ("O'Neil": "neil")."""
    typed = [w for w in re.split(r"[\s\-]+", name) if fold(w)]
    parts = [fold(w) for w in typed]
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
    # An initial run into another part, as in addresses: "mhaugen@", "monicah".
    # (Not with an everyday word, "s" + "park"; "park" + "s" is its plural.)
    for i, first in enumerate(parts):
        for j, other in enumerate(parts):
            if i == j or not first[:1].isalpha() or _letters(other) <= 2 or unspaced(other):
                continue
            if other not in COMMON_WORDS:
                runs += [first[0] + other] + ([other + first[0]] if first[0] != "s" else [])
    whole.update(run for joined in runs for run in (joined, joined.replace("'", "")))
    for part in parts:
        single.update(inside_han(part))
        whole.update(with_honorifics(part))
    for number, part in enumerate(parts):
        for piece in {part, part.replace("'", ""), *part.split("'")}:
            if _letters(piece) > 2 or (unspaced(piece) and _letters(piece) >= 2):
                single.add(piece)
        # "Wu", "Li", "Ng": a family name of two letters, first or last, capitalised
        # (a lower-case "de" or "la" is a particle).
        edge = number in (0, len(parts) - 1) and len(parts) > 1
        if edge and _letters(part) == 2 and part.isalpha() and typed[number][:1].isupper():
            single.add(part)
    return {w for w in whole if _letters(w) > 2 or unspaced(w)} - single, single


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
    #: An everyday word the text cannot tell from a name, and nobody has decided.
    undecided: bool = False


class _Verdict(Enum):
    NAME = "name"
    WORD = "word"
    UNDECIDED = "undecided"


def _alternative(term: str) -> str:
    """One term in the pattern. A digit before a short one (a two-letter handle) is part
    of the word, "1st" is not the handle "st" (but "mh2" is "mh"); and so is a digit next
    to a term's own digit: "mh23" is not "mh2"."""
    body = r"[\s\-]+".join(re.escape(w) for w in term.split())
    before = r"(?<!\d)" if _letters(term) <= 2 or term[0].isdigit() else ""
    after = r"(?!\d)" if term[-1].isdigit() else ""
    return before + body + after


def _tree(terms: list[str]) -> list[str]:
    """The terms as one pattern factored by their common prefixes (none when no terms):
    "monica|monika|mona" is "mon(?:ica|ika|a)". A term that ends where a longer one goes
    on is optional at that point, longest first, as an alternation sorted by length is."""
    root: dict[str, dict[str, Any]] = {}
    for term in terms:
        node = root
        for char in term:
            node = node.setdefault(char, {})
        node[""] = {}
    return [_branches(root)] if terms else []


def _branches(node: dict[str, Any]) -> str:
    parts = [
        (r"[\s\-]+" if char == " " else re.escape(char)) + _branches(child)
        for char, child in node.items()
        if char
    ]
    if not parts:
        return ""
    body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
    if "" in node:
        return (f"(?:{body})" if len(parts) == 1 else body) + "?"
    return body


class Matcher:
    """Every known term, found on word boundaries in folded text."""

    def __init__(self, decisions: Decisions | None = None) -> None:
        self.terms: dict[str, Term] = {}
        # Which words belong to whom, to tell "May Chen" (a name) from "in May" (a month).
        self.parts_of: dict[int, set[str]] = {}
        self.decisions = decisions or Decisions()
        self._pattern: re.Pattern[str] | None = None

    def add(self, text: str, owner: int, common_ok: bool = False) -> None:
        """Know ``text`` (already folded) as naming ``owner``."""
        text = " ".join(text.split())
        if not text:
            return
        term = self.terms.setdefault(text, Term(text))
        term.owners.add(owner)
        # A word the facilitator decided about is weighed like an everyday word.
        decided = text in self.decisions.names or text in self.decisions.words
        term.common = term.common or ((text in COMMON_WORDS or decided) and not common_ok)
        self.parts_of.setdefault(owner, set()).update(text.split())
        self._pattern = None

    def _compiled(self) -> re.Pattern[str] | None:
        if self._pattern is None and self.terms:
            ordered = sorted(self.terms, key=len, reverse=True)
            # Terms with a digit or of two letters carry their own look-arounds; the rest
            # share one prefix tree (a few branches per position, not one per term).
            special = [t for t in ordered if _letters(t) <= 2 or t[0].isdigit() or t[-1].isdigit()]
            plain = [t for t in ordered if t not in set(special) and not unspaced(t)]
            spaced = "|".join(
                [*(_alternative(t) for t in special if not unspaced(t)), *_tree(plain)]
            )
            apart = "|".join(re.escape(t) for t in ordered if unspaced(t))
            # A digit is a boundary too ("monica2"): the look-arounds only refuse a letter
            # next to the term, and prune the search to where a word starts. An "s" typed
            # after a name is its plural or possessive ("Haugens", "Monicas").
            branches = [rf"(?<![^\W\d])(?P<t>{spaced})(?:s)?(?![^\W\d])"] if spaced else []
            branches += [f"(?P<u>{apart})"] if apart else []
            self._pattern = re.compile("|".join(branches))
        return self._pattern

    def find(self, text: str) -> Iterator[Found]:
        """Every place in ``text`` where a known term names someone (or, ``undecided``,
        may: an everyday word the text cannot tell)."""
        if self._compiled() is None or not text:
            return
        found = list(self._scan(text, None))
        if "@" in text:
            found = self._addresses(text, found)
        if _IN_WORD.search(text):  # "*Mon*ica", "**Hau**gen": emphasis looked through
            taken = [(f.start, f.end) for f in found]
            for extra in self._through_emphasis(text):
                if all(extra.end <= start or extra.start >= end for start, end in taken):
                    found.append(extra)
            found.sort(key=lambda f: f.start)
        yield from found

    def _addresses(self, text: str, found: list[Found]) -> list[Found]:
        """An address whose local part holds any part of a known name, an everyday word
        too ("grace.kim@", "grace@"), is that person's as a whole: found from its first
        character to its last, in place of what was found inside it."""
        for address in _ADDRESS.finditer(text):
            local = fold(address[0].split("@")[0])
            pieces = [local, *re.split(r"[^\w]+|\d+|_", local)]
            terms = [self.terms[p] for p in pieces if p in self.terms]
            if not terms:
                continue
            start, end = address.span()
            found = [f for f in found if f.end <= start or f.start >= end]
            owners = frozenset(o for term in terms for o in term.owners)
            line = text.count("\n", 0, start)
            found.append(Found(start, end, owners, line, terms[0].text))
        return sorted(found, key=lambda f: f.start)

    def _through_emphasis(self, text: str) -> Iterator[Found]:
        """Matches in each line that has an emphasis mark inside a word, read without
        the marks (only those lines: a document's own emphasis is between words)."""
        for line in re.finditer(r"[^\n]+", text):
            if not _IN_WORD.search(line[0]):
                continue
            kept = [line.start() + i for i, c in enumerate(line[0]) if c not in "*_~"]
            number = text.count("\n", 0, line.start())
            for found in self._scan("".join(text[i] for i in kept), kept):
                yield replace(found, line=number)

    def _scan(self, text: str, where: list[int] | None) -> Iterator[Found]:
        """Matches in ``text``; ``where`` maps its characters to the caller's text."""
        pattern = self._compiled()
        assert pattern is not None
        folded, origin = _fold_mapped(text)
        for match in pattern.finditer(folded):
            body = match.group(match.lastgroup or 0)  # the term, without an "s" after it
            term = self.terms[" ".join(re.split(r"[\s\-]+", body))]
            start, end = match.span()
            if origin is not None:
                start, end = origin[start], origin[end - 1] + 1
                while end < len(text) and _fold_char(text[end]) == "":
                    end += 1  # a combining mark typed after the last letter
            verdict = _Verdict.NAME
            if term.common and len(body) < len(match.group(0)):
                continue  # "hopes", "Parks", "powers": an everyday word's plural is a word
            if term.common:
                verdict = self._verdict(text[start], folded, match, term)
                if verdict is _Verdict.WORD:
                    continue
            line = folded.count("\n", 0, match.start())
            if where is not None:
                start, end = where[start], where[end - 1] + 1
            undecided = verdict is _Verdict.UNDECIDED
            yield Found(start, end, frozenset(term.owners), line, term.text, undecided)

    def _verdict(self, first: str, folded: str, match: re.Match[str], term: Term) -> _Verdict:
        """An everyday word found: a name, a word, or what only the facilitator can say."""
        start, end = match.span()
        if CONTRACTION.match(folded, end):  # "don't", "Will've"
            return _Verdict.WORD
        if SPEAKER_AFTER.match(folded, end) and sentence_start(folded, start):
            return _Verdict.NAME  # "… grace: we agreed": a speaker prefix is the person
        if self._plainly_a_name(first, folded, match, term):
            return _Verdict.NAME
        lower = not first.isupper()
        if lower and (term.text in self.decisions.names or not sentence_start(folded, start)):
            return _Verdict.WORD  # "racial justice", "shared power"
        if a_month(term.text, folded, start, end) or term.text in self.decisions.words:
            return _Verdict.WORD
        if term.text in self.decisions.names:
            return _Verdict.NAME
        return _Verdict.UNDECIDED

    def _plainly_a_name(self, first: str, folded: str, match: re.Match[str], term: Term) -> bool:
        """A name part that is also a word counts next to another part of the same person's
        name: capitalised ("May Chen", "Chen, May"), or in any case with a comma between
        ("kim, grace was late")."""
        start, end = match.span()
        before = re.search(r"(\w[\w']*)([\s\-,]+)$", folded[max(0, start - 80) : start])
        after = re.match(r"([\s\-,]+)(\w[\w']*)", folded[end : end + 80])
        pairs = [(m[1], m[2]) for m in (before,) if m] + [(m[2], m[1]) for m in (after,) if m]
        neighbours = {word for word, between in pairs if first.isupper() or "," in between}
        return any(neighbours & self.parts_of.get(owner, set()) for owner in term.owners)
