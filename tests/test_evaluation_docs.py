"""The evaluator's commands as the README and docs/evaluation.md show them, run on the
evaluation's fixture: every ```console block's output is what the command prints today,
so the pages cannot drift from the program. After a deliberate change of output,
``REFLECT_WRITE_DOCS=1 pytest tests/test_evaluation_docs.py`` writes the new outputs into
the pages (then read the diff before committing it)."""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO
from evaluation_fixture import Built

PAGES = [REPO / "README.md", REPO / "docs" / "evaluation.md"]
#: Rich draws to this width when not on a terminal; the pages were made at it.
WIDTH = "100"
#: A fixed pseudonym key, so the labels' codes on the pages are the same at every run.
KEY = "0123456789abcdef" * 4
#: The page written elsewhere that docs/evaluation.md checks with `reflect check-names`.
NOTES = (
    "# Year 3 notes\n\n"
    "At Rainier Vista the school staff rate shared leadership far above\ntheir partners.\n"
)
BLOCK = re.compile(r"^```console\n(.*?)^```\n", re.MULTILINE | re.DOTALL)
#: Each evaluator question of issue 16, and the command the README's table answers it with.
QUESTIONS = {
    "partnership types now": "reflect trends partnership-type-now",
    "helping and hindering factors by school year": (
        "reflect trends helping-factors hindering-factors"
    ),
    "shared leadership differently": "reflect trends shared-leadership",
    "commitments made, kept, kept on time, overdue": "reflect trends --commitments",
    "closed it": "reflect commitments --all --json",
    "with its session, site and question": (
        "reflect search language --question inequities-addressed --json"
    ),
    "one-page data snapshot": "reflect snapshot --period 2025-26 -o snapshot.pdf",
    "made elsewhere": "reflect check-names",
    "follow a person across years": "--redact --since 2025-08-01 -o year-3.zip",
    "organization names one person": "--strict",
    "tidy tables": "reflect export -f datapackage --redact -o data.zip",
}


def _blocks(text: str) -> list[tuple[str, str]]:
    """Each ``$ command`` of the page's console blocks with the output shown under it."""
    shown: list[tuple[str, str]] = []
    for block in BLOCK.findall(text):
        for part in re.split(r"^\$ ", block, flags=re.MULTILINE)[1:]:
            command, _, output = part.partition("\n")
            shown.append((command, output))
    return shown


def _tidy(output: str) -> str:
    """Output as a page shows it: no spaces at line ends, no blank lines at the end."""
    return "\n".join(line.rstrip() for line in output.splitlines()).strip("\n") + "\n"


def _run(cli: Any, command: str) -> str:
    """What the command prints (standard output, then what went to standard error)."""
    words = shlex.split(command)
    head = None
    if "|" in words:  # `| head -8`: the first lines of standard output
        at = words.index("|")
        assert words[at + 1] == "head", command
        head, words = int(words[at + 2].lstrip("-n")), words[:at]
    if words[0] == "cat":
        return Path(words[1]).read_text(encoding="utf-8")
    assert words[0] == "reflect", f"a page shows a command reflect cannot run: {command}"
    result = cli(*words[1:])
    assert result.exit_code in (0, 1, 2), (command, result.output)
    if head is not None:
        return "\n".join(result.stdout.splitlines()[:head]) + "\n" + str(result.stderr)
    return str(result.output)


@pytest.fixture
def evaluator(evaluation_sessions: Built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Built:
    """The fixture's folder as an evaluator's clone, with a fixed key and the notes."""
    monkeypatch.setenv("COLUMNS", WIDTH)
    key = tmp_path / "config" / "reflect" / "pseudonym-key"
    key.parent.mkdir(parents=True, exist_ok=True)
    key.write_text(KEY + "\n", encoding="ascii")
    key.chmod(0o600)
    (tmp_path / "year-3-notes.md").write_text(NOTES, encoding="utf-8")
    return evaluation_sessions


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_console_block_is_what_the_command_prints(
    cli: Any, evaluator: Built, page: Path
) -> None:
    text = page.read_text(encoding="utf-8")
    commands = _blocks(text)
    assert commands, f"{page.name} shows no command"
    updated = text
    for command, shown in commands:
        printed = _tidy(_run(cli, command))
        if os.environ.get("REFLECT_WRITE_DOCS"):
            updated = updated.replace(f"$ {command}\n{shown}", f"$ {command}\n{printed}", 1)
            continue
        assert _tidy(shown) == printed, f"{page.name}: `{command}` prints otherwise"
    if updated != text:
        page.write_text(updated, encoding="utf-8")


def test_the_readme_answers_every_question_of_the_evaluator() -> None:
    rows = [
        line
        for line in (REPO / "README.md").read_text(encoding="utf-8").splitlines()
        if line.startswith("| ")
    ]
    for question, command in QUESTIONS.items():
        assert any(question in row and command in row for row in rows), question


def test_the_notes_on_the_page_are_the_ones_checked() -> None:
    page = (REPO / "docs" / "evaluation.md").read_text(encoding="utf-8")
    assert NOTES in page
