"""User text can never become structure: HTML elements, Markdown tables and lists, or a
spreadsheet formula. Each format is rendered twice, once with hostile text and once with
the same text made harmless, and the structure of the two must be the same."""

from __future__ import annotations

import csv
import html
import io
import sys
import types
from collections.abc import Iterable, Iterator
from html.parser import HTMLParser

import pytest
from markdown_it import MarkdownIt

from reflect_cli.model import (
    Action,
    AnswerRecord,
    DomainRecord,
    Note,
    Participant,
    ProtocolRef,
    Session,
    SessionStatus,
)
from reflect_cli.render import export as exporting
from reflect_cli.render.export.redact import RedactionError

#: Markup of every kind a person could type: HTML elements (any, not a short list), a
#: table's cell separator, list and heading marks at a line's start, formula starts.
HOSTILE = [
    "<b>bold</b> <i>it</i> <custom-tag x=1>t</custom-tag> <!-- c --> <svg><a>",
    "a | b | c",
    "- not a list",
    "+ nor this",
    "1. nor this",
    "# nor a heading",
    "@SUM(A1)",
    "=1+1",
    "+41 555",
    "-2 degrees",
]


def harmless(text: str) -> str:
    """The same text with nothing that could be markup."""
    return "".join(c if c.isalnum() or c == " " else "x" for c in text)


def session(said: list[str]) -> Session:
    lines = "\n".join(said)
    return Session(
        id="2026-09-01-x",
        protocol=ProtocolRef("tiny", 1, "Tiny"),
        collaborative=said[1],
        site=said[0],
        date="2026-09-01",
        status=SessionStatus.COMPLETE,
        participants=[
            Participant("Ana Ruiz", said[1], said[0], "ar"),
            Participant("Bo Li", said[0], said[2], "bl"),
        ],
        domains=[
            DomainRecord("d", "Domain", [AnswerRecord("q", "What?", answer=lines, credits=["ar"])])
        ],
        actions=[Action(text, "ar", note=said[1]) for text in said],
        notes=[Note(text, "q") for text in said],
    )


def document(fmt: str, said: list[str], excel: bool = False) -> str:
    options = exporting.Options(include_private=True, excel=excel)
    return "".join(exporting.render([session(said)], fmt, options))


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_endtag(self, tag: str) -> None:
        self.tags.append("/" + tag)

    def handle_comment(self, data: str) -> None:
        self.tags.append("<!--")


def elements(page: str) -> list[str]:
    parser = Tags()
    parser.feed(page)
    return parser.tags


def test_html_user_text_adds_no_element_anywhere() -> None:
    page = document("html", HOSTILE)
    assert elements(page) == elements(document("html", [harmless(t) for t in HOSTILE]))
    assert "<b>bold</b>" in html.unescape(page)  # shown as typed, as text


def markdown_structure(text: str) -> list[str]:
    tokens = MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(text)
    return [t.type for t in tokens]


def test_markdown_user_text_adds_no_table_cell_list_or_heading() -> None:
    text = document("md", HOSTILE)
    assert markdown_structure(text) == markdown_structure(
        document("md", [harmless(t) for t in HOSTILE])
    )
    # Extra cells of a row are dropped by a Markdown reader: the text must be one cell.
    shown = MarkdownIt("commonmark").enable("table").render(text)
    assert "<td>a | b | c</td>" in shown
    assert "<p>- not a list" in shown or "<br />\n- not a list" in shown


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))


def test_csv_for_excel_makes_every_formula_start_text() -> None:
    plain, excel = rows(document("csv", HOSTILE)), rows(document("csv", HOSTILE, excel=True))
    assert len(plain) == len(excel)
    starts = 0
    for plain_row, excel_row in zip(plain, excel, strict=True):
        for cell, shown in zip(plain_row, excel_row, strict=True):
            if cell[:1] in ("=", "+", "-", "@"):
                starts += 1
                assert shown == "'" + cell, cell
            else:
                assert shown == cell
    assert starts >= 4  # each of = + - @ met


# -- the check after rendering is on the export path ------------------------------------


def leaky_render(sessions: Iterable[Session], options: exporting.Options) -> Iterator[str]:
    """An exporter with a bug: it decodes HTML character references in what people said,
    so "&#77;onica" (not a name to the redactor) is printed as "Monica"."""
    for each in sessions:
        for _, question in each.answers():
            yield html.unescape(str(question.answer)) + "\n"


def test_the_check_after_rendering_refuses_what_an_exporter_let_through(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    module = types.ModuleType("reflect_cli.render.export.leaky")
    module.render = leaky_render  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, module.__name__, module)
    monkeypatch.setitem(exporting.FORMATS, "leaky", "leaky")
    monkeypatch.setitem(exporting.PLAIN, "leaky", lambda text: text)
    said = session(["Northgate", "Library", "Parent"])
    said.domains[0].questions[0].answer = "&#77;onica said so"
    said.participants.append(Participant("Monica Haugen", "Parks", "Lead", "mh"))
    found = exporting.redactor([said])
    options = exporting.Options(redact=True)
    with pytest.raises(RedactionError, match="line 1 of the leaky export"):
        "".join(exporting.render([said], "leaky", options, found))
