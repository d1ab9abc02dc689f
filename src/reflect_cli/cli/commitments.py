"""`reflect commitments`: what partners said they would do, across sessions."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import typer

from reflect_cli.cli.options import (
    Collaborative,
    Count,
    ProtocolId,
    Since,
    Site,
    Until,
    plural,
)
from reflect_cli.cli.selecting import chosen_sessions
from reflect_cli.ui import screen

Status = Annotated[
    str,
    typer.Option(help="Only 'draft' or 'complete' sessions [default: complete]."),
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
        typer.Option(help="Only commitments of this owner: a handle, or words of a name."),
    ] = "",
    overdue: Annotated[
        bool, typer.Option("--overdue", help="Only those past their due date.")
    ] = False,
    every: Annotated[
        bool, typer.Option("--all", help="Done and dropped ones too, not only open ones.")
    ] = False,
    as_of: Annotated[
        str, typer.Option("--as-of", help="Count lateness as of this date [default: today].")
    ] = "",
    as_json: Annotated[bool, typer.Option("--json", help="A JSON array, for scripts.")] = False,
) -> None:
    """List open commitments across sessions, newest meeting first: owner, due date,
    status, collaborative and the meeting each came from. Only complete sessions count
    unless --status draft; the latest follow-up of each commitment says where it stands.
    """
    import json

    from reflect_cli.dates import parse_date
    from reflect_cli.session.history import by_collaborative, overdue_days
    from reflect_cli.session.people import fold, is_named

    today = dt.date.fromisoformat(parse_date(as_of, "--as-of")) if as_of else dt.date.today()
    store, chosen = chosen_sessions(ctx, complete_only=True)  # the options, read once
    rows: list[dict[str, Any]] = []
    for history in by_collaborative(list(store.read(chosen))):
        names = {p.handle: p.name for s in history.sessions for p in s.participants}
        for action, origin in history.commitments():
            late = overdue_days(action.due, today) if action.is_open else 0
            name = names.get(action.owner, action.owner)
            if not (every or action.is_open) or (overdue and not late):
                continue
            if not is_named(owner, action.owner, name):
                continue
            rows.append(
                {
                    "text": action.text,
                    "owner": action.owner,
                    "owner_name": name,
                    "due": action.due,
                    "overdue_days": late,
                    "status": str(action.status),
                    "note": action.note,
                    "collaborative": origin.collaborative,
                    "from": origin.id,
                    "from_date": origin.date,
                }
            )
    rows.sort(key=lambda r: (r["from_date"], r["from"], r["due"]), reverse=True)
    if as_json:
        from reflect_cli.controls import json_safe

        screen.data(json_safe(json.dumps(rows, ensure_ascii=False, indent=2)), "\n")
        return
    if not rows:
        what = "overdue commitments" if overdue else "open commitments"
        screen.message(f"no {what} in {store.folder.resolve()}")
        return
    from reflect_cli.ui import terminal

    several = len({fold(r["collaborative"]) for r in rows}) > 1
    table = [
        [
            r["due"] + (f"\n{r['overdue_days']} d late" if r["overdue_days"] else ""),
            r["from_date"],
            r["owner_name"],
            r["text"] + (f" ({r['note']})" if r["note"] else ""),
            r["status"],
            *([r["collaborative"]] if several else []),
        ]
        for r in rows
    ]
    headers = ["due", "from", "owner", "commitment", "status"]
    headers += ["collaborative"] if several else []
    where = "" if several else f" of {rows[0]['collaborative']}"
    caption = f"{plural(len(rows), 'commitment')}{where} in {store.folder}"
    terminal.table(headers, table, caption=caption, keep=2)
