"""`.reflect/` is untrusted too: links and odd files committed there lead nowhere."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import make_session


@pytest.fixture
def folder(sessions_dir: Path) -> Path:
    for day in ("2026-09-01", "2026-10-01"):
        make_session(sessions_dir, "partnership-reflection", date=day)
    import shutil

    shutil.rmtree(sessions_dir / ".reflect")
    return sessions_dir


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file() and not p.is_symlink()}


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


def test_reflect_linked_to_the_sessions_folder_writes_nothing_there(folder: Path) -> None:
    before = snapshot(folder)
    (folder / ".reflect").symlink_to(".")
    done = listed(folder)
    assert done.returncode == 0 and len(json.loads(done.stdout)) == 2
    assert done.stderr.count("warning") == 1 and "symbolic link" in done.stderr
    assert snapshot(folder) == before  # no .gitignore with '*', no index among the records
    assert not (folder / ".gitignore").exists()


def test_reflect_linked_elsewhere_writes_nothing_there(folder: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (folder / ".reflect").symlink_to(elsewhere)
    assert listed(folder).returncode == 0
    assert list(elsewhere.iterdir()) == []


@pytest.mark.parametrize(
    ("name", "target"),
    [
        *(("index.sqlite", t) for t in ("record", "outside", "/dev/zero", "fifo", "loop")),
        *((n, t) for n in ("index.sqlite-wal", "index.sqlite-shm") for t in ("record", "fifo")),
    ],
)
def test_links_and_fifos_inside_reflect_are_replaced(
    folder: Path, tmp_path: Path, name: str, target: str, cli: Any
) -> None:
    home = folder / ".reflect"
    home.mkdir()
    record = sorted(folder.glob("*.yaml"))[0]
    outside = tmp_path / "outside.txt"
    outside.write_text("keep me\n")
    before = {record: record.read_bytes(), outside: outside.read_bytes()}
    entry = home / name
    if target == "fifo":
        os.mkfifo(entry)
    elif target == "loop":
        entry.symlink_to(name)
    else:
        links = {"record": f"../{record.name}", "outside": str(outside)}
        entry.symlink_to(links.get(target, target))
    done = listed(folder)  # in its own process: a hang fails instead of blocking
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)) == 2
    again = cli("list", "--json")  # uses what the first run made
    assert again.exit_code == 0 and again.stderr == "" and len(json.loads(again.stdout)) == 2
    assert {p: p.read_bytes() for p in before} == before
    assert not entry.is_symlink() and (not entry.exists() or entry.is_file())


def test_a_hard_linked_index_is_replaced(folder: Path) -> None:
    home = folder / ".reflect"
    home.mkdir()
    record = sorted(folder.glob("*.yaml"))[0]
    before = record.read_bytes()
    os.link(record, home / "index.sqlite")
    assert listed(folder).returncode == 0
    assert record.read_bytes() == before


def test_reflect_as_a_file_is_skipped_with_one_warning(folder: Path) -> None:
    (folder / ".reflect").write_text("not a folder\n")
    done = listed(folder)
    assert done.returncode == 0 and done.stderr.count("warning") == 1
    assert (folder / ".reflect").read_text() == "not a folder\n"


def test_gitignore_link_is_left_alone(folder: Path, tmp_path: Path) -> None:
    home = folder / ".reflect"
    home.mkdir()
    target = tmp_path / "victim"
    target.write_text("mine\n")
    (home / ".gitignore").symlink_to(target)
    assert listed(folder).returncode == 0
    assert target.read_text() == "mine\n"


def test_a_pushed_gitignore_is_rewritten_so_git_add_shares_nothing_private(
    folder: Path,
) -> None:
    """A ``.reflect/.gitignore`` saying ``!*`` came with a pull: reflect writes its own
    again, and ``git add -A`` stages no index and no round under way."""
    from reflect_cli.records.home import GITIGNORE

    home = folder / ".reflect"
    home.mkdir()
    (home / ".gitignore").write_text("!*\n")
    (home / ".gitignore").chmod(0o644)
    assert listed(folder).returncode == 0
    assert (home / ".gitignore").read_text() == GITIGNORE
    assert (home / ".gitignore").stat().st_mode & 0o077 == 0
    (home / "rounds").mkdir(mode=0o700, exist_ok=True)
    (home / "rounds" / "x.json").write_text("{}")

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", "-c", "user.name=t", "-c", "user.email=t@e", *args],
            cwd=folder, capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip

    git("init", "-q")
    git("add", "-A")
    staged = git("ls-files").splitlines()
    assert staged and not any(name.startswith(".reflect/") for name in staged), staged


def test_garbage_index_is_rebuilt_by_the_command(folder: Path, cli: Any) -> None:
    (folder / ".reflect").mkdir()
    (folder / ".reflect" / "index.sqlite").write_bytes(os.urandom(8192))
    result = cli("list", "--json")
    assert result.exit_code == 0
    assert result.stderr.count("\n") == 1 and "damaged" in result.stderr
    assert len(json.loads(result.stdout)) == 2
    assert cli("list", "--json").stderr == ""  # rebuilt: nothing to say the next time


def test_a_committed_index_with_triggers_is_rebuilt(folder: Path, cli: Any) -> None:
    import sqlite3

    assert cli("list", "--json").exit_code == 0  # a real index, then someone's additions
    db = sqlite3.connect(folder / ".reflect" / "index.sqlite")
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
    db = sqlite3.connect(folder / ".reflect" / "index.sqlite")
    assert db.execute("SELECT count(*) FROM sqlite_master WHERE type != 'table' "
                      "AND type != 'index'").fetchone()[0] == 0  # fmt: skip
