"""PDF: the HTML export printed by a locally installed Chromium or Chrome, headless.

The browser gets a fresh profile in a private folder in ``printing/`` of the folder's
private folder, every
network feature off and every host name unresolvable; the page itself forbids scripts
and requests (its Content-Security-Policy). The caller writes the PDF's bytes where they
go, so a failed print leaves nothing half-written.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
from pathlib import Path

from reflect_cli.errors import InputError, ReflectError
from reflect_cli.i18n.messages import _
from reflect_cli.records import kept
from reflect_cli.records.home import Unusable

#: Where a PDF is printed from, in the private folder (records/home.py).
PRINTING = "printing"
#: Chromium makes its singleton socket in TMPDIR/org.chromium.Chromium.XXXXXX/ and aborts
#: when that path passes the 108 bytes of a socket's name: a deeper folder keeps the
#: user's TMPDIR (Chromium removes that folder when it ends).
_SOCKET_ROOM = 60
_DIRECTORY = os.O_RDONLY | os.O_DIRECTORY | getattr(os, "O_CLOEXEC", 0)

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
            raise InputError(_("--browser: no program at {path}").format(path=repr(given)))
        return found
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    raise InputError(
        _(
            "no Chromium or Chrome found to print the PDF: install one (Debian/Ubuntu: "
            "sudo apt install chromium) or give --browser PATH, or export HTML "
            "(-o summary.html) and print it from any browser"
        )
    )


def print_pdf(page: str, browser: str, folder: Path | None = None) -> bytes:
    """The HTML ``page`` printed to PDF, or PrintError.

    The page (private notes too, with --include-private) and the browser's profile live
    in a new 0700 folder in ``folder``'s private ``printing/`` (in the user's state folder),
    never in ``/tmp``, made without following a link and removed after. The browser's
    HOME and XDG folders point there (Chromium writes crash reports and dconf under
    them), and it runs in its own process group, killed whole on timeout."""
    name = f"pdf-{os.urandom(6).hex()}"
    problems = []
    for start, below in kept.places(folder, PRINTING):
        try:
            with kept.private_folder(start, below) as fd:
                os.mkdir(name, 0o700, dir_fd=fd)
                work = start.joinpath(*below, name)
                try:
                    inner = os.open(name, _DIRECTORY | os.O_NOFOLLOW, dir_fd=fd)
                    try:
                        kept.create(inner, "summary.html", page)
                    finally:
                        os.close(inner)
                    return _run(browser, work)
                finally:
                    shutil.rmtree(work, ignore_errors=True)
        except (OSError, Unusable) as exc:
            problems.append(f"{start.joinpath(*below)}: {getattr(exc, 'strerror', None) or exc}")
    raise PrintError(
        _("no private place to print the PDF ({problems})").format(problems="; ".join(problems))
    )


def _run(browser: str, work: Path) -> bytes:
    printed = work / "summary.pdf"
    profile = work / "profile"
    command = [
        browser,
        *_FLAGS,
        *(["--no-sandbox"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []),
        f"--user-data-dir={profile}",
        f"--print-to-pdf={printed}",
        (work / "summary.html").as_uri(),
    ]
    env = {
        **os.environ,
        "HOME": str(profile),
        "XDG_CONFIG_HOME": str(profile / "config"),
        "XDG_CACHE_HOME": str(profile / "cache"),
        "XDG_DATA_HOME": str(profile / "data"),
        "XDG_STATE_HOME": str(profile / "state"),
    }
    if len(str(work)) <= _SOCKET_ROOM:
        env["TMPDIR"] = str(work)
    try:
        child = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=env,
            start_new_session=True,  # its own group: a timeout ends every child too
        )
    except OSError as exc:
        raise PrintError(
            _("cannot run {browser}: {problem}").format(
                browser=browser, problem=exc.strerror or exc
            )
        ) from None
    try:
        _out, err = child.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(OSError):
            os.killpg(child.pid, signal.SIGKILL)
        child.wait()
        raise PrintError(
            _("{browser} did not print the PDF within {seconds} s").format(
                browser=browser, seconds=TIMEOUT
            )
        ) from None
    finally:
        with contextlib.suppress(OSError):  # a helper it left behind goes too
            os.killpg(child.pid, signal.SIGKILL)
    if not printed.exists() or not printed.read_bytes().startswith(b"%PDF"):
        text = err.decode("utf-8", "replace")
        last = (text.strip().splitlines() or [_("no output")])[-1][:200]
        raise PrintError(
            _("{browser} printed no PDF (exit {status}): {last}").format(
                browser=browser, status=child.returncode, last=last
            )
        )
    return printed.read_bytes()


def pages(printed: bytes) -> int:
    """How many pages a PDF the browser printed has: its page objects (Chromium writes
    each as its own object, never in a compressed object stream)."""
    return len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", printed))
