"""Writing an export or a handout where the facilitator said (`-o PATH`).

A sessions folder comes from other people's pushes, so ``-o`` never goes through a
link: a new file is created under a temporary name (owner-only, ``O_EXCL``, in the
folder's open descriptor) and linked to its name only if nothing has that name meanwhile;
an existing regular file is replaced atomically, only with --force; a symbolic link is
refused, dangling or not. A device or a named pipe is written into, never replaced
(`-o /dev/null`; as root, replacing would turn /dev/null into a file for the whole
machine), checked on the opened descriptor; the links `/dev/stdout` and `/dev/stderr`
are written into when they lead to this process's own output or to a device or pipe. A
terminal gets text with its control characters as escapes, and no PDF.

No folder on the way is a link either (``sessions/reports -> ../outside`` committed
to the shared folder): every folder of the path as typed is checked, for a relative path
all of them, for an absolute path those below the current folder when it lies inside it
(a path elsewhere was typed whole by its user; ``_linked_folder``).

Never written, whatever the flags: YAML (a record's kind of file), anything inside a
`.reflect/` folder (reflect's own state and the text it keeps aside), a folder.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from reflect_cli.controls import visible
from reflect_cli.errors import InputError, StoreError
from reflect_cli.records.atomic import write_atomic
from reflect_cli.records.home import FOLDER

#: What ``-o`` never writes: a record's kind of file.
_RECORD_SUFFIXES = (".yaml", ".yml")
#: This process's own standard output and error, which a link may lead to.
_OWN_STREAMS = (1, 2)


def check_output(path: Path, *, force: bool) -> None:
    """Refuse at once, before any work, an output that could not be written."""
    _existing(path, force=force)


def write_output(path: Path, content: str | bytes | Iterable[str], *, force: bool) -> None:
    """Write ``content`` to ``path`` as described above; InputError or StoreError else."""
    found = _existing(path, force=force)
    if found is None or (stat.S_ISREG(found.st_mode) and not os.path.islink(path)):
        try:
            write_atomic(path, content, new=found is None)
        except FileExistsError:  # something took the name meanwhile: never written through
            raise InputError(f"{path} appeared while writing; nothing written") from None
        return
    fd = _open_into(path)
    chunks: Iterable[str | bytes] = [content] if isinstance(content, str | bytes) else content
    try:
        with os.fdopen(fd, "wb") as handle:
            tty = os.isatty(handle.fileno())
            for chunk in chunks:
                if isinstance(chunk, bytes):
                    if tty:
                        raise InputError(f"{path} is a terminal: write a PDF to a file")
                    handle.write(chunk)
                else:
                    handle.write((visible(chunk, crlf=True) if tty else chunk).encode("utf-8"))
    except BrokenPipeError:
        raise  # the reader stopped reading: not a disk fault; the CLI ends quietly
    except OSError as exc:
        raise StoreError(f"cannot write {path}: {exc.strerror or exc}") from None


def _open_into(path: Path) -> int:
    """A descriptor to write into the device, pipe or own stream at ``path``; what it
    opened is checked, so a name swapped meanwhile for a regular file is never written."""
    link = os.path.islink(path)
    try:
        # Non-blocking: a pipe no one reads fails at once instead of hanging. No O_CREAT,
        # no O_TRUNC: nothing is made or emptied through this open.
        flags = os.O_WRONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0)
        fd = os.open(path, flags if link else flags | os.O_NOFOLLOW)
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise InputError(f"{path} is a named pipe that no one is reading") from None
        if exc.errno == errno.ELOOP:
            raise InputError(_LINK.format(path=path)) from None
        raise StoreError(f"cannot write {path}: {exc.strerror or exc}") from None
    opened = os.fstat(fd)
    own = _own_stream(opened)
    if own is not None:
        os.close(fd)
        fd = os.dup(own)  # written where the shell put it, at its own offset
    elif stat.S_ISREG(opened.st_mode) or stat.S_ISDIR(opened.st_mode):
        os.close(fd)
        raise InputError(_LINK.format(path=path) if link else f"{path} changed while writing")
    os.set_blocking(fd, True)
    return fd


_LINK = "{path} is a symbolic link; reflect never writes through a link: give the file itself"


def _own_stream(info: os.stat_result) -> int | None:
    for fd in _OWN_STREAMS:
        try:
            if os.path.samestat(info, os.fstat(fd)):
                return fd
        except OSError:
            continue
    return None


def _linked_folder(path: Path) -> str | None:
    """The first folder of ``path`` as typed that is a symbolic link, among those
    checked (see the module's docstring); each prefix in order, so ``link/..`` is caught
    at ``link``."""
    parts = path.parts[:-1]
    if path.is_absolute():
        here = Path.cwd().parts
        if parts[: len(here)] != here:
            return None
        start, prefix = len(here), Path(*here)
    else:
        start, prefix = 0, Path()
    for part in parts[start:]:
        prefix = prefix / part
        if os.path.islink(prefix):
            return str(prefix)
    return None


def _existing(path: Path, *, force: bool) -> os.stat_result | None:
    """What is at ``path`` (a link's target for a link that may be written into), None
    when nothing is there; InputError for what is never written."""
    if path.suffix.lower() in _RECORD_SUFFIXES:
        raise InputError(f"{path}: -o never writes YAML, a record's kind of file")
    linked = _linked_folder(path)
    if linked is not None:
        raise InputError(
            f"{path}: the folder {linked} is a symbolic link; "
            "reflect never writes through a link: give the real folder"
        )
    parent = Path(os.path.realpath(path.parent))
    if FOLDER in parent.parts or path.name == FOLDER:
        raise InputError(f"{path} is inside {FOLDER}/, reflect's own folder")
    try:
        found = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror or exc}") from None
    if stat.S_ISLNK(found.st_mode):
        try:
            target = os.stat(path)
        except OSError:
            raise InputError(_LINK.format(path=path)) from None
        if stat.S_ISCHR(target.st_mode) or stat.S_ISFIFO(target.st_mode):
            return target
        if _own_stream(target) is not None:
            return target
        raise InputError(_LINK.format(path=path))
    if stat.S_ISDIR(found.st_mode):
        raise InputError(f"{path} is a folder: give a file name")
    if stat.S_ISREG(found.st_mode) and not force:
        raise InputError(f"{path} exists; use --force to overwrite it")
    return found
