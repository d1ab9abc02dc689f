"""Writing -o PATH: a regular file is replaced atomically; a device or a pipe is never
replaced by a file; a link is never written through; a folder, YAML and `.reflect/` are
refused."""

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


@pytest.mark.parametrize("force", [False, True])
def test_a_link_is_never_written_through(tmp_path: Path, force: bool) -> None:
    record = tmp_path / "sessions" / "2026-11-22-northgate-1a2b.yaml"
    record.parent.mkdir()
    record.write_text("schema: reflect/session-v1\n")
    outside = tmp_path / "outside"
    outside.mkdir()
    to_record = tmp_path / "sessions" / "record.md"
    to_record.symlink_to(record)
    dangling = tmp_path / "sessions" / "summary.md"  # committed: ../outside/authorized_keys
    dangling.symlink_to(Path("..") / "outside" / "authorized_keys")
    for link in (to_record, dangling):
        with pytest.raises(InputError, match="symbolic link"):
            check_output(link, force=force)
        with pytest.raises(InputError, match="symbolic link"):
            write_output(link, "monica: an answer, word for word\n", force=force)
        assert link.is_symlink()
    assert record.read_text() == "schema: reflect/session-v1\n"
    assert list(outside.iterdir()) == []


def test_a_link_to_a_device_or_to_our_own_output_is_written_into(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    null = tmp_path / "null"
    os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    link = tmp_path / "to-null.md"
    link.symlink_to(null)
    write_output(link, "anything", force=False)
    assert link.is_symlink() and stat.S_ISCHR(os.lstat(null).st_mode)
    # /dev/stdout is a link to this process's standard output (a file, under pytest).
    write_output(Path("/dev/stdout"), "to standard output\n", force=False)
    assert capfd.readouterr().out == "to standard output\n"


def test_a_name_swapped_for_a_regular_file_is_never_written_into(tmp_path: Path) -> None:
    from reflect_cli.records import output

    record = tmp_path / "record.yaml"
    record.write_text("kept")
    with pytest.raises(InputError):
        os.close(output._open_into(record))  # the check on the opened descriptor
    assert record.read_text() == "kept"


@pytest.mark.parametrize("name", ["x.yaml", "x.YML", ".reflect/kept/x.md", ".reflect"])
def test_a_record_or_reflects_own_folder_is_never_written(tmp_path: Path, name: str) -> None:
    (tmp_path / ".reflect" / "kept").mkdir(parents=True)
    target = tmp_path / name
    with pytest.raises(InputError):
        write_output(target, "x", force=True)
    assert not target.is_file()


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


def test_export_never_follows_a_committed_link(
    cli: Any, sessions: dict[str, str], sessions_dir: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    summary = sessions_dir / "summary.md"
    summary.symlink_to(Path("..") / "outside" / "authorized_keys")
    result = cli("export", "last", "-o", str(summary))
    assert result.exit_code == 2 and "symbolic link" in result.stderr
    assert list(outside.iterdir()) == []
    record = sessions_dir / f"{sessions['first']}.yaml"
    before = record.read_bytes()
    to_record = sessions_dir / "to-record.md"
    to_record.symlink_to(record.name)
    result = cli("export", "last", "-o", str(to_record), "--force")
    assert result.exit_code == 2 and "symbolic link" in result.stderr
    assert record.read_bytes() == before
    result = cli("export", "last", "-o", str(record), "--format", "md", "--force")
    assert result.exit_code == 2 and record.read_bytes() == before


def test_a_linked_folder_on_the_way_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``sessions/reports -> ../outside`` committed: no -o through it, new file or not,
    relative or absolute below the current folder, nor through ``reports/..``."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (tmp_path / "sessions").mkdir()
    (tmp_path / "sessions" / "reports").symlink_to(Path("..") / "outside")
    monkeypatch.chdir(tmp_path)
    for typed in (
        Path("sessions/reports/summary.md"),
        Path("sessions/reports/../x.md"),
        tmp_path / "sessions" / "reports" / "summary.md",
    ):
        for force in (False, True):
            with pytest.raises(InputError, match="symbolic link"):
                write_output(typed, "x\n", force=force)
    assert list(outside.iterdir()) == []
    write_output(Path("sessions/summary.md"), "x\n", force=False)  # real folders: written
    assert (tmp_path / "sessions" / "summary.md").read_text() == "x\n"


@pytest.mark.parametrize(
    "command",
    [
        ("export", "last", "-f", "md"),
        ("export", "last", "-f", "html"),
        ("export", "last", "-f", "csv"),
        ("export", "last", "-f", "json"),
        ("snapshot",),
        ("codes", "export"),
    ],
)
def test_every_command_with_o_refuses_a_linked_folder(
    cli: Any,
    sessions: dict[str, str],
    sessions_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: tuple[str, ...],
) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (sessions_dir / "reports").symlink_to(outside)
    monkeypatch.chdir(sessions_dir.parent)
    name = "codes.qdc" if command[0] == "codes" else "summary.md"
    result = cli(*command, "-o", str(Path(sessions_dir.name) / "reports" / name))
    assert result.exit_code == 2 and "symbolic link" in result.stderr, result.stderr
    assert list(outside.iterdir()) == []
