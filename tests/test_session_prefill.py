"""An answers file is decoded strictly: each problem is one line naming the file, the
line and the key, exit status 2, no traceback and no session started."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import BOMB

# (the answers file, what the one line must say after "answers.yaml:")
CASES = {
    "wrong type": ("collaborative: [a, b]\n", "1: collaborative: must be text, not a list"),
    "impossible date": ("date: 2026-02-30\n", "1: date: '2026-02-30' is not a real date"),
    "impossible due date": (
        "actions: [{text: Call, due: 2026-13-01}]\n",
        "1: due: '2026-13-01' is not a real date",
    ),
    "4,301-digit integer": ("site: " + "9" * 4301 + "\n", "1: site: number too long"),
    ".inf": ("site: .inf\n", "1: site: must be text, not .inf (quote it)"),
    ".nan in a scale answer": (
        "answers: {shared-leadership: .nan}\n",
        "1: answer to 'shared-leadership' must be a whole number",
    ),
    "a flag where text goes": ("facilitator: yes\n", "1: facilitator: must be text, not true"),
    "unknown key": ("colaborative: C\n", "1: colaborative: unknown key; known: collaborative"),
    "empty participant name": (
        "participants: [{name: '', organization: PTA}]\n",
        "1: participants[0].name: is empty",
    ),
    "blank roster line": ("participants: ['  ']\n", "1: participants[0]: is empty"),
    "unknown follow-up status": (
        "follow_up: [{text: Call, status: finished}]\n",
        "1: follow_up[0].status: not one of open, in progress, done, dropped: 'finished'",
    ),
    "duplicate key": ("site: A\nsite: B\n", "2: duplicate key 'site'"),
    "participants: 5": ("participants: 5\n", "1: participants: must be a list, not the number 5"),
    "participants: Alice": (
        "participants: Alice\n",
        "1: participants: must be a list, not 'Alice'",
    ),
    "answers: [a]": (
        "answers: [a]\n",
        "1: answers: must be a mapping of keys to values, not a list",
    ),
    "intro: hello": (
        "intro: hello\n",
        "1: intro: must be a mapping of keys to values, not 'hello'",
    ),
    "a bad handle": (
        "participants: [{name: May, handle: 'May Lin'}]\n",
        "1: participants[0]: handle 'may lin': use lower-case letters",
    ),
    "credits not a list": (
        "answers: {shared-leadership: {answer: 3, credits: may}}\n",
        "1: answers.shared-leadership.credits: must be a list, not 'may'",
    ),
    "an answer that does not fit": (
        "site: S\nanswers:\n  partnership-type-now: [Cooperative]\n",
        "3: answer to 'partnership-type-now' must be one of the choices",
    ),
    "not a mapping": ("- a\n- b\n", " an answers file is a mapping of keys"),
    "alias bomb": (BOMB, "6: document expands to more than 100,000 values"),
    "deep nesting": ("[" * 200 + "]" * 200 + "\n", "1: nested more than 100 levels deep"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_each_problem_is_one_line_naming_file_line_and_key(
    cli: Any, write_yaml: Any, sessions_dir: Path, case: str
) -> None:
    body, expected = CASES[case]
    answers = write_yaml("answers.yaml", body)
    result = cli(
        "start",
        "equitable-partnerships",
        "--answers",
        str(answers),
        "--no-input",
        "--collaborative",
        "C",
        "--facilitator",
        "F",
    )
    assert result.exit_code == 2, result.stderr
    assert result.stderr.startswith(f"reflect: {answers}:{expected}"), result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert not list(sessions_dir.glob("*.yaml")), "no session may start"


def test_an_intro_step_and_notes_read_as_before(cli: Any, write_yaml: Any) -> None:
    answers = write_yaml(
        "answers.yaml",
        """
        collaborative: Northgate
        facilitator: Alex
        date: 20261122
        participants: ["May Lin | PTA | Parent", {name: Hope Ortiz, organization: Parks}]
        intro: {watch-video: done}
        notes: [Follow up with May, {text: Quiet today, question: shared-values}]
        """,
    )
    result = cli("start", "--answers", str(answers), "--no-input")
    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize("special", ["fifo", "/dev/zero"])
def test_a_fifo_or_a_device_answers_at_once(tmp_path: Path, special: str) -> None:
    target = tmp_path / "answers.yaml"
    if special == "fifo":
        os.mkfifo(target)
    else:
        target = Path(special)
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "reflect_cli", "start", "--answers", str(target), "--no-input"],
        capture_output=True,
        text=True,
        timeout=20,
        cwd=tmp_path,
    )
    assert time.monotonic() - started < 10
    assert result.returncode == 2, result.stderr
    assert str(target) in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


PLAIN = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8) | st.dates(),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)
KEYS = st.sampled_from(
    (
        "collaborative",
        "site",
        "facilitator",
        "date",
        "participants",
        "intro",
        "answers",
        "actions",
        "notes",
    )
)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.dictionaries(KEYS, PLAIN, max_size=4))
def test_any_answers_file_is_a_plan_or_one_input_error(
    tmp_path: Path, given_data: dict[str, Any]
) -> None:
    import yaml

    from reflect_cli.errors import InputError
    from reflect_cli.protocols import catalog
    from reflect_cli.session import prefill

    path = tmp_path / "answers.yaml"
    path.write_text(yaml.safe_dump(given_data) if given_data else "{}\n", encoding="utf-8")
    protocol, _ = catalog.find("equitable-partnerships")
    try:
        plan = prefill.load(path)
        prefill.check_against(plan, protocol, str(path))
    except InputError as exc:
        assert str(exc).startswith(str(path))


def test_a_bar_in_an_organization_is_kept_exactly(
    cli: Any, write_yaml: Any, sessions_dir: Path
) -> None:
    from markdown_it import MarkdownIt

    answers = write_yaml(
        "answers.yaml",
        """
        collaborative: Northgate
        facilitator: Alex
        participants:
          - {name: Jo Park, organization: "Parks | Recreation", role: "Lead | Coach", handle: jp}
          - "May Lin | PTA | Parent"
        answers: {shared-values: "jp: We agree."}
        """,
    )
    result = cli("start", "--answers", str(answers), "--no-input")
    assert result.exit_code == 0, result.stderr
    record = next(sessions_dir.glob("*.yaml")).read_text(encoding="utf-8")
    assert "organization: Parks | Recreation" in record and "role: Lead | Coach" in record
    text = cli("export", "last").stdout
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    cells = [t.children[0].content for t in tokens if t.type == "inline" and t.children]
    assert "Parks | Recreation" in cells  # one cell of the participation table, unsplit
