"""Which sessions a command works on: ids, filters and a count, shared by every command."""

from __future__ import annotations

from dataclasses import dataclass, field

from reflect_cli.dates import parse_date
from reflect_cli.errors import InputError
from reflect_cli.i18n.messages import _
from reflect_cli.model import SESSION_STATUSES
from reflect_cli.records.store import Store, newest_first
from reflect_cli.records.summary import Summary

#: An ``-n`` above this is every session (SQLite counts to 2**63 - 1 only: a larger
#: number typed would overflow where it is used).
EVERY = 10**12


@dataclass
class Selection:
    """Ids (unique prefixes, file names, or ``last``) and filters; everything when nothing
    is given."""

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
            raise InputError(
                _("--status: {statuses}, not {status!r}").format(
                    statuses=" or ".join(SESSION_STATUSES), status=self.status
                )
            )
        if self.limit is not None and self.limit < 1:
            raise InputError(_("-n: a number of sessions, 1 or more"))
        if self.limit is not None and self.limit > EVERY:
            self.limit = None  # more than any folder holds: every session

    def matches(self, summary: Summary) -> bool:
        """Whether a session summary passes every filter."""
        date = summary.date
        return (
            (
                not self.collaborative
                or self.collaborative.casefold() in summary.collaborative.casefold()
            )
            and (not self.site or self.site.casefold() in summary.site.casefold())
            and (not self.protocol or summary.protocol == self.protocol)
            and (not self.since or date >= self.since)
            and (not self.until or date <= self.until)
            and (not self.status or summary.status == self.status)
        )

    def where(self) -> tuple[str, list[object]]:
        """The filters as SQL over the index's files table (see records/index.py)."""
        clauses: list[str] = []
        params: list[object] = []
        for column, value in (("collaborative_key", self.collaborative), ("site_key", self.site)):
            if value:
                clauses.append(f"instr({column}, ?) > 0")
                params.append(value.casefold())
        for sql, value in (
            ("protocol = ?", self.protocol),
            ("date >= ?", self.since),
            ("date <= ?", self.until),
            ("status = ?", self.status),
        ):
            if value:
                clauses.append(sql)
                params.append(value)
        return "".join(f" AND {c}" for c in clauses), params

    def apply(self, store: Store) -> list[Summary]:
        """The chosen sessions, newest first; with no ids, only the rows asked for are read."""
        from reflect_cli.records import lookup

        if not self.ids:
            where, params = self.where()
            return lookup.summaries(store.index(), where, params, self.limit)
        chosen: dict[str, Summary] = {}
        for ref in self.ids:
            found = store.resolve(ref)
            chosen[found.file] = found
        picked = newest_first(s for s in chosen.values() if self.matches(s))
        return picked[: self.limit] if self.limit else picked
