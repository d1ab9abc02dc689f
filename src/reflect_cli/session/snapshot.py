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


def new_session(
    protocol: Protocol, collaborative: str, date: str, asked: Protocol | None = None
) -> Session:
    """A draft session with a snapshot of every question the protocol asks; ``asked``
    (the protocol in the session's language) adds each text as the room will read it."""
    read = asked or protocol
    return Session(
        id="",
        protocol=ProtocolRef(
            protocol.id,
            protocol.version,
            protocol.title,
            protocol.sha256,
            protocol.source,
            asked_title=read.title if read.title != protocol.title else "",
        ),
        collaborative=collaborative,
        date=date,
        started=now(),
        domains=[
            DomainRecord(
                d.id,
                d.title,
                [AnswerRecord.asking(q, a) for q, a in zip(d.questions, r.questions, strict=True)],
                asked_title=r.title if r.title != d.title else "",
            )
            for d, r in zip(protocol.domains, read.domains, strict=True)
        ],
        language=read.language,
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
