"""The one-page data snapshot as HTML (print CSS sized for one Letter page, no script)
and as Markdown, from ``analysis.snapshot.Snapshot``.

Every label comes from the records (a protocol's options, a quote), so all of it is
escaped: ``html.escape`` after ``visible`` (control characters as escapes) for HTML,
``markdown.inline`` for Markdown. A count is printed only as its ``Cell`` says.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from html import escape

from reflect_cli.analysis.cells import Cell
from reflect_cli.analysis.snapshot import Share, Snapshot
from reflect_cli.controls import visible
from reflect_cli.i18n.messages import N_, _, ngettext, speaking
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
blockquote { margin: .03in 0; padding: .01in .1in; border-left: 3px solid #2a6f97;
             font-style: italic; font-size: 8.5pt; line-height: 1.3; }
blockquote p { margin: 0; }
blockquote footer { font-style: normal; color: #555; font-size: 7.5pt; }
.note { margin-top: .1in; border-top: 1px solid #ccd; color: #555; font-size: 7.5pt; }
@media screen { body { margin: .4in auto; padding: 0 .2in; } }
@media print { body { max-width: none; } section, blockquote { break-inside: avoid; } }
"""


def page(snap: Snapshot, fmt: str, redactor: Redactor, language: str = "en") -> str:
    """The page in ``fmt`` (html or md) and the reader's ``language`` (its own words;
    the protocol's text as recorded), checked after rendering as a redacted export
    is: refused (RedactionError) if it holds a name, handle, collaborative or site the
    folder knows beyond what the same page without quotes holds (the protocol's words)."""
    draw = html if fmt == "html" else markdown
    with speaking(language):
        document = draw(snap, language)
        # The page without quotes in the same language: the same words are excused.
        redactor.check(
            PLAIN[fmt](document),
            fmt,
            lambda: PLAIN[fmt](draw(replace(snap, quotes=[]), language)),
        )
    return document


def _h(text: str) -> str:
    return escape(visible(text))


def _partnerships(cell: Cell) -> str:
    """ "10 partnerships", "1 partnership" is never printed below min_cell."""
    # A hidden count ("fewer than 3") reads as a plural, as in English.
    count = cell.value if cell.exact else 2
    return ngettext("{count} partnership", "{count} partnerships", count).format(count=cell.text)


def _about(snap: Snapshot) -> str:
    said = _(
        "School year {period}, counting each partnership once, by its latest complete "
        "session. Redacted: no person, collaborative or site is named. A count of fewer than "
        "{min_cell} partnerships is not shown, nor one that would give it away."
    ).format(period=snap.period, min_cell=snap.min_cell)
    if not snap.left_out:
        return said
    return (
        said
        + " "
        + ngettext(
            "Only {protocol} sessions are counted (the page shows its questions): {count} "
            "session of another protocol this year is left out (--protocol chooses).",
            "Only {protocol} sessions are counted (the page shows its questions): {count} "
            "sessions of other protocols this year are left out (--protocol chooses).",
            snap.left_out,
        ).format(protocol=snap.protocol, count=snap.left_out)
    )


def _headline(snap: Snapshot) -> list[tuple[str, str]]:
    figures = [
        (_partnerships(snap.partnerships), _("at {sites} sites").format(sites=snap.sites.text)),
        (str(snap.sessions), ngettext("session held", "sessions held", snap.sessions)),
    ]
    c = snap.commitments
    if c is not None and c.partnerships.exact and not c.followed_up:
        # "0 of 10 kept" would say none were kept when no meeting has said yet.
        none_yet = ngettext(
            "commitment made, none followed up yet",
            "commitments made, none followed up yet",
            c.made,
        )
        figures.append((str(c.made), none_yet))
    elif c is not None and c.partnerships.exact:
        figures.append(
            (
                _("{kept} of {made}").format(kept=c.kept, made=c.made),
                _("commitments kept ({on_time} on time)").format(on_time=c.on_time),
            )
        )
    return figures


def _label(share: Share) -> str:
    return _(share.label) if share.ours else share.label


def _hallmark_rows(snap: Snapshot) -> Iterator[tuple[str, str, str, str]]:
    for h in snap.hallmarks:
        ends = _("{low} to {high}").format(low=h.scale[0], high=h.scale[1])
        prompt = f"{h.prompt} ({ends})"
        if h.stats is None:
            yield (prompt, _("not shown"), "", h.partnerships.text)
            continue
        spread = f"{number(h.stats.q1)}–{number(h.stats.q3)}"
        yield (prompt, number(h.stats.median), spread, h.partnerships.text)


