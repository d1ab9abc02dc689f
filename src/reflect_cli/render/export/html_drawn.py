"""Where a page is drawn otherwise than its text reads, for ``html_text``: an element
drawn nowhere a reader sees it, and one whose letters are drawn backwards.

Not seen: ``hidden``, ``display:none``, ``visibility:hidden``, text of no size (or a
pixel or two, ``font-size:1px``), no or all but no opacity, a transparent colour, text
placed off the page (``position:absolute;left:-9999px``, a ``text-indent`` or
``translate`` of hundreds), no width or height with what overflows cut (``width:0;
overflow:hidden``), clipped away or scaled to nothing, an SVG's ``display="none"``, a
``<template>`` (never drawn), MathML's ``<mphantom>`` and ``<annotation>``, a ruby
annotation, and a class or id a style sheet draws any of these ways.

Backwards: ``<bdo dir="rtl">`` and an element styled ``unicode-bidi: bidi-override;
direction: rtl`` (in its ``style``, an SVG's attributes or a class's rule):
``<bdo dir="rtl">acinoM</bdo>`` is drawn "Monica".
"""

from __future__ import annotations

import re
from enum import Enum
from html import unescape
from typing import NamedTuple

#: A tag (or a comment, a declaration) as it stands in the page.
TAG = re.compile(r"<[^>]*>")
#: A tag's element name, after ``<`` or ``</``.
NAME = re.compile(r"</?\s*([A-Za-z][A-Za-z0-9-]*)")
#: An attribute and its value, double-, single- or not quoted (after the element's name).
ATTRIBUTE = re.compile(r"""([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")

#: Elements read aside as well as in place: a ruby annotation, drawn above its base.
ASIDE = frozenset(("rt", "rp"))
#: Elements never drawn: a template's content, MathML's phantom (space, no ink) and its
#: annotations.
_NEVER_DRAWN = frozenset(("template", "mphantom", "annotation", "annotation-xml"))
#: Elements drawn otherwise by their name alone.
_BY_NAME = ASIDE | _NEVER_DRAWN
#: Elements with no content, whose tag is all there is.
_VOID = frozenset(
    ("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param")
)

#: A style that hides what it is on (or a style sheet's rule's declarations).
_HIDES = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse)"
    # text of no size or no opacity, or too small or faint to see
    r"|(?:font-size|opacity)\s*:\s*[0.]+(?:px|pt|em|rem|%)?\s*(?:[;!}]|$)"
    r"|font-size\s*:\s*(?:[0-2](?:\.\d*)?|\.\d+)\s*(?:px|pt)|font-size\s*:\s*0*\.[01]\d*\s*r?em"
    r"|opacity\s*:\s*0*\.0\d*"
    # a transparent colour: a keyword, an alpha of 0 (rgba, hsla, #rgba, #rrggbbaa)
    r"|(?:(?<![\w-])|text-fill-)color\s*:\s*(?:transparent"
    r"|(?:rgb|hsl)a?\((?:(?:[^,)/]*,){3}|[^)/]*/)\s*0*\.?0*%?\s*\)"
    r"|#[0-9a-f]{3}0\b|#[0-9a-f]{6}00\b)"
    # placed off the page, clipped away, scaled to nothing
    r"|(?<![\w-])(?:left|right|top|bottom|inset[a-z-]*|text-indent|margin[a-z-]*)\s*:\s*-\s*\d{3,}"
    r"|translate[xyz3d]*\(\s*-\s*\d{3,}|scale[xyz3d]*\(\s*0*\.?0*\s*[,)]"
    r"|clip\s*:\s*rect\(|clip-path\s*:\s*(?:inset\(\s*(?:50|[5-9]\d|100)%|circle\(\s*0)",
    re.IGNORECASE,
)
#: No width or height ...
_NO_SIZE = re.compile(
    r"(?<![\w-])(?:max-)?(?:width|height)\s*:\s*(?:0+\.?0*|\.0+)[a-z%]*\s*(?:[;!}]|$)",
    re.IGNORECASE,
)
#: ... and what overflows it cut: nothing of it is drawn.
_CLIPPED = re.compile(r"overflow(?:-[xy])?\s*:\s*(?:hidden|clip)", re.IGNORECASE)
#: Letters drawn in the order given, right to left: backwards.
_OVERRIDE = re.compile(r"unicode-bidi\s*:\s*(?:bidi|isolate)-override", re.IGNORECASE)
_RIGHT_TO_LEFT = re.compile(r"direction\s*:\s*rtl", re.IGNORECASE)

#: A style sheet and its text.
STYLE = re.compile(r"<style\b[^>]*>(.*?)</style\s*>", re.IGNORECASE | re.DOTALL)
#: A style sheet's rule: its selectors and its declarations.
_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")


class Drawn(Enum):
    """How an element is drawn otherwise than its text reads."""

    UNSEEN = "unseen"
    BACKWARDS = "backwards"


class Change(NamedTuple):
    """An element drawn otherwise: where it stands (its tags included) and its content."""

    start: int
    end: int
    how: Drawn
    content_start: int
    content_end: int


def rules(document: str) -> dict[str, Drawn]:
    """How the page's style sheets draw each class (``.name``) and id (``#name``) they
    hide or turn (the declarations of all its rules together)."""
    found: dict[str, str] = {}
    for sheet in STYLE.finditer(document):
        for rule in _RULE.finditer(re.sub(r"/\*.*?\*/", " ", sheet[1], flags=re.DOTALL)):
            for selector in rule[1].split(","):
                last = re.search(r"([.#][\w-]+)\s*$", selector.strip())
                if last is not None:
                    found[last[1]] = found.get(last[1], "") + f";{rule[2]}"
    drawn = {mark: _how("", {}, declarations) for mark, declarations in found.items()}
    return {mark: how for mark, how in drawn.items() if how is not None}


def changes(document: str, sheet: dict[str, Drawn], pattern: re.Pattern[str] = TAG) -> list[Change]:
    """Each element drawn unseen or backwards, outermost only, in order; ``sheet``: how
    the page's style sheets draw its classes and ids (``rules``)."""
    found: list[Change] = []
    tags = list(pattern.finditer(document))
    inside = 0  # where the last change found ends: what is before it is in it
    for index, tag in enumerate(tags):
        name = NAME.match(tag[0])
        if name is None or tag[0][1] == "/" or tag.start() < inside:
            continue
        element = name[1].lower()
        bare = name.end() + 1 == len(tag[0])  # "<td>": no attributes, most tags
        if bare and element not in _BY_NAME:
            continue
        attributes = {} if bare else _attributes(tag[0][name.end() :])
        how = _how(element, attributes, attributes.get("style", ""))
        if how is None and sheet:
            marks = [f".{c}" for c in attributes.get("class", "").split()]
            marks += [f"#{attributes['id']}"] if "id" in attributes else []
            drawn = {sheet[mark] for mark in marks if mark in sheet}
            how = Drawn.UNSEEN if Drawn.UNSEEN in drawn else next(iter(drawn), None)
        if how is None or element in _VOID or tag[0].endswith("/>"):
            continue
        end, content_end = _closed(tags, index, element, len(document))
        found.append(Change(tag.start(), end, how, tag.end(), content_end))
        inside = end
    return found


def _how(element: str, attributes: dict[str, str], style: str) -> Drawn | None:
    if (
        element in ASIDE
        or element in _NEVER_DRAWN
        or "hidden" in attributes
        # an SVG's presentation attributes: display="none", visibility="hidden"
        or attributes.get("display", "").strip().lower() == "none"
        or attributes.get("visibility", "").strip().lower() in {"hidden", "collapse"}
        or (style and _hides(style))
    ):
        return Drawn.UNSEEN
    if element == "bdo" and attributes.get("dir", "").strip().lower() == "rtl":
        return Drawn.BACKWARDS
    if "unicode-bidi" in attributes:  # an SVG's presentation attributes
        style += f";unicode-bidi:{attributes['unicode-bidi']};direction:"
        style += attributes.get("direction", "")
    if "bidi" in style and _OVERRIDE.search(style) and _RIGHT_TO_LEFT.search(style):
        return Drawn.BACKWARDS
    return None


def _hides(style: str) -> bool:
    return _HIDES.search(style) is not None or (
        _NO_SIZE.search(style) is not None and _CLIPPED.search(style) is not None
    )


def _closed(tags: list[re.Match[str]], opened: int, element: str, length: int) -> tuple[int, int]:
    """Where the element opened by ``tags[opened]`` ends, after its closing tag and before
    it (nested ones of its name counted), else where the page does."""
    depth = 0
    for tag in tags[opened:]:
        name = NAME.match(tag[0])
        if name is None or name[1].lower() != element or tag[0].endswith("/>"):
            continue
        depth += -1 if tag[0].startswith("</") else 1
        if depth == 0:
            return tag.end(), tag.start()
    return length, length


def _attributes(text: str) -> dict[str, str]:
    """A tag's attributes (after its name) and their values, names in lower case."""
    found: dict[str, str] = {}
    for attribute in ATTRIBUTE.finditer(text):
        value = next((v for v in attribute.groups()[1:] if v is not None), "")
        found.setdefault(attribute[1].lower(), unescape(value))
    return found
