"""The evaluator's path on the evaluation's fixture (33 sessions, three school years), with
the commands the README's evaluator table shows: a starter codebook, the equity answers
coded in a real pseudo-terminal (a few passages, pause, resume), the counts per site and
school year, and a REFI-QDA project valid against the published schema."""

from __future__ import annotations

import io
import json
import os
import shlex
import sys
import xml.etree.ElementTree as ET
import zipfile
from collections import defaultdict
from pathlib import Path
from typing import Any

import pexpect
import pyte
import pytest

from conftest import REPO
from evaluation_fixture import EQUITY, EQUITY_QUESTION, PARTNERSHIPS, Built
from refi_schemas import project_errors
from test_cli_trends import school_year

pytestmark = pytest.mark.slow

INIT = "reflect codes init"
CODE = f"reflect code --coder ana --question {EQUITY_QUESTION}"
REPORT = f"reflect codes report --question {EQUITY_QUESTION}"
PROJECT = "reflect export --redact -o project.qdpx"
#: What is typed at each passage, in the order they come (oldest first), each run.
FIRST_RUN = ["5, 8", "family engagement", "-"]
SECOND_RUN = ["3", "family engagement, 8"]
#: A third run on the latest school year only (the usual selection option).
SINCE = "2025-08-01"
THIRD_RUN = ["6, 4", "-"]
NAMES = {
    "3": "power-dynamics",
    "4": "shared-leadership",
    "5": "family-engagement",
    "6": "student-leadership",
    "8": "coordination-communication",
    "family engagement": "family-engagement",
}


def test_the_readme_shows_these_commands() -> None:
    table = [
        line
        for line in (REPO / "README.md").read_text(encoding="utf-8").splitlines()
        if line.startswith("| ")
    ]
    assert any(f"`{INIT}` then `{CODE}`" in row for row in table)
    assert any(
        row.endswith(f"| `{REPORT}` |") and "per site and school year" in row for row in table
    )
    assert any(row.endswith(f"| `{PROJECT}` |") and "REFI-QDA" in row for row in table)


def _spawn(folder: Path, command: str, *extra: str) -> tuple[pexpect.spawn, io.StringIO]:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR")}
    env.update(REFLECT_SESSIONS_DIR=str(folder), TERM="xterm-256color")
    args = shlex.split(command)[1:] + list(extra)
    child = pexpect.spawn(
        sys.executable,
        ["-m", "reflect_cli", *args],
        env=env,
        encoding="utf-8",
        timeout=30,
        dimensions=(40, 120),
    )
    child.logfile_read = log = io.StringIO()
    return child, log


def _screen(log: io.StringIO) -> str:
    screen = pyte.Screen(120, 3000)
    pyte.Stream(screen).feed(log.getvalue())
    return "\n".join(line.rstrip() for line in screen.display if line.strip())


def _code(folder: Path, typed: list[str], *extra: str) -> str:
    child, log = _spawn(folder, CODE, *extra)
    for answer in typed:
        child.expect_exact("codes>")
        child.sendline(answer)
        child.expect(r"saved|none applies")
    child.expect_exact("codes>")
    child.sendline("/pause")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, _screen(log)
    return _screen(log)


def _passages(since: str = "") -> list[tuple[str, str, str, str]]:
    """The equity passages of the complete sessions, oldest first: (site, date,
    collaborative, text), straight from the fixture's plan."""
    found = []
    for partnership in PARTNERSHIPS:
        for meeting in partnership.meetings:
            if meeting.draft or meeting.date < since:
                continue
            for line in EQUITY[(partnership.collaborative, meeting.date)]:
                found.append((partnership.site, meeting.date, partnership.collaborative, line))
    return sorted(found, key=lambda p: p[1])  # stable: lines keep their order


def _codes(answer: str) -> set[str]:
    if answer == "-":
        return set()
    return {NAMES[part.strip()] for part in answer.split(",")}


def test_code_the_equity_answers_count_them_and_hand_over_a_project(
    evaluation_sessions: Built, cli: Any, tmp_path: Path
) -> None:
    folder = evaluation_sessions.folder
    assert cli(*shlex.split(INIT)[1:]).exit_code == 0
    every = _passages()
    shown = _code(folder, FIRST_RUN)
    assert f"1 of {len(every)}" in shown and every[0][3] in shown
    assert "3 passages coded" in shown
    shown = _code(folder, SECOND_RUN)  # resumed: the first passage not yet decided
    assert every[3][3] in shown and every[0][3] not in shown
    latest = _passages(SINCE)
    shown = _code(folder, THIRD_RUN, "--since", SINCE)
    assert latest[0][3] in shown

    typed = list(zip(every, FIRST_RUN + SECOND_RUN, strict=False))
    typed += list(zip(latest, THIRD_RUN, strict=False))
    by_site: dict[tuple[str, str], list[str]] = defaultdict(list)
    by_year: dict[tuple[str, str], list[str]] = defaultdict(list)
    for (site, date, collaborative, _), answer in typed:
        for code in _codes(answer):
            by_site[(code, site)].append(collaborative)
            by_year[(code, school_year(date))].append(collaborative)

    report = json.loads(cli(*shlex.split(REPORT)[1:], "--json").stdout)
    counts = {(c["section"], c["code"], c["group"]): c for c in report["counts"]}
    for section, expected in (("site", by_site), ("period", by_year)):
        got = {(code, group): c for (s, code, group), c in counts.items() if s == section}
        assert set(got) == set(expected), section
        for key, collaboratives in expected.items():
            assert got[key]["passages"] == len(collaboratives)
            assert got[key]["partnerships"] == len(set(collaboratives))
    assert report["decided"] == len(typed)

    child, log = _spawn(folder, REPORT)  # what the evaluator sees
    child.expect(pexpect.EOF)
    child.close()
    table = _screen(log)
    assert child.exitstatus == 0
    assert "by period" in table and "by site" in table and "2023-24" in table
    assert "2025-26" in table and "Lake Hills Elementary" in table

    os.chdir(tmp_path)
    # Vietnamese "thông báo" (to inform) holds "báo", and Bao Nguyen is a participant
    # (the same word, accents folded): the redacted project stops, says where, and
    # writes nothing until the evaluator decides once for the folder.
    stopped = cli(*shlex.split(PROJECT)[1:])
    assert stopped.exit_code == 2
    assert '"báo" in:' in stopped.stderr and "--word Báo" in stopped.stderr
    assert f"question {EQUITY_QUESTION}" in stopped.stderr
    assert not (tmp_path / "project.qdpx").exists()
    assert cli(*shlex.split(PROJECT)[1:], "--word", "Báo").exit_code == 0
    result = cli(*shlex.split(PROJECT)[1:], "--force")  # the decision is kept
    assert result.exit_code == 0, result.stderr
    assert project_errors(tmp_path / "project.qdpx") == []
    with zipfile.ZipFile(tmp_path / "project.qdpx") as archive:
        qde = archive.read("project.qde").decode("utf-8")
    root = ET.fromstring(qde)
    ns = {"q": "urn:QDA-XML:project:1.0"}
    (ana,) = [u.get("guid") for u in root.iterfind("q:Users/q:User", ns) if u.get("name") == "ana"]
    by_ana = [c for c in root.iter(f"{{{ns['q']}}}Coding") if c.get("creatingUser") == ana]
    assert len(by_ana) == sum(len(_codes(answer)) for _, answer in typed)
    assert "Lake Hills" not in qde and "Nguyễn" not in qde  # redacted
