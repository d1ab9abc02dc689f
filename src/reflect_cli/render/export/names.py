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
replacing. The forms a name takes are ``name_forms``'s; what the matcher knows and
where a term may start, ``known_terms``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import replace

# Text is folded by the one function search folds with too.
from reflect_cli.folding import fold as fold
from reflect_cli.folding import fold_mapped as _fold_mapped

# The facilitator's decisions, once per everyday word for the folder.
from reflect_cli.records.word_choices import WordChoices as Decisions
from reflect_cli.render.export.disguised import Marks, addresses, readings, visible
from reflect_cli.render.export.disguised import marks as disguised_marks
from reflect_cli.render.export.everyday import COMMON_WORDS
from reflect_cli.render.export.in_word import through_apostrophes
from reflect_cli.render.export.inflected import PARTICLES, takes_particles
from reflect_cli.render.export.known_terms import PLURAL_POSSESSIVE, Terms
from reflect_cli.render.export.name_forms import (
    ENDING_LETTERS,
    HISSING,
    name_terms,
    words,
)
from reflect_cli.render.export.name_forms import letters as _letters
from reflect_cli.render.export.patterns import (
    as_matched,
    loose_key,
    original,
    term_key,
    with_marks,
)
from reflect_cli.render.export.run_together import apart
from reflect_cli.render.export.spelled_inside import Inside, looked_for
from reflect_cli.render.export.terms import Folded, Found, Term, merged
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


#: "the" straight before a word: "the Kims" is a family (``_scan``).
_THE = re.compile(r"(?<![^\W\d_])the[ \t]+\Z")
#: The letters of a name whose plural is read as its family's only after "the".
FAMILY_PLURAL_LETTERS = 3


