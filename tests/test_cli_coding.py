"""`reflect codes` and `reflect code` as a person runs them: one line and exit 2 for bad
input, data on standard output, and search hits that name their passages."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from conftest import make_session
from reflect_cli.coding import codings

Cli = Callable[..., object]


def test_init_list_show_add_validate(sessions_dir: Path, cli: Cli) -> None:
    make_session(sessions_dir, "partnership-reflection")
    result = cli("codes", "init")
    assert result.exit_code == 0, result.stderr
    assert cli("codes", "init").exit_code == 2  # never overwritten unasked
    listed = cli("codes", "list")
    assert "trust-relationships" in listed.stdout and "repair-feedback" in listed.stdout
    shown = cli("codes", "show", "Turnover")
    assert "“turnover in leadership”" in shown.stdout
    added = cli(
        "codes",
        "add",
        "bus-routes",
        "--name",
        "Bus routes",
        "--parent",
        "coordination-communication",
        "--keyword",
        "bus",
    )
    assert added.exit_code == 0, added.stderr
    assert "bus-routes" in cli("codes", "list").stdout
    valid = cli("codes", "validate")
    assert valid.exit_code == 0 and "ok (11 codes)" in valid.stdout
    bad = cli("codes", "add", "x", "--name", "X", "--colour", "blue")
    assert bad.exit_code == 2 and bad.stderr.count("\n") == 1 and "codebook.yaml" in bad.stderr


def test_validate_names_file_and_line(tmp_path: Path, cli: Cli) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text("codes:\n  - id: a\n    name: A\n    parent: zz\n", encoding="utf-8")
    result = cli("codes", "validate", str(path))
    assert result.exit_code == 2 and result.stderr.startswith(f"reflect: {path}:4:")
    assert "Traceback" not in result.stderr


def test_code_needs_a_coder_and_a_codebook(sessions_dir: Path, cli: Cli, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("REFLECT_CODER", raising=False)
    make_session(sessions_dir, "partnership-reflection", answers={"equity-issues": "monica: Hi."})
    assert cli("code").exit_code == 2
    result = cli("code", "--coder", "ana")
    assert result.exit_code == 2 and "codes init" in result.stderr
    cli("codes", "init")
    result = cli("code", "--coder", "../evil")
    assert result.exit_code == 2 and "coder" in result.stderr
    assert not (sessions_dir.parent / "evil.yaml").exists()


def test_code_with_piped_input_saves_each_decision(sessions_dir: Path, cli: Cli) -> None:
    sid = make_session(
        sessions_dir,
        "partnership-reflection",
        answers={"equity-issues": "monica: Trust first.\nshana: Turnover hurt."},
    )
    cli("codes", "init")
    record = (sessions_dir / f"{sid}.yaml").read_bytes()
    result = cli("code", "--coder", "ana", "--question", "equity-issues", input="1\n")
    assert result.exit_code == 1  # input ended after one decision: it is kept
    saved = codings.load(sessions_dir, "ana").all()
    assert [str(c.address) for c in saved] == [f"{sid}/equity-issues/1"]
    assert (sessions_dir / f"{sid}.yaml").read_bytes() == record  # never into the record
    again = cli("code", "--coder", "ana", "--question", "equity-issues", input="2\n")
    assert again.exit_code == 0 and "1 passage coded" in again.stderr
    assert cli("code", "--coder", "ana", "--question", "equity-issues").exit_code == 0


def test_search_hits_name_their_passages(sessions_dir: Path, cli: Cli) -> None:
    sid = make_session(
        sessions_dir,
        "partnership-reflection",
        answers={
            "equity-issues": "monica: Trust first.\n\nshana: Turnover hurt.\njo: turnover again"
        },
    )
    result = cli("search", "turnover", "--json")
    hits = json.loads(result.stdout)["hits"]
    answer = next(h for h in hits if h["where"] == "answer")
    assert answer["passages"] == [f"{sid}/equity-issues/3", f"{sid}/equity-issues/4"]


def test_an_option_typo_is_one_line_and_exit_2(sessions_dir: Path) -> None:
    import subprocess
    import sys

    for args in (["code", "--coder", "ana", "--qestion", "x"], ["codes", "report", "--qestion"]):
        done = subprocess.run(
            [sys.executable, "-m", "reflect_cli", *args], capture_output=True, text=True
        )
        assert done.returncode == 2 and done.stdout == ""
        assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
        assert done.stderr.startswith("reflect: no such option: --qestion")
        assert "--question" in done.stderr  # what was meant, among the options offered
