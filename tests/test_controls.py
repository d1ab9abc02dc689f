"""Control characters shown as escapes: everything else exactly as typed."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from reflect_cli.controls import json_safe, visible


def test_escapes_shown() -> None:
    assert visible("a\x1b]8;;http://x\x07b") == "a\\x1b]8;;http://x\\x07b"
    assert visible("\x9b2J \x7f \x00 \u2028") == "\\x9b2J \\x7f \\x00 \\u2028"
    assert visible("line\nnext\ttab") == "line\nnext\ttab"
    assert visible("a\r\nb\rc") == "a\\x0d\nb\\x0dc"
    assert visible("a\r\nb\rc", crlf=True) == "a\r\nb\\x0dc"
    # A right-to-left override would make "Monica \u202eetirw" read backwards.
    assert visible("x\u202ey\u2066z\u2069") == "x\\u202ey\\u2066z\\u2069"
    assert visible("\u202e", crlf=True) == "\\u202e"
    # Marks that move neutral characters across, and tags that hide text ("Mon" + tag "X").
    assert visible("a\u200fb\u061cc\u200e") == "a\\u200fb\\u061cc\\u200e"
    assert visible("Mon\U000e0058") == "Mon\\U000e0058"


@given(st.text())
def test_nothing_a_terminal_acts_on_is_left(text: str) -> None:
    shown = visible(text)
    assert not re.search(
        r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e"
        r"\u2066-\u2069\U000e0000-\U000e007f]",
        shown,
    )
    assert visible(shown) == shown  # once is enough
    assert shown == text or re.search(r"\\(x[0-9a-f]{2}|u[02]|U000e)", shown)


def test_json_safe_reads_back_exactly() -> None:
    import json

    value = {
        "text": "csi \x9b2J del \x7f esc \x1b ls \u2028 rlo \u202e rlm \u200f tag \U000e0041 café"
    }
    document = json_safe(json.dumps(value, ensure_ascii=False))
    assert not re.search(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202e]", document)
    assert json.loads(document) == value and "café" in document
