"""The sessions folder: ids, atomic owner-only writes, and finding records.

A record is ``<date>-<collaborative slug>-<4 hex>.yaml`` with its ``.md`` beside it.
Writes go to a temporary file in the same folder, are flushed and fsynced, then
renamed over the record, so a crash or a full disk never leaves half a record.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import re
import secrets
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from reflect_cli.dates import parse_date
from reflect_cli.errors import RecordError, StoreError
from reflect_cli.model import Session
from reflect_cli.records import codec
from reflect_cli.records.cache import Cache, Progress

ENV_DIR = "REFLECT_SESSIONS_DIR"
SUFFIX = ".yaml"
#: Where discarded sessions go, inside the sessions folder.
TRASH = ".trash"


def slug(text: str, limit: int = 40) -> str:
    """ASCII letters, digits and single hyphens only: never a path separator or '..'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    cleaned = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return cleaned[:limit].rstrip("-") or "session"


def now() -> str:
    """The local time with its UTC offset, to the second."""
    return dt.datetime.now().astimezone().replace(microsecond=0).isoformat()


def _disk_error(action: str, path: Path, exc: OSError) -> StoreError:
    reason = {
        errno.ENOSPC: "the disk is full",
        errno.EROFS: "the disk is read-only",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EDQUOT: "the disk quota is exceeded",
    }.get(exc.errno or 0, exc.strerror or str(exc))
    return StoreError(f"cannot {action} {path}: {reason}")


def write_atomic(path: Path, text: str | Iterable[str]) -> None:
    """Replace ``path`` with ``text`` (or chunks of it) all at once, owner-only; nothing
    half-written."""
    chunks = [text] if isinstance(text, str) else text
    try:
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise _disk_error("write", path, exc) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise _disk_error("write", path, exc) from None


