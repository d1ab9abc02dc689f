"""The facilitator's --name/--word decisions: one word that could be part of a name,
kept folded for the folder; anything else refused in one line with the text escaped."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import make_session
from reflect_cli.errors import InputError
from reflect_cli.folding import fold
from reflect_cli.records import word_choices
from reflect_cli.records.word_choices import LONGEST, _one_word, decide, load


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("Hope", "hope"),
        ("  May ", "may"),
        ("O'Neil", "o'neil"),
        ("O’Neil", "o'neil"),
        ("Nguyễn", "nguyen"),
        ("Yılmaz", "yilmaz"),
        ("李雷", "李雷"),
        ("Kaʻahumanu", "ka'ahumanu"),
        ("देव", fold("देव")),
        ("x" * LONGEST, "x" * LONGEST),
    ],
)
def test_one_word_of_a_name_is_kept_folded(typed: str, kept: str) -> None:
    assert _one_word(typed) == kept


@pytest.mark.parametrize(
    ("typed", "why"),
    [
        ("", "one word each, not ''"),
        ("   ", "one word each, not '   '"),
        ("Hope Diaz", "give each word its own"),
        ("Hope\tDiaz", "control"),
        ("Ho\x1bpe", "control"),
        ("Ho\u200bpe", "invisible"),
        ("Hope\udce9", "invisible"),  # a byte that was not UTF-8, as argv gives it
        ("Ho\u202epe", "invisible"),
        ("...", "of letters"),
        ("-", "of letters"),
        ("'", "of letters"),
        ("Hope!", "of letters"),
        ("Ana-María", "of letters"),
        ("monica_haugen", "of letters"),
        ("R2D2", "of letters"),
        ("'Hope", "of letters"),
        ("x" * (LONGEST + 1), "at most 60 characters"),
    ],
)
def test_anything_else_is_refused_in_one_line(typed: str, why: str) -> None:
    with pytest.raises(InputError) as refused:
        _one_word(typed)
    message = str(refused.value)
    assert why in message and "\n" not in message and message.isprintable()
    assert len(message) < 450  # an over-long paste is cut short, not repeated whole


@settings(max_examples=300, deadline=None)
@given(typed=st.text() | st.text(st.characters(codec="utf-8"), max_size=3).map(lambda t: t * 30))
def test_any_text_is_one_word_or_one_refusal(typed: str) -> None:
    """Arbitrary text (controls, surrogates, any script, long runs): either one folded word
    that the matcher can meet, or an InputError of one printable line; never anything else."""
    try:
        kept = _one_word(typed)
    except InputError as refused:
        message = str(refused)
        assert message.startswith("--name/--word take one word")
        assert "\n" not in message and message.isprintable() and len(message) < 450
        return
    assert kept and kept == fold(kept) and len(kept) <= LONGEST
    assert kept.split() == [kept]
    with tempfile.TemporaryDirectory() as top:
        decided = decide(Path(top), [typed], [])
        assert decided.names == {kept} and load(Path(top)).names == {kept}


def test_a_refused_word_keeps_nothing(sessions_dir: Path) -> None:
    sessions_dir.mkdir()
    decide(sessions_dir, ["Hope"], [])
    before = word_choices.where(sessions_dir).read_bytes()
    with pytest.raises(InputError):
        decide(sessions_dir, ["Grace"], ["May June"])
    assert word_choices.where(sessions_dir).read_bytes() == before
    assert json.loads(before)["names"] == ["hope"]


@pytest.mark.parametrize("typed", ["", "  ", "Hope Diaz", "Ho\x1b]0;x\x07pe", "...", "y" * 500])
def test_export_refuses_a_bad_decision_in_one_line_exit_2(
    cli: Any, sessions_dir: Path, typed: str
) -> None:
    make_session(sessions_dir, "partnership-reflection")
    result = cli("export", "--redact", "--name", typed)
    assert result.exit_code == 2, result.stdout
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "--name/--word take one word" in result.stderr
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert not word_choices.where(sessions_dir).exists()
