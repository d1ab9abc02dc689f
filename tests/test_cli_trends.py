"""`reflect trends` on the evaluation's fixture: every number checked against values
computed here, independently, from the fixture's plan (``PARTNERSHIPS``), never from
reflect's own code."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import json
import statistics
from collections import Counter
from typing import Any

import pytest

from evaluation_fixture import HELPING, PARTNERSHIPS, TYPES, Built, Meeting, Partnership

ORDER = ["Cooperative", "Collaborative", "Integrated"]
RESOURCES = HELPING["R"]


def school_year(date: str, start: int = 8) -> str:
    day = dt.date.fromisoformat(date)
    first = day.year if day.month >= start else day.year - 1
    return f"{first}-{(first + 1) % 100:02d}"


def latest(start: int = 8) -> dict[str, list[tuple[Partnership, Meeting]]]:
    """Each school year's latest complete meeting of each partnership, by hand."""
    years: dict[str, dict[str, tuple[Partnership, Meeting]]] = {}
    for partnership in PARTNERSHIPS:
        for meeting in partnership.meetings:
            if meeting.draft:
                continue
            year = years.setdefault(school_year(meeting.date, start), {})
            kept = year.get(partnership.collaborative)
            if kept is None or kept[1].date < meeting.date:
                year[partnership.collaborative] = (partnership, meeting)
    return {y: list(years[y].values()) for y in sorted(years)}


def room_type(meeting: Meeting) -> str:
    counted = Counter(TYPES[t] for t in meeting.types)
    top = max(counted.values())
    return " = ".join(label for label in ORDER if counted[label] == top)


def run_json(cli: Any, *args: str) -> dict[str, Any]:
    result = cli("trends", *args, "--json", "--as-of", "2026-06-30")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_types_now_and_over_the_years(cli: Any, evaluation_sessions: Built) -> None:
    data = run_json(cli, "partnership-type-now")
    (question,) = data["questions"]
    years = latest()
    assert (
        [p["period"] for p in question["periods"]]
        == list(years)
        == [
            "2023-24",
            "2024-25",
            "2025-26",
        ]
    )
    for period, (year, meetings) in zip(question["periods"], years.items(), strict=True):
        expected = Counter(room_type(m) for _, m in meetings)
        assert period["answered"] == len(meetings) == 10
        assert {k: v for k, v in period["counts"].items() if v} == dict(expected), year
    # The tie is shown as one: Highline Bridges' room split two against two.
    assert question["periods"][1]["counts"]["Cooperative = Collaborative"] == 1
    # The numbers the fixture was built to show, stated once in plain words:
    assert [p["counts"].get("Cooperative", 0) for p in question["periods"]] == [6, 3, 1]
    assert [p["counts"].get("Integrated", 0) for p in question["periods"]] == [1, 1, 3]


def test_transitions_between_school_years(cli: Any, evaluation_sessions: Built) -> None:
    (question,) = run_json(cli, "partnership-type-now")["questions"]
    years = list(latest().values())
    expected: Counter[tuple[str, str, str]] = Counter()
    names = list(latest())
    for before, (old, new) in zip(names, itertools.pairwise(years), strict=False):
        old_by = {p.collaborative: room_type(m) for p, m in old}
        new_by = {p.collaborative: room_type(m) for p, m in new}
        for name in old_by.keys() & new_by.keys():
            expected[(before, old_by[name], new_by[name])] += 1
    got = Counter(
        {(t["from_period"], t["from"], t["to"]): t["partnerships"] for t in question["transitions"]}
    )
    assert got == expected
    assert got[("2024-25", "Cooperative", "Collaborative")] == 2
    assert got[("2024-25", "Collaborative", "Integrated")] == 2


def test_a_factor_that_peaks_in_year_two(cli: Any, evaluation_sessions: Built) -> None:
    (question,) = run_json(cli, "helping-factors")["questions"]
    for period, meetings in zip(question["periods"], latest().values(), strict=True):
        answered = [m for _, m in meetings if m.helping is not None]
        assert period["answered"] == len(answered)
        assert period["skipped"] == len(meetings) - len(answered)
        assert period["counts"].get(RESOURCES, 0) == sum("R" in m.helping for m in answered)
        assert period["none_chosen"] == sum(m.helping == "" for m in answered)
    assert [p["counts"][RESOURCES] for p in question["periods"]] == [2, 8, 3]
    assert [p["answered"] for p in question["periods"]] == [10, 9, 10]


def _stats(values: list[int]) -> dict[str, float]:
    if len(values) == 1:
        return {"n": 1, "median": values[0], "q1": values[0], "q3": values[0]}
    q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return {"n": len(values), "median": median, "q1": q1, "q3": q3}


