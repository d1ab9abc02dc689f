"""The pre-meeting handout: every question of the protocol with its help, room for notes,
one page per domain; inert whatever the protocol file says."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from reflect_cli.protocols import catalog
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
    assert bad.exit_code == 2 and "a handout is .html or .md" in bad.stderr
    assert cli("protocols", "handout", "partnership-reflection").stdout.startswith("<!DOCTYPE")


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("chromium") is None, reason="Chromium is not installed here")
def test_prints_one_page_per_domain(cli: Any, tmp_path: Path) -> None:
    target = tmp_path / "handout.html"
    assert cli("protocols", "handout", "partnership-reflection", "-o", str(target)).exit_code == 0
    pdf = tmp_path / "handout.pdf"
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]
    subprocess.run(
        [
            "chromium",
            *flags,
            "--disable-background-networking",
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--print-to-pdf={pdf}",
            "--no-pdf-header-footer",
            target.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert pdf.read_bytes().startswith(b"%PDF")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    pages = int(next(x for x in info.stdout.splitlines() if x.startswith("Pages:")).split()[1])
    assert pages == 1 + 5  # the purpose and the video, then each of the five domains


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
