"""Questions asked of the index: which sessions, which one a name means, which records.

Each reads only what its answer needs: `reflect list -n 10` reads ten rows whatever the
size of the folder.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Iterator

from reflect_cli.errors import InputError, StoreError
from reflect_cli.i18n.messages import _
from reflect_cli.model import CommitmentStatus, SessionStatus
from reflect_cli.records import people
from reflect_cli.records.index import Index
from reflect_cli.records.summary import Commitment, Summary, status_of

_COLUMNS = (
    "date, id, collaborative, site, protocol, status, answered, questions, people, open, "
    "started, name"
)
_NEWEST = "ORDER BY date DESC, started DESC, id DESC, name DESC"


def _summary(row: tuple[object, ...]) -> Summary:
    values = list(row)
    values[5] = status_of(str(values[5]))
    return Summary(*values)  # type: ignore[arg-type]


def summaries(
    index: Index, where: str = "", params: Iterable[object] = (), limit: int | None = None
) -> list[Summary]:
    """Readable sessions passing ``where`` (SQL over the files table), newest first."""
    sql = f"SELECT {_COLUMNS} FROM files WHERE error = '' {where} {_NEWEST} LIMIT ?"
    found = index.query(sql, (*params, -1 if limit is None else limit))
    return [_summary(row) for row in found]


def resolve(index: Index, ref: str) -> Summary:
    """The session named by a file name, an id, a unique id prefix, or ``last``.

    An empty or blank reference names none: as a prefix it would match every session and
    pick one silently (the only one, for ``show ''`` or ``edit ''``)."""
    if not ref.strip():
        raise InputError(
            _(
                "{ref!r} names no session: give a session id, a unique start of one, or 'last'"
            ).format(ref=ref)
        )
    if ref == "last":
        newest = summaries(index, limit=1)
        if not newest:
            raise StoreError(_("no sessions in {folder}").format(folder=index.folder.absolute()))
        return newest[0]
    if ref.endswith(".yaml"):
        by_file = summaries(index, "AND name = ?", [ref.rsplit("/", 1)[-1]])
        if by_file:
            return by_file[0]
    exact = summaries(index, "AND id = ?", [ref])
    if not exact:
        exact = summaries(index, "AND id >= ? AND id < ?", [ref, ref + "\U0010ffff"])
    ids = sorted({s.id for s in exact})
    if not ids:
        raise StoreError(
            _("no session matches {ref!r} in {folder}").format(
                ref=ref, folder=index.folder.absolute()
            )
        )
    if len(ids) > 1:
        listed = ", ".join(s.id for s in exact[:10])
        raise StoreError(
            _("{ref!r} matches {count} sessions: {listed}").format(
                ref=ref, count=len(ids), listed=listed
            )
        )
    own = [s for s in exact if s.file == f"{s.id}.yaml"]
    if len(exact) > 1 and not own:
        files = ", ".join(s.file for s in exact)
        raise StoreError(
            _("session {id} is in {count} files ({files}): name the file").format(
                id=ids[0], count=len(exact), files=files
            )
        )
    return (own or exact)[0]


def record_json(index: Index, names: Iterable[str]) -> Iterator[tuple[str, str | None]]:
    """The parsed record (JSON text) of each file, in the order given, or None when the
    index has none. Read 500 at a time: one query each, a batch in memory at once."""
    wanted = list(names)
    for start in range(0, len(wanted), 500):
        batch = wanted[start : start + 500]
        marks = ",".join("?" * len(batch))
        found = dict(
            index.query(
                f"SELECT name, json FROM records JOIN files USING (fid) WHERE name IN ({marks})",
                batch,
            )
        )
        for name in batch:
            yield name, found.get(name)


def open_commitments(
    index: Index, collaborative: str, today: str | None = None
) -> list[Commitment]:
    """Commitments of a collaborative still open as of ``today``, across its complete
    sessions: each one's latest status wins (a commitment is its text and the session
    it was made in), newest session first."""
    today = today or dt.date.today().isoformat()
    found = index.query(
        "SELECT c.text, c.owner, c.due, c.status, c.origin, f.id, c.question "
        "FROM commitments c JOIN files f USING (fid) "
        "WHERE f.collaborative_key = ? AND f.status = ? AND f.date <= ? "
        "ORDER BY f.date DESC, f.started DESC, f.id DESC",
        (collaborative.casefold(), str(SessionStatus.COMPLETE), today),
    )
    latest: dict[tuple[str, str], Commitment] = {}
    for row in found:
        latest.setdefault((row[4], row[0]), Commitment(*row))
    still_owed = {str(CommitmentStatus.OPEN), str(CommitmentStatus.IN_PROGRESS)}
    return [c for c in latest.values() if c.status in still_owed]


def still_open(index: Index, listed: Iterable[Summary], today: str | None = None) -> dict[str, int]:
    """For each listed session, how many of the commitments it left open (made there or
    carried into it) are still open as of ``today``: the latest follow-up in a complete
    session decides, so resolving one later takes it off every older row. A session in
    several files (a copy that kept its id) counts once: from ``<id>.yaml`` if it is one
    of them, else from the first by name."""
    listed = list(listed)
    if not listed:
        return {}
    today = today or dt.date.today().isoformat()
    keys = sorted({s.collaborative.casefold() for s in listed})
    wanted = {s.id for s in listed}
    marks = ",".join("?" * len(keys))
    found = index.query(
        "SELECT f.id, f.name, f.status, c.text, c.status, c.origin "
        "FROM commitments c JOIN files f USING (fid) "
        f"WHERE f.error = '' AND f.collaborative_key IN ({marks}) AND f.date <= ? "
        "ORDER BY f.date DESC, f.started DESC, f.id DESC",
        (*keys, today),
    )
    files: dict[str, set[str]] = {}
    for session_id, name, *_rest in found:
        files.setdefault(session_id, set()).add(name)
    counted = {
        sid: f"{sid}.yaml" if f"{sid}.yaml" in names else min(names) for sid, names in files.items()
    }
    owed = {str(CommitmentStatus.OPEN), str(CommitmentStatus.IN_PROGRESS)}
    latest: dict[tuple[str, str], str] = {}
    left: dict[str, list[tuple[tuple[str, str], str]]] = {}
    for session_id, name, session_status, text, status, origin in found:
        if name != counted[session_id]:
            continue
        key = (origin, text)
        if session_status == str(SessionStatus.COMPLETE):
            latest.setdefault(key, status)
        if session_id in wanted:
            left.setdefault(session_id, []).append((key, status))
    return {
        session_id: sum(
            1 for key, status in rows if status in owed and latest.get(key, status) in owed
        )
        for session_id, rows in left.items()
    }


def short_ids(index: Index, ids: Iterable[str], minimum: int = 10) -> dict[str, str]:
    """Each id's shortest prefix that no other id in the whole folder starts with (at
    least ``minimum`` characters: an id starts with its date), so a prefix shown by a
    filtered or shortened list still names one session. Two lookups per id in the
    index's order of ids, whatever the size of the folder."""
    shortest = {}
    for this in set(ids):
        need = minimum
        for side in ("id < ? ORDER BY id DESC", "id > ? ORDER BY id"):
            for (other,) in index.query(
                f"SELECT id FROM files WHERE error = '' AND {side} LIMIT 1", (this,)
            ):
                need = max(need, _common(this, other) + 1)
        shortest[this] = this[:need]
    return shortest


