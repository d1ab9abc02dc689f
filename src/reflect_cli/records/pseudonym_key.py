"""The evaluator's pseudonym key: the secret that makes --redact's labels stable.

Labels are derived from it (``render/export/pseudonyms.py``), so the same key gives the
same labels in every export, year after year, and nobody without it can work a label
back to a name. It lives with the user's settings, never with the sessions: by default
``$XDG_CONFIG_HOME/reflect/pseudonym-key`` (else ``~/.config/reflect/pseudonym-key``),
created on first use, owner-only. A key inside the sessions folder would be pushed to
everyone the folder is shared with, so it is refused there, whichever path names it; so
is a key anywhere in the git work tree that holds the folder (the clone everyone pushes
to: one `git add .` away from being shared).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from dataclasses import dataclass
from pathlib import Path

from reflect_cli.errors import InputError
from reflect_cli.i18n.messages import _
from reflect_cli.records.home import reason

#: Hex digits of a new key (32 random bytes).
_NEW_KEY_BYTES = 32
#: The shortest secret accepted from a file someone made themselves.
_SHORTEST = 16
OPTION = "--pseudonym-key"


@dataclass(frozen=True)
class Key:
    """A pseudonym key, where it came from, and whether this run created it."""

    secret: bytes
    path: Path
    created: bool = False


def default_path() -> Path:
    """Where the key lives unless ``--pseudonym-key`` names another file."""
    config = os.environ.get("XDG_CONFIG_HOME", "")
    base = Path(config) if config and Path(config).is_absolute() else Path.home() / ".config"
    return base / "reflect" / "pseudonym-key"


def load(sessions_folder: Path, path: Path | None = None) -> Key:
    """The key at ``path`` (else the default place), created there when missing.
    Refused (InputError) inside the sessions folder, through a link, or when the file
    holds too short a secret."""
    chosen = path if path is not None else default_path()
    _outside(chosen, sessions_folder)
    try:
        return Key(_read(chosen), chosen)
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise InputError(
            _("pseudonym key {chosen}: cannot read it ({why})").format(chosen=chosen, why=_why(exc))
        ) from None
    return Key(_create(chosen), chosen, created=True)


def _outside(path: Path, sessions_folder: Path) -> None:
    """Refuse a key path in the sessions folder (or in a folder below it), however it is
    spelled: through ``..``, a relative path or a link to the folder."""
    folder = sessions_folder.resolve()
    where = path.parent.resolve() / path.name
    if where == folder or folder in where.parents:
        raise InputError(
            _(
                "pseudonym key {path}: it is inside the sessions folder "
                "{sessions_folder}, which is shared; keep it elsewhere (the "
                "default is {default_path}, or {option} FILE outside the folder); "
                "nothing was written"
            ).format(
                path=path,
                sessions_folder=sessions_folder,
                default_path=default_path(),
                option=OPTION,
            )
        )
    tree = _work_tree(folder)
    if tree is not None and (where == tree or tree in where.parents):
        raise InputError(
            _(
                "pseudonym key {path}: it is inside the git work tree {tree} that holds "
                "the sessions folder, which is shared; keep it elsewhere (the default is "
                "{default_path}, or {option} FILE outside it); nothing was written"
            ).format(path=path, tree=tree, default_path=default_path(), option=OPTION)
        )


def _work_tree(folder: Path) -> Path | None:
    """The git work tree the (resolved) sessions folder is in: the nearest folder at or
    above it holding ``.git`` (a folder, or a file in a worktree or submodule); None
    when the sessions are not in one."""
    for place in (folder, *folder.parents):
        if os.path.lexists(place / ".git"):
            return place
    return None


def _read(path: Path) -> bytes:
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise InputError(_("pseudonym key {path}: not a regular file").format(path=path))
        secret = handle.read(4096).strip()
    if len(secret) < _SHORTEST:
        raise InputError(
            _(
                "pseudonym key {path}: holds {size} bytes, at least {least} "
                "are needed (a new key is made when the file does not exist)"
            ).format(path=path, size=len(secret), least=_SHORTEST)
        )
    return secret


def _create(path: Path) -> bytes:
    secret = secrets.token_hex(_NEW_KEY_BYTES).encode("ascii")
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    except FileExistsError:  # another reflect made it meanwhile: use theirs
        return _read(path)
    except OSError as exc:
        raise InputError(
            _("pseudonym key {path}: cannot create it ({why})").format(path=path, why=_why(exc))
        ) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(secret + b"\n")
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        with contextlib.suppress(OSError):
            path.unlink()
        raise InputError(
            _("pseudonym key {path}: cannot write it ({why})").format(path=path, why=_why(exc))
        ) from None
    return secret


def _why(exc: OSError) -> str:
    import errno

    if exc.errno == errno.ELOOP:
        return "it is a symbolic link"
    return reason(exc)
