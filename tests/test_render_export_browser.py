"""The HTML summary in a real browser: headless Chromium renders it, prints it, runs nothing."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.slow

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None and os.environ.get("CI"):
    raise RuntimeError("CI must install Debian's chromium for the browser tests (see .ci/run)")
needs_browser = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed here")

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    profile = tmp_path / "profile"
    command = [str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture
def page(cli: Any, sessions: dict[str, str], tmp_path: Path) -> Path:
    target = tmp_path / "summary.html"
    result = cli("export", "-o", str(target), "--include-private")
    assert result.exit_code == 0, result.stderr
    return target


@needs_browser
def test_dom_shows_answers_and_no_script_ran(page: Path, tmp_path: Path) -> None:
    done = chromium(tmp_path, "--dump-dom", page.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    dom = done.stdout
    assert "<title>Partnership reflection summary</title>" in dom  # a script would have set 'pwned'
    assert "pwned</title>" not in dom
    assert "Families at the table. Café ☕" in dom
    assert "&lt;script&gt;document.title='pwned'&lt;/script&gt;" in dom
    assert "<script" not in dom


@needs_browser
def test_print_to_pdf(page: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "summary.pdf"
    done = chromium(tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", page.as_uri())
    assert pdf.exists(), done.stderr[-2000:]
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 5_000
