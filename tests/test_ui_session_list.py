"""`reflect list` fits the terminal: whole words, whole columns dropped, unique id prefixes."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console

from reflect_cli.records import store
from reflect_cli.ui.session_list import DROP_ORDER, ListRow, ellipsize, short_ids, show

ROWS = [
    ListRow("2026-11-03", "2026-11-03-rainier-beach-community-partners-for-you-754e",
            "Rainier Beach Community Partners for Youth and Families",
            "Rainier Beach High School Gymnasium", "partnership-reflection", "complete",
            3, 8, 4, 2),
    ListRow("2026-11-01", "2026-11-01-northgate-elementary-ost-0fe3", "Northgate Elementary OST",
            "Northgate Elementary", "equitable-partnerships", "draft", 12, 15, 3, 0),
    ListRow("2026-11-01", "2026-11-01-northgate-elementary-ost-9a1c", "Northgate Elementary OST",
            "Northgate Elementary", "partnership-reflection", "complete", 8, 8, 3, 1),
    ListRow("2026-11-01", "2026-11-01-monica-haugen-family-collaborative-77aa",
            "Monica Haugen Family Collaborative", "Shana’s Place", "partnership-reflection",
            "complete", 2, 8, 12, 10),
]  # fmt: skip


def rendered(width: int, long_ids: bool = False, rows: list[ListRow] = ROWS) -> list[str]:
    out = Console(file=io.StringIO(), width=width, force_terminal=False, color_system=None)
    show(rows, "4 sessions in sessions", out, long_ids=long_ids)
    return [line.rstrip() for line in out.file.getvalue().splitlines()]  # type: ignore[attr-defined]


def words_of(row: ListRow) -> set[str]:
    cells = [row.date, row.id, row.collaborative, row.site, row.protocol, row.status]
    cells += [f"{row.answered}/{row.questions}", str(row.people), str(row.open)]
    return {w for cell in cells for w in cell.split()}


def body(lines: list[str]) -> list[list[str]]:
    return [line.split() for line in lines if line.strip().startswith("2026-")]


@pytest.mark.parametrize("width", [60, 80, 120])
def test_one_line_per_session_no_word_broken(width: int) -> None:
    lines = rendered(width)
    assert all(len(line) <= width for line in lines)
    rows = body(lines)
    assert len(rows) == len(ROWS)  # nothing folded onto a second line
    for tokens, row in zip(rows, ROWS, strict=True):
        words = words_of(row)
        for token in tokens:
            whole = token in words or row.id.startswith(token)
            cut = token.endswith("…") and token[:-1] in words  # cut after a whole word
            assert whole or cut, (width, token)


@pytest.mark.parametrize("width", [60, 80, 120])
def test_ids_are_unique_prefixes(width: int) -> None:
    for tokens, row in zip(body(rendered(width)), ROWS, strict=True):
        shown = max((t for t in tokens if row.id.startswith(t)), key=len)
        assert [r.id for r in ROWS if r.id.startswith(shown)] == [row.id]


def header(lines: list[str]) -> list[str]:
    return next(line.split() for line in lines if line.split()[:1] in (["session"], ["date"]))


def test_columns_drop_in_the_fixed_order() -> None:
    def headers(width: int) -> list[str]:
        return header(rendered(width))

    # Every id begins with its date: the session column is the date, never shown twice.
    assert headers(200) == [
        "session", "collaborative", "site", "protocol", "status", "answered", "people", "open"
    ]  # fmt: skip
    for width in (120, 80, 60):
        gone = [c for c in DROP_ORDER if c != "date" and c not in headers(width)]
        assert gone == [c for c in DROP_ORDER if c != "date"][: len(gone)], width
    assert headers(60) == ["session", "collaborative"]  # two sessions' ids are long here
    # Ids that differ early (the usual case): at 120 only the site goes.
    usual = [ROWS[0], ROWS[1], ROWS[3]]
    wide = header(rendered(120, rows=usual))
    assert wide == ["session", "collaborative", "protocol", "status", "answered", "people", "open"]
    narrow = header(rendered(60, rows=usual))
    assert narrow[:2] == ["session", "collaborative"] and "open" in narrow


def test_a_date_apart_from_the_id_keeps_its_column() -> None:
    named = ListRow("2026-10-30", "northgate-fall-retreat", "Northgate Elementary OST",
                    "Northgate Elementary", "partnership-reflection", "complete",
                    8, 8, 3, 0)  # fmt: skip
    assert header(rendered(200, rows=[*ROWS, named]))[:2] == ["date", "session"]


WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéñ’", min_size=1, max_size=12)
NAME = st.lists(WORD, min_size=1, max_size=7).map(" ".join)


@st.composite
def list_rows(draw: st.DrawFn, names: st.SearchStrategy[str] = NAME) -> list[ListRow]:
    """Sessions as a shared folder holds them: ids that begin with their date (a slug of
    the collaborative and four hex digits), sites that are sometimes the collaborative."""
    rows = []
    for number in range(draw(st.integers(min_value=1, max_value=8))):
        date = draw(st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31))).isoformat()
        collaborative = draw(names)
        site = draw(st.sampled_from(["", collaborative, collaborative.upper()]) | names)
        slug = store.slug(collaborative, 30)  # as reflect makes ids: ASCII only
        rows.append(
            ListRow(date, f"{date}-{slug}-{number:04x}", collaborative, site,
                    draw(st.sampled_from(["partnership-reflection", "equitable-partnerships"])),
                    draw(st.sampled_from(["complete", "draft"])),
                    3, 8, draw(st.integers(0, 40)), draw(st.integers(0, 400)))
        )  # fmt: skip
    return rows


@settings(max_examples=80, deadline=None)
@given(rows=list_rows(), width=st.sampled_from([60, 80, 120, 200]))
def test_no_row_shows_one_text_in_two_columns(rows: list[ListRow], width: int) -> None:
    lines = rendered(width, rows=rows)
    top = header(lines)
    assert "date" not in top  # every id begins with its date
    top_line = next(x for x in lines if x.split()[:1] == ["session"])
    starts = [top_line.index(h) for h in top]
    body_lines = lines[lines.index(next(x for x in lines if "─" in x)) + 1 :]
    for line in body_lines:
        cells = [line[a:b].strip() for a, b in zip(starts, [*starts[1:], len(line)], strict=False)]
        shown = [c for c in cells if c and not c.isdigit()]  # counts may agree
        assert len(shown) == len(set(shown)), (top, line)
        assert len(line) <= width


@settings(max_examples=60, deadline=None)
@given(rows=list_rows())
def test_the_protocol_stays_at_120_columns(rows: list[ListRow]) -> None:
    assume(all(len(short) <= 24 for short in short_ids([r.id for r in rows]).values()))
    assert "protocol" in header(rendered(120, rows=rows))


def test_long_ids_are_whole() -> None:
    assert any(ROWS[0].id in line for line in rendered(250, long_ids=True))


@given(st.lists(st.from_regex(r"2026-0[1-9]-[0-2][1-8]-[a-z]{1,6}-[0-9a-f]{4}", fullmatch=True),
                min_size=1, max_size=30, unique=True))  # fmt: skip
def test_short_ids_are_unique_prefixes(ids: list[str]) -> None:
    short = short_ids(ids)
    for full, prefix in short.items():
        assert full.startswith(prefix) and len(prefix) >= 10
        assert [i for i in ids if i.startswith(prefix)] == [full]


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        ("Northgate Elementary OST", 30, "Northgate Elementary OST"),
        ("Northgate Elementary OST", 22, "Northgate Elementary…"),
        ("Northgate Elementary OST", 12, "Northgate…"),
        ("Monica Haugen Family Collaborative", 20, "Monica Haugen…"),
        ("Supercalifragilistic", 8, "Superca…"),
    ],
)
def test_ellipsize_cuts_after_whole_words(text: str, width: int, expected: str) -> None:
    assert ellipsize(text, width) == expected
    assert len(ellipsize(text, width)) <= width
    assert re.fullmatch(r"[^…]*…?", ellipsize(text, width))


@pytest.mark.parametrize("width", [60, 120])
def test_control_characters_in_a_row_are_shown_not_sent(width: int) -> None:
    hostile = ListRow(
        "2026-11-02", "2026-11-02-north-0b0b", "North\x1b]8;;http://evil\x07gate Partners",
        "Site\x1b[2J", "partnership-reflection", "complete", 1, 8, 2, 0,
    )  # fmt: skip
    lines = rendered(width, rows=[*ROWS, hostile])
    assert all(len(line) <= width for line in lines)
    text = "\n".join(lines)
    assert "\x1b" not in text and "\x07" not in text
    assert "North\\x1b]8;;" in text  # shown as typed (ellipsized to fit)


#: Every heading `reflect list` has, each one word.
HEADINGS = {"date", "session", "collaborative", "site", "protocol", "status", "answered",
            "people", "open"}  # fmt: skip
#: Names as wide as they come: long, and in a script of two cells a character.
CJK = st.text(alphabet="北區社區夥伴關係協作委員會家庭與青年中心體育館", min_size=1, max_size=12)
WIDE_NAME = st.lists(WORD | CJK, min_size=1, max_size=10).map(" ".join)


def _fits(lines: list[str], width: int, rows: list[ListRow]) -> list[str]:
    """The heading's words, after checking every line fits ``width`` cells and each row
    is one line."""
    assert all(cell_len(line) <= width for line in lines), lines
    rule = next(i for i, line in enumerate(lines) if "─" in line)
    assert len([line for line in lines[rule + 1 :] if line.strip()]) == len(rows)
    return header(lines)


@settings(max_examples=80, deadline=None)
@given(rows=list_rows(WIDE_NAME), width=st.sampled_from([60, 120]))
def test_headings_are_whole_and_free_text_gives_way(rows: list[ListRow], width: int) -> None:
    top = _fits(rendered(width, rows=rows), width, rows)
    assert set(top) <= HEADINGS and top[0] == "session", top  # no "answ…", no "op…"


def test_a_wide_site_is_cut_not_the_headings() -> None:
    """At 120 columns a CJK site takes two cells a character: it is cut to its room and
    every heading stays whole; at 60 the extras go first, and the counts' headings with
    them or whole."""
    wide = ListRow("2026-11-05", "2026-11-05-north-district-1a2b", "北區社區夥伴關係",
                   "北區社區中心體育館大禮堂與青年家庭服務中心", "equitable-partnerships",
                   "complete", 13, 18, 14, 120)  # fmt: skip
    rows = [wide, ROWS[1]]
    lines = rendered(120, rows=rows)
    top = _fits(lines, 120, rows)
    assert top == ["session", "collaborative", "site", "protocol", "status", "answered",
                   "people", "open"]  # fmt: skip
    assert any("北區社區中心" in line and "…" in line for line in lines)
    top = _fits(rendered(60, rows=rows), 60, rows)
    assert set(top) <= HEADINGS and top[:2] == ["session", "collaborative"]
