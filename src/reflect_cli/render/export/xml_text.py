"""An XML member of a zip file (Word, Excel, PowerPoint, OpenDocument, a REFI-QDA
project) as its reader can recover it: what `check-names` reads there (``archived``).

Its text a block a line (a paragraph, a heading, a cell, a row, a shared string, a
comment), the runs inside a block joined, so a name Word split across runs is whole;
then its attribute values a line each (an author, a picture's alternate text, a
project's user names), identifiers (GUIDs, numbers, booleans) left out. A block inside
another (a text box, a comment or a footnote anchored inside a paragraph) is a line of
its own, and the text on either side of it stays one line: "Mon", a comment, "ica" is
"Monica". A comment's author and date are lines of their own too, and so is an XML
comment (``<!-- -->``) or processing instruction, anywhere in the file.

Everything in the file is read, whatever a viewer shows: deleted text kept as a tracked
change, hidden text, comments, headers, footers, notes, document properties. A line
holding tracked changes or hidden text is also read as it stood before the changes
(deletions in, insertions out: a Word ``w:del``, an OpenDocument ``text:change`` and
the deletion it stands for) and as shown (deletions and hidden text out), and its hidden
text on its own: only the words they change, each a field ``LINE (before tracked
changes)``, ``LINE (as shown)``, ``LINE (hidden text)``, when they are not the line's own
words already. "Dear M" with "onica" deleted and "." inserted is "Dear Monica." before
the changes; "Monica" with a hidden "ly" after it is "Monica" as shown. (Word's white
text and text at most 2 points high are hidden text here too.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Flag, auto
from xml.etree import ElementTree

from reflect_cli.errors import InputError
from reflect_cli.i18n.messages import _

#: Elements that hold a line of their own: paragraphs, headings, cells, rows, shared
#: strings, comments (a spreadsheet's, a slide's, a document's), and a comment's author
#: and date. The text around one inside another stays one line.
_BLOCKS = {
    *("p", "h", "si", "c", "row", "tr", "tc", "td", "th", "li"),
    *("comment", "cm", "text", "annotation", "creator", "date", "initials"),
}
#: Elements that end a line where they stand (a line break).
_BREAKS = {"br", "cr"}
#: Elements that stand for a space between words (OpenDocument's ``<text:s/>``, a tab).
_SPACES = {"s", "tab"}
#: The XML declaration, which may stand only at the start.
_DECLARATION = re.compile(r"^\s*<\?xml\b[^>]*\?>")
#: Attribute values that are identifiers, never typed text: GUIDs, numbers, booleans.
_IDENTIFIER = re.compile(r"[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}|[\d.\-]*|true|false")


class Mark(Flag):
    """What a piece of a line is besides text as shown."""

    PLAIN = 0
    DELETED = auto()
    INSERTED = auto()
    HIDDEN = auto()


#: Word's tracked changes: deleted (or moved away), inserted (or moved here).
_MARKED = {
    "del": Mark.DELETED,
    "moveFrom": Mark.DELETED,
    "ins": Mark.INSERTED,
    "moveTo": Mark.INSERTED,
}
#: The readings of a line with marks: its name, the marks it is about, and those of
#: the pieces it leaves out.
_READINGS = (
    ("before tracked changes", Mark.DELETED | Mark.INSERTED, Mark.INSERTED),
    ("as shown", Mark.DELETED | Mark.HIDDEN, Mark.DELETED | Mark.HIDDEN),
)


@dataclass
class _Line:
    pieces: list[tuple[str, Mark]] = field(default_factory=list)
    attributes: list[str] = field(default_factory=list)


def lines(path: object, name: str, text: str) -> tuple[list[str], list[tuple[str, str]]]:
    """An XML member's lines, and its fields (``("3 (as shown)", words)``)."""
    if re.search(r"<!(DOCTYPE|ENTITY)", text):
        raise InputError(
            _("{path}: {name}: XML with a document type is not read").format(path=path, name=name)
        )
    # Comments and processing instructions are read too, those before and after the
    # root element as well: the document is read inside a root of ours.
    parser = ElementTree.XMLParser(
        target=ElementTree.TreeBuilder(insert_comments=True, insert_pis=True)
    )
    try:
        parser.feed(f"<reflect-document>{_DECLARATION.sub('', text, count=1)}</reflect-document>")
        root = parser.close()
    except ElementTree.ParseError:
        raise InputError(
            _("{path}: {name}: not well-formed XML; nothing was checked").format(
                path=path, name=name
            )
        ) from None
    return _Reader(_deletions(root) if "tracked-changes" in text else {}).read(root)


def _local(element: ElementTree.Element) -> str:
    return element.tag.rpartition("}")[2] if isinstance(element.tag, str) else ""


def _attribute(element: ElementTree.Element, local: str) -> str:
    """An attribute's value by its name without its namespace ("" when none)."""
    return next((v for k, v in element.attrib.items() if k.rpartition("}")[2] == local), "")


