"""The index's distinct person rows (``records.people``) agree with the records, after an
edit and a deletion too, and a redacted export that knows the folder from them knows it
exactly as one that met every row (labels, codes, organizations' sectors)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import make_session
from reflect_cli.dates import instant
from reflect_cli.model import Action, Participant
from reflect_cli.records import lookup, people
from reflect_cli.records.pseudonym_key import Key
from reflect_cli.records.store import Store
from reflect_cli.render.export import known
from reflect_cli.render.export.redact import Redactor

LAN = "Nguyễn Thị Lan | Rainier Beach Family Center | Parent liaison | lan | family"
# The same name decomposed (a distinct spelling: its own row), and a one-person
# organization recorded with two sectors in two sessions.
LAN_DECOMPOSED = "Nguye\u0302\u0303n Thi\u0323 Lan | Rainier Beach Family Center | Parent liaison"
HOPE_SCHOOL = "Hope Alemu | Hope Tutoring | Founder | hope | community organization"
HOPE_FAMILY = "Hope Alemu | Hope Tutoring | Founder | hope | family"
GRACE = "Grace Kim | Northgate Elementary | Principal | grace | school"
GRACE_TWO = "Grace Tesfaye | ሰላም Youth Club | Coach | gt | youth"
WANG = "王芳 | Seattle Parks and Recreation | Site lead | wf"


def _folder(sessions_dir: Path) -> list[str]:
    ids = [
        make_session(
            sessions_dir,
            "partnership-reflection",
            date="2026-09-01",
            people=[LAN, HOPE_SCHOOL, GRACE],
            actions=[Action("Share the calendar", "lan"), Action("Call May", "hope")],
        ),
        make_session(
            sessions_dir,
            "partnership-reflection",
            date="2026-10-01",
            people=[GRACE_TWO, HOPE_FAMILY, WANG],
            actions=[Action("Book the gym", "gt")],
        ),
        make_session(
            sessions_dir,
            "partnership-reflection",
            date="2026-11-01",
            collaborative="Rainier Beach",
            people=[LAN_DECOMPOSED, GRACE, HOPE_SCHOOL],
        ),
    ]
    return ids


def _from_records(store: Store) -> list[tuple[str, ...]]:
    """Every person row, computed from the decoded records newest first, each distinct row
    once at its first occurrence: what ``lookup.distinct_people`` must read."""
    summaries, _ = store.summaries()
    decoded = [(store.load_path(store.folder / s.file), s.file) for s in summaries]
    decoded.sort(
        key=lambda pair: (pair[0].date, instant(pair[0].started), pair[0].id, pair[1]),
        reverse=True,
    )
    rows: dict[tuple[str, ...], None] = {}
    for session, _ in decoded:
        for p in session.participants:
            sector = str(p.sector or "")
            rows.setdefault((people.PARTICIPANT, p.name, p.organization, p.role, p.handle, sector))
        if session.facilitator:
            rows.setdefault((people.FACILITATOR, session.facilitator, "", "", "", ""))
        for action in (*session.follow_up, *session.actions):
            if action.owner:
                rows.setdefault((people.OWNER, action.owner, "", "", "", ""))
    return list(rows)


def _distinct(sessions_dir: Path) -> list[tuple[str, ...]]:
    return [tuple(row) for row in lookup.distinct_people(Store(sessions_dir).index())]


def test_distinct_rows_agree_with_the_records(cli: Any, sessions_dir: Path) -> None:
    ids = _folder(sessions_dir)
    expected = _from_records(Store(sessions_dir))
    assert _distinct(sessions_dir) == expected
    assert len(expected) < sum(1 for _ in lookup.people_rows(Store(sessions_dir).index(), []))
    # An edit: a participant renamed, another added, in the oldest session.
    store = Store(sessions_dir)
    oldest = store.load(ids[0])
    oldest.participants[0].name = "Nguyễn Thị Mai"
    oldest.participants.append(Participant("Justice Owusu", "Hope Tutoring", "Mentor", "jo"))
    store.save(oldest)
    edited = _from_records(Store(sessions_dir))
    assert ("participant", "Nguyễn Thị Mai", *LAN.split(" | ")[1:]) in edited
    assert _distinct(sessions_dir) == edited
    # A deletion: the newest session's people are forgotten unless another names them.
    (sessions_dir / f"{ids[2]}.yaml").unlink()
    deleted = _from_records(Store(sessions_dir))
    assert not any("\u0302" in row[1] for row in deleted)
    assert _distinct(sessions_dir) == deleted


def _every_row(store: Store, first: list[str], strict: bool, secret: bytes) -> Redactor:
    """The redactor as it was made before the distinct rows: meeting every row."""
    from reflect_cli.model import Sector
    from reflect_cli.render.export.pseudonyms import Pseudonyms

    found = Redactor(False, None, Pseudonyms(secret), strict)
    summaries = {s.file: s for s in store.summaries()[0]}
    for name in first:
        found.select(summaries[name].id, summaries[name].collaborative, summaries[name].site)
    for summary in summaries.values():  # every place of the folder, before its people
        found.elsewhere(summary.collaborative, summary.site)
    for kind, name, *rest in lookup.people_rows(store.index(), first):
        if kind == lookup.PARTICIPANT:
            organization, role, handle, sector = rest
            person = Participant(name, organization, role, handle)
            person.sector = Sector(sector) if sector in known.SECTORS else None
            found.meet(person)
        elif kind == lookup.FACILITATOR:
            found.meet_facilitator(name)
        else:
            found.meet_owner(name)
    found.finish()
    return found


def _shown(found: Redactor) -> list[tuple[object, ...]]:
    # Each label as it is shown: made when first asked for (``Labels.person``).
    return [(p.number, p.key, found.person(p.number).label, p.code) for p in found.people]


def test_knowing_from_distinct_rows_is_knowing_from_every_row(
    cli: Any, sessions_dir: Path, tmp_path: Path
) -> None:
    ids = _folder(sessions_dir)
    store = Store(sessions_dir)
    secret = b"k" * 32
    newest_first = store.summaries()[0]
    for chosen in ([newest_first[-1]], [newest_first[0]], list(reversed(newest_first))):
        for strict in (False, True):
            found, _ = known.redactor(
                store, chosen, False, False, key=Key(secret, tmp_path / "key"), strict=strict
            )
            before = _every_row(store, [s.file for s in chosen], strict, secret)
            assert _shown(found) == _shown(before)
            assert found.statement() == before.statement()
    # Hope Tutoring is a community organization in two sessions and a family in one: the
    # last recorded in the order met wins, as when every row was met (strict labels start
    # with the sector): the oldest session first, then the rest newest first, ends on the
    # family; the newest first ends on the oldest, a community organization.
    hope = Participant("Hope Alemu", "Hope Tutoring")
    for chosen, sector in ((newest_first[-1], "Family "), (newest_first[0], "Community ")):
        found, _ = known.redactor(
            store, [chosen], False, False, key=Key(secret, tmp_path / "key"), strict=True
        )
        assert found.person(found.number_of(hope)).label.startswith(sector), ids


def test_the_rows_of_the_files_named_are_those_of_every_row_in_their_order(
    cli: Any, sessions_dir: Path
) -> None:
    # Without the rest of the folder, only the files named are looked up: their rows are
    # the first ones the whole folder's reading gives when they are named first.
    _folder(sessions_dir)
    store = Store(sessions_dir)
    index = store.index()
    files = [s.file for s in store.summaries()[0]]
    assert list(lookup.people_rows(index, files, rest=False)) == list(
        lookup.people_rows(index, files)
    )
    each = {f: list(lookup.people_rows(index, [f], rest=False)) for f in files}
    assert all(each.values())
    for first in (files, files[::-1], files[1:2], [], ["missing.yaml", *files[:1]]):
        named = list(lookup.people_rows(index, first, rest=False))
        assert named == [row for f in first for row in each.get(f, [])]
        assert named == list(lookup.people_rows(index, first))[: len(named)]
