"""``html_text``: a page's (and a Markdown note's) text as a browser or a Markdown viewer
draws it, found by `check-names`: text drawn backwards, a template never drawn, MathML's
and an SVG's letters drawn as one word, text placed off the page or drawn unseen, a
Markdown comment, link or highlight inside a word."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import make_session, planted

PEOPLE = [
    "Grace Kim | Kent Youth and Family Services | Counselor",
    "Monica Haugen | Seattle Parks and Recreation | Site lead",
]


@pytest.fixture
def folder(sessions_dir: Path) -> Path:
    make_session(sessions_dir, "partnership-reflection", people=PEOPLE)
    return sessions_dir


DRAWN = [
    (".html", '<bdo dir="rtl">acinoM</bdo> Haugen', "Monica Haugen"),
    (".html", "Mon<bdo dir='rtl'>aci</bdo>", "Monica"),
    (".html", '<span style="unicode-bidi:bidi-override; direction: rtl">acinoM</span>', "Monica"),
    (
        ".html",
        "<style>.r{direction:rtl;unicode-bidi:bidi-override}</style>Hau<b class=r>neg</b>",
        "Haugen",
    ),
    (".html", "Mon<template>xx</template>ica", "Monica"),
    (
        ".html",
        "<math><mi>M</mi><mi>o</mi><mi>n</mi><mi>i</mi><mi>c</mi><mi>a</mi></math>",
        "Monica",
    ),
    (".html", "<svg><text>Mon<tspan>ica</tspan></text></svg>", "Monica"),
    (".svg", "<svg><text>Hau<tspan>gen</tspan></text></svg>", "Haugen"),
    (".html", "Mon<span style='position:absolute;left:-9999px'>xx</span>ica", "Monica"),
    (".html", "<span style='position:absolute;left:-9999px'>Grace Kim</span>", "Grace Kim"),
    (".html", "Mon<span style='width:0;overflow:hidden'>xx</span>ica", "Monica"),
    (".html", "Mon<span style='overflow: hidden; height: 0'>xx</span>ica", "Monica"),
    (".html", "Mon<span style='color:transparent'>xx</span>ica", "Monica"),
    (".html", "Mon<span style='font-size:1px'>xx</span>ica", "Monica"),
    (".html", "Mon<span style='color:transparent'>ica</span>", "Monica"),
    (".md", "M<!-- -->onica", "Monica"),
    (".md", "Hau<!-- note -->gen", "Haugen"),
    (".md", "[Mon](https://x.org)ica", "Monica"),
    (".md", "[Mon][1]ica\n\n[1]: https://x.org", "Monica"),
    (".md", "==Mon==ica", "==Mon==ica"),  # read through by every matcher (in_word)
    (".md", '<bdo dir="rtl">acinoM</bdo>', "Monica"),
]


@pytest.mark.parametrize(("suffix", "typed", "shown"), DRAWN)
def test_a_name_drawn_whole_is_found(
    cli: Any, folder: Path, tmp_path: Path, suffix: str, typed: str, shown: str
) -> None:
    page, places = planted(cli, tmp_path, f"page{suffix}", typed)
    assert any(p.startswith(f"{page}:2: '{shown}'") for p in places), places


def test_a_page_and_a_note_drawing_no_name_are_clean(
    cli: Any, folder: Path, tmp_path: Path
) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        '<bdo dir="rtl">naroJ</bdo> <math><mi>x</mi><mo>=</mo><mn>2</mn></math>\n'
        "<span style='width:0'>Mon</span> <span style='left:-20px'>ica</span>\n",
        encoding="utf-8",
    )
    note = tmp_path / "note.md"
    note.write_text("[Jordan](https://x.org) Lee, ==x== and a++b\n", encoding="utf-8")
    result = cli("check-names", str(page), str(note))
    assert result.exit_code == 0, result.stdout + result.stderr


def test_text_drawn_backwards_is_read_turned_where_it_stands() -> None:
    from reflect_cli.render.export.html_text import inline_tags_out, plain

    assert "Monica Haugen" in plain('<p><bdo dir="rtl">acino&#77;</bdo> Haugen</p>')
    assert "Monica" in inline_tags_out('Mon<bdo dir="rtl">aci</bdo>')
    assert "Monica" in plain("M<bdo dir=rtl>a<span hidden>x</span>cino</bdo>")


def test_text_drawn_backwards_nested_too_deep_is_refused_in_one_line(
    cli: Any, folder: Path, tmp_path: Path
) -> None:
    """A thousand elements drawn backwards inside one another (a hostile page) ran out
    of Python's stack: refused in one line, exit 2, never read as clean."""
    page = tmp_path / "deep.html"
    page.write_text("<p>" + '<bdo dir="rtl">' * 1000 + "acinoM" + "</bdo>" * 1000 + "</p>")
    found = cli("check-names", str(page))
    assert found.exit_code == 2 and found.stdout == ""
    assert found.stderr.count("\n") == 1 and "Traceback" not in found.stderr, found.stderr


@pytest.mark.parametrize(
    "page",
    [
        "<p>We thanked Hau-<br>gen today</p>",
        "<p>We thanked Hau-</p><p>gen today</p>",
        "<table><tr><td>Hau-<br />gen</td></tr></table>",
        "<p>Thanks Mon&shy;<br>ica</p>",
    ],
)
def test_a_name_broken_at_a_hyphen_where_the_page_breaks_the_line_is_found(
    cli: Any, folder: Path, tmp_path: Path, page: str
) -> None:
    """A line break of the page's own (``<br>``, a paragraph's end) after a hyphen: the
    word is read whole, as a reader reads it."""
    document = tmp_path / "page.html"
    document.write_text(page, encoding="utf-8")
    assert cli("check-names", str(document)).exit_code == 2
    clean = tmp_path / "clean.html"
    clean.write_text("<p>We formed a co-<br>op and a sub-</p><p>committee.</p>", encoding="utf-8")
    assert cli("check-names", str(clean)).exit_code == 0
