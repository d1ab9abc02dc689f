"""The one reader of typed numbers (``numbers.py``), and every prompt that reads one.

Every code point of the Unicode number categories (Nd decimal digits, No other numbers
such as ``①`` ``²`` ``½``, Nl letter numbers such as ``Ⅻ``) is tried at the parser, and
generated ones at every prompt that takes a number: the result is the number a person
means or a clear refusal (an ``InputError``, asked again), never a traceback.
"""

from __future__ import annotations

import ast
import sys
import tempfile
import textwrap
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import MINIMAL_PROTOCOL
from reflect_cli import kinds, numbers, typed_text
from reflect_cli.errors import InputError, StoreError
from reflect_cli.model import Kind, Protocol, Question
from reflect_cli.protocols import catalog
from reflect_cli.records.store import Store
from reflect_cli.session.console import ScriptedConsole
from reflect_cli.session.flow import Facilitator
from reflect_cli.session.prefill import Plan, add_participants
from reflect_cli.session.ratings import rating_of

SRC = Path(__file__).resolve().parents[1] / "src" / "reflect_cli"
NUMBER_CATEGORIES = ("Nd", "No", "Nl")
ALL_NUMBER_CHARACTERS = [
    chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) in NUMBER_CATEGORIES
]
number_character = st.characters(categories=NUMBER_CATEGORIES)
#: The zero of every decimal-digit script (its ten digits follow it).
ZEROS = [c for c in ALL_NUMBER_CHARACTERS if unicodedata.decimal(c, -1) == 0]


@pytest.fixture(scope="module")
def protocol(tmp_path_factory: pytest.TempPathFactory) -> Protocol:
    path = tmp_path_factory.mktemp("qs") / "tiny.yaml"
    path.write_text(textwrap.dedent(MINIMAL_PROTOCOL).lstrip("\n"), encoding="utf-8")
    return catalog.load_file(path)


def _question(protocol: Protocol, qid: str) -> Question:
    return next(q for _, q in protocol.questions() if q.id == qid)


# -- the parser ------------------------------------------------------------------------


def test_every_number_character_is_its_digit_or_a_clear_refusal() -> None:
    assert len(ALL_NUMBER_CHARACTERS) > 1500  # the whole of Nd, No and Nl, not a sample
    for c in ALL_NUMBER_CHARACTERS:
        if unicodedata.category(c) == "Nd":
            assert numbers.whole_number(c) == unicodedata.decimal(c), repr(c)
        else:
            with pytest.raises(numbers.NotAWholeNumber, match="is not a digit"):
                numbers.whole_number(c)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("42", 42), (" 7 ", 7), ("٤٢", 42), ("४२", 42), ("４２", 42), ("-3", -3), ("+3", 3)],
)
def test_digits_of_any_one_script_are_the_number(typed: str, meant: int) -> None:
    assert numbers.whole_number(typed) == meant


@pytest.mark.parametrize("typed", ["①", "²", "½", "Ⅻ", "1.5", "1_000", "3a", "1٢", "1" * 5000])
def test_what_only_looks_like_a_number_is_refused_with_a_reason(typed: str) -> None:
    with pytest.raises(numbers.NotAWholeNumber) as refused:
        numbers.whole_number(typed)
    assert isinstance(refused.value, InputError)  # a prompt's re-ask, the CLI's one line
    assert len(str(refused.value)) < 200  # 5,000 digits are not echoed back


@pytest.mark.parametrize("typed", ["", "  ", "Hope", "Strong", "+", "-"])
def test_text_without_a_number_is_no_number(typed: str) -> None:
    assert numbers.whole_number(typed) is None


@given(zero=st.sampled_from(ZEROS), value=st.integers(0, 10**numbers.MAX_DIGITS - 1))
def test_a_number_written_in_any_script_reads_back(zero: str, value: int) -> None:
    typed = "".join(chr(ord(zero) + int(d)) for d in str(value))
    assert numbers.whole_number(typed) == value


@given(st.text(alphabet=st.characters(categories=("Nd", "No", "Nl", "Pd", "Po", "Zs", "L"))))
def test_any_text_is_a_number_none_or_a_refusal(text: str) -> None:
    try:
        result = numbers.whole_number(text)
    except numbers.NotAWholeNumber:
        return
    assert result is None or isinstance(result, int)


# -- every prompt that takes a number ---------------------------------------------------


@given(c=number_character)
@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_choice_scale_multi_and_rating_prompts_take_any_number_character(
    c: str, protocol: Protocol
) -> None:
    meant = unicodedata.decimal(c, None) if unicodedata.category(c) == "Nd" else None
    for qid in ("q-two", "q-three", "q-five"):
        question = _question(protocol, qid)
        for parse in (
            lambda text, q=question: kinds.of(q.kind).parse(q, text),
            lambda text, q=question: kinds.of(q.kind).check_given(q, text),  # answers file
        ):
            try:
                answer = parse(c)
            except InputError as refused:
                if meant is None:
                    assert "is not a digit" in str(refused)
                continue
            assert meant is not None, f"{c!r} taken as {answer!r} at {qid}"
    scale = _question(protocol, "q-three")
    try:
        assert rating_of(scale, c) == meant
    except InputError:
        assert meant is None or not 1 <= meant <= 5


