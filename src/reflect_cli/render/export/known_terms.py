"""What the name matcher knows, and where in text a known term is written.

Every form of every name and place the matcher is told of (``add``, ``add_forms``) is
a ``Term``; a term is found where its first word is written (``starts``, an
Aho-Corasick automaton shared by people and places) by the pattern of the terms that
start there (``patterns.source``): ``_matches`` gives what the pattern of every term
(``pattern``) finds, fast. ``names.Matcher`` weighs each match and reads text the other
ways a reader would.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from reflect_cli.records.word_choices import WordChoices as Decisions
from reflect_cli.render.export.everyday import COMMON_WORDS
from reflect_cli.render.export.in_word import parts
from reflect_cli.render.export.inflected import PARTICLES, takes_particles
from reflect_cli.render.export.name_forms import ENDINGS, FAMILY_LETTERS, Forms
from reflect_cli.render.export.name_forms import letters as _letters
from reflect_cli.render.export.patterns import (
    as_matched,
    in_tree,
    loose_key,
    source,
    term_key,
    tree,
)
from reflect_cli.render.export.spelled_inside import Inside
from reflect_cli.render.export.starts import Shared, Starts, first_word
from reflect_cli.render.export.terms import Term
from reflect_cli.render.export.unspaced import unspaced

#: Words with an apostrophe inside remembered (``Terms.parted``): a folder's few
#: thousand, not an attacker's million.
_REMEMBERED = 65536

#: "Haugens'": folded text has one apostrophe for all of its variants (’ ʼ ′ …).
PLURAL_POSSESSIVE = "s'"


@lru_cache(maxsize=65536)
def _shape(text: str) -> tuple[str, bool, bool]:
    """A folded term as the matcher keeps it (as text is read: "mh٢" is found as
    "mh2"), whether it is one word of letters, and whether it is an everyday word:
    worked out once per term (people who share a name share its terms)."""
    key = term_key(as_matched(text))
    one_word = " " not in key and key.isalpha() and not unspaced(key)
    return key, one_word, key in COMMON_WORDS


class Terms:
    """Every known term, and where in folded text one may start (the search under
    ``names.Matcher``)."""

    def __init__(self, decisions: Decisions | None = None, shared: Shared | None = None) -> None:
        self.terms: dict[str, Term] = {}
        # Which words belong to whom, to tell "May Chen" (a name) from "in May" (a month).
        self.parts_of: dict[int, set[str]] = {}
        self.decisions = decisions or Decisions()
        #: Where a term may start (``starts``), made when the terms are first looked
        #: for; the endings a term may take; each term's place in the pattern of every
        #: term; the terms by their first word; the patterns of a few of them.
        self._starts: Starts | None = None
        self._endings = ""
        self._order: dict[str, int] = {}
        self._by_first: dict[str, list[str]] = {}
        #: The words of the terms after their first; the terms by their ``loose_key``:
        #: what a match read through markup or glue is.
        self._later: set[str] | None = None
        #: The words of the terms that are not everyday words and their starts
        #: (``_name_words``), and by each word with an apostrophe inside, where a
        #: name's pieces are (``parted``).
        self._words: tuple[frozenset[str], frozenset[str]] | None = None
        self._parted: dict[str, tuple[int, ...]] = {}
        self._loose: dict[str, str] | None = None
        self._patterns: dict[frozenset[str], re.Pattern[str]] = {}
        #: Where first words start, read once for this matcher and the others that read
        #: the same texts (``starts.Shared``), or for this one alone.
        self._shared = shared
        if shared is not None:
            shared.join(self._ready)
        #: Each folded name part as the roster spells it: the word to decide about.
        self.typed: dict[str, str] = {}
        #: Whether a word read apart may hold a term (``_holds``), by the word.
        self._held: dict[str, bool] = {}
        #: The names found anywhere inside a run spelled apart (``spelled_inside``),
        #: made when a run is first read.
        self._inside: Inside | None = None
        #: Names of two or three letters, looked for at a hashtag's edge only beside a
        #: word such as "team" or "family" (``tagged``): made when first needed.
        self._inside_short: Inside | None = None

    def add(
        self,
        text: str,
        owner: int,
        common_ok: bool = False,
        family: bool = False,
        address_only: bool = False,
        part: bool = False,
        handle: bool = False,
        lemma: str = "",
    ) -> None:
        """Know ``text`` (already folded) as naming ``owner``; ``common_ok``: never
        weighed as an everyday word, whatever was decided (a place; a Korean full name,
        ``name_forms.full_names``); ``family``: a family name, found with another
        language's ending too ("Haugenová"); ``address_only``: found only inside an
        e-mail address; ``part``: one word of a name or a handle;
        ``handle``: the owner's session handle; ``lemma``: the name part ``text`` is a
        form of ("지민에게": "지민"), decided about for it."""
        self._know(text, owner, common_ok, family, address_only, part, handle, lemma)
        self._forget()

    def add_forms(self, forms: Forms, owner: int) -> None:
        """Know every form of a roster name (``name_forms.name_forms``) as naming
        ``owner``: as ``add`` of each, in one go (a folder's thousands of forms)."""
        know = self._know
        for form in forms.terms:
            know(
                form.term,
                owner,
                form.never_word,  # a whole name no --word decision keeps ("김지민")
                form.family,
                form.address_only,
                form.part,
                False,
                form.lemma,
            )
        self._forget()

    def _know(
        self,
        text: str,
        owner: int,
        common_ok: bool,
        family: bool,
        address_only: bool,
        part: bool,
        handle: bool,
        lemma: str,
    ) -> None:
        """``add`` of one term, without forgetting what was found with the terms before."""
        text, one_word, everyday = _shape(text)
        if not text:
            return
        term = self.terms.get(text)
        if term is None:
            term = self.terms[text] = Term(text, address_only=address_only)
        else:
            term.address_only = term.address_only and address_only
        term.owners.add(owner)
        if handle:
            term.handle_of.add(owner)
        term.lemma = term.lemma or lemma
        term.family = term.family or (family and _letters(text) >= FAMILY_LETTERS)
        term.part = term.part or (part and one_word)
        # A whole form the facilitator said is a word (--word) is weighed as an everyday
        # word is; one they said is a name (--name) is not: in lower case an everyday
        # word is a word, and "monicahaugen", "mhaugen" or "王小明" would be kept. (A part
        # decided about is weighed by ``verdicts.lower_verdict``; a form known as a part
        # later, the handle "mhaugen" after the same run of Monica Haugen's name, is
        # weighed as a part.)
        term.everyday = term.everyday or (everyday and not common_ok)
        said_word = text in self.decisions.words and not term.part
        term.common = term.everyday or (said_word and not common_ok)
        self.parts_of.setdefault(owner, set()).update(text.split())

    def _forget(self) -> None:
        """What was found with the terms known before: made again when next looked for."""
        self._inside, self._loose, self._later = None, None, None
        self._words = None
        self._parted.clear()
        self._inside_short = None
        if self._starts is not None:
            self._starts = None
            self._patterns.clear()
            self._held.clear()
            if self._shared is not None:
                self._shared.forget()

    def _ready(self) -> Starts:
        """Where the terms may start (built once the terms are all known), the endings
        a term may take and the terms by their first word, longest first."""
        if self._starts is None:
            ordered = sorted(
                (t for t, term in self.terms.items() if not term.address_only),
                key=len,
                reverse=True,
            )
            # An "s" typed after a name is its plural or possessive ("Haugens",
            # "Monicas"), and with the apostrophe after it the plural possessive ("the
            # Haugens' plan") is the name whole, apostrophe and all (the label never
            # leaves it stray); another language's ending is a family name's only
            # ("Haugenová": ``_scan``). Korean particles only where a name in Hangul is
            # known: every other name's match would try them for nothing.
            hangul = any(takes_particles(t) for t in ordered if in_tree(t))
            korean = tree(list(PARTICLES)) if hangul else []
            self._endings = "|".join([PLURAL_POSSESSIVE, "s", *ENDINGS, *korean])
            self._order = {term: place for place, term in enumerate(ordered)}
            self._by_first, self._loose, self._later = {}, None, None
            for term in ordered:
                self._by_first.setdefault(first_word(term), []).append(term)
            self._starts = Starts(ordered)
        return self._starts

    def later_words(self) -> set[str]:
        """The words of the terms after their first (where a term ends inside a word
        run together: "School 075School"), worked out when first needed."""
        if self._later is None:
            self._ready()
            self._later = {word for term in self._order for word in term.split()[1:]}
        return self._later

    def parted(self, word: str) -> tuple[int, ...]:
        """Where in ``word`` apostrophes part a known name's word (``in_word.parts``):
        worked out once per word (a folder's texts say "don't" and "it's" often)."""
        found = self._parted.get(word)
        if found is None:
            if len(self._parted) >= _REMEMBERED:
                self._parted.clear()
            found = self._parted[word] = parts(word, *self._name_words())
        return found

    def _name_words(self) -> tuple[frozenset[str], frozenset[str]]:
        """The words of the terms that are not everyday words ("we'll" is not Well's),
        and every start of one (a word's pieces are joined only while they start one)."""
        if self._words is None:
            self._ready()
            every = {word for term in self._order for word in term.split()} - COMMON_WORDS
            starts = {word[:end] for word in every for end in range(1, len(word) + 1)}
            self._words = (frozenset(every), frozenset(starts))
        return self._words

    def loose_term(self, key: str) -> str:
        """The term whose ``loose_key`` is ``key``, longest first (what a match read
        through markup or glue is), worked out when first needed: few texts have one."""
        if self._loose is None:
            self._ready()
            self._loose = {}
            for term in self._order:
                self._loose.setdefault(loose_key(term), term)
        return self._loose[key]

    def _pattern_at(self, firsts: frozenset[str]) -> re.Pattern[str]:
        """The pattern of the terms that start with one of ``firsts``, in the order the
        pattern of every term has them (``pattern``): made once per set of words."""
        pattern = self._patterns.get(firsts)
        if pattern is None:
            terms = [t for word in firsts for t in self._by_first[word]]
            if len(firsts) > 1:
                terms.sort(key=self._order.__getitem__)
            pattern = self._patterns[firsts] = re.compile(source(terms, self._endings))
        return pattern

    def pattern(self) -> re.Pattern[str]:
        """The pattern of every term: what ``_matches`` finds in folded text is what
        its ``finditer`` finds in ``as_matched`` of it (the reference the fast search is
        tested against)."""
        self._ready()
        return re.compile(source(list(self._order), self._endings))

    def _matches(self, folded: str) -> Iterator[re.Match[str]]:
        """``pattern().finditer(folded)``, found fast: a match starts where a term's
        first word is written (``starts``), and there the pattern of the terms that
        start with it finds what the pattern of every term finds."""
        end = 0
        folded = as_matched(folded)
        starts = self._ready()
        mine, shared = starts.words, self._shared is not None
        found = self._shared.where(folded) if self._shared is not None else starts.where(folded)
        for start, firsts in found:
            if start < end:
                continue  # inside the match before, as ``finditer`` goes on after it
            if shared and not firsts <= mine:
                firsts = firsts & mine  # another matcher's words start here too
                if not firsts:
                    continue
            match = self._pattern_at(firsts).match(folded, start)
            if match is not None:
                yield match
                end = match.end()
