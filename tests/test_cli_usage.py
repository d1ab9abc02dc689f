"""Usage lines name each argument as people read it, never Typer's ``{files}``."""

from __future__ import annotations

import pytest

from reflect_cli.cli.usage import metavar


@pytest.mark.parametrize(
    ("name", "many", "shown"),
    [
        ("files", True, "FILE..."),
        ("question_ids", True, "QUESTION_ID..."),
        ("ids", True, "ID..."),
        ("session_id", False, "SESSION_ID"),
        ("text", False, "TEXT"),
        ("s", True, "S..."),
    ],
)
def test_an_argument_reads_in_capitals_a_list_in_the_singular(
    name: str, many: bool, shown: str
) -> None:
    assert metavar(name, many) == shown