def _commitment_line(snap: Snapshot) -> str:
    c = snap.commitments
    if c is None:
        return _("No commitments were made in this period's sessions.")
    if not c.partnerships.exact:
        return _("Commitments were made by {partnerships}: not shown.").format(
            partnerships=_partnerships(c.partnerships)
        )
    if not c.followed_up:
        return ngettext(
            "{made} commitment made by {partnerships}; no later meeting has followed it up yet.",
            "{made} commitments made by {partnerships}; no later meeting has followed them up yet.",
            c.made,
        ).format(made=c.made, partnerships=_partnerships(c.partnerships))
    return _(
        "{made} commitments made by {partnerships}: {kept} kept ({on_time} by their due "
        "date), {owed} not yet closed, as later meetings recorded."
    ).format(
        made=c.made,
        partnerships=_partnerships(c.partnerships),
        kept=c.kept,
        on_time=c.on_time,
        owed=c.owed,
    )


def _moves_title(snap: Snapshot) -> str:
    if snap.moved_between is None:
        return ""
    return _(
        "Since {before}: of the {partnerships} that answered in both years, {stayed} kept "
        "their type and {changed} changed it."
    ).format(
        before=snap.before,
        partnerships=_partnerships(snap.moved_between),
        stayed=snap.stayed.text if snap.stayed else "",
        changed=snap.changed.text if snap.changed else "",
    )


def html(snap: Snapshot, language: str = "en") -> str:
    """The page, one self-contained HTML document (in the language spoken now; ``lang``
    says which)."""
    title = _("Data snapshot · {period}").format(period=snap.period)
    partnerships = _h(_("partnerships"))
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{_h(language)}"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        f"<title>{_h(title)}</title>",
        f"<style>{CSS}</style></head><body>",
        f"<header><h1>{_h(title)}</h1>",
        f'<p class="about">{_h(_about(snap))}</p></header>',
        '<div class="figures">',
    ]
    for big, small in _headline(snap):
        out.append(f'<div class="figure"><b>{_h(big)}</b><span>{_h(small)}</span></div>')
    types = _h(_("Types of partnership"))
    out += ["</div>", '<div class="columns">', f"<section><h2>{types}</h2>"]
    if snap.types:
        out.append(f'<p class="quiet">{_h(snap.type_prompt)}</p>')
        out.append(
            "<table><tr><th>" + _h(_("Type")) + f'</th><th class="n">{partnerships}</th></tr>'
        )
        for share in snap.types:
            out.append(
                f'<tr><td>{_h(_label(share))}</td><td class="n">{_h(share.count.text)}</td></tr>'
            )
        out.append("</table>")
    if snap.moved_between is not None:
        out.append(f'<p class="quiet">{_h(_moves_title(snap))}</p>')
    if snap.moves:
        out.append(
            "<table><tr><th>" + _h(_("Changed")) + f'</th><th class="n">{partnerships}</th></tr>'
        )
        for move in snap.moves:
            what = f"{move.before} → {move.after}"
            out.append(f'<tr><td>{_h(what)}</td><td class="n">{_h(move.count.text)}</td></tr>')
        out.append("</table>")
    out += ["</section>", "<section><h2>" + _h(_("Hallmarks")) + "</h2>"]
    out.append(
        "<table><tr><th>" + _h(_("Hallmark")) + '</th><th class="n">' + _h(_("median")) + "</th>"
        '<th class="n">' + _h(_("middle half")) + f'</th><th class="n">{partnerships}</th></tr>'
    )
    for prompt, median, spread, rated in _hallmark_rows(snap):
        out.append(
            f'<tr><td>{_h(prompt)}</td><td class="n">{_h(median)}</td>'
            f'<td class="n">{_h(spread)}</td><td class="n">{_h(rated)}</td></tr>'
        )
    out += ["</table>", "</section>"]
    for factors in snap.factors:
        out.append(f"<section><h2>{_h(_factor_title(factors.id))}</h2>")
        out.append(f'<p class="quiet">{_h(factors.prompt)} ' + _h(_("Named most:")) + "</p><ul>")
        before, after = _count_of(factors.answered, _h)
        for share in factors.named:
            out.append(f"<li>{_h(share.label)}: {before}<b>{_h(share.count.text)}</b>{after}</li>")
        if factors.more:
            out.append(f"<li>{_h(_more(factors.more))}</li>")
        out.append("</ul></section>")
    commitments = _h(_("Commitments"))
    out.append(f"<section><h2>{commitments}</h2><p>{_h(_commitment_line(snap))}</p></section>")
    out.append("</div>")
    if snap.quotes:
        out.append("<section><h2>" + _h(_("In their words")) + "</h2>")
        for quote in snap.quotes:
            out.append(
                f"<blockquote><p>{_h(quote.text)}</p>"
                f"<footer>{_h(quote.question)} · {_h(quote.when)}</footer></blockquote>"
            )
        out.append("</section>")
    out.append(f'<p class="note">{_h(_(NOTE))}</p></body></html>')
    return "\n".join(out) + "\n"


