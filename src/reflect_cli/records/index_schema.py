"""The index's tables, and making an opened database hold exactly them.

A committed or damaged index may hold anything: tables of another version, triggers or
views someone added. ``migrate`` drops what it does not know and creates this version's
tables; ``corrupt`` says whether an SQLite error means the file itself is damaged (it is
then rebuilt from the records, never trusted).
"""

from __future__ import annotations

import contextlib
import sqlite3

from reflect_cli.folding import fold_words

#: A bump rebuilds every index on first use (2: private notes marked in the row number;
#: 3: the folder's digest and warnings kept, so an unchanged folder costs one row;
#: 4: texts searched in their folded form, so "yilmaz" finds "Yılmaz";
#: 5: each text's question id, for `search --question` and hits that name it;
#: 6: a session's start kept as an instant in UTC, so newest first is by time;
#: 7: each session's facilitator and each participant's sector, so a redacted export
#: knows everyone from the index;
#: 8: one row per distinct spelling of a person (``people``), so it reads a few hundred;
#: 9: an older draft's anonymous round under way kept as in progress, not as ended).
SCHEMA_VERSION = 9

_TABLES = """
CREATE TABLE files (
    fid INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,
    size INTEGER, mtime_ns INTEGER, ctime_ns INTEGER, inode INTEGER,
    id TEXT, date TEXT, started TEXT, collaborative TEXT, site TEXT, protocol TEXT,
    status TEXT, answered INTEGER, questions INTEGER, people INTEGER, open INTEGER,
    collaborative_key TEXT, site_key TEXT, error TEXT, facilitator TEXT
);
CREATE INDEX files_newest ON files (date DESC, started DESC, id DESC, name DESC);
CREATE INDEX files_id ON files (id);
CREATE TABLE participants (
    fid INTEGER NOT NULL, name TEXT, organization TEXT, role TEXT, handle TEXT, sector TEXT
);
CREATE INDEX participants_fid ON participants (fid);
CREATE TABLE commitments (
    fid INTEGER NOT NULL, text TEXT, owner TEXT, due TEXT, status TEXT, origin TEXT,
    carried INTEGER, question TEXT
);
CREATE INDEX commitments_fid ON commitments (fid);
CREATE TABLE people (
    kind TEXT NOT NULL, name TEXT NOT NULL, organization TEXT NOT NULL, role TEXT NOT NULL,
    handle TEXT NOT NULL, sector TEXT NOT NULL, fid INTEGER NOT NULL, part INTEGER NOT NULL,
    pos INTEGER NOT NULL
);
CREATE TABLE records (fid INTEGER PRIMARY KEY, json TEXT NOT NULL);
CREATE TABLE folder (digest TEXT NOT NULL, warnings TEXT NOT NULL);
CREATE TABLE folding (sample TEXT NOT NULL);
"""
#: Letters every kind of folding touches: when what ``fold`` makes of them changes (a
#: newer reflect folds more), the folded texts in the index are stale and it is rebuilt.
_SAMPLE = (
    "ÆıŁßØđœé É\u00ad_`’\ufe0f\u034f\u3164ﬁ O’Neil evil\x07click"
    " \u1d0d\u13b7\u0585\uab81\u03a3"  # look-alikes: ᴍ Ꮇ օ ꮁ Σ
)
# Only the folded text is indexed (reflect_cli/folding.py, the same at query time); the text
# as written is kept beside it to be shown.
_FTS = (
    "CREATE VIRTUAL TABLE texts USING fts5(folded, text UNINDEXED, place UNINDEXED, "
    "kind UNINDEXED, question UNINDEXED, tokenize = 'unicode61 remove_diacritics 2')"
)
_PLAIN_TEXTS = (
    "CREATE TABLE texts (rowid INTEGER PRIMARY KEY, folded TEXT, text TEXT, place TEXT, "
    "kind TEXT, question TEXT)"
)

#: SQLite's result codes for a damaged file: SQLITE_CORRUPT, SQLITE_NOTADB.
_DAMAGED = {11, 26}


def corrupt(exc: BaseException) -> bool:
    """Whether an error means the index file is damaged (rebuild it), not busy or full."""
    if not isinstance(exc, sqlite3.DatabaseError):
        return False
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in _DAMAGED
    return not isinstance(exc, sqlite3.OperationalError)


def migrate(db: sqlite3.Connection) -> bool:
    """Create the tables, or rebuild them when written by another schema version.
    Returns whether full-text search (FTS5) is available."""
    db.execute("PRAGMA trusted_schema = OFF")  # a committed index runs nothing of its own
    if _current(db):
        return _has_fts(db)
    db.execute("BEGIN IMMEDIATE")
    try:
        if not _current(db):  # nobody else did it meanwhile
            _drop_all(db)
            for statement in _TABLES.split(";"):
                if statement.strip():
                    db.execute(statement)
            try:
                db.execute(_FTS)
            except sqlite3.OperationalError:  # this SQLite was built without FTS5
                db.execute(_PLAIN_TEXTS)
            db.execute("INSERT INTO folding VALUES (?)", (fold_words(_SAMPLE),))
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        db.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            db.execute("ROLLBACK")
        raise
    return _has_fts(db)


def _current(db: sqlite3.Connection) -> bool:
    """Whether the database is this version's, folds text as this reflect does, and
    holds nothing foreign."""
    if db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION or _foreign(db):
        return False
    try:
        kept = db.execute("SELECT sample FROM folding").fetchone()
    except sqlite3.OperationalError:  # no such table
        return False
    return kept is not None and kept[0] == fold_words(_SAMPLE)


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


def why(exc: BaseException) -> str:
    """An index problem in people's words."""
    from reflect_cli.records import home

    text = str(exc) or type(exc).__name__
    if isinstance(exc, OSError):
        return home.reason(exc)
    if "disk is full" in text or "disk I/O" in text:
        return "the disk is full or failing"
    if "locked" in text:
        return "another reflect is writing it"
    if "readonly" in text or "read-only" in text:
        return "the folder is read-only"
    return text
