"""A Markdown note's lines as a Markdown viewer draws them, for `check-names`: a link's
text joins the word after it (``[Mon](https://x.org)ica``, ``[Mon][1]ica`` and
``![Mon](x.png)ica`` draw "Monica"), and a highlight (``==Mon==ica``, Obsidian, Typora)
or an insertion (``++Hau++gen``) draws its marks as nothing. Each line drawn otherwise
is read again at its end, as drawn; the line as typed (the link's address too) is read
as ever. (Emphasis and strike-through marks inside a word, ``*Mon*ica``, are read
through by every matcher: ``in_word``; inline HTML by ``html_text``.)
"""

from __future__ import annotations

import re

#: A link or an image: its text in brackets (none inside), then its address and title
#: in parentheses, a reference in brackets, or nothing (a reference by its text).
_LINK = re.compile(r"!?\[([^\[\]\n]*)\](?:\([^()\n]*(?:\([^()\n]*\)[^()\n]*)*\)|\[[^\[\]\n]*\])?")
#: Marks drawn as nothing: a highlight's and an insertion's.
_MARKS = re.compile(r"==|\+\+")


def drawn(text: str) -> str:
    """``text`` with each line a viewer draws otherwise read again at its end."""
    links, marks = "[" in text, "==" in text or "++" in text
    if not (links or marks):
        return text
    read = text
    if links:
        for _ in range(4):  # a link inside a link's text: the innermost first
            before, read = read, _LINK.sub(r"\1", read)
            if read == before:
                break
    if marks:
        read = _MARKS.sub("", read)
    if read == text:
        return text
    return "\n".join(
        typed if typed == shown else f"{typed}  {shown} "
        for typed, shown in zip(text.split("\n"), read.split("\n"), strict=True)
    )
