"""`export` to PDF through Debian's chromium; unknown formats and suffixes refused."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reflect_cli.records.home import where_home as private_home
from reflect_cli.render import export as exporting
from reflect_cli.render.export import pdf
from test_render_export_redact import (
    LEAKS,
    build_sessions,
    forbidden,
    leaked,
    rosters,
    two_sessions,
)

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PDFTOTEXT = shutil.which("pdftotext")
needs_tools = pytest.mark.skipif(
    CHROMIUM is None or PDFTOTEXT is None, reason="chromium and pdftotext are not installed"
)


@pytest.fixture
def partnership(sessions_dir: Path) -> list[str]:
    return two_sessions(sessions_dir)


def pdf_text(path: Path) -> str:
    done = subprocess.run(
        [str(PDFTOTEXT), "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return done.stdout


@pytest.mark.slow
@needs_tools
def test_redacted_pdf_holds_the_answers_and_no_name(
    cli: Any, partnership: list[str], tmp_path: Path
) -> None:
    target = tmp_path / "summary.pdf"
    result = cli("export", "--redact", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert target.read_bytes().startswith(b"%PDF")
    assert target.stat().st_mode & 0o077 == 0
    text = pdf_text(target)
    assert "said the gym is open" in " ".join(text.split())
    assert "In May we met" in text and "Redacted:" in text
    assert leaked(text, LEAKS) == []


@pytest.mark.slow
@needs_tools
def test_format_pdf_with_browser_option(cli: Any, partnership: list[str], tmp_path: Path) -> None:
    target = tmp_path / "summary"
    result = cli("export", "-f", "pdf", "--browser", str(CHROMIUM), "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert "Kids first." in pdf_text(target)


def test_no_browser_is_one_clear_line(
    cli: Any, partnership: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "bin").mkdir()
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    target = tmp_path / "summary.pdf"
    result = cli("export", "-o", str(target))
    assert result.exit_code == 2 and not target.exists()
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "no Chromium or Chrome" in lines[0] and "summary.html" in lines[0]


def test_a_browser_that_fails_leaves_no_file(
    cli: Any, partnership: list[str], tmp_path: Path
) -> None:
    target = tmp_path / "summary.pdf"
    result = cli("export", "-o", str(target), "--browser", shutil.which("false") or "false")
    assert result.exit_code == 2 and "printed no PDF" in result.stderr
    assert not target.exists() and not list(tmp_path.glob(".summary.pdf.*"))


@pytest.mark.parametrize("name", ["summary.docx", "summary.txt", "summary.PDFX"])
def test_unknown_suffix_is_refused(
    cli: Any, partnership: list[str], tmp_path: Path, name: str
) -> None:
    result = cli("export", "-o", str(tmp_path / name))
    assert result.exit_code == 2 and not (tmp_path / name).exists()
    assert "unknown suffix" in result.stderr and "md|html|csv|json|pdf" in result.stderr


def test_unknown_format_and_pdf_to_stdout(cli: Any, partnership: list[str]) -> None:
    unknown = cli("export", "-f", "docx")
    assert unknown.exit_code == 2 and "md, html, csv, json, pdf" in unknown.stderr
    stdout = cli("export", "-f", "pdf")
    assert stdout.exit_code == 2 and "-o FILE.pdf" in stdout.stderr


@pytest.mark.slow
@needs_tools
@settings(
    max_examples=3,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(roster=rosters(), seed=st.integers(0, 10_000))
def test_redaction_property_in_pdf_text(
    roster: tuple[list[tuple[str, str, str, str]], list[list[int]]],
    seed: int,
    tmp_path: Path,
) -> None:
    people, attendance = roster
    found = exporting.redactor(build_sessions(people, attendance, seed))
    options = exporting.Options(redact=True, include_private=True)
    page = "".join(
        exporting.render(build_sessions(people, attendance, seed), "html", options, found)
    )
    target = tmp_path / f"property-{seed}.pdf"
    target.write_bytes(pdf.print_pdf(page, str(CHROMIUM)))
    text = pdf_text(target)
    assert leaked(text, forbidden(people, attendance)) == []
    assert "In May we met." in " ".join(text.split())


@pytest.mark.slow
@needs_tools
def test_long_over_time_table_repeats_its_header_on_every_page(
    cli: Any, sessions_dir: Path, tmp_path: Path
) -> None:
    import datetime as dt

    from conftest import make_session

    first = make_session(
        sessions_dir,
        "equitable-partnerships",
        date="2024-01-01",
        answers={"partnership-type-now": "Cooperative", "shared-leadership": 3},
    )
    text = (sessions_dir / f"{first}.yaml").read_text(encoding="utf-8")
    for week in range(1, 70):  # copies of a real record, a week apart
        day = str(dt.date(2024, 1, 1) + dt.timedelta(weeks=week))
        other = first.replace("2024-01-01", day)
        copy = text.replace(first, other).replace("date: '2024-01-01'", f"date: '{day}'")
        copy = copy.replace("date: 2024-01-01", f"date: {day}")
        (sessions_dir / f"{other}.yaml").write_text(copy, encoding="utf-8")
    target = tmp_path / "long.pdf"
    result = cli("export", "-o", str(target))
    assert result.exit_code == 0 and "(70 sessions, pdf)" in result.stderr, result.stderr
    pages = pdf_text(target).split("\f")
    row = re.compile(r"\d{4}-\d\d-\d\d\s+Northgate Elementary OST\s+Cooperative\s+3 of 5")
    with_rows = [p for p in pages if row.search(p)]
    assert len(with_rows) >= 2  # the table runs over pages
    assert all("Q1" in page for page in with_rows)


@pytest.mark.slow
@needs_tools
def test_a_pdf_export_leaves_home_and_tmpdir_empty(
    request: pytest.FixtureRequest,
    cli: Any,
    partnership: list[str],
    sessions_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The page (private notes too) and Chromium's profile, crash reports and dconf go
    to a private folder in the state folder's ``printing/``, removed after: nothing in
    /tmp or ~, nor in the sessions folder."""
    import tempfile

    short = Path(tempfile.mkdtemp(prefix="rf", dir="/tmp"))  # Chromium's socket fits
    home, tmp, sessions = short / "h", short / "t", short / "s"
    home.mkdir()
    tmp.mkdir()
    shutil.copytree(sessions_dir, sessions)
    monkeypatch.setenv("REFLECT_SESSIONS_DIR", str(sessions))
    request.addfinalizer(lambda: shutil.rmtree(short, ignore_errors=True))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("TMPDIR", str(tmp))
    for name in ("XDG_CACHE_HOME", "XDG_DATA_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_STATE_HOME", str(short / "state"))
    before = sorted(p.relative_to(sessions) for p in sessions.rglob("*"))
    monkeypatch.setattr(tempfile, "tempdir", None)  # TMPDIR read again
    target = tmp_path / "out" / "summary.pdf"
    target.parent.mkdir()
    result = cli("export", "--include-private", "--browser", str(CHROMIUM), "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert "Kids first." in pdf_text(target)
    assert list(home.rglob("*")) == [] and list(tmp.rglob("*")) == []
    assert list((private_home(sessions) / "printing").iterdir()) == []
    assert sorted(p.relative_to(sessions) for p in sessions.rglob("*")) == before


def test_a_hanging_browser_is_killed_with_its_children(
    cli: Any, partnership: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reflect_cli.render.export import pdf

    pids = tmp_path / "pids"
    hang = tmp_path / "hang.sh"
    hang.write_text(f"#!/bin/sh\nsleep 300 &\necho $! > {pids}\nsleep 300\n")
    hang.chmod(0o700)
    monkeypatch.setattr(pdf, "TIMEOUT", 2)
    target = tmp_path / "summary.pdf"
    result = cli("export", "--browser", str(hang), "-o", str(target))
    assert result.exit_code != 0 and "did not print" in result.stderr
    child = int(pids.read_text())
    import time

    for _ in range(50):  # reaped by init once killed: gone within moments
        if (
            not Path(f"/proc/{child}").exists()
            or "Z" in Path(f"/proc/{child}/stat").read_text().split()[2]
        ):
            break
        time.sleep(0.1)
    else:
        os.kill(child, 9)
        raise AssertionError("the browser's child outlived the timeout")
    assert not target.exists()
