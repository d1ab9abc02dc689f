"""The one pattern a matcher searches for every known term, and how a match is mapped
back: terms factored by their common prefixes (``tree``), a short term or one with a
digit kept apart with its own look-arounds (``alternative``), a term's key (``term_key``)
and a match's span in the original text (``original``)."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from reflect_cli.folding import beyond_ascii, fold_char
from reflect_cli.render.export.name_forms import letters
from reflect_cli.render.export.unspaced import unspaced

#: Between the words of a term: spaces or hyphens, never a line break (what
#: ``str.splitlines`` breaks on). A name matched across two lines would make one
#: label of them and join the lines: another person's line lost its credit, and the
#: lines their numbers (the two words are still found, each as itself).
#: White space that is not a line break.
SPACE_IN_LINE = r"[^\S\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]"
#: The same in folded text read as ``as_matched`` gives it: folding makes every other
#: such space a plain space (tested over all of Unicode). (A class of Latin-1 characters
#: only: one beyond it makes the regular expression engine compile a table of every
#: character, some 150 µs for each space of each term, in a pattern of hundreds of terms.)
#: Markdown's marks are looked through there too ("*School* 075", "~~Monica~~ Haugen",
#: "School\_075": an escaped "_", which folds to a space), and so is glue a reader reads
#: as a space, one character between two words ("School+075", "School/075",
#: "monica.haugen"): alone, so "Monica. Haugen family…" is two sentences, not one name.
BETWEEN = r"(?:[\t\x1f \-*~\\]+|[+/.])"
#: What folding keeps that the pattern reads as something else: the ogham space mark
#: (white space beyond Latin-1) and the braille blank (a symbol that shows as a space:
#: "School\u2800075" is School 075) as a space.
READ_AS = {"\u1680": " ", "\u2800": " "}


def as_matched(folded: str) -> str:
    """Folded text as the pattern reads it, one character for one (a match's place is
    the same in both): ``READ_AS``, and every decimal digit as the ASCII digit it is
    ("School ٠٧٥" is School 075, as fullwidth digits already fold to it)."""
    if folded.isascii():
        return folded
    for char in set(beyond_ascii(folded)):
        if char in READ_AS:
            folded = folded.replace(char, READ_AS[char])
        elif char.isdecimal():
            folded = folded.replace(char, str(unicodedata.decimal(char)))
    return folded


#: A word run into a term that ends with a digit ("School 075school", "School 075School"):
#: the term's, and matched with it, so the whole word is replaced (as a run-together
#: word is, ``run_together``). Two letters or more: a digit after the number goes on
#: with it ("School 0755"), and so does a letter alone ("School 075A"): other places.
RUN_ON = r"(?<=\d)[^\W\d_]{2}[^\W_]*"
#: A name's last letter drawn out ("Monicaa!", "Beckwithhh", "Shanaaaa"): the name's,
#: matched with it; after a name of three letters or fewer, three of the letter or more,
#: so "Ross" is never Ros's, nor "Matt" Mat's.
STRETCHED = r"(?:(?<=(?P<last>[^\W\d_]))(?:(?P=last){2,}|(?<=[^\W\d_]{4})(?P=last)+))?"


def source(ordered: list[str], endings: str) -> str:
    """The pattern of the terms ``ordered`` (longest first), each followed by one of
    ``endings`` or by nothing, on word boundaries: group ``t`` a term written with
    spaces, ``e`` its ending, ``u`` a term in a script without spaces (found inside
    text). The terms are one prefix tree (a few branches per position, not one per
    term): where several match, the longest, as an alternation sorted by length is ("Jo
    Park" over the handle "jo", "Person5 Testerson" over "person5"). A term with a digit
    or of two letters keeps its own look-arounds: a digit before a short one (a
    two-letter handle) or one that starts with a digit is part of the word, "1st" is not
    the handle "st" (but "mh2" is "mh"), and so is a digit after one that ends with a
    digit: "mh23" is not "mh2". A digit is a boundary too ("monica2"): the look-arounds
    only refuse a letter next to the term, except a word run into a term that ends with
    a digit (``RUN_ON``)."""
    written = [t for t in ordered if not unspaced(t)]
    # A digit before the place refuses only the terms that look behind them: all are
    # tried where none is there, the others where one is.
    ahead = [t for t in written if not _looks_behind(t)]
    first = tree(written)
    if ahead != written:
        first = [rf"(?<!\d)(?:{first[0]})", *(rf"(?<=\d)(?:{t})" for t in tree(ahead))]
    spaced = "|".join(first)
    # Words apart in one are apart by whatever stands between a term's words ("王 小明"
    # typed with two spaces or a tab), as in a term written with spaces.
    apart = "|".join(_apart(t) for t in ordered if unspaced(t))
    term = rf"(?P<t>{spaced}){STRETCHED}(?:(?P<e>{endings})?(?![^\W\d])|{RUN_ON})"
    branches = [rf"(?<![^\W\d]){term}"] if spaced else []
    branches += [f"(?P<u>{apart})"] if apart else []
    return "|".join(branches) or r"(?!)"  # (?!): none


def _apart(term: str) -> str:
    """The pattern of a term in a script without spaces: as it is written, its words
    apart by ``BETWEEN``; one that starts with a word in a script with spaces ("wang
    王小明") not inside a word, as such a word is found (``starts``)."""
    body = BETWEEN.join(re.escape(word) for word in term.split(" "))
    return body if unspaced(term.split(" ", 1)[0]) else rf"(?<![^\W\d]){body}"


def _special(term: str) -> bool:
    return letters(term) <= 2 or term[0].isdigit() or term[-1].isdigit()


def _looks_behind(term: str) -> bool:
    return letters(term) <= 2 or term[0].isdigit()


def in_tree(term: str) -> bool:
    """Whether a term is one of the plain prefix tree's (written with spaces, not
    ``special``)."""
    return not _special(term) and not unspaced(term)


def tree(terms: list[str]) -> list[str]:
    """The terms as one pattern factored by their common prefixes (none when no terms):
    "monica|monika|mona" is "mon(?:ica|ika|a)". A term that ends where a longer one goes
    on is optional at that point, longest first, as an alternation sorted by length is."""
    root: dict[str, dict[str, Any]] = {}
    for term in terms:
        node = root
        for char in term:
            node = node.setdefault(char, {})
        node[""] = {}
    return [_pattern_of(root)] if terms else []


def _pattern_of(root: dict[str, Any]) -> str:
    """The tree's pattern, each node's made from its children's. Worked without
    recursion (a name of hundreds of characters is a path as deep), children first; a
    path without a branch or an end (the rest of a name once it is told apart from every
    other, " elementary ost collaborative" after each of a hundred numbers) is written
    out in one step, not node by node."""
    made: dict[int, str] = {}
    # Each child's path: the node it ends at, and the pattern of its letters after the
    # first (the first is its parent's to write, merged with others that lead alike).
    paths: dict[int, tuple[dict[str, Any], str]] = {}
    # A node, the character that led to it, whether that is a digit of a number that
    # starts a word after the first ("site 7…"), and whether its children are made.
    stack: list[tuple[dict[str, Any], str, bool, bool]] = [(root, "", False, False)]
    while stack:
        node, last, number, children_made = stack.pop()
        if not children_made:
            stack.append((node, last, number, True))
            for char, child in node.items():
                if char:
                    at, at_last, at_number = _follow(child, char, number, last, paths)
                    stack.append((at, at_last, at_number, False))
            continue
        # Letters that lead to the same rest are one class: "school 06[045]…", not the
        # rest written out once for each of a hundred numbered places (a pattern ten
        # times as long, compiled at every export). One letter of a class matches at a
        # place at most, so the class finds what the branches written out do.
        alike: dict[tuple[str, bool], list[str]] = {}
        for char, child in node.items():
            if char:
                # The letter after a number may be written apart: "Site 7 b" is Site 7b.
                apart = number and char.isalpha()
                at, written = paths.pop(id(child))
                alike.setdefault((written + made.pop(id(at)), apart), []).append(char)
        parts = [_edge(chars, apart) + rest for (rest, apart), chars in alike.items()]
        made[id(node)] = _node(parts, "" in node, last)
    return made[id(root)]


def _follow(
    child: dict[str, Any],
    char: str,
    number: bool,
    last: str,
    paths: dict[int, tuple[dict[str, Any], str]],
) -> tuple[dict[str, Any], str, bool]:
    """From ``child`` (reached by ``char`` from a node after ``last``, ``number`` as
    there), down the path of nodes with one way on and no term ending: the node it
    stops at, with the character and number state that led to it (kept in ``paths``
    for the parent, with the path's pattern)."""
    at, at_last = child, char
    at_number = char.isdigit() and (number or last == " ")
    written: list[str] = []
    while len(at) == 1 and "" not in at:
        ((step, below),) = at.items()
        written.append(_edge([step], at_number and step.isalpha()))
        at_number = step.isdigit() and (at_number or at_last == " ")
        at, at_last = below, step
    paths[id(child)] = (at, "".join(written))
    return at, at_last, at_number


def _edge(chars: list[str], apart: bool = False) -> str:
    """The pattern of the letters that lead from a node to one same rest: a space is
    whatever stands between a term's words (``BETWEEN``); ``apart``: letters that may
    stand apart from the number before them."""
    if chars == [" "]:
        return BETWEEN
    letters = [re.escape(c) for c in chars if c != " "]
    edge = letters[0] if len(letters) == 1 else "[" + "".join(letters) + "]"
    if apart:
        return f"(?:{BETWEEN})?{edge}"
    return edge if " " not in chars else f"(?:{BETWEEN}|{edge})"


def _node(parts: list[str], ends: bool, last: str) -> str:
    """A node's pattern: its branches (``parts``), optional where a term ``ends`` there;
    ``last``: the character that led to it."""
    # A term that ends in a digit ends where no digit follows ("mh2" is not in "mh23").
    end = r"(?!\d)" if last.isdigit() else ""
    if not parts:
        return end
    body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
    if ends and end:
        return f"(?:{body}|{end})"
    if ends:
        return (f"(?:{body})" if len(parts) == 1 else body) + "?"
    return body


#: What stands between the words of a term: white space, hyphens.
_APART = re.compile(r"[\s\-]+")


def term_key(text: str) -> str:
    """A folded term as the matcher keeps it: words apart by one space, a hyphen
    between them too ("ana-maria o'neil" is found as "ana maria o'neil" and as typed)."""
    return " ".join(w for w in _APART.split(text) if w)


#: What ``BETWEEN`` reads as a space.
_READ_APART = re.compile(r"[\s\-*~\\+/.]+")


#: A number and the letter after it, apart ("7 b").
_NUMBER_APART = re.compile(r"(?<=\d) (?=[^\W\d_])")


def loose_key(text: str) -> str:
    """A term or a match of it with whatever ``BETWEEN`` reads between words as one space
    and a letter after a number joined to it: a match ("school+075", "monica *haugen",
    "site 7 b") has its term's ("school 075", "site 7b")."""
    return _NUMBER_APART.sub("", " ".join(w for w in _READ_APART.split(text) if w))


#: Markdown's emphasis, strike-through, highlight (``==``) and insertion (``++``) marks.
_MARKS = "*_~=+"


def with_marks(text: str, start: int, end: int) -> tuple[int, int]:
    """A match with marks inside it ("School* 075" of "*School* 075") and the marks
    that open and close it: replaced whole, no stray mark left ("*Site 4"). Marks that
    go on into a word stay ("monica_haugen_notes": the file's name)."""
    if not any(mark in text[start:end] for mark in _MARKS):
        return start, end
    before = start
    while before > 0 and text[before - 1] in _MARKS:
        before -= 1
    if before == 0 or not text[before - 1].isalnum():
        start = before
    after = end
    while after < len(text) and text[after] in _MARKS:
        after += 1
    if after == len(text) or not text[after].isalnum():
        end = after
    return start, end


def original(text: str, origin: list[int] | None, start: int, end: int) -> tuple[int, int]:
    """The span of ``text`` that the folded ``start:end`` came from."""
    if origin is None:
        return start, end
    start, end = origin[start], origin[end - 1] + 1
    while end < len(text) and fold_char(text[end]) == "":
        end += 1  # a combining mark typed after the last letter
    return start, end
