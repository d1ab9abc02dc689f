"""Text read another way, to find a name written so that it does not look like one.

A name can be hidden by how it is typed around it: Markdown emphasis inside a word
("*Mon*ica", "**Hau**gen") or a joiner (a hyphen from hyphenation "Hau-gen", a spacing
accent "Rami\u00b4rez", a middle dot "Marcel\u00b7la"), letters spelled apart ("M o n
i c a", "H-a-u-g-e-n", "M.o.n.i.c.a"), or an e-mail address that holds it before or after the "@"
("mhaugen@parks.org", "someone@haugen.net"), or a letter that reads as another Latin
letter than the one it folds to ("MONǀCA", "Hաugen"), or a run drawn backwards by a
bidirectional override ("\u202eacinoM\u202c" shows "Monica"), or written in another
encoding (``encoded``: percent escapes in a URL, "https://ex.org/%4Donica-%48augen" and
"M%FCller"; an IDNA label, "xn--mller-kva"; UTF-8 shown as Windows-1252, "JosÃ©").
Each reading here hands a matcher's scan the text as a reader would take it, and maps
what is found back to the original characters.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any, NamedTuple, Protocol

from reflect_cli.folding import DEFAULT_IGNORABLE, beyond_ascii, fold
from reflect_cli.look_alikes import ALTERNATES
from reflect_cli.render.export.encoded import (
    PERCENT,
    F,
    Scan,
    at_line,
    has_idna,
    idna_decoded,
    is_mis_decoded,
    mis_decoded,
    percent_decoded,
)
from reflect_cli.render.export.in_word import (
    BROKEN,
    IN_WORD,
    Words,
    apostrophe_words,
    through_marks,
)
from reflect_cli.render.export.run_together import Joined, joined
from reflect_cli.render.export.shapes import FEW, marked, shape
from reflect_cli.render.export.tagged import names_inside, tagged


class Known(Protocol):
    """A known term, as ``terms.Term`` is: whom it names, and whether it is a word."""

    owners: set[int]
    common: bool


@dataclass(frozen=True)
class Held:
    """An address that holds a known term: its span, and whom it names."""

    start: int
    end: int
    owners: frozenset[int]
    line: int
    term: str


#: An e-mail address: when it holds any part of a name before the "@", an everyday word
#: too, or after it (a domain named for a family), the whole address is that person.
ADDRESS = re.compile(r"[\w.+'%\-]+@[^\W_](?:[\w\-]*\.)+[^\W\d_]{2,}")
#: Every space character (Unicode's Zs: the space, the no-break spaces U+00A0 and U+202F,
#: the ideographic space, the typographic spaces U+2000 to U+200A…): letters spelled apart
#: by any of them are a word spelled out ("M\\u00a0o\\u00a0n\\u00a0i\\u00a0c\\u00a0a").
SPACES = " \u00a0\u1680\u2000-\u200a\u202f\u205f\u2800\u3000"
#: Characters that show nothing (``folding.DEFAULT_IGNORABLE``), as a character class.
_INVISIBLE = "".join(rf"\U{first:08x}-\U{last:08x}" for first, last in DEFAULT_IGNORABLE)
#: What may stand between letters spelled apart: a space or tab, a hyphen or any dash,
#: a dot, an emphasis mark, and beside them a character that shows nothing
#: ("M\\u200b o\\u200b n…"); up to three of them ("M - o - n").
_APART = f"[{SPACES}{_INVISIBLE}\\t.\\-\u2010-\u2015\u2212·*_~]"
_SEPARATOR = re.compile(_APART)
#: Three or more single letters, each apart from the next by a space, a hyphen, a dot
#: or an emphasis mark: a word spelled out ("M o n i c a", "H-a-u-g-e-n", "B - e - c").
SPELLED = re.compile(rf"(?<![^\W\d_])[^\W\d_](?:{_APART}{{1,3}}[^\W\d_](?![^\W\d_])){{2,}}")
#: Whether a text holds a word spelled out at all: found exactly where ``SPELLED`` is,
#: but written to start at the first separator, so a text is passed over from one
#: separator to the next rather than tried at every character.
_ANYWHERE = (
    r"{a}(?<=(?<![^\W\d_])[^\W\d_]{a}){a}{{0,2}}[^\W\d_](?![^\W\d_])"
    r"{a}{{1,3}}[^\W\d_](?![^\W\d_])"
)
SPELLED_ANYWHERE = re.compile(_ANYWHERE.format(a=_APART))
#: The same for a text of Latin-1 characters only: there it finds what the other does,
#: several times faster (a class of Latin-1 characters is a table of 256 bits; the
#: invisible characters beyond make one of all of Unicode).
_LATIN1_APART = (
    "[" + "".join(re.escape(chr(c)) for c in range(256) if _SEPARATOR.fullmatch(chr(c))) + "]"
)
SPELLED_IN_LATIN1 = re.compile(_ANYWHERE.format(a=_LATIN1_APART))
#: Each Latin-1 character as the quick test for letters spelled apart sees it (a letter
#: "a", a separator " ", anything else "x"), and what such a text must hold then: a
#: letter after a separator, one to three separators on another, and after it no
#: letter ("M o n" holds " o n" and what follows "n"; ``_may_be_spelled``).
_LETTER = re.compile(r"[^\W\d_]")
_SHAPES = bytes(
    ord("a")
    if _LETTER.fullmatch(chr(c))
    else ord(" ")
    if _SEPARATOR.fullmatch(chr(c))
    else ord("x")
    for c in range(256)
)
_SPELLED_SHAPE = re.compile(rb" a {1,3}a(?!a)")


#: Letters a reader takes for another Latin letter than the one they fold to (a stroke
#: folds to "l" and reads as a capital I too: "MONǀCA"): the text is read once more
#: with each as that letter (``look_alikes.ALTERNATES``).
#: (Only those that fold to another letter: Greek ι folds to "i" already.)
_READ_AS = {char: latin for char, latin in ALTERNATES.items() if fold(char) != latin}
_ALTERNATES = str.maketrans(_READ_AS)
_ALTERNATE = re.compile(f"[{''.join(_READ_AS)}]")


def addresses(text: str, terms: Mapping[str, Known]) -> Iterator[Held]:
    """An address whose part before the "@" holds any part of a known name (an everyday
    word too: "grace.kim@", "grace@"), or whose domain does (not an everyday word, nor
    its last label: "someone@haugen.net", "info@nguyen-family.org"), is that person's
    as a whole: found from its first character to its last, in place of what was found
    inside it."""
    for address in ADDRESS.finditer(text):
        local, _, domain = fold(address[0]).partition("@")
        pieces = [local, *re.split(r"[^\w]+|\d+|_", local)]
        held = [p for p in pieces if p in terms]
        labels = re.split(r"[.\-]+", domain)[:-1]
        held += [p for p in labels if p in terms and not terms[p].common]
        if held:
            owners = frozenset(o for term in held for o in terms[term].owners)
            line = text.count("\n", 0, address.start())
            yield Held(address.start(), address.end(), owners, line, held[0])


class Marks(NamedTuple):
    """Whether a text has another reading at all: an emphasis mark inside a word, a word
    spelled apart, a letter read as another letter too; its words run together. Looked
    for once per text, for every matcher that reads it."""

    emphasis: bool
    spelled: bool
    alternate: bool = False
    overridden: bool = False
    encoded: bool = False
    #: The words run together with a capital inside (``run_together.joined``).
    joined: Joined | None = None
    #: A character that shows nothing: words run together are read without them too
    #: ("#Team\u200bHaugen" is "#TeamHaugen").
    invisible: bool = False
    #: UTF-8 shown as Windows-1252 or Latin-1 ("JosÃ©"), an IDNA label ("xn--mller-kva").
    mis_decoded: bool = False
    idna: bool = False
    #: Hashtags and long words in capitals: a name is looked for anywhere inside them
    #: ("#teambeckwith", "TEAMBECKWITH"; ``tagged``).
    tagged: tuple[tuple[int, int], ...] = ()
    #: The words with an apostrophe inside ("Rami'rez", "don't"; ``in_word``).
    apostrophes: Words = ()


def marks(text: str) -> Marks:
    """What ``readings`` will find another reading of in ``text``."""
    # The few characters beyond ASCII of a long text, taken out fast: whether it is all
    # Latin-1 (read by the faster patterns), and what they mark.
    others = "" if text.isascii() else beyond_ascii(text)
    latin1 = not others or max(others) <= "\xff"
    spelled = _may_be_spelled(text, others) and (
        (SPELLED_IN_LATIN1 if latin1 else SPELLED_ANYWHERE).search(text) is not None
    )
    # The text a byte a character for the readings of capitals and marks (``shapes``).
    shaped = shape(text, others)
    if shaped is not None:
        emphasis = marked(shaped)
    else:
        emphasis = IN_WORD.search(text) is not None or (
            "\n" in text and BROKEN.search(text) is not None
        )
    encoded = "%" in text and bool(PERCENT.search(text))
    idna = has_idna(text)
    words = joined(text, shaped)
    tags = tagged(text, shaped)
    inner = apostrophe_words(text, others)
    found = Marks(
        emphasis, spelled, encoded=encoded, joined=words, idna=idna, tagged=tags, apostrophes=inner
    )
    if not others:
        return found
    return found._replace(
        alternate=bool(_ALTERNATE.search(others)),
        overridden=_RLO in others or _LRO in others,
        invisible=bool(_INVISIBLE_CHARACTER.search(others)),
        mis_decoded=is_mis_decoded(text, others),
    )


def _may_be_spelled(text: str, others: str) -> bool:
    """Whether ``text`` may hold letters spelled apart (``SPELLED``), told in C from its
    shape (``_SHAPES``, a byte a character, read by a pattern of three bytes):
    False only where the pattern cannot match. ``others``: its characters beyond ASCII,
    each beyond Latin-1 first written as a Latin-1 one of its kind."""
    beyond = {char for char in others if char > "\xff"}
    if len(beyond) > FEW:
        return True
    for char in beyond:
        kind = "a" if _LETTER.fullmatch(char) else " " if _SEPARATOR.fullmatch(char) else "!"
        text = text.replace(char, kind)
    shape = text.encode("latin-1").translate(_SHAPES)
    return _SPELLED_SHAPE.search(shape) is not None


#: A character that shows nothing (none is ASCII).
_INVISIBLE_CHARACTER = re.compile(f"[{_INVISIBLE}]")


def visible(text: str) -> tuple[str, list[int]]:
    """``text`` without the characters that show nothing, and where each character left
    was in ``text`` (no line break is one: lines keep their numbers)."""
    where = [i for i, char in enumerate(text) if not _INVISIBLE_CHARACTER.match(char)]
    return "".join(text[i] for i in where), where


def readings(
    text: str,
    scan: Scan[F],
    found: Marks | None = None,
    inside: Scan[F] | None = None,
    tag_inside: Scan[F] | None = None,
) -> Iterator[F]:
    """What ``scan`` finds in the text read without emphasis marks inside words, and
    with words spelled apart read whole; ``found``: the text's ``marks``, when another
    matcher has looked for them already; ``inside``: finds names anywhere inside a run
    spelled apart, read as one word (``spelled_inside``: "a M o n i c a"), and inside
    hashtags and long words in capitals ("#teambeckwith"; ``tagged``)."""
    found = found or marks(text)
    if found.emphasis:
        yield from through_marks(text, scan)
    if found.spelled:
        yield from _spelled_apart(text, scan, inside)
    if found.alternate:
        # One character for one: the text's own positions, its own lines.
        yield from scan(text.translate(_ALTERNATES), None)
    if found.overridden:
        yield from _overridden(text, scan)
    if found.mis_decoded:
        yield from mis_decoded(text, scan)
    if found.idna:
        yield from idna_decoded(text, scan)
    if found.encoded:  # the decoded run read every other way too: "M%C3%83%C2%BCller"
        yield from percent_decoded(
            text, scan, lambda run: readings(run, scan, marks(run)._replace(encoded=False))
        )
    if found.tagged and inside is not None:
        yield from names_inside(text, found.tagged, tag_inside or inside)


def _spelled_apart(text: str, scan: Scan[F], inside: Scan[F] | None) -> Iterator[F]:
    """Matches in each run of letters spelled apart, read as one word; then what
    ``inside`` finds anywhere in it (the caller keeps those that overlap a match only
    where they hold it whole: "M o n i c a s" is found as "monicas", not "monica")."""
    for run in SPELLED.finditer(text):
        kept = [run.start() + i for i, c in enumerate(run[0]) if not _SEPARATOR.fullmatch(c)]
        word = "".join(text[i] for i in kept)
        yield from at_line(text, run.start(), scan(word, kept))
        if inside is not None:
            yield from at_line(text, run.start(), inside(word, kept))


#: A bidirectional override: what follows, to the next pop (PDF), isolate pop (PDI) or
#: line end, is drawn in that direction whatever its letters, so "\u202eacinoM\u202c"
#: shows "Monica" (right to left) and a Hebrew or Arabic name typed backwards inside a
#: left-to-right override reads as the name.
_RLO, _LRO = "\u202e", "\u202d"
_OVERRIDDEN = re.compile("[\u202d\u202e]([^\u202c\u2069\n]*)")


def _overridden(text: str, scan: Scan[F]) -> Iterator[F]:
    """Matches in each overridden run, read in the order it is drawn: backwards."""
    for run in _OVERRIDDEN.finditer(text):
        kept = list(range(run.end(), run.start(1), -1))
        kept = [i - 1 for i in kept]
        found = scan("".join(text[i] for i in kept), kept)
        for each in at_line(text, run.start(), found):
            # Mapped back through a reversed map, the match's first character is its
            # last in the text: the span is the same characters, in the text's order.
            first, last = sorted((each.start, each.end - 1))  # type: ignore[attr-defined]
            changed: Any = replace(each, start=first, end=last + 1)  # type: ignore[type-var]
            yield changed
