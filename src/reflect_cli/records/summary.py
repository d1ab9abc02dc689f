"""What the index knows of each record without reading it: summaries and commitments.

These are the rows `reflect list`, `resume` and the commitments view work from; the
full session is read only when a command shows or exports it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from reflect_cli.dates import instant
from reflect_cli.model import Session, SessionStatus


@dataclass(frozen=True, slots=True)
class Summary:
    """One record file as `reflect list` shows it."""

    date: str
    id: str
    collaborative: str
    site: str
    protocol: str
    status: SessionStatus
    answered: int
    questions: int
    participants: int
    open_commitments: int
    #: When the session started, as ``dates.instant`` gives it (UTC, sorts as time does).
    started: str = ""
    #: The record's file name in the sessions folder (usually ``<id>.yaml``).
    file: str = ""

    def as_json(self) -> dict[str, object]:
        """Stable keys for scripts (`reflect list --json`)."""
        data = asdict(self)
        del data["started"]
        data["status"] = str(self.status)
        return data

    @property
    def order(self) -> tuple[str, str, str, str]:
        """Newest first sorts by this, descending."""
        return (self.date, self.started, self.id, self.file)


def status_of(value: str) -> SessionStatus:
    """A record's status; anything unknown reads as a draft (nothing is lost by it)."""
    try:
        return SessionStatus(value)
    except ValueError:
        return SessionStatus.DRAFT


def summary_of(session: Session, file: str) -> Summary:
    """The summary of a parsed session read from ``file``."""
    return Summary(
        date=session.date,
        id=session.id,
        collaborative=session.collaborative,
        site=session.site,
        protocol=session.protocol.id,
        status=status_of(session.status),
        answered=session.answered_count,
        questions=session.question_count,
        participants=len(session.participants),
        open_commitments=session.open_actions,
        started=instant(session.started),
        file=file,
    )


@dataclass(frozen=True, slots=True)
class Commitment:
    """A commitment as its latest session records it."""

    text: str
    owner: str
    due: str
    status: str
    #: The id of the session where it was made.
    origin: str
    #: The id of the session whose record gives this status.
    session: str
    question: str = ""
