"""Search finds what people mean: words anywhere, any case or accent, in every place."""

from __future__ import annotations

import dataclasses
import json
import re
import string
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import make_session
from reflect_cli.errors import InputError
from reflect_cli.model import Action, Note
from reflect_cli.records import search
from reflect_cli.records.rows import Where
from reflect_cli.records.store import Store

PEOPLE = [
    "Monica Haugen | Seattle Parks and Recreation | Site lead | mh",
    "José López | Rainier Beach High | Counselor",
    "May Chen | Northgate PTA | Parent",
    "Hope Mensah | Youth Council | Student",
]


@pytest.fixture
def store(sessions_dir: Path) -> Store:
    make_session(
        sessions_dir,
        "equitable-partnerships",
        date="2026-09-15",
        people=PEOPLE,
        answers={
            "partnership-type-now": "Cooperative",
            "changes-sought": "mh: Fair access to the gym. We may need bus passes\n"
            "jose: Familias first, and the space calendar",
        },
        actions=[Action("Buy bus passes for the field trip", "mh", "2026-10-01")],
        notes=[Note("Private: José seemed tired", "changes-sought")],
    )
    make_session(
        sessions_dir,
        "equitable-partnerships",
        date="2026-11-20",
        people=[
            "Jo Park | Northgate PTA | Parent",
            "Hope Rivera | Seattle Public Schools | Principal",
        ],
        answers={
            "partnership-type-now": "Collaborative",
            "changes-sought": "jo: The calendar space is shared now. Café on Fridays",
        },
    )
    return Store(sessions_dir)


def find(store: Store, text: str, private: bool = False, limit: int | None = 20) -> search.Found:
    return search.find(store.index(), search.Query.parse(text), "", [], private, limit)


def scan(
    store: Store,
    matcher: search.Query | re.Pattern[str],
    private: bool = False,
    limit: int | None = 20,
) -> search.Found:
    """The path a SQLite without FTS5 takes (every text read and matched in Python)."""
    index = dataclasses.replace(store.index(), fulltext=False)
    return search.find(index, matcher, "", [], private, limit)


def marked(hit: search.Hit) -> list[str]:
    return [hit.text[a:b] for a, b in hit.spans]


def test_accents_and_case_do_not_matter(store: Store) -> None:
    found = find(store, "lopez")
    # Her meeting, and the next one's roster, where she is kept as not present.
    assert [h.where for h in found.hits] == [Where.PARTICIPANT, Where.PARTICIPANT]
    assert all(marked(h) == ["López"] for h in found.hits)
    assert [marked(h) for h in find(store, "CAFE").hits] == [["Café"]]


LETTERS = "Ayşe Yılmaz from Łódź, Straße 5, Ørsted, Đorđe, Æsir and Œuvre; İstanbul"


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("yilmaz", "Yılmaz"),
        ("Yılmaz", "Yılmaz"),
        ("YILMAZ", "Yılmaz"),
        ("lodz", "Łódź"),
        ("strasse", "Straße"),
        ("orsted", "Ørsted"),
        ("dorde", "Đorđe"),
        ("aesir", "Æsir"),
        ("oeuvre", "Œuvre"),
        ("istanbul", "İstanbul"),
        ("yilm*", "Yılmaz"),
        ('"ayse yilmaz"', "Ayşe Yılmaz"),
    ],
)
def test_letters_that_do_not_decompose_are_folded(
    sessions_dir: Path, typed: str, shown: str
) -> None:
    make_session(
        sessions_dir,
        "partnership-reflection",
        people=["Ayşe Yılmaz | Łódź Youth Office | Director | ay"],
        answers={"shared-values": f"ay: {LETTERS}"},
    )
    store = Store(sessions_dir)
    found = find(store, typed)
    assert found.total >= 1, typed
    answer = [h for h in found.hits if h.where is Where.ANSWER]
    assert answer and shown in marked(answer[0]), (typed, marked(answer[0]))
    scanned = scan(store, search.Query.parse(typed))
    assert any(shown in h.text and h.spans for h in scanned.hits)  # the scan folds the same way


