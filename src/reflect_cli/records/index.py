"""The index of a sessions folder: SQLite beside the records, rebuilt from them at will.

``.reflect/index.sqlite`` (WAL mode) holds, per record file, how the file looked when it
was read (size, mtime_ns, ctime_ns, inode), its summary or the reason it could not be
read, its participants and commitments, the parsed record as JSON (for exports), and a
full-text (FTS5) table of answers, commitments, names and private notes. The YAML files
stay the only source of truth: a file is read again whenever any of those four change,
and deleting the index costs one slower command. When the index cannot be kept on disk
(a read-only or full disk, an unsafe ``.reflect``, a database locked too long) the same
tables are built in memory for the run, so every command still works, only slower.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from reflect_cli.records import home
from reflect_cli.records.scan import Look, digest, scan

if TYPE_CHECKING:
    from reflect_cli.records.rows import Rows

#: A bump rebuilds every index on first use (2: private notes marked in the row number;
#: 3: the folder's digest and warnings kept, so an unchanged folder costs one row).
SCHEMA_VERSION = 3
#: A file changed this shortly before it was read may change again within the clock's
#: granularity with the same size: it is read again next time until it has settled.
SETTLE_NS = 100_000_000
#: Search rows of one file are numbered from ``file id << ROW_BITS``: deleting them is a
#: range, never a scan of the whole table.
ROW_BITS = 16
#: Private notes carry this bit in their row number, so leaving them out of a search
#: never reads a row's contents.
NOTE_BIT = 1 << (ROW_BITS - 1)
#: How long to wait for another process writing the index before going without it.
BUSY_SECONDS = 10.0

Progress = Callable[[int, int], None]

_TABLES = """
CREATE TABLE files (
    fid INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,
    size INTEGER, mtime_ns INTEGER, ctime_ns INTEGER, inode INTEGER,
    id TEXT, date TEXT, started TEXT, collaborative TEXT, site TEXT, protocol TEXT,
    status TEXT, answered INTEGER, questions INTEGER, people INTEGER, open INTEGER,
    collaborative_key TEXT, site_key TEXT, error TEXT
);
CREATE INDEX files_newest ON files (date DESC, started DESC, id DESC, name DESC);
CREATE INDEX files_id ON files (id);
CREATE TABLE participants (
    fid INTEGER NOT NULL, name TEXT, organization TEXT, role TEXT, handle TEXT
);
CREATE INDEX participants_fid ON participants (fid);
CREATE TABLE commitments (
    fid INTEGER NOT NULL, text TEXT, owner TEXT, due TEXT, status TEXT, origin TEXT,
    carried INTEGER, question TEXT
);
CREATE INDEX commitments_fid ON commitments (fid);
CREATE TABLE records (fid INTEGER PRIMARY KEY, json TEXT NOT NULL);
CREATE TABLE folder (digest TEXT NOT NULL, warnings TEXT NOT NULL);
"""
_FTS = (
    "CREATE VIRTUAL TABLE texts USING fts5(text, place UNINDEXED, kind UNINDEXED, "
    "tokenize = 'unicode61 remove_diacritics 2')"
)
_PLAIN_TEXTS = "CREATE TABLE texts (rowid INTEGER PRIMARY KEY, text TEXT, place TEXT, kind TEXT)"


@dataclass
class Index:
    """One sessions folder's index, open and up to date with the folder."""

    folder: Path
    db: sqlite3.Connection
    #: Whether the texts table is FTS5 (else a plain table: searches scan).
    fulltext: bool
    #: One line per file that could not be used, and at most one about the index itself.
    warnings: list[str] = field(default_factory=list)
    on_disk: bool = True

    @classmethod
    def open(cls, folder: Path, progress: Progress | None = None) -> Index:
        """The folder's index brought up to date: on disk when possible, else in memory."""
        problem = ""
        if not folder.is_dir():  # no sessions yet: nothing to index, nothing to say
            index = cls._in_memory(folder)
            index.refresh(progress)
            return index
        try:
            path = home.index_path(folder)
            index = cls._on_disk(folder, path)
            try:
                index.refresh(progress)
                return index
            except (sqlite3.Error, OSError) as exc:
                index.db.close()
                problem = f"cannot write the index in {path.parent} ({_why(exc)})"
        except home.Unusable as exc:
            problem = str(exc)
        except (sqlite3.Error, OSError) as exc:
            problem = f"cannot use the index in {folder}/.reflect ({_why(exc)})"
        index = cls._in_memory(folder)
        if problem:
            index.warnings.append(f"{problem}; reading the records directly (slower)")
        index.refresh(progress)
        return index

    @classmethod
    def _on_disk(cls, folder: Path, path: Path) -> Index:
        if home.damaged(path):  # before SQLite waits on what only looks locked
            home.remove_index(path)
        for attempt in (1, 2):
            db = sqlite3.connect(path, timeout=BUSY_SECONDS, isolation_level=None)
            try:
                db.execute("PRAGMA journal_mode = WAL")
                db.execute("PRAGMA synchronous = NORMAL")
                fulltext = _migrate(db)
                return cls(folder, db, fulltext)
            except sqlite3.DatabaseError:
                db.close()
                if attempt == 2 or not home.damaged(path):
                    raise
                home.remove_index(path)  # garbage bytes: not a database, rebuild it
        raise AssertionError("unreachable")

    @classmethod
    def _in_memory(cls, folder: Path) -> Index:
        db = sqlite3.connect(":memory:", isolation_level=None)
        return cls(folder, db, _migrate(db), on_disk=False)

    # -- keeping up with the folder ----------------------------------------------------

    def _stored(self) -> dict[str, tuple[int, int, int, int]]:
        found = self.db.execute("SELECT name, size, mtime_ns, ctime_ns, inode FROM files")
        return {row[0]: row[1:] for row in found}

    def refresh(self, progress: Progress | None = None) -> None:
        """Read again every file that changed, added or removed since the last look. When
        the folder looks exactly as last time (its digest), only one row is read."""
        import json

        files, warnings = scan(self.folder)
        self.warnings.extend(warnings)
        now = digest(files)
        kept = self.db.execute("SELECT digest, warnings FROM folder").fetchone()
        if kept is None or kept[0] != now:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                if self._stored() != files:
                    self._update(files, progress)
                kept = (self._settled_digest(now), json.dumps(self._file_warnings()))
                self.db.execute("DELETE FROM folder")
                self.db.execute("INSERT INTO folder VALUES (?, ?)", kept)
                self.db.execute("COMMIT")
            except BaseException:
                with contextlib.suppress(sqlite3.Error):
                    self.db.execute("ROLLBACK")
                raise
        self.warnings.extend(json.loads(kept[1]))

    def _settled_digest(self, now: str) -> str:
        """The digest to keep: none while a file read too soon must be read again."""
        unsettled = self.db.execute("SELECT 1 FROM files WHERE ctime_ns = -1 LIMIT 1").fetchone()
        return "" if unsettled else now

    def _file_warnings(self) -> list[str]:
        errors = [e for (e,) in self.db.execute("SELECT error FROM files WHERE error != ''")]
        return errors + self._duplicates()

    def _update(self, files: dict[str, Look], progress: Progress | None) -> None:
        stored = self._stored()  # again: another process may have done part of it
        stale = [name for name, seen in files.items() if stored.get(name) != seen]
        gone = [name for name in stored if name not in files]
        self._delete([*gone, *(n for n in stale if n in stored)])
        from reflect_cli.records.rows import read_all  # PyYAML: only when a file is read

        settled_before = time.time_ns() - SETTLE_NS
        for found in read_all(self.folder, sorted(stale), progress):
            self._insert(found, settled_before)

    def _delete(self, names: Iterable[str]) -> None:
        db = self.db
        for name in names:
            row = db.execute("SELECT fid FROM files WHERE name = ?", (name,)).fetchone()
            if row is None:
                continue
            fid = row[0]
            db.execute("DELETE FROM files WHERE fid = ?", (fid,))
            db.execute("DELETE FROM participants WHERE fid = ?", (fid,))
            db.execute("DELETE FROM commitments WHERE fid = ?", (fid,))
            db.execute("DELETE FROM records WHERE fid = ?", (fid,))
            db.execute(
                "DELETE FROM texts WHERE rowid >= ? AND rowid < ?",
                (fid << ROW_BITS, (fid + 1) << ROW_BITS),
            )

    def _insert(self, found: Rows, settled_before: int) -> None:
        db = self.db
        seen = found.seen
        if seen.ctime_ns >= settled_before or seen.mtime_ns >= settled_before:
            seen = seen._replace(ctime_ns=-1)  # not settled: look again next time
        values: tuple[object, ...] = (found.name, *seen)
        if found.error:
            cursor = db.execute(
                "INSERT INTO files (name, size, mtime_ns, ctime_ns, inode, error) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (*values, found.error),
            )
            return
        summary = found.summary
        keys = (str(summary[2]).casefold(), str(summary[3]).casefold())
        cursor = db.execute(
            "INSERT INTO files (name, size, mtime_ns, ctime_ns, inode, id, date, started, "
            "collaborative, site, protocol, status, answered, questions, people, open, "
            "collaborative_key, site_key, error) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '')",
            (*values, found.session_id, *summary, *keys),
        )
        fid = cursor.lastrowid
        assert fid is not None
        db.executemany(
            "INSERT INTO participants VALUES (?, ?, ?, ?, ?)",
            [(fid, *p) for p in found.participants],
        )
        db.executemany(
            "INSERT INTO commitments VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(fid, *c) for c in found.commitments],
        )
        db.execute("INSERT INTO records VALUES (?, ?)", (fid, found.record))
        first = fid << ROW_BITS
        numbered = [
            (first + n + (NOTE_BIT if kind == "note" else 0), kind, place, text)
            for n, (kind, place, text) in enumerate(found.texts[: NOTE_BIT - 1])
        ]
        db.executemany("INSERT INTO texts (rowid, kind, place, text) VALUES (?, ?, ?, ?)", numbered)

    def _duplicates(self) -> list[str]:
        found = self.db.execute(
            "SELECT id, group_concat(name, char(0)) FROM files WHERE error = '' "
            "GROUP BY id HAVING count(*) > 1"
        )
        return [
            f"session {sid} is in {len(names.split(chr(0)))} files: "
            + ", ".join(sorted(names.split(chr(0))))
            + " (each is listed and exported by its file)"
            for sid, names in found
        ]


