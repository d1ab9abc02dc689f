"""Which sessions a command works on: ids, filters and a count, shared by every command."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reflect_cli.dates import parse_date
from reflect_cli.errors import InputError
from reflect_cli.model import SESSION_STATUSES
from reflect_cli.records.store import Store, newest_first


@dataclass
class Selection:
    """Ids (unique prefixes, or ``last``) and filters; everything when nothing is given."""

    ids: list[str] = field(default_factory=list)
    collaborative: str = ""
    site: str = ""
    protocol: str = ""
    since: str = ""
    until: str = ""
    status: str = ""
    limit: int | None = None

    def __post_init__(self) -> None:
        for name in ("since", "until"):
            value = getattr(self, name)
            if value:  # normalised: dates compare as YYYY-MM-DD text
                setattr(self, name, parse_date(value, f"--{name}"))
        if self.status and self.status not in SESSION_STATUSES:
            raise InputError(f"--status: {' or '.join(SESSION_STATUSES)}, not {self.status!r}")
        if self.limit is not None and self.limit < 1:
            raise InputError("-n: a number of sessions, 1 or more")

    def matches(self, summary: dict[str, Any]) -> bool:
        """Whether a session summary passes every filter."""
        date = str(summary["date"])
        return (
            (
                not self.collaborative
                or self.collaborative.casefold() in str(summary["collaborative"]).casefold()
            )
            and (not self.site or self.site.casefold() in str(summary["site"]).casefold())
            and (not self.protocol or summary["protocol"] == self.protocol)
            and (not self.since or date >= self.since)
            and (not self.until or date <= self.until)
            and (not self.status or summary["status"] == self.status)
        )

    def apply(self, store: Store, summaries: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The chosen summaries, newest first."""
        if self.ids:
            chosen: dict[str, dict[str, Any]] = {}
            for ref in self.ids:
                found = store.resolve(ref, summaries)
                chosen[found["id"]] = found
            pool = list(chosen.values())
        else:
            pool = summaries
        picked = newest_first([s for s in pool if self.matches(s)])
        return picked[: self.limit] if self.limit else picked
