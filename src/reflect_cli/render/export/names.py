"""Finding people's names in text, however they were typed: the matching behind --redact.

Text is compared in a folded form: Unicode compatibility forms, case, accents and
apostrophe variants all fold away, so "Zoë" typed decomposed, "ZOE", "O’Neil" with a curly
apostrophe and "Yilmaz" for "Yılmaz" are all found. Invisible characters (format
characters such as a soft hyphen or a zero-width space, control characters, variation
selectors) fold to nothing, so "Mon\\u00adica" is "monica"; connector punctuation ("_")
folds to a space, a word boundary, so "monica_haugen" is "monica haugen". Markdown
emphasis inside a word is looked through as well ("*Mon*ica"), and so are letters
spelled apart ("M o n i c a", "H-a-u-g-e-n"; ``disguised``), and words run together
with a capital inside ("#TeamBeckwith"; ``run_together``). A name is found with a
plural or possessive ending typed without an apostrophe ("The Haugens", "Monicas plan"),
a family name with another language's ending ("Haugenová", "Haugenin";
``name_forms.ENDINGS``), run into an initial ("mhaugen@parks.org"), in an address's
domain ("someone@haugen.net"), and in scripts written without spaces ("李雷说好。")
without any word boundary. Matches are mapped back to the original characters for
replacing. The forms a name takes are ``name_forms``'s.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

# Text is folded by the one function search folds with too.
from reflect_cli.folding import fold as fold
from reflect_cli.folding import fold_mapped as _fold_mapped

# The facilitator's decisions, once per everyday word for the folder.
from reflect_cli.records.word_choices import WordChoices as Decisions
from reflect_cli.render.export.disguised import Marks, addresses, readings
from reflect_cli.render.export.everyday import COMMON_WORDS
from reflect_cli.render.export.inflected import PARTICLES, takes_particles
from reflect_cli.render.export.name_forms import (
    ENDING_LETTERS,
    ENDINGS,
    FAMILY_LETTERS,
    HISSING,
    name_terms,
    words,
)
from reflect_cli.render.export.name_forms import letters as _letters
from reflect_cli.render.export.patterns import alternative, original, term_key, tree
from reflect_cli.render.export.run_together import apart
from reflect_cli.render.export.terms import Folded, Found, Term
from reflect_cli.render.export.unspaced import unspaced
from reflect_cli.render.export.verdicts import (
    Verdict,
    capital_inside,
    decided_plural,
    everyday_phrase,
    lower_verdict,
    mention,
    verdict,
)

__all__ = ["COMMON_WORDS", "Decisions", "Found", "Matcher", "fold", "name_terms", "words"]

#: "Haugens'": folded text has one apostrophe for all of its variants (’ ʼ ′ …).
_PLURAL_POSSESSIVE = "s'"

#: Characters a matcher reads the plain way before it compiles its fast search.
FAST_AFTER = 500_000


class Matcher:
    """Every known term, found on word boundaries in folded text."""

    def __init__(self, decisions: Decisions | None = None) -> None:
        self.terms: dict[str, Term] = {}
        # Which words belong to whom, to tell "May Chen" (a name) from "in May" (a month).
        self.parts_of: dict[int, set[str]] = {}
        self.decisions = decisions or Decisions()
        self._pattern: re.Pattern[str] | None = None
        #: Where a spaced term may start, found fast (``_matches``), and its source; the
        #: unspaced terms.
        self._starts: re.Pattern[str] | None = None
        self._starts_source = ""
        self._apart: re.Pattern[str] | None = None
        self._apart_source = ""
        #: Characters read so far, and after how many the fast search is worth compiling
        #: (about 10 ms for a folder's names: what it saves on some 600,000 characters).
        self._read = 0
        self.fast_after = FAST_AFTER
        #: Each folded name part as the roster spells it: the word to decide about.
        self.typed: dict[str, str] = {}
        #: Whether a word read apart may hold a term (``_holds``), by the word.
        self._held: dict[str, bool] = {}

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
        """Know ``text`` (already folded) as naming ``owner``; ``family``: a family name,
        found with another language's ending too ("Haugenová"); ``address_only``: found
        only inside an e-mail address; ``part``: one word of a name or a handle;
        ``handle``: the owner's session handle; ``lemma``: the name part ``text`` is a
        form of ("지민에게": "지민"), decided about for it."""
        text = term_key(text)
        if not text:
            return
        known = text in self.terms
        term = self.terms.setdefault(text, Term(text, address_only=address_only))
        term.address_only = term.address_only and (address_only or not known)
        term.owners.add(owner)
        if handle:
            term.handle_of.add(owner)
        term.lemma = term.lemma or lemma
        term.family = term.family or (family and _letters(text) >= FAMILY_LETTERS)
        # A word the facilitator decided about is weighed like an everyday word.
        decided = text in self.decisions.names or text in self.decisions.words
        one_word = " " not in text and text.isalpha() and not unspaced(text)
        term.part = term.part or (part and one_word)
        # (A part the facilitator decided is weighed by ``verdicts.lower_verdict``.)
        weighed = text in COMMON_WORDS or (decided and not term.part)
        term.common = term.common or (weighed and not common_ok)
        self.parts_of.setdefault(owner, set()).update(text.split())
        self._pattern = None
        self._held.clear()

    def _compiled(self) -> re.Pattern[str] | None:
        if self._pattern is None and self.terms:
            ordered = sorted(
                (t for t, term in self.terms.items() if not term.address_only),
                key=len,
                reverse=True,
            )
            # Terms with a digit or of two letters carry their own look-arounds; the rest
            # share one prefix tree (a few branches per position, not one per term).
            special = [t for t in ordered if _letters(t) <= 2 or t[0].isdigit() or t[-1].isdigit()]
            plain = [t for t in ordered if t not in set(special) and not unspaced(t)]
            spaced = "|".join([*(alternative(t) for t in special if not unspaced(t)), *tree(plain)])
            apart = "|".join(re.escape(t) for t in ordered if unspaced(t))
            # A digit is a boundary too ("monica2"): the look-arounds only refuse a letter
            # next to the term, and prune the search to where a word starts. An "s" typed
            # after a name is its plural or possessive ("Haugens", "Monicas"), and with the
            # apostrophe after it the plural possessive ("the Haugens' plan") is the name
            # whole, apostrophe and all (the label never leaves it stray); another
            # language's ending is a family name's only ("Haugenová": ``_scan``).
            # Korean particles only where a name in Hangul is known: every other name's
            # match would try them for nothing.
            korean = tree(list(PARTICLES)) if any(map(takes_particles, plain)) else []
            endings = "|".join([_PLURAL_POSSESSIVE, "s", *ENDINGS, *korean])
            term = rf"(?P<t>{spaced})(?P<e>{endings})?(?![^\W\d])"
            branches = [rf"(?<![^\W\d]){term}"] if spaced else []
            branches += [f"(?P<u>{apart})"] if apart else []
            self._pattern = re.compile("|".join(branches) or r"(?!)")  # (?!): none
            # The same spaced terms with the character before them (what the look-behind
            # allows: not a letter) read, not looked back at: a pattern that starts with a
            # character class is searched in C from one such character to the next,
            # instead of being tried at every character (``_matches``).
            self._starts_source = rf"[\W\d]{term}" if spaced else ""
            self._apart_source = apart
            self._starts = self._apart = None
        return self._pattern

    def _matches(self, folded: str) -> Iterator[re.Match[str]]:
        """``_compiled().finditer(folded)``, found faster: each match is the pattern's own
        at a place ``_starts`` finds (one character before the term), so it is the match
        ``finditer`` gives there; a text that holds an unspaced term is read by
        ``finditer`` itself."""
        pattern = self._compiled()
        assert pattern is not None
        self._read += len(folded)
        if self._starts is None and self._starts_source and self._read > self.fast_after:
            self._starts = re.compile(self._starts_source)
            self._apart = re.compile(self._apart_source) if self._apart_source else None
        starts = self._starts
        if starts is None or (self._apart is not None and self._apart.search(folded)):
            yield from pattern.finditer(folded)
            return
        # Without an unspaced term anywhere, every match is a spaced term's: at the very
        # start, or after a character that is not a letter (which may be the last one of
        # the match before: the look-behind looks at it too).
        match = pattern.match(folded)
        end = 0
        if match is not None:
            yield match
            end = match.end()
        while (found := starts.search(folded, max(end - 1, 0))) is not None:
            match = pattern.match(folded, found.start() + 1)
            if match is None:  # cannot happen (the same term there); read on to be sure
                end = found.start() + 2
                continue
            yield match
            end = match.end()

    def find(
        self, text: str, folded: Folded | None = None, marks: Marks | None = None
    ) -> Iterator[Found]:
        """Every place in ``text`` where a known term names someone (or, ``undecided``,
        may: an everyday word the text cannot tell). ``folded`` and ``marks``: the text
        already folded (``fold_mapped``) and its ``disguised.marks``, when another
        matcher looks at it too."""
        if self._compiled() is None or not text:
            return
        found = list(self._scan(text, None, folded))
        if "@" in text:  # an address holding a name is the person's as a whole
            for held in addresses(text, self.terms):
                found = [f for f in found if f.end <= held.start or f.start >= held.end]
                found.append(Found(held.start, held.end, held.owners, held.line, held.term))
            found.sort(key=lambda f: f.start)
        # Read again as a reader would: "*Mon*ica", "M o n i c a" (``disguised``).
        extras = list(readings(text, self._scan, marks))
        # A word run together with a capital inside ("#TeamBeckwith", ``run_together``):
        # an everyday word there is a word unless decided a name ("PowerPoint", "#TeamHope").
        extras += [
            extra
            for extra in apart(text, self._scan, self._holds)
            if not (extra.undecided and self.terms[extra.term].common)
        ]
        for extra in extras:
            # Kept where it overlaps nothing found, or holds all it overlaps: "Mօnica
            # Hաugen" read with ա as "a" is the whole name, not "Mօnica" alone.
            overlaps = [f for f in found if f.start < extra.end and extra.start < f.end]
            if all(extra.start <= f.start and f.end <= extra.end for f in overlaps):
                found = [f for f in found if f not in overlaps] + [extra]
        if extras:
            found.sort(key=lambda f: f.start)
        yield from found

    def _holds(self, text: str) -> bool:
        """Whether ``text`` may hold a known term: a quick look before a closer reading."""
        held = self._held.get(text)
        if held is None:  # a folder's texts say the same few run-together words often
            pattern = self._compiled()
            held = self._held[text] = pattern is not None and pattern.search(fold(text)) is not None
        return held

    def _scan(
        self, text: str, where: list[int] | None, given: Folded | None = None
    ) -> Iterator[Found]:
        """Matches in ``text``; ``where`` maps its characters to the caller's text."""
        pattern = self._compiled()
        assert pattern is not None
        folded, origin = given or _fold_mapped(text)
        # Lines counted as the matches go (in order), not from the start for each.
        line, counted = 0, 0
        for match in self._matches(folded):
            groups = match.groupdict()
            body = groups.get("t") or groups.get("u") or ""  # the term, without its ending
            ending = groups.get("e") or ""
            # As the term is kept, mostly; else words apart by other spaces or a hyphen.
            term = self.terms.get(body) or self.terms[term_key(body)]
            if ending in PARTICLES:  # "지민에게": a particle follows a name in Hangul only
                if not takes_particles(term.text):
                    continue
                ending = ""  # the name, as the text writes it there
            # "@grace": the handle's owner, whatever the word is.
            if not ending and mention(folded, match.start(), term):
                start, end = match.start() - 1, match.end()
                line += folded.count("\n", counted, match.start())
                counted = match.start()
                yield self._found(text, origin, where, start, end, line, term)
                continue
            if ending not in ("", "s", _PLURAL_POSSESSIVE) and (term.common or not term.family):
                continue  # only a family name takes one: "Parkin" is not Park's
            start, end = original(text, origin, *match.span())
            if ending == "es" and term.text.endswith(HISSING) and not text[start].isupper():
                continue  # "glasses", "branches": words; "the Glasses", "the Joneses"
            # An everyday word's "s": the name's where the facilitator decided so, asked
            # about where the text cannot tell, else a word ("hopes").
            decided = (
                bool(ending) and term.common and decided_plural(term, body + ending, self.decisions)
            )
            asked = bool(ending) and term.common and not decided
            asked = asked and capital_inside(text[start], folded, match, body + ending)
            short = _letters(term.text) < ENDING_LETTERS and not (decided or asked)
            if ending and (short or fold(body + ending) in COMMON_WORDS):
                continue  # "this" is not Thị's, "Yes" not Ye's, "Wells" not Well's
            weighed = Verdict.NAME
            if term.common and ending and not (decided or asked):
                continue  # "hopes", "Parks", "powers": an everyday word's plural is a word
            if term.common or (everyday_phrase(term.text) and not text[start].isupper()):
                weighed = verdict(text[start], folded, match, term, self.decisions, self.parts_of)
                if weighed is Verdict.WORD:
                    continue
            elif term.part and not text[start].isupper():
                # Not capitalised (lower case, or a script without capitals: Hangul,
                # Arabic, Hebrew…): the text cannot tell, the facilitator decides once.
                weighed = lower_verdict(folded, match, term, self.decisions, self.parts_of)
                if weighed is Verdict.WORD:
                    continue
            line += folded.count("\n", counted, match.start())
            counted = match.start()
            if where is not None:
                start, end = where[start], where[end - 1] + 1
            undecided = weighed is Verdict.UNDECIDED
            yield Found(start, end, frozenset(term.owners), line, term.text, undecided)

    @staticmethod
    def _found(
        text: str,
        origin: list[int] | None,
        where: list[int] | None,
        start: int,
        end: int,
        line: int,
        term: Term,
    ) -> Found:
        """A handle written with "@" found at ``start:end`` of the folded text: the "@"
        and the handle, its owners'."""
        start, end = original(text, origin, start, end)
        if where is not None:
            start, end = where[start], where[end - 1] + 1
        return Found(start, end, frozenset(term.handle_of), line, term.text)

    def to_decide(self, found: str) -> tuple[str, str]:
        """The word to decide about where the term ``found`` is undecided, folded and as
        the roster spells it: a form's name part ("لفاطمة": "فاطمة"), the name the text
        put an ending or particle on ("지민에게", "monicas": "지민", "Monica")."""
        term = self.terms.get(found)
        key = (term.lemma if term is not None else "") or found
        return key, self.typed.get(key) or unicodedata.normalize("NFC", key)
