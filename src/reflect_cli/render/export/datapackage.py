"""The data package export: the sessions as tidy tables (``render/tables``), made ready
to share exactly as every other format is (``prepare``: private notes out, people and
places replaced when redacting), and read back for names before anything is written."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping, Sequence

from reflect_cli.coding.codings import Coding, anchor
from reflect_cli.coding.passages import of_session
from reflect_cli.model import Session
from reflect_cli.render.export.base import Options
from reflect_cli.render.export.prepare import prepare
from reflect_cli.render.export.redact import Redactor
from reflect_cli.render.export.static import stripped
from reflect_cli.render.tables import package
from reflect_cli.render.tables.build import Builder, facts


def files(
    sessions: Iterable[Session],
    options: Options,
    redactor: Redactor | None = None,
    coders: Mapping[str, Sequence[Coding]] | None = None,
) -> dict[str, str]:
    """Every file of the package by name. Redacted, each table is checked as the other
    formats are (against the same tables built with nothing people said), and the whole
    package refused (RedactionError) if a name, handle or place is left in any.
    ``coders``: each coder's codings (``codings/CODER.yaml``), placed on each session's
    passages as it reads now (one that no longer matches its text is left out)."""
    shared = Builder(redacted=redactor is not None)
    readied: list[Session] = []
    for session in sessions:
        known = facts(session)  # before redaction rewrites what they are read from
        coded = _coded(session, coders or {})
        ready = prepare(session, options, redactor)
        shared.add(ready, known, coded)
        if redactor is not None:
            readied.append(ready)
    redacted = redactor is not None
    notice = redactor.statement() if redactor is not None else ""
    private = options.include_private
    written = package.files(shared.rows, include_private=private, redacted=redacted, notice=notice)
    if redactor is not None:
        redactor.stop_if_undecided()  # stop and list them, as every other format does
        made: dict[str, str] = {}

        def static() -> dict[str, str]:
            # The same tables with nothing people said, made once, and only when a
            # table holds a known term for them to excuse.
            if not made:
                bare = Builder(redacted=True)
                for ready in readied:
                    bare_session = stripped(ready)
                    bare.add(bare_session, facts(bare_session))
                made.update(
                    package.files(bare.rows, include_private=private, redacted=True, notice=notice)
                )
            return made

        for name, text in written.items():
            redactor.check(text, f"data package's {name}", functools.partial(_one, static, name))
    return written


def _one(files: Callable[[], dict[str, str]], name: str) -> str:
    return files()[name]


def _coded(
    session: Session, coders: Mapping[str, Sequence[Coding]]
) -> list[tuple[str, int, str, str]]:
    """The session's codings as rows: (question id, line, coder, code id)."""
    if not coders:
        return []
    found = list(of_session(session))
    rows: list[tuple[str, int, str, str]] = []
    for coder, made in coders.items():
        mine = [c for c in made if c.address.session == session.id]
        for address, coding in anchor(mine, found).placed.items():
            rows += [(address.question, address.line, coder, code) for code in coding.codes]
    return rows
