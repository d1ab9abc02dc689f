"""Two runs on one coder's file never lose a coding: every save merges into the file as
it is now (two readers of one file, two processes saving at once), a second
`reflect code` as the same coder is refused naming the first, and a `codes import`
while coding keeps both the import's and the terminal's decisions."""

from __future__ import annotations

import io
import multiprocessing
import os
import sys
import uuid
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from typing import Any

import pexpect
import pytest

from conftest import make_session
from reflect_cli.coding import codebook, coder_lock, codings, starter
from reflect_cli.coding.passages import Address

NS = "urn:QDA-XML:project:1.0"
LINES = "\n".join(f"lan: Line {n} about turnover." for n in range(1, 7))
PEOPLE = ["Nguyễn Thị Lan | Rainier Vista Elementary | Principal | lan"]


def _coding(line: int, *codes: str) -> codings.Coding:
    return codings.Coding(Address("s", "q", line), "print", codes)


def test_two_readers_of_one_file_keep_both_decisions(sessions_dir: Path) -> None:
    sessions_dir.mkdir()
    first, second = codings.load(sessions_dir, "ana"), codings.load(sessions_dir, "ana")
    first.put(_coding(1, "turnover"))
    codings.save(sessions_dir, first)
    second.put(_coding(2, "trust-relationships"))
    codings.save(sessions_dir, second)  # read what `first` saved, then wrote both
    assert sorted(a.line for a in codings.load(sessions_dir, "ana").by_address) == [1, 2]
    first.put(_coding(3))
    first.remove(Address("s", "q", 2))  # a decision taken back is taken back only
    codings.save(sessions_dir, first)
    saved = codings.load(sessions_dir, "ana").by_address
    assert {a.line: c.codes for a, c in saved.items()} == {1: ("turnover",), 3: ()}
    assert first.by_address == saved  # the saver now holds the file as written


@pytest.mark.parametrize("broken", ["<<<<<<< HEAD\ncodings: [\n", "version: 99\n"])
def test_a_save_into_a_broken_file_keeps_the_decisions_aside(
    sessions_dir: Path, broken: str
) -> None:
    """A merge left the coder's file unreadable: the decision on screen is not lost
    with the run; it is kept aside, owner-only, and the error names where."""
    import yaml

    from reflect_cli.errors import ReflectError

    sessions_dir.mkdir()
    mine = codings.load(sessions_dir, "ana")
    codings.path_of(sessions_dir, "ana").parent.mkdir()
    codings.path_of(sessions_dir, "ana").write_text(broken)
    mine.put(_coding(4, "turnover"))
    with pytest.raises(ReflectError, match="kept in ") as caught:
        codings.save(sessions_dir, mine)
    place = Path(str(caught.value).rsplit("kept in ", 1)[1])
    assert not place.is_relative_to(sessions_dir) and oct(place.stat().st_mode)[-3:] == "600"
    kept = yaml.safe_load(place.read_text(encoding="utf-8"))
    assert kept["coder"] == "ana" and kept["codings"][0]["codes"] == ["turnover"]
    assert codings.path_of(sessions_dir, "ana").read_text() == broken  # left for a person


def test_refresh_brings_in_what_another_run_saved(sessions_dir: Path) -> None:
    sessions_dir.mkdir()
    mine, other = codings.load(sessions_dir, "ana"), codings.load(sessions_dir, "ana")
    assert not codings.refresh(sessions_dir, mine)
    other.put(_coding(5, "turnover"))
    codings.save(sessions_dir, other)
    mine.changes[Address("s", "q", 6)] = _coding(6)  # a change not saved yet stays on top
    assert codings.refresh(sessions_dir, mine)
    assert sorted(a.line for a in mine.by_address) == [5, 6]
    assert not codings.refresh(sessions_dir, mine)  # unchanged since: not read again


def _save_many(folder: str, start: int) -> None:
    for n in range(start, start + 40):
        mine = codings.load(Path(folder), "ana")  # each save from its own stale copy
        mine.put(_coding(n, "turnover"))
        codings.save(Path(folder), mine)


def test_two_processes_saving_at_once_keep_every_coding(sessions_dir: Path) -> None:
    sessions_dir.mkdir()
    context = multiprocessing.get_context("spawn")
    runs = [context.Process(target=_save_many, args=(str(sessions_dir), s)) for s in (0, 1000)]
    for run in runs:
        run.start()
    for run in runs:
        run.join(60)
        assert run.exitcode == 0
    lines = {a.line for a in codings.load(sessions_dir, "ana").by_address}
    assert lines == set(range(40)) | set(range(1000, 1040))


def _spawn(folder: Path) -> tuple[pexpect.spawn, io.StringIO]:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR")}
    env.update(REFLECT_SESSIONS_DIR=str(folder), TERM="xterm-256color", REFLECT_CODER="ana")
    child = pexpect.spawn(
        sys.executable,
        ["-m", "reflect_cli", "code", "--question", "equity-issues"],
        env=env,
        encoding="utf-8",
        timeout=30,
        dimensions=(40, 100),
    )
    child.logfile_read = log = io.StringIO()
    return child, log


