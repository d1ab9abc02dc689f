"""Whether an everyday word or a lower-case name part found in text is a name here.

"Grace" is a name and a word, "lan" or "ed" a name part and a word: the matcher
(``names``) finds the term, and these rules weigh it by the text around it (a speaker
prefix, another part of the same person's name beside it, a sentence's start, a place
word, a month) and by what the facilitator decided once for the folder (``--name`` /
``--word``). What neither can tell is ``Verdict.UNDECIDED``: never replaced silently.
"""

from __future__ import annotations

import re
from enum import Enum

# The facilitator's decisions, once per everyday word for the folder.
from reflect_cli.records.word_choices import WordChoices as Decisions
from reflect_cli.render.export.everyday import (
    COMMON_WORDS,
    CONTRACTION,
    PLACE_KINDS,
    SPEAKER_AFTER,
    a_month,
    next_to_place_word,
    sentence_start,
)
from reflect_cli.render.export.terms import Term

#: Which words of a name belong to whom (``Matcher.parts_of``).
Parts = dict[int, set[str]]


#: A title straight before a word (its dot and spaces after it): the word is a name.
_TITLE = re.compile(
    r"(?<![^\W\d_])(?:mr|mrs|ms|mx|dr|prof|coach|miss|sir|sr|sra|srta|mme|mlle|herr|frau)"
    r"\.?[ \t]+\Z"
)


class Verdict(Enum):
    NAME = "name"
    WORD = "word"
    UNDECIDED = "undecided"


def verdict(
    first: str,
    folded: str,
    match: re.Match[str],
    term: Term,
    decisions: Decisions,
    parts_of: Parts,
    run_together: bool = False,
) -> Verdict:
    """An everyday word found: a name, a word, or what only the facilitator can say;
    ``run_together``: found as a piece of a word run together ("#TeamHope")."""
    start, end = match.span()
    if CONTRACTION.match(folded, end):  # "don't", "Will've"
        return Verdict.WORD
    if _digit_beside(folded, start, end):
        return Verdict.NAME  # "hope2": a handle, not a word (as "monica2" is)
    if _TITLE.search(folded, max(0, start - 12), start):
        return Verdict.NAME  # "Mr. Brown", "Coach Hope": a title is said before a name
    if SPEAKER_AFTER.match(folded, end) and sentence_start(folded, start):
        return Verdict.NAME  # "… grace: we agreed": a speaker prefix is the person
    if plainly_a_name(first, folded, match, term, parts_of):
        return Verdict.NAME
    decided = term.text in decisions.names
    month = a_month(term.text, folded, start, end)  # "in May": the month, decided or not
    capital = first.isupper() and not month and term.text not in PLACE_KINDS
    if decided and (run_together or capital):
        # Decided a name, the word is hers wherever it is written as one: run together
        # ("#TeamHope", "hopeRocks", as "#TeamBeckwith" is Beckwith's) or with its
        # capital beside a place word ("Team Hope", "Hope Center": a team or a center
        # named for her, or her; replaced either way, never kept as a place's word).
        # A name that is itself a kind of place ("Parks") stays the place's beside one:
        # "Seattle Parks and Recreation" is an organization, not Rosa Parks.
        return Verdict.NAME
    if next_to_place_word(folded, start, end):
        return Verdict.WORD  # "Seattle Parks", "the Parks department": the place's
    lower = not first.isupper()
    if lower and (decided or not sentence_start(folded, start)):
        return Verdict.WORD  # "racial justice", "shared power"
    if month or term.text in decisions.words:
        return Verdict.WORD
    return Verdict.NAME if decided else Verdict.UNDECIDED


def lower_verdict(
    folded: str, match: re.Match[str], term: Term, decisions: Decisions, parts_of: Parts
) -> Verdict:
    """A name part in lower case ("lan", "skip", "ed"): a name at a sentence's or a
    credit's start, or next to another part of the name with a comma; inside a
    sentence the text cannot tell ("we skip lunch", "driver ed class"), and the
    facilitator decides once (``--name`` / ``--word``)."""
    start, end = match.span()
    if sentence_start(folded, start):
        return Verdict.NAME  # "lan: we agreed", "lan said…" on a line of its own
    if _digit_beside(folded, start, end):
        return Verdict.NAME  # "monica2": a handle, not a word
    if plainly_a_name("", folded, match, term, parts_of):
        return Verdict.NAME
    # A form ("지민에게") follows what was decided about its part ("지민").
    decided = {term.text, term.lemma or term.text}
    if decided & decisions.names:
        return Verdict.NAME
    if decided & decisions.words:
        return Verdict.WORD
    return Verdict.UNDECIDED


def _digit_beside(folded: str, start: int, end: int) -> bool:
    """Whether a digit is stuck to the word at ``start:end`` ("monica2", "2hope")."""
    return folded[end : end + 1].isdigit() or folded[max(0, start - 1) : start].isdigit()


def plainly_a_name(
    first: str, folded: str, match: re.Match[str], term: Term, parts_of: Parts
) -> bool:
    """A name part that is also a word counts next to another part of the same person's
    name: capitalised ("May Chen", "Chen, May"), or in any case with a comma between
    ("kim, grace was late")."""
    start, end = match.span()
    before = re.search(r"(\w[\w']*)([\s\-,]+)$", folded[max(0, start - 80) : start])
    after = re.match(r"([\s\-,]+)(\w[\w']*)", folded[end : end + 80])
    pairs = [(m[1], m[2]) for m in (before,) if m] + [(m[2], m[1]) for m in (after,) if m]
    neighbours = {word for word, between in pairs if first.isupper() or "," in between}
    neighbours -= set(term.text.split())  # "the Office Office": not another part
    return any(neighbours & parts_of.get(owner, set()) for owner in term.owners)


def decided_plural(term: Term, found: str, decisions: Decisions) -> bool:
    """Whether an everyday word with an "s" typed after it is weighed as the name:
    only once the facilitator said the word is a name here (``--name Grace``: then
    "Graces plan" is Grace's, capitalised, as "Grace" is, and "Joys plan" Joy's, short
    as it is), and never a kind of place ("Seattle Parks" with a Park decided a name)."""
    return term.text in decisions.names and found not in PLACE_KINDS


def capital_inside(first: str, folded: str, match: re.Match[str], found: str) -> bool:
    """An everyday word's plural or possessive capitalised inside a sentence ("We liked
    Graces plan"), not a kind of place ("Seattle Parks"): nobody decided, so the text
    cannot tell it from the name's (at a sentence's start, "Hopes are high", a word)."""
    return (
        first.isupper() and not sentence_start(folded, match.start()) and found not in PLACE_KINDS
    )


def mention(folded: str, start: int, term: Term) -> bool:
    """A session handle written straight after an "@" that does not end a word (not an
    e-mail address: "a@hope.org"): "@grace", "(@mh)" is that person, never an everyday
    word to decide about."""
    if not term.handle_of or start < 1 or folded[start - 1] != "@":
        return False
    return start < 2 or not (folded[start - 2].isalnum() or folded[start - 2] in "_.+-'%")


def everyday_phrase(term: str) -> bool:
    """A whole name of everyday words only ("all a", "may young"): in lower case inside
    a sentence it is words, as each of them alone would be."""
    words = term.split()
    return len(words) > 1 and all(w in COMMON_WORDS for w in words)
