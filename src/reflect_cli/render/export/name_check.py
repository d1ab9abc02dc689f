"""Where a document names someone or somewhere the sessions folder knows.

The redactor's own matchers (``Redactor.known_in``) read each line, so a document is
checked exactly as a redacted export is: the same people and places, the same forms of
a name, the folder's decisions on everyday words. An everyday word the text cannot tell
from a name, that nobody has decided about, is named too: the check never passes it
silently.

A redacted export prints the words of reflect's own protocols as they were written
(titles, prompts, help, choice labels, the source: "Best Starts for Kids" when someone
is called Best; ``own_text``), the data package's own descriptions of its tables, and
says what it redacted: a name found inside a phrase of those words (the term with the
two words before or after it, or one on each side) is theirs, not a person's, unless
the phrase's other words are that person's name too: a protocol that quotes someone
("in conversation with Monica Haugen") never lets "monica.haugen" pass.
Anything else people wrote is checked in full.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import pairwise
from pathlib import Path

from reflect_cli.errors import ReflectError
from reflect_cli.folding import fold
from reflect_cli.i18n.messages import _
from reflect_cli.model import Protocol
from reflect_cli.render.export.documents import Document
from reflect_cli.render.export.names import Found
from reflect_cli.render.export.redact import Known, Redactor
from reflect_cli.render.export.shapes import BREAKS


class NamesFound(ReflectError):
    """A checked document names someone the folder knows: exit status 2, as the
    evaluator's check promises ("exits 2 naming every place"); a document that could not
    be read is 2 as well, told apart by its line on standard error."""


@dataclass(frozen=True)
class Spot:
    """One place in a document: the line and the words found there."""

    path: Path
    line: int
    text: str
    what: str
    #: The field it sits in when not on a line (a PDF's "PDF Author").
    field: str = ""

    #: The member of a zip file it is in (shown safely), else "".
    member: str = ""

    @property
    def place(self) -> str:
        """``12`` (the line), ``PDF Author`` (the field), ``word/document.xml:3`` (a
        line of a zip file's member)."""
        where = self.field or str(self.line)
        return f"{self.member}:{where}" if self.member else where


def fixed_words(protocols: Iterable[Protocol], statement: str) -> str:
    """The protocols' own words and the redaction statement, folded, one phrase a line."""
    texts = [statement]
    for protocol in protocols:
        texts += [protocol.title, protocol.summary, protocol.source]
        texts += [f"{step.title}\n{step.text}" for step in protocol.intro]
        for domain in protocol.domains:
            texts += [domain.title, domain.help]
            for question in domain.questions:
                texts += [question.prompt, question.help]
                texts += [f"{c.label}\n{c.help}" for c in question.choices]
                texts += list(question.scale.labels.values()) if question.scale else []
                texts += [band.label for band in question.bands]
    texts += _package_texts()
    return "\n".join(" ".join(_words(text)) for text in texts if text)


def _package_texts() -> list[str]:
    """The data package's own words: every table's and column's description."""
    from reflect_cli.render.tables import schema

    texts = []
    for table in schema.TABLES:
        texts += [table.description, *(column.description for column in table.columns)]
    return texts


def _words(text: str) -> list[str]:
    return re.findall(r"\w+(?:['’]\w+)*", fold(text))


#: Characters read first either side of a term for the two words beside it; more when
#: they hold fewer than three (the farthest may be cut), never the whole line: a line of
#: thousands of names would be read once for each of them.
_AROUND = 64


def _before(line: str, start: int) -> list[str]:
    """The last words before ``start`` (at least the last two whole ones)."""
    span = _AROUND
    while True:
        words = _words(line[max(0, start - span) : start])
        if len(words) > 2 or span >= start:
            return words
        span *= 2


def _after(line: str, end: int) -> list[str]:
    """The first words from ``end`` (at least the first two whole ones)."""
    span = _AROUND
    while True:
        words = _words(line[end : end + span])
        if len(words) > 2 or end + span >= len(line):
            return words
        span *= 2


def _theirs(line: str, start: int, end: int, fixed: str, name: frozenset[str]) -> bool:
    """Whether the term at ``line[start:end]`` sits in a phrase of the fixed words whose
    other words are not ``name`` (the words of the person's name it may be)."""
    before, term, after = _before(line, start), _words(line[start:end]), _after(line, end)
    if not term:
        return False
    # Each phrase whole: two words before, two after, or one on each side. A term at a
    # line's edge has no phrase on that side ("Tea with Monica" is not "with Monica" of
    # "in conversation with Monica Haugen", nor "Haugen of the PTA" "Haugen of").
    phrases: list[tuple[list[str], list[str]]] = []
    if len(before) >= 2:
        phrases.append((before[-2:], []))
    if len(after) >= 2:
        phrases.append(([], after[:2]))
    if before and after:
        phrases.append((before[-1:], after[:1]))
    return any(
        not name.intersection(words_before + words_after)
        and f" {' '.join([*words_before, *term, *words_after])} " in f" {fixed} "
        for words_before, words_after in phrases
    )


def _name_words(redactor: Redactor, found: Found) -> frozenset[str]:
    """The words of every name the term found may be part of."""
    parts = redactor.names.parts_of
    return frozenset(word for owner in found.owners for word in parts.get(owner, ()))


def spots(document: Document, redactor: Redactor, fixed: str = "") -> Iterator[Spot]:
    """Every known name, handle, collaborative and site in the document, line by line,
    and in each word broken across two lines by a joiner ("Hau-" then "gen", read as a
    reader reads it: whole); ``fixed``: the protocols' own words (``fixed_words``)."""
    fixed = fixed.replace("\n", " \n ")
    # Each line read once: its finds serve its own places and the words broken at its end.
    on_line = [list(redactor.known_in(line)) for line in document.lines]
    broken: dict[int, list[Spot]] = {}
    for spanning in _broken(document, redactor, fixed, on_line):
        broken.setdefault(spanning.line, []).append(spanning)
    places = [(number, "", line) for number, line in enumerate(document.lines, start=1)]
    places += [(0, field, value) for field, value in document.fields]
    for number, field, line in places:
        finds = on_line[number - 1] if not field else list(redactor.known_in(line))
        for found, kind in finds:
            spot = _spot(document, redactor, fixed, line, found, kind, number, field)
            if spot is not None:
                yield spot
        if not field:  # a word broken at this line's end, in the line's order
            yield from broken.get(number, [])


#: A line that ends with a joiner after a letter, and one that starts with a letter:
#: a word hyphenated across them (``in_word.BROKEN`` reads the pair whole).
_ENDS_BROKEN = re.compile(rf"[^\W\d_][{BREAKS}]+[ \t]*\r?\Z")
_STARTS_WORD = re.compile(r"[ \t]*[^\W\d_]")
_QUOTED = re.compile(r"\A[ \t]*(?:>[ \t]*)+")


def _broken(
    document: Document,
    redactor: Redactor,
    fixed: str,
    on_line: list[list[tuple[Found, Known]]],
) -> Iterator[Spot]:
    """What is found only where two lines are read together, in a word broken across
    them ("Hau-", "gen"): named at the first line, as the word whole; ``on_line``: what
    each line holds read alone."""
    lines = document.lines
    for number, (line, following) in enumerate(pairwise(lines), start=1):
        # A quotation's marks start the next line too ("> Hau-", "> gen"): read past them.
        after = _QUOTED.sub("", following, count=1)
        if not _ENDS_BROKEN.search(line) or not _STARTS_WORD.match(after):
            continue
        alone = {(f.start, f.end) for f, _kind in on_line[number - 1]}
        for found, kind in redactor.known_in(f"{line}\n{after}"):
            if found.line != 0 or (found.start, found.end) in alone:
                continue  # on the next line, or found in this one alone already
            rest = re.match(r"[ \t]*(\S*)", after)
            spot = _spot(document, redactor, fixed, line, found, kind, number, "")
            if spot is not None:
                yield replace(spot, text=spot.text + (rest[1] if rest else ""))


def _spot(
    document: Document,
    redactor: Redactor,
    fixed: str,
    line: str,
    found: Found,
    kind: Known,
    number: int,
    field: str,
) -> Spot | None:
    """The place of one term found on ``line``; None where it is the protocols' own."""
    # A person's full name is never the protocol's, whatever words stand by it; nor is
    # a part of one beside another part of the same name ("monica.haugen").
    whole = kind is Known.PERSON and " " in found.term
    name = _name_words(redactor, found)
    if fixed and not whole and _theirs(line, found.start, found.end, fixed, name):
        return None
    # as a person reads it: "Grace   Kim" and "Hope\xa0Martinez" with one space
    text = " ".join(line[found.start : found.end].split())
    if kind is Known.PLACE:
        what = _("a collaborative or site")
    elif kind is Known.UNDECIDED:
        key, typed = redactor.names.to_decide(found.term)
        word = typed if fold(text) != key else text  # "지민" of "지민에게"
        what = _(
            "an everyday word that is also part of a name here: decide once with "
            "`reflect export --redact --name {word}` or `--word {word}`"
        ).format(word=word)
    else:
        what = _("a person (shown redacted as {label})").format(label=redactor.label(found.owners))
    return Spot(document.path, number, text, what, field, document.member)
