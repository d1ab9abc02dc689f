"""`reflect trends`: how answers move across school years (years, quarters)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Annotated

import typer

from reflect_cli.cli.options import Collaborative, ProtocolId, Since, Site, Until
from reflect_cli.cli.redacting import (
    IgnoreUnreadable,
    KeepPlaces,
    Names,
    PseudonymKey,
    Redacting,
    Strict,
    Words,
    check_options,
)
from reflect_cli.cli.selecting import open_store, selection
from reflect_cli.i18n.messages import N_, _, current, ngettext
from reflect_cli.ui import screen

if TYPE_CHECKING:
    from reflect_cli.analysis.commitments import Kept
    from reflect_cli.analysis.periods import By, Per, Period
    from reflect_cli.analysis.trends import Report
    from reflect_cli.records.store import Store
    from reflect_cli.records.summary import Summary
    from reflect_cli.render.export import Redactor


def trends(
    ctx: typer.Context,
    question_ids: Annotated[
        list[str] | None,
        typer.Argument(
            help=N_("Question ids [default: every choice, multi, yes-no and scale question]."),
            show_default=False,
        ),
    ] = None,
    collaborative: Collaborative = "",
    site: Site = "",
    protocol: ProtocolId = "",
    since: Since = "",
    until: Until = "",
    by: Annotated[
        str, typer.Option("--by", help=N_("school-year, year or quarter."))
    ] = "school-year",
    per: Annotated[
        str,
        typer.Option(
            "--per",
            help=N_(
                "partnership (its latest complete session in each period) or session "
                "(every complete session)."
            ),
        ),
    ] = "partnership",
    year_starts: Annotated[
        str, typer.Option("--year-starts", help=N_("The month a school year starts in."))
    ] = "August",
    as_of: Annotated[
        str, typer.Option("--as-of", help=N_("Overdue as of this date [default: today]."))
    ] = "",
    commitments: Annotated[
        bool, typer.Option("--commitments", help=N_("Only the commitments kept per partnership."))
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help=N_("JSON, for scripts."))] = False,
    fmt: Annotated[
        str,
        typer.Option(
            "--format", "-f", help=N_("table, json or csv [default: table]."), show_default=False
        ),
    ] = "table",
    redact: Annotated[
        bool,
        typer.Option(
            help=N_(
                'Show every collaborative and site by its label ("Collaborative Q9X2"), '
                "organizations and people as `export --redact` shows them with the same key "
                '("Session 1" for a session id); refused if any name is left.'
            )
        ),
    ] = False,
    strict: Strict = False,
    pseudonym_key: PseudonymKey = None,
    keep_places: KeepPlaces = False,
    name: Names = None,
    word: Words = None,
    ignore_unreadable: IgnoreUnreadable = False,
) -> None:
    """Trends across periods for the evaluator, over complete sessions only: for each
    choice, multi and yes-no question, counts and percentages of the sessions that
    answered it (skipped ones apart) per period; for each scale, n, median, quartiles
    and their spread per period and per sector, and the rounds where partners see it
    differently; the transitions of each partnership's choice from one period to the
    next; and the commitments made, kept, kept on time and overdue per partnership.
    A partnership counts once per period, by its latest complete session there
    (--per session counts every session). A tie is shown as a tie. With --redact, every
    partnership, organization and person shown is the label `export --redact` gives it
    with the same pseudonym key."""
    import datetime as dt

    from reflect_cli.analysis.periods import By, Per, month_of
    from reflect_cli.dates import parse_date
    from reflect_cli.errors import InputError

    redact = redact or strict
    check_options(redact, name, word, pseudonym_key)
    chosen_format = "json" if as_json else fmt
    # Labels in the tables people read are in their language; JSON and CSV keep English.
    labels_in = current() if chosen_format == "table" else ""
    redacting = Redacting(
        name, word, pseudonym_key, keep_places, ignore_unreadable, strict, labels_in,
        stable_sessions=chosen_format != "table",
    )  # fmt: skip
    if chosen_format not in ("table", "json", "csv"):
        raise InputError(_("--format: table, json or csv, not {fmt!r}").format(fmt=fmt))
    if by not in set(By):
        raise InputError(_("--by: school-year, year or quarter, not {by!r}").format(by=by))
    if per not in set(Per):
        raise InputError(_("--per: partnership or session, not {per!r}").format(per=per))
    grouping, counting = By(by), Per(per)
    start_month = month_of(year_starts)
    today = parse_date(as_of, "--as-of") if as_of else dt.date.today().isoformat()
    report, redactor = _report(
        ctx,
        question_ids or [],
        (grouping, counting, start_month),
        today,
        commitments,
        redacting if redact else None,
    )
    if redactor is not None:
        _check(report, redactor)
        screen.message(redactor.statement())
    if chosen_format == "table":
        from reflect_cli.ui import trends_view

        _in_reader_s_words(report)
        trends_view.show(report)
        return
    from reflect_cli.analysis import trends_data
    from reflect_cli.controls import json_safe

    if chosen_format == "json":
        import json

        text = json.dumps(trends_data.as_json(report), ensure_ascii=False, indent=2)
        screen.data(json_safe(text), "\n")
    else:
        screen.data(trends_data.csv_lines(report), crlf=True)


def _report(
    ctx: typer.Context,
    question_ids: list[str],
    periods: tuple[By, Per, int],
    as_of: str,
    commitments_only: bool,
    redacting: Redacting | None,
) -> tuple[Report, Redactor | None]:
    """The report over the chosen complete sessions: their summaries from the index, the
    commitments from its table, and only the sessions a period counts read in full.
    Redacted, every session is counted as `export --redact` shows it (``counted``) and
    each partnership's commitments are shown by its label, in the labels' order."""

    from reflect_cli.analysis import commitments, trends
    from reflect_cli.analysis.periods import By, Per, partnership_key, sessions_by_period
    from reflect_cli.model import SessionStatus
    from reflect_cli.records import lookup

    by, per, start_month = periods
    store = open_store(ctx)
    chosen = selection(ctx, limit=False)
    chosen.status = SessionStatus.COMPLETE  # a draft is never a partnership's state
    summaries = chosen.apply(store)
    if not summaries:  # as `snapshot`: zeros would read as a finding, not as no data
        from reflect_cli.errors import StoreError

        raise StoreError(
            _("no complete sessions match in {folder}").format(folder=store.folder.absolute())
        )
    redactor = redacting.redactor(store, summaries[::-1]) if redacting else None

    def group(kind: Per) -> dict[Period, list[Summary]]:
        return sessions_by_period(summaries, by, kind, start_month)

    latest = group(Per.PARTNERSHIP)
    counted = latest if per is Per.PARTNERSHIP else group(Per.SESSION)
    what = (
        _("each partnership's latest complete session")
        if per is Per.PARTNERSHIP
        else _("every complete session")
    )
    partnerships = len({partnership_key(s.collaborative) for s in summaries})
    grouped = {
        By.SCHOOL_YEAR: _("by school year"),
        By.YEAR: _("by year"),
        By.QUARTER: _("by quarter"),
    }
    # Each count its own plural ("1 partnership, 2 complete sessions").
    counted_partnerships = ngettext(
        "{count} partnership", "{count} partnerships", partnerships
    ).format(count=partnerships)
    counted_sessions = ngettext(
        "{count} complete session", "{count} complete sessions", len(summaries)
    ).format(count=len(summaries))
    caption = _("{partnerships}, {sessions}; {grouped}, counting {what} in each").format(
        partnerships=counted_partnerships, sessions=counted_sessions, grouped=grouped[by], what=what
    )
    report = trends.Report(caption, as_of=as_of)
    if commitments_only or not question_ids:
        rows = lookup.commitment_rows(store.index(), [s.file for s in summaries])
        report.commitments = commitments.kept(commitments.entries(rows), as_of)
        if redactor is not None:
            report.commitments = _labelled(report.commitments, redactor)
    if not commitments_only:
        _questions(store, summaries, report, question_ids, (counted, latest), redactor)
    if redactor is not None:
        redactor.stop_if_undecided()  # as `export --redact`: decided with --name/--word
    return report, redactor


def _questions(
    store: Store,
    summaries: list[Summary],
    report: Report,
    question_ids: list[str],
    grouped: tuple[dict[Period, list[Summary]], dict[Period, list[Summary]]],
    redactor: Redactor | None,
) -> None:
    """Each question's trend over the sessions ``grouped`` counts (and each partnership's
    latest), of ``summaries`` read in full; redacted first when ``redactor`` is given."""
    from reflect_cli.analysis import trends
    from reflect_cli.errors import InputError
    from reflect_cli.model import Kind

    counted, latest = grouped
    wanted = {s.file for period in (*counted.values(), *latest.values()) for s in period}
    needed = [s for s in summaries if s.file in wanted]
    sessions = store.read(needed)
    if redactor is not None:
        # Imported only when redacting: the export's package costs a plain rollup ~0.05 s.
        from reflect_cli.render.export.prepare import counted as redacted

        sessions = (redacted(session, redactor) for session in sessions)
    by_file = {s.file: session for s, session in zip(needed, sessions, strict=True)}
    sessions_counted = {p: [by_file[s.file] for s in v] for p, v in counted.items()}
    sessions_latest = {p: [by_file[s.file] for s in v] for p, v in latest.items()}
    for question_id in question_ids or trends.question_ids(by_file.values()):
        found = trends.trend(question_id, sessions_counted, sessions_latest)
        if found is None:
            raise InputError(
                _("no session in the selection asked a question {question_id!r}").format(
                    question_id=question_id
                )
            )
        if found.kind is Kind.TEXT:  # asked and answered, but nothing there to count
            raise InputError(
                _(
                    "{question} is a text question: trends counts choice, multi, yes-no and "
                    "scale questions; read its answers with `reflect search --question "
                    "{question_id}`"
                ).format(question=repr(question_id), question_id=question_id)
            )
        report.questions.append(found)


def _check(report: Report, redactor: Redactor) -> None:
    """Refuse the report if any name is left, as `export --redact` refuses a document:
    every text any format shows is in its JSON (the table draws the same fields)."""
    import json

    from reflect_cli.analysis import trends_data

    shown = json.dumps(trends_data.as_json(report), ensure_ascii=False, indent=2)
    redactor.check(shown, "trends")


def _labelled(kept: list[Kept], redactor: Redactor) -> list[Kept]:
    """Each partnership's commitments under its label, in the labels' order: the order of
    the names would say something of them."""
    shown = [replace(k, collaborative=redactor.place_label(k.collaborative)) for k in kept]
    return sorted(shown, key=lambda k: k.collaborative.casefold())


def _in_reader_s_words(report: Report) -> None:
    """Each question's prompt and option labels in the reader's language where its
    protocol has a translation, for the table only: JSON and CSV keep the protocol's."""
    from reflect_cli.render.language import question_in_language

    reader = current()
    for question in report.questions:
        both = question_in_language(question.protocol, question.id, reader)
        if both is None:
            continue
        original, shown = both
        if original.prompt != question.prompt:
            continue  # the protocol changed since: its translation is of another text
        question.shown_prompt = shown.prompt
        question.shown_labels = {
            a.label: b.label for a, b in zip(original.choices, shown.choices, strict=False)
        }
        if not shown.choices:  # yes-or-no: the program's own words
            question.shown_labels = {"Yes": _("Yes"), "No": _("No")}
