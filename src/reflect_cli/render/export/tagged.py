"""Words a reader reads a name inside of though nothing marks where it starts: a hashtag
("#teambeckwith", "#TEAMBECKWITH"), a handle ("@teambeckwith"), the words of an e-mail
address or a link ("beckwithfamily@gmail.com", "www.teambeckwith.org", a bare domain
"teambeckwith.org" or "haugenfamily.net/photos") and a long word in capitals
("TEAMBECKWITH").

Words run together with a capital inside ("#TeamBeckwith") tell where a name starts
(``run_together``); in lower case or in capitals nothing does, and the matcher's scan,
which finds a name on a word boundary only, keeps it. Inside a hashtag, a handle, an
address or a link, and inside a word of ``CAPITALS`` capitals or more, a name is found
where it starts or ends the word, as inside a run of letters spelled apart: by
``spelled_inside``'s automaton (names of 5+ letters that are not everyday words:
"#hopeful" is not Hope's, "#kitchengarden" not Lin Chen's), and the whole word is the
person's, replaced whole as a run-together word is (the "#" or "@"
kept). A hashtag or a link that only happens to hold a name's letters is over-redacted;
an ordinary word in lower case is never read this way ("hopeful", "parkway").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from functools import lru_cache
from typing import Any, TypeVar

from reflect_cli.render.export.shapes import CASED, INVISIBLE, MARKS, capitals, ranges

#: Capitals a word needs to be read for a name inside: fewer are a short word shouted
#: or an acronym ("THANKS", "YMCA").
CAPITALS = 8
#: Letters in a row that are no word of any language (German compounds run past forty):
#: a name of ``EDGE_LETTERS`` letters or more is looked for anywhere inside such a run
#: ("xxxxMonicayyyy…"), not only at an edge; a shorter one (a two-letter handle) only
#: as in any word.
RUN = 60

#: A match found by a scan (``terms.Found``): located by ``start``, ``end``, ``line``.
F = TypeVar("F")
#: Finds names anywhere inside a word; the second argument maps its characters to the
#: caller's (``names.Matcher._inside_run``).
Scan = Callable[[str, list[int] | None], Iterator[F]]

#: A hashtag or a handle: "#" or "@" and the word after it (after "@" in an address, a
#: domain's first label: a name there is the address's, ``disguised.addresses``, when it
#: is the whole label).
_HASHTAG = re.compile(rf"[#@](?:[^\W_]|[{MARKS}{INVISIBLE}])+")
#: A link or an e-mail address, whose every word is read so: a name run into another
#: word there is an address's or a site's, not a word of a sentence. Found from its "@"
#: (an address's part before it is 64 characters at most) or its "://" or "www." (each
#: read from there: a pattern that starts anywhere reads a long word again at each of
#: its letters).
_LOCAL = re.compile(r"[\w.+'%\-]{1,64}\Z")
_REST = re.compile(r"[^\s<>\"'`()\[\]{}]+")
_LINK = re.compile(r"@|://|www\.")
#: A bare domain ("teambeckwith.org", "haugenfamily.net/photos"): a dot right after a
#: letter or digit and before a top-level domain's shape, two to six ASCII letters and
#: no letter or digit after them; found from the dot (read from the label before it),
#: so a text is passed over from one dot to the next. "e.g.", "etc.", "Mr.", "v1.2.3",
#: "3.5" and a sentence's end are not of this shape; a file's type is not a domain
#: (``FILE_TYPES``: "notes.md", "report.pdf").
_DOMAIN = re.compile(r"\.(?<=[^\W_]\.)([a-zA-Z]{2,6})(?![^\W_])")
#: A label before a domain's dot: at most 63 characters.
_LABEL = re.compile(r"[^\W_][\w\-]{0,62}\Z")
_FILE_TYPES_TEXT = """
    md txt pdf csv tsv doc docx xls xlsx ppt pptx odt ods rtf tex json yaml yml xml html
    htm py js ts css png jpg jpeg gif svg webp zip gz log mp3 mp4 mov wav
    """
FILE_TYPES = frozenset(_FILE_TYPES_TEXT.split())
_WORD = re.compile(rf"(?:[^\W_]|[{MARKS}{INVISIBLE}])+")


@lru_cache(maxsize=1)
def _capitals() -> re.Pattern[str]:
    """A word of ``CAPITALS`` capitals or more (a digit may follow, no other letter);
    ``shapes.capitals`` finds the same in a shape. Written to start at a capital, so a
    text is passed over from one capital to the next."""
    letters = [chr(code) for first, last in CASED for code in range(first, last)]
    upper = ranges([c for c in letters if c.isupper() or c.istitle()])
    inside = MARKS + INVISIBLE
    return re.compile(rf"[{upper}](?<![^\W\d_].)[{upper}{inside}]{{{CAPITALS - 1},}}+(?![^\W\d_])")


def tagged(text: str, shape: bytes | None = None) -> tuple[tuple[int, int], ...]:
    """The hashtags and handles (each without its "#" or "@"), the words of addresses
    and links and the words in capitals of ``text``, where a name is looked for
    anywhere inside; ``shape``: the text's ``shapes.shape``, read in its place for the
    words in capitals when there is one (faster)."""
    tags = "#" in text or "@" in text
    found = [(m.start() + 1, m.end()) for m in _HASHTAG.finditer(text)] if tags else []
    if "@" in text or "://" in text or "www." in text:
        found += [word for link in _links(text) for word in _words(text, *link)]
    if "." in text:
        found += [word for link in _domains(text) for word in _words(text, *link)]
    shouted = (
        capitals(CAPITALS).finditer(shape) if shape is not None else _capitals().finditer(text)
    )
    found += [m.span() for m in shouted]
    found += runs(text, shape)
    return tuple(sorted(set(found))) if found else ()


def runs(text: str, shape: bytes | None = None) -> list[tuple[int, int]]:
    """The runs of ``RUN`` letters or more in ``text`` (``shape``: its shape, where a
    quick look in C tells most texts have none)."""
    if shape is not None:
        letters = shape.translate(_ONLY_LETTERS)
        if _A_RUN not in letters:
            return []
        return [m.span() for m in _RUN_OF_LETTERS.finditer(letters)]
    return [m.span() for m in _RUN_IN_TEXT.finditer(text)]


#: A shape's letters ("A", "a", "o") as "L": a run of them is found as a string is.
_ONLY_LETTERS = bytes.maketrans(b"Aao", b"LLL")
_A_RUN = b"L" * RUN
_RUN_OF_LETTERS = re.compile(b"L{" + str(RUN).encode() + b",}")
_RUN_IN_TEXT = re.compile(rf"[^\W\d_]{{{RUN},}}")


def _links(text: str) -> Iterator[tuple[int, int]]:
    """Each address or link of ``text``: its span, roughly (it is only read for words)."""
    for mark in _LINK.finditer(text):
        start = mark.start()
        if mark[0] == "@":
            local = _LOCAL.search(text, max(0, start - 64), start)
            start = local.start() if local else start
        rest = _REST.match(text, mark.end())
        yield start, rest.end() if rest else mark.end()


def _domains(text: str) -> Iterator[tuple[int, int]]:
    """Each bare domain of ``text`` (``_DOMAIN``), from the label before its dot: its
    span, roughly (as ``_links``)."""
    for dot in _DOMAIN.finditer(text):
        if dot[1].casefold() in FILE_TYPES:
            continue
        label = _LABEL.search(text, max(0, dot.start() - 63), dot.start())
        rest = _REST.match(text, dot.end())
        yield label.start() if label else dot.start(), rest.end() if rest else dot.end()


def _words(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    return (word.span() for word in _WORD.finditer(text, start, end))


def names_inside(text: str, words: Iterable[tuple[int, int]], inside: Scan[F]) -> Iterator[F]:
    """The first name ``inside`` finds at an edge of each of ``words`` of ``text``
    (``_at_edge``), or anywhere inside a word of ``RUN`` letters or more, as the whole
    word: no piece of it ("team") is left to tell whose it was."""
    for start, end in words:
        anywhere = end - start >= RUN and text[start:end].isalpha()
        for each in inside(text[start:end], list(range(start, end))):
            found: Any = each
            long_enough = sum(char.isalpha() for char in found.term) >= EDGE_LETTERS
            if not (anywhere and long_enough) and not _at_edge(
                text, start, end, found.start, found.end, found.term
            ):
                continue
            line = text.count("\n", 0, start)
            changed: Any = replace(each, start=start, end=end, line=line)  # type: ignore[type-var]
            yield changed
            break  # one label for the word


#: Letters a name needs to be found inside such a word: a shorter one is the start or
#: the end of too many words ("tran" of TRANSPORTATION, "chen" of a kitchen).
EDGE_LETTERS = 5
#: What a shorter name may stand beside in a hashtag and still be the name: a family's
#: or a team's tag.
_TAG_WORDS_TEXT = """
    team family fam familia famille crew clan squad house go love ilove welove the fans
    club mr mrs ms dr coach miss auntie uncle
    """
TAG_WORDS = frozenset(_TAG_WORDS_TEXT.split())


def _at_edge(text: str, start: int, end: int, first: int, last: int, term: str) -> bool:
    """Whether a name found at ``first:last`` inside the word ``start:end`` starts or
    ends it (or a run of its letters, beside a digit: "#gomonicahaugen2026"), and has
    ``EDGE_LETTERS`` letters or more. Inside, a name's letters are most often a piece of
    another word ("erin" of ENGINEERING, "alan" of #worklifebalance, "ella" of
    #umbrellaproject); at an edge, with a word before or after it, it is a name run into
    a word ("#teambeckwith", "beckwithfamily@", "THANKSMONICA")."""
    before, after = text[start:first], text[last:end]
    if sum(char.isalpha() for char in term) < EDGE_LETTERS:
        # A short name is a name there only with nothing else, or one of a few words
        # people tag a family or a team with ("#teamkim", "#kimfamily", "#wufam"):
        # "#kimchi", "#alignment", "#transit" are words.
        rest = "".join(c for c in before + after if c.isalpha()).casefold()
        return not rest or rest in TAG_WORDS
    opens = not any(c.isalpha() for c in before) or before[-1].isdigit()
    closes = not any(c.isalpha() for c in after) or after[0].isdigit()
    return opens or closes
