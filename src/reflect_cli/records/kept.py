"""Text that could not be saved in its record, kept aside where the facilitator will find
it after a reboot (``/tmp`` is emptied by one) and git never sees it: the sessions
folder's private folder in the user's state folder
(``$XDG_STATE_HOME/reflect/folders/<name>-<key>/kept/``, see ``home``), or
``$XDG_STATE_HOME/reflect/kept/`` when there is no sessions folder.

Owner-only and never through a link: each folder below the start is opened with
``O_NOFOLLOW`` (a level that is a link is not used), must be the user's own, and the file
is created ``O_EXCL`` in the folder's descriptor with mode 0600.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from reflect_cli.errors import StoreError
from reflect_cli.i18n.messages import _
from reflect_cli.records.atomic import OWNER_ONLY
from reflect_cli.records.home import FOLDERS, Unusable, folder_key, state_root

KEPT = "kept"
_DIRECTORY = os.O_RDONLY | os.O_DIRECTORY | getattr(os, "O_CLOEXEC", 0)


def keep_aside(folder: Path | None, text: str, stem: str) -> Path:
    """Save ``text`` (for the session named ``stem``) where it is kept; the path."""
    stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S")
    name = f"{stem}-{stamp}-{os.urandom(2).hex()}.yaml"
    problems = []
    for start, below in places(folder, KEPT):
        try:
            with private_folder(start, below) as fd:
                create(fd, name, text)
        except (OSError, Unusable) as exc:
            problems.append(f"{start.joinpath(*below)}: {getattr(exc, 'strerror', None) or exc}")
            continue
        return start.joinpath(*below, name)
    raise StoreError(
        _("the unsaved text could not be kept anywhere ({problems})").format(
            problems="; ".join(problems)
        )
    )


def places(folder: Path | None, sub: str) -> list[tuple[Path, tuple[str, ...]]]:
    """Where private text goes: ``<sub>`` in the sessions folder's private folder, or
    in the state folder when there is no sessions folder (a start and the parts made
    below it). Never the sessions folder itself: whatever is there may be pushed."""
    state = state_root()
    if folder is None:
        return [(state.parent, (state.name, sub))]
    return [(state.parent, (state.name, FOLDERS, folder_key(folder), sub))]


@contextlib.contextmanager
def private_folder(start: Path, below: tuple[str, ...]) -> Iterator[int]:
    """The descriptor of ``start/below…``, each part below ``start`` made (0700) when
    missing and opened without following a link; the user's own."""
    start.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(start, _DIRECTORY)
    try:
        for part in below:
            with contextlib.suppress(FileExistsError):
                os.mkdir(part, 0o700, dir_fd=fd)
            inner = os.open(part, _DIRECTORY | os.O_NOFOLLOW, dir_fd=fd)
            os.close(fd)
            fd = inner
            info = os.fstat(fd)
            if info.st_uid != os.geteuid() or not stat.S_ISDIR(info.st_mode):
                raise Unusable(_("{part} belongs to someone else").format(part=part))
        yield fd
    finally:
        os.close(fd)


def create(folder: int, name: str, text: str) -> None:
    """A new file ``name`` holding ``text`` in the open ``folder``: 0600, ``O_EXCL``,
    never through a link, on the disk before this returns."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(name, flags, OWNER_ONLY, dir_fd=folder)
    try:
        os.fchmod(fd, OWNER_ONLY)
        with os.fdopen(fd, "wb", closefd=False) as handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
    finally:
        os.close(fd)
