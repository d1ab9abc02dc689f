"""The SQLite index: real SQLite, real files; never trusted blindly, never needed."""

from __future__ import annotations

import errno
import gc
import json
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
from reflect_cli.records import codec, index, index_schema
from reflect_cli.records.home import where as index_file
from reflect_cli.records.home import where_home as private_home
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
    db = sqlite3.connect(index_file(folder))
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


def test_index_is_private_outside_the_folder_and_matches_the_records(folder: Path) -> None:
    assert listing(folder) == truth(folder)
    home = private_home(folder)
    assert not home.is_relative_to(folder) and {p.suffix for p in folder.iterdir()} == {
        ".yaml",
        ".md",
    }
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
    home = private_home(folder)
    if how == "deleted":
        for path in home.iterdir():
            path.unlink()
        home.rmdir()
    elif how == "garbage":
        for path in home.glob("index.sqlite*"):
            path.unlink()
        (home / "index.sqlite").write_bytes(b"\x00\xffnot a database at all" * 500)
    elif how == "schema bump":
        monkeypatch.setattr(index_schema, "SCHEMA_VERSION", index_schema.SCHEMA_VERSION + 1)
    else:
        (home / "index.sqlite").write_bytes(b"")
        os.utime(home / "index.sqlite", (1, 1))  # emptied a while ago, not being created
    summaries, warnings = Store(folder).summaries()
    if how in ("garbage", "emptied"):  # damage is said, once
        assert len(warnings) == 1 and "damaged" in warnings[0]
    else:
        assert warnings == []
    assert sorted(summaries, key=lambda s: s.file) == truth(folder)
    if how == "schema bump":
        db = sqlite3.connect(home / "index.sqlite")
        assert db.execute("PRAGMA user_version").fetchone()[0] == index_schema.SCHEMA_VERSION
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

    state = os.environ["XDG_STATE_HOME"]

    def read_only(path: Any, *args: Any, **kwargs: Any) -> None:
        if str(path).startswith(state):
            raise OSError(errno.EROFS, "Read-only file system")
        real_mkdir(path, *args, **kwargs)

    shutil.rmtree(state)
    monkeypatch.setattr(os, "mkdir", read_only)
    summaries, warnings = Store(folder).summaries()
    assert sorted(summaries, key=lambda s: s.file) == truth(folder)
    assert len(warnings) == 1 and "read-only" in warnings[0]
    assert not (private_home(folder)).exists()


def _as_a_plain_user() -> None:
    """In a child process: if it runs as root, take away the powers that let root write
    through permissions (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER, dropped from
    the bounding set, so the program it then runs never has them): a folder without
    write permission is then as read-only to it as to anyone. CI runs as root."""
    if os.geteuid() != 0:
        return
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2, 3):
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def _run(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        env={**os.environ, "REFLECT_SESSIONS_DIR": str(folder), "COLUMNS": "200"},
        capture_output=True,
        text=True,
        preexec_fn=_as_a_plain_user,
        check=False,
        cwd=folder.parent,
        timeout=120,
    )


@pytest.mark.parametrize("index_before", ["none", "stale", "damaged"])
def test_really_read_only_folder(folder: Path, index_before: str) -> None:
    listing(folder)
    if index_before == "none":
        shutil.rmtree(private_home(folder))
    else:  # a record changed since the index was written: it must be read again
        first = sorted(folder.glob("*.yaml"))[0]
        first.write_text(first.read_text().replace("Northgate Elementary OST", "Renamed"))
    if index_before == "damaged":
        (index_file(folder)).write_bytes(b"\x00garbage" * 1000)
    gc.collect()  # this process's own connections closed: the index file is as it stays
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    state = Path(os.environ["XDG_STATE_HOME"])
    state.mkdir(exist_ok=True)
    for path in [*folder.rglob("*"), *state.rglob("*")]:  # a read-only disk: nothing written
        os.chmod(path, 0o500 if path.is_dir() else 0o400)
    os.chmod(folder, 0o500)
    os.chmod(state, 0o500)
    try:
        probe = _run(folder, "-c", f"open({str(folder / 'probe')!r}, 'w')")
        assert "PermissionError" in probe.stderr  # the folder really is read-only here
        listed = _run(folder, "-m", "reflect_cli", "list", "--json")
        found = _run(folder, "-m", "reflect_cli", "search", "calendar")
        exported = _run(folder, "-m", "reflect_cli", "export", "-f", "md")
    finally:
        os.chmod(folder, 0o700)
        os.chmod(state, 0o700)
        for path in [*folder.rglob("*"), *state.rglob("*")]:
            os.chmod(path, 0o700 if path.is_dir() else 0o600)
    for done in (listed, found, exported):
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr
        assert done.stderr.count("warning") == 1, done.stderr
    rows = json.loads(listed.stdout)
    assert sorted(r["file"] for r in rows) == [s.file for s in truth(folder)]
    assert "Renamed" in listed.stdout or index_before == "none"
    assert "Share the calendar by 2026-11-01" in found.stdout
    assert exported.stdout.count("Share the calendar by") >= 3
    assert {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()} == before


def test_a_locked_index_only_costs_speed(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    listing(folder)
    monkeypatch.setattr(index, "BUSY_SECONDS", 0.2)
    make_session(folder, "partnership-reflection", date="2026-12-24", collaborative="Late")
    other = sqlite3.connect(index_file(folder), isolation_level=None)
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

    shutil.rmtree(private_home(folder))
    monkeypatch.setattr(sqlite3, "connect", connect)
    summaries, warnings = Store(folder).summaries()
    assert sorted(summaries, key=lambda s: s.file) == truth(folder)
    assert len(warnings) == 1 and "full" in warnings[0]


def _limited(limit: int) -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


@pytest.mark.parametrize("command", [["list"], ["search", "calendar"], ["export", "-f", "md"]])
def test_read_commands_on_a_full_disk(folder: Path, command: list[str]) -> None:
    shutil.rmtree(private_home(folder))
    names = {p.name for p in folder.iterdir()}
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


def test_a_change_in_folding_rebuilds_the_index(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reflect_cli import folding

    listing(folder)
    real = folding.fold_words
    monkeypatch.setattr(index_schema, "fold_words", lambda text: real(text).replace("l", "L"))
    db = sqlite3.connect(index_file(folder))
    db.execute("UPDATE texts SET folded = 'stale' WHERE rowid > 0")
    db.commit()
    db.close()
    Store(folder).summaries()  # another folding: the folded texts are made again
    db = sqlite3.connect(index_file(folder))
    assert db.execute("SELECT count(*) FROM texts WHERE folded = 'stale'").fetchone()[0] == 0
    db.close()
