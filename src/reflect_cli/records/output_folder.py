"""Writing a folder of files where the facilitator said (`export -f datapackage -o DIR`).

The folder is made owner-only when it does not exist; an existing one is written into
only when empty, or with --force. Nothing is written through a link: the folder itself
may not be one (it is opened with ``O_NOFOLLOW`` and every file is created relative to
that open folder), and each file is written to a fresh temporary name, then renamed over
its own name, so an entry that was a link is replaced, never followed.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from pathlib import Path

from reflect_cli.errors import InputError, StoreError


def check_folder(path: Path, *, force: bool) -> None:
    """Refuse at once, before any work, a folder that could not be written."""
    _existing(path, force=force)


def write_folder(path: Path, files: dict[str, str | bytes], *, force: bool) -> None:
    """Write each file (name: content) into the folder ``path``; InputError or StoreError."""
    if not _existing(path, force=force):
        try:
            os.mkdir(path, 0o700)
        except FileExistsError:  # made meanwhile: judged as any existing folder
            _existing(path, force=force)
        except OSError as exc:
            raise StoreError(f"cannot make the folder {path}: {exc.strerror or exc}") from None
    try:
        folder = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    except OSError as exc:
        raise InputError(f"cannot write into {path}: {exc.strerror or exc}") from None
    try:
        for name, content in files.items():
            _write(folder, name, content, path)
        os.fsync(folder)
    finally:
        os.close(folder)


def _write(folder: int, name: str, content: str | bytes, path: Path) -> None:
    if "/" in name or name in ("", ".", ".."):  # names are ours; a slip must not escape
        raise ValueError(f"not a file name: {name!r}")
    temp = f".{name}.{secrets.token_hex(4)}.tmp"
    data = content.encode("utf-8") if isinstance(content, str) else content
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW
    try:
        fd = os.open(temp, flags, 0o600, dir_fd=folder)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, name, src_dir_fd=folder, dst_dir_fd=folder)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp, dir_fd=folder)
        raise StoreError(f"cannot write {path / name}: {exc.strerror or exc}") from None


def _existing(path: Path, *, force: bool) -> bool:
    """Whether the folder exists (and may be written into); InputError when it may not."""
    try:
        found = os.lstat(path)
    except FileNotFoundError:
        if not path.parent.is_dir():
            raise InputError(f"{path.parent} is not a folder that exists") from None
        return False
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror or exc}") from None
    if stat.S_ISLNK(found.st_mode):
        raise InputError(f"{path} is a symbolic link: give a real folder (or FILE.zip)")
    if not stat.S_ISDIR(found.st_mode):
        raise InputError(f"{path} exists and is not a folder: give a folder or FILE.zip")
    with os.scandir(path) as entries:
        empty = not any(entries)
    if not force and not empty:
        raise InputError(f"{path} is a folder that is not empty; use --force to write into it")
    return True
