"""Text a page holds in another form than its own words, for ``html_text``: what a style
sheet draws (``content: "Monica Haugen"``, a string with CSS escapes, ``"Mon" "ica"``
drawn as one word) and what a ``data:`` address carries (an SVG's ``<text>``, an HTML
page, plain text; base64 or percent-encoded), in a page, an SVG or a Markdown image
link. Each is read as a reader's browser would draw or open it.

A ``data:`` address of a kind that holds no typed text (a picture, a sound, a font) is
passed over; one of any other kind (a PDF, a zip, bytes of no stated kind) cannot be read
here and is refused in one line: a document read in part is never reported clean.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable
from html import escape, unescape
from urllib.parse import unquote, unquote_to_bytes

from reflect_cli.errors import InputError
from reflect_cli.i18n.messages import _

#: A ``data:`` address up to its comma: its media type and its parameters (``;base64``).
_DATA = re.compile(
    r"(?<![\w-])data:\s*([a-z0-9!#$&^_.+-]+/[a-z0-9!#$&^_.+-]+)?((?:\s*;[^,;\s\"'<>()]*)*)\s*,",
    re.IGNORECASE,
)
#: Where an address ends, by what stands before it: a quote, a bracket, or nothing.
_ENDS = {'"': '"', "'": "'", "(": ")"}
_BARE_END = re.compile(r"[\s\"'<>)]")
#: Kinds with no typed text in them: passed over.
_MEDIA = re.compile(r"(image|audio|video|font)/|application/(x-)?font|application/vnd\.ms-font")
#: Kinds read as a page is (its text and attribute values: an SVG's labels).
_MARKUP = re.compile(r"[/+](svg|html|xhtml|xml)(\+xml)?$")
#: The nesting read at most (a data: SVG holding a data: SVG…).
_DEEPEST = 4

#: A CSS string, double- or single-quoted, its escapes as written.
_CSS_STRING = re.compile(r"\"((?:[^\"\\\n]|\\.|\\\n)*)\"|'((?:[^'\\\n]|\\.|\\\n)*)'")
_CSS_COMMENT = re.compile(r"/\*(.*?)\*/", re.DOTALL)
_CSS_URL = re.compile(r"url\(\s*([^\"')][^)]*)\)", re.IGNORECASE)
#: A ``content`` declaration's value: its strings are drawn one after another, as one.
_CONTENT = re.compile(r"content\s*:([^;}]*)", re.IGNORECASE)
_CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})\s?|\\\n|\\(.)")


def data_read(text: str, read: Callable[[str], str], depth: int = 0) -> str:
    """``text`` with each ``data:`` address's contents replaced by the text it holds
    (``read``: how a page in it is read), escaped as HTML, on one line (its own line
    breaks kept after it, so the lines after it keep their numbers)."""
    out: list[str] = []
    last = 0
    for found in _DATA.finditer(text):
        if found.start() < last:
            continue
        before = text[found.start() - 1] if found.start() else ""
        if before in _ENDS:
            end = text.find(_ENDS[before], found.end())
            end = len(text) if end < 0 else end
        else:
            bare = _BARE_END.search(text, found.end())
            end = bare.start() if bare else len(text)
        payload = text[found.end() : end]
        kind = (found[1] or "text/plain").lower()
        held = _held(kind, found[2].lower(), payload, read, depth)
        out.append(text[last : found.start()])
        out.append(f"data:{kind}, {escape(' '.join(held.split()))} " + "\n" * payload.count("\n"))
        last = end
    out.append(text[last:])
    return "".join(out)


def _held(kind: str, parameters: str, payload: str, read: Callable[[str], str], depth: int) -> str:
    """The text a ``data:`` address of ``kind`` holds ("" for a picture, a font…)."""
    if _MEDIA.match(kind) and not _MARKUP.search(kind):
        return ""
    if depth >= _DEEPEST:
        raise InputError(_("a data: address nested over {count} deep").format(count=_DEEPEST))
    raw = unescape(payload)  # an attribute's entities (&amp;) come before the address's
    if "base64" in parameters.replace(" ", "").split(";"):
        letters = re.sub(r"[^A-Za-z0-9+/_-]", "", unquote(raw))
        letters = letters.replace("-", "+").replace("_", "/")
        try:
            data = base64.b64decode(letters + "=" * (-len(letters) % 4))
        except (binascii.Error, ValueError):
            raise InputError(_("a data: address whose base64 cannot be decoded")) from None
    else:
        data = unquote_to_bytes(raw)
    charset = re.search(r"charset=([\w.:-]+)", parameters)
    try:
        decoded = data.decode(charset[1] if charset else "utf-8", errors="replace")
    except LookupError:
        decoded = data.decode("utf-8", errors="replace")
    if _MARKUP.search(kind):
        return read(data_read(decoded, read, depth + 1))
    if kind.startswith("text/") or kind.endswith(("/json", "+json")):
        return data_read(decoded, read, depth + 1)
    raise InputError(
        _(
            "a data: address holding {kind}, which cannot be read here: check what it holds "
            "on its own"
        ).format(kind=kind)
    )


def css_text(sheet: str) -> str:
    """What a style sheet (or a ``style`` attribute) may draw or says: its strings
    (escapes undone; a ``content`` declaration's strings also as one, as drawn), its
    comments and its unquoted ``url()`` addresses, one after another on a line."""
    words = [_css_unescaped(a or b) for a, b in _CSS_STRING.findall(sheet)]
    for declaration in _CONTENT.finditer(sheet):
        parts = _CSS_STRING.findall(declaration[1])
        if len(parts) > 1:
            words.append("".join(_css_unescaped(a or b) for a, b in parts))
    words += _CSS_COMMENT.findall(sheet)
    words += _CSS_URL.findall(sheet)
    return " ".join(" ".join(word.split()) for word in words if word.strip())


def _css_unescaped(text: str) -> str:
    """A CSS string's escapes undone: ``\\4D onica`` is "Monica"."""

    def one(match: re.Match[str]) -> str:
        if match[1]:
            code = int(match[1], 16)
            return chr(code) if 0 < code <= 0x10FFFF else "\ufffd"
        return match[2] or ""

    return _CSS_ESCAPE.sub(one, text)
