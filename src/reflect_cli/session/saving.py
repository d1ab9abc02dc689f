"""Saving a session: the record, then its Markdown rendering beside it.

The store knows records; what is rendered beside them is the session layer's choice,
so the store never imports a renderer.
"""

from __future__ import annotations

from reflect_cli.model import Session
from reflect_cli.records.store import Store
from reflect_cli.render.markdown import render_session


def create(store: Store, session: Session) -> Session:
    """Give a new session its id and write its first record and Markdown."""
    store.create(session)
    store.write_beside(session.id, ".md", render_session(session))
    return session


def save(store: Store, session: Session) -> None:
    """Save the record and, when it changed, the Markdown beside it."""
    if store.save(session):
        store.write_beside(session.id, ".md", render_session(session))
