"""A Markdown note's lines as a Markdown viewer draws them, for `check-names`: a link's
text joins the word after it (``[Mon](https://x.org)ica``, ``[Mon][1]ica`` and
``![Mon](x.png)ica`` draw "Monica"). Each line drawn otherwise is read again at its
end, as drawn; the line as typed (the link's address too) is read as ever. (Emphasis,
strike-through, highlight and insertion marks inside a word, ``*Mon*ica``,
``==Mon==ica``, are read through by every matcher: ``in_word``; inline HTML by
``html_text``.)
"""

from __future__ import annotations

import re

#: A link or an image: its text in brackets (none inside), then its address and title
#: in parentheses, a reference in brackets, or nothing (a reference by its text).
_LINK = re.compile(r"!?\[([^\[\]\n]*)\](?:\([^()\n]*(?:\([^()\n]*\)[^()\n]*)*\)|\[[^\[\]\n]*\])?")


def drawn(text: str) -> str:
    """``text`` with each line a viewer draws otherwise read again at its end."""
    if "[" not in text:
        return text
    read = text
    for _ in range(4):  # a link inside a link's text: the innermost first
        before, read = read, _LINK.sub(r"\1", read)
        if read == before:
            break
    if read == text:
        return text
    return "\n".join(
        typed if typed == shown else f"{typed}  {shown} "
        for typed, shown in zip(text.split("\n"), read.split("\n"), strict=True)
    )
