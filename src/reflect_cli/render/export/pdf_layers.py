"""A PDF's hidden layers shown, so that ``pdftotext`` reads their text: `check-names`
reads a page as its reader can recover it, not only as a viewer first draws it.

A layer (optional content: ``/OCProperties`` in the document's catalog) may be hidden
when the file opens, and poppler's tools then leave its text out; a reader turns it on
in any viewer's layers panel. The copy read has one more revision appended (as a PDF
writer appends an incremental update, the bytes before it untouched): a catalog with the
same pages and no optional content, so every layer is drawn. (Text drawn invisibly,
white, transparent, clipped away or outside the page is read as it is: ``documents``
reads every page's whole plane; and text as stored where its words are not those of the
reading order: ``stored_only``.)
"""

from __future__ import annotations

import re

from reflect_cli.render.export.pdf_parts import name_pattern

#: The catalog's optional content, however its name is spelled.
_LAYERS = re.compile(name_pattern("OCProperties"))
#: The catalog's page tree (only a catalog refers to one by this key).
_PAGES = re.compile(name_pattern("Pages") + rb"\s+(\d+)\s+(\d+)\s+R")
_SIZE = re.compile(name_pattern("Size") + rb"\s+(\d+)")
_START = re.compile(rb"startxref\s+(\d+)")


def every_layer_shown(data: bytes, streams: list[bytes]) -> bytes | None:
    """The PDF ``data`` with every layer shown, or None when it has no layers (or no
    page tree to show); ``streams``: its streams inflated (``pdf_parts.inflated``),
    where a PDF 1.5 keeps its catalog."""
    if not any(_LAYERS.search(chunk) for chunk in (data, *streams)):
        return None
    pages = [m for chunk in (data, *streams) for m in _PAGES.finditer(chunk)]
    starts = _START.findall(data)
    sizes = [int(size) for size in _SIZE.findall(data)]
    if not pages or not starts or not sizes:
        return None
    number = max(sizes)  # the next free object number
    body = data if data.endswith(b"\n") else data + b"\n"
    at = len(body)
    page_tree = b"%s %s R" % (pages[-1][1], pages[-1][2])
    body += b"%d 0 obj\n<< /Type /Catalog /Pages %s >>\nendobj\n" % (number, page_tree)
    table = len(body)
    body += b"xref\n%d 1\n%010d 00000 n \n" % (number, at)
    body += b"trailer\n<< /Size %d /Root %d 0 R /Prev %s >>\n" % (number + 1, number, starts[-1])
    return body + b"startxref\n%d\n%%%%EOF\n" % table


def stored_only(layout: str, raw: str) -> list[str]:
    """The lines of a PDF's text as stored (``pdftotext -raw``) holding a word its
    text in reading order (``-layout``) lacks: letters drawn over one another (a name
    squeezed to no width, "Haugen" read "Huge" as one bold letter each), text drawn
    mirrored ("neguaH"). Only those: every other word is read on its page's line."""
    if raw == layout:
        return []
    known = set(layout.split())
    lines = raw.replace("\f", "\n").split("\n")
    return [" ".join(line.split()) for line in lines if not known.issuperset(line.split())]
