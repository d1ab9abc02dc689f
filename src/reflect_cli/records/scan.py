"""Looking at a sessions folder as untrusted input: which files are records, safely.

A sessions folder is often a git repository several people push to, so anything may be
in it. Only regular files named ``*.yaml`` (not hidden) are records; a symbolic link (a
loop included), FIFO, device, socket or directory with that name, or a name that is not
UTF-8, is one warning and is never opened. Records are opened without following links
and without blocking, and checked again on the open descriptor, so a file swapped for a
FIFO between the look and the read still cannot hang a command.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import NamedTuple

from reflect_cli.errors import RecordError

SUFFIX = ".yaml"
#: Larger than any real record (a long meeting is about 50 KB).
MAX_BYTES = 2_000_000


class Seen(NamedTuple):
    """What a file looked like: when any of these change, its contents may have. A tuple,
    so a whole folder compares against the index's rows in one step."""

    size: int
    mtime_ns: int
    ctime_ns: int
    inode: int

    @classmethod
    def of(cls, info: os.stat_result) -> Seen:
        return cls(info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


def _kind(mode: int) -> str:
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


#: How a file looks, as a plain tuple (the shape of ``Seen``): a folder of thousands is
#: scanned on every command, so nothing slower is built per file.
Look = tuple[int, int, int, int]


def scan(folder: Path) -> tuple[dict[str, Look], list[str]]:
    """Every record file in the folder with how it looks now, and one warning per
    entry that looks like a record but is not a regular file with a UTF-8 name."""
    files: dict[str, Look] = {}
    warnings: list[str] = []
    try:
        entries = os.scandir(folder)
    except FileNotFoundError:
        return files, warnings
    except OSError as exc:
        raise RecordError(f"cannot read the sessions folder {folder}: {exc.strerror}") from None
    regular = stat.S_ISREG
    with entries:
        for entry in entries:
            name = entry.name
            if not name.endswith(SUFFIX) or name[0] == ".":
                continue
            if not name.isascii():
                try:
                    name.encode("utf-8")
                except UnicodeEncodeError:
                    shown = os.fsencode(name).decode("utf-8", "backslashreplace")
                    warnings.append(f"{folder}/{shown}: file name is not UTF-8; not read")
                    continue
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError:
                continue  # gone since the folder was listed
            if regular(info.st_mode):
                files[name] = (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
            else:
                warnings.append(f"{folder / name}: {_kind(info.st_mode)}, not a record; not read")
    return files, warnings


def digest(files: dict[str, Look]) -> str:
    """One short text for how a whole folder looks: equal digests, nothing changed. Built
    from integers only (their hashes are the same in every process), in any order."""
    from zlib import crc32

    total = sum(hash((crc32(name.encode()), *look)) for name, look in files.items())
    return f"{len(files)}:{total & 0xFFFFFFFFFFFFFFFF:016x}"


def read_bytes(path: Path) -> tuple[bytes, Seen]:
    """A record file's bytes and how it looked when read: never through a symbolic link,
    never blocking on a FIFO, never more than ``MAX_BYTES``."""
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise RecordError(f"{path}: no such record") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # O_NOFOLLOW met a symbolic link
            raise RecordError(f"{path}: a symbolic link, not a record; not read") from None
        raise RecordError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise RecordError(f"{path}: {_kind(info.st_mode)}, not a record; not read")
        if info.st_size > MAX_BYTES:
            raise RecordError(f"{path}: too large for a record ({info.st_size:,} bytes)")
        chunks = []
        left = MAX_BYTES + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as exc:
        raise RecordError(f"{path}: cannot read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    raw = b"".join(chunks)
    if len(raw) > MAX_BYTES:
        raise RecordError(f"{path}: too large for a record")
    return raw, Seen.of(info)


def current(path: Path) -> Seen | None:
    """How the file at ``path`` looks now (not following a link), or None if absent."""
    try:
        return Seen.of(os.lstat(path))
    except FileNotFoundError:
        return None
