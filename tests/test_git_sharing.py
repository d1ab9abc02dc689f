"""A sessions folder shared through git: two facilitators, no merge conflicts, ever."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from reflect_cli.records.store import Store

if shutil.which("git") is None and os.environ.get("CI"):
    raise RuntimeError("CI must install git for the sharing tests (see .ci/run)")
pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

ANSWERS = """
collaborative: Northgate Elementary OST
facilitator: {who}
date: 2026-11-22
participants: ["Monica Haugen | Seattle Parks and Recreation | Site lead"]
answers:
  shared-values: "monica: said in {who}'s clone"
"""


def git(folder: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "T",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "T",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    done = subprocess.run(
        ["git", "-C", str(folder), *args], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def session_in(cli: Any, clone: Path, who: str, tmp_path: Path) -> None:
    answers = tmp_path / f"{who}.yaml"
    answers.write_text(ANSWERS.format(who=who), encoding="utf-8")
    result = cli(
        "--sessions-dir", str(clone / "sessions"), "start", "--answers", str(answers), "--no-input"
    )
    assert result.exit_code == 0, result.stderr
    cli(
        "--sessions-dir", str(clone / "sessions"), "list"
    )  # builds the cache, which must stay out of git


def listed(cli: Any, clone: Path) -> set[str]:
    import json

    result = cli("--sessions-dir", str(clone / "sessions"), "list", "--json")
    return {row["id"] for row in json.loads(result.stdout)}


def test_two_clones_push_and_pull_without_conflict(cli: Any, tmp_path: Path) -> None:
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(remote)], check=True)
    a, b = tmp_path / "a", tmp_path / "b"
    for clone in (a, b):
        subprocess.run(
            ["git", "clone", "-q", str(remote), str(clone)], check=True, capture_output=True
        )
        git(clone, "config", "pull.rebase", "false")
    (a / "sessions").mkdir()
    (a / "sessions" / ".gitkeep").write_text("")
    git(a, "add", "-A")
    git(a, "commit", "-qm", "sessions folder")
    git(a, "push", "-q", "origin", "HEAD:main")
    git(b, "pull", "-q", "origin", "main")

    for round_ in range(2):
        session_in(cli, a, f"alex{round_}", tmp_path)
        session_in(cli, b, f"blair{round_}", tmp_path)  # same collaborative, same day
        for clone, name in ((a, "a"), (b, "b")):
            changed = git(clone, "status", "--porcelain", "--untracked-files=all")
            assert all(line.endswith((".yaml", ".md")) for line in changed.splitlines())
            git(clone, "add", "-A")
            git(clone, "commit", "-qm", f"session from {name}")
        git(a, "push", "-q", "origin", "HEAD:main")
        git(b, "pull", "-q", "--no-edit", "origin", "main")  # a merge: must not conflict
        git(b, "push", "-q", "origin", "HEAD:main")
        git(a, "pull", "-q", "--no-edit", "origin", "main")

    tracked = git(a, "ls-files", "sessions").split()
    assert all(name.endswith((".yaml", ".md", ".gitkeep")) for name in tracked)
    assert len([n for n in tracked if n.endswith(".yaml")]) == 4
    assert listed(cli, a) == listed(cli, b) and len(listed(cli, a)) == 4
    assert git(a, "status", "--porcelain") == "" and git(b, "status", "--porcelain") == ""


def test_resaving_an_unchanged_session_gives_identical_bytes(cli: Any, tmp_path: Path) -> None:
    clone = tmp_path / "c"
    session_in(cli, clone, "alex", tmp_path)
    (path,) = (clone / "sessions").glob("*.yaml")
    before = (path.read_bytes(), path.with_suffix(".md").read_bytes())
    store = Store(clone / "sessions")
    session = store.load_path(path)
    store.save(session)
    store.save(session)
    assert (path.read_bytes(), path.with_suffix(".md").read_bytes()) == before
    session.site = "Changed"
    store.save(session)
    assert path.read_bytes() != before[0]
