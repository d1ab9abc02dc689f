"""One way to write a file in a sessions folder (a record, its Markdown, an export):
all at once and owner-only, never through a link.

Writes go to a temporary file in the same folder, are flushed and fsynced, then renamed
over the name (or linked, for a new one), so a crash or a full disk never leaves half a
file, nor an empty one.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
from collections.abc import Iterable
from pathlib import Path

from reflect_cli.errors import StoreError
from reflect_cli.i18n.messages import _

__all__ = ["OWNER_ONLY", "disk_error", "write_atomic"]


def disk_error(action: str, path: Path, exc: OSError) -> StoreError:
    """A disk failure in one line, in the words a facilitator knows."""
    reason = {
        errno.ENOSPC: _("the disk is full"),
        errno.EROFS: _("the disk is read-only"),
        errno.EACCES: _("permission denied"),
        errno.EPERM: _("permission denied"),
        errno.EDQUOT: _("the disk quota is exceeded"),
    }.get(exc.errno or 0, exc.strerror or str(exc))
    return StoreError(
        _("cannot {action} {path}: {reason}").format(action=action, path=path, reason=reason)
    )


#: Every file reflect writes in a sessions folder: owner-only, whatever the umask.
OWNER_ONLY = 0o600


def write_atomic(
    path: Path,
    text: str | bytes | Iterable[str],
    *,
    new: bool = False,
    hold: bool = False,
    folder_fd: int | None = None,
) -> int | None:
    """Replace ``path`` with ``text`` (or chunks of it) all at once; nothing half-written.
    Owner-only by construction: a temporary file is created with mode 0600 (``O_EXCL``,
    never through a link) in the folder's open descriptor, then renamed onto the name
    (a rename replaces a link, never follows it). ``new``: only if no file has that name
    (``FileExistsError``) and never an empty one. ``hold``: return the new file's
    descriptor, locked before it appears. ``folder_fd``: the folder, already open (reached
    without following a link: ``output_place``); else ``path``'s parent is opened."""
    chunks = [text] if isinstance(text, str | bytes) else text
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
    try:
        folder = (
            os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY | getattr(os, "O_CLOEXEC", 0))
            if folder_fd is None
            else os.dup(folder_fd)
        )
    except OSError as exc:
        raise disk_error(_("write"), path, exc) from None
    try:
        while True:
            temp = f".{path.name}.{os.urandom(4).hex()}.tmp"
            try:
                fd = os.open(temp, flags, OWNER_ONLY, dir_fd=folder)
                break
            except FileExistsError:
                continue
            except OSError as exc:
                raise disk_error(_("write"), path, exc) from None
        try:
            os.fchmod(fd, OWNER_ONLY)  # exactly 0600: a umask can only take bits away
            with os.fdopen(fd, "wb", closefd=False) as handle:
                for chunk in chunks:
                    handle.write(chunk.encode("utf-8") if isinstance(chunk, str) else chunk)
                handle.flush()
                os.fsync(handle.fileno())
            if hold:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            if new:
                # Fails if the name is taken (a dangling link too): never overwrites.
                os.link(temp, path.name, src_dir_fd=folder, dst_dir_fd=folder)
                os.unlink(temp, dir_fd=folder)
            else:
                os.replace(temp, path.name, src_dir_fd=folder, dst_dir_fd=folder)
        except BaseException as exc:
            os.close(fd)
            with contextlib.suppress(OSError):
                os.unlink(temp, dir_fd=folder)
            if isinstance(exc, FileExistsError) or not isinstance(exc, OSError):
                raise
            raise disk_error(_("write"), path, exc) from None
    finally:
        os.close(folder)
    if hold:
        return fd
    os.close(fd)
    return None
