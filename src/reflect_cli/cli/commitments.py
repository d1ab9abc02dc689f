"""`reflect commitments`: what partners said they would do, across sessions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated, Any

import typer

from reflect_cli.cli.options import (
    Collaborative,
    Count,
    ProtocolId,
    Since,
    Site,
    Until,
)
from reflect_cli.cli.redacting import (
    IgnoreUnreadable,
    Names,
    PseudonymKey,
    Redacting,
    Strict,
    Words,
    check_options,
)
from reflect_cli.cli.selecting import chosen_sessions
from reflect_cli.i18n.messages import N_, _, current, ngettext
from reflect_cli.ui import screen

if TYPE_CHECKING:
    from reflect_cli.model import Action, Session
    from reflect_cli.records.store import Store
    from reflect_cli.records.summary import Summary
    from reflect_cli.render.export.redact import Redactor
    from reflect_cli.session.history import Standing

Status = Annotated[
    str,
    typer.Option(help=N_("Only 'draft' or 'complete' sessions [default: complete].")),
]


def commitments(
    ctx: typer.Context,
    collaborative: Collaborative = "",
    site: Site = "",
    protocol: ProtocolId = "",
    since: Since = "",
    until: Until = "",
    status: Status = "",
    n: Count = None,
    owner: Annotated[
        str,
        typer.Option(help=N_("Only commitments of this owner: a handle, or words of a name.")),
    ] = "",
    overdue: Annotated[
        bool, typer.Option("--overdue", help=N_("Only those past their due date."))
    ] = False,
    every: Annotated[
        bool, typer.Option("--all", help=N_("Done and dropped ones too, not only open ones."))
    ] = False,
    as_of: Annotated[
        str, typer.Option("--as-of", help=N_("Count lateness as of this date [default: today]."))
    ] = "",
    as_json: Annotated[bool, typer.Option("--json", help=N_("A JSON array, for scripts."))] = False,
    redact: Annotated[
        bool,
        typer.Option(
            help=N_(
                "Replace people, collaboratives, sites and session ids as `export --redact` "
                "does; refused if any name is left."
            )
        ),
    ] = False,
    strict: Strict = False,
    pseudonym_key: PseudonymKey = None,
    name: Names = None,
    word: Words = None,
    ignore_unreadable: IgnoreUnreadable = False,
) -> None:
    """List open commitments across sessions, newest meeting first: owner, due date,
    status, collaborative and the meeting each came from. Only complete sessions count
    unless --status draft; the latest follow-up of each commitment says where it stands.
    --json adds the site, and for a closed one the date and the meeting that closed it;
    --redact shows no one's name (as `export --redact`).
    """
    import json

    from reflect_cli.dates import parse_date
    from reflect_cli.session.history import by_collaborative, overdue_days
    from reflect_cli.session.people import fold, is_named

    today = dt.date.fromisoformat(parse_date(as_of, "--as-of")) if as_of else dt.date.today()
    redact = redact or strict
    check_options(redact, name, word, pseudonym_key)
    store, chosen = chosen_sessions(ctx, complete_only=True)  # the options, read once
    sessions = list(store.read(chosen))
    picked: list[tuple[Standing, int, list[Session]]] = []
    for history in by_collaborative(sessions):
        names = {p.handle: p.name for s in history.sessions for p in s.participants}
        for standing in history.standings().values():
            action = standing.action
            late = overdue_days(action.due, today) if action.is_open else 0
            if not (every or action.is_open) or (overdue and not late):
                continue
            if not is_named(owner, action.owner, names.get(action.owner, action.owner)):
                continue
            picked.append((standing, late, history.sessions))
    shown = (
        _redacted(
            store,
            chosen,
            sessions,
            # Labels in the table's language (the reader's); JSON keeps English ones.
            Redacting(
                name,
                word,
                pseudonym_key,
                False,
                ignore_unreadable,
                strict,
                "" if as_json else current(),
                stable_sessions=as_json,  # JSON is data: joined on session ids
            ),
        )
        if redact
        else _Shown(sessions, sessions)
    )
    rows = [_row(shown, standing, late, met) for standing, late, met in picked]
    rows.sort(key=lambda r: (r["from_date"], r["from"], r["due"]), reverse=True)
    if shown.redactor is not None:  # nothing is printed while a name is left
        plain = "\n".join(" · ".join(str(v) for v in row.values()) for row in rows)
        shown.redactor.check(plain, "json" if as_json else "table")
    if as_json:
        from reflect_cli.controls import json_safe

        screen.data(json_safe(json.dumps(rows, ensure_ascii=False, indent=2)), "\n")
        return
    if not rows:
        what = _("overdue commitments") if overdue else _("open commitments")
        screen.message(_("no {what} in {folder}").format(what=what, folder=store.folder.resolve()))
        return
    from reflect_cli.ui import terminal

    several = len({fold(r["collaborative"]) for r in rows}) > 1
    table = [
        [
            r["due"]
            + (
                "\n" + _("{days} d late").format(days=r["overdue_days"])
                if r["overdue_days"]
                else ""
            ),
            r["from_date"],
            r["owner_name"],
            r["text"] + (f" ({r['note']})" if r["note"] else ""),
            _(r["status"]),  # stored in English
            *([r["collaborative"]] if several else []),
        ]
        for r in rows
    ]
    headers = [_("due"), _("from"), _("owner"), _("commitment"), _("status")]
    headers += [_("collaborative")] if several else []
    if several:
        caption = ngettext(
            "{count} commitment in {folder}", "{count} commitments in {folder}", len(rows)
        ).format(count=len(rows), folder=store.folder)
    else:
        caption = ngettext(
            "{count} commitment of {collaborative} in {folder}",
            "{count} commitments of {collaborative} in {folder}",
            len(rows),
        ).format(count=len(rows), collaborative=rows[0]["collaborative"], folder=store.folder)
    terminal.table(headers, table, caption=caption, keep=2)


@dataclass
class _Shown:
    """The sessions as read and as shown (redacted, or the same): a commitment found in
    one is shown from the same place in the other."""

    read: list[Session]
    shown: list[Session]
    redactor: Redactor | None = None
    _places: dict[int, tuple[int, str, int]] = field(default_factory=dict)
    _sessions: dict[int, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for number, session in enumerate(self.read):
            self._sessions[id(session)] = number
            for kind in ("follow_up", "actions"):
                for place, action in enumerate(getattr(session, kind)):
                    self._places[id(action)] = (number, kind, place)

    def session(self, session: Session) -> Session:
        return self.shown[self._sessions[id(session)]]

    def action(self, action: Action) -> Action:
        number, kind, place = self._places[id(action)]
        found: Action = getattr(self.shown[number], kind)[place]
        return found


def _redacted(
    store: Store,
    chosen: list[Summary],
    sessions: list[Session],
    asked: Redacting,
) -> _Shown:
    """The sessions beside the view `export --redact` makes of what a listing shows of
    them (``committed``: places, people and commitments through the export's allow-list,
    then the redactor; the folder's decisions on everyday words, and this run's, obeyed),
    with the redactor that checks what is printed."""
    from reflect_cli.render.export.prepare import committed

    redactor = asked.redactor(store, list(reversed(chosen)))
    redacted = [committed(session, redactor) for session in sessions]
    redactor.stop_if_undecided()  # as `export --redact`: decided with --name/--word
    screen.message(redactor.statement())
    return _Shown(sessions, redacted, redactor)


def _row(shown: _Shown, standing: Standing, late: int, met: list[Session]) -> dict[str, Any]:
    """One commitment as `--json` gives it, from the sessions as shown."""
    action, origin = shown.action(standing.action), shown.session(standing.made_in)
    closed = shown.session(standing.closed_in) if standing.closed_in else None
    names = {p.handle: p.name for s in met for p in shown.session(s).participants}
    return {
        "text": action.text,
        "owner": action.owner,
        "owner_name": names.get(action.owner, action.owner),
        "due": action.due,
        "overdue_days": late,
        "status": str(action.status),
        "note": action.note,
        "collaborative": origin.collaborative,
        "site": origin.site,
        "from": origin.id,
        "from_date": origin.date,
        # null, not "", when still open: a reader (DuckDB, pandas) then types it a date
        "closed_on": closed.date if closed else None,
        "closed_in": closed.id if closed else None,
    }
