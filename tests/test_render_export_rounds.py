"""Rounds in every export and in `show`: parsed back, exact where it matters, redacted."""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from labels import PERSON, uncoded
from reflect_cli.errors import SessionInterrupted
from rounds_fixtures import ROSTER, STORY, TRUST, TYPE, participants_yaml, write_protocol

PEOPLE = participants_yaml()

FIRST = """
collaborative: Northgate OST
site: Lincoln Annex
facilitator: Alex Rivera
date: 2026-09-15
answers:
  trust: {ratings: {mh: 4, shana: 2, ana: 3, hope: pass}, answer: "shana: we are told, not asked."}
  type: {ratings: {mh: Cooperative, shana: Collaborative, ana: Collaborative, hope: Cooperative}}
"""
SECOND = """
collaborative: Northgate OST
site: Lincoln Annex
facilitator: Alex Rivera
date: 2026-11-23
answers:
  trust: {ratings: {mh: 4, shana: 4, ana: 5, hope: 4}}
  type: {ratings: {mh: Collaborative, shana: Collaborative, ana: Integrated, hope: Collaborative}}
"""
NAMES = ["Monica", "Haugen", "Shana", "Beckwith", "Ana Ruiz", "Hope Lee", "Alex Rivera"]


@pytest.fixture
def rounds(cli: Any, tmp_path: Path) -> dict[str, str]:
    """Two sessions of the rounds protocol: named trust ratings, anonymous type ratings."""
    folder = write_protocol(tmp_path / "qs", TRUST, TYPE, STORY)
    ids = {}
    for name, text in (("first", FIRST), ("second", SECOND)):
        answers = tmp_path / f"{name}.yaml"
        answers.write_text(text + PEOPLE, encoding="utf-8")
        result = cli(
            "start",
            "rounds",
            "--questions-dir",
            str(folder),
            "--answers",
            str(answers),
            "--no-input",
        )
        assert result.exit_code == 0, result.stderr
        ids[name] = Path(result.stdout.strip()).stem
    return ids


