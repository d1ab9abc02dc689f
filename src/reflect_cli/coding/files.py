"""Reading and writing the coding files of a sessions folder (``codebook.yaml``,
``codings/<coder>.yaml``): untrusted input, read as records are.

Read through the one safe opener (a regular file, never through a link, never
blocking, a size limit) and the one safe YAML reader (plain tags, no duplicate or merge
keys, bounded depth and aliases); written through the one atomic writer (0600, never
through a link). Every problem is one line naming the file and, when known, its line.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

from reflect_cli.errors import InputError, StoreError
from reflect_cli.i18n.messages import _
from reflect_cli.records.atomic import disk_error, write_atomic
from reflect_cli.records.decoding import Invalid
from reflect_cli.records.opening import NotAFile, read_regular
from reflect_cli.records.yaml_writer import dump
from reflect_cli.records.yamlio import YamlProblem, decode, load_located


def read(path: Path) -> Any:
    """A coding file's plain data, each value knowing its line; InputError naming the
    file (and line) when it cannot be read or is not plain YAML."""
    try:
        raw, _seen = read_regular(path, follow_links=False)
        return load_located(decode(raw))
    except NotAFile as exc:
        raise InputError(_("{path}: {exc}; not read").format(path=path, exc=exc)) from None
    except OSError as exc:
        raise InputError(
            _("{path}: cannot read: {problem}").format(path=path, problem=exc.strerror or exc)
        ) from None
    except YamlProblem as exc:
        raise InputError(exc.where(str(path), column=True)) from None


def problem(path: Path, exc: Invalid) -> InputError:
    """A refusal of the decoder as one line: ``codebook.yaml:12: codes[3].parent: …``."""
    return InputError(exc.where(str(path)))


def folder_for(path: Path) -> None:
    """Make sure the folder a coding file goes in is a real folder (made owner-only when
    missing), never a link: the writer opens it by name."""
    folder = path.parent
    try:
        info = os.lstat(folder)
    except FileNotFoundError:
        try:
            folder.mkdir(mode=0o700)
        except OSError as exc:
            raise disk_error(_("create"), folder, exc) from None
        return
    except OSError as exc:
        raise disk_error(_("use"), folder, exc) from None
    if not stat.S_ISDIR(info.st_mode):
        raise StoreError(
            _("{folder} is not a folder (a link or a file); nothing written").format(folder=folder)
        )


def write(path: Path, data: Any) -> None:
    """The data as YAML with stable bytes, all at once, owner-only."""
    folder_for(path)
    write_atomic(path, dump(data))