def _divergent(ratings: list[tuple[str, int]]) -> bool:
    values = [v for _, v in ratings]
    stats = _stats(values)
    sectors: dict[str, list[int]] = {}
    for sector, value in ratings:
        sectors.setdefault(sector, []).append(value)
    medians = [statistics.median(v) for v in sectors.values()]
    return stats["q3"] - stats["q1"] >= 2 or max(medians) - min(medians) >= 2


def test_shared_leadership_by_year_and_sector(cli: Any, evaluation_sessions: Built) -> None:
    (question,) = run_json(cli, "shared-leadership")["questions"]
    for period, meetings in zip(question["periods"], latest().values(), strict=True):
        ratings = [
            (p.people[i].sector, v)
            for p, m in meetings
            for i, v in zip(m.people, m.leadership, strict=True)
            if v is not None
        ]
        expected = _stats([v for _, v in ratings])
        assert period["n"] == expected["n"]
        for key in ("median", "q1", "q3"):
            assert period[key] == pytest.approx(expected[key], abs=0.001)
        for sector in {s for s, _ in ratings}:
            mine = _stats([v for s, v in ratings if s == sector])
            assert period["by_sector"][sector]["n"] == mine["n"]
            assert period["by_sector"][sector]["median"] == pytest.approx(mine["median"])
        rounds = [
            [
                (p.people[i].sector, v)
                for i, v in zip(m.people, m.leadership, strict=True)
                if v is not None
            ]
            for p, m in meetings
        ]
        assert period["rounds"] == len(rounds)
        assert period["divergent_rounds"] == sum(_divergent(r) for r in rounds)
        flagged = {d["partnership"] for d in period["divergent"]}
        assert flagged <= {"Rainier Vista Collaborative"}
    # Only Rainier Vista, in the two years its partners split; Lake Hills' 5, 5, 4, 5 is
    # agreement.
    assert [p["divergent_rounds"] for p in question["periods"]] == [0, 1, 1]


def test_commitments_made_kept_on_time_and_overdue(cli: Any, evaluation_sessions: Built) -> None:
    data = run_json(cli, "--commitments")
    assert data["questions"] == []
    got = {row["collaborative"]: row for row in data["commitments"]}
    as_of = "2026-06-30"
    for partnership in PARTNERSHIPS:
        meetings = [m for m in partnership.meetings if not m.draft]
        expected = Counter(made=len(meetings))
        for number, meeting in enumerate(meetings):
            text, _, days = meeting.commitment
            due = (dt.date.fromisoformat(meeting.date) + dt.timedelta(days=days)).isoformat()
            closed = next(
                ((later.date, later.follow_up[text]) for later in meetings[number + 1 :]
                 if later.follow_up.get(text) in ("done", "dropped")),
                None,
            )  # fmt: skip
            if closed is None:
                expected["owed"] += 1
                expected["overdue"] += due < as_of
            elif closed[1] == "done":
                expected["kept"] += 1
                expected["on_time"] += closed[0] <= due
            else:
                expected["dropped"] += 1
        row = got[partnership.collaborative]
        for key in ("made", "kept", "on_time", "dropped", "owed", "overdue"):
            assert row[key] == expected[key], (partnership.collaborative, key)


def test_per_session_counts_every_complete_session(cli: Any, evaluation_sessions: Built) -> None:
    (question,) = run_json(cli, "partnership-type-now", "--per", "session")["questions"]
    every: dict[str, list[Meeting]] = {}
    for partnership in PARTNERSHIPS:
        for meeting in partnership.meetings:
            if not meeting.draft:
                every.setdefault(school_year(meeting.date), []).append(meeting)
    assert (
        [p["answered"] for p in question["periods"]]
        == [len(every[y]) for y in sorted(every)]
        == [11, 11, 10]
    )


def test_a_school_year_that_starts_in_september(cli: Any, evaluation_sessions: Built) -> None:
    (question,) = run_json(cli, "partnership-type-now", "--year-starts", "September")["questions"]
    years = latest(9)
    assert [p["period"] for p in question["periods"]] == list(years)
    # Tukwila's 2024-08-01 meeting now belongs to 2023-24 and is its latest there.
    assert sum(len(v) for v in years.values()) == sum(p["answered"] for p in question["periods"])


