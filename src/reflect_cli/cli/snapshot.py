"""`reflect snapshot`: one printed page of figures for a school year, redacted."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from reflect_cli.cli.options import Collaborative, Lang, ProtocolId, Since, Site, Until, language
from reflect_cli.cli.redacting import (
    IgnoreUnreadableAlways,
    KeyAlways,
    NamesAlways,
    Redacting,
    WordsAlways,
)
from reflect_cli.cli.selecting import bulk, open_store, selection
from reflect_cli.i18n.messages import N_, _
from reflect_cli.ui import screen

if TYPE_CHECKING:
    from reflect_cli.analysis.periods import Period
    from reflect_cli.analysis.snapshot import Quote, Snapshot
    from reflect_cli.model import Session
    from reflect_cli.records.store import Store
    from reflect_cli.records.summary import Summary
    from reflect_cli.render.export import Redactor

#: The largest --min-cell: more partnerships than any evaluation follows.
MOST_MIN_CELL = 1000  # said in --min-cell's help as 1,000

#: The quotes one Letter page has room for beside the figures, and each one's length:
#: a longer answer is cut at a word and marked " […]" (docs/evaluation.md says so).
MOST_QUOTES = 3
QUOTE_CHARS = 240

SUFFIXES = {".pdf": "pdf", ".html": "html", ".htm": "html", ".md": "md", ".markdown": "md"}


def snapshot(
    ctx: typer.Context,
    output: Annotated[
        Path, typer.Option("-o", "--output", help=N_("The page: FILE.pdf, FILE.html or FILE.md."))
    ],
    period: Annotated[
        str,
        typer.Option(
            "--period", help=N_("The school year (2025-26) [default: the latest with a session].")
        ),
    ] = "",
    min_cell_text: Annotated[
        str,
        typer.Option(
            "--min-cell",
            metavar="N",
            help=N_(
                'Show a count of fewer than this many partnerships as "fewer than N" (3 to '
                "1,000; 1 shows every count) [default: 3]."
            ),
            show_default=False,
        ),
    ] = "3",
    quote: Annotated[
        list[str] | None,
        typer.Option(
            "--quote",
            metavar="SESSION:QUESTION",
            help=N_(
                "Print this session's answer to this question (a session id or unique "
                "prefix, a question id), redacted (repeatable)."
            ),
        ),
    ] = None,
    year_starts: Annotated[
        str, typer.Option("--year-starts", help=N_("The month a school year starts in."))
    ] = "August",
    as_of: Annotated[
        str, typer.Option("--as-of", help=N_("Commitments as of this date [default: today]."))
    ] = "",
    force: Annotated[bool, typer.Option(help=N_("Overwrite the -o file if it exists."))] = False,
    browser: Annotated[
        str | None,
        typer.Option(help=N_("PDF: the Chromium or Chrome to print with [default: on PATH].")),
    ] = None,
    pseudonym_key: KeyAlways = None,
    name: NamesAlways = None,
    word: WordsAlways = None,
    ignore_unreadable: IgnoreUnreadableAlways = False,
    lang: Lang = "",
    collaborative: Collaborative = "",
    site: Site = "",
    protocol: ProtocolId = "",
    since: Since = "",
    until: Until = "",
) -> None:
    """One page of figures for a school year, to print and share: how many partnerships
    at how many sites, the sessions held, the types of partnership and how they moved
    since the year before, the hallmarks' medians and spread, the helping and hindering
    factors named most, and the commitments kept; optionally answers picked with --quote.

    Always redacted (no person, collaborative or site named; the page is checked after
    rendering and refused if one is left). A count of fewer than --min-cell partnerships
    is shown as "fewer than 3", never the number, nor a count that would give it away.
    Labels carry the codes of your pseudonym key, as `export --redact` does with the
    same key. Complete sessions only; a partnership counts once, by its latest session
    in the year."""
    import datetime as dt

    from reflect_cli.analysis.periods import By, month_of, parse_period
    from reflect_cli.dates import parse_date
    from reflect_cli.errors import InputError
    from reflect_cli.records.output import check_output, write_output

    reader = language(lang)
    fmt = SUFFIXES.get(output.suffix.lower())
    if fmt is None:
        raise InputError(
            _("{file}: the page is FILE.pdf, FILE.html or FILE.md").format(file=output.name)
        )
    from reflect_cli.numbers import option_number

    min_cell = option_number(min_cell_text, "--min-cell", 1, MOST_MIN_CELL)
    if min_cell == 2:
        raise InputError(
            _('--min-cell: 3 or more (or 1 to show every count): "fewer than 2" could only be 1')
        )
    if len(quote or []) > MOST_QUOTES:
        raise InputError(
            _("--quote: one page has room for {most} quotes, not {count}").format(
                most=MOST_QUOTES, count=len(quote or [])
            )
        )
    check_output(output, force=force)
    start_month = month_of(year_starts)
    chosen = parse_period(period, By.SCHOOL_YEAR, start_month) if period else None
    today = parse_date(as_of, "--as-of") if as_of else dt.date.today().isoformat()
    printer = None
    if fmt == "pdf":
        from reflect_cli.render.export import pdf

        printer = pdf.find_browser(browser)  # before any reading: fail fast
    with bulk():
        # The evaluator's key and decisions, as `export --redact` takes them: a label
        # here is the same label; labels in the reader's language.
        asked = Redacting(name, word, pseudonym_key, False, ignore_unreadable, False, reader)
        document = _page(ctx, chosen, start_month, today, min_cell, quote or [], fmt, asked)
    if printer is not None:
        from reflect_cli.cli.options import sessions_dir
        from reflect_cli.render.export import pdf

        printed = pdf.print_pdf(document, printer, sessions_dir(ctx))
        if quote and pdf.pages(printed) > 1:  # the figures alone fit: the quotes did not
            raise InputError(
                _(
                    "--quote: with these quotes the page runs to {pages} pages: pick fewer "
                    "or shorter answers"
                ).format(pages=pdf.pages(printed))
            )
        write_output(output, printed, force=force)
    else:
        write_output(output, document, force=force)
    screen.message(_("wrote {file} (data snapshot, {format})").format(file=output, format=fmt))


def _page(
    ctx: typer.Context,
    chosen: object,
    start_month: int,
    as_of: str,
    min_cell: int,
    quotes: list[str],
    fmt: str,
    asked: Redacting,
) -> str:
    """The checked page: the period's figures, the quotes redacted, the whole rendered
    and refused if a name is left."""

    from reflect_cli.analysis import commitments
    from reflect_cli.analysis import snapshot as figures
    from reflect_cli.analysis.periods import By, Per, Period, sessions_by_period
    from reflect_cli.errors import StoreError
    from reflect_cli.model import SessionStatus
    from reflect_cli.records import lookup
    from reflect_cli.render import snapshot as drawing

    store = open_store(ctx)
    wanted = selection(ctx, limit=False)
    wanted.status = SessionStatus.COMPLETE  # a draft is never a partnership's state
    every = wanted.apply(store)
    summaries = _one_protocol(every, wanted.protocol)

    def group(per: Per, chosen: list[Summary]) -> dict[Period, list[Summary]]:
        return sessions_by_period(chosen, By.SCHOOL_YEAR, per, start_month)

    latest, held = group(Per.PARTNERSHIP, summaries), group(Per.SESSION, summaries)
    if not latest:
        raise StoreError(
            _("no complete sessions match in {folder}").format(folder=store.folder.absolute())
        )
    period = chosen if isinstance(chosen, Period) else max(latest)
    if period not in latest:
        raise StoreError(
            _("no complete sessions match in the school year {period}").format(period=period.label)
        )
    earlier = [p for p in latest if p < period]
    before = (earlier[-1], list(store.read(latest[earlier[-1]]))) if earlier else None
    rows = lookup.commitment_rows(store.index(), [s.file for s in summaries])
    # Every selected session's people and places, other protocols' too: a quote may name them.
    oldest_first = list(reversed(every))
    redactor = asked.redactor(store, oldest_first)
    snap = figures.snapshot(
        period,
        len(held[period]),
        list(store.read(latest[period])),
        before,
        commitments.entries(rows),
        as_of,
        min_cell,
    )
    if len(summaries) < len(every):
        snap.protocol = figures.PROTOCOL
        snap.left_out = len(group(Per.SESSION, every)[period]) - len(held[period])
    snap.quotes = _quotes(store, quotes, {s.id for s in held[period]}, period, redactor)
    protocol = summaries[0].protocol if summaries else figures.PROTOCOL
    _in_reader_s_words(snap, protocol, asked.language)
    return drawing.page(snap, "md" if fmt == "md" else "html", redactor, asked.language)


def _in_reader_s_words(snap: Snapshot, protocol: str, language: str) -> None:
    """The page's prompts and option labels in the reader's language where the
    protocol's translation still translates them; the counts are unchanged."""
    import dataclasses

    from reflect_cli.analysis import snapshot as figures
    from reflect_cli.analysis.trends import TIE
    from reflect_cli.render.language import question_in_language

    def words(question_id: str, prompt: str) -> tuple[str, dict[str, str]]:
        both = question_in_language(protocol, question_id, language) if language else None
        if both is None or both[0].prompt != prompt:
            return prompt, {}
        original, shown = both
        labels = {a.label: b.label for a, b in zip(original.choices, shown.choices, strict=False)}
        return shown.prompt, labels

    snap.type_prompt, types = words(figures.TYPE_QUESTION, snap.type_prompt)

    def kind(label: str) -> str:  # a type, or a tie of several ("A = B")
        return TIE.join(types.get(part, part) for part in label.split(TIE))

    snap.types = [s if s.ours else dataclasses.replace(s, label=kind(s.label)) for s in snap.types]
    snap.moves = [
        dataclasses.replace(m, before=kind(m.before), after=kind(m.after)) for m in snap.moves
    ]
    hallmarks = []
    for hallmark in snap.hallmarks:
        hallmarks.append(
            dataclasses.replace(hallmark, prompt=words(hallmark.id, hallmark.prompt)[0])
        )
    snap.hallmarks = hallmarks
    factors = []
    for factor in snap.factors:
        prompt, labels = words(factor.id, factor.prompt)
        named = [dataclasses.replace(n, label=labels.get(n.label, n.label)) for n in factor.named]
        factors.append(dataclasses.replace(factor, prompt=prompt, named=named))
    snap.factors = factors


