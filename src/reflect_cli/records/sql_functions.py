"""Python functions the index's SQL calls, and a Ctrl-C reported as what it is.

SQLite calls a user function from inside a query, and Python's ``sqlite3`` turns
whatever the function raises into ``OperationalError("user-defined function raised
exception")``, a Ctrl-C (``KeyboardInterrupt``) included: a slow ``search --regex``
interrupted ended as "cannot search for that" with status 2, not 130 like every other
command. Every user function is registered through ``Functions.register``, which notes
the Ctrl-C it met; ``Index.query`` calls ``raise_interrupt`` when a query fails, so the
Ctrl-C leaves the query as itself and the CLI's one handler says "interrupted".
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any


class Functions:
    """The user functions of one connection, and the Ctrl-C one of them met."""

    def __init__(self) -> None:
        self.interrupted = False

    def register(self, db: sqlite3.Connection, name: str, body: Callable[[str], Any]) -> None:
        """``body`` callable from SQL as ``name(text)``; a Ctrl-C while it runs ends the
        query and is noted for ``raise_interrupt``."""

        def guarded(text: str) -> Any:
            try:
                return body(text)
            except KeyboardInterrupt:
                self.interrupted = True
                raise  # SQLite stops the query here (as an OperationalError)

        self.interrupted = False
        db.create_function(name, 1, guarded, deterministic=True)

    def raise_interrupt(self) -> None:
        """``KeyboardInterrupt`` if a function met one since it was registered."""
        if self.interrupted:
            self.interrupted = False
            raise KeyboardInterrupt