def _folder(sessions_dir: Path) -> str:
    sid = make_session(
        sessions_dir, "partnership-reflection", people=PEOPLE, answers={"equity-issues": LINES}
    )
    codebook.save(sessions_dir, starter.CODES)
    return sid


@pytest.mark.slow
def test_a_second_run_as_the_same_coder_is_refused(sessions_dir: Path, cli: Any) -> None:
    _folder(sessions_dir)
    child, _ = _spawn(sessions_dir)
    child.expect_exact("codes>")
    child.sendline("1")
    child.expect_exact("saved: trust-relationships")
    second = cli("code", "--coder", "ana", "--question", "equity-issues", input="2\n")
    assert second.exit_code == 2 and second.stderr.count("\n") == 1
    assert f"process {child.pid} on " in second.stderr and "already coding" in second.stderr
    other = cli("code", "--coder", "bea", "--question", "equity-issues", input="3\n")
    assert other.exit_code == 1  # another coder is never held up
    child.expect_exact("codes>")
    child.sendline("/pause")
    child.expect(pexpect.EOF)
    child.close()
    again = cli("code", "--coder", "ana", "--question", "equity-issues", input="4\n")
    assert again.exit_code == 1, again.stderr  # the run ended: its hold went with it
    by = {a.line: c.codes for a, c in codings.load(sessions_dir, "ana").by_address.items()}
    assert by == {1: ("trust-relationships",), 2: ("shared-leadership",)}


def test_a_killed_run_leaves_no_hold(sessions_dir: Path) -> None:
    sessions_dir.mkdir()
    run = coder_lock.claim(sessions_dir, "ana")
    with pytest.raises(coder_lock.CoderBusy, match="already coding"):
        coder_lock.claim(sessions_dir, "ana")
    run.release()
    coder_lock.claim(sessions_dir, "ana").release()
    assert list(sessions_dir.iterdir()) == []  # the locks are never in the shared folder


def _coded_project(project: Path, edited: Path, line: int) -> None:
    """The project coded in a QDA program by a user called ana: passage ``line`` coded
    Turnover."""
    with zipfile.ZipFile(project) as archive:
        files = {n: archive.read(n) for n in archive.namelist()}
    root = ET.fromstring(files["project.qde"])
    ET.register_namespace("", NS)
    q = f"{{{NS}}}"
    user = str(uuid.uuid4())
    ET.SubElement(root.find(f"{q}Users"), f"{q}User", guid=user, name="ana")
    codes = root.find(f"{q}CodeBook/{q}Codes")
    turnover = next(c for c in codes.iter(f"{q}Code") if c.get("name") == "Turnover").get("guid")
    selection = next(
        s for s in root.iter(f"{q}PlainTextSelection") if s.get("name", "").endswith(f"/{line}")
    )
    coding = ET.SubElement(selection, f"{q}Coding", guid=str(uuid.uuid4()), creatingUser=user)
    ET.SubElement(coding, f"{q}CodeRef", targetGUID=turnover)
    files["project.qde"] = ET.tostring(root, xml_declaration=True, encoding="utf-8")
    with zipfile.ZipFile(edited, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)


@pytest.mark.slow
def test_an_import_while_coding_keeps_both(sessions_dir: Path, tmp_path: Path, cli: Any) -> None:
    _folder(sessions_dir)
    project, edited = tmp_path / "p.qdpx", tmp_path / "coded.qdpx"
    assert cli("export", "-o", str(project)).exit_code == 0
    _coded_project(project, edited, 5)
    child, log = _spawn(sessions_dir)
    child.expect_exact("codes>")
    child.sendline("1")
    child.expect_exact("saved: trust-relationships")
    child.expect_exact("codes>")  # passage 2 on screen
    imported = cli("codes", "import", str(edited))
    assert imported.exit_code == 0, imported.stderr
    assert "ana: 1 passage coded" in imported.stderr
    for typed in ("3", "-"):  # passages 2, 3
        child.sendline(typed)
        child.expect_exact("codes>")
    child.sendline("7")  # passage 4; then 5, coded by the import, is shown so
    child.expect_exact("codes (Enter keeps them)>")
    assert "coded: turnover" in log.getvalue()
    child.sendline("")  # kept
    child.expect_exact("kept: turnover")
    child.expect_exact("codes>")
    child.sendline("/pause")
    child.expect(pexpect.EOF)
    child.close()
    by = {a.line: c.codes for a, c in codings.load(sessions_dir, "ana").by_address.items()}
    assert by == {
        1: ("trust-relationships",),
        2: ("power-dynamics",),
        3: (),
        4: ("resource-sharing",),
        5: ("turnover",),
    }
