"""`reflect snapshot`: one redacted page of figures. Every figure is checked against
values computed here from the fixture's plan (``PARTNERSHIPS``); small counts are
checked by enumerating what a reader could work out, not by reflect's own rule."""

from __future__ import annotations

import itertools
import re
import shutil
import statistics
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import make_session
from evaluation_fixture import HELPING, PARTNERSHIPS, TYPES, Built
from reflect_cli.analysis.cells import Shown, suppress
from reflect_cli.folding import fold

ORDER = ["Cooperative", "Collaborative", "Integrated"]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_browser = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed here")


def year_of(date: str) -> str:
    first = int(date[:4]) if int(date[5:7]) >= 8 else int(date[:4]) - 1
    return f"{first}-{(first + 1) % 100:02d}"


def latest(year: str) -> list[Any]:
    """Each partnership's latest complete meeting in the school year, by hand."""
    found = {}
    for p in PARTNERSHIPS:
        for m in p.meetings:
            later = p.collaborative not in found or found[p.collaborative][1].date < m.date
            if not m.draft and year_of(m.date) == year and later:
                found[p.collaborative] = (p, m)
    return list(found.values())


def room_type(types: str) -> str:
    counted = Counter(TYPES[t] for t in types)
    top = max(counted.values())
    return " = ".join(label for label in ORDER if counted[label] == top)


def page(cli: Any, tmp_path: Path, *args: str, name: str = "s.md") -> str:
    out = tmp_path / name
    result = cli("snapshot", "-o", str(out), "--as-of", "2026-06-30", *args)
    assert result.exit_code == 0, result.stderr
    assert out.stat().st_mode & 0o777 == 0o600
    return out.read_text(encoding="utf-8")


def row(document: str, label: str) -> str:
    """The count cell of a Markdown table row."""
    (found,) = re.findall(rf"^\| {re.escape(label)} \| (.*?) \|$", document, re.MULTILINE)
    return found


def test_every_figure_without_suppression(
    cli: Any, evaluation_sessions: Built, tmp_path: Path
) -> None:
    doc = page(cli, tmp_path, "--period", "2024-25", "--min-cell", "1")
    now = latest("2024-25")
    held = [
        m for p in PARTNERSHIPS for m in p.meetings if not m.draft and year_of(m.date) == "2024-25"
    ]
    assert f"**{len(now)} partnerships** at {len({p.site for p, _ in now})} sites" in doc
    assert f"**{len(held)}** sessions held" in doc
    types = Counter(room_type(m.types) for _, m in now)
    for label in [*ORDER, "Cooperative = Collaborative"]:
        assert row(doc, label) == str(types[label])
    before = {p.collaborative: room_type(m.types) for p, m in latest("2023-24")}
    changes = Counter(
        (before[p.collaborative], room_type(m.types))
        for p, m in now
        if p.collaborative in before and before[p.collaborative] != room_type(m.types)
    )
    both = sum(1 for p, _ in now if p.collaborative in before)
    moved = sum(changes.values())
    assert (
        f"of the {both} partnerships that answered in both years, {both - moved} kept their "
        f"type and {moved} changed it" in doc
    )
    for (a, b), n in changes.items():
        assert row(doc, f"{a} → {b}") == str(n)
    ratings = [r for _, m in now for r in m.leadership if r is not None]
    rated = sum(1 for _, m in now if any(r is not None for r in m.leadership))
    q1, median, q3 = statistics.quantiles(ratings, n=4, method="inclusive")
    cells = row(doc, "How strong is shared leadership in our partnership? (1 to 5)")
    assert cells == f"{median:g} \\| {q1:g}–{q3:g} \\| {rated}".replace("\\|", "|")
    # Of the partnerships that answered: one skipped the question this year (as trends).
    answered = [m for _, m in now if m.helping is not None]
    assert len(answered) == len(now) - 1
    helping = Counter(HELPING[c] for m in answered for c in m.helping or "")
    top = sorted(helping.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
    for label, n in top:
        assert f"- {label}: **{n}** of {len(answered)} partnerships" in doc


def test_small_counts_are_never_shown(cli: Any, evaluation_sessions: Built, tmp_path: Path) -> None:
    doc = page(cli, tmp_path, "--period", "2025-26")
    types = Counter(room_type(m.types) for _, m in latest("2025-26"))
    assert types["Cooperative"] in (1, 2)  # the fixture's small cell
    assert row(doc, "Cooperative") == "fewer than 3"
    # The total (shown) minus the rest must not give it away: the rest is not all exact.
    shown = [row(doc, label) for label in ORDER[1:]]
    assert not all(cell.isdigit() for cell in shown)
    for label, n in types.items():
        if 0 < n < 3:
            assert row(doc, label) == "fewer than 3"


def test_the_page_in_spanish_has_its_headings_and_lang_in_spanish(
    cli: Any, evaluation_sessions: Built, tmp_path: Path
) -> None:
    doc = page(cli, tmp_path, "--period", "2025-26", "--lang", "es", name="s.html")
    assert '<html lang="es">' in doc
    for heading in ("Resumen de datos · 2025-26", "Tipos de alianza", "Rasgos distintivos"):
        assert heading in doc
    assert "menos de 3" in doc  # a small cell, said in Spanish
    for english in ("Data snapshot", "Types of partnership", "Hallmarks", "fewer than"):
        assert english not in doc
    markdown = page(cli, tmp_path, "--period", "2025-26", "--lang", "es", name="s.md")
    assert markdown.startswith("# Resumen de datos · 2025-26")
    # The protocol's label in its Spanish translation (the counts are the same).
    assert row(markdown, "Cooperativa") == "menos de 3"
    assert "| Cooperative |" not in markdown
    assert row(markdown, "sin respuesta") == "0"  # reflect's own row, in Spanish
    assert "no answer" not in markdown and ">no answer<" not in doc


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 12), min_size=1, max_size=6), st.sampled_from([3, 4, 5]))
def test_no_small_count_can_be_worked_out(values: list[int], min_cell: int) -> None:
    """Every way the hidden counts could add up to the total, enumerated: each small
    count shown as "fewer than" could be at least two numbers."""
    total = sum(values)
    cells = suppress(values, total, min_cell)
    hidden = [i for i, c in enumerate(cells) if not c.exact]
    for i, cell in enumerate(cells):
        if 0 < values[i] < min_cell:
            assert not cell.exact
    if any(c.shown is Shown.WITHHELD for c in cells):
        return
    left = total - sum(c.value for c in cells if c.exact)
    ranges = [
        range(1, min_cell)
        if cells[i].shown is Shown.FEWER
        else range(max(cells[i].floor, min_cell), total + 1)
        for i in hidden
    ]
    possible: dict[int, set[int]] = {i: set() for i in hidden}
    for guess in itertools.product(*ranges):
        if sum(guess) == left:
            for i, v in zip(hidden, guess, strict=True):
                possible[i].add(v)
    for i in hidden:
        assert values[i] in possible[i]
        if cells[i].shown is Shown.FEWER:
            assert len(possible[i]) >= 2


