"""Passages: every line someone said, addressed, with its speaker; codings stay on
their text when a record is edited, and say so when they cannot."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import make_session
from reflect_cli.coding import codings, passages
from reflect_cli.coding.passages import Address
from reflect_cli.errors import InputError
from reflect_cli.records.store import Store
from reflect_cli.speakers import person_key

PEOPLE = [
    "Nguyễn Thị Lan | Rainier Vista Elementary | Principal | lan",
    "Hope Ellis | Hope Ellis Tutoring | Owner | hope",
    "Maria Lopez | Seattle Parks | Site lead | maria-p",
    "Maria Alemu | Rainier Vista PTA | Parent | maria-a",
]
EQUITY = "\n".join(
    [
        "lan: We lost two staff to turnover this fall.",
        "The trust we built held anyway.",
        "",
        "maria-a: Families 𝒶re at the table — ቤተሰብ 家庭.",
        "hope: Hope is what kept us going.",
    ]
)


def _session(folder: Path, text: str = EQUITY) -> str:
    return make_session(
        folder, "partnership-reflection", people=PEOPLE, answers={"equity-issues": text}
    )


def test_every_line_is_a_passage_with_its_speaker(sessions_dir: Path) -> None:
    sid = _session(sessions_dir)
    session = Store(sessions_dir).load(sid)
    found = list(passages.of_session(session, "equity-issues"))
    assert [p.address for p in found] == [
        Address(sid, "equity-issues", n) for n in (1, 2, 4, 5)
    ]  # the empty line 3 is no passage, and numbering counts it as the tables do
    lan, hope, _, maria_a = session.participants
    assert [p.speaker for p in found] == [
        person_key(lan),
        "",
        person_key(maria_a),
        person_key(hope),
    ]
    assert found[1].before == found[0].text  # the line of context shown while coding
    assert found[2].text.startswith("maria-a: Families 𝒶re")


def test_passage_ids_are_the_data_tables_person_ids(sessions_dir: Path) -> None:
    from reflect_cli.render.tables.people import person_id

    sid = _session(sessions_dir)
    session = Store(sessions_dir).load(sid)
    for person in session.participants:
        assert person_id(person, redacted=False) == person_key(person)


@given(st.text(alphabet=st.sampled_from("ab\n\r é𝒶"), max_size=30))
def test_a_hit_offset_finds_the_line_it_is_on(text: str) -> None:
    lines = text.splitlines(keepends=True)
    start = 0
    for number, line in enumerate(lines, start=1):
        for offset in range(start, start + len(line)):
            assert passages.line_at(text, offset) == number
        start += len(line)


def test_addresses_read_back_and_refuse_what_is_not_one() -> None:
    address = Address("2026-11-20-north", "equity-issues", 3)
    assert Address.parse(str(address)) == address
    for bad in ("x", "a/b", "a/b/c", "a/b/-1", "a/b/٣x"):
        with pytest.raises(InputError):
            Address.parse(bad)


def test_an_edit_keeps_codings_on_unchanged_text_and_reports_the_rest(sessions_dir: Path) -> None:
    sid = _session(sessions_dir)
    store = Store(sessions_dir)
    before = list(passages.of_session(store.load(sid)))
    made = [codings.Coding(p.address, p.fingerprint, ("trust-relationships",)) for p in before]
    # Edited: a line added at the top (everything moves down one), one line reworded.
    session = store.load(sid)
    record = session.find("equity-issues")
    assert record is not None
    edited = "jo: A new first line.\n" + EQUITY.replace("held anyway", "held, mostly")
    record.answer = edited
    store.save(session)
    after = list(passages.of_session(store.load(sid)))
    anchored = codings.anchor(made, after)
    moved = dict(anchored.moved)
    assert moved[Address(sid, "equity-issues", 1)] == Address(sid, "equity-issues", 2)
    assert moved[Address(sid, "equity-issues", 5)] == Address(sid, "equity-issues", 6)
    assert [c.address for c in anchored.lost] == [Address(sid, "equity-issues", 2)]
    for address, coding in anchored.placed.items():
        text = next(p.text for p in after if p.address == address)
        assert passages.fingerprint(text) == coding.fingerprint  # never onto other words


def test_two_equal_lines_are_not_guessed_between(sessions_dir: Path) -> None:
    sid = _session(sessions_dir, "Yes.\nNo.\nYes.")
    store = Store(sessions_dir)
    first = next(iter(passages.of_session(store.load(sid), "equity-issues")))
    made = [codings.Coding(first.address, first.fingerprint, ("x",))]
    session = store.load(sid)
    record = session.find("equity-issues")
    assert record is not None
    record.answer = "Maybe.\nYes.\nYes."
    store.save(session)
    anchored = codings.anchor(made, list(passages.of_session(store.load(sid))))
    assert anchored.lost == made and not anchored.placed
