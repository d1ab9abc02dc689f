"""A live session's hold on its record, and the refusals that keep an update from being
lost.

While a session runs, every record its store writes stays locked (an exclusive
``flock`` on the open file) until it ends; `resume` holds its record before reading it.
Another process that would write the record, or `reflect edit` and `discard`, try the
same lock without waiting and refuse (``RecordBusy``). A save of a record that changed
on disk since the store read or wrote it is refused as well (``RecordChanged``).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from reflect_cli.errors import StoreError
from reflect_cli.i18n.messages import _
from reflect_cli.records.atomic import disk_error


class RecordChanged(StoreError):
    """The record changed on disk since it was read: saving would lose that change. The
    unsaved text is kept aside in ``kept``."""

    def __init__(self, path: Path, kept: Path) -> None:
        self.path, self.kept = path, kept
        super().__init__(
            f"{path} changed on disk since it was read; not overwritten. "
            f"The unsaved version is kept in {kept}"
        )


class RecordBusy(StoreError):
    """A live session holds the record; the unsaved text, if any, is kept in ``kept``."""

    def __init__(self, path: Path, kept: Path | None = None) -> None:
        self.path, self.kept = path, kept
        aside = f"; the unsaved version is kept in {kept}" if kept else ""
        super().__init__(
            f"{path} is open in a live session (reflect start/resume); "
            f"edit it once that session has ended{aside}"
        )


def try_lock(fd: int) -> bool:
    """Lock the open file for this process, without waiting; False when another has it."""
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


@dataclass
class Holds:
    """The records a store's live session holds: their locked descriptors."""

    fds: dict[Path, int] = field(default_factory=dict)
    #: A session is running: every record written stays held (``write_atomic(hold=)``).
    live: bool = False

    @contextlib.contextmanager
    def running(self) -> Iterator[None]:
        """While a session runs: every record written stays locked until the end."""
        self.live = True
        try:
            yield
        finally:
            self.live = False
            for fd in self.fds.values():
                os.close(fd)
            self.fds.clear()

    def hold(self, path: Path) -> None:
        """Lock an existing record for a live session; ``RecordBusy`` if another has it."""
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        except OSError as exc:
            raise disk_error(_("open the record"), path, exc) from None
        if not try_lock(fd):
            os.close(fd)
            raise RecordBusy(path)
        self.fds[path] = fd

    def check_free(self, path: Path) -> None:
        """``RecordBusy`` when a live session holds the record."""
        self.hold(path)
        os.close(self.fds.pop(path))
