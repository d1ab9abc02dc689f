"""A pre-meeting handout of a protocol for participants: title, purpose, the video to
watch first, then the domains with their questions, their help, the choices (boxes to
tick on paper) or scale, and room to take notes; printed, each domain after the first
starts a page.

HTML follows the export rules: one self-contained page, every text escaped, no script,
a Content-Security-Policy that forbids scripts and every request, print CSS.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from html import escape

from reflect_cli.controls import visible
from reflect_cli.i18n.messages import _, ngettext, speaking
from reflect_cli.model import IntroStep, Kind, Protocol, Question
from reflect_cli.protocols.checker import web_url
from reflect_cli.render import markdown
from reflect_cli.render.export.html_style import CSP

CSS = """
body { font: 16px/1.5 Georgia, 'Times New Roman', serif; color: #1d1d1f; max-width: 46rem;
       margin: 2rem auto; padding: 0 1rem; }
h1, h2 { font-family: system-ui, sans-serif; line-height: 1.25; }
h1 { font-size: 1.8rem; margin-bottom: .3rem; }
h2 { font-size: 1.35rem; border-bottom: 2px solid #2a6f97; padding-bottom: .2rem; }
.purpose { font-size: 1.05rem; }
.before { border: 1px solid #2a6f97; padding: .5rem .8rem; margin: 1rem 0; }
.domain-help { font-style: italic; color: #444; }
ol.questions > li { margin: 0 0 1.1rem; }
.prompt { font-weight: bold; }
.help, .options, .choices { color: #444; font-size: .92rem; margin: .15rem 0; }
.choices li { margin: .1rem 0; }
.notes { border-bottom: 1px solid #aab; height: 1.6rem; }
.notes:first-of-type { margin-top: .4rem; }
footer { margin-top: 2rem; color: #555; font-size: .85rem; border-top: 1px solid #ccd; }
body { font-family: Georgia, 'Times New Roman', 'Noto Serif', 'Noto Sans Ethiopic',
       'Noto Serif CJK SC', 'Noto Sans CJK SC', serif; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  /* The first domain starts under the title and purpose: page 1 is never those alone. */
  section.domain ~ section.domain { break-before: page; }
  ol.questions > li { break-inside: avoid; }
  /* A choice is a box to tick on paper, not a bullet. */
  .choices { list-style: none; padding-left: .2rem; }
  .choices li::before { content: "\\2610\\00a0"; font-family: 'DejaVu Sans', 'Noto Sans Symbols2',
                        'Segoe UI Symbol', sans-serif; font-size: 1.15em; }
  a { color: inherit; }
  a::after { content: " (" attr(href) ")"; font-size: .85em; }
}
"""
#: Two languages (or more) side by side: a column each, the same question on one row.
SIDE_CSS = """
body { max-width: 64rem; }
.row { display: grid; grid-auto-flow: column; grid-auto-columns: 1fr; gap: 1.5rem; }
.row.question { break-inside: avoid; margin-top: .8rem; }
.number { font-weight: bold; margin: 0; }
"""
#: Ruled lines left under each question for notes.
NOTE_LINES = 4


def _e(text: object) -> str:
    return escape(visible(str(text)), quote=True)


def _options(question: Question) -> str:
    """The scale or "Yes or no", as one line of plain text ('' for other kinds; choices
    are a list of their own)."""
    if question.choices:
        return _("Choose one:") if question.kind == Kind.CHOICE else _("Choose any that apply:")
    if question.kind == Kind.SCALE and question.scale is not None:
        scale = question.scale
        labels = ", ".join(f"{p} = {label}" for p, label in sorted(scale.labels.items()))
        ends = _("Scale {low} to {high}").format(low=scale.min, high=scale.max)
        return ends + (f": {labels}" if labels else "")
    if question.kind == Kind.YES_NO:
        return _("Yes or no")
    return ""


def _minutes(minutes: int | None) -> str:
    if not minutes:
        return ""
    return " " + ngettext("({count} minute)", "({count} minutes)", minutes).format(count=minutes)


def _head(title: str, language: str) -> list[str]:
    return [
        "<!DOCTYPE html>",
        f'<html lang="{_e(language)}"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title>",
        f"<style>{CSS}</style></head><body>",
    ]


def _step_html(step: IntroStep) -> list[str]:
    before = _("Before we meet: {step}").format(step=step.title)
    out = [f'<div class="before"><p><strong>{_e(before)}</strong>']
    out.append(f"{_e(_minutes(step.minutes))}</p>")
    if step.text:
        out.append(f"<p>{_e(step.text)}</p>")
    if step.link:  # a link only to a web address: never javascript: or data:
        link = _e(step.link)
        shown = f'<a href="{link}">{link}</a>' if web_url(step.link) else link
        out.append(f"<p>{shown}</p>")
    out.append("</div>")
    return out


def _question_html(question: Question) -> list[str]:
    out = [f'<p class="prompt">{_e(question.prompt)}</p>']
    if question.help:
        out.append(f'<p class="help">{_e(question.help)}</p>')
    if options := _options(question):
        out.append(f'<p class="options">{_e(options)}</p>')
    if question.choices:  # a list: long labels with their help never run together
        out.append('<ul class="choices">')
        for choice in question.choices:
            meaning = f" — {_e(choice.help)}" if choice.help else ""
            out.append(f"<li><strong>{_e(choice.label)}</strong>{meaning}</li>")
        out.append("</ul>")
    return out


def html(protocol: Protocol) -> str:
    """The handout as one HTML page, in the protocol's language as given."""
    out = [*_head(protocol.title, protocol.language), f"<h1>{_e(protocol.title)}</h1>"]
    if protocol.summary:
        out.append(f'<p class="purpose">{_e(protocol.summary)}</p>')
    for step in protocol.intro:
        out += _step_html(step)
    number = 0
    for domain in protocol.domains:
        out.append(f'<section class="domain"><h2>{_e(domain.title)}</h2>')
        if domain.help:
            out.append(f'<p class="domain-help">{_e(domain.help)}</p>')
        out.append(f'<ol class="questions" start="{number + 1}">')
        for question in domain.questions:
            number += 1
            out += ["<li>" + _question_html(question)[0], *_question_html(question)[1:]]
            out.append('<div class="notes"></div>' * NOTE_LINES + "</li>")
        out.append("</ol></section>")
    if protocol.source:
        source = _("Source: {source}").format(source=protocol.source)
        out.append(f"<footer>{_e(source)}</footer>")
    out.append("</body></html>\n")
    return "\n".join(out)


def side_by_side(versions: Sequence[Protocol]) -> str:
    """The handout in several languages (the protocol as read in each), one column
    each, row by row: the title, the purpose, each step, each domain, each question; the
    program's words in each column's language too."""

    def row(css: str, cells: Callable[[Protocol], list[str]]) -> list[str]:
        out = [f'<div class="row {css}">']
        for version in versions:
            with speaking(version.language):
                inner = cells(version)
            out.append(f'<div lang="{_e(version.language)}">' + "\n".join(inner) + "</div>")
        return [*out, "</div>"]

    first = versions[0]
    title = " / ".join(v.title for v in versions)
    out = [*_head(title, first.language)]
    out.insert(-1, f"<style>{SIDE_CSS}</style>")
    out += row("title", lambda v: [f"<h1>{_e(v.title)}</h1>"])
    if first.summary:
        out += row("purpose", lambda v: [f'<p class="purpose">{_e(v.summary)}</p>'])
    for index in range(len(first.intro)):
        out += row("step", partial(_nth_step, index))
    number = 0
    for d_index, domain in enumerate(first.domains):
        out.append('<section class="domain">')
        out += row("domain", partial(_nth_domain, d_index))
        for q_index in range(len(domain.questions)):
            number += 1
            out += row("question", partial(_nth_question, d_index, q_index, number))
            out.append('<div class="notes"></div>' * NOTE_LINES)
        out.append("</section>")
    if first.source:
        source = _("Source: {source}").format(source=first.source)
        out.append(f"<footer>{_e(source)}</footer>")
    out.append("</body></html>\n")
    return "\n".join(out)


def _nth_step(index: int, version: Protocol) -> list[str]:
    return _step_html(version.intro[index])


def _nth_domain(index: int, version: Protocol) -> list[str]:
    domain = version.domains[index]
    out = [f"<h2>{_e(domain.title)}</h2>"]
    if domain.help:
        out.append(f'<p class="domain-help">{_e(domain.help)}</p>')
    return out


def _nth_question(domain: int, index: int, number: int, version: Protocol) -> list[str]:
    question = version.domains[domain].questions[index]
    return [f'<p class="number">{number}.</p>', *_question_html(question)]


def markdown_text(protocol: Protocol) -> str:
    """The handout as Markdown: the same content, a rule between domains."""
    out = [f"# {markdown.inline(protocol.title)}", ""]
    if protocol.summary:
        out += [markdown.block(protocol.summary), ""]
    for step in protocol.intro:
        before = _("Before we meet: {step}").format(step=markdown.inline(step.title))
        out += [f"**{before}**{_minutes(step.minutes)}", ""]
        if step.text:
            out += [markdown.block(step.text), ""]
        if step.link:
            out += [markdown.inline(step.link), ""]
    number = 0
    for domain in protocol.domains:
        out += ["---", "", f"## {markdown.inline(domain.title)}", ""]
        if domain.help:
            out += [f"*{markdown.inline(domain.help)}*", ""]
        for question in domain.questions:
            number += 1
            out += [f"{number}. **{markdown.inline(question.prompt)}**", ""]
            for extra in (question.help, _options(question)):
                if extra:
                    out += [f"   {markdown.inline(extra)}", ""]
            for choice in question.choices:
                meaning = f": {markdown.inline(choice.help)}" if choice.help else ""
                out.append(f"   - **{markdown.inline(choice.label)}**{meaning}")
            out += [""] if question.choices else []
            notes = _("Notes:")
            out += [f"   {notes}", "", *(["   ______________________________________", ""] * 3)]
    if protocol.source:
        source = _("Source: {source}").format(source=markdown.inline(protocol.source))
        out += ["---", "", source, ""]
    return "\n".join(out)


def markdown_side_by_side(versions: Sequence[Protocol]) -> str:
    """The handout in several languages as Markdown: each one whole, in turn."""
    parts = []
    for version in versions:
        with speaking(version.language):
            parts.append(markdown_text(version))
    return "\n---\n\n".join(parts)