def test_apostrophes_join_words_and_control_characters_part_them(sessions_dir: Path) -> None:
    make_session(
        sessions_dir,
        "partnership-reflection",
        people=["Shauna O’Neil | Library | Staff | so"],
        answers={"shared-values": "so: Pasted http://evil\x07click here"},
    )
    store = Store(sessions_dir)
    for typed, shown in [("oneil", "O’Neil"), ("o'neil", "O’Neil"), ("evil", "evil"),
                         ("click", "click")]:  # fmt: skip
        found = find(store, typed)
        assert found.total == 1 and marked(found.hits[0]) == [shown], typed
        scanned = scan(store, search.Query.parse(typed))
        assert [marked(h) for h in scanned.hits] == [[shown]], typed
    assert find(store, "evilclick").total == 0


def test_commitments_and_names_are_found(store: Store) -> None:
    found = find(store, "bus passes")
    assert {h.where for h in found.hits} == {Where.COMMITMENT, Where.ANSWER}
    made = [h for h in found.hits if h.where is Where.COMMITMENT and h.date == "2026-09-15"]
    assert "Monica Haugen" in made[0].place  # the owner's name, not the handle mh
    carried = [h for h in found.hits if h.where is Where.COMMITMENT and h.date == "2026-11-20"]
    assert len(carried) == 1  # followed up in the next session
    people = find(store, "hope")
    assert {h.text for h in people.hits} == {
        "Hope Mensah, Youth Council, Student",
        "Hope Rivera, Seattle Public Schools, Principal",
    }
    # Monica of Parks: at the first meeting, and on the second's roster as not present.
    parks = find(store, "Parks Recreation").hits
    assert [(h.where, h.date) for h in parks] == [
        (Where.PARTICIPANT, "2026-11-20"),
        (Where.PARTICIPANT, "2026-09-15"),
    ]


def test_multi_choice_and_choice_labels(store: Store, sessions_dir: Path) -> None:
    make_session(
        sessions_dir,
        "partnership-reflection",
        date="2026-10-01",
        answers={"equity-issues": "jo: trust matters"},
    )
    found = find(store, "Cooperative")
    assert [h.where for h in found.hits] == [Where.ANSWER]
    assert "›" in found.hits[0].place


def test_phrases_prefixes_or_and_not(store: Store) -> None:
    assert find(store, '"space calendar"').total == 1  # the phrase, in that order
    assert find(store, "space calendar").total == 2  # both words, anywhere in the answer
    assert {h.date for h in find(store, "famil*").hits} == {"2026-09-15"}
    assert marked(find(store, "famil*").hits[0]) == ["Familias"]
    assert find(store, "cooperative OR collaborative").total == 2
    assert find(store, "calendar -cafe").total == 1
    with pytest.raises(InputError):
        find(store, "-calendar")
    with pytest.raises(InputError):
        find(store, '"" ,')


def test_punctuation_is_just_a_break(store: Store) -> None:
    assert find(store, "gym. We").total == 1
    assert find(store, 'trust, "School-wide" (x) AND NEAR ^ :').total == 0  # no syntax error


def test_private_notes_only_when_asked(store: Store) -> None:
    assert find(store, "tired").total == 0
    found = find(store, "tired", private=True)
    assert [h.where for h in found.hits] == [Where.NOTE]


def test_best_first_then_newest_and_the_total(store: Store) -> None:
    found = find(store, "calendar", limit=1)
    assert found.total == 2 and len(found.hits) == 1
    everything = find(store, "calendar", limit=None)
    assert len(everything.hits) == 2


def test_newest_first_among_equals(sessions_dir: Path) -> None:
    for day in ("2026-01-01", "2026-03-01", "2026-02-01"):
        make_session(
            sessions_dir, "partnership-reflection", date=day, answers={"shared-values": "jo: same"}
        )
    found = find(Store(sessions_dir), "same")
    assert [h.date for h in found.hits] == ["2026-03-01", "2026-02-01", "2026-01-01"]
    cut = find(Store(sessions_dir), "same", limit=2)  # equals beyond the cut: newest shown
    assert [h.date for h in cut.hits] == ["2026-03-01", "2026-02-01"] and cut.total == 3


def test_the_scan_finds_what_the_index_finds(store: Store) -> None:
    for text in ("lopez", "bus passes", "famil*", "calendar -cafe", "hope OR cooperative"):
        query = search.Query.parse(text)
        indexed = find(store, text, limit=None)
        scanned = scan(store, query, limit=None)
        assert sorted((h.file, h.where, h.text) for h in scanned.hits) == sorted(
            (h.file, h.where, h.text) for h in indexed.hits
        ), text


