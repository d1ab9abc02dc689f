"""`reflect export` in every format: content, hostile text inert, redaction, privacy."""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from conftest import HOSTILE, PARTNERSHIP_DOMAINS
from labels import uncoded
from reflect_cli.records.store import Store

NAMES = [
    "Monica Haugen",
    "Monica",
    "Haugen",
    "Shana Beckwith",
    "Shana",
    "Beckwith",
    "Jo Park",
    "Ana Ruiz",
    "Alex Rivera",
    "monica",
    "shana",
    "ana",
]


class Elements(HTMLParser):
    """Every element and attribute in a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def export(cli: Any, *args: str) -> str:
    result = cli("export", *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout  # type: ignore[no-any-return]


def test_markdown_single_session(cli: Any, sessions: dict[str, str]) -> None:
    text = export(cli, sessions["hostile"])
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    heads = [
        (t.tag, "".join(c.content for c in tokens[i + 1].children or []))
        for i, t in enumerate(tokens)
        if t.type == "heading_open"
    ]
    assert heads[0] == (
        "h1",
        "Reflection on a Human-Centered Approach to Partnership: Northgate Elementary OST",
    )
    assert [h for tag, h in heads if tag == "h2"] == [
        "Who took part",
        *PARTNERSHIP_DOMAINS,
        "Commitments",
        "Participation",
    ]
    html = MarkdownIt("commonmark").render(text)
    assert "<script>" not in html and "<img" not in html and 'href="javascript' not in html
    assert "Private: Jo seemed upset" not in text
    assert "Adapted in collaboration with School’s Out Washington" in text
    assert "Invite \\<b\\>families\\</b\\>" in text and "owner: Jo Park" in text


def test_markdown_many_sessions_over_time(
    cli: Any, sessions: dict[str, str], sessions_dir: Path
) -> None:
    store = Store(sessions_dir)
    second = store.load(sessions["second"])
    second.follow_up[0].status = "done"
    store.save(second)
    text = export(cli, "--protocol", "equitable-partnerships")
    assert text.index("**2026-09-15**") < text.index("**2026-11-20**")
    first_row = (
        "| 2026-09-15 | Northgate Elementary OST | Cooperative | Integrated | 2 of 5 — Starting |"
    )
    assert first_row in text
    assert (
        "| 2026-11-20 | Northgate Elementary OST | Collaborative | Integrated | 4 of 5 — Mostly |"
        in (text)
    )
    assert (
        "- [x] Share the space calendar (owner: Shana Beckwith; due 2026-10-01; "
        "made 2026-09-15; done as of 2026-11-20)" in text
    )
    assert "| Seattle Parks and Recreation | 1 |" in text


def test_html_is_inert_self_contained_and_printable(cli: Any, sessions: dict[str, str]) -> None:
    page = export(cli, "--format", "html", "--include-private")
    parsed = Elements()
    parsed.feed(page)
    tags = [t for t, _ in parsed.tags]
    assert "script" not in tags and "img" not in tags and "iframe" not in tags
    assert not [a for _, attrs in parsed.tags for a, _ in attrs if a.startswith("on")]
    assert not [v for _, attrs in parsed.tags for a, v in attrs if a in ("src", "href")]
    csp = [
        dict(attrs).get("content")
        for t, attrs in parsed.tags
        if t == "meta" and ("http-equiv", "Content-Security-Policy") in attrs
    ]
    assert csp and "default-src 'none'" in csp[0] and "script" not in csp[0]
    assert "@media print" in page and "<svg" in page
    text = "".join(parsed.text)
    assert "<script>document.title='pwned'</script>" in text
    assert "Private: Jo seemed upset" in text


def test_csv_reads_back_cell_by_cell(cli: Any, sessions: dict[str, str], tmp_path: Path) -> None:
    target = tmp_path / "answers.csv"  # a real file: CliRunner's stdout folds \r\n
    assert cli("export", sessions["hostile"], "-o", str(target)).exit_code == 0
    with target.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 8
    first = rows[0]
    # Control characters read as escapes (the record keeps them exactly); a speaker's
    # handle before their words is shown as their name.
    named = HOSTILE.replace("monica:", "Monica Haugen:").replace("shana:", "Shana Beckwith:")
    assert first["answer"] == named.replace("jo:", "Jo Park:").replace("\x1b", "\\x1b")
    assert first["question_id"] == "shared-values"
    assert first["credits"] == "Monica Haugen; Shana Beckwith; Jo Park"
    assert first["session_id"] == sessions["hostile"] and first["kind"] == "text"
    excel = cli("export", sessions["hostile"], "-f", "csv", "--excel").stdout
    assert excel.startswith("\ufeff")


def test_csv_private_notes_are_rows_only_when_asked(
    cli: Any, sessions: dict[str, str], tmp_path: Path
) -> None:
    target = tmp_path / "private.csv"
    asked = cli("export", sessions["hostile"], "--include-private", "-o", str(target))
    assert asked.exit_code == 0, asked.stderr
    with target.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    notes = [r for r in rows if r["kind"] == "private-note"]
    assert [n["answer"] for n in notes] == ["Private: Jo seemed upset"]
    assert notes[0]["session_id"] == sessions["hostile"] and notes[0]["redacted"] == "no"
    assert len(rows) == 9  # the eight answer rows, and the note
    plain = export(cli, sessions["hostile"], "-f", "csv")
    assert "private-note" not in plain and "seemed upset" not in plain
    redacted = export(cli, sessions["hostile"], "-f", "csv", "--redact", "--include-private")
    note = [r for r in csv.DictReader(io.StringIO(redacted)) if r["kind"] == "private-note"]
    # (The PTA is named for the place: "Northgate" is the collaborative's.)
    assert uncoded(note[0]["answer"]) == "Private: Collaborative PTA (Parent) seemed upset"


def test_csv_excel_neutralises_formulas(cli: Any, sessions_dir: Path) -> None:
    from conftest import make_session

    sid = make_session(
        sessions_dir, "partnership-reflection", answers={"shared-values": '=HYPERLINK("x")'}
    )
    plain = list(csv.reader(io.StringIO(export(cli, sid, "-f", "csv"), newline="")))
    excel = list(
        csv.reader(
            io.StringIO(export(cli, sid, "-f", "csv", "--excel").lstrip("\ufeff"), newline="")
        )
    )
    assert plain[1][10] == '=HYPERLINK("x")' and excel[1][10] == '\'=HYPERLINK("x")'


def test_json_keeps_schema(cli: Any, sessions: dict[str, str]) -> None:
    data = json.loads(export(cli, "-f", "json", "--include-drafts"))
    assert len(data) == 4 and all(r["schema"] == "reflect/session-v1" for r in data)
    assert all(r["notes"] == [] for r in data)
    with_notes = json.loads(export(cli, "-f", "json", "--include-private", sessions["hostile"]))
    assert with_notes[0]["notes"][0]["text"] == "Private: Jo seemed upset"


@pytest.mark.parametrize("fmt", ["md", "html", "csv", "json"])
def test_redact_leaves_no_name_or_handle(cli: Any, sessions: dict[str, str], fmt: str) -> None:
    out = export(cli, "-f", fmt, "--redact", "--include-private")
    for name in NAMES:  # as a word: the protocol's help text says "management"
        assert not re.search(rf"\b{re.escape(name)}\b", out), f"{name!r} in {fmt}"
    assert "Seattle Parks and Recreation (Site lead)" in uncoded(out)
    assert "Collaborative PTA (Parent)" in uncoded(out)  # "Northgate" is the place's


def test_output_file_suffix_and_force(cli: Any, sessions: dict[str, str], tmp_path: Path) -> None:
    target = tmp_path / "summary.html"
    assert cli("export", "-o", str(target)).exit_code == 0
    assert target.read_text().startswith("<!DOCTYPE html>")
    again = cli("export", "-o", str(target))
    assert again.exit_code == 2 and "--force" in again.stderr
    assert cli("export", "-o", str(target), "--force", "-f", "md").exit_code == 0
    assert target.read_text().startswith("# ")
    assert cli("export", "-f", "pdf").exit_code == 2
    assert cli("export", "--collaborative", "nobody").exit_code == 2


#: What a paste can carry: a terminal hyperlink (OSC 8), clear screen, a bell, a C1 CSI,
#: NUL, DEL and a Unicode line separator.
CONTROLS = (
    "Pasted \x1b]8;;http://evil\x07click\x1b]8;;\x07 then \x1b[2J gone\x9b31m, \x00, \x7f,"
    " \u2028 end"
)
RAW = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def unescaped(markdown: str) -> str:
    """Markdown as a reader sees it: backslash escapes undone."""
    return re.sub(r"\\(.)", r"\1", markdown, flags=re.DOTALL)


def test_control_characters_shown_as_escapes_record_kept(
    cli: Any, sessions_dir: Path, tmp_path: Path
) -> None:
    from conftest import make_session

    sid = make_session(
        sessions_dir,
        "partnership-reflection",
        answers={"shared-values": f"jo: {CONTROLS}"},
        actions=[],
    )
    store = Store(sessions_dir)
    kept = store.session(next(s for s in store.summaries()[0] if s.id == sid))
    assert kept.domains[0].questions[0].answer == f"jo: {CONTROLS}"  # nothing lost
    beside = next(sessions_dir.glob(f"{sid}.md")).read_text(encoding="utf-8")
    assert RAW.findall(beside) == []
    assert r"\x1b]8;;http://evil\x07click" in unescaped(beside)
    for fmt in ("md", "html", "csv", "json"):
        target = tmp_path / f"out.{fmt}"
        assert cli("export", sid, "-o", str(target)).exit_code == 0
        raw = target.read_text(encoding="utf-8")
        if fmt == "csv":
            raw = raw.replace("\r\n", "\n")
        assert RAW.findall(raw) == [], fmt
        if fmt == "json":  # JSON escapes read back exactly (the speaker shown by name)
            answer = json.loads(raw)[0]["domains"][0]["questions"][0]["answer"]
            assert answer == f"Jo Park: {CONTROLS}"
        else:
            shown = unescaped(raw) if fmt == "md" else raw
            assert r"\x1b]8;;http://evil\x07click" in shown, fmt
            assert r"\x1b[2J gone\x9b31m, \x00, \x7f," in shown, fmt  # U+2028: a new line


def test_html_over_time_lists_multi_choice_labels_one_a_line(cli: Any, sessions_dir: Path) -> None:
    from conftest import make_session

    resources = (
        "Resource-sharing (space, meeting time, staff) to improve coordination and communication"
    )
    for date in ("2026-09-01", "2026-10-01"):
        make_session(
            sessions_dir,
            "equitable-partnerships",
            date=date,
            answers={
                "partnership-type-now": "Cooperative",
                "helping-factors": ["Strong relationships and trust", resources],
            },
        )
    page = export(cli, "-f", "html")
    over_time = page[page.index("<h2>Over time") :]
    cell = (
        '<td><ul class="cell"><li>Strong relationships and trust</li>'
        f"<li>{resources}</li></ul></td>"
    )
    assert over_time.count(cell) == 2
