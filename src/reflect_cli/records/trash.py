"""Discarded records: moved, with what is rendered beside them, into the sessions
folder's ``.trash/``, never deleted and never moved anywhere else."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path

from reflect_cli.errors import StoreError
from reflect_cli.i18n.messages import _
from reflect_cli.records.atomic import disk_error
from reflect_cli.records.scan import SUFFIX

#: Where discarded sessions go, inside the sessions folder.
TRASH = ".trash"


def _lexists(name: str, folder: int) -> bool:
    try:
        os.stat(name, dir_fd=folder, follow_symlinks=False)
    except FileNotFoundError:
        return False
    return True


def move_to_trash(sessions: Path, record: Path) -> Path:
    """Move a record and what is rendered beside it into ``.trash/`` of the ``sessions``
    folder (owner-only), never over an earlier one; the path it now has. A ``.trash``
    that is a link (or not a folder) is refused: a shared folder must not send records
    elsewhere. The moves are renames between the two folders' open descriptors,
    ``.trash`` opened without following a link, so a link swapped in meanwhile is never
    followed."""
    # Imported here, not at the top: `reflect list` never needs it (start-up time).
    import secrets

    trash = sessions / TRASH
    directory = os.O_RDONLY | os.O_DIRECTORY | getattr(os, "O_CLOEXEC", 0)
    try:
        folder = os.open(record.parent, directory)
    except OSError as exc:
        raise disk_error(_("move to the trash"), record, exc) from None
    try:
        with contextlib.suppress(FileExistsError):
            os.mkdir(TRASH, 0o700, dir_fd=folder)
        try:
            bin_fd = os.open(TRASH, directory | os.O_NOFOLLOW, dir_fd=folder)
        except OSError as exc:
            if exc.errno in (errno.ELOOP, errno.ENOTDIR):
                raise StoreError(
                    _("{trash} is not a folder (a link?); nothing moved").format(trash=trash)
                ) from None
            raise
        try:
            name = record.name
            while _lexists(name, bin_fd):
                name = f"{record.stem}-{secrets.token_hex(2)}{SUFFIX}"
            # Same folder tree: a rename, never a copy.
            os.rename(record.name, name, src_dir_fd=folder, dst_dir_fd=bin_fd)
            beside = record.with_suffix(".md").name
            with contextlib.suppress(FileNotFoundError):
                if stat.S_ISREG(os.stat(beside, dir_fd=folder, follow_symlinks=False).st_mode):
                    md = Path(name).with_suffix(".md").name
                    os.rename(beside, md, src_dir_fd=folder, dst_dir_fd=bin_fd)
        finally:
            os.close(bin_fd)
    except OSError as exc:
        raise disk_error(_("move to the trash"), record, exc) from None
    finally:
        os.close(folder)
    return trash / name