def _migrate(db: sqlite3.Connection) -> bool:
    """Create the tables, or rebuild them when written by another schema version.
    Returns whether full-text search (FTS5) is available."""
    db.execute("PRAGMA trusted_schema = OFF")  # a committed index runs nothing of its own
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version == SCHEMA_VERSION and not _foreign(db):
        return _has_fts(db)
    db.execute("BEGIN IMMEDIATE")
    try:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version != SCHEMA_VERSION or _foreign(db):  # nobody else did it meanwhile
            _drop_all(db)
            for statement in _TABLES.split(";"):
                if statement.strip():
                    db.execute(statement)
            try:
                db.execute(_FTS)
            except sqlite3.OperationalError:  # this SQLite was built without FTS5
                db.execute(_PLAIN_TEXTS)
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        db.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            db.execute("ROLLBACK")
        raise
    return _has_fts(db)


def _foreign(db: sqlite3.Connection) -> bool:
    """Whether the database holds what reflect never creates: triggers or views (an index
    someone committed could otherwise act on every row this reflect writes)."""
    found = db.execute("SELECT 1 FROM sqlite_master WHERE type IN ('trigger', 'view') LIMIT 1")
    return found.fetchone() is not None


def _drop_all(db: sqlite3.Connection) -> None:
    found = db.execute(
        "SELECT type, name FROM sqlite_master WHERE type IN ('trigger', 'view', 'table') "
        "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'texts_%'"
    ).fetchall()
    for kind, name in found:
        quoted = '"' + str(name).replace('"', '""') + '"'  # a committed index names anything
        db.execute(f"DROP {str(kind).upper()} IF EXISTS {quoted}")


def _has_fts(db: sqlite3.Connection) -> bool:
    row = db.execute("SELECT sql FROM sqlite_master WHERE name = 'texts'").fetchone()
    return bool(row) and "fts5" in str(row[0]).lower()


def _why(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    if isinstance(exc, OSError):
        return home._reason(exc)
    if "disk is full" in text or "disk I/O" in text:
        return "the disk is full or failing"
    if "locked" in text:
        return "another reflect is writing it"
    if "readonly" in text or "read-only" in text:
        return "the folder is read-only"
    return text
