"""The file an editor edits (``reflect edit``, the meeting's ``/edit``).

It holds what people said and private notes, so it lives in the sessions folder's
private folder (``home``), never in the shared folder (git) nor in
``/tmp`` (shared with other users on some machines, and kept after reflect is gone):
its ``editing/``. Made as kept text is (records/kept.py): each folder opened without
following a link and the user's own, the file created ``O_EXCL`` with mode 0600. It is
read back without following a link (an editor that saves by writing a new file and
renaming it is fine) and removed afterwards, whatever happened, unless it is too large to
read: then it stays where it is, and the message names it.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from reflect_cli.errors import InputError, StoreError
from reflect_cli.i18n.messages import _
from reflect_cli.records import kept
from reflect_cli.records.home import Unusable

EDITING = "editing"
#: More than any text a person edits; an editor's file beyond this is not read, only named.
MAX_EDITED = 64_000_000
_READ = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)


@dataclass(frozen=True)
class EditFile:
    """The private file an editor is given, and the open folder it lives in."""

    path: Path
    folder: int

    def read(self) -> bytes:
        """What the editor left, read without following a link."""
        try:
            fd = os.open(self.path.name, _READ, dir_fd=self.folder)
        except OSError as exc:
            raise InputError(
                _("cannot read what the editor saved ({strerror})").format(strerror=exc.strerror)
            ) from None
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise InputError(_("what the editor saved is not a regular file"))
            if info.st_size > MAX_EDITED:
                raise _TooLarge(
                    _(
                        "the edited text is {size:,} bytes, too large to take "
                        "in; it is left in {path}"
                    ).format(size=info.st_size, path=self.path)
                )
            with os.fdopen(os.dup(fd), "rb") as handle:
                return handle.read(MAX_EDITED + 1)
        finally:
            os.close(fd)


class _TooLarge(InputError):
    """The editor's file is left where it is (and named): it is not removed."""


@contextlib.contextmanager
def edit_file(folder: Path | None, text: str, suffix: str = ".md") -> Iterator[EditFile]:
    """A new private file holding ``text`` for an editor, under ``folder``'s
    private folder; removed when the block ends."""
    name = f"edit-{os.urandom(6).hex()}{suffix}"
    problems = []
    for start, below in kept.places(folder, EDITING):
        try:
            with kept.private_folder(start, below) as fd:
                kept.create(fd, name, text)
                made = EditFile(start.joinpath(*below, name), os.dup(fd))
        except (OSError, Unusable) as exc:
            problems.append(f"{start.joinpath(*below)}: {getattr(exc, 'strerror', None) or exc}")
            continue
        break
    else:
        raise StoreError(
            _("no private place for the editor's file ({problems})").format(
                problems="; ".join(problems)
            )
        )
    left = False
    try:
        yield made
    except _TooLarge:
        left = True
        raise
    finally:
        if not left:
            with contextlib.suppress(OSError):
                os.unlink(name, dir_fd=made.folder)
        os.close(made.folder)
