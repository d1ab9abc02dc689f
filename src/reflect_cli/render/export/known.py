"""Everyone a redacted export must not name: every readable record in the sessions
folder, the discarded sessions in ``.trash/`` too, and a refusal when a record cannot be
read (its people are unknown, so redaction could not be promised)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from reflect_cli.errors import ReflectError
from reflect_cli.i18n.messages import _
from reflect_cli.model import Participant, Sector, Session
from reflect_cli.records.pseudonym_key import Key
from reflect_cli.records.store import Store
from reflect_cli.records.summary import Summary
from reflect_cli.records.trash import TRASH
from reflect_cli.records.word_choices import WordChoices
from reflect_cli.render.export.names import fold
from reflect_cli.render.export.places import Rerun
from reflect_cli.render.export.pseudonyms import Pseudonyms
from reflect_cli.render.export.redact import RedactionError, Redactor

IGNORE_OPTION = "--ignore-unreadable"
SECTORS = frozenset(s.value for s in Sector)


def redactor(
    store: Store,
    oldest_first: list[Summary],
    keep_places: bool,
    ignore_unreadable: bool,
    decisions: WordChoices | None = None,
    key: Key | None = None,
    strict: bool = False,
    language: str = "",
    rerun: Rerun | None = None,
) -> tuple[Redactor, list[str]]:
    """The selection's redactor, and one line per record that could not be read (only
    when ``ignore_unreadable``; otherwise the first such record is a RedactionError).
    ``decisions``: which everyday words are names in this folder; ``key``: the
    evaluator's pseudonym key (``records.pseudonym_key.load``), which labels derive from;
    ``strict``: organizations shown by their sector, roles left out; ``language``: the
    document's, which labels are said in (English when none); ``rerun``: the command
    being run, which a refusal tells how to run again."""

    trashed: list[Session] = []
    unreadable = _unreadable(store)
    for path in _trash(store.folder):
        try:
            trashed.append(_read(path))
        except ReflectError as exc:
            unreadable.append(str(exc))
    if unreadable and not ignore_unreadable:
        more = (
            _(" (and {count} more)").format(count=len(unreadable) - 1)
            if len(unreadable) > 1
            else ""
        )
        raise RedactionError(
            _(
                "redaction cannot be promised: {problem}{more}; the people in it are "
                "unknown, so their names would not be replaced; fix or move the file, or "
                "run {command} with {option} to go on without it; {nothing}"
            ).format(
                problem=unreadable[0],
                more=more,
                command=(rerun or Rerun()).command,
                option=IGNORE_OPTION,
                nothing=(rerun or Rerun()).nothing(),
            )
        )
    pseudonyms = Pseudonyms(key.secret) if key is not None else None
    found = Redactor(keep_places, decisions, pseudonyms, strict, language)
    found.rerun = rerun or Rerun()
    # Everyone from the index's rows (the selection's first, oldest first, then the rest
    # of the folder newest first): no record is read or kept whole, so knowing everyone
    # costs about the folder's people, not its sessions.
    for summary in oldest_first:
        found.select(summary.id, summary.collaborative, summary.site)
    for session in trashed:  # places before people: an organization named for one
        found.elsewhere(session.collaborative, session.site)
    _from_index(found, store, [s.file for s in oldest_first])
    for session in trashed:
        found.learn(session, selected=False)
    found.finish()
    return found, unreadable


def _from_index(found: Redactor, store: Store, first: list[str]) -> None:
    """Meet every participant, facilitator and commitment owner of the folder's readable
    records, as if row by row: the files ``first`` in that order, then the rest newest
    first. The rest come from the index's distinct rows in the order of their first
    occurrence (``lookup.distinct_people``: a few hundred rows, not every record's), which
    meets everyone as every row would, since meeting a row again changes nothing but an
    organization's sector (the last one recorded wins): the rows of an organization
    recorded with two sectors are met again in the folder's order."""
    from reflect_cli.records import lookup

    index = store.index()
    # Every place of the folder too, after the selection's: a place is known wherever it
    # is written, as a person is (a partial year's export named another partnership's
    # place in an organization).
    for collaborative, site in lookup.distinct_places(index):
        found.elsewhere(collaborative, site)
    sectors: dict[str, set[str]] = {}
    spellings: dict[str, set[str]] = {}

    def meet(kind: str, name: str, *rest: str) -> None:
        if kind == lookup.PARTICIPANT:
            organization, role, handle, sector = rest
            person = Participant(name, organization, role, handle)
            person.sector = Sector(sector) if sector in SECTORS else None
            found.meet(person)
            folded = " ".join(fold(organization).split())
            if folded and person.sector is not None:
                sectors.setdefault(folded, set()).add(sector)
                spellings.setdefault(folded, set()).add(organization)
        elif kind == lookup.FACILITATOR:
            found.meet_facilitator(name)
        else:
            found.meet_owner(name)

    for row in lookup.people_rows(index, first, rest=False):
        meet(*row)
    for row in lookup.distinct_people(index):
        meet(*row)
    torn = [s for folded, met in sectors.items() if len(met) > 1 for s in spellings[folded]]
    if torn:  # which sector is the last recorded depends on the order: met again in it
        for row in lookup.people_rows(index, first, organizations=torn):
            meet(*row)


def _unreadable(store: Store) -> list[str]:
    """The index's line for each record file in the folder it could not read, and each
    entry that looks like a record but is not a regular file."""
    from reflect_cli.records.scan import scan

    index = store.index()
    errors = [str(e) for (e,) in index.query("SELECT error FROM files WHERE error != ''")]
    # What the index's look at the folder found, this very run: not a second look.
    irregular = index.irregular if index.irregular is not None else scan(store.folder)[1]
    return [*errors, *irregular]


def _trash(folder: Path) -> Iterator[Path]:
    """The records of discarded sessions (``reflect discard``): their people are known."""
    trash = folder / TRASH
    if trash.is_dir() and not trash.is_symlink():
        yield from sorted(p for p in trash.iterdir() if p.name.endswith(".yaml"))


def _read(path: Path) -> Session:
    from reflect_cli.records.rows import parse
    from reflect_cli.records.scan import read_bytes

    return parse(read_bytes(path)[0], str(path))
