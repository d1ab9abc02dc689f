"""Everyone the folder's readable records name, one row per distinct spelling.

A redacted export must know every person of the folder. Reading every participant,
facilitator and commitment-owner row of 10,000 sessions to meet a few hundred people
costs about a second; the index instead keeps, for each distinct row (kind, name,
organization, role, handle, sector), where it first occurs in the order a redacted export
meets the folder (newest record first, then participants in roster order, the
facilitator, the commitments' owners). ``refresh`` rebuilds that table inside the
transaction that indexed a change, in SQL; ``DISTINCT`` reads it in that order, which is
the order of the rows' first occurrences, so meeting them gives what meeting every row
gives (meeting a row twice changes nothing, except an organization's sector, which
``records.lookup.people_rows`` replays when an organization has more than one).
"""

from __future__ import annotations

import sqlite3

#: What a row is (the first column of every row these functions yield).
PARTICIPANT, FACILITATOR, OWNER = "participant", "facilitator", "owner"

#: Every person row of every readable record: fid, part (0 participant, 1 facilitator,
#: 2 owner), position in the record, kind, name, organization, role, handle, sector.
_EVERY_ROW = f"""
SELECT fid, 0 AS part, rowid AS pos, '{PARTICIPANT}' AS kind, COALESCE(name, '') AS name,
    COALESCE(organization, '') AS organization, COALESCE(role, '') AS role,
    COALESCE(handle, '') AS handle, COALESCE(sector, '') AS sector
FROM participants
UNION ALL SELECT fid, 1, 0, '{FACILITATOR}', facilitator, '', '', '', ''
FROM files WHERE COALESCE(facilitator, '') != ''
UNION ALL SELECT fid, 2, rowid, '{OWNER}', owner, '', '', '', ''
FROM commitments WHERE COALESCE(owner, '') != ''
"""

_NEWEST = "f.date DESC, f.started DESC, f.id DESC, f.name DESC"

_REBUILD = f"""
INSERT INTO people (kind, name, organization, role, handle, sector, fid, part, pos)
SELECT kind, name, organization, role, handle, sector, fid, part, pos FROM (
    SELECT r.*, ROW_NUMBER() OVER (
        PARTITION BY r.kind, r.name, r.organization, r.role, r.handle, r.sector
        ORDER BY {_NEWEST}, r.part, r.pos
    ) AS n
    FROM ({_EVERY_ROW}) r JOIN files f USING (fid) WHERE f.error = ''
) WHERE n = 1
"""


def refresh(db: sqlite3.Connection) -> None:
    """Rebuild the distinct rows from the index's rows (inside the caller's transaction):
    one pass in SQLite after records were indexed or removed."""
    db.execute("DELETE FROM people")
    db.execute(_REBUILD)


#: Each distinct person row (kind, name, organization, role, handle, sector) once, in
#: the order of its first occurrence in the folder's records, newest record first
#: (``records.lookup.distinct_people`` asks it; this module is below the index).
DISTINCT = (
    "SELECT p.kind, p.name, p.organization, p.role, p.handle, p.sector "
    f"FROM people p JOIN files f USING (fid) ORDER BY {_NEWEST}, p.part, p.pos"
)