def export(cli: Any, *args: str) -> str:
    result = cli("export", *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout  # type: ignore[no-any-return]


class Svg(HTMLParser):
    """Each SVG's circles (their fill) and every script or event handler."""

    def __init__(self) -> None:
        super().__init__()
        self.plots: list[list[str]] = []
        self.scripts = 0
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "svg" and found.get("class") == "dots":
            self.plots.append([])
        if tag == "circle":
            self.plots[-1].append(found["fill"] or "")
        if tag == "script" or any(k.startswith("on") for k in found):
            self.scripts += 1

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_draws_one_circle_per_rating(cli: Any, rounds: dict[str, str]) -> None:
    page = Svg()
    page.feed(export(cli, rounds["first"], "--format", "html"))
    assert [len(p) for p in page.plots] == [3, 4]  # trust: 3 rated, 1 passed; type: 4
    assert page.scripts == 0
    text = " ".join(page.text)
    assert (
        "Partners see this differently: Seattle Parks and Recreation median 4, "
        "STEMPaths Innovation Network median 2"
    ) in text
    assert "3 rated, 1 passed · median 3 (Borderline) · range 2 to 4 · IQR 1" in text
    # In this anonymous round no organization holds three ratings (Parks two, Shana and
    # Ana alone in theirs): shown overall only, every dot in grey.
    assert sorted(page.plots[1]) == ["#BBBBBB"] * 4


def test_html_over_time_draws_the_median_line(cli: Any, rounds: dict[str, str]) -> None:
    page = export(cli, "--format", "html")
    assert "<h2>Ratings over time</h2>" in page
    assert page.count('class="trend"') == 1  # the scale round; the choice round is a table
    assert "<td>2026-09-15</td><td>3</td><td>3</td><td>2–4</td>" in page


def test_json_round_objects_are_exact(cli: Any, rounds: dict[str, str]) -> None:
    (record,) = json.loads(export(cli, rounds["first"], "--format", "json"))
    trust, kind, story = record["domains"][0]["questions"]
    assert trust["round"] == {
        "kind": "named",
        "n": 3,
        "passed": 1,
        "median": 3,
        "mean": 3,
        "min": 2,
        "max": 4,
        "by_organization": {
            "Northgate Elementary": {"n": 1, "median": 3},
            "STEMPaths Innovation Network": {"n": 1, "median": 2},
            "Seattle Parks and Recreation": {"n": 1, "median": 4},
        },
        "by_sector": {},
        "iqr": 1,
        "away": 2,
        "gap": 2,
        "divergent": True,
        "band": "Borderline",
    }
    assert trust["ratings"] == [
        {"participant": "mh", "value": 4},
        {"participant": "shana", "value": 2},
        {"participant": "ana", "value": 3},
    ]
    assert kind["round"] == {
        "kind": "anonymous",
        "n": 4,
        "passed": 0,
        "counts": {"Cooperative": 2, "Collaborative": 2, "Integrated": 0},
        "by_organization": {},  # no organization holds three ratings: overall only
        "overall_only": True,
        "divergent": True,
    }
    assert all("participant" not in r for r in kind["ratings"])
    # Parks' two could each read the other's from a group of two: no organization at all.
    assert all("organization" not in r for r in kind["ratings"])
    assert "round" not in story


def test_json_export_still_reads_as_records(cli: Any, rounds: dict[str, str]) -> None:
    from reflect_cli.records import codec

    (record,) = json.loads(export(cli, rounds["first"], "--format", "json"))
    session = codec.from_dict(record, "export.json")
    assert [r.value for r in session.domains[0].questions[0].ratings] == [4, 2, 3]


def test_csv_has_a_row_per_rating(cli: Any, rounds: dict[str, str]) -> None:
    rows = list(csv.DictReader(io.StringIO(export(cli, rounds["first"], "--format", "csv"))))
    trust = [r for r in rows if r["question_id"] == "trust"]
    assert [(r["participant"], r["organization"], r["value"]) for r in trust] == [
        ("", "", ""),  # the question's own row: its discussion
        ("Monica Haugen", "Seattle Parks and Recreation", "4"),
        ("Shana Beckwith", "STEMPaths Innovation Network", "2"),
        ("Ana Ruiz", "Northgate Elementary", "3"),
    ]
    # Her name, not her handle, before her words.
    assert trust[0]["answer"] == "Shana Beckwith: we are told, not asked."
    kind = [r for r in rows if r["question_id"] == "type" and r["value"]]
    assert len(kind) == 4 and all(r["participant"] == "" for r in kind)
    assert {r["organization"] for r in kind} == {""}
    assert (
        sorted(r["value"] for r in kind) == ["Collaborative", "Collaborative"] + ["Cooperative"] * 2
    )


def test_markdown_shows_the_round_and_the_flag(cli: Any, rounds: dict[str, str]) -> None:
    text = export(cli, rounds["first"])
    assert "**Round (named):** 3 rated, 1 passed · median 3 (Borderline) · range 2 to 4" in text
    assert "- Seattle Parks and Recreation: median 4 (n 1)" in text
    assert "**⚑ Partners see this differently: Seattle Parks and Recreation median 4," in text
    many = export(cli)
    assert "## Ratings over time" in many
    # 4, 4, 5, 4: one partner a point above the rest is agreement, not flagged.
    over_time = "| 2026-11-23 | Northgate OST | 4 | 4 | 4–5 |"
    row = next(line for line in many.splitlines() if line.startswith(over_time))
    assert not row.endswith("yes |")


def test_redaction_turns_named_ratings_into_labels(cli: Any, rounds: dict[str, str]) -> None:
    rows = list(
        csv.DictReader(io.StringIO(export(cli, rounds["first"], "--format", "csv", "--redact")))
    )
    raters = [uncoded(r["participant"]) for r in rows if r["question_id"] == "trust" and r["value"]]
    assert raters == [
        "Seattle Parks and Recreation (Site lead)",
        "STEMPaths Innovation Network (Director)",
        "Collaborative Elementary (Counselor)",  # "Northgate" is Northgate OST's
    ]
    for fmt in ("md", "html", "json", "csv"):
        document = export(cli, "--format", fmt, "--redact")
        for name in NAMES:
            assert name not in document, (fmt, name)
    (record,) = json.loads(export(cli, rounds["first"], "--format", "json", "--redact"))
    trust = record["domains"][0]["questions"][0]
    ids = {p["handle"] for p in record["participants"]}
    assert {r["participant"] for r in trust["ratings"]} <= ids
    assert all(re.fullmatch(rf"person-{PERSON.lower()}", i) for i in ids)
    assert trust["round"]["by_organization"]["Seattle Parks and Recreation"] == {
        "n": 1,
        "median": 4,
    }


def test_show_lists_named_ratings(cli: Any, rounds: dict[str, str]) -> None:
    result = cli("show", rounds["first"])
    assert result.exit_code == 0, result.stderr
    out = " ".join(result.stdout.split())
    assert "Round (named): 3 rated, 1 passed · median 3 (Borderline) · range 2 to 4" in out
    assert "Ratings: Monica Haugen: 4; Shana Beckwith: 2; Ana Ruiz: 3; Hope Lee: passed" in out
    assert "Round (anonymous): 4 rated · Cooperative 2, Collaborative 2" in out
    assert "Partners see this differently: no option has a majority" in out


def test_hostile_organization_names_stay_text_in_the_svg(
    cli: Any, rounds: dict[str, str], sessions_dir: Path
) -> None:
    path = sessions_dir / f"{rounds['first']}.yaml"
    text = path.read_text(encoding="utf-8")
    hostile = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    path.write_text(text.replace("Northgate Elementary", hostile), encoding="utf-8")
    page = Svg()
    document = export(cli, rounds["first"], "--format", "html")
    page.feed(document)
    assert page.scripts == 0
    assert hostile in "".join(page.text)  # shown as the text it is


def test_search_finds_ratings_like_any_answer(cli: Any, rounds: dict[str, str]) -> None:
    result = cli("search", "Cooperative")
    assert result.exit_code == 0, result.stderr
    lines = [line.strip() for line in result.stdout.splitlines()]
    # Anonymous: found by organization only, never by who gave it.
    assert lines.count("Anonymous: Cooperative") == 2  # Parks' two: no group of two shown
    assert "Seattle Parks and Recreation: Cooperative" not in lines
    assert not any(line.startswith(("Monica", "Hope")) for line in lines)
    named = cli("search", "Shana")
    assert "Shana Beckwith: 2" in named.stdout


def test_equitable_partnerships_with_four_partners_from_three_organizations(
    cli: Any, sessions_dir: Path
) -> None:
    """The meeting the issue asks for: the type question anonymously, the hallmarks as
    named rounds, the spread seen at once, and an HTML summary that shows the differences."""
    from reflect_cli.protocols import catalog
    from reflect_cli.records.store import Store
    from reflect_cli.session.console import ScriptedConsole
    from reflect_cli.session.flow import Facilitator
    from reflect_cli.session.prefill import Plan, add_participants

    protocol, _ = catalog.find("equitable-partnerships")
    made = Plan(
        collaborative="Northgate OST", site="Lincoln Annex", facilitator="F", date="2026-11-23"
    )
    add_participants(
        made,
        [
            "Monica Haugen | Seattle Parks and Recreation | Site lead | mh",
            "Shana Beckwith | STEMPaths Innovation Network | Director | shana",
            "Ana Ruiz | Northgate Elementary | Counselor | ana",
            "Hope Lee | Seattle Parks and Recreation | Coach | hope",
        ],
    )
    lines = [
        "/round anonymous",  # partnership type today: pass the laptop
        "2",
        "coll",
        "3",
        "/pass",
        "",
        "mh 3, shana 3, ana 2, hope 3",  # type wanted: named, everyone at once
        "",
        "",  # the path: no answer
        "4",  # shared leadership, in turn
        "1",
        "3",
        "5",
        "shana: we are told, not asked.",
        "",
        "mh 3, shana 3, ana 3, hope 3",  # coordination: everyone agrees
        "",
        "/pause",
    ]
    console = ScriptedConsole(lines)
    with pytest.raises(SessionInterrupted):
        Facilitator(console, Store(sessions_dir), protocol, made).start()
    shown = "\n".join(console.shown)
    assert (
        "Partners see this differently: Seattle Parks and Recreation median 4.5, "
        "STEMPaths Innovation Network median 1"
    ) in shown
    assert "4 rated · median 3 (Partly) · range 3" in shown  # coordination: no flag after it
    html = Svg()
    session_id = next(sessions_dir.glob("*.yaml")).stem
    document = export(cli, session_id, "--format", "html", "--status", "draft")
    html.feed(document)
    assert [len(p) for p in html.plots] == [3, 4, 4, 4]
    text = " ".join(" ".join(html.text).split())
    assert text.count("Partners see this differently") == 1
    assert "Round (anonymous): 3 rated, 1 passed" in text


class Tables(HTMLParser):
    """Each table's rows: (inside thead, a header row) for every row."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[tuple[bool, bool]]] = []
        self.in_head = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "thead":
            self.in_head = True
        elif tag == "tr":
            self.tables[-1].append((self.in_head, False))
        elif tag == "th":
            self.tables[-1][-1] = (self.in_head, True)

    def handle_endtag(self, tag: str) -> None:
        if tag == "thead":
            self.in_head = False


def test_every_html_table_repeats_its_header_and_keeps_rows_whole(
    cli: Any, rounds: dict[str, str]
) -> None:
    page = export(cli, "--format", "html")
    tables = Tables()
    tables.feed(page)
    assert len(tables.tables) >= 4  # sessions, over time, two ratings over time
    for rows in tables.tables:
        assert rows[0] == (True, True)  # the header row, in a thead: repeated on each page
        assert all(not head for head, _ in rows[1:])
    assert "thead { display: table-header-group; }" in page
    # A trend over many sessions scales to the page instead of shrinking the whole PDF.
    assert re.search(r'<svg [^>]*class="trend"[^>]*viewBox="0 0 \d+ \d+"', page)
    assert "svg.trend, svg.chart { max-width: 100%; height: auto; }" in page
    assert re.search(r"@media print \{[^@]*\btr\b[^{]*\{ break-inside: avoid", page)


LONE = """
collaborative: Northgate OST
site: Lincoln Annex
facilitator: Alex Rivera
date: 2026-10-20
answers:
  trust: {ratings: {mh: 4, shana: 2, ana: 3, hope: 4}}
  type: {ratings: {mh: pass, shana: Integrated, ana: pass, hope: pass}}
"""


@pytest.fixture
def lone(cli: Any, rounds: dict[str, str], tmp_path: Path) -> str:
    """A third session whose anonymous round has a single rating (Shana's Integrated)."""
    answers = tmp_path / "lone.yaml"
    answers.write_text(LONE + PEOPLE, encoding="utf-8")
    args = ["start", "rounds", "--questions-dir", str(tmp_path / "qs")]
    result = cli(*args, "--answers", str(answers), "--no-input")
    assert result.exit_code == 0, result.stderr
    return Path(result.stdout.strip()).stem


def test_a_lone_anonymous_rating_is_in_no_export(cli: Any, lone: str, tmp_path: Path) -> None:
    withheld = "not enough ratings to show anonymously (n=1), 3 passed"
    for fmt in ("md", "html"):
        document = " ".join(export(cli, lone, "--format", fmt).split())
        assert withheld in document, fmt
        assert "Integrated" not in document, fmt
    page = Svg()
    page.feed(export(cli, lone, "--format", "html"))
    assert [len(p) for p in page.plots] == [4]  # trust's dots; none for the lone rating
    shown = cli("show", lone)
    assert withheld in " ".join(shown.stdout.split()) and "Integrated" not in shown.stdout
    (record,) = json.loads(export(cli, lone, "--format", "json"))
    kind = record["domains"][0]["questions"][1]
    assert kind["round"] == {
        "kind": "anonymous",
        "n": 1,
        "passed": 3,
        "withheld": True,
        "divergent": False,
    }
    assert kind["ratings"] == []
    rows = list(csv.DictReader(io.StringIO(export(cli, lone, "--format", "csv"))))
    assert [r["value"] for r in rows if r["question_id"] == "type"] == [""]
    found = cli("search", "Integrated").stdout
    assert lone not in found and "2026-11-23" in found  # the other session's Integrated
    # Over time: the session is a row that says so, and its options count nothing.
    many = export(cli, "--format", "md")
    assert "| 2026-10-20 | Northgate OST | 1 | · | · | · |  |" in many
    page_over_time = export(cli, "--format", "html")
    assert "<td>2026-10-20</td><td>1</td><td>·</td><td>·</td><td>·</td>" in page_over_time


@pytest.mark.slow
def test_a_lone_anonymous_rating_is_not_in_the_pdf(cli: Any, lone: str, tmp_path: Path) -> None:
    import shutil
    import subprocess

    if shutil.which("chromium") is None or shutil.which("pdftotext") is None:
        pytest.skip("chromium and pdftotext are not installed")
    target = tmp_path / "lone.pdf"
    result = cli("export", lone, "-o", str(target))
    assert result.exit_code == 0, result.stderr
    text = subprocess.run(
        ["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "not enough ratings to show anonymously (n=1)" in " ".join(text.split())
    assert "Integrated" not in text


class Dots(HTMLParser):
    """Every dot of every dot plot as (fill, organization from its title, letter)."""

    def __init__(self) -> None:
        super().__init__()
        self.dots: list[tuple[str, str, str]] = []
        self.legends: list[str] = []
        self._in: str = ""
        self._fill = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "circle":
            self._fill = found["fill"] or ""
        elif tag == "title" and self._fill:
            self._in = "title"
        elif tag == "text" and found.get("aria-hidden") == "true":
            self._in = "letter"
        elif tag == "text" and found.get("class") == "legend":
            self._in = "legend"

    def handle_data(self, data: str) -> None:
        if self._in == "title":
            self.dots.append((self._fill, data.rsplit(": ", 1)[0], ""))
        elif self._in == "letter":
            fill, org, _ = self.dots[-1]
            self.dots[-1] = (fill, org, data)
            self._fill = ""
        elif self._in == "legend":
            self.legends.append(data)
        self._in = ""


TWO_ORGANIZATIONS = """
collaborative: Northgate OST
site: Lincoln Annex
facilitator: Alex Rivera
date: 2026-10-01
answers:
  trust: {ratings: {mh: 5, shana: 2, ana: pass, hope: 5}}
"""


def test_an_organization_has_one_colour_and_letter_in_every_plot(
    cli: Any, rounds: dict[str, str], tmp_path: Path
) -> None:
    # A session where Northgate Elementary passed: its plot has two organizations only.
    answers = tmp_path / "two.yaml"
    answers.write_text(TWO_ORGANIZATIONS + PEOPLE, encoding="utf-8")
    args = ["start", "rounds", "--questions-dir", str(tmp_path / "qs"), "--answers"]
    assert cli(*args, str(answers), "--no-input").exit_code == 0
    page = Dots()
    page.feed(export(cli, "--format", "html"))
    assert len(page.dots) == 3 + 4 + 3 + 4 + 4  # every rating of the three sessions
    marks = {org: {(fill, letter) for fill, o, letter in page.dots if o == org} for org in ORGS}
    assert marks == {
        "Northgate Elementary": {("#0072B2", "A")},
        "Seattle Parks and Recreation": {("#E69F00", "B")},
        "STEMPaths Innovation Network": {("#009E73", "C")},
    }
    # Not colour alone: each legend spells out the letter on its dots.
    assert "B: Seattle Parks and Recreation" in page.legends
    assert set(page.legends) == {
        "A: Northgate Elementary",
        "B: Seattle Parks and Recreation",
        "C: STEMPaths Innovation Network",
        "Not shown by organization",  # the anonymous rounds: no organization of three
    }
    pool = "Organizations with fewer than three ratings"
    assert not [o for _f, o, _l in page.dots if o == pool]
    assert sum(1 for f, _o, _l in page.dots if f == "#BBBBBB") == 4 + 4  # overall only


ORGS = ["Northgate Elementary", "Seattle Parks and Recreation", "STEMPaths Innovation Network"]


# -- an anonymous round where one organization has a single rating -----------------------

#: The trust question taken anonymously.
ANONYMOUS_TRUST = TRUST.replace("round: named", "round: anonymous")
#: Monica and Hope (Seattle Parks) and Ravi, the only one from Solo Org.
SOLO_ROOM = participants_yaml(
    [ROSTER[0], ROSTER[3], "Ravi Shankar Iyer | Solo Org | Founder | ravi"]
)
SOLO = """
collaborative: Northgate OST
site: Lincoln Annex
facilitator: Alex Rivera
date: 2026-10-05
answers:
  trust: {ratings: {mh: 4, hope: 2, ravi: 1}}
"""


@pytest.fixture
def solo(cli: Any, tmp_path: Path) -> str:
    """One anonymous round rated 4, 2 (Parks) and 1 (Ravi, alone in Solo Org)."""
    folder = write_protocol(tmp_path / "solo", ANONYMOUS_TRUST, STORY)
    answers = tmp_path / "solo.yaml"
    answers.write_text(SOLO + SOLO_ROOM, encoding="utf-8")
    args = ["start", "rounds", "--questions-dir", str(folder), "--answers", str(answers)]
    result = cli(*args, "--no-input")
    assert result.exit_code == 0, result.stderr
    return Path(result.stdout.strip()).stem


OVERALL = "3 rated · median 2 (Concern) · range 1 to 4"
NOTE = "Not shown by organization: a group would hold fewer than three ratings"


def test_a_round_with_one_lone_rating_is_shown_overall_only_everywhere(
    cli: Any, solo: str, sessions_dir: Path
) -> None:
    """Parks' line (median 3, n 2) and the total of three would tell Ravi's 1; the
    pooled "Organizations with fewer than three ratings: 1" would say it outright.
    Neither is shown."""
    for fmt in ("md", "html"):
        document = " ".join(export(cli, solo, "--format", fmt).split())
        assert OVERALL in document and NOTE in document, fmt
        assert "Organizations with fewer than three ratings" not in document, fmt
        assert "Seattle Parks and Recreation: median" not in document, fmt
        assert "Solo Org:" not in document and "Solo Org median" not in document, fmt
        assert "range 1 to 4 · IQR 1.5 · 2 of 3 away from the median" in document, fmt
        assert "Partners see this differently" not in document, fmt  # 4, 2, 1: not split
    page = Dots()
    page.feed(export(cli, solo, "--format", "html"))
    # Three grey dots titled by their value only, no letter; a legend that names no one.
    assert sorted(page.dots) == [("#BBBBBB", "1", ""), ("#BBBBBB", "2", ""), ("#BBBBBB", "4", "")]
    assert page.legends == ["Not shown by organization"]
    (record,) = json.loads(export(cli, solo, "--format", "json"))
    trust = record["domains"][0]["questions"][0]
    assert trust["round"]["by_organization"] == {} and trust["round"]["overall_only"]
    assert sorted(trust["ratings"], key=lambda r: r["value"]) == [
        {"value": 1},
        {"value": 2},
        {"value": 4},
    ]
    rows = list(csv.DictReader(io.StringIO(export(cli, solo, "--format", "csv"))))
    rated = [r for r in rows if r["question_id"] == "trust" and r["value"]]
    assert sorted((r["participant"], r["organization"], r["value"]) for r in rated) == [
        ("", "", "1"),
        ("", "", "2"),
        ("", "", "4"),
    ]
    for shown in (cli("show", solo).stdout, (sessions_dir / f"{solo}.md").read_text("utf-8")):
        flat = " ".join(shown.split())
        assert OVERALL in flat and NOTE in flat
        assert "Organizations with fewer than three ratings" not in flat
        assert "Seattle Parks and Recreation: median" not in flat
    # The record keeps no organization for this round either: the YAML that git pushes
    # to every partner would otherwise name Ravi's rating.
    saved = (sessions_dir / f"{solo}.yaml").read_text("utf-8")
    assert "Solo Org" not in saved.split("ratings:")[1].split("passed:")[0]


# -- participation: credited answers and named ratings, never anonymous ones ---------------


def _chart_rows(page: str) -> list[str]:
    """The participation chart's texts (organization, count, …), in order."""
    chart = re.search(r'<svg[^>]*class="chart".*?</svg>', page, re.S)
    assert chart is not None
    return re.findall(r"<text[^>]*>([^<]*)</text>", chart.group(0))


def test_participation_counts_named_ratings_and_says_so(
    cli: Any, rounds: dict[str, str], solo: str
) -> None:
    # First session: Monica, Shana and Ana rated trust (named), Hope passed, Shana was
    # credited with the discussion too (one question: counted once); the anonymous
    # type round counts no one.
    page = export(cli, rounds["first"], "--format", "html")
    assert _chart_rows(page) == [
        "Northgate Elementary", "1",
        "STEMPaths Innovation Network", "1",
        "Seattle Parks and Recreation", "1",
    ]  # fmt: skip
    said = "an answer credited to them, or their own rating in a named round"
    assert said in page and "(anonymous ratings count no one)" in page
    text = export(cli, rounds["first"])
    assert "| Organization | Times heard |" in text and said in text
    assert "| Seattle Parks and Recreation | 1 |" in text
    # A session whose only round is anonymous: nobody was heard.
    assert _chart_rows(export(cli, solo, "--format", "html")) == [
        "Seattle Parks and Recreation", "0",
        "Solo Org", "0",
    ]  # fmt: skip


UNDER_WAY = "under way: shown when the round ends"


def test_an_older_drafts_round_under_way_is_shown_as_under_way_everywhere(
    cli: Any, rounds: dict[str, str], sessions_dir: Path, tmp_path: Path
) -> None:
    """A draft of an older version kept the anonymous round under way in the record
    (``entered_by`` and the entries so far, no ``round_ended``, no ``in_progress``):
    ``show`` and every export say only that it is under way, and export none of it."""
    import yaml

    path = sessions_dir / f"{rounds['first']}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["status"] = "draft"
    (kind,) = [q for d in data["domains"] for q in d["questions"] if q["id"] == "type"]
    kind.pop("round_ended", None)
    kind.pop("in_progress", None)
    kind["ratings"] = [
        {"organization": "Seattle Parks and Recreation", "value": "Integrated"},
        {"organization": "STEMPaths Innovation Network", "value": "Cooperative"},
    ]
    kind["entered_by"] = ["mh", "shana"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    first = rounds["first"]

    shown = cli("show", first)
    assert shown.exit_code == 0, shown.stderr
    assert UNDER_WAY in " ".join(shown.stdout.split())
    for fmt in ("md", "html"):
        document = " ".join(export(cli, first, "--include-drafts", "--format", fmt).split())
        assert UNDER_WAY in document, fmt
        assert "Integrated 1" not in document and "2 rated" not in document, fmt
    (record,) = json.loads(export(cli, first, "--include-drafts", "--format", "json"))
    (question,) = [q for d in record["domains"] for q in d["questions"] if q["id"] == "type"]
    assert question["ratings"] == [] and question["round"]["n"] == 0
    assert question["round"]["withheld"] is True and "counts" not in question["round"]
    rows = csv.DictReader(io.StringIO(export(cli, first, "--include-drafts", "--format", "csv")))
    assert not [r for r in rows if r["question_id"] == "type" and r["value"]]
    package = tmp_path / "package"
    cli("export", first, "--include-drafts", "--format", "datapackage", "-o", str(package))
    ratings = (package / "ratings.csv").read_text(encoding="utf-8")
    assert ",type," not in ratings