def test_the_csv_is_tidy_and_says_the_same(cli: Any, evaluation_sessions: Built) -> None:
    result = cli("trends", "partnership-type-now", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    counts = {
        (r["period"], r["value"]): (int(r["count"]), int(r["denominator"]))
        for r in rows
        if r["table"] == "count"
    }
    assert counts[("2023-24", "Cooperative")] == (6, 10)
    assert counts[("2024-25", "Cooperative = Collaborative")] == (1, 10)
    moves = [r for r in rows if r["table"] == "transition"]
    assert sum(int(r["count"]) for r in moves) == 20


def test_round_rows_say_quartiles_and_away_as_count_and_share(
    cli: Any, evaluation_sessions: Built
) -> None:
    result = cli("trends", "shared-leadership", "--format", "csv", "--as-of", "2026-06-30")
    assert result.exit_code == 0, result.stderr
    rows = [r for r in csv.DictReader(io.StringIO(result.stdout)) if r["table"] == "round"]
    rounds = {
        (period, p.collaborative): [v for v in m.leadership if v is not None]
        for period, meetings in latest().items()
        for p, m in meetings
    }
    assert len(rows) == len(rounds)
    for row in rows:
        values = rounds[(row["period"], row["partnership"])]
        expected = _stats(values)
        assert float(row["q1"]) == pytest.approx(expected["q1"], abs=0.001)
        assert float(row["q3"]) == pytest.approx(expected["q3"], abs=0.001)
        assert float(row["iqr"]) == pytest.approx(expected["q3"] - expected["q1"], abs=0.001)
        away = sum(abs(v - expected["median"]) >= 1 for v in values)  # a quarter of 1 to 5
        assert int(row["away_count"]) == away
        assert float(row["away_share"]) == pytest.approx(away / len(values), abs=0.001)
        assert row["divergent"] in ("true", "false")
    divergent = sum(r["divergent"] == "true" for r in rows)
    assert divergent == sum(
        _divergent([("", v) for v in values]) or row_split(period, name)
        for (period, name), values in rounds.items()
    )
    data = run_json(cli, "shared-leadership")["questions"][0]
    for period in data["periods"]:
        for flagged in period["divergent"]:
            assert {"away_count", "away_share", "q1", "q3"} <= set(flagged)
            assert "away" not in flagged


def row_split(period: str, name: str) -> bool:
    """Whether the sectors of that round have medians 2 or more apart."""
    for p, m in latest()[period]:
        if p.collaborative == name:
            sectors: dict[str, list[int]] = {}
            for i, v in zip(m.people, m.leadership, strict=True):
                if v is not None:
                    sectors.setdefault(p.people[i].sector, []).append(v)
            medians = [statistics.median(v) for v in sectors.values()]
            return max(medians) - min(medians) >= 2
    raise AssertionError(name)


def test_commitment_rows_carry_their_as_of_date(cli: Any, evaluation_sessions: Built) -> None:
    result = cli("trends", "--commitments", "--format", "csv", "--as-of", "2026-06-30")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == len(PARTNERSHIPS)
    assert {r["as_of"] for r in rows} == {"2026-06-30"}


def test_help_says_each_default_once(cli: Any) -> None:
    result = cli("trends", "--help")
    assert result.exit_code == 0
    assert result.stdout.count("[default: table]") == 1


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--by", "decade"], "--by"),
        (["--per", "site"], "--per"),
        (["--per", "banana"], "--per: partnership or session, not 'banana'"),
        (["--year-starts", "Augustus"], "--year-starts"),
        (["--format", "xlsx"], "--format"),
        (["no-such-question"], "no session in the selection asked"),
        (["--as-of", "2026-02-30"], "--as-of"),
        (["--collaborative", "nobody"], "no complete sessions match in"),
        (["--commitments", "--collaborative", "nobody"], "no complete sessions match in"),
        (["inequities-addressed"], "reflect search --question inequities-addressed"),
        (["--redact", "--collaborative", "nobody"], "no complete sessions match in"),
    ],
)
def test_bad_options_are_one_line_and_exit_2(
    cli: Any, evaluation_sessions: Built, args: list[str], says: str
) -> None:
    result = cli("trends", *args)
    assert result.exit_code == 2
    assert says in result.stderr
    assert result.stderr.count("\n") == 1
    assert ("--by" in result.stderr) == ("--by" in args)  # names the option that is wrong


def test_the_table_shows_each_part(cli: Any, evaluation_sessions: Built) -> None:
    result = cli("trends")
    assert result.exit_code == 0, result.stderr
    for part in (
        "partnership-type-now",
        "Cooperative = Collaborative (tie)",
        "Transitions",
        "Where partners see it differently",
        "Rainier Vista Collaborative",
        "Commitments",
        "2025-26",
    ):
        assert part in result.stdout


def test_a_folder_with_no_sessions_is_one_line_never_zeros(cli: Any, tmp_path: Any) -> None:
    """Zeros would read as a finding ("0 partnerships"): no data is said as such."""
    for folder in (tmp_path / "nonexistent", tmp_path):
        result = cli("--sessions-dir", str(folder), "trends")
        assert result.exit_code == 2 and result.stdout == ""
        assert result.stderr == f"reflect: no complete sessions match in {folder.absolute()}\n"
    assert not (tmp_path / "nonexistent").exists()


def test_a_text_question_says_what_trends_counts(cli: Any, evaluation_sessions: Built) -> None:
    result = cli("trends", "partnership-type-now", "inequities-addressed")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == (
        "reflect: 'inequities-addressed' is a text question: trends counts choice, multi, "
        "yes-no and scale questions; read its answers with `reflect search --question "
        "inequities-addressed`\n"
    )