def _common(a: str, b: str) -> int:
    """How many characters two texts share at their start."""
    return sum(
        1 for _pair in itertools.takewhile(lambda pair: pair[0] == pair[1], zip(a, b, strict=False))
    )


def commitment_rows(index: Index, names: Iterable[str]) -> list[tuple[str, ...]]:
    """Every commitment as each of these files recorded it (made there or followed up):
    collaborative, session id, date, text, due, status, origin. 500 files a query."""
    wanted = list(names)
    rows = []
    for start in range(0, len(wanted), 500):
        batch = wanted[start : start + 500]
        marks = ",".join("?" * len(batch))
        rows += index.query(
            "SELECT f.collaborative, f.id, f.date, c.text, c.due, c.status, c.origin "
            f"FROM commitments c JOIN files f USING (fid) WHERE f.name IN ({marks})",
            batch,
        )
    return rows


#: What a row of ``people_rows`` is.
PARTICIPANT, FACILITATOR, OWNER = people.PARTICIPANT, people.FACILITATOR, people.OWNER


def people_rows(
    index: Index,
    first: Iterable[str],
    rest: bool = True,
    organizations: Iterable[str] | None = None,
) -> Iterator[tuple[str, ...]]:
    """Everyone each readable record names, record by record: the files ``first`` in that
    order, then (``rest``) every other readable record newest first. For each record its
    participants in roster order (PARTICIPANT, name, organization, role, handle, sector),
    its facilitator (FACILITATOR, name) and its commitments' owners (OWNER, the handle or
    name typed); only participants of these ``organizations`` (as spelled) when given.
    500 records a query: the folder's people are known without all its rows in memory at
    once (``distinct_people`` knows them without reading every row)."""
    first = list(first)
    if rest:
        newest = index.query(f"SELECT fid, name FROM files WHERE error = '' {_NEWEST}")
    else:  # the files named only (one session of ten thousand: not every file's row)
        newest = []
        for start in range(0, len(first), 500):
            named = first[start : start + 500]
            marks = ",".join("?" * len(named))
            newest += index.query(
                f"SELECT fid, name FROM files WHERE error = '' AND name IN ({marks})", named
            )
    fids = {name: fid for fid, name in newest}
    chosen = [fids[name] for name in first if name in fids]
    taken = set(chosen)
    order = chosen + ([fid for fid, _when in newest if fid not in taken] if rest else [])
    del newest, fids, taken
    spelled = None if organizations is None else sorted(set(organizations))
    for start in range(0, len(order), 500):
        yield from _people_of(index, order[start : start + 500], spelled)