def test_a_scale_takes_a_number_in_another_script(protocol: Protocol) -> None:
    scale = _question(protocol, "q-three")
    assert kinds.of(Kind.SCALE).parse(scale, "٤") == 4
    with pytest.raises(InputError, match="the scale is 1 to 5"):
        kinds.of(Kind.SCALE).parse(scale, "④")


def _plan() -> Plan:
    made = Plan(collaborative="Tiny", site="S", facilitator="F", date="2026-11-01")
    add_participants(made, ["Nguyễn Thị Lan | Library | Librarian"])
    return made


@given(c=number_character)
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_the_wrap_up_number_takes_any_number_character(c: str, protocol: Protocol) -> None:
    # The first question skipped; at "Number to answer it now": c, then Enter to finish
    # (or, when c is 1 in some script, an empty answer to question 1 first).
    console = ScriptedConsole(["/skip", "1", "3", "no", "red", c, "", ""])
    with tempfile.TemporaryDirectory() as folder:
        Facilitator(console, Store(Path(folder)), protocol, _plan()).start()
    shown = "\n".join(console.shown)
    if unicodedata.category(c) != "Nd":
        assert "is not a digit" in shown


@pytest.mark.parametrize("typed", ["①", "²", "Ⅻ"])
def test_which_draft_asks_again_for_a_number_sign(typed: str) -> None:
    from reflect_cli.cli.sessions import _which_draft

    console = ScriptedConsole([typed, "２"])
    assert _which_draft(console, 2) == 2
    assert any("is not a digit" in line for line in console.shown)
    with pytest.raises(StoreError, match="no draft numbered"):
        _which_draft(ScriptedConsole(["3"]), 2)


# -- no second reader ------------------------------------------------------------------

#: Modules that read what people type (prompts, answers files, options).
TYPED = ["cli", "session", "ui", "kinds.py", "dates.py"]
#: ``int(...)`` calls there that do not read typed text, by their exact source.
NOT_TYPED = {
    "int(time.monotonic() - self.began)",  # session/clock.py: seconds, a float
    "int(time.monotonic() - began)",
}


def _modules() -> list[Path]:
    found: list[Path] = []
    for name in TYPED:
        path = SRC / name
        found += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    return found


def test_no_digit_test_outside_the_one_reader() -> None:
    """``str.isdigit()`` is true for ``①`` and ``²`` (and ``isnumeric`` for ``½``): any of
    them where typed text or a file is read is the old traceback coming back."""
    offenders = []
    for path in [*_modules(), *(SRC / "records").rglob("*.py"), *(SRC / "protocols").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("isdigit", "isnumeric", "isdecimal")
            ):
                offenders.append(f"{path.relative_to(SRC)}:{node.lineno}")
    assert offenders == []


def test_no_int_of_typed_text_outside_the_one_reader() -> None:
    offenders = []
    for path in _modules():
        source = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(source)):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("int", "float")
                and ast.get_source_segment(source, node) not in NOT_TYPED
            ):
                offenders.append(f"{path.relative_to(SRC)}:{node.lineno}")
    assert offenders == []


# -- the one decoder of typed bytes ----------------------------------------------------


@given(st.binary(max_size=200))
def test_any_bytes_decode_to_storable_text_with_each_bad_byte_visible(raw: bytes) -> None:
    decoded = typed_text.from_bytes(raw)
    decoded.text.encode("utf-8")  # a record (and a terminal) can hold it
    expected_bad = len(raw.decode("utf-8-sig", errors="surrogateescape")) - len(
        raw.decode("utf-8-sig", errors="ignore")
    )
    assert decoded.undecodable == expected_bad
    assert bool(decoded.warning) == bool(expected_bad)
    if not expected_bad:
        assert decoded.text == raw.decode("utf-8-sig")


@given(st.binary(max_size=200))
def test_bytes_typed_at_a_terminal_read_as_the_editor_reads_them(raw: bytes) -> None:
    typed = raw.decode("utf-8", errors="surrogateescape")  # what Python's stdin gives
    assert typed_text.from_terminal(typed) == typed_text.from_bytes(
        raw.removeprefix(b"\xef\xbb\xbf")
    )


def test_a_latin1_byte_is_kept_as_an_escape() -> None:
    assert typed_text.from_bytes(b"caf\xe9") == typed_text.Decoded("caf\\xe9", 1, 3)
    assert typed_text.from_terminal("Nguy\u1ec5n") == typed_text.Decoded("Nguyễn", 0)


def test_an_editor_writing_invalid_utf8_is_kept_and_warned(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from reflect_cli.ui.rich_console import RichConsole

    editor = tmp_path / "latin1-editor"
    editor.write_text("#!/bin/sh\nprintf 'Ravi: caf\\351 on Fridays\\n' > \"$1\"\n")
    editor.chmod(0o755)
    monkeypatch.setenv("VISUAL", str(editor))
    assert RichConsole(tmp_path).edit("before") == "Ravi: caf\\xe9 on Fridays"
    assert "1 byte typed here was not UTF-8" in " ".join(capsys.readouterr().err.split())
