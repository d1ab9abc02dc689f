"""A pre-meeting handout of a protocol for participants: title, purpose, the video to
watch first, then one printed page per domain with its questions, their help, the
choices or scale, and room to take notes.

HTML follows the export rules: one self-contained page, every text escaped, no script,
a Content-Security-Policy that forbids scripts and every request, print CSS.
"""

from __future__ import annotations

from html import escape

from reflect_cli.controls import visible
from reflect_cli.model import Kind, Protocol, Question
from reflect_cli.protocols.checker import web_url
from reflect_cli.render import markdown
from reflect_cli.render.export.html import CSP

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
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  section.domain { break-before: page; }
  ol.questions > li { break-inside: avoid; }
  a { color: inherit; }
  a::after { content: " (" attr(href) ")"; font-size: .85em; }
}
"""
#: Ruled lines left under each question for notes.
NOTE_LINES = 4


def _e(text: object) -> str:
    return escape(visible(str(text)), quote=True)


def _options(question: Question) -> str:
    """The scale or "Yes or no", as one line of plain text ('' for other kinds; choices
    are a list of their own)."""
    if question.choices:
        return "Choose one:" if question.kind == Kind.CHOICE else "Choose any that apply:"
    if question.kind == Kind.SCALE and question.scale is not None:
        scale = question.scale
        labels = ", ".join(f"{p} = {label}" for p, label in sorted(scale.labels.items()))
        return f"Scale {scale.min} to {scale.max}" + (f": {labels}" if labels else "")
    if question.kind == Kind.YES_NO:
        return "Yes or no"
    return ""


def html(protocol: Protocol) -> str:
    """The handout as one HTML page."""
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(protocol.title)}</title>",
        f"<style>{CSS}</style></head><body>",
        f"<h1>{_e(protocol.title)}</h1>",
    ]
    if protocol.summary:
        out.append(f'<p class="purpose">{_e(protocol.summary)}</p>')
    for step in protocol.intro:
        minutes = f" ({step.minutes} minutes)" if step.minutes else ""
        out.append(f'<div class="before"><p><strong>Before we meet: {_e(step.title)}</strong>')
        out.append(f"{_e(minutes)}</p>")
        if step.text:
            out.append(f"<p>{_e(step.text)}</p>")
        if step.link:  # a link only to a web address: never javascript: or data:
            link = _e(step.link)
            shown = f'<a href="{link}">{link}</a>' if web_url(step.link) else link
            out.append(f"<p>{shown}</p>")
        out.append("</div>")
    number = 0
    for domain in protocol.domains:
        out.append(f'<section class="domain"><h2>{_e(domain.title)}</h2>')
        if domain.help:
            out.append(f'<p class="domain-help">{_e(domain.help)}</p>')
        out.append(f'<ol class="questions" start="{number + 1}">')
        for question in domain.questions:
            number += 1
            out.append(f'<li><p class="prompt">{_e(question.prompt)}</p>')
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
            out.append('<div class="notes"></div>' * NOTE_LINES + "</li>")
        out.append("</ol></section>")
    if protocol.source:
        out.append(f"<footer>Source: {_e(protocol.source)}</footer>")
    out.append("</body></html>\n")
    return "\n".join(out)


def markdown_text(protocol: Protocol) -> str:
    """The handout as Markdown: the same content, a rule between domains."""
    out = [f"# {markdown.inline(protocol.title)}", ""]
    if protocol.summary:
        out += [markdown.block(protocol.summary), ""]
    for step in protocol.intro:
        minutes = f" ({step.minutes} minutes)" if step.minutes else ""
        out += [f"**Before we meet: {markdown.inline(step.title)}**{minutes}", ""]
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
            out += ["   Notes:", "", *(["   ______________________________________", ""] * 3)]
    if protocol.source:
        out += ["---", "", f"Source: {markdown.inline(protocol.source)}", ""]
    return "\n".join(out)
