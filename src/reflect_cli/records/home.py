"""Where reflect keeps a sessions folder's private state: the user's state folder,
``$XDG_STATE_HOME/reflect/folders/<name>-<key>/`` (by default under
``~/.local/state``), never the sessions folder itself.

A sessions folder is shared through git by many people, so nothing private may live in
it: a file anyone force-committed there (``git add -f``) would be rewritten by reflect and
pushed by the next ``git commit -a``, whatever a ``.gitignore`` says. The index (which
holds private notes), rounds under way, the editor's file, kept-aside text, PDF printing
and the facilitator's redaction decisions all live here instead, one folder per sessions
folder (``<key>`` is a hash of its real path). Each level is created owner-only and used
only when it is a real folder of the user's own (not a symbolic link); inside it, an
index file or SQLite journal that is a link, FIFO, device or hard link is removed before
SQLite opens anything. When it cannot be used, the caller keeps the index in memory for
this run. A ``.reflect/`` in the sessions folder (where older versions kept all this) is
never read or written.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import stat
import time
from pathlib import Path

from reflect_cli.errors import StoreError
from reflect_cli.i18n.messages import _

#: Where older versions kept their state, in the sessions folder: never written (``-o``
#: refuses it too) and never read (a pushed one may hold anything).
FOLDER = ".reflect"
#: Below the user's state folder: one folder per sessions folder.
FOLDERS = "folders"
INDEX = "index.sqlite"
#: SQLite's own files beside the index: each must be safe to open as well.
COMPANIONS = ("-wal", "-shm", "-journal")


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


def state_root() -> Path:
    """``$XDG_STATE_HOME/reflect`` (a relative XDG_STATE_HOME is ignored, as the XDG
    specification says), by default ``~/.local/state/reflect``."""
    base = os.environ.get("XDG_STATE_HOME", "")
    if not os.path.isabs(base):
        base = os.path.join(os.path.expanduser("~"), ".local", "state")
    return Path(base) / "reflect"


def folder_key(folder: Path) -> str:
    """The name of a sessions folder's private folder: its own name (readable, for a
    person looking) and a hash of its real path (unique)."""
    real = os.path.realpath(folder)
    name = re.sub(r"[^A-Za-z0-9._-]+", "_", os.path.basename(real)).strip("._")[:40]
    digest = hashlib.sha256(os.fsencode(real)).hexdigest()[:16]
    return f"{name or 'folder'}-{digest}"


def where_home(folder: Path) -> Path:
    """The private folder of a sessions folder, to name it (nothing made or checked)."""
    return state_root() / FOLDERS / folder_key(folder)


def folder_home(folder: Path) -> Path:
    """The private folder of a sessions folder, each level made owner-only when missing
    and refused unless it is the user's own real folder."""
    root = state_root()
    try:
        root.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise Unusable(
            _("cannot create {home} ({reason})").format(home=root.parent, reason=reason(exc))
        ) from None
    home = owned(root)
    home = owned(home / FOLDERS)
    return owned(home / folder_key(folder))


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
    """``NAME`` in a sessions folder's private folder (owner-only, checked like it):
    where what must never be shared is kept while it is needed (a round under way)."""
    return owned(folder_home(folder) / name)


def where(folder: Path) -> Path:
    """Where the index of a sessions folder is, to name it (nothing checked)."""
    return where_home(folder) / INDEX


def index_path(folder: Path) -> Path:
    """The index file of a sessions folder, its folder checked and made safe to open.

    Raises ``Unusable`` when the index must stay in memory for this run."""
    home = folder_home(folder)
    index = home / INDEX
    for name in (INDEX, *(INDEX + c for c in COMPANIONS)):
        _safe_entry(home / name)
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
