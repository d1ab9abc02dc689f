"""Make sessions ready to share: private notes out, people and places out when redacting."""

from __future__ import annotations

from reflect_cli.model import Session
from reflect_cli.render.export.base import Options
from reflect_cli.render.export.redact import Redactor


def prepare(session: Session, options: Options, redactor: Redactor | None = None) -> Session:
    """The session made ready to share, as the options say; changes it in place (export
    works on sessions freshly read for it)."""
    if not options.include_private:
        session.notes = []
    if redactor is not None:
        redactor.session(session)
    return session
