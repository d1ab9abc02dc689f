"""The writer keeps the reader's limits: every record reflect writes, reflect reads back.

Both directions, at and just past each limit: what the store writes at a limit reads
back; one byte or one value more is refused by the writer (nothing written, the text
kept aside) and by the reader alike. At the prompt, a paste that would not fit is refused
and kept where the message says; a protocol whose records would not fit does not
validate."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import make_session
from reflect_cli.errors import ProtocolError, RecordError, SessionInterrupted
from reflect_cli.model import Action, Note, Session
from reflect_cli.protocols import catalog
from reflect_cli.records import codec, record_limits
from reflect_cli.records.opening import MAX_BYTES
from reflect_cli.records.store import Store
from reflect_cli.records.yaml_checks import MAX_NODES
from reflect_cli.session.console import ScriptedConsole
from reflect_cli.session.flow import Facilitator
from reflect_cli.session.prefill import Plan, add_participants
from reflect_cli.session.room import cost


def _session(folder: Path) -> tuple[Store, Session]:
    store = Store(folder)
    session_id = make_session(folder, "partnership-reflection", date="2026-11-20")
    return store, store.load(session_id)


def _size(session: Session) -> tuple[int, int]:
    data = codec.to_dict(session)
    return len(codec.dump_dict(data).encode("utf-8")), record_limits.values_in(data)


def _grow_to_bytes(session: Session, target: int) -> None:
    """A text answer long enough that the record is exactly ``target`` bytes."""
    record = next(q for _, q in session.answers() if q.kind == "text")
    record.answer = "x"
    for _ in range(3):  # the time stamp and the answer's width settle at once
        size, _ = _size(session)
        assert isinstance(record.answer, str)
        record.answer += "x" * (target - size)
    assert _size(session)[0] == target


def _grow_to_values(session: Session, target: int) -> None:
    """Notes (5 values each) and intro steps (2 each) until exactly ``target`` values."""
    _, values = _size(session)
    notes, rest = divmod(target - values, 5)
    session.notes += [Note("n", "") for _ in range(notes)]
    if rest % 2:  # 1 or 3: five less, three or four intro steps more
        session.notes.pop()
        rest += 5
    session.intro.update({f"step-{i}": "s" for i in range(rest // 2)})
    assert _size(session)[1] == target


def _written_raw(folder: Path, session: Session) -> Path:
    """The record as the codec writes it, put on disk without the store's check."""
    path = folder / f"{session.id}-raw.yaml"
    path.write_text(codec.dump_dict(codec.to_dict(session)), encoding="utf-8")
    return path


def test_a_record_at_the_byte_limit_is_written_and_read_back(sessions_dir: Path) -> None:
    store, session = _session(sessions_dir)
    _grow_to_bytes(session, MAX_BYTES)  # the time stamp written anew has the same width
    store.save(session)
    assert Store(sessions_dir).load(session.id).answered_count == session.answered_count


def test_one_byte_past_the_limit_is_refused_by_writer_and_reader(sessions_dir: Path) -> None:
    store, session = _session(sessions_dir)
    before = store.path(session.id).read_bytes()
    _grow_to_bytes(session, MAX_BYTES + 1)
    with pytest.raises(record_limits.RecordTooLarge, match="reads back") as refused:
        store.save(session)
    assert store.path(session.id).read_bytes() == before  # nothing written
    kept = Path(re.search(r"kept in (\S+)$", str(refused.value)).group(1))  # type: ignore[union-attr]
    assert kept.stat().st_size == MAX_BYTES + 1 or kept.stat().st_size > MAX_BYTES  # all of it
    with pytest.raises(RecordError, match="too large"):
        store.load_path(_written_raw(sessions_dir, session))  # the reader agrees


def test_a_record_at_the_value_limit_is_written_and_read_back(sessions_dir: Path) -> None:
    store, session = _session(sessions_dir)
    _grow_to_values(session, MAX_NODES)
    store.save(session)
    assert len(Store(sessions_dir).load(session.id).notes) == len(session.notes)
    assert store.room(session.id) == record_limits.Room(store.room(session.id).bytes, 0)  # type: ignore[union-attr]


def test_one_value_past_the_limit_is_refused_by_writer_and_reader(sessions_dir: Path) -> None:
    store, session = _session(sessions_dir)
    _grow_to_values(session, MAX_NODES + 1)
    with pytest.raises(record_limits.RecordTooLarge, match="100,000"):
        store.save(session)
    with pytest.raises(RecordError, match="100,000 values"):
        store.load_path(_written_raw(sessions_dir, session))


