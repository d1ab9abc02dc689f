"""Unsaved text kept aside: in the sessions folder's `.reflect/kept/` (a reboot does not
empty it, git never sees it), else the user's state folder; owner-only, never through a
link."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reflect_cli.records.kept import keep_aside


@pytest.fixture(autouse=True)
def state_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "state"
    monkeypatch.setenv("XDG_STATE_HOME", str(home))
    return home


def test_kept_in_the_sessions_folder_owner_only(sessions_dir: Path) -> None:
    sessions_dir.mkdir()
    old = os.umask(0)
    try:
        kept = keep_aside(sessions_dir, "answer: Nguyễn Thị Lan's words\n", "2026-11-22-lib")
    finally:
        os.umask(old)
    assert kept.parent == sessions_dir.resolve() / ".reflect" / "kept"
    assert kept.read_text(encoding="utf-8") == "answer: Nguyễn Thị Lan's words\n"
    assert kept.stat().st_mode & 0o777 == 0o600
    assert (sessions_dir / ".reflect" / ".gitignore").read_text().endswith("*\n")
    again = keep_aside(sessions_dir, "second", "2026-11-22-lib")
    assert again != kept and kept.read_text(encoding="utf-8").startswith("answer")


@pytest.mark.parametrize("linked", [".reflect", ".reflect/kept"])
def test_a_link_is_never_followed_the_state_folder_is_used(
    sessions_dir: Path, tmp_path: Path, state_home: Path, linked: str
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    sessions_dir.mkdir()
    if linked != ".reflect":
        (sessions_dir / ".reflect").mkdir()
    (sessions_dir / linked).symlink_to(outside)
    kept = keep_aside(sessions_dir, "text", "s")
    assert kept.parent == state_home / "reflect" / "kept"
    assert kept.read_text() == "text" and list(outside.iterdir()) == []
