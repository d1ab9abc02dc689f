"""Passages: every line of a text answer (or of a round's discussion), addressed.

A passage's address is its session's id, its question's id and its line's number in the
answer (1-based, counting every line as the meeting credits them, so it is the data
package's ``utterances.line``). A credited line (``monica: …``) carries its speaker's
person id (``speakers.person_key``: the data tables' id). The ``fingerprint`` is of the
line's text, so a coding anchored to an address can tell when a record was edited under
it and find its line again where the text is unchanged (``codings.anchor``).
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from reflect_cli.controls import visible
from reflect_cli.errors import InputError
from reflect_cli.i18n.messages import _
from reflect_cli.model import AnswerRecord, Kind, Session
from reflect_cli.speakers import person_key, speaker_of


@dataclass(frozen=True, order=True, slots=True)
class Address:
    """Where a passage is: ``2026-11-20-north/equity-issues/3``."""

    session: str
    question: str
    line: int

    def __str__(self) -> str:
        return f"{self.session}/{self.question}/{self.line}"

    @classmethod
    def parse(cls, text: str) -> Address:
        """An address as written (``SESSION/QUESTION/LINE``); InputError otherwise."""
        session, _sep, rest = text.strip().rpartition("/")
        session, _sep, question = session.rpartition("/")
        if not session or not question or not rest.isascii() or not rest.isdecimal():
            raise InputError(
                _("{text!r} is not a passage address (SESSION/QUESTION/LINE)").format(text=text)
            )
        return cls(session, question, int(rest))


@dataclass(frozen=True, slots=True)
class Passage:
    """One line someone said, with where it was said."""

    address: Address
    text: str
    #: The speaker's person id (``p-…``), or "" when the line credits no one.
    speaker: str
    domain: str
    prompt: str
    collaborative: str
    site: str
    date: str
    #: The answer's line before this one ("" for the first): the context shown.
    before: str = ""
    #: The speaker's organization's sector, when the roster gave one.
    sector: str = ""

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.text)


def fingerprint(text: str) -> str:
    """A short digest of a line's text (NFC, outer spaces ignored): equal text, equal print.
    Control characters count as the escapes every export shows them as (a project's
    source holds ``\\u202e`` for one), so a passage coded elsewhere still matches."""
    normal = unicodedata.normalize("NFC", visible(text).strip())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:16]


def coded_lines(record: AnswerRecord) -> list[str]:
    """The lines of an answer that can be coded, as the meeting credits them (every
    line counts for the numbering, so the data tables number them alike)."""
    if isinstance(record.answer, str) and (record.kind is Kind.TEXT or record.round):
        return record.answer.splitlines()
    return []


def of_session(session: Session, question: str = "") -> Iterator[Passage]:
    """Every passage of a session in order (one question's, when asked): its non-empty
    lines, each with its speaker."""
    people = session.participants
    keys = {id(p): person_key(p) for p in people}
    for domain, record in session.answers():
        if question and record.id != question:
            continue
        before = ""
        for number, line in enumerate(coded_lines(record), start=1):
            if not line.strip():
                continue
            who = speaker_of(line, people)
            yield Passage(
                Address(session.id, record.id, number),
                line,
                keys[id(who)] if who is not None else "",
                domain.id,
                record.prompt,
                session.collaborative,
                session.site,
                session.date,
                before,
                str(who.sector) if who is not None and who.sector else "",
            )
            before = line


def of_sessions(sessions: Iterable[Session], question: str = "") -> list[Passage]:
    """Every passage of the sessions, in the order given."""
    return [p for s in sessions for p in of_session(s, question)]


def line_at(text: str, offset: int) -> int:
    """The 1-based line of ``text`` the character at ``offset`` is on (as ``splitlines``
    counts lines): a search hit's passage."""
    end = 0
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        end += len(line)
        if offset < end:
            return number
    return max(1, len(text.splitlines()))
