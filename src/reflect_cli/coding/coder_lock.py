"""Two runs on one coder's file never lose each other's codings.

A coder's file is rewritten whole at every decision, so two writers (two terminals
running `reflect code` as the same coder, or a `codes import` while coding) would each
write back what they read and drop what the other saved meanwhile. Two locks prevent it,
both ``flock`` on files in ``coding/`` of the folder's private state folder (never shared):

- ``CODER.saving``, held only while a save reads the file, merges its own changes into
  it and writes it back (``codings.save``): every writer waits its turn;
- ``CODER.coding``, held for the whole of an interactive run: a second `reflect code`
  as the same coder is refused in one line naming the run that holds it (its process,
  host and start), since one person coding one queue in two places would be asked the
  same passages twice.

``flock`` belongs to the open file, so two openings in one process exclude each other
too, and the kernel lets go of it when a process dies (a kill leaves no stale lock).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import os
import socket
import time
from collections.abc import Iterator
from pathlib import Path

from reflect_cli.errors import StoreError
from reflect_cli.i18n.messages import _
from reflect_cli.records import home

FOLDER = "coding"
#: How long a save waits for another save of the same coder's file (each takes a moment).
SAVE_WAIT = 15.0


class CoderBusy(StoreError):
    """Another `reflect code` run holds this coder's file."""


def _open(folder: Path, name: str) -> int:
    where = home.private_folder(folder, FOLDER)
    flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
    try:
        return os.open(where / name, flags, 0o600)
    except OSError as exc:
        raise StoreError(
            _("cannot use {path}: {reason}").format(path=where / name, reason=home.reason(exc))
        ) from None


def _try(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


@contextlib.contextmanager
def saving(folder: Path, coder: str) -> Iterator[None]:
    """Held while a coder's file is read, merged and written; a second save waits."""
    fd = _open(folder, f"{coder}.saving")
    try:
        deadline = time.monotonic() + SAVE_WAIT
        while not _try(fd):
            if time.monotonic() > deadline:
                raise StoreError(
                    _(
                        "codings/{coder}.yaml: another save has held it for "
                        "{seconds:.0f} s; not written (run again)"
                    ).format(coder=coder, seconds=SAVE_WAIT)
                )
            time.sleep(0.02)
        yield
    finally:
        os.close(fd)  # closing the descriptor lets go of the lock


class Run:
    """An interactive run's hold on a coder's file, until ``release``."""

    def __init__(self, fd: int) -> None:
        self._fd: int | None = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> Run:
        return self

    def __exit__(self, *_: object) -> None:
        self.release()


def claim(folder: Path, coder: str) -> Run:
    """Hold the coder's file for this run; ``CoderBusy`` naming the run that holds it."""
    fd = _open(folder, f"{coder}.coding")
    if not _try(fd):
        try:
            held_by = os.pread(fd, 200, 0).decode("utf-8", "replace").strip()
        finally:
            os.close(fd)
        raise CoderBusy(
            _(
                "{coder} is already coding in this folder ({holder}); /pause that "
                "run first, or code as another --coder"
            ).format(coder=coder, holder=held_by or _("another reflect code"))
        )
    started = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    who = f"reflect code, process {os.getpid()} on {socket.gethostname()}, since {started}"
    os.ftruncate(fd, 0)
    os.pwrite(fd, who.encode("utf-8"), 0)
    return Run(fd)
