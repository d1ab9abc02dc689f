"""Unsaved text kept aside: in the sessions folder's private folder in the user's state
folder (a reboot does not empty it, git never sees it); owner-only, never through a
link."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reflect_cli.errors import StoreError
from reflect_cli.records.home import where_home as private_home
from reflect_cli.records.kept import keep_aside


@pytest.fixture(autouse=True)
def state_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "state"
    monkeypatch.setenv("XDG_STATE_HOME", str(home))
    return home


def test_kept_in_the_private_folder_owner_only(sessions_dir: Path) -> None:
    sessions_dir.mkdir()
    old = os.umask(0)
    try:
        kept = keep_aside(sessions_dir, "answer: Nguyễn Thị Lan's words\n", "2026-11-22-lib")
    finally:
        os.umask(old)
    assert kept.parent == private_home(sessions_dir) / "kept"
    assert kept.read_text(encoding="utf-8") == "answer: Nguyễn Thị Lan's words\n"
    assert kept.stat().st_mode & 0o777 == 0o600
    assert list(sessions_dir.iterdir()) == []  # nothing in the shared folder
    again = keep_aside(sessions_dir, "second", "2026-11-22-lib")
    assert again != kept and kept.read_text(encoding="utf-8").startswith("answer")


@pytest.mark.parametrize("linked", ["private", "kept"])
def test_a_link_is_never_followed(
    sessions_dir: Path, tmp_path: Path, state_home: Path, linked: str
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    sessions_dir.mkdir()
    private = private_home(sessions_dir)
    private.parent.mkdir(parents=True)
    if linked == "kept":
        private.mkdir()
    (private / "kept" if linked == "kept" else private).symlink_to(outside)
    with pytest.raises(StoreError, match="could not be kept"):
        keep_aside(sessions_dir, "text", "s")
    assert list(outside.iterdir()) == [] and list(sessions_dir.iterdir()) == []
