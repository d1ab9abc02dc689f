"""The folder an ``-o`` path names, opened without following a link: the one way an
export, a handout or a data package finds where it is written.

Each folder of the path is opened in turn relative to the one before it (``openat``)
with ``O_NOFOLLOW``: from ``/`` for an absolute path, from the current folder for a
relative one. A folder that is a symbolic link anywhere on the way is refused, as typed
or swapped in meanwhile: nothing is checked by name and opened later (``realpath`` then
``open`` would follow a link put there in between). The file is then made, replaced or
refused relative to the open folder (``output``, ``output_folder``).

Nothing is written inside reflect's private state folder (``home.state_root``: the
index, rounds under way, the text it keeps aside) nor inside a ``.reflect/`` folder
(where older versions kept it): the folders walked through, ``..`` included, say where
the path really leads, since no link was followed on the way. Nor under a record's kind
of name (YAML), nor as the ``.md`` beside a record (``<id>.md`` next to ``<id>.yaml``:
reflect writes it from the record, and the two travel together through git): the record
is looked for in the folder opened on the way, so ``..``, ``./`` or an absolute spelling
reach the same refusal, and a filesystem that ignores case finds ``ID.yaml`` for
``id.MD`` itself. A file and a data package's folder are refused alike.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from reflect_cli.errors import InputError, StoreError
from reflect_cli.i18n.messages import _
from reflect_cli.records.home import FOLDER, state_root

#: What ``-o`` never writes: a record's kind of file.
_RECORD_SUFFIXES = (".yaml", ".yml")
#: The rendering reflect keeps beside each record (``session/saving.py``).
_RENDERING_SUFFIX = ".md"

#: A folder opened only to reach what is inside it: search permission is enough.
_WALK = getattr(os, "O_PATH", os.O_RDONLY) | os.O_DIRECTORY | os.O_NOFOLLOW
_WALK |= getattr(os, "O_CLOEXEC", 0)


@dataclass(frozen=True)
class Place:
    """Where ``-o`` writes: the open folder and the name in it."""

    folder: int
    name: str
    #: The path as typed, for messages.
    path: Path


@contextlib.contextmanager
def opened(path: Path) -> Iterator[Place]:
    """The folder holding ``path``, open (closed after), reached through no link;
    InputError when a folder on the way is a link, is not a folder, or is ``.reflect``."""
    name = path.name
    if name in ("", ".", "..") or str(path).endswith("/"):
        raise InputError(_("{path}: give a file name").format(path=path))
    if FOLDER in path.parts:
        raise InputError(
            _("{path} is inside {folder}/, reflect's own folder").format(path=path, folder=FOLDER)
        )
    if path.is_absolute():
        where, walked, parts = "/", [], path.parts[1:-1]
    else:
        where, walked, parts = ".", list(Path(os.getcwd()).parts[1:]), path.parts[:-1]
    try:
        fd = os.open(where, _WALK)
    except OSError as exc:
        raise StoreError(
            _("cannot write {path}: {problem}").format(path=path, problem=exc.strerror or exc)
        ) from None
    try:
        prefix = Path(where) if path.is_absolute() else Path()
        for part in parts:
            prefix = prefix / part
            inner = _enter(fd, part, prefix, path)
            os.close(fd)
            fd = inner
            if part == "..":
                walked = walked[:-1]
            elif part != ".":
                walked.append(part)
        if FOLDER in walked:
            raise InputError(
                _("{path} is inside {folder}/, reflect's own folder").format(
                    path=path, folder=FOLDER
                )
            )
        if ".git" in walked or name == ".git":
            # A repository's own files (its config runs commands): never an export's.
            raise InputError(_("{path} is inside a .git folder").format(path=path))
        if name.casefold() in _GIT_FILES:
            # What git reads from the tree everyone pushes (ignore rules, attributes that
            # name filters, submodules): never replaced by an export.
            raise InputError(_("{path}: -o never writes git's own files").format(path=path))
        if _inside(Path("/", *walked), Path(os.path.realpath(state_root()))):
            raise InputError(_("{path} is inside reflect's private state folder").format(path=path))
        _never_a_record(fd, name, path)
        yield Place(fd, name, path)
    finally:
        os.close(fd)


_GIT_FILES = frozenset({".gitignore", ".gitattributes", ".gitmodules", ".mailmap"})


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _never_a_record(folder: int, name: str, path: Path) -> None:
    """InputError for a record's kind of name, or the ``.md`` of a record in the open
    folder (whatever that record is: a link or a folder named like one is still
    refused; one that cannot be looked at is taken as there)."""
    suffix = Path(name).suffix.lower()
    if suffix in _RECORD_SUFFIXES:
        raise InputError(
            _("{path}: -o never writes YAML, a record's kind of file").format(path=path)
        )
    if suffix != _RENDERING_SUFFIX:
        return
    for record in (Path(name).stem + kind for kind in _RECORD_SUFFIXES):
        try:
            os.stat(record, dir_fd=folder, follow_symlinks=False)
        except FileNotFoundError:
            continue
        except OSError:
            pass  # cannot tell: refused as if it were there
        raise InputError(
            _(
                "{path} is the Markdown of the record {record} beside it, which "
                "reflect writes itself; -o never writes it: give another name"
            ).format(path=path, record=record)
        )


def _enter(fd: int, part: str, prefix: Path, path: Path) -> int:
    """The folder ``part`` inside the open folder ``fd``, opened; never a link."""
    try:
        return os.open(part, _WALK, dir_fd=fd)
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.ENOTDIR) and _is_link(fd, part):
            raise InputError(
                _(
                    "{path}: the folder {prefix} is a symbolic link; reflect never "
                    "writes through a link: give the real folder"
                ).format(path=path, prefix=prefix)
            ) from None
        if exc.errno == errno.ENOTDIR:
            raise InputError(
                _("{path}: {prefix} is not a folder").format(path=path, prefix=prefix)
            ) from None
        if exc.errno == errno.ENOENT:
            raise InputError(
                _("{path}: the folder {prefix} does not exist").format(path=path, prefix=prefix)
            ) from None
        raise InputError(
            _("cannot write {path}: {problem}").format(path=path, problem=exc.strerror or exc)
        ) from None


def _is_link(fd: int, part: str) -> bool:
    try:
        return stat.S_ISLNK(os.stat(part, dir_fd=fd, follow_symlinks=False).st_mode)
    except OSError:
        return False
