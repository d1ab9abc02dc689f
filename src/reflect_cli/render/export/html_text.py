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

What a style sheet draws (``content: "…"``) and what a ``data:`` address holds are read
in their place (``embedded``). An element the page hides (``hidden``, ``display:none``,
``visibility:hidden``, no size or opacity, an SVG's ``display="none"``, a class or id a
style sheet hides so) and a ruby annotation are read in place and on their own, and
each line they stand on is read again as drawn, without them: "Beck<span
hidden>x</span>with" is "Beckwith" too.
"""

from __future__ import annotations

import re
from html import escape, unescape

from reflect_cli.render.export.embedded import css_text, data_read

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
        # annotation (rt, rp) is read aside too (``_ASIDE``)
        "ruby",
        "rb",
        "rt",
        "rp",
        "rtc",
    )
)
#: Elements read aside as well as in place: a ruby annotation, drawn above its base.
_ASIDE = frozenset(("rt", "rp"))
#: Elements with no content, whose tag is all there is.
_VOID = frozenset(
    ("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param")
)

#: A tag (or a comment, a declaration) as it stands in the page.
_TAG = re.compile(r"<[^>]*>")
#: A tag in Markdown: not after a backslash (``\\<b>`` shows "<b>" as typed).
_MARKDOWN_TAG = re.compile(r"(?<!\\)<[^>\n]*>")
#: A tag's element name, after ``<`` or ``</``.
_NAME = re.compile(r"</?\s*([A-Za-z][A-Za-z0-9-]*)")
#: An attribute value, double-quoted (user text escaped: every ``"`` left is markup).
_VALUE = re.compile(r'"([^"]*)"')
#: An attribute and its value, double-, single- or not quoted (after the element's name).
_ATTRIBUTE = re.compile(r"""([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
#: A style that hides what it is on (or a style sheet's rule's declarations).
#: (Text of no size or no opacity is not drawn either.)
_HIDES = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse)"
    r"|(?:font-size|opacity)\s*:\s*[0.]+(?:px|pt|em|rem|%)?\s*(?:[;!}]|$)",
    re.IGNORECASE,
)
#: A style sheet and its text.
_STYLE = re.compile(r"<style\b[^>]*>(.*?)</style\s*>", re.IGNORECASE | re.DOTALL)
#: A style sheet's rule: its selectors and its declarations.
_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
#: An HTML comment.
_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)


def plain(document: str) -> str:
    """The page's text as a reader sees it (see the module's docstring)."""
    document = data_read(document, plain)
    hiding = _hiding(document)
    document = _STYLE.sub(
        lambda m: f" {escape(css_text(m[1]))} " + "\n" * m[0].count("\n"), document
    )
    document = _comments_aside(document)
    shown = unescape(_tags_out(document)).split("\n")
    ranges = _hidden(document, hiding)
    if not ranges:
        return "\n".join(shown)
    # Another reading, as the page is drawn: what is hidden taken out, so that
    # "Beck<span hidden>x</span>with" is "Beckwith"; each line it changes is read again at
    # its end, and what was hidden is read there on its own too.
    without, last = [], 0
    for start, end in ranges:
        without += [document[last:start], "\n" * document.count("\n", start, end)]
        last = end
    without.append(document[last:])
    drawn = unescape(_tags_out("".join(without))).split("\n")
    lines = list(shown)
    for number, (seen, read) in enumerate(zip(shown, drawn, strict=False)):
        if seen != read:
            lines[number] += f"  {read} "
    for start, end in ranges:
        hidden = " ".join(unescape(_tags_out(document[start:end])).split())
        lines[document.count("\n", 0, start)] += f"  {hidden} "
    return "\n".join(lines)


def _hiding(document: str) -> frozenset[str]:
    """The classes (``.name``) and ids (``#name``) the page's style sheets hide."""
    found: set[str] = set()
    for sheet in _STYLE.finditer(document):
        for rule in _RULE.finditer(_strip_comments(sheet[1])):
            if _HIDES.search(rule[2]):
                for selector in rule[1].split(","):
                    last = re.search(r"([.#][\w-]+)\s*$", selector.strip())
                    if last is not None:
                        found.add(last[1])
    return frozenset(found)


def _strip_comments(sheet: str) -> str:
    return re.sub(r"/\*.*?\*/", " ", sheet, flags=re.DOTALL)


def _hidden(document: str, hiding: frozenset[str]) -> list[tuple[int, int]]:
    """Where each hidden element (``hidden``, a style or a class that hides it) and ruby
    annotation stands, its tags included, outermost only, in order."""
    ranges: list[tuple[int, int]] = []
    tags = list(_TAG.finditer(document))
    for index, tag in enumerate(tags):
        name = _NAME.match(tag[0])
        if name is None or tag[0].startswith("</") or (ranges and tag.start() < ranges[-1][1]):
            continue
        element = name[1].lower()
        attributes = _attributes(tag[0][name.end() :])
        classes = {f".{c}" for c in attributes.get("class", "").split()}
        marks = classes | ({f"#{attributes['id']}"} if "id" in attributes else set())
        if not (
            element in _ASIDE
            or "hidden" in attributes
            or _HIDES.search(attributes.get("style", ""))
            # an SVG's presentation attributes: display="none", visibility="hidden"
            or attributes.get("display", "").strip().lower() == "none"
            or attributes.get("visibility", "").strip().lower() in {"hidden", "collapse"}
            or marks & hiding
        ):
            continue
        if element in _VOID or tag[0].endswith("/>"):
            continue
        ranges.append((tag.start(), _closed(tags, index, element, len(document))))
    return ranges


def _closed(tags: list[re.Match[str]], opened: int, element: str, length: int) -> int:
    """Where the element opened by ``tags[opened]`` ends: after its closing tag (nested
    ones of its name counted), else where the page does."""
    depth = 0
    for tag in tags[opened:]:
        name = _NAME.match(tag[0])
        if name is None or name[1].lower() != element or tag[0].endswith("/>"):
            continue
        depth += -1 if tag[0].startswith("</") else 1
        if depth == 0:
            return tag.end()
    return length


def _attributes(text: str) -> dict[str, str]:
    """A tag's attributes (after its name) and their values, names in lower case."""
    found: dict[str, str] = {}
    for attribute in _ATTRIBUTE.finditer(text):
        value = next((v for v in attribute.groups()[1:] if v is not None), "")
        found.setdefault(attribute[1].lower(), unescape(value))
    return found


def _values(tag: str) -> str:
    """A tag's attribute values, one after another: every double-quoted one (as ever),
    single-quoted and unquoted ones too, and a style's strings decoded."""
    name = _NAME.match(tag)
    values = _VALUE.findall(tag)
    for attribute in _ATTRIBUTE.finditer(tag[name.end() if name else 1 :].rstrip(">")):
        values += [v for v in attribute.groups()[2:] if v is not None]
        if attribute[1].lower() == "style":
            style = next((v for v in attribute.groups()[1:] if v is not None), "")
            values.append(escape(css_text(unescape(style))))
    return " ".join(values)


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
