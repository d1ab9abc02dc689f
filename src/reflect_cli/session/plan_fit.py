"""What is given up front (an answers file, options) put into a session, and measured
before anything is written.

The flow fills a new session from its plan (``fill``); ``check`` fills a copy first and
encodes it as the store would, so an answers file whose session would be a record the
reader refuses (its decoder's ``unreadable``, or over ``MAX_BYTES`` or ``MAX_NODES``) is
refused in one line before the first draft is created: nothing is left in the sessions
folder nor in its private state folder.
"""

from __future__ import annotations

import datetime as dt

from reflect_cli.errors import InputError
from reflect_cli.i18n.messages import _
from reflect_cli.model import Protocol, Session
from reflect_cli.records import codec, record_limits
from reflect_cli.records.opening import MAX_BYTES
from reflect_cli.records.yaml_checks import MAX_NODES
from reflect_cli.session import ratings, typed_lines
from reflect_cli.session.prefill import Plan
from reflect_cli.session.snapshot import new_session

#: What the meeting itself adds to a record begun from a plan before its next save (its
#: id, the steps before the questions, who was not there, where earlier commitments
#: stand): a session that leaves less room than this would not be saved at its end.
RUN = record_limits.Room(bytes=64_000, values=4_000)
#: A session id as long as the store makes them, for measuring (``YYYY-MM-DD-slug-hhhh``).
_ID = "2026-01-01-" + "x" * 60 + "-0000"


def fill(session: Session, plan: Plan) -> None:
    """Put the plan's answers, ratings, commitments, notes and intro steps into a new
    session (its roster already set)."""
    for qid, (value, credits) in plan.answers.items():
        record = session.find(qid)
        if record is not None:
            if qid not in plan.ratings:
                record.round = None  # one value for the room: no round was held
            record.answer = value
            text = value if isinstance(value, str) else ""
            record.credits = credits or typed_lines.credits_of(text, session.participants)
    for qid, given in plan.ratings.items():
        record = session.find(qid)
        if record is not None:
            ratings.apply_ratings(record, given, session.participants)
    session.actions.extend(plan.actions)
    session.notes.extend(plan.notes)
    session.intro.update(plan.intro)


def check(plan: Plan, protocol: Protocol, asked: Protocol | None, source: str) -> None:
    """Refuse (InputError, one line) a plan whose session would not be a record reflect
    reads back, with room for the meeting (``RUN``); nothing is written here."""
    date = plan.date or dt.date.today().isoformat()
    trial = new_session(protocol, plan.collaborative or "x", date, asked)
    trial.id = _ID
    trial.site, trial.facilitator = plan.site, plan.facilitator
    trial.participants = list(plan.participants)
    fill(trial, plan)
    data = codec.to_dict(trial)
    problem = record_limits.unreadable(data)
    if problem:
        raise InputError(
            _(
                "{source}: the session it gives would be a record reflect does not read "
                "back ({problem}); nothing was written"
            ).format(source=source, problem=problem)
        )
    left = record_limits.room(codec.dump_dict(data), data)
    if left.bytes < RUN.bytes:
        used = MAX_BYTES - left.bytes
        raise InputError(
            _(
                "{source}: the session it gives would be a record of {used:,} bytes; reflect "
                "reads back records of at most {most:,} (with {left:,} left for the "
                "meeting); nothing was written"
            ).format(source=source, used=used, most=MAX_BYTES, left=RUN.bytes)
        )
    if left.values < RUN.values:
        used = MAX_NODES - left.values
        raise InputError(
            _(
                "{source}: the session it gives would hold {used:,} values; reflect reads "
                "back records of at most {most:,} (with {left:,} left for the meeting); "
                "nothing was written"
            ).format(source=source, used=used, most=MAX_NODES, left=RUN.values)
        )
