"""The session's clock for the progress header: minutes since the session began today,
and a domain's minutes against the protocol's plan (its optional ``minutes:``)."""

from __future__ import annotations

import datetime as dt
import time

from reflect_cli.i18n.messages import _


class Clock:
    """Elapsed time of one sitting; a session resumed on another day counts from then."""

    def __init__(self, started: str) -> None:
        self.began = time.monotonic() - _since(started)
        #: Minutes planned per domain id (the protocol's optional ``minutes:``).
        self.planned: dict[str, int] = {}
        self._domain_began: dict[str, float] = {}

    def elapsed(self, domain: str = "") -> str:
        """``12 min`` (``1 h 05 min``); with ``· this domain 3 of 10 min`` when the
        protocol plans the domain's minutes."""
        minutes = int(time.monotonic() - self.began) // 60
        shown = (
            _("{minutes} min").format(minutes=minutes)
            if minutes < 60
            else _("{hours} h {minutes} min").format(
                hours=minutes // 60, minutes=f"{minutes % 60:02d}"
            )
        )
        planned = self.planned.get(domain)
        if planned:
            began = self._domain_began.setdefault(domain, time.monotonic())
            shown += _(" · this domain {minutes} of {planned} min").format(
                minutes=int(time.monotonic() - began) // 60, planned=planned
            )
        return shown


def _since(started: str) -> float:
    """Seconds since a session started, when that was earlier today; else 0 (a session
    resumed on another day counts from the resume)."""
    try:
        then = dt.datetime.fromisoformat(started)
    except ValueError:
        return 0.0
    now = dt.datetime.now().astimezone()
    if then.tzinfo is None or then.date() != now.date():
        return 0.0
    return max(0.0, (now - then).total_seconds())
