"""reflect's private state lives in the user's state folder, never in the shared folder.

A sessions folder is a git repository many people push to: whatever reflect wrote there
(an index holding private notes, a round under way) would be pushed by the next
``git commit -a`` once anyone had force-committed a file of that name. So nothing but
records is written there, and a ``.reflect/`` pushed by anyone is neither read nor
written. The private folder itself is checked as the shared one used to be: links and
odd files there lead nowhere.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import make_session
from reflect_cli.records import home


@pytest.fixture
def folder(sessions_dir: Path) -> Path:
    for day in ("2026-09-01", "2026-10-01"):
        make_session(sessions_dir, "partnership-reflection", date=day)
    import shutil

    shutil.rmtree(home.where_home(sessions_dir), ignore_errors=True)
    return sessions_dir


def tree(folder: Path) -> dict[str, tuple[bytes | str, int]]:
    """Every entry below ``folder``: its bytes (or a link's target) and its mode."""
    seen: dict[str, tuple[bytes | str, int]] = {}
    for path in sorted(folder.rglob("*")):
        info = path.lstat()
        if path.is_symlink():
            seen[str(path.relative_to(folder))] = (os.readlink(path), info.st_mode)
        elif path.is_file():
            seen[str(path.relative_to(folder))] = (path.read_bytes(), info.st_mode)
        else:
            seen[str(path.relative_to(folder))] = (b"", info.st_mode)
    return seen


def listed(folder: Path, timeout: float = 20) -> subprocess.CompletedProcess[str]:
    """A real `reflect list --json` in its own process (a hang fails, never blocks)."""
    return subprocess.run(
        [sys.executable, "-m", "reflect_cli", "list", "--json"],
        env={**os.environ, "REFLECT_SESSIONS_DIR": str(folder)},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def git(folder: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@e", *args],
        cwd=folder, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip


def test_only_records_are_written_in_the_sessions_folder(folder: Path, cli: Any) -> None:
    for args in (("list",), ("search", "trust"), ("export", "last", "--redact"),
                 ("export", "last", "--format", "json"), ("commitments",)):  # fmt: skip
        assert cli(*args).exit_code == 0, args
    names = [p.name for p in folder.rglob("*")]
    assert names and all(n.endswith((".yaml", ".md")) for n in names), names
    private = home.where_home(folder)
    assert (private / home.INDEX).is_file()
    assert private.is_relative_to(Path(os.environ["XDG_STATE_HOME"]))


def test_a_pushed_reflect_folder_is_neither_read_nor_written(folder: Path, cli: Any) -> None:
    """Someone force-committed ``.reflect/`` (an index with a trigger, a round under way,
    decisions about names, a .gitignore saying ``!*``): after every command the working
    tree is exactly as pulled, so ``git commit -a`` has nothing of anyone's to push."""
    import sqlite3

    pushed = folder / ".reflect"
    (pushed / "rounds").mkdir(parents=True)
    db = sqlite3.connect(pushed / home.INDEX)
    db.execute("CREATE TABLE files (name TEXT)")
    db.execute("INSERT INTO files VALUES ('fake.yaml')")
    db.commit()
    db.close()
    (pushed / "rounds" / "x.json").write_text('{"counts": {"Library": {"1": 1}}}')
    (pushed / "redaction.json").write_text('{"names": [], "words": ["monica"]}')
    (pushed / ".gitignore").write_text("!*\n")
    (pushed / "kept").mkdir()
    git(folder, "init", "-q")
    git(folder, "add", "-f", "-A")
    git(folder, "commit", "-q", "-m", "pulled")
    before = tree(pushed)
    for args in (("list", "--json"), ("search", "Monica"), ("export", "last", "--redact")):
        done = cli(*args)
        assert done.exit_code == 0, (args, done.stderr)
        assert "fake" not in done.stdout
    assert "Monica" not in cli("export", "last", "--redact").stdout  # its decisions unread
    assert tree(pushed) == before
    assert git(folder, "status", "--porcelain") == ""
    assert len(json.loads(cli("list", "--json").stdout)) == 2  # the pushed index unread


def test_the_private_folder_is_owner_only_and_named_after_the_folder(folder: Path) -> None:
    assert listed(folder).returncode == 0
    private = home.where_home(folder)
    assert private.name.startswith("sessions-")
    for level in (private, private.parent, private.parent.parent):
        assert level.stat().st_mode & 0o077 == 0, level
    assert (private / home.INDEX).stat().st_mode & 0o077 == 0


def test_two_folders_of_one_name_keep_their_own_state(tmp_path: Path) -> None:
    one, two = tmp_path / "a" / "sessions", tmp_path / "b" / "sessions"
    assert home.folder_key(one) != home.folder_key(two)
    assert home.folder_key(one) == home.folder_key(tmp_path / "a" / "x" / ".." / "sessions")


@pytest.mark.parametrize("typed", ["", "relative/state"])
def test_an_unset_or_relative_state_home_means_the_default(
    typed: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", typed)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert home.state_root() == tmp_path / "home" / ".local" / "state" / "reflect"


def test_a_private_folder_linked_elsewhere_is_not_used(folder: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    private = home.where_home(folder)
    private.parent.mkdir(parents=True, mode=0o700, exist_ok=True)
    private.symlink_to(elsewhere)
    done = listed(folder)
    assert done.returncode == 0 and len(json.loads(done.stdout)) == 2
    assert done.stderr.count("warning") == 1 and "symbolic link" in done.stderr
    assert list(elsewhere.iterdir()) == []


@pytest.mark.parametrize(
    ("name", "target"),
    [
        *(("index.sqlite", t) for t in ("record", "outside", "/dev/zero", "fifo", "loop")),
        *((n, t) for n in ("index.sqlite-wal", "index.sqlite-shm") for t in ("record", "fifo")),
    ],
)
def test_links_and_fifos_in_the_private_folder_are_replaced(
    folder: Path, tmp_path: Path, name: str, target: str, cli: Any
) -> None:
    private = home.where_home(folder)
    private.mkdir(parents=True, mode=0o700)
    record = sorted(folder.glob("*.yaml"))[0]
    outside = tmp_path / "outside.txt"
    outside.write_text("keep me\n")
    before = {record: record.read_bytes(), outside: outside.read_bytes()}
    entry = private / name
    if target == "fifo":
        os.mkfifo(entry)
    elif target == "loop":
        entry.symlink_to(name)
    else:
        links = {"record": str(record), "outside": str(outside)}
        entry.symlink_to(links.get(target, target))
    done = listed(folder)  # in its own process: a hang fails instead of blocking
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)) == 2
    again = cli("list", "--json")  # uses what the first run made
    assert again.exit_code == 0 and again.stderr == "" and len(json.loads(again.stdout)) == 2
    assert {p: p.read_bytes() for p in before} == before
    assert not entry.is_symlink() and (not entry.exists() or entry.is_file())


def test_a_hard_linked_index_is_replaced(folder: Path) -> None:
    private = home.where_home(folder)
    private.mkdir(parents=True, mode=0o700)
    record = sorted(folder.glob("*.yaml"))[0]
    before = record.read_bytes()
    os.link(record, private / "index.sqlite")
    assert listed(folder).returncode == 0
    assert record.read_bytes() == before


def test_a_private_folder_that_is_a_file_is_skipped_with_one_warning(folder: Path) -> None:
    private = home.where_home(folder)
    private.parent.mkdir(parents=True, mode=0o700, exist_ok=True)
    private.write_text("not a folder\n")
    done = listed(folder)
    assert done.returncode == 0 and done.stderr.count("warning") == 1
    assert private.read_text() == "not a folder\n"


def test_garbage_index_is_rebuilt_by_the_command(folder: Path, cli: Any) -> None:
    private = home.where_home(folder)
    private.mkdir(parents=True, mode=0o700)
    (private / "index.sqlite").write_bytes(os.urandom(8192))
    result = cli("list", "--json")
    assert result.exit_code == 0
    assert result.stderr.count("\n") == 1 and "damaged" in result.stderr
    assert len(json.loads(result.stdout)) == 2
    assert cli("list", "--json").stderr == ""  # rebuilt: nothing to say the next time


def test_an_index_with_triggers_is_rebuilt(folder: Path, cli: Any) -> None:
    import sqlite3

    assert cli("list", "--json").exit_code == 0  # a real index, then someone's additions
    db = sqlite3.connect(home.where(folder))
    db.execute(
        "CREATE TRIGGER sneak AFTER INSERT ON files BEGIN "
        "INSERT INTO files (name, size, mtime_ns, ctime_ns, inode, id, date, started, "
        "collaborative, site, protocol, status, answered, questions, people, open, "
        "collaborative_key, site_key, error) VALUES ('fake.yaml', 0, 0, 0, 0, 'fake', "
        "'2099-01-01', '', 'Fake', '', 'p', 'complete', 0, 0, 0, 0, 'fake', '', ''); END"
    )
    db.execute('CREATE VIEW "we""ird" AS SELECT 1')
    db.commit()
    db.close()
    make_session(folder, "partnership-reflection", date="2026-12-01")  # a row to insert
    listed = cli("list", "--json")
    assert listed.exit_code == 0 and len(json.loads(listed.stdout)) == 3
    assert "fake" not in listed.stdout
    db = sqlite3.connect(home.where(folder))
    assert db.execute("SELECT count(*) FROM sqlite_master WHERE type != 'table' "
                      "AND type != 'index'").fetchone()[0] == 0  # fmt: skip