@dataclass
class Store:
    """One sessions folder."""

    folder: Path
    _cached: Cache | None = field(default=None, repr=False)
    #: What was last written of each session (less its time stamp), to skip idle saves.
    _written: dict[str, dict[str, Any]] = field(default_factory=dict, repr=False)

    @classmethod
    def at(cls, folder: Path | None = None) -> Store:
        """The folder given, else REFLECT_SESSIONS_DIR, else ./sessions."""
        return cls(Path(folder or os.environ.get(ENV_DIR) or "sessions"))

    def ensure(self) -> None:
        """Create the folder (owner-only) if it does not exist yet."""
        if self.folder.is_dir():
            return
        try:
            self.folder.mkdir(parents=True, mode=0o700)
            os.chmod(self.folder, 0o700)
        except FileExistsError:
            pass
        except OSError as exc:
            raise _disk_error("create the sessions folder", self.folder, exc) from None

    def path(self, session_id: str) -> Path:
        return self.folder / f"{session_id}{SUFFIX}"

    def create(self, session: Session) -> Session:
        """Give the session a new id and write its first record; never overwrites a file."""
        self.ensure()
        day = parse_date(session.date, "date")
        base = f"{day}-{slug(session.collaborative)}"
        for _ in range(1000):
            session.id = f"{base}-{secrets.token_hex(2)}"
            path = self.path(session.id)
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                continue
            except OSError as exc:
                raise _disk_error("create", path, exc) from None
            os.close(fd)
            self.save(session)
            return session
        raise StoreError(f"no free session id left for {base} in {self.folder}")

    def save(self, session: Session) -> bool:
        """Write the record atomically; True when it was written. Saving an unchanged
        session writes nothing, so its bytes (and git) stay as they are."""
        data = codec.to_dict(session)
        unchanged = {**data, "updated": None}
        if unchanged == self._written.get(session.id):
            return False
        session.updated = data["updated"] = now()
        write_atomic(self.path(session.id), codec.dump_dict(data))
        self._written[session.id] = unchanged
        self._cached = None
        return True

    def trash(self, session_id: str) -> Path:
        """Move a record and what is rendered beside it into ``.trash/`` (owner-only),
        never over an earlier one; the path it now has."""
        record = self.path(session_id)
        trash = self.folder / TRASH
        try:
            trash.mkdir(mode=0o700, exist_ok=True)
            target = trash / record.name
            while target.exists():
                target = trash / f"{session_id}-{secrets.token_hex(2)}{SUFFIX}"
            os.rename(record, target)  # same folder tree: a rename, never a copy
            beside = record.with_suffix(".md")
            if beside.exists():
                os.rename(beside, target.with_suffix(".md"))
        except OSError as exc:
            raise _disk_error("move to the trash", record, exc) from None
        self._written.pop(session_id, None)
        self._cached = None
        return target

    def write_beside(self, session_id: str, suffix: str, text: str) -> None:
        """Write a rendering beside a record (``.md``), atomically and owner-only."""
        write_atomic(self.path(session_id).with_suffix(suffix), text)

    def load_path(self, path: Path) -> Session:
        """Read one record file."""
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise RecordError(f"{path}: no such record") from None
        except OSError as exc:
            raise RecordError(f"{path}: cannot read: {exc.strerror or exc}") from None
        if not raw.strip():
            raise RecordError(f"{path}: empty file")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise RecordError(f"{path}: not UTF-8 text") from None
        session = codec.parse(text, str(path))
        self._written[session.id] = {**codec.to_dict(session), "updated": None}
        return session

    def load(self, session_id: str) -> Session:
        return self.load_path(self.path(session_id))

    def _cache(self, progress: Progress | None = None) -> Cache:
        if self._cached is None:
            self._cached = Cache(self.folder)
            if self.folder.is_dir():
                self._cached.refresh(self._read_data, _summary_of, progress)
        return self._cached

    def _read_data(self, path: Path) -> dict[str, Any]:
        return codec.to_dict(self.load_path(path))

    def summaries(self, progress: Progress | None = None) -> tuple[list[dict[str, Any]], list[str]]:
        """A summary of every readable session (see codec.summary), and one warning per
        file that could not be read. Served from the cache; changed files are read again."""
        found, warnings = [], []
        for entry in self._cache(progress).summaries().values():
            if entry.summary is not None:
                found.append(entry.summary)
            else:
                warnings.append(entry.error)
        return found, warnings

    def sessions(self, ids: list[str]) -> list[Session]:
        """Full sessions for these ids, in the order given."""
        return list(self.iter_sessions(ids))

    def iter_sessions(
        self, ids: list[str], keep: Callable[[bytes], bool] | None = None
    ) -> Iterator[Session]:
        """Full sessions one at a time, so thousands never sit in memory twice. ``keep``
        may skip a cached record by its raw JSON text (a search's quick first look)."""
        names = [f"{i}{SUFFIX}" for i in ids]
        folder = str(self.folder)
        for name, data in self._cache().records(names, self._read_data, keep):
            yield codec.from_dict(data, os.path.join(folder, name))

    def resolve(self, ref: str, sessions: Sequence[S]) -> S:
        """The session named by an id, a unique id prefix, or ``last`` (the newest)."""
        if ref == "last":
            if not sessions:
                raise StoreError(f"no sessions in {self.folder.absolute()}")
            return newest_first(sessions)[0]
        exact = [s for s in sessions if _key(s)[2] == ref]
        if exact:
            return exact[0]
        matches = [s for s in sessions if _key(s)[2].startswith(ref)]
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise StoreError(f"no session matches {ref!r} in {self.folder.absolute()}")
        listed = ", ".join(_key(s)[2] for s in newest_first(matches)[:10])
        raise StoreError(f"{ref!r} matches {len(matches)} sessions: {listed}")


S = TypeVar("S", Session, dict[str, Any])


def _key(item: Session | dict[str, Any]) -> tuple[str, str, str]:
    if isinstance(item, dict):
        return (str(item["date"]), str(item["started"]), str(item["id"]))
    return (item.date, item.started, item.id)


def _summary_of(data: dict[str, Any]) -> dict[str, Any]:
    return codec.summary(codec.from_dict(data, str(data.get("id"))))


def newest_first(sessions: Sequence[S]) -> list[S]:
    """Sessions (or summaries) by date, then start time, newest first."""
    return sorted(sessions, key=_key, reverse=True)
