"""The sessions folder: safe ids, no overwrites, owner-only, atomic writes on a bad disk."""

from __future__ import annotations

import errno
import os
import re
from pathlib import Path

import pytest

from reflect_cli.errors import StoreError
from reflect_cli.model import ProtocolRef, Session
from reflect_cli.records import store
from reflect_cli.records.store import Store


def session(collaborative: str) -> Session:
    return Session(
        id="", protocol=ProtocolRef("p", 1, "P"), collaborative=collaborative, date="2026-11-22"
    )


@pytest.mark.parametrize(
    "name", ["../../x", "/etc", "", "🌈🌈", "..", "a/../../b", "C:\\x", "\x00\n"]
)
def test_hostile_collaborative_names_stay_inside(sessions_dir: Path, name: str) -> None:
    created = Store(sessions_dir).create(session(name))
    path = Store(sessions_dir).path(created.id)
    assert path.resolve().parent == sessions_dir.resolve() and path.exists()
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}-[a-z0-9-]+-[0-9a-f]{4}", created.id)
    assert ".." not in created.id and "/" not in created.id


def test_slug() -> None:
    assert (
        store.slug("Northgate Elementary OST Collaborative")
        == "northgate-elementary-ost-collaborative"
    )
    assert store.slug("École Café — Été") == "ecole-cafe-ete"
    assert store.slug("🌈") == "session"


def test_ids_never_collide_or_overwrite(
    sessions_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shelf = Store(sessions_dir)
    first = shelf.create(session("Same"))
    before = shelf.path(first.id).read_bytes()
    tokens = iter([first.id[-4:], first.id[-4:], "beef"])
    import secrets

    monkeypatch.setattr(secrets, "token_hex", lambda n: next(tokens))
    second = shelf.create(session("Same"))
    assert second.id.endswith("-beef") and shelf.path(first.id).read_bytes() == before


def test_many_creates_give_distinct_ids(sessions_dir: Path) -> None:
    ids = {Store(sessions_dir).create(session("Busy")).id for _ in range(50)}
    assert len(ids) == 50


def test_full_disk_keeps_the_old_record(
    sessions_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shelf = Store(sessions_dir)
    saved = shelf.create(session("Disk"))
    path = shelf.path(saved.id)
    before = path.read_bytes()

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    saved.site = "changed"
    with pytest.raises(StoreError, match="the disk is full"):
        shelf.save(saved)
    assert path.read_bytes() == before
    assert sorted(p.name for p in sessions_dir.iterdir()) == [f"{saved.id}.yaml"]  # no temp file


def test_resolve_prefix_last_and_ambiguity(sessions_dir: Path) -> None:
    shelf = Store(sessions_dir)
    a, b = shelf.create(session("Alpha")), shelf.create(session("Beta"))
    sessions, warnings = shelf.summaries()
    assert warnings == [] and len(sessions) == 2
    assert shelf.resolve(a.id[:-2]).id == a.id
    assert shelf.resolve("last").id in {a.id, b.id}
    assert shelf.resolve(f"{b.id}.yaml").id == b.id
    with pytest.raises(StoreError, match="matches 2 sessions"):
        shelf.resolve("2026-11-22")
    with pytest.raises(StoreError, match="no session matches"):
        shelf.resolve("1999")


def test_a_failed_create_leaves_no_empty_record(
    sessions_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Store(sessions_dir).ensure()

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(StoreError, match="the disk is full"):
        Store(sessions_dir).create(session("Full"))
    assert list(sessions_dir.iterdir()) == []


def test_start_on_a_really_full_disk_leaves_no_file(sessions_dir: Path) -> None:
    import resource
    import subprocess
    import sys

    def small() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (300, 300))  # less than a record

    Store(sessions_dir).ensure()
    done = subprocess.run(
        [sys.executable, "-m", "reflect_cli", "start", "--no-input", "--collaborative", "Full",
         "--facilitator", "Alex Rivera",
         "-p", "Monica Haugen | Seattle Parks and Recreation | Site lead"],
        env={**os.environ, "REFLECT_SESSIONS_DIR": str(sessions_dir)},
        capture_output=True, text=True, preexec_fn=small, timeout=30, check=False,
    )  # fmt: skip
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    assert "full" in done.stderr
    assert [p.name for p in sessions_dir.iterdir() if not p.name.startswith(".")] == []


def test_unreadable_files_are_warnings(sessions_dir: Path) -> None:
    shelf = Store(sessions_dir)
    shelf.create(session("Good"))
    (sessions_dir / "empty.yaml").write_text("")
    (sessions_dir / "junk.yaml").write_bytes(b"\xff\xfe")
    sessions, warnings = shelf.summaries()
    assert len(sessions) == 1 and len(warnings) == 2


def test_every_write_is_owner_only_and_never_in_place(
    sessions_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A git checkout gives files 0644 (and a umask of 0 would give 0666): the record and
    its Markdown are written anew as 0600 whatever was there."""
    from conftest import make_session
    from reflect_cli.session import saving

    old = os.umask(0)
    try:
        sid = make_session(sessions_dir, "partnership-reflection")
        record, md = sessions_dir / f"{sid}.yaml", sessions_dir / f"{sid}.md"
        for path in (record, md):
            assert path.stat().st_mode & 0o777 == 0o600
            path.chmod(0o644)
        inodes = (record.stat().st_ino, md.stat().st_ino)
        folder = Store(sessions_dir)
        session = folder.load(sid)
        session.site = "Another site"
        saving.save(folder, session)
    finally:
        os.umask(old)
    for path in (record, md):
        assert path.stat().st_mode & 0o777 == 0o600, path.name
    assert record.stat().st_ino != inodes[0] and md.stat().st_ino != inodes[1]
    assert [p.name for p in sessions_dir.iterdir() if p.name.endswith(".tmp")] == []


def test_the_trash_is_never_followed_when_it_is_a_link(sessions_dir: Path, tmp_path: Path) -> None:
    from conftest import make_session

    sid = make_session(sessions_dir, "partnership-reflection")
    outside = tmp_path / "outside"
    outside.mkdir()
    (sessions_dir / ".trash").symlink_to(outside)
    with pytest.raises(StoreError, match="not a folder"):
        Store(sessions_dir).trash(sessions_dir / f"{sid}.yaml")
    assert (sessions_dir / f"{sid}.yaml").is_file() and list(outside.iterdir()) == []
    (sessions_dir / ".trash").unlink()
    (sessions_dir / ".trash").symlink_to(tmp_path / "nowhere")  # dangling: not made there
    with pytest.raises(StoreError):
        Store(sessions_dir).trash(sessions_dir / f"{sid}.yaml")
    assert not (tmp_path / "nowhere").exists()
