"""The one opener: regular files only, never blocking, never past the limit, and a record
never through a symbolic link; records, protocols and answers files all read through it."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from reflect_cli.errors import RecordError
from reflect_cli.records import opening, scan, yamlio


def _refused(path: Path, follow_links: bool) -> str:
    """What the opener says, read in a thread so that a hang fails the test, not CI."""
    said: list[str] = []

    def read() -> None:
        try:
            opening.read_regular(path, follow_links=follow_links)
        except opening.NotAFile as exc:
            said.append(str(exc))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(timeout=30)
    assert not reader.is_alive(), f"{path} blocked the reader"
    return said[0] if said else ""


def test_only_regular_files_are_read(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "fifo.yaml")
    (tmp_path / "zero.yaml").symlink_to("/dev/zero")
    (tmp_path / "folder.yaml").mkdir()
    (tmp_path / "link.yaml").symlink_to("plain.yaml")
    (tmp_path / "plain.yaml").write_text("a: 1\n")
    assert _refused(tmp_path / "fifo.yaml", True) == "a FIFO, not a regular file"
    assert _refused(tmp_path / "zero.yaml", True) == "a device, not a regular file"
    assert _refused(tmp_path / "folder.yaml", True) == "a folder, not a regular file"
    assert _refused(tmp_path / "link.yaml", False) == "a symbolic link, not a regular file"
    assert opening.read_regular(tmp_path / "link.yaml")[0] == b"a: 1\n"  # a protocol may be
    raw, info = opening.read_regular(tmp_path / "plain.yaml", follow_links=False)
    assert raw == b"a: 1\n" and info.st_size == 5


def test_the_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"#" * (opening.MAX_BYTES + 1))
    with pytest.raises(opening.NotAFile, match="too large"):
        opening.read_regular(big)
    exact = tmp_path / "exact.yaml"
    exact.write_bytes(b"#" * opening.MAX_BYTES)
    assert len(opening.read_regular(exact)[0]) == opening.MAX_BYTES


def test_records_and_other_yaml_say_it_in_their_own_words(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "x.yaml")
    with pytest.raises(RecordError, match=r"x\.yaml: a FIFO, not a record; not read"):
        scan.read_bytes(tmp_path / "x.yaml")
    with pytest.raises(yamlio.YamlProblem, match="a FIFO, not a regular file"):
        yamlio.read_file(tmp_path / "x.yaml")
    (tmp_path / "y.yaml").symlink_to("/etc/hostname")
    with pytest.raises(RecordError, match="symbolic link, not a record"):
        scan.read_bytes(tmp_path / "y.yaml")
    with pytest.raises(RecordError, match="no such record"):
        scan.read_bytes(tmp_path / "absent.yaml")
    with pytest.raises(FileNotFoundError):
        yamlio.read_file(tmp_path / "absent.yaml")
