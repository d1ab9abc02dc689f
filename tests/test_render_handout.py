"""The pre-meeting handout: every question of the protocol with its help, room for notes,
one page per domain; inert whatever the protocol file says."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from reflect_cli.protocols import catalog, translations
from reflect_cli.render import handout

HOSTILE = """
id: hostile
title: "Partners <script>document.title='pwned'</script>"
summary: "Why we meet: <img src=x onerror=alert(1)> & more"
intro:
  - id: watch
    title: Watch first
    link: "https://example.org/video?a=1&b=<2>"
    minutes: 12
domains:
  - id: one
    title: "One </section><h1>fake</h1>"
    help: "# not a heading"
    questions:
      - id: q1
        prompt: "What <b>matters</b>?"
        help: "Such as: [link](javascript:alert(1))"
      - id: q2
        prompt: How far along?
        kind: scale
        scale: {min: 1, max: 5, labels: {1: Not yet, 5: Fully}}
  - id: two
    title: Two
    questions:
      - id: q3
        prompt: Which type?
        kind: choice
        choices: [{label: Networking, help: Exchanging information}, Cooperative]
"""


def test_html_has_every_question_help_and_notes_and_runs_nothing(write_yaml: Any) -> None:
    protocol = catalog.load_file(write_yaml("hostile.yaml", HOSTILE))
    page = handout.html(protocol)
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert "<script" not in page and "<img" not in page and "<h1>fake" not in page
    assert "&lt;script&gt;document.title=&#x27;pwned&#x27;&lt;/script&gt;" in page
    assert "What &lt;b&gt;matters&lt;/b&gt;?" in page
    assert "Scale 1 to 5: 1 = Not yet, 5 = Fully" in page
    # Choices as a list, each with its meaning: never run together on one line.
    assert (
        '<ul class="choices">\n<li><strong>Networking</strong> — Exchanging information</li>\n'
        "<li><strong>Cooperative</strong></li>\n</ul>"
    ) in page
    assert "(12 minutes)" in page and 'href="https://example.org/video?a=1&amp;b=&lt;2&gt;"' in page
    assert page.count('<section class="domain">') == 2
    assert page.count('<div class="notes"></div>') == 3 * handout.NOTE_LINES
    assert "section.domain { break-before: page; }" in page


@pytest.mark.parametrize(
    "link", ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,<b>x</b>", "file:///etc"]
)
def test_a_link_that_is_not_a_web_address_is_never_a_link(write_yaml: Any, link: str) -> None:
    from dataclasses import replace

    protocol = catalog.load_file(write_yaml("hostile.yaml", HOSTILE))
    # As if a protocol got past the checker: the handout still draws no link.
    protocol = replace(protocol, intro=[replace(protocol.intro[0], link=link)])
    page = handout.html(protocol)
    assert "<a " not in page and 'href="' not in page
    assert handout._e(link) in page  # shown as text


def test_markdown_is_escaped_with_every_question(write_yaml: Any) -> None:
    protocol = catalog.load_file(write_yaml("hostile.yaml", HOSTILE))
    text = handout.markdown_text(protocol)
    assert text.startswith("# Partners \\<script\\>")
    assert "\\# not a heading" in text and "## One \\</section\\>\\<h1\\>fake" in text
    assert "1. **What \\<b\\>matters\\</b\\>?**" in text and "3. **Which type?**" in text
    assert text.count("Notes:") == 3
    assert "   - **Networking**: Exchanging information\n   - **Cooperative**\n" in text


def test_command_writes_html_or_markdown_by_suffix(cli: Any, tmp_path: Path) -> None:
    target = tmp_path / "handout.html"
    result = cli("protocols", "handout", "partnership-reflection", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    page = target.read_text(encoding="utf-8")
    builtin = catalog.find("partnership-reflection")[0]
    assert all(handout._e(q.prompt) in page for _, q in builtin.questions())
    assert "https://www.youtube.com/watch?v=3TzGTfDYVak" in page and "(32 minutes)" in page
    again = cli("protocols", "handout", "partnership-reflection", "-o", str(target))
    assert again.exit_code == 2 and "--force" in again.stderr
    md = tmp_path / "handout.md"
    assert cli("protocols", "handout", "equitable-partnerships", "-o", str(md)).exit_code == 0
    assert md.read_text(encoding="utf-8").startswith("# ")
    bad = cli("protocols", "handout", "partnership-reflection", "-o", str(tmp_path / "h.docx"))
    assert bad.exit_code == 2 and "a handout is .html, .md or .pdf" in bad.stderr
    assert cli("protocols", "handout", "partnership-reflection").stdout.startswith("<!DOCTYPE")


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PDFTOTEXT = shutil.which("pdftotext")
needs_tools = pytest.mark.skipif(
    CHROMIUM is None or PDFTOTEXT is None, reason="chromium and pdftotext are not installed"
)


def pdf_pages(path: Path, column: int = 0, columns: int = 1) -> list[str]:
    """Each page's text (of one column of a side-by-side handout), whitespace made single
    spaces."""
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    size = next(x for x in info.stdout.splitlines() if x.startswith("Page size:")).split()
    width, height = float(size[2]), float(size[4])
    crop = ["-x", str(int(width * column / columns)), "-y", "0"]
    crop += ["-W", str(int(width / columns)), "-H", str(int(height))]
    done = subprocess.run(
        [str(PDFTOTEXT), *crop, str(path), "-"], capture_output=True, text=True, check=True
    )
    return [" ".join(page.split()) for page in done.stdout.split("\f") if page.strip()]


@pytest.mark.slow
@needs_tools
def test_prints_a_pdf_the_first_domain_on_page_one_then_a_page_per_domain(
    cli: Any, tmp_path: Path
) -> None:
    target = tmp_path / "handout.pdf"
    result = cli("protocols", "handout", "partnership-reflection", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert target.read_bytes().startswith(b"%PDF")
    pages = pdf_pages(target)
    builtin = catalog.find("partnership-reflection")[0]
    first = builtin.domains[0]
    # Page 1 is never the title and purpose alone: the first domain starts under them.
    assert builtin.title in pages[0] and first.title in pages[0]
    assert " ".join(first.questions[0].prompt.split()) in pages[0]
    for domain in builtin.domains[1:]:  # each later domain starts a page of its own
        assert any(page.startswith(domain.title) for page in pages), domain.title
    assert len(builtin.domains) <= len(pages) <= 2 * len(builtin.domains)


@pytest.mark.slow
@needs_tools
@pytest.mark.parametrize("lang", ["es", "en,es"])
def test_a_printed_handout_holds_every_spanish_question_and_a_box_per_choice(
    cli: Any, tmp_path: Path, lang: str
) -> None:
    target = tmp_path / "folleto.pdf"
    made = cli("protocols", "handout", "equitable-partnerships", "--lang", lang, "-o", str(target))
    assert made.exit_code == 0, made.stderr
    copies = len(lang.split(","))
    text = " ".join(pdf_pages(target, copies - 1, copies))  # Spanish: the last column
    protocol = catalog.find("equitable-partnerships")[0]
    spanish, _untranslated = translations.in_language(protocol, "es")
    for _domain, question in spanish.questions():
        assert " ".join(question.prompt.split()) in text, question.prompt
    choices = sum(len(q.choices) for _d, q in protocol.questions())
    whole = " ".join(pdf_pages(target))
    assert choices and whole.count("\u2610 ") == choices * copies  # a box to tick, not a bullet
    if copies == 2:
        english = " ".join(pdf_pages(target, 0, 2))
        assert "Which type best describes our partnership today?" in english
    assert len(pdf_pages(target)) <= 4 * len(protocol.domains)


def test_a_pdf_handout_with_no_browser_is_one_clear_line(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "bin").mkdir()
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    target = tmp_path / "folleto.pdf"
    result = cli("protocols", "handout", "equitable-partnerships", "-o", str(target))
    assert result.exit_code == 2 and not target.exists()
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "no Chromium or Chrome" in lines[0]
    named = cli(
        "protocols", "handout", "equitable-partnerships", "-o", str(target), "--browser", "nope"
    )
    assert named.exit_code == 2 and "--browser: no program at 'nope'" in named.stderr


def test_a_browser_that_fails_leaves_no_handout(cli: Any, tmp_path: Path) -> None:
    target = tmp_path / "folleto.pdf"
    failing = shutil.which("false") or "false"
    result = cli(
        "protocols", "handout", "equitable-partnerships", "-o", str(target), "--browser", failing
    )
    assert result.exit_code == 2 and "printed no PDF" in result.stderr
    assert not target.exists() and not list(tmp_path.glob(".folleto.pdf.*"))


def test_a_handout_in_two_languages_puts_each_question_beside_its_translation(
    cli: Any, tmp_path: Path
) -> None:
    from html.parser import HTMLParser

    out = tmp_path / "both.html"
    result = cli(
        "protocols", "handout", "equitable-partnerships", "--lang", "en,es", "-o", str(out)
    )
    assert result.exit_code == 0, result.stderr
    page = out.read_text(encoding="utf-8")

    class Rows(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.rows: list[list[str]] = []
            self.depth = 0
            self.in_row = False

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found = dict(attrs)
            css = found.get("class") or ""
            if tag == "div" and css.startswith("row "):
                self.in_row = css == "row question"
                if self.in_row:
                    self.rows.append([])
            elif self.in_row and tag == "div" and found.get("lang"):
                self.rows[-1].append(found["lang"] or "")

        def handle_endtag(self, tag: str) -> None:
            pass

    rows = Rows()
    rows.feed(page)
    assert len(rows.rows) == 15 and all(row == ["en", "es"] for row in rows.rows)
    first = page.index("Which type best describes our partnership today?")
    beside = page.index("¿Qué tipo describe mejor nuestra alianza hoy?")
    second = page.index("Which type of partnership do we want to grow into?")
    assert first < beside < second  # question by question, not one language after the other
    assert "Choose one:" in page and "Elija una:" in page
    assert "Scale 1 to 5: 1 = Not yet" in page and "Escala de 1 a 5: 1 = Todavía no" in page
    assert "<script" not in page and "default-src 'none'" in page


def test_a_spanish_handout_says_its_language_and_its_words(cli: Any, tmp_path: Path) -> None:
    out = tmp_path / "es.html"
    result = cli("protocols", "handout", "partnership-reflection", "--lang", "es", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    assert '<html lang="es">' in page
    assert "Antes de la reunión: Vean este video" in page and "(32 minutos)" in page
    assert "Before we meet" not in page and "Source:" not in page and "Fuente:" in page
    markdown = cli("protocols", "handout", "partnership-reflection", "--lang", "es")
    assert "Notas:" in markdown.stdout or "<html" in markdown.stdout
    unknown = cli(
        "protocols", "handout", "partnership-reflection", "--lang", "vi", "-o", str(out), "--force"
    )
    assert unknown.exit_code == 0 and "no vi translation" in unknown.stderr
    bad = cli("protocols", "handout", "partnership-reflection", "--lang", "spanish")
    assert bad.exit_code == 2 and "--lang" in bad.stderr and "Traceback" not in bad.stderr
