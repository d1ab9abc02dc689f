"""A damaged index (a page zeroed, the file cut short) never breaks a read command: one
warning, the index replaced by a fresh build, and the command's own output unchanged."""

from __future__ import annotations

import gc
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from conftest import make_session
from reflect_cli.model import Action, Note
from reflect_cli.records import index
from reflect_cli.records.home import where as index_file
from reflect_cli.records.home import where_home as private_home
from test_records_index import dump

PAGE = 4096


@pytest.fixture
def folder(sessions_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(index, "SETTLE_NS", -(10**15))  # every file counts as settled
    monkeypatch.setenv("EDITOR", "true")  # `reflect edit` opens and leaves it as it was
    monkeypatch.setenv("COLUMNS", "200")
    for number in range(12):
        make_session(
            sessions_dir,
            "partnership-reflection",
            date=f"2026-{1 + number % 12:02d}-{1 + number:02d}",
            collaborative=f"Collaborative {number % 3}",
            answers={"shared-values": f"monica: the calendar, round {number}"},
            actions=[Action(f"Share the bus passes list {number}", "monica", "2026-12-01")],
            notes=[Note("Private: a quiet room", "shared-values")],
        )
    return sessions_dir


def _closed() -> None:
    """Close every connection the in-process commands left (SQLite then folds its WAL
    into the file), so the damage below is to the file every later command reads."""
    gc.collect()


def _zero_page(path: Path, page: int) -> None:
    with open(path, "r+b") as handle:
        handle.seek(page * PAGE)
        handle.write(b"\0" * PAGE)


def _damage(home: Path, how: str) -> None:
    path = home / "index.sqlite"
    wal = home / "index.sqlite-wal"
    assert not wal.exists() or wal.stat().st_size == 0  # every page is in the file
    pages = path.stat().st_size // PAGE
    assert pages > 8  # big enough for the damage to be partial
    if how == "second page zeroed":  # dd if=/dev/zero bs=4096 seek=1 count=1 conv=notrunc
        _zero_page(path, 1)
    elif how == "middle page zeroed":
        _zero_page(path, pages // 2)
    elif how == "last page zeroed":
        _zero_page(path, pages - 1)
    else:  # truncate -s 20000
        os.truncate(path, 20000)


COMMANDS = [
    ["list"],
    ["list", "--json"],
    ["show", "last"],
    ["search", "calendar"],
    ["search", "bus passes"],
    ["export", "-f", "md"],
    ["commitments"],
    ["edit", "last"],
]
DAMAGE = ["second page zeroed", "middle page zeroed", "last page zeroed", "cut short"]


@pytest.mark.parametrize("how", DAMAGE)
@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_read_command_rebuilds_a_damaged_index(
    folder: Path, cli: Any, command: list[str], how: str
) -> None:
    clean = cli(*command)
    assert clean.exit_code == 0, clean.stderr
    expected = dump(folder)
    _closed()
    _damage(private_home(folder), how)
    result = cli(*command)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == clean.stdout
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    if how in ("second page zeroed", "cut short"):  # pages every command reads
        assert len(warnings) == 1 and "damaged" in warnings[0] and "rebuilt" in warnings[0]
    else:
        assert len(warnings) <= 1, warnings  # a command that never read the damage
    _closed()
    if warnings:
        assert dump(folder) == expected  # the same index a clean build makes
    again = cli(*command)
    assert again.stdout == clean.stdout and "warning" not in again.stderr


def test_a_damaged_index_in_a_folder_that_cannot_be_written_is_worked_around(
    folder: Path, cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    clean = cli("export", "-f", "md")
    _closed()
    _damage(private_home(folder), "second page zeroed")
    damaged = (index_file(folder)).read_bytes()

    def refuse(path: Any) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(os, "unlink", refuse)  # the damaged file cannot be removed
    result = cli("export", "-f", "md")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == clean.stdout
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert len(warnings) == 1 and "cannot be replaced" in warnings[0]
    assert (index_file(folder)).read_bytes() == damaged


def test_a_clean_build_is_what_a_damaged_one_becomes(folder: Path, cli: Any) -> None:
    cli("list")
    expected = dump(folder)
    _closed()
    shutil.rmtree(private_home(folder))
    cli("list")
    _closed()
    assert dump(folder) == expected
