"""``sessions/.reflect/``: where the index lives, checked before anything is written.

Everything in a sessions folder may have come from someone else's push, this folder
included. It is used only when it is a real folder (not a symbolic link, so `.reflect ->
.` or `-> /etc` leads nowhere); inside it, an index file or SQLite journal that is a link,
FIFO, device or hard link is removed (it is ours to replace, and removing a link never
touches what it points to) before SQLite opens anything. When the folder cannot be used,
the caller keeps the index in memory for this run.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import time
from pathlib import Path

from reflect_cli.errors import StoreError
from reflect_cli.i18n.messages import _
from reflect_cli.records.atomic import write_atomic
from reflect_cli.records.opening import NotAFile, read_regular

FOLDER = ".reflect"
INDEX = "index.sqlite"
#: SQLite's own files beside the index: each must be safe to open as well.
COMPANIONS = ("-wal", "-shm", "-journal")
GITIGNORE = "# reflect's index: rebuilt from the records, never shared\n*\n"


class Unusable(StoreError):
    """The index folder cannot be used for this run; the message says why."""


def reason(exc: OSError) -> str:
    return {
        errno.ENOSPC: "the disk is full",
        errno.EROFS: "the disk is read-only",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EDQUOT: "the disk quota is exceeded",
        errno.EFBIG: "the disk is full",
    }.get(exc.errno or 0, exc.strerror or str(exc))


def _make_folder(home: Path) -> None:
    try:
        os.mkdir(home, 0o700)
    except FileExistsError:
        return
    except OSError as exc:
        raise Unusable(
            _("cannot create {home} ({reason})").format(home=home, reason=reason(exc))
        ) from None


def _safe_entry(path: Path) -> None:
    """Remove ``path`` unless it is absent or a plain regular file of its own."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    if stat.S_ISREG(info.st_mode) and info.st_nlink == 1:
        return
    try:
        if stat.S_ISDIR(info.st_mode):
            os.rmdir(path)
        else:
            os.unlink(path)
    except OSError as exc:
        raise Unusable(
            _("{path} is not a regular file and cannot be replaced").format(path=path)
        ) from exc


def write_gitignore(home: Path) -> None:
    """reflect's own .gitignore, (re)written whenever it holds anything else: a
    ``.reflect/`` pushed by anyone may carry one saying ``!*``, and the next
    ``git add -A`` would share the index (private notes) and rounds under way."""
    path = home / ".gitignore"
    try:
        kept, _seen = read_regular(path, follow_links=False)
        if kept == GITIGNORE.encode():
            return
    except (OSError, NotAFile):
        pass  # missing, a link or not a file: replaced below (never followed)
    try:
        write_atomic(path, GITIGNORE)
    except (OSError, StoreError) as exc:
        raise Unusable(_("cannot write in {home} ({exc})").format(home=home, exc=exc)) from None


def owned(home: Path) -> Path:
    """``home`` created if missing, and refused unless it is our own real folder."""
    _make_folder(home)
    info = os.lstat(home)
    if stat.S_ISLNK(info.st_mode):
        raise Unusable(_("{home} is a symbolic link, not reflect's folder").format(home=home))
    if not stat.S_ISDIR(info.st_mode):
        raise Unusable(_("{home} is not a folder").format(home=home))
    if info.st_uid != os.geteuid():
        raise Unusable(_("{home} belongs to someone else").format(home=home))
    return home


def private_folder(folder: Path, name: str) -> Path:
    """``.reflect/NAME`` of a sessions folder (owner-only, checked like ``.reflect/``):
    where what must never be shared is kept while it is needed (a round under way)."""
    home = owned(Path(os.path.realpath(folder)) / FOLDER)
    write_gitignore(home)
    return owned(home / name)


def where(folder: Path) -> Path:
    """Where the index of a sessions folder is, to name it (nothing checked)."""
    return Path(os.path.realpath(folder)) / FOLDER / INDEX


def index_path(folder: Path) -> Path:
    """The index file of a sessions folder, its folder checked and made safe to open.

    Raises ``Unusable`` when the index must stay in memory for this run."""
    home = owned(Path(os.path.realpath(folder)) / FOLDER)  # realpath: no '..' left
    index = home / INDEX
    for name in (INDEX, *(INDEX + c for c in COMPANIONS)):
        _safe_entry(home / name)
    write_gitignore(home)
    _create_private(index)
    return index


def _create_private(index: Path) -> None:
    """The index holds private notes: create it owner-only (SQLite's journals copy its
    permissions)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
    try:
        os.close(os.open(index, flags, 0o600))
    except FileExistsError:
        return
    except OSError as exc:
        raise Unusable(
            _("cannot write in {parent} ({reason})").format(parent=index.parent, reason=reason(exc))
        ) from None


def remove_index(index: Path) -> None:
    """Delete a damaged index and its journals (all regular files, checked above)."""
    for suffix in ("", *COMPANIONS):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(f"{index}{suffix}")


def damaged(index: Path) -> bool:
    """Whether the index file is not an SQLite database (garbage, or emptied a while ago:
    a database being created this instant is empty too)."""
    try:
        with open(index, "rb") as handle:
            head = handle.read(16)
        age = time.time() - os.stat(index).st_mtime
    except OSError:
        return False
    return head != b"SQLite format 3\x00" and (head != b"" or age > 2)
