"""The one way a file someone else may have put there is read: records, protocols and
answers files alike.

Only a regular file is read. It is opened without blocking (a FIFO or a device such as
``/dev/zero`` cannot hang or fill memory), checked on the open descriptor (so a file
swapped for something else between a look and the read is still refused), and never read
past ``MAX_BYTES``. A record is also opened without following a symbolic link.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

#: Larger than any real record, protocol or answers file (a long meeting is about 50 KB).
MAX_BYTES = 2_000_000


class NotAFile(Exception):
    """What was found is not a regular file of an acceptable size. ``kind`` says what it is
    ("a FIFO", "a symbolic link"), or is empty when the file is too large (``size``)."""

    def __init__(self, kind: str = "", size: int = 0) -> None:
        self.kind, self.size = kind, size
        if kind:
            message = f"{kind}, not a regular file"
        else:
            message = f"file is too large ({size:,} bytes; the limit is {MAX_BYTES:,})"
        super().__init__(message)


def kind(mode: int) -> str:
    """What a file of this mode is, in words."""
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_regular(path: str | Path, follow_links: bool = True) -> tuple[bytes, os.stat_result]:
    """A regular file's bytes and how it looked when opened. ``NotAFile`` for anything
    else or anything larger than ``MAX_BYTES``; ``OSError`` when it cannot be opened."""
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    if not follow_links:
        flags |= os.O_NOFOLLOW
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP and not follow_links:  # O_NOFOLLOW met a link
            raise NotAFile("a symbolic link") from None
        raise
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotAFile(kind(info.st_mode))
        if info.st_size > MAX_BYTES:
            raise NotAFile(size=info.st_size)
        chunks, size = [], 0
        while size <= MAX_BYTES:  # the file may grow while it is read
            chunk = os.read(fd, min(MAX_BYTES + 1 - size, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    finally:
        os.close(fd)
    if size > MAX_BYTES:
        raise NotAFile(size=size)
    return b"".join(chunks), info
