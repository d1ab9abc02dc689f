"""`reflect codes report`: what the coding says, counted over the chosen sessions, in
the terminal, as JSON or CSV; with ``--redact`` its excerpts through the export's
redactor and checked as every export is."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Annotated

import typer

from reflect_cli.cli.coding import Question
from reflect_cli.cli.options import (
    Collaborative,
    Ids,
    ProtocolId,
    Since,
    Site,
    Until,
    sessions_dir,
)
from reflect_cli.cli.redacting import (
    IgnoreUnreadable,
    Names,
    PseudonymKey,
    Redacting,
    Words,
    check_options,
)
from reflect_cli.cli.selecting import bulk, chosen_sessions
from reflect_cli.i18n.messages import N_, _, ngettext
from reflect_cli.ui import screen

if TYPE_CHECKING:
    pass


def report(
    ctx: typer.Context,
    ids: Ids = None,
    coder: Annotated[
        list[str] | None,
        typer.Option("--coder", help=N_("Only these coders' codings [default: every coder].")),
    ] = None,
    question: Question = "",
    by: Annotated[
        str, typer.Option(help=N_("Periods: school-year, year or quarter."))
    ] = "school-year",
    excerpts: Annotated[int, typer.Option(help=N_("Excerpts shown per code."), min=0)] = 3,
    as_json: Annotated[bool, typer.Option("--json", help=N_("JSON, for scripts."))] = False,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help=N_("csv: the counts as one long table."))
    ] = "",
    redact: Annotated[
        bool,
        typer.Option(
            help=N_(
                "Excerpts with names, handles and places replaced (stable pseudonyms from "
                "your key); session ids as session-CODE."
            )
        ),
    ] = False,
    pseudonym_key: PseudonymKey = None,
    everyday_names: Names = None,
    everyday_words: Words = None,
    ignore_unreadable: IgnoreUnreadable = False,
    collaborative: Collaborative = "",
    site: Site = "",
    protocol: ProtocolId = "",
    since: Since = "",
    until: Until = "",
) -> None:
    """What the coding says: passages and partnerships per code, per period, per site,
    per sector (the speaker's) and per question; codes given together; excerpts; and, with two
    coders or more, their agreement (Cohen's kappa per code, Krippendorff's alpha
    overall) with the passages where they differ."""
    from reflect_cli.analysis.periods import By
    from reflect_cli.coding import codebook, codings, passages
    from reflect_cli.coding import report as reporting
    from reflect_cli.errors import InputError
    from reflect_cli.render.coding import report_out
    from reflect_cli.render.coding.shown import Shown

    check_options(redact, everyday_names, everyday_words, pseudonym_key)
    if fmt and fmt != "csv":
        raise InputError(_("unknown format {fmt!r}; the report is csv (or --json)").format(fmt=fmt))
    periods = {b.value: b for b in By}
    if by not in periods:
        raise InputError(
            _("--by {by!r}: one of {periods}").format(by=by, periods=", ".join(periods))
        )
    folder = sessions_dir(ctx)
    book = codebook.load(folder)
    names = [codings.check_coder(c) for c in coder or codings.coders(folder)]
    store, chosen = chosen_sessions(ctx, limit=False, complete_only=True)
    oldest_first = list(reversed(chosen))
    with bulk():
        found = passages.of_sessions(store.read(oldest_first), question.strip())
    by_coder = {}
    for name in names:
        placed = codings.anchor(codings.load(folder, name).all(), found)
        if placed.lost:
            screen.warning(
                ngettext(
                    "{count} coding of {name} no longer matches its text (first: {address}); "
                    "not counted",
                    "{count} codings of {name} no longer match their text (first: {address}); "
                    "not counted",
                    len(placed.lost),
                ).format(count=len(placed.lost), name=name, address=placed.lost[0].address)
            )
        by_coder[name] = placed.placed
    result = reporting.report(found, by_coder, book, periods[by], excerpts)
    if result.not_in_codebook:
        screen.warning(
            _(
                "codings give codes not in {file}: {codes}; counted under their "
                "ids (`reflect codes add` puts one back, `reflect code --code ID` "
                "recodes its passages)"
            ).format(file=codebook.FILE, codes=", ".join(result.not_in_codebook))
        )
    asked = Redacting(
        everyday_names, everyday_words, pseudonym_key, False, ignore_unreadable, False
    )
    shown = Shown(asked.redactor(store, oldest_first) if redact else None)
    document = report_out.to_json(result, shown)
    if shown.redactor is not None:
        shown.redactor.stop_if_undecided()
        # Checked as every export is: against the same report with nothing people said.
        static = report_out.to_json(replace(result, excerpts=[]), shown)
        shown.redactor.check(document, "coding report", static)
        screen.message(shown.statement())
    if fmt == "csv":
        screen.data(report_out.to_csv(result, shown), crlf=True)
    elif as_json:
        screen.data(document)
    else:
        from reflect_cli.ui import coding_view

        coding_view.show(result, book, shown)