class Matcher(Terms):
    """Every known term, found on word boundaries in folded text, and weighed."""

    def find(
        self, text: str, folded: Folded | None = None, marks: Marks | None = None
    ) -> Iterator[Found]:
        """Every place in ``text`` where a known term names someone (or, ``undecided``,
        may: an everyday word the text cannot tell). ``folded`` and ``marks``: the text
        already folded (``fold_mapped``) and its ``disguised.marks``, when another
        matcher looks at it too."""
        if not self.terms or not text:
            return
        found = list(self._scan(text, None, folded))
        if "@" in text:  # an address holding a name is the person's as a whole
            for held in addresses(text, self.terms):
                found = [f for f in found if f.end <= held.start or f.start >= held.end]
                found.append(Found(held.start, held.end, held.owners, held.line, held.term))
            found.sort(key=lambda f: f.start)
        # Read again as a reader would: "*Mon*ica", "M o n i c a" (``disguised``).
        marks = marks or disguised_marks(text)
        extras = list(readings(text, self._scan, marks, self._inside_run, self._inside_tag))
        # An apostrophe inside a name ("Rami'rez"): only where the word without it is a
        # known name's (``in_word``); nearly every text has one ("don't").
        extras += through_apostrophes(text, marks.apostrophes, self._scan, self.parted)
        # A word run together with a capital inside ("#TeamBeckwith", ``run_together``):
        # an everyday word there is a word unless decided a name ("PowerPoint", "#TeamHope").
        extras += [
            extra
            for extra in apart(text, self._scan_apart, self._holds, marks.joined)
            if not (extra.undecided and self.terms[extra.term].common)
        ]
        if marks.invisible:  # "#Team\u200bHaugen": read without what shows nothing too
            shown, where = visible(text)
            extras += [
                replace(extra, start=where[extra.start], end=where[extra.end - 1] + 1)
                for extra in apart(shown, self._scan_apart, self._holds)
                if not (extra.undecided and self.terms[extra.term].common)
            ]
        # Each kept where it overlaps nothing found, or holds all it overlaps.
        yield from merged(found, extras) if extras else found

    def _inside_run(self, word: str, where: list[int] | None) -> Iterator[Found]:
        """Names written anywhere inside ``word``, a run spelled apart read as one
        ("amonica": ``spelled_inside``); ``where`` maps its characters to the text's."""
        if self._inside is None:
            words = self.decisions.words
            names = self.decisions.names
            self._inside = Inside(
                t for t, term in self.terms.items() if looked_for(term, words, names=names)
            )
        yield from self._found_inside(self._inside, word, where)

    def _inside_tag(self, word: str, where: list[int] | None) -> Iterator[Found]:
        """Names written anywhere inside ``word``, a hashtag, a handle, a word of an
        address or of capitals (``tagged``): those ``_inside_run`` finds, then names of
        two or three letters ("#teamkim"), which ``tagged`` keeps only beside a word
        such as "team" or "family"."""
        yield from self._inside_run(word, where)
        if self._inside_short is None:
            words, names = self.decisions.words, self.decisions.names
            self._inside_short = Inside(
                (t for t, term in self.terms.items() if looked_for(term, words, 2, names)),
                least=2,
                most=3,
            )
        yield from self._found_inside(self._inside_short, word, where)

    def _found_inside(self, inside: Inside, word: str, where: list[int] | None) -> Iterator[Found]:
        """What ``inside`` finds in ``word``, mapped to the text (``where``)."""
        folded, origin = _fold_mapped(word)
        for start, end, key in inside.find(as_matched(folded)):
            start, end = original(word, origin, start, end)
            if where is not None:
                start, end = where[start], where[end - 1] + 1
            yield Found(start, end, frozenset(self.terms[key].owners), 0, key)

    def _holds(self, before: str, text: str) -> bool:
        """Whether ``text`` may hold a known term, or one that starts in ``before`` (the
        words before it) and ends in it: a quick look before a closer reading."""
        held = self._held.get(text)
        if held is None:  # a folder's texts say the same few run-together words often
            held = self._held[text] = next(self._matches(fold(text)), None) is not None
        if held or not before or as_matched(fold(text.split(" ", 1)[0])) not in self.later_words():
            return held  # (a term ends in it only where a later word of one starts it)
        reach = len(folded := fold(before))
        return any(match.end() > reach for match in self._matches(folded + fold(text)))

    def _scan_apart(self, text: str, where: list[int] | None) -> Iterator[Found]:
        """Matches in words run together read apart (``run_together``)."""
        return self._scan(text, where, run_together=True)

    def _scan(
        self,
        text: str,
        where: list[int] | None,
        given: Folded | None = None,
        run_together: bool = False,
    ) -> Iterator[Found]:
        """Matches in ``text``; ``where`` maps its characters to the caller's text;
        ``run_together``: ``text`` is words run together read apart."""
        folded, origin = given or _fold_mapped(text)
        # Lines counted as the matches go (in order), not from the start for each.
        line, counted = 0, 0
        for match in self._matches(folded):
            groups = match.groupdict()
            body = groups.get("t") or groups.get("u") or ""  # the term, without its ending
            ending = groups.get("e") or ""
            # As the term is kept, mostly; else words apart by other spaces or a hyphen,
            # or by markup or glue ("school+075").
            term = (
                self.terms.get(body)
                or self.terms.get(term_key(body))
                or self.terms[self.loose_term(loose_key(body))]
            )
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
            if ending not in ("", "s", PLURAL_POSSESSIVE) and (term.common or not term.family):
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
            # "the Kims", "the Lees", "The Alis' house": a family of a three-letter name,
            # capitalised after "the" (not "this", "Yes", "10 mins": none of those).
            short = short and not (
                ending in ("s", PLURAL_POSSESSIVE)
                and _letters(term.text) == FAMILY_PLURAL_LETTERS
                and not term.common
                and text[start].isupper()
                and _THE.search(folded, max(0, match.start() - 8), match.start()) is not None
            )
            if ending and (short or fold(body + ending) in COMMON_WORDS):
                continue  # "this" is not Thị's, "Yes" not Ye's, "Wells" not Well's
            weighed = Verdict.NAME
            if term.common and ending and not (decided or asked):
                continue  # "hopes", "Parks", "powers": an everyday word's plural is a word
            if term.common or (everyday_phrase(term.text) and not text[start].isupper()):
                weighed = verdict(
                    text[start], folded, match, term, self.decisions, self.parts_of, run_together
                )
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
            start, end = with_marks(text, start, end)
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
