"""PDF: the HTML export printed by a locally installed Chromium or Chrome, headless.

The browser gets a fresh profile in a private temporary folder, every network feature
off and every host name unresolvable; the page itself forbids scripts and requests (its
Content-Security-Policy). The caller writes the PDF's bytes where they go, so a failed
print leaves nothing half-written.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from reflect_cli.errors import InputError, ReflectError

#: Looked for on PATH, in this order.
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
_FLAGS = [
    "--headless",
    "--disable-gpu",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--disable-quic",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--proxy-server=127.0.0.1:9",
    "--no-pdf-header-footer",
]
TIMEOUT = 120


class PrintError(ReflectError):
    """The browser could not print the PDF."""


def find_browser(given: str | None = None) -> str:
    """The browser to print with: ``given`` (a path or a name on PATH), else the first of
    ``BROWSERS`` on PATH; InputError with what to do when there is none."""
    if given:
        found = shutil.which(given)
        if found is None:
            raise InputError(f"--browser: no program at {given!r}")
        return found
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    raise InputError(
        "no Chromium or Chrome found to print the PDF: install one (Debian/Ubuntu: "
        "sudo apt install chromium) or give --browser PATH, or export HTML "
        "(-o summary.html) and print it from any browser"
    )


def print_pdf(page: str, browser: str) -> bytes:
    """The HTML ``page`` printed to PDF, or PrintError."""
    with tempfile.TemporaryDirectory(prefix="reflect-pdf-") as work:
        source = Path(work) / "summary.html"
        source.write_text(page, encoding="utf-8")
        printed = Path(work) / "summary.pdf"
        command = [
            browser,
            *_FLAGS,
            *(["--no-sandbox"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []),
            f"--user-data-dir={Path(work) / 'profile'}",
            f"--print-to-pdf={printed}",
            source.as_uri(),
        ]
        try:
            done = subprocess.run(
                command,
                capture_output=True,
                text=True,
                timeout=TIMEOUT,
                check=False,
                stdin=subprocess.DEVNULL,
            )
        except subprocess.TimeoutExpired:
            raise PrintError(f"{browser} did not print the PDF within {TIMEOUT} s") from None
        except OSError as exc:
            raise PrintError(f"cannot run {browser}: {exc.strerror or exc}") from None
        if not printed.exists() or not printed.read_bytes().startswith(b"%PDF"):
            last = (done.stderr.strip().splitlines() or ["no output"])[-1][:200]
            raise PrintError(f"{browser} printed no PDF (exit {done.returncode}): {last}")
        return printed.read_bytes()
