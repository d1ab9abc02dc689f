"""The index of a sessions folder: SQLite beside the records, rebuilt from them at will.

``index.sqlite`` in the folder's private folder (``home``: the user's state folder,
never the shared folder; WAL mode) holds, per record file, how the file looked when it
was read (size, mtime_ns, ctime_ns, inode), its summary or the reason it could not be
read, its participants and commitments, the parsed record as JSON (for exports), and a
full-text (FTS5) table of answers, commitments, names and private notes. The YAML files
stay the only source of truth: a file is read again whenever any of those four change,
and deleting the index costs one slower command. When the index cannot be kept on disk
(a read-only or full disk, an unsafe state folder, a database locked too long) the same
tables are built in memory for the run, so every command still works, only slower.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reflect_cli.records import home, people, state_json
from reflect_cli.records.index_schema import corrupt, migrate, why
from reflect_cli.records.scan import Look, digest, scan
from reflect_cli.records.sql_functions import Functions

if TYPE_CHECKING:
    from reflect_cli.records.rows import Rows

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
    #: Counts the times the database was replaced during this run (a damaged index found
    #: by a query is rebuilt): row numbers read from the old one mean nothing in the new.
    generation: int = 0
    #: Told a warning that arises after the command printed ``warnings``.
    on_warning: Callable[[str], None] | None = None
    #: The Python functions its queries call (a Ctrl-C in one is raised as itself).
    functions: Functions = field(default_factory=Functions)
    #: The folder's entries that look like records but are not regular files, as the
    #: last look at the folder found them (None before one).
    irregular: list[str] | None = None

    @classmethod
    def open(cls, folder: Path, progress: Progress | None = None) -> Index:
        """The folder's index brought up to date: on disk when possible (a damaged one
        replaced by a fresh build, with one warning), else in memory."""
        if not folder.is_dir():  # no sessions yet: nothing to index, nothing to say
            empty = cls._in_memory(folder)
            empty.refresh(progress)
            return empty
        damage = problem = ""
        for attempt in (1, 2):
            try:
                opened = cls._try_disk(folder, progress)
            except _Failed as failed:
                problem, exc = failed.args
            else:
                opened.warnings[:0] = [damage] if damage else []
                return opened
            if attempt == 1 and corrupt(exc):
                path = home.where(folder)
                if not _discard(folder):
                    problem = f"the index {path} is damaged and cannot be replaced ({why(exc)})"
                    break
                damage = f"the index {path} was damaged ({why(exc)}); rebuilt from the records"
                continue
            break
        index = cls._in_memory(folder)
        index.warnings.append(f"{problem}; reading the records directly (slower)")
        index.refresh(progress)
        return index

    @classmethod
    def _try_disk(cls, folder: Path, progress: Progress | None) -> Index:
        """The index on disk, up to date; else ``_Failed`` with the problem and the error."""
        try:
            path = home.index_path(folder)
            if home.damaged(path):  # before SQLite waits on what only looks locked
                raise sqlite3.DatabaseError("file is not a database")
            index = cls._on_disk(folder, path)
        except home.Unusable as exc:
            raise _Failed(str(exc), exc) from None
        except (sqlite3.Error, OSError) as exc:
            raise _Failed(
                f"cannot use the index in {home.where_home(folder)} ({why(exc)})", exc
            ) from None
        try:
            index.refresh(progress)
        except (sqlite3.Error, OSError) as exc:
            index.db.close()
            raise _Failed(f"cannot write the index in {path.parent} ({why(exc)})", exc) from None
        return index

    @classmethod
    def _on_disk(cls, folder: Path, path: Path) -> Index:
        db = sqlite3.connect(path, timeout=BUSY_SECONDS, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
            return cls(folder, db, migrate(db))
        except BaseException:
            db.close()
            raise

    @classmethod
    def _in_memory(cls, folder: Path) -> Index:
        db = sqlite3.connect(":memory:", isolation_level=None)
        return cls(folder, db, migrate(db), on_disk=False)

    # -- asking it -----------------------------------------------------------------------

    def query(self, sql: str, params: Iterable[object] = ()) -> list[Any]:
        """Every row a read-only query gives. A damaged index found now is replaced by a
        fresh build (one warning) and the query asked again of that one."""
        params = tuple(params)
        try:
            return self.db.execute(sql, params).fetchall()
        except sqlite3.DatabaseError as exc:
            self.functions.raise_interrupt()  # a Ctrl-C in a function, not a bad query
            if not corrupt(exc):
                raise
            self.rebuild(why(exc))
        return self.db.execute(sql, params).fetchall()

    def rebuild(self, reason: str) -> None:
        """Build the index afresh, found damaged (``reason`` says how): on disk when the
        damaged file can be removed, else in memory. One warning says so."""
        self.db.close()
        path = home.where(self.folder)
        if self.on_disk and _discard(self.folder):
            fresh = Index.open(self.folder)
        else:
            fresh = Index._in_memory(self.folder)
            fresh.refresh()
        if fresh.on_disk:
            line = f"the index {path} was damaged ({reason}); rebuilt from the records"
        else:
            line = (
                f"the index {path} is damaged and cannot be replaced ({reason}); "
                "reading the records directly (slower)"
            )
        self.db, self.fulltext, self.on_disk = fresh.db, fresh.fulltext, fresh.on_disk
        self.generation += 1
        self.warnings.append(line)
        if self.on_warning is not None:
            self.on_warning(line)

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
        self.irregular = warnings
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
        self.warnings.extend(state_json.loads(kept[1]))

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
        people.refresh(self.db)  # everyone the folder names, one row per spelling

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
            "collaborative_key, site_key, error, facilitator) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?)",
            (*values, found.session_id, *summary, *keys, found.facilitator),
        )
        fid = cursor.lastrowid
        assert fid is not None
        db.executemany(
            "INSERT INTO participants VALUES (?, ?, ?, ?, ?, ?)",
            [(fid, *p) for p in found.participants],
        )
        db.executemany(
            "INSERT INTO commitments VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(fid, *c) for c in found.commitments],
        )
        db.execute("INSERT INTO records VALUES (?, ?)", (fid, found.record))
        first = fid << ROW_BITS
        numbered = [
            (first + n + (NOTE_BIT if private else 0), kind, place, text, folded, question)
            for n, (kind, place, text, folded, question, private) in enumerate(
                found.texts[: NOTE_BIT - 1]
            )
        ]
        db.executemany(
            "INSERT INTO texts (rowid, kind, place, text, folded, question) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            numbered,
        )

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


class _Failed(Exception):
    """The index on disk could not be used: (what to tell people, the error)."""


def _discard(folder: Path) -> bool:
    """Remove a damaged index and its journals (their folder checked again: it is not a
    link); False when the folder does not allow it."""
    try:
        home.remove_index(home.index_path(folder))
    except (home.Unusable, OSError):
        return False
    return True
