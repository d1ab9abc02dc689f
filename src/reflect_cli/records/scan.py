"""Looking at a sessions folder as untrusted input: which files are records, safely.

A sessions folder is often a git repository several people push to, so anything may be
in it. Only regular files named ``*.yaml`` (not hidden) are records; a symbolic link (a
loop included), FIFO, device, socket or directory with that name, or a name that is not
UTF-8, is one warning and is never opened. Records are opened without following links
and without blocking, and checked again on the open descriptor, so a file swapped for a
FIFO between the look and the read still cannot hang a command.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import NamedTuple

from reflect_cli.errors import RecordError
from reflect_cli.i18n.messages import _
from reflect_cli.records.opening import NotAFile, kind, read_regular

SUFFIX = ".yaml"
#: YAML files of a sessions folder that are not records: the shared codebook
#: (``coding/codebook.py``).
NOT_RECORDS = frozenset({"codebook.yaml"})


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
        raise RecordError(
            _("cannot read the sessions folder {folder}: {strerror}").format(
                folder=folder, strerror=exc.strerror
            )
        ) from None
    regular = stat.S_ISREG
    with entries:
        for entry in entries:
            name = entry.name
            if not name.endswith(SUFFIX) or name[0] == "." or name in NOT_RECORDS:
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
                warnings.append(f"{folder / name}: {kind(info.st_mode)}, not a record; not read")
    return files, warnings


def digest(files: dict[str, Look]) -> str:
    """One short text for how a whole folder looks: equal digests, nothing changed. Built
    from integers only (their hashes are the same in every process), in any order."""
    from zlib import crc32

    total = sum(hash((crc32(name.encode()), *look)) for name, look in files.items())
    return f"{len(files)}:{total & 0xFFFFFFFFFFFFFFFF:016x}"


def read_bytes(path: Path) -> tuple[bytes, Seen]:
    """A record file's bytes and how it looked when read: never through a symbolic link,
    never blocking on a FIFO, never more than ``MAX_BYTES`` (records/opening.py)."""
    try:
        raw, info = read_regular(path, follow_links=False)
    except FileNotFoundError:
        raise RecordError(_("{path}: no such record").format(path=path)) from None
    except NotAFile as exc:
        if exc.kind:
            raise RecordError(
                _("{path}: {kind}, not a record; not read").format(path=path, kind=exc.kind)
            ) from None
        raise RecordError(
            _("{path}: too large for a record ({size:,} bytes)").format(path=path, size=exc.size)
        ) from None
    except OSError as exc:
        raise RecordError(
            _("{path}: cannot read: {problem}").format(path=path, problem=exc.strerror or exc)
        ) from None
    return raw, Seen.of(info)


def current(path: Path) -> Seen | None:
    """How the file at ``path`` looks now (not following a link), or None if absent."""
    try:
        return Seen.of(os.lstat(path))
    except FileNotFoundError:
        return None