def distinct_places(index: Index) -> list[tuple[str, str]]:
    """Every readable record's collaborative and site, each pair once."""
    found = index.query("SELECT DISTINCT collaborative, site FROM files WHERE error = ''")
    return [(str(collaborative or ""), str(site or "")) for collaborative, site in found]


def distinct_people(index: Index) -> list[tuple[str, ...]]:
    """Each distinct person row (kind, name, organization, role, handle, sector) once, in
    the order of its first occurrence, newest record first (``records.people``): a few
    hundred rows whatever the size of the folder."""
    return index.query(people.DISTINCT)


def _people_of(
    index: Index, batch: list[int], organizations: list[str] | None
) -> Iterator[tuple[str, ...]]:
    marks = ",".join("?" * len(batch))
    if organizations is None:
        rows = index.query(
            f"SELECT fid, 0, rowid, '{PARTICIPANT}', COALESCE(name, ''), "
            "COALESCE(organization, ''), COALESCE(role, ''), COALESCE(handle, ''), "
            f"COALESCE(sector, '') FROM participants WHERE fid IN ({marks}) "
            f"UNION ALL SELECT fid, 1, 0, '{FACILITATOR}', facilitator, '', '', '', '' "
            f"FROM files WHERE fid IN ({marks}) AND facilitator != '' "
            f"UNION ALL SELECT fid, 2, rowid, '{OWNER}', owner, '', '', '', '' "
            f"FROM commitments WHERE fid IN ({marks}) AND owner != '' ORDER BY 2, 3",
            [*batch, *batch, *batch],
        )
    else:
        named = ",".join("?" * len(organizations))
        rows = index.query(
            f"SELECT fid, 0, rowid, '{PARTICIPANT}', COALESCE(name, ''), "
            "COALESCE(organization, ''), COALESCE(role, ''), COALESCE(handle, ''), "
            f"COALESCE(sector, '') FROM participants WHERE fid IN ({marks}) "
            f"AND organization IN ({named}) ORDER BY rowid",
            [*batch, *organizations],
        )
    by_record: dict[int, list[tuple[str, ...]]] = {fid: [] for fid in batch}
    for row in rows:  # text columns, empty for none
        by_record[row[0]].append(row[3:])
    for fid in batch:
        yield from by_record[fid]