def _deletions(root: ElementTree.Element) -> dict[str, str]:
    """OpenDocument's deleted text by its change's id: a ``text:change`` in a paragraph
    stands for it (the text itself is kept apart, in ``text:tracked-changes``)."""
    found: dict[str, str] = {}
    for region in root.iter():
        if _local(region) != "changed-region":
            continue
        for deletion in (e for e in region if _local(e) == "deletion"):
            paragraphs = [e for e in deletion if _local(e) != "change-info"]
            found[_attribute(region, "id")] = " ".join("".join(p.itertext()) for p in paragraphs)
    return found


def _hidden(run: ElementTree.Element) -> bool:
    """Whether a Word run is text no one sees: hidden (``w:vanish``), white
    (``w:color`` FFFFFF) or at most 2 points high (``w:sz``, in half-points)."""
    for properties in (e for e in run if _local(e) == "rPr"):
        for each in properties:
            tag, value = _local(each), _attribute(each, "val")
            if tag == "vanish" and value not in {"0", "false", "off"}:
                return True
            if tag == "color" and value.upper() == "FFFFFF":
                return True
            if tag == "sz" and value.isdigit() and int(value) <= 4:
                return True
    return False


class _Reader:
    def __init__(self, deletions: dict[str, str]) -> None:
        self.deletions = deletions
        self.inserting: set[str] = set()  # OpenDocument insertions open here
        self.stack = [_Line()]
        self.lines: list[str] = []
        self.fields: list[tuple[str, str]] = []

    def read(self, root: ElementTree.Element) -> tuple[list[str], list[tuple[str, str]]]:
        self.walk(root, Mark.PLAIN, False)
        self.end_line(self.stack[-1])
        return self.lines, self.fields

    def add(self, text: str | None, marks: Mark) -> None:
        if text:
            self.stack[-1].pieces.append((text, marks | self._inserting()))

    def _inserting(self) -> Mark:
        return Mark.INSERTED if self.inserting else Mark.PLAIN

    def walk(self, element: ElementTree.Element, marks: Mark, in_block: bool) -> None:
        if not isinstance(element.tag, str):  # a comment: a line of its own
            self.end_line(_Line([(element.text or "", Mark.PLAIN)]))
            self.add(element.tail, marks)
            return
        tag = _local(element)
        outer = marks
        block = tag in _BLOCKS
        if tag in _BREAKS:
            self.end_line(self.stack[-1])
        if block:
            self.stack.append(_Line())
        self.stack[-1].attributes.extend(
            v for v in element.attrib.values() if v.strip() and not _IDENTIFIER.fullmatch(v)
        )
        marks |= _MARKED.get(tag, Mark.PLAIN)
        if tag == "r" and _hidden(element):
            marks |= Mark.HIDDEN
        if tag in _SPACES:
            self.add(" ", marks)
        change = _attribute(element, "change-id") if tag.startswith("change") else ""
        if tag == "change" and change in self.deletions:
            self.add(self.deletions[change], marks | Mark.DELETED)
        elif tag == "change-start":
            self.inserting.add(change)
        elif tag == "change-end":
            self.inserting.discard(change)
        self.add(element.text, marks)
        for child in element:
            self.walk(child, marks, in_block or block)
        if block:
            self.end_line(self.stack.pop())
        elif not in_block and (element.text or "").strip():
            self.end_line(self.stack[-1])
        self.add(element.tail, outer)

    def end_line(self, line: _Line) -> None:
        """The line's text (and its other readings, when it has marks), then its
        attribute values; the line emptied."""
        text = " ".join("".join(t for t, _m in line.pieces).split())
        if text:
            self.lines.append(text)
            if any(m for _t, m in line.pieces):
                self.fields += [
                    (f"{len(self.lines)} ({label})", words)
                    for label, words in _readings(line.pieces)
                    if f" {words} " not in f" {text} "
                ]
        self.lines += [" ".join(v.split()) for v in line.attributes]
        line.pieces.clear()
        line.attributes.clear()


def _readings(pieces: list[tuple[str, Mark]]) -> list[tuple[str, str]]:
    """A marked line's other readings: the words each changes, with its label."""
    found: list[tuple[str, str]] = []
    for label, about, left_out in _READINGS:
        if any(m & about for _t, m in pieces):
            found += [(label, words) for words in _changed_words(pieces, about, left_out)]
    hidden = [(t, m) for t, m in pieces if m & Mark.HIDDEN]
    found += [("hidden text", w) for w in _changed_words(hidden, Mark.HIDDEN, Mark.PLAIN)]
    return found


def _changed_words(pieces: list[tuple[str, Mark]], about: Mark, left_out: Mark) -> list[str]:
    """The line read without the pieces marked ``left_out``: each run of words that a
    piece marked ``about`` touches (by a letter in it, or by being left out beside it)."""
    letters: list[str] = []
    touched: list[bool] = []
    cut = False  # a piece left out here: the next letter is touched
    for text, marks in pieces:
        if marks & left_out:
            cut = True
            if touched:
                touched[-1] = True
            continue
        for letter in text:
            letters.append(letter)
            touched.append(bool(marks & about) or cut)
            cut = False
    reading = "".join(letters)
    found: list[str] = []
    run: list[str] = []
    for word in re.finditer(r"\S+", reading):
        if any(touched[word.start() : word.end()]):
            run.append(word[0])
        elif run:
            found.append(" ".join(run))
            run = []
    if run:
        found.append(" ".join(run))
    return found