# -- what the reader's decoder refuses --------------------------------------------------


def _blank_name(session: Session) -> None:
    session.participants[0].name = ""


def _blank_commitment(session: Session) -> None:
    session.actions.append(Action(""))


def _far_ahead(session: Session) -> None:
    session.date = "2099-01-01"


@pytest.mark.parametrize(
    ("change", "refusal"),
    [
        (_blank_name, "participants[0].name: is empty"),
        (_blank_commitment, "actions[0].text: is empty"),
        (_far_ahead, "date: 2099-01-01 is more than a year from today"),
    ],
    ids=["a participant with no name", "a commitment with no text", "a date far ahead"],
)
def test_what_the_decoder_refuses_is_never_written(
    sessions_dir: Path, change: Callable[[Session], None], refusal: str
) -> None:
    """The writer asks the reader's own decoder, whichever path made the session: the
    record stays as it was, and the unsaved version is kept where the message says."""
    store, session = _session(sessions_dir)
    before = store.path(session.id).read_bytes()
    change(session)
    with pytest.raises(record_limits.RecordUnreadable, match=re.escape(refusal)) as refused:
        store.save(session)
    assert "would not read it back" in str(refused.value)
    assert store.path(session.id).read_bytes() == before
    kept = Path(re.search(r"kept in (\S+)$", str(refused.value)).group(1))  # type: ignore[union-attr]
    with pytest.raises(RecordError, match=re.escape(refusal)):
        codec.parse(kept.read_text(encoding="utf-8"), str(kept))  # the reader agrees
    assert Store(sessions_dir).summaries()[1] == []  # the folder reads as before


def test_a_new_record_the_decoder_refuses_leaves_no_file(sessions_dir: Path) -> None:
    store, session = _session(sessions_dir)
    records = sorted(sessions_dir.glob("*.yaml"))
    session.participants[0].name = ""
    with pytest.raises(record_limits.RecordUnreadable, match=r"participants\[0\]\.name"):
        store.create(session)
    assert sorted(sessions_dir.glob("*.yaml")) == records


# -- at the prompt ---------------------------------------------------------------------


