"""Saving a session: the record, then its Markdown rendering beside it.

The store knows records; what is rendered beside them is the session layer's choice,
so the store never imports a renderer.
"""

from __future__ import annotations

from pathlib import Path

from reflect_cli.model import Session
from reflect_cli.records.store import Store
from reflect_cli.render.markdown import render_session


def create(store: Store, session: Session) -> Session:
    """Give a new session its id and write its first record and Markdown."""
    store.create(session)
    store.write_beside(store.path(session.id).with_suffix(".md"), render_session(session))
    return session


def save(store: Store, session: Session, path: Path | None = None) -> None:
    """Save the record (at ``path``, else ``<id>.yaml``) and, when it changed, the Markdown
    beside it."""
    if store.save(session, path):
        where = (path or store.path(session.id)).with_suffix(".md")  # beside its record
        store.write_beside(where, render_session(session))
