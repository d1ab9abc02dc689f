"""Writing -o PATH: a regular file is replaced atomically; a device, a pipe or a link's
target is never replaced by a file; a folder is refused."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest

from reflect_cli.errors import InputError
from reflect_cli.records.output import check_output, write_output


def test_a_new_file_is_written_owner_only(tmp_path: Path) -> None:
    target = tmp_path / "summary.md"
    write_output(target, ["# a\n", "b\n"], force=False)
    assert target.read_text() == "# a\nb\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_an_existing_file_needs_force(tmp_path: Path) -> None:
    target = tmp_path / "summary.md"
    target.write_text("old")
    with pytest.raises(InputError, match="exists; use --force"):
        check_output(target, force=False)
    with pytest.raises(InputError, match="exists; use --force"):
        write_output(target, "new", force=False)
    assert target.read_text() == "old"
    write_output(target, b"%PDF new", force=True)
    assert target.read_bytes() == b"%PDF new"


def test_a_device_is_written_into_never_replaced(tmp_path: Path) -> None:
    # A private /dev/null: as root, replacing the real one breaks the whole machine.
    null = tmp_path / "null"
    os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    write_output(null, "anything", force=False)
    write_output(null, "anything", force=True)
    assert stat.S_ISCHR(os.lstat(null).st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["null"]  # no temporary left beside it


def test_a_link_is_followed_to_its_file(tmp_path: Path) -> None:
    real = tmp_path / "real.html"
    real.write_text("old")
    link = tmp_path / "link.html"
    link.symlink_to(real)
    write_output(link, "new", force=True)
    assert link.is_symlink() and real.read_text() == "new"


def test_a_pipe_is_written_when_read_and_refused_when_not(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="no one is reading"):
        write_output(fifo, "x", force=False)  # would hang if opened blocking
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # someone reading, before
    try:
        write_output(fifo, "through the pipe", force=False)
        assert os.read(reader, 100) == b"through the pipe"  # small: all in the pipe
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a folder"):
        write_output(tmp_path, "x", force=True)


def test_export_and_handout_to_a_device_keep_it_a_device(cli: Any, tmp_path: Path) -> None:
    null = tmp_path / "null.html"
    os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    result = cli("protocols", "handout", "partnership-reflection", "-o", str(null))
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISCHR(os.lstat(null).st_mode)
    result = cli("export", "-o", str(null), "--force")
    assert result.exit_code == 2 and "no sessions" in result.stderr  # checked, not replaced
    assert stat.S_ISCHR(os.lstat(null).st_mode)
