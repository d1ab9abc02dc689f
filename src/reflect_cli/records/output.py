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
to the shared folder, or any folder of an absolute path): the path is walked folder by
folder from ``/`` or the current folder, each opened without following a link, and the
file is made or replaced relative to the last one (``output_place``).

Never written, whatever the flags: YAML (a record's kind of file), the ``.md`` beside a
record (``<id>.md`` next to ``<id>.yaml``: reflect writes it from the record, and the two
travel together through git), anything inside reflect's private state folder or a
``.reflect/`` folder, a folder. What no ``-o`` writes, file or folder, is decided by
``output_place``.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from reflect_cli.controls import visible
from reflect_cli.errors import InputError, StoreError
from reflect_cli.i18n.messages import N_, _
from reflect_cli.records.atomic import write_atomic
from reflect_cli.records.output_place import Place, opened

#: This process's own standard output and error, which a link may lead to.
_OWN_STREAMS = (1, 2)


def check_output(path: Path, *, force: bool) -> None:
    """Refuse at once, before any work, an output that could not be written."""
    with opened(path) as place:
        _existing(place, force=force)


def write_output(path: Path, content: str | bytes | Iterable[str], *, force: bool) -> None:
    """Write ``content`` to ``path`` as described above; InputError or StoreError else."""
    with opened(path) as place:
        found, link = _existing(place, force=force)
        if found is None or (stat.S_ISREG(found.st_mode) and not link):
            try:
                write_atomic(path, content, new=found is None, folder_fd=place.folder)
            except FileExistsError:  # something took the name meanwhile: never written through
                raise InputError(
                    _("{path} appeared while writing; nothing written").format(path=path)
                ) from None
            return
        fd = _open_into(place, link)
    chunks: Iterable[str | bytes] = [content] if isinstance(content, str | bytes) else content
    try:
        with os.fdopen(fd, "wb") as handle:
            tty = os.isatty(handle.fileno())
            for chunk in chunks:
                if isinstance(chunk, bytes):
                    if tty:
                        raise InputError(
                            _("{path} is a terminal: write a PDF to a file").format(path=path)
                        )
                    handle.write(chunk)
                else:
                    handle.write((visible(chunk, crlf=True) if tty else chunk).encode("utf-8"))
    except BrokenPipeError:
        raise  # the reader stopped reading: not a disk fault; the CLI ends quietly
    except OSError as exc:
        raise StoreError(
            _("cannot write {path}: {problem}").format(path=path, problem=exc.strerror or exc)
        ) from None


def _open_into(place: Place, link: bool) -> int:
    """A descriptor to write into the device, pipe or own stream at the place; what it
    opened is checked, so a name swapped meanwhile for a regular file is never written."""
    path = place.path
    try:
        # Non-blocking: a pipe no one reads fails at once instead of hanging. No O_CREAT,
        # no O_TRUNC: nothing is made or emptied through this open.
        flags = os.O_WRONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0)
        fd = os.open(place.name, flags if link else flags | os.O_NOFOLLOW, dir_fd=place.folder)
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise InputError(
                _("{path} is a named pipe that no one is reading").format(path=path)
            ) from None
        if exc.errno == errno.ELOOP:
            raise InputError(_(_LINK).format(path=path)) from None
        raise StoreError(
            _("cannot write {path}: {problem}").format(path=path, problem=exc.strerror or exc)
        ) from None
    opened_at = os.fstat(fd)
    own = _own_stream(opened_at)
    if own is not None:
        os.close(fd)
        fd = os.dup(own)  # written where the shell put it, at its own offset
    elif stat.S_ISREG(opened_at.st_mode) or stat.S_ISDIR(opened_at.st_mode):
        os.close(fd)
        raise InputError(
            _(_LINK).format(path=path)
            if link
            else _("{path} changed while writing").format(path=path)
        )
    os.set_blocking(fd, True)
    return fd


_LINK = N_("{path} is a symbolic link; reflect never writes through a link: give the file itself")


def _own_stream(info: os.stat_result) -> int | None:
    for fd in _OWN_STREAMS:
        try:
            if os.path.samestat(info, os.fstat(fd)):
                return fd
        except OSError:
            continue
    return None


def _existing(place: Place, *, force: bool) -> tuple[os.stat_result | None, bool]:
    """What is at the place (a link's target for a link that may be written into), None
    when nothing is there, and whether it is a link; InputError for what is never
    written."""
    path = place.path
    try:
        found = os.stat(place.name, dir_fd=place.folder, follow_symlinks=False)
    except FileNotFoundError:
        return None, False
    except OSError as exc:
        raise InputError(
            _("cannot write {path}: {problem}").format(path=path, problem=exc.strerror or exc)
        ) from None
    if stat.S_ISLNK(found.st_mode):
        try:
            target = os.stat(place.name, dir_fd=place.folder)
        except OSError:
            raise InputError(_(_LINK).format(path=path)) from None
        if stat.S_ISCHR(target.st_mode) or stat.S_ISFIFO(target.st_mode):
            return target, True
        if _own_stream(target) is not None:
            return target, True
        raise InputError(_(_LINK).format(path=path))
    if stat.S_ISDIR(found.st_mode):
        raise InputError(_("{path} is a folder: give a file name").format(path=path))
    if stat.S_ISREG(found.st_mode) and not force:
        raise InputError(_("{path} exists; use --force to overwrite it").format(path=path))
    return found, False
