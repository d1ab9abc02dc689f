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
    assert decoded == typed_text.Decoded("Jos\\xe9 Ruiz", 1, 3)  # kept visibly, and warned
    assert "byte 0xE9 at character 4 kept as \\xe9" in decoded.warning
    assert unique_handle(decoded.text, set()) == "jos"
    assert slug(f"North {decoded.text}") == "north-jos-ruiz"
    assert unique_handle("Nguyễn Thị Lan", set()) == "nguyen"


@settings(max_examples=300, deadline=None)
@given(
    st.binary(max_size=80)
    | st.lists(st.sampled_from([b"ab", b"\n", b"\xe9", b"\xc3\xa9"])).map(b"".join)
)
def test_the_warning_names_the_first_bad_byte_and_where_it_is(raw: bytes) -> None:
    """The facilitator can find the byte: its value, its line (in an editor's file of
    several lines) and its character in the line, counted as the kept text shows them."""
    decoded = typed_text.from_bytes(raw)
    try:
        raw.decode("utf-8-sig")
    except UnicodeDecodeError as bad:
        start = bad.start
    else:
        assert decoded.warning == ""
        return
    before = raw[:start].decode("utf-8-sig")
    column = len(before) - (before.rfind("\n") + 1) + 1
    escape = f"\\x{raw[start]:02x}"
    assert f"byte 0x{raw[start]:02X} at " in decoded.warning
    assert f"character {column} kept as {escape};" in decoded.warning
    if "\n" in decoded.text.rstrip("\n"):
        assert f"at line {before.count(chr(10)) + 1}, character {column} " in decoded.warning
    lines = decoded.text.split("\n")
    assert lines[before.count("\n")][column - 1 :].startswith(escape)  # found where it says
    assert "\n" not in decoded.warning


def test_the_warning_reads_as_a_sentence() -> None:
    assert typed_text.from_bytes(b"caf\xe9").warning == (
        "1 byte typed here was not UTF-8: byte 0xE9 at character 4 kept as \\xe9; "
        "set the terminal or editor to UTF-8 (LANG=C.UTF-8)"
    )
    assert typed_text.from_bytes(b"ok\ncr\xe8me \xff\n").warning.startswith(
        "2 bytes typed here were not UTF-8 and are kept as escapes; the first: "
        "byte 0xE8 at line 2, character 3 kept as \\xe8; "
    )
    # getpass's bytes are gone: how many, never where.
    assert "kept as an escape (such as \\xe9)" in typed_text.Decoded("", 1).warning