@pytest.mark.parametrize("typed", ["1000000000", "1001", "0", "-3", "three", "3.5", "①"])
def test_min_cell_is_a_bounded_whole_number(
    cli: Any, evaluation_sessions: Built, tmp_path: Path, typed: str
) -> None:
    result = cli("snapshot", "-o", str(tmp_path / "s.md"), "--min-cell", typed)
    assert result.exit_code == 2
    assert result.stderr.startswith("reflect: --min-cell: a whole number from 1 to ")
    assert result.stderr.count("\n") == 1 and not (tmp_path / "s.md").exists()


def test_the_largest_min_cell_hides_every_count(
    cli: Any, evaluation_sessions: Built, tmp_path: Path
) -> None:
    doc = page(cli, tmp_path, "--period", "2025-26", "--min-cell", "1000")
    types = Counter(room_type(m.types) for _, m in latest("2025-26"))
    for label, n in types.items():
        assert row(doc, label) == ("fewer than 1000" if n else "0"), label


def test_a_quote_is_redacted_and_escaped(
    cli: Any, evaluation_sessions: Built, tmp_path: Path
) -> None:
    session_id = evaluation_sessions.ids[("Lake Hills Partners", "2025-10-09")]
    record = next(evaluation_sessions.folder.rglob(f"{session_id}.yaml"))
    text = record.read_text(encoding="utf-8")
    planted = "grace: Hope Tesfaye and Nguyễn Thị Lan <script>x</script> shared the calendar."
    text = text.replace("'maria: The calendar is shared now.'", f"'{planted}'")
    assert planted in text
    record.write_text(text, encoding="utf-8")
    quote = f"{session_id[:16]}:hallmarks-evidence"
    html = page(cli, tmp_path, "--period", "2025-26", "--quote", quote, name="s.html")
    folded = fold(html)
    for name in ("hope tesfaye", "nguyen thi lan", "grace", "lake hills partners"):
        assert name not in folded
    assert "<script>x" not in html and "&lt;script&gt;x&lt;/script&gt; shared the calendar." in html
    assert "<script" not in html.lower()  # the page runs no script