#: How the figures are counted, at the foot of the page.
NOTE = N_(
    "Types: the option most partners chose in the room; a tie is shown as a tie. Hallmarks: "
    "every rating of the counted sessions pooled; the middle half is the first to the third "
    "quartile. Factors: how many partnerships named each. Made with reflect snapshot."
)
#: The factor questions' headings (translated where shown); any other shows its id.
_FACTOR_TITLES = {
    "helping-factors": N_("What helps"),
    "hindering-factors": N_("What gets in the way"),
}


def _factor_title(question_id: str) -> str:
    title = _FACTOR_TITLES.get(question_id)
    return _(title) if title else question_id


def _more(count: int) -> str:
    """The factors tied with the last one named that the page has no room for."""
    return ngettext(
        "and {count} more factor named as often as the last",
        "and {count} more factors named as often as the last",
        count,
    ).format(count=count)


def _count_of(answered: Cell, escape_text: Callable[[str], str]) -> tuple[str, str]:
    """What goes before and after a factor's count ("3 of 9 partnerships": of those that
    answered), escaped, so the count alone is bold in any language's word order."""
    said = _("{count} of {partnerships}").format(count="\0", partnerships=_partnerships(answered))
    before, _sep, after = said.partition("\0")
    return _spaced(before, escape_text), _spaced(after, escape_text)


def _spaced(text: str, escape_text: Callable[[str], str]) -> str:
    """``text`` escaped with the spaces around it kept (an escaper may strip them)."""
    core = text.strip()
    if not core:
        return text
    start = text.index(core)
    return text[:start] + escape_text(core) + text[start + len(core) :]


def markdown(snap: Snapshot, language: str = "en") -> str:
    """The page as Markdown (CommonMark with tables), every label escaped (``language``:
    the language spoken now, which Markdown has no place to declare)."""
    title = _("Data snapshot · {period}").format(period=snap.period)
    partnerships = inline(_("partnerships"))
    out = [f"# {inline(title)}", "", inline(_about(snap)), ""]
    out += [f"- **{inline(big)}** {inline(small)}" for big, small in _headline(snap)]
    if snap.types:
        out += [
            "",
            "## " + inline(_("Types of partnership")) + "",
            "",
            inline(snap.type_prompt),
            "",
        ]
        out += ["| " + inline(_("Type")) + f" | {partnerships} |", "| --- | ---: |"]
        out += [f"| {inline(_label(s))} | {inline(s.count.text)} |" for s in snap.types]
    if snap.moved_between is not None:
        out += ["", inline(_moves_title(snap))]
    if snap.moves:
        out += ["", "| " + inline(_("changed")) + f" | {partnerships} |", "| --- | ---: |"]
        for move in snap.moves:
            what = f"{move.before} → {move.after}"
            out.append(f"| {inline(what)} | {inline(move.count.text)} |")
    heads = " | ".join(inline(_(h)) for h in (N_("Hallmark"), N_("median"), N_("middle half")))
    out += ["", "## " + inline(_("Hallmarks")) + "", "", f"| {heads} | {partnerships} |"]
    out.append("| --- | ---: | ---: | ---: |")
    out += ["| " + " | ".join(inline(cell) for cell in row) + " |" for row in _hallmark_rows(snap)]
    for factors in snap.factors:
        out += ["", f"## {inline(_factor_title(factors.id))}", "", inline(factors.prompt), ""]
        before, after = _count_of(factors.answered, inline)
        out += [
            f"- {inline(s.label)}: {before}**{inline(s.count.text)}**{after}" for s in factors.named
        ]
        if factors.more:
            out.append(f"- {inline(_more(factors.more))}")
    out += ["", "## " + inline(_("Commitments")) + "", "", inline(_commitment_line(snap))]
    if snap.quotes:
        out += ["", "## " + inline(_("In their words")) + ""]
        for quote in snap.quotes:
            out += [
                "",
                f"> {inline(quote.text)}",
                ">",
                f"> — {inline(quote.question)}, {inline(quote.when)}",
            ]
    out += ["", inline(_(NOTE)), ""]
    return "\n".join(out)
