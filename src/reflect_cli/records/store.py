"""The sessions folder: ids, atomic owner-only writes, and finding records.

A record is ``<date>-<collaborative slug>-<4 hex>.yaml`` with its ``.md`` beside it.
Writes (records/atomic.py) go to a temporary file in the same folder, are flushed and
fsynced, then renamed over the record (or linked, for a new one), so a crash or a full
disk never leaves half a record, nor an empty one.

No update is lost: a record is saved only if it still looks as this store last read or
wrote it (else ``RecordChanged``, and the caller keeps the unsaved text aside), and a live
session holds an ``flock`` on its record, which `reflect edit` respects (records/holding.py).
A discarded record goes to the trash (records/trash.py). Reading many records goes
through the index (records/index.py).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reflect_cli.dates import parse_date
from reflect_cli.errors import ReflectError, StoreError
from reflect_cli.i18n.messages import _
from reflect_cli.model import Session
from reflect_cli.records import scan
from reflect_cli.records.atomic import disk_error, write_atomic
from reflect_cli.records.holding import Holds, RecordBusy, RecordChanged, try_lock
from reflect_cli.records.summary import Summary
from reflect_cli.records.trash import move_to_trash
from reflect_cli.typed_text import without_escapes

if TYPE_CHECKING:
    from reflect_cli.records.index import Index, Progress
    from reflect_cli.records.record_limits import Room

# Imported where used, not here: `reflect list` needs neither the record codec (and the
# kinds behind it) nor `secrets`, and start-up time is the list's time.

ENV_DIR = "REFLECT_SESSIONS_DIR"
#: A record's file name ends so: what is written is what the scan reads as a record.
SUFFIX = scan.SUFFIX


def slug(text: str, limit: int = 40) -> str:
    """ASCII letters, digits and single hyphens only: never a path separator or '..'."""
    # A byte that was not UTF-8 is kept in the text as an escape (typed_text); it is no
    # part of a name: "Jos\xe9" gives "jos", never "jos-xe9".
    plain = without_escapes(text)
    ascii_text = unicodedata.normalize("NFKD", plain).encode("ascii", "ignore").decode()
    cleaned = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return cleaned[:limit].rstrip("-") or "session"


def now() -> str:
    """The local time with its UTC offset, to the second."""
    return dt.datetime.now().astimezone().replace(microsecond=0).isoformat()


def keep_aside(folder: Path, text: str, session_id: str) -> Path:
    """Save text that could not be saved in its record (owner-only) and return where:
    ``kept/`` of the sessions folder's private folder (the user's state folder)."""
    from reflect_cli.records import kept

    return kept.keep_aside(folder, text, slug(session_id, 60))


@dataclass
class Store:
    """One sessions folder."""

    folder: Path
    _index: Index | None = field(default=None, repr=False)
    #: What was last written of each session (less its time stamp), to skip idle saves.
    _written: dict[str, dict[str, Any]] = field(default_factory=dict, repr=False)
    #: How each record looked when this store last read or wrote it.
    _seen: dict[Path, scan.Seen] = field(default_factory=dict, repr=False)
    #: Records held by a live session: their locked descriptors.
    _holds: Holds = field(default_factory=Holds, repr=False)
    #: What each record may still grow by (records/record_limits.py), as last written.
    _room: dict[str, Room] = field(default_factory=dict, repr=False)
    #: The file each session was read from, when not ``<id>.yaml``.
    _paths: dict[str, Path] = field(default_factory=dict, repr=False)

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
            raise disk_error(_("create the sessions folder"), self.folder, exc) from None

    def path(self, session_id: str) -> Path:
        """Where a session's record is: the file it was read from, else ``<id>.yaml``."""
        return self._paths.get(session_id) or self.folder / f"{session_id}{SUFFIX}"

    # -- writing -----------------------------------------------------------------------

    def create(self, session: Session) -> Session:
        """Give the session a new id and write its first record; never overwrites a file."""
        import secrets

        self.ensure()
        day = parse_date(session.date, "date")
        base = f"{day}-{slug(session.collaborative)}"
        for _attempt in range(1000):
            session.id = f"{base}-{secrets.token_hex(2)}"
            if os.path.lexists(self.path(session.id)):
                continue
            try:
                self._write(session, self.path(session.id), new=True)
            except FileExistsError:
                continue
            return session
        raise StoreError(
            _("no free session id left for {base} in {folder}").format(
                base=base, folder=self.folder
            )
        )

    def save(self, session: Session, path: Path | None = None) -> bool:
        """Write the record (at ``path``, else ``<id>.yaml``) atomically; True when it was
        written. Saving an unchanged session writes nothing, so its bytes (and git) stay as
        they are. ``RecordChanged`` if the file changed since this store read or wrote it;
        ``RecordBusy`` if another process's live session holds it."""
        from reflect_cli.records import codec

        path = path or self.path(session.id)
        data = codec.to_dict(session)
        if {**data, "updated": None} == self._written.get(session.id):
            return False
        self._write(session, path, data=data)
        return True

    def trash(self, record: Path) -> Path:
        """Move a record and what is rendered beside it into ``.trash/`` (owner-only,
        never through a link: ``trash.move_to_trash``); the path it now has."""
        moved = move_to_trash(self.folder, record)
        self._index = None
        return moved

    def _write(
        self, session: Session, path: Path, new: bool = False, data: dict[str, Any] | None = None
    ) -> None:
        from reflect_cli.records import codec, record_limits

        data = data or codec.to_dict(session)
        unchanged = {**data, "updated": None}
        held = self._holds.fds.get(path)
        probe = None
        try:
            session.updated = data["updated"] = now()
            text = codec.dump_dict(data)
            try:  # never a record the reader would refuse: its decoder, then its limits
                record_limits.check_readable(data)
                left = record_limits.check(text, data)
            except record_limits.RecordUnreadable as exc:
                raise type(exc)(
                    _("{path}: {exc}; not written. The unsaved version is kept in {place}").format(
                        path=path, exc=exc, place=keep_aside(self.folder, text, session.id)
                    )
                ) from None
            if not new and held is None and os.path.lexists(path):
                probe = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
                if not try_lock(probe):
                    raise RecordBusy(path, keep_aside(self.folder, text, session.id))
            if path in self._seen and scan.current(path) != self._seen[path]:
                raise RecordChanged(path, keep_aside(self.folder, text, session.id))
            fd = write_atomic(path, text, new=new, hold=self._holds.live)
        except OSError as exc:
            if isinstance(exc, FileExistsError):
                raise
            raise disk_error(_("write"), path, exc) from None
        finally:
            if probe is not None:
                os.close(probe)
        if fd is not None:
            if held is not None:
                os.close(held)  # the lock now lives on the new file
            self._holds.fds[path] = fd
        self._seen[path] = scan.current(path) or scan.Seen(-1, -1, -1, -1)
        self._written[session.id] = unchanged
        self._room[session.id] = left
        self._index = None

    def room(self, session_id: str) -> Room | None:
        """How much the record of a session may still grow and be read back, as of this
        store's last write of it (None before any)."""
        return self._room.get(session_id)

    def write_beside(self, path: Path, text: str) -> None:
        """Write a rendering beside a record (its ``.md``), atomically and owner-only."""
        if path.parent != self.folder or path.suffix == SUFFIX:
            raise StoreError(_("not a rendering beside a record: {path}").format(path=path))
        write_atomic(path, text)

    def live(self) -> contextlib.AbstractContextManager[None]:
        """While a session runs: every record this store writes stays locked until the end."""
        return self._holds.running()

    def hold(self, path: Path) -> None:
        """Lock an existing record for a live session; ``RecordBusy`` if another has it."""
        self._holds.hold(path)

    def check_free(self, path: Path) -> None:
        """``RecordBusy`` when a live session holds the record."""
        self._holds.check_free(path)

    # -- reading -----------------------------------------------------------------------

    def load_path(self, path: Path) -> Session:
        """Read one record file (remembering how it looked, so a save can tell if it
        changed meanwhile)."""
        from reflect_cli.records import codec, record_limits
        from reflect_cli.records.rows import parse

        raw, seen = scan.read_bytes(path)
        session = parse(raw, str(path))
        data = codec.to_dict(session)
        self._written[session.id] = {**data, "updated": None}
        # A resumed session's first line is weighed too, before its first save.
        self._room[session.id] = record_limits.room_for(len(raw), data)
        self._seen[path] = seen
        if path != self.folder / f"{session.id}{SUFFIX}":
            self._paths[session.id] = path
        return session

    def load(self, session_id: str) -> Session:
        return self.load_path(self.path(session_id))

    def index(self, progress: Progress | None = None) -> Index:
        """The folder's index, up to date (built on first use)."""
        from reflect_cli.records.index import Index

        if self._index is None:
            self._index = Index.open(self.folder, progress)
        return self._index

    def summaries(self, progress: Progress | None = None) -> tuple[list[Summary], list[str]]:
        """Every readable session, newest first, and one warning per file that could not be
        read (and about the index, if it cannot be kept)."""
        from reflect_cli.records import lookup

        index = self.index(progress)
        return lookup.summaries(index), list(index.warnings)

    def resolve(self, ref: str) -> Summary:
        """The session named by a file name, an id, a unique id prefix, or ``last``."""
        from reflect_cli.records import lookup

        return lookup.resolve(self.index(), ref)

    def session(self, summary: Summary) -> Session:
        """The full session of a summary, read from its record file."""
        return self.load_path(self.folder / summary.file)

    def sessions(self, ids: list[str]) -> list[Session]:
        """Full sessions for these ids (or unique prefixes), in the order given."""
        return [self.session(self.resolve(i)) for i in ids]

    def read(self, chosen: Iterable[Summary]) -> Iterator[Session]:
        """Full sessions one at a time, from the index's parsed copies (else the YAML), so
        thousands never sit in memory twice. A copy that cannot be decoded (a damaged
        index SQLite cannot tell from a sound one) is read from its YAML, and the index is
        rebuilt."""
        from reflect_cli.records import codec, lookup, state_json
        from reflect_cli.records.opening import MAX_BYTES

        stored = 4 * MAX_BYTES  # a record within the YAML limit, as JSON

        folder = str(self.folder)
        names = [s.file for s in chosen]
        index = self.index()
        for name, text in lookup.record_json(index, names):
            source = os.path.join(folder, name)
            session = None
            if text is not None:
                try:
                    session = codec.from_dict(state_json.loads(text, max_bytes=stored), source)
                except (ValueError, ReflectError):
                    if not index.generation:  # once: a fresh build holds no damage
                        index.rebuild(f"the stored copy of {name} cannot be read")
            yield self.load_path(Path(source)) if session is None else session


def newest_first(sessions: Iterable[Summary]) -> list[Summary]:
    """Summaries by date, then start time, newest first."""
    return sorted(sessions, key=lambda s: s.order, reverse=True)