def test_a_quote_from_another_year_or_nowhere_is_refused(
    cli: Any, evaluation_sessions: Built, tmp_path: Path
) -> None:
    old = evaluation_sessions.ids[("Lake Hills Partners", "2023-10-12")]
    for quote in (f"{old}:hallmarks-evidence", "nothing", f"{old}:"):
        result = cli("snapshot", "-o", str(tmp_path / "s.md"), "--quote", quote)
        assert result.exit_code == 2
        assert "--quote" in result.stderr and "Traceback" not in result.stderr
        assert not (tmp_path / "s.md").exists()
    result = cli("snapshot", "-o", str(tmp_path / "s.md"), "--min-cell", "2")
    assert result.exit_code == 2 and not (tmp_path / "s.md").exists()


@needs_browser
@pytest.mark.slow
def test_the_pdf_is_one_page_naming_no_one(
    cli: Any, evaluation_sessions: Built, tmp_path: Path
) -> None:
    session_id = evaluation_sessions.ids[("Rainier Vista Collaborative", "2025-11-06")]
    out = tmp_path / "snapshot.pdf"
    result = cli(
        "snapshot",
        "-o",
        str(out),
        "--quote",
        f"{session_id}:hallmarks-evidence",
        "--quote",
        f"{session_id}:shared-leadership",
    )
    assert result.exit_code == 0, result.stderr
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True)
    assert re.search(r"^Pages:\s+1$", info.stdout, re.MULTILINE)
    text = subprocess.run(
        ["pdftotext", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "10 partnerships" in text and "fewer than 3" in text
    folded = " ".join(fold(text).split())
    for partnership in PARTNERSHIPS:
        for name in (partnership.collaborative, partnership.site):
            assert fold(name) not in folded
        for person in partnership.people:
            assert fold(person.name) not in folded


@pytest.mark.parametrize("own_key", [False, True])
def test_a_quotes_label_is_the_redacted_exports_label(
    cli: Any, evaluation_sessions: Built, tmp_path: Path, own_key: bool
) -> None:
    # The same person under the same key: one label in the snapshot and in the export.
    keyed = ["--pseudonym-key", str(tmp_path / "evaluator.key")] if own_key else []
    session_id = evaluation_sessions.ids[("Lake Hills Partners", "2025-10-09")]
    doc = page(cli, tmp_path, "--quote", f"{session_id}:hallmarks-evidence", *keyed)
    said = re.search(r"([^>\n]*\([^()\n]* [A-Z0-9]{6}\)): The calendar is shared now\.", doc)
    assert said, doc
    label = said[1].lstrip('> *_"“')
    export = cli("export", "--redact", session_id, "-f", "md", *keyed)
    assert export.exit_code == 0, export.stderr
    assert f"{label}: The calendar is shared now." in export.stdout
    other = tmp_path / "other.key"
    again = cli("export", "--redact", session_id, "-f", "md", "--pseudonym-key", str(other))
    assert label not in again.stdout  # another key: another code


def _commitments_of(year: str) -> tuple[int, int, int]:
    """Of the commitments made in ``year``'s complete meetings: how many, how many a
    later complete meeting followed up, how many one marked done (by hand)."""
    made = followed = done = 0
    for partnership in PARTNERSHIPS:
        meetings = sorted((m for m in partnership.meetings if not m.draft), key=lambda m: m.date)
        for number, meeting in enumerate(meetings):
            if year_of(meeting.date) != year:
                continue
            made += 1
            said = [m.follow_up[meeting.commitment[0]] for m in meetings[number + 1 :]
                    if meeting.commitment[0] in m.follow_up]  # fmt: skip
            followed += bool(said)
            done += "done" in said
    return made, followed, done


def test_commitments_no_meeting_followed_up_are_not_said_unkept(
    cli: Any, evaluation_sessions: Built, tmp_path: Path
) -> None:
    made, followed, _ = _commitments_of("2025-26")
    assert made and not followed  # the latest year: no later meeting yet
    doc = page(cli, tmp_path, "--period", "2025-26")
    assert f"- **{made}** commitments made, none followed up yet" in doc
    assert "0 of" not in doc and "0 kept" not in doc
    assert f"{made} commitments made by {len(latest('2025-26'))} partnerships; no later " in doc
    earlier, followed, done = _commitments_of("2024-25")
    assert followed
    doc = page(cli, tmp_path, "--period", "2024-25", "--min-cell", "1", name="t.md")
    assert f"- **{done} of {earlier}** commitments kept" in doc


def test_a_skipped_factor_question_is_in_no_denominator(
    cli: Any, evaluation_sessions: Built, tmp_path: Path
) -> None:
    """The page's "of N" is trends' denominator: the partnerships that answered."""
    doc = page(cli, tmp_path, "--period", "2024-25")
    now = latest("2024-25")
    answered = [m for _, m in now if m.helping is not None]
    named = Counter(HELPING[c] for m in answered for c in m.helping or "")
    label = max(named, key=lambda name: (named[name], name))
    (said,) = [line for line in doc.splitlines() if line.startswith(f"- {label}: ")]
    assert said.endswith(f" of {len(answered)} partnerships")
    assert f"of {len(now)} partnerships" not in doc.split("## What helps")[1].split("##")[0]
    trends = cli("trends", "helping-factors", "--json")
    assert trends.exit_code == 0, trends.stderr
    assert f'"answered": {len(answered)}' in trends.stdout


def test_a_folder_of_two_protocols_counts_the_pages_own(
    cli: Any, evaluation_sessions: Built, tmp_path: Path
) -> None:
    """Sessions of another protocol are never asked the page's questions: by default the
    page counts the built-in protocol's sessions and says how many it left out."""
    for number, date in enumerate(("2025-10-01", "2026-02-02")):
        make_session(
            evaluation_sessions.folder,
            "partnership-reflection",
            date=date,
            collaborative=f"Other Protocol Partners {number}",
            site=f"Other Protocol School {number}",
            answers={"shared-values": "monica: Students lead."},
        )
    now = latest("2025-26")
    doc = page(cli, tmp_path, "--period", "2025-26", "--min-cell", "1")
    assert f"**{len(now)} partnerships** at {len({p.site for p, _ in now})} sites" in doc
    assert "2 sessions of other protocols this year are left out" in doc
    types = Counter(room_type(m.types) for _, m in now)
    assert row(doc, "no answer") == "0" and sum(types.values()) == len(now)
    answered = [m for _, m in now if m.helping is not None]
    assert f" of {len(answered)} partnerships" in doc
    assert f" of {len(now) + 2} partnerships" not in doc
    chosen = ("--protocol", "partnership-reflection", "--min-cell", "1")
    other = page(cli, tmp_path, *chosen, name="o.md")
    assert "**2 partnerships** at 2 sites" in other and "left out" not in other
    assert "## Types of partnership" not in other and "## What helps" not in other


def test_a_folder_of_protocols_none_the_pages_own_is_refused(
    cli: Any,
    evaluation_sessions: Built,
    tmp_path: Path,
    tiny_protocol: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("REFLECT_QUESTIONS_PATH", str(tiny_protocol.parent))
    for protocol in ("partnership-reflection", "tiny"):
        make_session(evaluation_sessions.folder, protocol, date="2025-10-01")
    out = tmp_path / "s.md"
    result = cli("snapshot", "-o", str(out), "--site", "Northgate Elementary")
    assert result.exit_code == 2
    assert result.stderr == (
        "reflect: the sessions are of several protocols (partnership-reflection, tiny): "
        "choose one with --protocol\n"
    )
    assert not out.exists()
    chosen = ("--site", "Northgate Elementary", "--protocol", "tiny")
    assert "**1 partnership** at 1 site" in page(cli, tmp_path, *chosen, "--min-cell", "1")


def test_factors_tied_at_the_third_are_all_named(
    cli: Any, evaluation_sessions: Built, tmp_path: Path
) -> None:
    doc = page(cli, tmp_path, "--period", "2025-26", "--min-cell", "1")
    now = latest("2025-26")
    named = Counter(HELPING[c] for _, m in now for c in m.helping or "")
    third = sorted(named.values(), reverse=True)[2]
    tied = [label for label, n in named.items() if n == third]
    assert len(tied) == 3 and third < max(named.values())  # the fixture's tie at the cut-off
    shown = doc.split("## What helps")[1].split("##")[0]
    lines = [line for line in shown.splitlines() if line.startswith("- ")]
    expected = {label for label, n in named.items() if n >= third}
    assert {line[2:].split(": **")[0] for line in lines} == expected
    for label in tied:
        assert f"- {label}: **{third}** of {len(now)} partnerships" in shown


WIDE = """
    id: wide
    version: 1
    title: Many factors
    domains:
      - id: only
        title: Only
        questions:
          - id: helping-factors
            prompt: What helps?
            kind: multi
            choices: [Alpha, Bravo, Charlie, Delta, Echo, Foxtrot, Golf]
"""


def test_a_tie_too_wide_for_the_page_is_said_not_dropped(
    cli: Any,
    sessions_dir: Path,
    tmp_path: Path,
    write_yaml: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("REFLECT_QUESTIONS_PATH", str(write_yaml("qs/wide.yaml", WIDE).parent))
    chosen = ["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf"]
    make_session(sessions_dir, "wide", answers={"helping-factors": chosen})
    doc = page(cli, tmp_path, "--min-cell", "1")
    lines = [line for line in doc.splitlines() if line.startswith("- ")]
    named = [line for line in lines if line.endswith(": **1** of 1 partnership")]
    assert [line[2:].split(":")[0] for line in named] == chosen[:5]  # the labels' order
    assert f"- and {len(chosen) - 5} more factors named as often as the last" in lines


LONG = "The calendar is shared now and families plan the evenings with us, every month."
#: The answers the page may quote at once, and how long each may be (docs/evaluation.md).
MOST_QUOTES, QUOTE_CHARS = 3, 240
QUOTED = (
    ("Lake Hills Partners", "maria"),
    ("Rainier Vista Collaborative", "selam"),
    ("Federal Way Connect", "grace"),
)


def _long_answers(built: Built, times: int) -> list[str]:
    """The 2025-26 evidence answers of three partnerships made ``times`` LONG long; their
    --quote options."""
    quotes = []
    for collaborative, handle in QUOTED:
        session_id = next(
            i for (c, d), i in built.ids.items() if c == collaborative and year_of(d) == "2025-26"
        )
        record = next(built.folder.rglob(f"{session_id}.yaml"))
        said = f"'{handle}: The calendar is shared now.'"
        text = record.read_text(encoding="utf-8")
        assert said in text, collaborative
        record.write_text(text.replace(said, f"'{handle}: {' '.join([LONG] * times)}'"))
        quotes += ["--quote", f"{session_id}:hallmarks-evidence"]
    return quotes


def test_more_quotes_than_a_page_holds_are_refused_before_anything(
    cli: Any, evaluation_sessions: Built, tmp_path: Path
) -> None:
    session_id = evaluation_sessions.ids[("Lake Hills Partners", "2025-10-09")]
    picks = [x for _ in range(MOST_QUOTES + 2) for x in ("--quote", f"{session_id}:x")]
    out = tmp_path / "s.pdf"  # no browser is looked for: refused before any printing
    result = cli("snapshot", "-o", str(out), "--browser", str(tmp_path / "none"), *picks)
    assert result.exit_code == 2
    assert result.stderr == "reflect: --quote: one page has room for 3 quotes, not 5\n"
    assert not out.exists()


def test_a_long_answer_is_cut_at_a_word_and_marked(
    cli: Any, evaluation_sessions: Built, tmp_path: Path
) -> None:
    quotes = _long_answers(evaluation_sessions, 6)
    doc = page(cli, tmp_path, "--period", "2025-26", *quotes[:2])
    (quoted,) = [line for line in doc.splitlines() if line.startswith("> ") and "…" in line]
    shown = quoted.removeprefix("> ").replace("\\", "").removesuffix(" […]")
    said = shown.split(": ", 1)[1]  # after the speaker's label
    whole = " ".join([LONG] * 6)
    assert whole.startswith(said) and whole[len(said)] == " "  # cut between words
    assert len(shown) <= QUOTE_CHARS < len(shown) + len(whole[len(said) :].split()[0]) + 1


@needs_browser
@pytest.mark.slow
def test_three_quotes_as_long_as_allowed_fit_one_page(
    cli: Any, evaluation_sessions: Built, tmp_path: Path
) -> None:
    quotes = _long_answers(evaluation_sessions, 6)
    out = tmp_path / "snapshot.pdf"
    result = cli("snapshot", "-o", str(out), "--period", "2025-26", *quotes)
    assert result.exit_code == 0, result.stderr
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True)
    assert re.search(r"^Pages:\s+1$", info.stdout, re.MULTILINE)
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert text.count("[…]") == MOST_QUOTES


@needs_browser
@pytest.mark.slow
def test_quotes_that_would_run_past_the_page_are_refused(
    cli: Any, evaluation_sessions: Built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The page's length is measured in the printed PDF: were the answers not cut, three
    would need a second page, and the page is refused, nothing written."""
    from reflect_cli.cli import snapshot as command

    monkeypatch.setattr(command, "QUOTE_CHARS", 10_000)
    quotes = _long_answers(evaluation_sessions, 6)
    out = tmp_path / "snapshot.pdf"
    result = cli("snapshot", "-o", str(out), "--period", "2025-26", *quotes)
    assert result.exit_code == 2
    said = result.stderr.splitlines()[-1]  # after the line saying the key was made
    assert said == (
        "reflect: --quote: with these quotes the page runs to 2 pages: pick fewer or "
        "shorter answers"
    )
    assert not out.exists()
