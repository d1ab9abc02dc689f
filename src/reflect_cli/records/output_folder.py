"""Writing a folder of files where the facilitator said (`export -f datapackage -o DIR`).

The folder is made owner-only when it does not exist; an existing one is written into
only when empty, or with --force. Nothing is written through a link: no folder on the
way to it is one (``output_place`` walks there folder by folder without following a
link, for an absolute path too), the folder itself may not be one (it is made and opened
relative to the open folder above it, with ``O_NOFOLLOW``, and every file is created
relative to it), and each file is written to a fresh temporary name, then renamed over
its own name, so an entry that was a link is replaced, never followed. Never inside
reflect's private state folder or a ``.reflect/`` folder.

Never into a folder that holds records (a ``*.yaml`` file, or a ``.reflect/`` folder):
that is a sessions folder, which people share through git, and tables of what
people said mixed among the records would be committed and pushed with them. ``--force``
does not change that; a new folder of its own (``tables``, ``sessions/tables``) or a zip
file is written as usual. The folder's entries are read through its open descriptor, so
``-o ../sessions`` or an absolute path meet the same refusal.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from pathlib import Path

from reflect_cli.errors import InputError, StoreError
from reflect_cli.i18n.messages import _
from reflect_cli.records.home import FOLDER
from reflect_cli.records.output_place import Place, opened

#: What makes a folder a sessions folder: a record's kind of file, or reflect's own folder.
_RECORD_SUFFIXES = (".yaml", ".yml")


def check_folder(path: Path, *, force: bool) -> None:
    """Refuse at once, before any work, a folder that could not be written."""
    with opened(path) as place:
        _existing(place, force=force)


def write_folder(path: Path, files: dict[str, str | bytes], *, force: bool) -> None:
    """Write each file (name: content) into the folder ``path``; InputError or StoreError."""
    with opened(path) as place:
        if not _existing(place, force=force):
            try:
                os.mkdir(place.name, 0o700, dir_fd=place.folder)
            except FileExistsError:  # made meanwhile: judged as any existing folder
                _existing(place, force=force)
            except OSError as exc:
                raise StoreError(
                    _("cannot make the folder {path}: {problem}").format(
                        path=path, problem=exc.strerror or exc
                    )
                ) from None
        try:
            folder = os.open(place.name, _FOLDER, dir_fd=place.folder)
        except OSError as exc:
            raise InputError(
                _("cannot write into {path}: {problem}").format(
                    path=path, problem=exc.strerror or exc
                )
            ) from None
    try:
        for name, content in files.items():
            _write(folder, name, content, path)
        os.fsync(folder)
    finally:
        os.close(folder)


_FOLDER = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)


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
        raise StoreError(
            _("cannot write {path}: {problem}").format(
                path=path / name, problem=exc.strerror or exc
            )
        ) from None


def _existing(place: Place, *, force: bool) -> bool:
    """Whether the folder exists (and may be written into); InputError when it may not."""
    path = place.path
    try:
        found = os.stat(place.name, dir_fd=place.folder, follow_symlinks=False)
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise InputError(
            _("cannot write {path}: {problem}").format(path=path, problem=exc.strerror or exc)
        ) from None
    if stat.S_ISLNK(found.st_mode):
        raise InputError(
            _("{path} is a symbolic link: give a real folder (or FILE.zip)").format(path=path)
        )
    if not stat.S_ISDIR(found.st_mode):
        raise InputError(
            _("{path} exists and is not a folder: give a folder or FILE.zip").format(path=path)
        )
    try:
        inside = os.open(place.name, _FOLDER, dir_fd=place.folder)
    except OSError as exc:
        raise InputError(
            _("cannot write into {path}: {problem}").format(path=path, problem=exc.strerror or exc)
        ) from None
    try:
        entries = os.listdir(inside)
    finally:
        os.close(inside)
    if any(_of_a_sessions_folder(name) for name in entries):
        raise InputError(
            _(
                "{path} holds session records: a data package is never written "
                "among them (they are shared through git); give a new folder or "
                "FILE.zip"
            ).format(path=path)
        )
    if not force and entries:
        raise InputError(
            _("{path} is a folder that is not empty; use --force to write into it").format(
                path=path
            )
        )
    return True


def _of_a_sessions_folder(name: str) -> bool:
    return name == FOLDER or Path(name).suffix.lower() in _RECORD_SUFFIXES