def test_a_paste_too_large_for_the_record_is_refused_at_the_prompt_and_kept(
    sessions_dir: Path,
    write_yaml,  # type: ignore[no-untyped-def]
) -> None:
    from conftest import MINIMAL_PROTOCOL

    protocol = catalog.load_file(write_yaml("tiny.yaml", MINIMAL_PROTOCOL))
    plan = Plan(collaborative="Tiny", site="S", facilitator="F", date="2026-11-01")
    add_participants(plan, ["Nguyễn Thị Lan | Library | Librarian"])
    paste = "Grace said: " + "word " * (MAX_BYTES // 5)
    console = ScriptedConsole(["first line", paste, "after the paste", "", "1", "3", "no", "red"])
    session = Facilitator(console, Store(sessions_dir), protocol, plan).start()
    shown = "\n".join(console.shown)
    assert "Not saved: that is" in shown
    kept = Path(re.search(r"The text is kept in (\S+):", shown).group(1))  # type: ignore[union-attr]
    assert kept.read_text(encoding="utf-8") == paste  # nothing of it lost
    reread = Store(sessions_dir).load(session.id)  # the record reads back
    assert reread.domains[0].questions[0].answer == "first line\nafter the paste"
    assert reread.status == "complete"


def test_the_cost_of_a_line_covers_what_it_adds_to_a_record(sessions_dir: Path) -> None:
    _, session = _session(sessions_dir)
    record = next(q for _, q in session.answers() if q.kind == "text")
    for earlier in (None, "monica: first\nshana: second"):
        record.answer = earlier
        before, _ = _size(session)
        for line in ["plain", "esc\x1b[2J" * 100, "\u2028" * 1000, "Nguyễn " * 100, "# - : ' \""]:
            record.answer = f"{earlier}\n{line}" if earlier else line
            assert cost(line) >= _size(session)[0] - before, repr(line[:20])


# -- protocols ------------------------------------------------------------------------


def _yes_no_protocol(path: Path, count: int) -> Path:
    questions = "\n".join(
        f"      - {{id: q{i}, prompt: 'Question {i}?', kind: yes-no}}" for i in range(count)
    )
    path.write_text(
        f"id: many\ntitle: Many\ndomains:\n  - id: d\n    title: D\n    questions:\n{questions}\n",
        encoding="utf-8",
    )
    return path


def test_a_protocol_whose_records_would_not_read_back_does_not_validate(tmp_path: Path) -> None:
    with pytest.raises(ProtocolError, match="too large for a session record"):
        catalog.load_file(_yes_no_protocol(tmp_path / "many.yaml", 9000))


def test_the_largest_protocol_that_validates_leaves_a_meeting_its_room(
    tmp_path: Path, sessions_dir: Path
) -> None:
    """Found by bisection: the most yes-no questions that validate. Its empty record
    leaves at least ``MEETING`` under both limits, and one more question does not
    validate."""
    low, high = 1, 9000
    while low < high:
        middle = (low + high + 1) // 2
        try:
            catalog.load_file(_yes_no_protocol(tmp_path / f"p{middle}.yaml", middle))
            low = middle
        except ProtocolError:
            high = middle - 1
    protocol = catalog.load_file(_yes_no_protocol(tmp_path / "largest.yaml", low))
    left = record_limits.of_protocol(protocol)
    assert left.values >= record_limits.MEETING[1] and left.bytes >= record_limits.MEETING[0]
    assert left.values < record_limits.MEETING[1] + 20  # one more question would not fit
    plan = Plan(collaborative="Many", site="S", facilitator="F", date="2026-11-01")
    add_participants(plan, ["Hope Mensah | Youth Council | Member"])
    session = Facilitator(
        ScriptedConsole(interactive=False), Store(sessions_dir), protocol, plan
    ).start()
    assert Store(sessions_dir).load(session.id).question_count == low


# -- whole numbers and handles, as the reader and the answers file take them ------------


@pytest.mark.parametrize(
    ("written", "edited"),
    [
        ("  version: 2\n", "  version: true\n"),  # the protocol's version
        ("    answer: 3\n", "    answer: true\n"),  # a scale's answer
        ("      min: 1\n", "      min: false\n"),  # a scale's bounds
    ],
)
def test_a_flag_where_a_record_needs_a_whole_number_is_refused(
    sessions_dir: Path, tiny_protocol: Path, written: str, edited: str
) -> None:
    session_id = make_session(sessions_dir, str(tiny_protocol), answers={"q-three": 3})
    path = Store(sessions_dir).path(session_id)
    text = path.read_text(encoding="utf-8")
    assert written in text
    path.write_text(text.replace(written, edited, 1), encoding="utf-8")
    with pytest.raises(RecordError, match=r"whole number|does not fit"):
        Store(sessions_dir).load(session_id)


def test_an_answers_file_crediting_a_handle_nobody_has_is_refused(
    write_yaml,  # type: ignore[no-untyped-def]
) -> None:
    from reflect_cli.errors import InputError
    from reflect_cli.session import prefill

    answers = write_yaml(
        "answers.yaml",
        """
        collaborative: Northgate
        participants: ["Nguyễn Thị Lan | Library | Librarian | lan"]
        answers:
          shared-values: {answer: "We share the gym.", credits: [lan, grace]}
        """,
    )
    plan = prefill.load(answers)
    protocol, _ = catalog.find("partnership-reflection")
    with pytest.raises(InputError, match="credits unknown handle 'grace'"):
        prefill.check_against(plan, protocol, str(answers))


def test_a_resumed_draft_weighs_its_first_line(sessions_dir: Path) -> None:
    """Before anything is saved in a resumed session, its room is known from the record
    read: a paste that would not fit is refused at the first prompt."""
    store, session = _session(sessions_dir)
    session.status = "draft"
    record = next(q for _, q in session.answers() if q.kind == "text")
    record.answer, record.skipped = None, False
    _grow_to_bytes_elsewhere(session, MAX_BYTES - 2_000)
    store.save(session)
    fresh = Store(sessions_dir)
    with fresh.live():
        resumed = fresh.load(session.id)
        console = ScriptedConsole(["y" * 10_000, "a short line", ""])
        with pytest.raises(SessionInterrupted):
            Facilitator(console, fresh, catalog.find("partnership-reflection")[0], Plan()).resume(
                resumed
            )
    assert any(line.startswith("Not saved: that is") for line in console.shown)
    assert "a short line" in (
        Store(sessions_dir).load(session.id).domains[0].questions[0].answer or ""
    )


def _grow_to_bytes_elsewhere(session: Session, target: int) -> None:
    """Private notes long enough that the record is exactly ``target`` bytes."""
    session.notes.append(Note("x", ""))
    for _ in range(3):
        size, _ = _size(session)
        session.notes[-1].text += "x" * (target - size)
    assert _size(session)[0] == target
