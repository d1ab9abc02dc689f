"""Writing an export or a handout where the facilitator said (`-o PATH`).

A regular file is replaced atomically (owner-only), and only with --force when it exists.
Anything else is never replaced: `-o /dev/null` or `-o /dev/stdout` writes into the
device (run as root, replacing would turn /dev/null into a file for the whole machine), a
named pipe is written into when someone reads it, a symlink is followed to its file, and
a folder is refused.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from reflect_cli.errors import InputError, StoreError
from reflect_cli.records.store import write_atomic


def check_output(path: Path, *, force: bool) -> None:
    """Refuse at once, before any work, an output that could not be written."""
    _existing_kind(path, force=force)


def write_output(path: Path, content: str | bytes | Iterable[str], *, force: bool) -> None:
    """Write ``content`` to ``path`` as described above; InputError or StoreError else."""
    kind = _existing_kind(path, force=force)
    real = Path(os.path.realpath(path))
    if kind is None or kind == stat.S_IFREG:
        write_atomic(real, content)
        return
    try:
        # Non-blocking: a pipe no one reads fails at once instead of hanging.
        fd = os.open(real, os.O_WRONLY | os.O_NONBLOCK | os.O_NOCTTY)
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise InputError(f"{path} is a named pipe that no one is reading") from None
        raise StoreError(f"cannot write {path}: {exc.strerror or exc}") from None
    os.set_blocking(fd, True)
    chunks = [content] if isinstance(content, str | bytes) else content
    try:
        with os.fdopen(fd, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk.encode("utf-8") if isinstance(chunk, str) else chunk)
    except OSError as exc:
        raise StoreError(f"cannot write {path}: {exc.strerror or exc}") from None


def _existing_kind(path: Path, *, force: bool) -> int | None:
    """The file type at ``path`` (through symlinks), None when nothing is there."""
    try:
        found = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path) and not os.path.isdir(os.path.dirname(os.path.realpath(path))):
            raise InputError(f"{path} is a link to a folder that does not exist") from None
        return None
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror or exc}") from None
    kind = stat.S_IFMT(found.st_mode)
    if kind == stat.S_IFDIR:
        raise InputError(f"{path} is a folder: give a file name")
    if kind == stat.S_IFREG and not force:
        raise InputError(f"{path} exists; use --force to overwrite it")
    return kind
