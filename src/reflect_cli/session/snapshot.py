"""A session as a snapshot of its protocol, and back: a record stays readable when the
protocol file changes or is gone."""

from __future__ import annotations

from reflect_cli.model import (
    Action,
    AnswerRecord,
    Domain,
    DomainRecord,
    Protocol,
    ProtocolRef,
    Session,
)
from reflect_cli.records.store import now


def new_session(protocol: Protocol, collaborative: str, date: str) -> Session:
    """A draft session with a snapshot of every question the protocol asks."""
    return Session(
        id="",
        protocol=ProtocolRef(
            protocol.id, protocol.version, protocol.title, protocol.sha256, protocol.source
        ),
        collaborative=collaborative,
        date=date,
        started=now(),
        domains=[
            DomainRecord(
                d.id,
                d.title,
                [AnswerRecord.asking(q) for q in d.questions],
            )
            for d in protocol.domains
        ],
    )


def snapshot_protocol(session: Session) -> Protocol:
    """The questions as the record asked them, for when the protocol file is gone."""
    ref = session.protocol
    domains = tuple(
        Domain(
            d.id,
            d.title,
            tuple(q.question() for q in d.questions),
        )
        for d in session.domains
    )
    return Protocol(ref.id, ref.version, ref.title, domains, source=ref.source, sha256=ref.sha256)


def open_commitments(session: Session) -> list[Action]:
    """Commitments still open at the end of a session, carried and new."""
    return [a for a in (*session.follow_up, *session.actions) if a.is_open]