def _one_protocol(summaries: list[Summary], chosen: str) -> list[Summary]:
    """The sessions the page counts: all of them when they are of one protocol (or
    --protocol chose it); in a folder of several, the built-in protocol's whose questions
    the page shows (the caption says how many are left out), and refused when it has
    none, since no question of the page is anyone's answer then."""
    from reflect_cli.analysis.snapshot import PROTOCOL
    from reflect_cli.errors import InputError

    protocols = sorted({s.protocol for s in summaries})
    if chosen or len(protocols) < 2:
        return summaries
    if PROTOCOL not in protocols:
        raise InputError(
            _(
                "the sessions are of several protocols ({protocols}): choose one with --protocol"
            ).format(protocols=", ".join(protocols))
        )
    return [s for s in summaries if s.protocol == PROTOCOL]


def _quotes(
    store: Store, picked: list[str], ids: set[str], period: Period, redactor: Redactor
) -> list[Quote]:
    """Each picked answer as the redacted export shows it (``prepare``: the export's
    allow-list, then the redactor), word for word otherwise."""
    from reflect_cli.analysis.snapshot import Quote
    from reflect_cli.errors import InputError
    from reflect_cli.render import export as exporting
    from reflect_cli.render.export.prepare import prepare

    found: list[Quote] = []
    for pick in picked:
        ref, _sep, question_id = pick.rpartition(":")
        if not ref or not question_id:
            raise InputError(_("--quote: SESSION:QUESTION, not {typed}").format(typed=repr(pick)))
        summary = store.resolve(ref)
        if summary.id not in ids:
            raise InputError(
                _("--quote: session {session} is not one of {period}'s").format(
                    session=repr(ref), period=period.label
                )
            )
        session: Session = prepare(store.session(summary), exporting.Options(redact=True), redactor)
        record = session.find(question_id)
        if record is None or not isinstance(record.answer, str) or not record.answer.strip():
            raise InputError(
                _("--quote: session {session} has no written answer to {question}").format(
                    session=repr(ref), question=repr(question_id)
                )
            )
        number = redactor.session_numbers.get(summary.id)
        when = _("Session {number}").format(number=number) if number else _("a session")
        found.append(Quote(record.prompt, _shortened(record.answer), when))
    redactor.stop_if_undecided()  # as `export --redact`: decided with --name/--word
    return found


def _shortened(text: str) -> str:
    """An answer as long as the page has room for: cut after the last word that fits
    and marked " […]", as a report marks a cut quote."""
    if len(text) <= QUOTE_CHARS:
        return text
    import re

    words = re.match(rf"(.{{1,{QUOTE_CHARS}}})(?=\s)", text, re.DOTALL)
    return (words[1] if words else text[:QUOTE_CHARS]).rstrip() + " […]"
