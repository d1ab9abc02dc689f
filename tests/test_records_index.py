"""The SQLite index: real SQLite, real files; never trusted blindly, never needed."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import make_session
from reflect_cli.model import Action, Note
from reflect_cli.records import codec, index
from reflect_cli.records.store import Store
from reflect_cli.records.summary import Summary, summary_of


def listing(folder: Path) -> list[Summary]:
    summaries, _ = Store(folder).summaries()
    return sorted(summaries, key=lambda s: s.file)


def truth(folder: Path) -> list[Summary]:
    """What the YAML files say, read without any index."""
    found = []
    for path in sorted(folder.glob("*.yaml")):
        session = codec.parse(path.read_text(encoding="utf-8"), str(path))
        found.append(summary_of(session, path.name))
    return sorted(found, key=lambda s: s.file)


def dump(folder: Path) -> dict[str, Any]:
    """Everything the index holds, by file name (not by its internal numbers)."""
    db = sqlite3.connect(folder / ".reflect" / "index.sqlite")
    names = dict(db.execute("SELECT fid, name FROM files"))
    out: dict[str, Any] = {}
    out["files"] = sorted(
        row[1:] for row in db.execute("SELECT * FROM files")
    )  # size, times and inode included: the files did not change
    for table in ("participants", "commitments", "records"):
        out[table] = sorted((names[r[0]], *r[1:]) for r in db.execute(f"SELECT * FROM {table}"))
    out["texts"] = sorted(
        (names[rowid >> index.ROW_BITS], rowid & 0xFFFF, kind, place, text)
        for rowid, kind, place, text in db.execute("SELECT rowid, kind, place, text FROM texts")
    )
    db.close()
    return out


@pytest.fixture
def folder(sessions_dir: Path) -> Path:
    for day, who in (("2026-09-01", "monica"), ("2026-10-01", "shana"), ("2026-11-01", "jo")):
        make_session(
            sessions_dir,
            "partnership-reflection",
            date=day,
            answers={"shared-values": f"{who}: said on {day}"},
            actions=[Action(f"Share the calendar by {day}", who, "2026-12-01")],
            notes=[Note("Private: a quiet room", "shared-values")],
        )
    return sessions_dir


def settle(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index, "SETTLE_NS", -(10**15))  # every file counts as settled


def test_index_is_private_ignored_by_git_and_matches_the_records(folder: Path) -> None:
    assert listing(folder) == truth(folder)
    home = folder / ".reflect"
    assert (home / ".gitignore").read_text().splitlines()[-1] == "*"
    assert (home / "index.sqlite").stat().st_mode & 0o777 == 0o600
    assert (home.stat().st_mode & 0o777) == 0o700
    db = sqlite3.connect(home / "index.sqlite")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


@pytest.mark.parametrize("how", ["deleted", "garbage", "schema bump", "emptied"])
def test_index_is_rebuilt_identically(
    folder: Path, how: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    settle(monkeypatch)
    listing(folder)
    before = dump(folder)
    home = folder / ".reflect"
    if how == "deleted":
        for path in home.iterdir():
            path.unlink()
        home.rmdir()
    elif how == "garbage":
        for path in home.glob("index.sqlite*"):
            path.unlink()
        (home / "index.sqlite").write_bytes(b"\x00\xffnot a database at all" * 500)
    elif how == "schema bump":
        monkeypatch.setattr(index, "SCHEMA_VERSION", index.SCHEMA_VERSION + 1)
    else:
        (home / "index.sqlite").write_bytes(b"")
        os.utime(home / "index.sqlite", (1, 1))  # emptied a while ago, not being created
    summaries, warnings = Store(folder).summaries()
    assert warnings == []
    assert sorted(summaries, key=lambda s: s.file) == truth(folder)
    if how == "schema bump":
        db = sqlite3.connect(home / "index.sqlite")
        assert db.execute("PRAGMA user_version").fetchone()[0] == index.SCHEMA_VERSION
        db.close()
    assert dump(folder) == before


def test_changed_added_removed_and_broken_records(
    folder: Path, sessions_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settle(monkeypatch)
    listing(folder)
    first = sorted(folder.glob("*.yaml"))[0]
    first.write_text(first.read_text().replace("Northgate Elementary OST", "Renamed Collaborative"))
    sorted(folder.glob("*.yaml"))[1].unlink()
    make_session(sessions_dir, "partnership-reflection", date="2026-12-01", collaborative="New")
    broken = folder / "2026-12-02-broken-0000.yaml"
    broken.write_text("schema: reflect/session-v1\n: [\n")
    summaries, warnings = Store(folder).summaries()
    assert len(warnings) == 1 and broken.name in warnings[0]
    broken.unlink()
    assert sorted(summaries, key=lambda s: s.file) == truth(folder)
    assert any(s.collaborative == "Renamed Collaborative" for s in summaries)


def test_same_size_edit_with_the_old_mtime_is_seen(
    sessions_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settle(monkeypatch)
    make_session(sessions_dir, "partnership-reflection", collaborative="Aaaa")
    assert listing(sessions_dir)[0].collaborative == "Aaaa"
    (path,) = sessions_dir.glob("*.yaml")
    stat = path.stat()
    path.write_text(path.read_text().replace("collaborative: Aaaa", "collaborative: Bbbb"))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # touch -r: same size and mtime
    assert path.stat().st_size == stat.st_size
    assert listing(sessions_dir)[0].collaborative == "Bbbb"  # ctime gave it away


def test_a_file_changed_just_before_it_was_read_is_read_again(sessions_dir: Path) -> None:
    make_session(sessions_dir, "partnership-reflection", collaborative="Aaaa")
    listing(sessions_dir)  # read within the settle window: not trusted next time
    (path,) = sessions_dir.glob("*.yaml")
    stat = path.stat()
    path.write_text(path.read_text().replace("collaborative: Aaaa", "collaborative: Bbbb"))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert listing(sessions_dir)[0].collaborative == "Bbbb"


def test_a_warm_list_reads_no_record(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settle(monkeypatch)
    (folder / "2026-01-01-broken-0000.yaml").write_text("schema: reflect/session-v1\n: [\n")
    listing(folder)
    from reflect_cli.records import rows

    def refuse(*args: object) -> None:
        raise AssertionError("a record was read")

    monkeypatch.setattr(rows, "read_rows", refuse)
    summaries, warnings = Store(folder).summaries()  # the broken file is not read again
    assert len(summaries) == 3 and len(warnings) == 1


def test_read_only_folder_works_from_the_records(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_mkdir = os.mkdir

    def read_only(path: Any, *args: Any, **kwargs: Any) -> None:
        if str(path).endswith(".reflect"):
            raise OSError(errno.EROFS, "Read-only file system")
        real_mkdir(path, *args, **kwargs)

    shutil.rmtree(folder / ".reflect")
    monkeypatch.setattr(os, "mkdir", read_only)
    summaries, warnings = Store(folder).summaries()
    assert sorted(summaries, key=lambda s: s.file) == truth(folder)
    assert len(warnings) == 1 and "read-only" in warnings[0]
    assert not (folder / ".reflect").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through permissions")
def test_really_read_only_folder(folder: Path) -> None:
    os.chmod(folder, 0o500)
    try:
        summaries, warnings = Store(folder).summaries()
    finally:
        os.chmod(folder, 0o700)
    assert sorted(summaries, key=lambda s: s.file) == truth(folder)
    assert len(warnings) == 1


def test_a_locked_index_only_costs_speed(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    listing(folder)
    monkeypatch.setattr(index, "BUSY_SECONDS", 0.2)
    make_session(folder, "partnership-reflection", date="2026-12-24", collaborative="Late")
    other = sqlite3.connect(folder / ".reflect" / "index.sqlite", isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # another process writing, for longer than we wait
    try:
        summaries, warnings = Store(folder).summaries()
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert sorted(summaries, key=lambda s: s.file) == truth(folder)
    assert len(warnings) <= 1


def test_a_full_disk_only_costs_speed(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_connect = sqlite3.connect

    def connect(path: Any, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        db = real_connect(path, *args, **kwargs)
        if path != ":memory:":
            db.execute("PRAGMA max_page_count = 8")  # the disk fills after a few pages
        return db

    shutil.rmtree(folder / ".reflect")
    monkeypatch.setattr(sqlite3, "connect", connect)
    summaries, warnings = Store(folder).summaries()
    assert sorted(summaries, key=lambda s: s.file) == truth(folder)
    assert len(warnings) == 1 and "full" in warnings[0]


def _limited(limit: int) -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


@pytest.mark.parametrize("command", [["list"], ["search", "calendar"], ["export", "-f", "md"]])
def test_read_commands_on_a_full_disk(folder: Path, command: list[str]) -> None:
    shutil.rmtree(folder / ".reflect")
    names = {p.name for p in folder.iterdir()} | {".reflect"}
    done = subprocess.run(
        [sys.executable, "-m", "reflect_cli", *command],
        env={**os.environ, "REFLECT_SESSIONS_DIR": str(folder), "COLUMNS": "200"},
        capture_output=True,
        text=True,
        preexec_fn=lambda: _limited(20_000),  # the index outgrows this at once
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.count("warning") == 1 and "full" in done.stderr
    assert "Traceback" not in done.stderr
    assert {p.name for p in folder.iterdir()} == names  # nothing written beside the records
