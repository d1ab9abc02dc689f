"""The one-page data snapshot as HTML (print CSS sized for one Letter page, no script)
and as Markdown, from ``analysis.snapshot.Snapshot``.

Every label comes from the records (a protocol's options, a quote), so all of it is
escaped: ``html.escape`` after ``visible`` (control characters as escapes) for HTML,
``markdown.inline`` for Markdown. A count is printed only as its ``Cell`` says.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from html import escape

from reflect_cli.analysis.cells import Cell
from reflect_cli.analysis.snapshot import Snapshot
from reflect_cli.controls import visible
from reflect_cli.render.export import PLAIN, Redactor
from reflect_cli.render.markdown import inline
from reflect_cli.rounds.analysis import number

#: The page forbids scripts and every request, as the HTML export does.
CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"

CSS = """
@page { size: Letter; margin: 0.5in; }
* { box-sizing: border-box; }
body { font: 10pt/1.35 system-ui, 'Noto Sans', sans-serif; color: #1d1d1f; margin: 0 auto;
       max-width: 7.5in; padding: 0; }
header { border-bottom: 3px solid #2a6f97; margin-bottom: .12in; }
h1 { font-size: 17pt; margin: 0; color: #2a6f97; letter-spacing: .02em; }
.about { margin: .02in 0 .06in; color: #444; font-size: 9pt; }
.figures { display: flex; gap: .12in; margin: .1in 0; }
.figure { flex: 1; background: #eef5f9; padding: .08in .1in; border-radius: 4px; }
.figure b { display: block; font-size: 16pt; color: #1b4f6e; line-height: 1.1; }
.figure span { font-size: 8.5pt; color: #333; }
.columns { display: grid; grid-template-columns: 1fr 1fr; gap: .1in .25in; }
h2 { font-size: 10.5pt; text-transform: uppercase; letter-spacing: .04em; color: #2a6f97;
     margin: .08in 0 .04in; border-bottom: 1px solid #cfe3ee; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; }
th, td { text-align: left; padding: .02in .04in; border-bottom: 1px solid #e3e8ee;
         vertical-align: top; }
td.n, th.n { text-align: right; white-space: nowrap; }
ul { margin: .02in 0; padding-left: .18in; font-size: 9pt; }
section > p { font-size: 9pt; margin: .03in 0; }
li { margin: 0 0 .02in; }
.quiet { color: #555; font-size: 8.5pt; margin: .03in 0; }
blockquote { margin: .04in 0; padding: .02in .1in; border-left: 3px solid #2a6f97;
             font-style: italic; font-size: 9pt; }
blockquote p { margin: 0; }
blockquote footer { font-style: normal; color: #555; font-size: 8pt; }
.note { margin-top: .1in; border-top: 1px solid #ccd; color: #555; font-size: 7.5pt; }
@media screen { body { margin: .4in auto; padding: 0 .2in; } }
@media print { body { max-width: none; } section, blockquote { break-inside: avoid; } }
"""


def page(snap: Snapshot, fmt: str, redactor: Redactor) -> str:
    """The page in ``fmt`` (html or md), checked after rendering as a redacted export
    is: refused (RedactionError) if it holds a name, handle, collaborative or site the
    folder knows beyond what the same page without quotes holds (the protocol's words)."""
    draw = html if fmt == "html" else markdown
    document = draw(snap)
    redactor.check(PLAIN[fmt](document), fmt, lambda: PLAIN[fmt](draw(replace(snap, quotes=[]))))
    return document


def _h(text: str) -> str:
    return escape(visible(text))


def _partnerships(cell: Cell) -> str:
    """ "10 partnerships", "1 partnership" is never printed below min_cell."""
    return f"{cell.text} partnership{'' if cell.exact and cell.value == 1 else 's'}"


def _about(snap: Snapshot) -> str:
    return (
        f"School year {snap.period}, counting each partnership once, by its latest complete "
        f"session. Redacted: no person, collaborative or site is named. A count of fewer than "
        f"{snap.min_cell} partnerships is not shown, nor one that would give it away."
    )


def _headline(snap: Snapshot) -> list[tuple[str, str]]:
    figures = [
        (_partnerships(snap.partnerships), f"at {snap.sites.text} sites"),
        (str(snap.sessions), "sessions held" if snap.sessions != 1 else "session held"),
    ]
    c = snap.commitments
    if c is not None and c.partnerships.exact:
        figures.append((f"{c.kept} of {c.made}", f"commitments kept ({c.on_time} on time)"))
    return figures


def _hallmark_rows(snap: Snapshot) -> Iterator[tuple[str, str, str, str]]:
    for h in snap.hallmarks:
        prompt = f"{h.prompt} ({h.scale[0]} to {h.scale[1]})"
        if h.stats is None:
            yield (prompt, "not shown", "", h.partnerships.text)
            continue
        spread = f"{number(h.stats.q1)}–{number(h.stats.q3)}"
        yield (prompt, number(h.stats.median), spread, h.partnerships.text)


def _commitment_line(snap: Snapshot) -> str:
    c = snap.commitments
    if c is None:
        return "No commitments were made in this period's sessions."
    if not c.partnerships.exact:
        return f"Commitments were made by {_partnerships(c.partnerships)}: not shown."
    return (
        f"{c.made} commitments made by {_partnerships(c.partnerships)}: {c.kept} kept "
        f"({c.on_time} by their due date), {c.owed} not yet closed, as later meetings recorded."
    )


def _moves_title(snap: Snapshot) -> str:
    if snap.moved_between is None:
        return ""
    return (
        f"Since {snap.before}: of the {_partnerships(snap.moved_between)} that answered in "
        f"both years, {snap.stayed.text if snap.stayed else ''} kept their type and "
        f"{snap.changed.text if snap.changed else ''} changed it."
    )


def html(snap: Snapshot) -> str:
    """The page, one self-contained HTML document."""
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        f"<title>Data snapshot {_h(snap.period)}</title>",
        f"<style>{CSS}</style></head><body>",
        f"<header><h1>Data snapshot · {_h(snap.period)}</h1>",
        f'<p class="about">{_h(_about(snap))}</p></header>',
        '<div class="figures">',
    ]
    for big, small in _headline(snap):
        out.append(f'<div class="figure"><b>{_h(big)}</b><span>{_h(small)}</span></div>')
    out += ["</div>", '<div class="columns">', "<section><h2>Types of partnership</h2>"]
    if snap.types:
        out.append(f'<p class="quiet">{_h(snap.type_prompt)}</p>')
        out.append('<table><tr><th>Type</th><th class="n">partnerships</th></tr>')
        for share in snap.types:
            out.append(
                f'<tr><td>{_h(share.label)}</td><td class="n">{_h(share.count.text)}</td></tr>'
            )
        out.append("</table>")
    if snap.moved_between is not None:
        out.append(f'<p class="quiet">{_h(_moves_title(snap))}</p>')
    if snap.moves:
        out.append('<table><tr><th>Changed</th><th class="n">partnerships</th></tr>')
        for move in snap.moves:
            what = f"{move.before} → {move.after}"
            out.append(f'<tr><td>{_h(what)}</td><td class="n">{_h(move.count.text)}</td></tr>')
        out.append("</table>")
    out += ["</section>", "<section><h2>Hallmarks</h2>"]
    out.append(
        '<table><tr><th>Hallmark</th><th class="n">median</th>'
        '<th class="n">middle half</th><th class="n">partnerships</th></tr>'
    )
    for prompt, median, spread, rated in _hallmark_rows(snap):
        out.append(
            f'<tr><td>{_h(prompt)}</td><td class="n">{_h(median)}</td>'
            f'<td class="n">{_h(spread)}</td><td class="n">{_h(rated)}</td></tr>'
        )
    out += ["</table>", "</section>"]
    for factors in snap.factors:
        out.append(f"<section><h2>{_h(_factor_title(factors.id))}</h2>")
        out.append(f'<p class="quiet">{_h(factors.prompt)} Named most:</p><ul>')
        for share in factors.named:
            out.append(
                f"<li>{_h(share.label)}: <b>{_h(share.count.text)}</b> of "
                f"{_h(_partnerships(snap.partnerships))}</li>"
            )
        out.append("</ul></section>")
    out.append(f"<section><h2>Commitments</h2><p>{_h(_commitment_line(snap))}</p></section>")
    out.append("</div>")
    if snap.quotes:
        out.append("<section><h2>In their words</h2>")
        for quote in snap.quotes:
            out.append(
                f"<blockquote><p>{_h(quote.text)}</p>"
                f"<footer>{_h(quote.question)} · {_h(quote.when)}</footer></blockquote>"
            )
        out.append("</section>")
    out.append(f'<p class="note">{_h(NOTE)}</p></body></html>')
    return "\n".join(out) + "\n"


#: How the figures are counted, at the foot of the page.
NOTE = (
    "Types: the option most partners chose in the room; a tie is shown as a tie. Hallmarks: "
    "every rating of the counted sessions pooled; the middle half is the first to the third "
    "quartile. Factors: how many partnerships named each. Made with reflect snapshot."
)


def _factor_title(question_id: str) -> str:
    return {"helping-factors": "What helps", "hindering-factors": "What gets in the way"}.get(
        question_id, question_id
    )


def markdown(snap: Snapshot) -> str:
    """The page as Markdown (CommonMark with tables), every label escaped."""
    out = [f"# Data snapshot · {inline(snap.period)}", "", inline(_about(snap)), ""]
    out += [f"- **{inline(big)}** {inline(small)}" for big, small in _headline(snap)]
    if snap.types:
        out += ["", "## Types of partnership", "", inline(snap.type_prompt), ""]
        out += ["| Type | partnerships |", "| --- | ---: |"]
        out += [f"| {inline(s.label)} | {inline(s.count.text)} |" for s in snap.types]
    if snap.moved_between is not None:
        out += ["", inline(_moves_title(snap))]
    if snap.moves:
        out += ["", "| changed | partnerships |", "| --- | ---: |"]
        for move in snap.moves:
            what = f"{move.before} → {move.after}"
            out.append(f"| {inline(what)} | {inline(move.count.text)} |")
    out += ["", "## Hallmarks", "", "| Hallmark | median | middle half | partnerships |"]
    out.append("| --- | ---: | ---: | ---: |")
    out += ["| " + " | ".join(inline(cell) for cell in row) + " |" for row in _hallmark_rows(snap)]
    for factors in snap.factors:
        out += ["", f"## {inline(_factor_title(factors.id))}", "", inline(factors.prompt), ""]
        out += [
            f"- {inline(s.label)}: **{inline(s.count.text)}** of "
            f"{inline(_partnerships(snap.partnerships))}"
            for s in factors.named
        ]
    out += ["", "## Commitments", "", inline(_commitment_line(snap))]
    if snap.quotes:
        out += ["", "## In their words"]
        for quote in snap.quotes:
            out += [
                "",
                f"> {inline(quote.text)}",
                ">",
                f"> — {inline(quote.question)}, {inline(quote.when)}",
            ]
    out += ["", inline(NOTE), ""]
    return "\n".join(out)
