"""Protocol schema: every decoder problem one line with file, line and key; intro step
ids from titles."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import BOMB
from reflect_cli.protocols import catalog

WriteYaml = Callable[[str, str], Path]


# A protocol whose every problem below is on a known line (1-based):
# 1 id, 2 title, 3 version, 4 intro, 5-6 its step, 7 domains, 8-9 the domain, 10 questions,
# 11-12 the question.
PROTOCOL = """\
id: x
title: T
version: 1
intro:
  - title: Watch the video
    minutes: 32
domains:
  - id: a
    title: A
    questions:
      - id: q
        prompt: P
"""


def _edit(old: str, new: str) -> str:
    assert old in PROTOCOL
    return PROTOCOL.replace(old, new, 1)


# (the protocol text, the line, what the message must say)
DECODER_CASES = {
    "wrong type": (_edit("title: T", "title: [T]"), 2, "protocol 'title' must be text, not a list"),
    "impossible date": (_edit("title: T", "title: 2026-02-30"), 2, "'2026-02-30' is not a real"),
    "4,301-digit integer": (_edit("version: 1", "version: " + "9" * 4301), 3, "number too long"),
    ".inf": (_edit("version: 1", "version: .inf"), 3, "'version' must be a whole number, not .inf"),
    ".nan": (
        _edit("minutes: 32", "minutes: .nan"),
        6,
        "'minutes' must be a whole number, not .nan",
    ),
    "unknown kind": (
        _edit("prompt: P", "prompt: P\n        kind: essay"),
        13,
        "unknown kind 'essay'",
    ),
    "empty name": (_edit("title: A", "title: ''"), 9, "domain 'title' is empty"),
    "duplicate key": (_edit("title: T", "title: T\ntitle: U"), 3, "duplicate key 'title'"),
    "domains: 5": (PROTOCOL.split("domains:")[0] + "domains: 5\n", 7, "'domains' must be a list"),
    "domains: Alice": (PROTOCOL.split("domains:")[0] + "domains: Alice\n", 7, "must be a list"),
    "intro: hello": (
        "id: x\ntitle: T\nintro: hello\n" + PROTOCOL[PROTOCOL.index("domains:") :],
        3,
        "'intro' must be a list",
    ),
    "a flag where a flag goes not": (
        _edit("prompt: P", "prompt: P\n        required: 'yes'"),
        13,
        "'required' must be true or false, not 'yes'",
    ),
    "javascript: link": (
        _edit("minutes: 32", "minutes: 32\n    link: 'javascript:alert(1)'"),
        7,
        "intro step 'link' must be an http:// or https:// address, not 'javascript:alert(1)'",
    ),
    "data: link": (
        _edit("minutes: 32", "minutes: 32\n    link: 'data:text/html,<b>x</b>'"),
        7,
        "must be an http:// or https:// address, not 'data:text/html,<b>x</b>'",
    ),
    "link with no host": (
        _edit("minutes: 32", "minutes: 32\n    link: 'https:///etc/passwd'"),
        7,
        "must be an http:// or https:// address",
    ),
    "alias bomb": (BOMB, 6, "alias bomb"),
    "deep nesting": ("[" * 200 + "]" * 200 + "\n", 1, "nested more than 100 levels deep"),
}


@pytest.mark.parametrize("case", list(DECODER_CASES))
def test_decoder_problems_name_file_line_and_key(
    cli: Any, write_yaml: WriteYaml, case: str
) -> None:
    text, line, message = DECODER_CASES[case]
    path = write_yaml("bad.yaml", text)
    result = cli("protocols", "validate", str(path))
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert any(f"{path}:{line}" in x and message in x for x in lines), lines


def test_the_protocol_as_written_is_valid(write_yaml: WriteYaml) -> None:
    assert catalog.load_file(write_yaml("ok.yaml", PROTOCOL)).intro[0].minutes == 32


def test_an_intro_step_without_an_id_takes_one_from_its_title(write_yaml: WriteYaml) -> None:
    path = write_yaml(
        "intro.yaml",
        "id: x\ntitle: T\nintro:\n"
        "  - title: Watch the video\n"
        "  - title: Watch the video\n"
        "  - {id: watch-the-video-2, title: Taken}\n"
        "  - title: ¡Diga! Café & Tea\n"
        "  - title: '!!!'\n"
        "domains: [{id: a, title: A, questions: [{id: q, prompt: P}]}]\n",
    )
    steps = catalog.load_file(path).intro
    assert [s.id for s in steps] == [
        "watch-the-video",
        "watch-the-video-3",
        "watch-the-video-2",
        "diga-cafe-tea",
        "step",
    ]
