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

MathML's letters (``<mi>M</mi><mi>o</mi>…``) and an SVG's ``<tspan>`` that is not placed
on its own (no ``x``, ``y``) join too.

What a style sheet draws (``content: "…"``) and what a ``data:`` address holds are read
in their place (``embedded``). An element the page draws unseen (``hidden``,
``display:none``, off the page, transparent, a pixel high, a ``<template>``…:
``html_drawn``) and a ruby annotation are read in place and on their own, and each line
they stand on is read again as drawn, without them: "Beck<span hidden>x</span>with" is
"Beckwith" too; so is a line holding text drawn backwards (``<bdo dir="rtl">``,
``unicode-bidi: bidi-override``), with it turned: ``<bdo dir="rtl">acinoM</bdo>`` is
"Monica". Markdown's inline HTML (``inline_tags_out``) is read the same way.
"""

from __future__ import annotations

import re
from html import escape, unescape

from reflect_cli.errors import InputError
from reflect_cli.i18n.messages import _
from reflect_cli.render.export.embedded import css_text, data_read
from reflect_cli.render.export.html_drawn import (
    ATTRIBUTE,
    NAME,
    STYLE,
    TAG,
    Change,
    Drawn,
    changes,
    rules,
)
from reflect_cli.render.export.shapes import BREAKS

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
        # ruby: the base text joins the words around it ("Haug<ruby>en</ruby>"); its
        # annotation (rt, rp) is read aside too (``html_drawn.ASIDE``)
        "ruby",
        "rb",
        "rt",
        "rp",
        "rtc",
        # MathML: its letters, numbers and operators drawn in a row, one word (not its
        # tables, which part them)
        "math",
        "mi",
        "mn",
        "mo",
        "ms",
        "mtext",
        "mspace",
        "mrow",
        "mstyle",
        "mpadded",
        "menclose",
        "merror",
        "maction",
        "mfenced",
        "semantics",
        "msub",
        "msup",
        "msubsup",
        "munder",
        "mover",
        "munderover",
        "mmultiscripts",
        "mprescripts",
        "mfrac",
        "msqrt",
        "mroot",
    )
)
#: A tag in Markdown: not after a backslash (``\\<b>`` shows "<b>" as typed).
_MARKDOWN_TAG = re.compile(r"(?<!\\)<[^>\n]*>")
#: An attribute value, double-quoted (user text escaped: every ``"`` left is markup).
_VALUE = re.compile(r'"([^"]*)"')
#: An SVG ``<tspan>`` placed where its ``x`` or ``y`` says, not after the text before it.
_PLACED = re.compile(r"\s[xy]\s*=", re.IGNORECASE)
#: An HTML comment.
_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)


def plain(document: str) -> str:
    """The page's text as a reader sees it (see the module's docstring)."""
    document = data_read(document, plain)
    sheet = rules(document)
    document = STYLE.sub(
        lambda m: f" {escape(css_text(m[1]))} " + "\n" * m[0].count("\n"), document
    )
    return _read(_comments_aside(document), sheet, TAG, True)


def inline_tags_out(markdown: str) -> str:
    """Markdown's inline HTML tags out of its text, joining the letters around them as
    a Markdown viewer draws them (``Gr<b>ace</b>`` is "Grace"; not after a backslash,
    which shows the ``<`` as typed), and read again as drawn as a page is (a comment
    inside a word, text hidden or drawn backwards); any other tag is left as it stands."""
    if "<!--" in markdown:
        markdown = _comments_aside(markdown)
    return _read(markdown, {}, _MARKDOWN_TAG, False)


#: A word broken at a hyphen (or a soft hyphen) where the page breaks the line, "Hau-<br>gen",
#: "Hau-</p><p>gen": found from the break (written to start at it, so a page is passed
#: over from one hyphen to the next), the letters around it read after; a soft hyphen
#: written as an entity ("Beck&shy;<br>with") looked for only in a page that has one.
_BREAK = f"(?:[{BREAKS}]|&shy;|&#173;|&#[xX]ad;)"
_LINE_TAGS = (
    r"\s*(?:(?:<br\s*/?>|</?(?:p|div|li|td|th|tr|h[1-6]|blockquote|section|article)\b[^>]*>)"
    r"\s*)+(?=[^\W\d_])"
)
_BROKEN_BY_TAG = re.compile(rf"[{BREAKS}](?<=[^\W\d_][{BREAKS}])(?:{_BREAK})*{_LINE_TAGS}")
_SHY_BY_TAG = re.compile(rf"(?<=[^\W\d_])&(?:shy|#173|#[xX]ad);(?:{_BREAK})*{_LINE_TAGS}")
_SHY = re.compile(r"&(?:shy|#173|#[xX]ad);")
_LETTERS_BEFORE = re.compile(r"[^\W\d_]+\Z")
_LETTERS = re.compile(r"[^\W\d_]+")


def _broken_by_tags(document: str, lines: list[str]) -> None:
    """Each word a line break of the page's own breaks at a hyphen, read whole at the end
    of the line it starts on ("Hau-gen" of "Hau-<br>gen": the joiner is read through)."""
    found = list(_BROKEN_BY_TAG.finditer(document))
    if _SHY.search(document):
        found += _SHY_BY_TAG.finditer(document)
    for broken in found:
        before = _LETTERS_BEFORE.search(document, max(0, broken.start() - 64), broken.start())
        after = _LETTERS.match(document, broken.end())
        if before and after:
            number = document.count("\n", 0, broken.start())
            lines[number] += f"  {before[0]}-{after[0]} "


def _read(document: str, sheet: dict[str, Drawn], pattern: re.Pattern[str], page: bool) -> str:
    """The text of a page (``page``: its entities decoded, every tag out) or of Markdown
    (its other tags left), and each line that is drawn otherwise read again as drawn."""
    shown = _text(document, pattern, page).split("\n")
    if "<" in document:
        _broken_by_tags(document, shown)
    found = changes(document, sheet, pattern)
    if not found:
        return "\n".join(shown)
    # Another reading, as the page is drawn: what is hidden taken out, so that
    # "Beck<span hidden>x</span>with" is "Beckwith", what is drawn backwards turned; each
    # line it changes is read again at its end, and what was hidden is read there on its
    # own too.
    drawn = _text(_as_drawn(document, found, sheet, pattern, page), pattern, page).split("\n")
    lines = list(shown)
    for number, (seen, read) in enumerate(zip(shown, drawn, strict=False)):
        if seen != read:
            lines[number] += f"  {read} "
    for change in found:
        if change.how is Drawn.UNSEEN:
            hidden = " ".join(_text(document[change.start : change.end], pattern, page).split())
            lines[document.count("\n", 0, change.start)] += f"  {hidden} "
    return "\n".join(lines)


#: Elements drawn backwards inside one another, at most: deeper, the page is refused
#: (each level is read again inside the one around it: 5,000 levels took seconds and
#: ran out of Python's stack).
_DEEPEST = 32


def _as_drawn(
    document: str,
    found: list[Change],
    sheet: dict[str, Drawn],
    pattern: re.Pattern[str],
    page: bool,
    depth: int = 0,
) -> str:
    """The page as drawn: each element unseen taken out (its lines kept), each drawn
    backwards with its text (itself read as drawn) turned; an InputError when they nest
    deeper than ``_DEEPEST``."""
    if depth >= _DEEPEST:
        raise InputError(_("nested more than {depth} levels deep").format(depth=_DEEPEST))
    out, last = [], 0
    for change in found:
        out.append(document[last : change.start])
        if change.how is Drawn.UNSEEN:
            out.append("\n" * document.count("\n", change.start, change.end))
        else:
            content = document[change.content_start : change.content_end]
            inner = changes(content, sheet, pattern)
            if inner:
                content = _as_drawn(content, inner, sheet, pattern, page, depth + 1)
            turned = _text(content, pattern, page)[::-1]
            out += [
                document[change.start : change.content_start],
                escape(turned, quote=False) if page else turned,
                document[change.content_end : change.end],
            ]
        last = change.end
    out.append(document[last:])
    return "".join(out)


def _text(document: str, pattern: re.Pattern[str], page: bool) -> str:
    return (
        unescape(_tags_out(document, pattern, page))
        if page
        else _tags_out(document, pattern, False)
    )


def _values(tag: str) -> str:
    """A tag's attribute values, one after another: every double-quoted one (as ever),
    single-quoted and unquoted ones too, and a style's strings decoded."""
    name = NAME.match(tag)
    values = _VALUE.findall(tag)
    for attribute in ATTRIBUTE.finditer(tag[name.end() if name else 1 :].rstrip(">")):
        values += [v for v in attribute.groups()[2:] if v is not None]
        if attribute[1].lower() == "style":
            style = next((v for v in attribute.groups()[1:] if v is not None), "")
            values.append(escape(css_text(unescape(style))))
    return " ".join(values)


def joins(tag: str) -> bool:
    """Whether ``tag`` is drawn inside a word: an inline element's tag on one line (an
    SVG's ``<tspan>`` too, drawn right after the text before it unless placed)."""
    name = NAME.match(tag)
    if name is None or "\n" in tag:
        return False
    element = name[1].lower()
    if element == "tspan":
        return tag.startswith("</") or _PLACED.search(tag) is None
    return element in INLINE


def _tags_out(document: str, pattern: re.Pattern[str] = TAG, every: bool = True) -> str:
    """Each tag out of the text: an inline one joining the letters around it (its values
    at the end of its line), any other (``every``) parting them (its values in its place)."""
    out: list[str] = []
    aside: list[str] = []
    last = 0
    for tag in pattern.finditer(document):
        values = _values(tag[0])
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
