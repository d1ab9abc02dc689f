"""A record file read into the rows the index stores, in worker processes when many.

Parsing YAML is most of a cold start's cost, so a big folder is read by a pool of
processes (one per core, libyaml in each) while the main process writes the index.
Everything here is plain tuples, cheap to send between processes.
"""

from __future__ import annotations

import itertools
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from reflect_cli.dates import instant
from reflect_cli.errors import RecordError
from reflect_cli.folding import fold_words
from reflect_cli.kinds import answer_text
from reflect_cli.model import Session
from reflect_cli.records import codec
from reflect_cli.records.scan import Seen, read_bytes
from reflect_cli.records.summary import status_of
from reflect_cli.rounds.text import rating_lines

#: How a commitment's place says its due date in the index (and --json): English, as
#: data; the terminal says it in the reader's language (``cli.reading``).
DUE = "due "
#: Below this many files to read, a pool costs more than it saves.
POOL_FROM = 200


class Where(StrEnum):
    """Where a search hit was found (stored in the index as this text)."""

    ANSWER = "answer"
    COMMITMENT = "commitment"
    PARTICIPANT = "participant"
    NOTE = "note"

    @property
    def private(self) -> bool:
        """Whether texts found here are the facilitator's private notes: the one place
        that says so; every search path leaves them out unless asked (``records.search``)."""
        return self is Where.NOTE


@dataclass(slots=True)
class Rows:
    """One record file as index rows; ``error`` instead when it cannot be read."""

    name: str
    seen: Seen
    error: str = ""
    session_id: str = ""
    #: date, started, collaborative, site, protocol, status, answered, questions,
    #: participants, open commitments
    summary: tuple[object, ...] = ()
    #: name, organization, role, handle, sector ("" when none)
    participants: list[tuple[str, str, str, str, str]] = field(default_factory=list)
    facilitator: str = ""
    #: text, owner, due, status, origin, carried (0/1), question
    commitments: list[tuple[str, str, str, str, str, int, str]] = field(default_factory=list)
    #: where (a Where), place (domain › prompt, or owner…), text, the text folded, the
    #: question's id ("" for a participant), and whether it is private (0/1)
    texts: list[tuple[str, str, str, str, str, int]] = field(default_factory=list)
    record: str = ""


def parse(raw: bytes, source: str) -> Session:
    """Record bytes as a session; ``RecordError`` names ``source``."""
    from reflect_cli.records import yamlio

    try:
        text = yamlio.decode(raw)
    except yamlio.YamlProblem as exc:
        raise RecordError(f"{source}: {exc.message}") from None
    return codec.parse(text, source)


def texts_of(session: Session) -> list[tuple[Where, str, str, str]]:
    """What search looks in: (where, place, text, question id) for every participant,
    commitment, answer and private note of a session."""
    names = session.names()
    texts: list[tuple[Where, str, str, str]] = []
    for person in session.participants:
        label = ", ".join(p for p in (person.name, person.organization, person.role) if p)
        texts.append((Where.PARTICIPANT, person.handle, label, ""))
    for action in (*session.follow_up, *session.actions):
        owner = names.get(action.owner, action.owner)
        place = ", ".join(x for x in (owner, f"{DUE}{action.due}" if action.due else "") if x)
        texts.append((Where.COMMITMENT, place, action.text, action.question))
    prompts = {}
    for domain, question in session.answers():
        prompts[question.id] = f"{domain.title} › {question.prompt}"
        lines = [answer_text(question.kind, question.answer)]
        lines += rating_lines(question, session.participants)  # a round, like any answer
        text = "\n".join(line for line in lines if line)
        if text:
            texts.append((Where.ANSWER, prompts[question.id], text, question.id))
    for note in session.notes:
        texts.append((Where.NOTE, prompts.get(note.question, ""), note.text, note.question))
    return texts


def rows_of(session: Session, name: str, seen: Seen) -> Rows:
    """The index rows of a parsed session."""
    rows = Rows(name, seen, session_id=session.id)
    rows.summary = (
        session.date,
        instant(session.started),  # sorted by: an instant, not its text
        session.collaborative,
        session.site,
        session.protocol.id,
        str(status_of(session.status)),
        session.answered_count,
        session.question_count,
        len(session.participants),
        session.open_actions,
    )
    rows.participants = [
        (p.name, p.organization, p.role, p.handle, str(p.sector or ""))
        for p in session.participants
    ]
    rows.facilitator = session.facilitator
    for carried, actions in ((1, session.follow_up), (0, session.actions)):
        for a in actions:
            rows.commitments.append(
                (a.text, a.owner, a.due, a.status, a.origin or session.id, carried, a.question)
            )
    # Folded here, in the worker processes of a cold start, by the one function a search
    # folds its words with.
    rows.texts = [
        (where.value, place, text, fold_words(text), question, int(where.private))
        for where, place, text, question in texts_of(session)
    ]
    data = codec.to_dict(session)
    # default=str: a key a newer reflect added may hold a YAML date
    rows.record = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
    return rows


def read_rows(folder: str, name: str) -> Rows:
    """Read and parse one record file into rows (in a worker process, or not). A file that
    cannot be parsed keeps how it looked, so it is not read again until it changes."""
    path = Path(folder) / name
    seen = Seen(-1, -1, -1, -1)
    try:
        raw, seen = read_bytes(path)
        return rows_of(parse(raw, str(path)), name, seen)
    except RecordError as exc:
        return Rows(name, seen, error=str(exc))
    except RecursionError:
        return Rows(name, seen, error=f"{path}: nested too deeply")


def _chunk(folder: str, names: list[str]) -> list[Rows]:
    import gc

    gc.disable()  # parsed records hold no cycles; the collector's passes only cost time
    return [read_rows(folder, name) for name in names]


def read_all(
    folder: Path, names: list[str], progress: Callable[[int, int], None] | None = None
) -> Iterator[Rows]:
    """Rows for every file, in any order: in a process pool when there are many."""
    total, done = len(names), 0
    workers = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    if total < POOL_FROM or (workers or 1) < 2:
        for name in names:
            yield read_rows(str(folder), name)
            done += 1
            if progress:
                progress(done, total)
        return
    import multiprocessing
    from collections import deque
    from concurrent.futures import Future, ProcessPoolExecutor

    size = max(20, min(200, total // ((workers or 2) * 8)))
    chunks = iter([names[i : i + size] for i in range(0, total, size)])
    context = multiprocessing.get_context("fork")  # no threads here; fork starts fastest
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        # A few chunks in flight per worker, not all: parsed records wait in memory only
        # until the main process has written them.
        pending: deque[Future[list[Rows]]] = deque(
            pool.submit(_chunk, str(folder), chunk)
            for chunk in itertools.islice(chunks, 2 * (workers or 2))
        )
        while pending:
            found = pending.popleft().result()
            following = next(chunks, None)
            if following is not None:
                pending.append(pool.submit(_chunk, str(folder), following))
            for rows in found:
                yield rows
                done += 1
            del found
            if progress:
                progress(done, total)
