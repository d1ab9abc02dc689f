"""An HTML page's text as a reader sees it: the one reader of HTML for the redaction
check of an export and for `check-names` (``PLAIN["html"]``), and of the XHTML rich text
of a PDF's comments.

The page's text and attribute values (an SVG's labels), without tag and attribute names
or the style sheet: ``<li>`` is markup, not a person called Li. Entities are decoded and
newlines kept, so a place keeps its line number. A tag that a browser draws inside a
line of text without a break (``<b>``, ``<span>``, ``<a>``…) joins the letters around
it, as the reader sees them: ``Gr<b>ace</b>`` is "Grace", ``Nguy<span>ễn</span>`` is
"Nguyễn"; its attribute values are read at the end of its line. Any other tag (a
paragraph, a cell, a line break, an image) parts the words around it, its attribute
values read in its place. A comment is read too (it is in the file a partner
receives), and the text around it joined: "M<!-- -->onica" is "Monica".
"""

from __future__ import annotations

import re
from html import unescape

#: Elements drawn inside a line of text, with no break or mark of their own: the letters
#: on either side of their tags are one word to a reader. (Not ``q``, which draws quotes,
#: ``img`` or ``br``, nor SVG's ``tspan``, which is placed on its own.)
INLINE = frozenset(
    (
        "a",
        "abbr",
        "b",
        "bdi",
        "bdo",
        "cite",
        "code",
        "data",
        "del",
        "dfn",
        "em",
        "font",
        "i",
        "ins",
        "kbd",
        "label",
        "mark",
        "nobr",
        "s",
        "samp",
        "small",
        "span",
        "strike",
        "strong",
        "sub",
        "sup",
        "time",
        "tt",
        "u",
        "var",
        "wbr",
    )
)

#: A tag (or a comment, a declaration) as it stands in the page.
_TAG = re.compile(r"<[^>]*>")
#: A tag in Markdown: not after a backslash (``\\<b>`` shows "<b>" as typed).
_MARKDOWN_TAG = re.compile(r"(?<!\\)<[^>\n]*>")
#: A tag's element name, after ``<`` or ``</``.
_NAME = re.compile(r"</?\s*([A-Za-z][A-Za-z0-9-]*)")
#: An attribute value, double-quoted (user text escaped: every ``"`` left is markup).
_VALUE = re.compile(r'"([^"]*)"')
#: An HTML comment.
_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)


def plain(document: str) -> str:
    """The page's text as a reader sees it (see the module's docstring)."""
    document = re.sub(
        r"<style>.*?</style>", lambda m: "\n" * m[0].count("\n"), document, flags=re.DOTALL
    )
    document = _comments_aside(document)
    return unescape(_tags_out(document))


def joins(tag: str) -> bool:
    """Whether ``tag`` is drawn inside a word: an inline element's tag on one line."""
    name = _NAME.match(tag)
    return name is not None and name[1].lower() in INLINE and "\n" not in tag


def inline_tags_out(markdown: str) -> str:
    """Markdown's inline HTML tags out of its text, joining the letters around them as
    a Markdown viewer draws them (``Gr<b>ace</b>`` is "Grace"; not after a backslash,
    which shows the ``<`` as typed); any other tag is left as it stands."""
    return _tags_out(markdown, _MARKDOWN_TAG, every=False)


def _tags_out(document: str, pattern: re.Pattern[str] = _TAG, every: bool = True) -> str:
    """Each tag out of the text: an inline one joining the letters around it (its values
    at the end of its line), any other (``every``) parting them (its values in its place)."""
    out: list[str] = []
    aside: list[str] = []
    last = 0
    for tag in pattern.finditer(document):
        values = " ".join(_VALUE.findall(tag[0]))
        if joins(tag[0]):
            out.append(_line_end(document[last : tag.start()], aside))
            if values:
                aside.append(values)
        elif every:
            out.append(_line_end(document[last : tag.start()], aside))
            out.append(f" {values} " + "\n" * tag[0].count("\n"))
        else:
            continue
        last = tag.end()
    out.append(_line_end(document[last:], aside))
    return "".join(out) + "".join(f" {words} " for words in aside)


def _comments_aside(document: str) -> str:
    """The page with each comment taken out of the text it stands in, so the words
    around it join as a reader sees them ("M<!-- -->onica" is "Monica"), and its words
    put at the end of its line: a comment is in the file a partner receives, and read.
    (A comment over several lines stays where it is, between words, keeping the lines.)"""
    out: list[str] = []
    aside: list[str] = []
    last = 0
    for comment in _COMMENT.finditer(document):
        out.append(_line_end(document[last : comment.start()], aside))
        if "\n" in comment[1]:
            out.append(f" {comment[1]} ")
        else:
            aside.append(comment[1])
        last = comment.end()
    out.append(_line_end(document[last:], aside))
    return "".join(out) + "".join(f" {words} " for words in aside)


def _line_end(text: str, aside: list[str]) -> str:
    """``text`` with the words set aside so far at the end of its first line (when it
    ends one), and the list emptied."""
    end = text.find("\n")
    if not aside or end < 0:
        return text
    words = "".join(f" {each} " for each in aside)
    aside.clear()
    return text[:end] + words + text[end:]
