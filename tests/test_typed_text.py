"""The one decoder of typed bytes: UTF-8 read through another decoder comes back intact,
other bytes are kept as visible escapes, and what is made from typed text (a handle, a
file name) never carries an escape's letters ("josxe9")."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reflect_cli import typed_text
from reflect_cli.records.store import slug
from reflect_cli.session.typed_lines import unique_handle

#: Text people type: any character a file can hold (no lone surrogates).
TYPED = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(max_examples=200, deadline=None)
@given(TYPED)
def test_utf8_read_as_ascii_comes_back_intact(text: str) -> None:
    """LC_ALL=C with PYTHONUTF8=0: Python reads UTF-8 bytes with ASCII, each byte over
    127 a surrogate. The person's text comes through as typed, with no warning."""
    read = text.encode("utf-8").decode("ascii", "surrogateescape")
    assert typed_text.from_terminal(read) == typed_text.Decoded(text, 0)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=60))
def test_any_bytes_decode_to_text_a_file_can_hold(raw: bytes) -> None:
    decoded = typed_text.from_bytes(raw)
    decoded.text.encode("utf-8")  # never a lone surrogate
    again = typed_text.from_terminal(raw.decode("utf-8", "surrogateescape"))
    assert again.text == decoded.text.removeprefix("\ufeff") or raw.startswith(b"\xef\xbb\xbf")
    assert (decoded.undecodable == 0) == (decoded.warning == "")


def test_a_latin1_name_makes_no_escape_letters_in_a_handle_or_file_name() -> None:
    typed = "Jos\udce9 Ruiz"  # a Latin-1 keyboard's é, as Python reads it under LANG=C
    decoded = typed_text.from_terminal(typed)
    assert decoded == typed_text.Decoded("Jos\\xe9 Ruiz", 1)  # kept visibly, and warned
    assert unique_handle(decoded.text, set()) == "jos"
    assert slug(f"North {decoded.text}") == "north-jos-ruiz"
    assert unique_handle("Nguyễn Thị Lan", set()) == "nguyen"
