"""Odd files in a sessions folder: one warning each, and everything else still works."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import make_session
from reflect_cli.errors import RecordError
from reflect_cli.records import scan


@pytest.fixture
def folder(sessions_dir: Path) -> dict[str, str]:
    return {
        "old": make_session(
            sessions_dir,
            "partnership-reflection",
            date="2026-09-01",
            answers={"shared-values": "monica: the gym calendar"},
        ),
        "new": make_session(
            sessions_dir,
            "partnership-reflection",
            date="2026-10-01",
            answers={"shared-values": "shana: a gym for everyone"},
        ),
    }


def reflect(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """A real `reflect` in its own process: a hang fails the test instead of blocking."""
    return subprocess.run(
        [sys.executable, "-m", "reflect_cli", *args],
        env={**os.environ, "REFLECT_SESSIONS_DIR": str(folder), "COLUMNS": "200"},
        capture_output=True,
        timeout=30,
        check=False,
        text=True,
        errors="replace",
    )


def make_odd(folder: Path, kind: str, record: Path) -> str:
    """One odd entry named like a record; returns the part of its name a warning shows."""
    if kind == "self-loop":
        (folder / "x.yaml").symlink_to("x.yaml")
    elif kind == "link to a record":
        (folder / "x.yaml").symlink_to(record.name)
    elif kind == "link to /dev/zero":
        (folder / "x.yaml").symlink_to("/dev/zero")
    elif kind == "fifo":
        os.mkfifo(folder / "x.yaml")
    elif kind == "folder":
        (folder / "x.yaml").mkdir()
    elif kind == "device":
        os.mknod(folder / "x.yaml", 0o600 | stat.S_IFCHR, os.makedev(1, 3))  # /dev/null
    elif kind == "non-UTF-8 name":
        with open(os.path.join(os.fsencode(folder), b"caf\xe9.yaml"), "wb") as handle:
            handle.write(record.read_bytes())
        return "caf\\xe9.yaml"
    return "x.yaml"


KINDS = ["self-loop", "link to a record", "link to /dev/zero", "fifo", "folder", "device"]


@pytest.mark.parametrize("kind", [*KINDS, "non-UTF-8 name"])
def test_an_odd_file_is_one_warning_and_the_rest_works(
    sessions_dir: Path, folder: dict[str, str], kind: str, cli: Any
) -> None:
    if kind == "device" and os.geteuid() != 0:
        pytest.skip("making a device needs root")
    shown = make_odd(sessions_dir, kind, sessions_dir / f"{folder['old']}.yaml")
    listed = reflect(sessions_dir, "list", "--json")
    assert listed.returncode == 0, listed.stderr
    assert [r["id"] for r in json.loads(listed.stdout)] == [folder["new"], folder["old"]]
    warnings = listed.stderr.strip().splitlines()
    assert len(warnings) == 1 and shown in warnings[0], warnings
    assert "Traceback" not in listed.stderr
    searched = cli("search", "gym")  # in-process: the first run showed nothing hangs
    assert searched.exit_code == 0 and "2 of 2 hits" in searched.stderr
    exported = cli("export", "-f", "json")
    assert exported.exit_code == 0 and len(json.loads(exported.stdout)) == 2
    assert cli("show", "last").exit_code == 0


def test_a_record_swapped_for_a_fifo_is_refused_not_waited_on(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "x.yaml")
    with pytest.raises(RecordError, match="FIFO"):
        scan.read_bytes(tmp_path / "x.yaml")
    (tmp_path / "y.yaml").symlink_to("x.yaml")
    with pytest.raises(RecordError, match="symbolic link"):
        scan.read_bytes(tmp_path / "y.yaml")


def test_records_are_found_by_id_whatever_the_file_name(
    sessions_dir: Path, folder: dict[str, str], cli: Any
) -> None:
    (sessions_dir / f"{folder['old']}.yaml").rename(sessions_dir / "old meeting (copy).yaml")
    listed = reflect(sessions_dir, "list", "--json")
    assert listed.stderr == ""
    assert {r["file"] for r in json.loads(listed.stdout)} == {
        "old meeting (copy).yaml",
        f"{folder['new']}.yaml",
    }
    for args in (["show", folder["old"]], ["search", "calendar"], ["export", folder["old"]]):
        done = cli(*args)
        assert done.exit_code == 0 and "the gym calendar" in done.stdout, (args, done.stderr)


def test_a_copy_that_kept_its_id_is_a_warning_and_both_are_kept(
    sessions_dir: Path, folder: dict[str, str], cli: Any
) -> None:
    original = sessions_dir / f"{folder['old']}.yaml"
    copy = sessions_dir / "copy.yaml"
    copy.write_text(original.read_text().replace("the gym calendar", "a different answer"))
    listed = cli("list", "--json")
    files = sorted(r["file"] for r in json.loads(listed.stdout))
    assert files == sorted(["copy.yaml", original.name, f"{folder['new']}.yaml"])
    (warning,) = listed.stderr.strip().splitlines()
    assert original.name in warning and "copy.yaml" in warning
    exported = cli("export", "-f", "md")
    assert "the gym calendar" in exported.stdout and "a different answer" in exported.stdout
    by_file = cli("export", "-f", "md", "copy.yaml")
    assert "a different answer" in by_file.stdout and "the gym calendar" not in by_file.stdout
    assert "the gym calendar" in cli("show", folder["old"]).stdout  # the file named by its id