def test_a_regular_expression_scans_the_records(store: Store) -> None:
    found = search.find(store.index(), search.compile_pattern(r"gy+m"))
    assert [marked(h) for h in found.hits] == [["gym"]]
    with pytest.raises(InputError):
        search.compile_pattern("(")


WORD = st.text(
    alphabet=st.sampled_from(list(string.ascii_letters + "éÉüñçÇßøåÆıłŁđœİ" + "0123456789")),
    min_size=1,
    max_size=12,
)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(words=st.lists(WORD, min_size=1, max_size=8))
def test_every_word_of_an_answer_is_found(sessions_dir: Path, words: list[str]) -> None:
    for old in sessions_dir.glob("*"):
        if old.is_file():
            old.unlink()
    answer = "jo: " + " ".join(words) + "."
    make_session(sessions_dir, "partnership-reflection", answers={"shared-values": answer})
    store = Store(sessions_dir)
    for word in words:
        found = find(store, word)
        assert found.total >= 1, (word, answer)
        assert any(re.search(re.escape(word), h.text) for h in found.hits)


def test_without_fts5_search_scans_the_records(
    sessions_dir: Path, monkeypatch: pytest.MonkeyPatch, cli: object
) -> None:
    from reflect_cli.records import index_schema

    monkeypatch.setattr(index_schema, "_FTS", "CREATE VIRTUAL TABLE texts USING no_such_module(x)")
    make_session(
        sessions_dir,
        "partnership-reflection",
        people=PEOPLE,
        answers={"shared-values": "jose: Café for the families"},
        actions=[Action("Buy bus passes", "mh", "2026-10-01")],
    )
    store = Store(sessions_dir)
    assert not store.index().fulltext
    result = cli("search", "cafe")  # type: ignore[operator]
    assert result.exit_code == 0 and "Café" in result.stdout, result.stderr
    result = cli("search", "lopez OR passes")  # type: ignore[operator]
    assert "José López" in result.stdout and "Buy bus passes" in result.stdout
    assert "2 of 2 hits" in result.stderr


def test_json_gives_every_hit_unless_n_is_given(sessions_dir: Path, cli: Any) -> None:
    planted = [Action(f"Buy bus passes for route {n}", "mh", "2026-10-01") for n in range(25)]
    make_session(sessions_dir, "partnership-reflection", people=PEOPLE, actions=planted)
    every = cli("search", "passes", "--json")
    assert every.exit_code == 0, every.stderr
    assert len(json.loads(every.stdout)["hits"]) == len(planted)
    assert f"{len(planted)} of {len(planted)} hits" in every.stderr
    fewer = cli("search", "passes", "--json", "-n", "3")
    assert len(json.loads(fewer.stdout)["hits"]) == 3
    screenful = cli("search", "passes")
    assert f"20 of {len(planted)} hits; -n N or --all for more" in screenful.stderr


def test_each_hit_says_its_sessions_status(sessions_dir: Path, cli: Any) -> None:
    """A draft's words may never have been agreed: each hit says whether it is one, in
    JSON and on the terminal, and drafts are found unless --status complete."""
    agreed = [Action("Buy bus passes", "mh", "2026-10-01")]
    done = make_session(sessions_dir, "partnership-reflection", people=PEOPLE, actions=agreed)
    draft = make_session(
        sessions_dir,
        "partnership-reflection",
        people=PEOPLE,
        date="2026-11-23",
        actions=[Action("Buy more bus passes", "mh", "2026-10-01")],
        status="draft",
    )
    result = cli("search", "passes", "--json")
    assert result.exit_code == 0, result.stderr
    statuses = {h["session"]: h["status"] for h in json.loads(result.stdout)["hits"]}
    assert statuses == {done: "complete", draft: "draft"}
    shown = cli("search", "passes").stdout
    assert f"2026-11-23  {draft}  draft" in shown
    assert f"{done}  " not in shown and f"2026-11-22  {done}\n" in shown
    only = cli("search", "passes", "--json", "--status", "complete")
    assert [h["status"] for h in json.loads(only.stdout)["hits"]] == ["complete"]
