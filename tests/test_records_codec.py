"""Records: YAML round trips exactly; newer and damaged records are refused clearly."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from reflect_cli.errors import RecordError
from reflect_cli.model import (
    Action,
    AnswerRecord,
    Choice,
    DomainRecord,
    Kind,
    Note,
    Participant,
    ProtocolRef,
    Scale,
    Session,
)
from reflect_cli.records import codec, yaml_writer, yamlio

# Any unicode but NUL and surrogates; plus the characters that trouble YAML and terminals.
TRICKY = st.sampled_from(
    [
        "[bold]",
        "[/]",
        "\x1b[31m",
        "\r",
        "\r\n",
        ": ",
        "- ",
        "---",
        "!!python/object",
        "#",
        "'",
        '"',
        "|",
        ">",
        "&a",
        "*a",
        "\t",
        " ",
        "\u2028",
        "\x85",
        "yes",
        "null",
        "2026-11-22",
        "~",
        "\ufeff",
        "%",
    ]
)
TEXT = st.lists(
    st.one_of(
        st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")), TRICKY
    ),
    max_size=6,
).map("".join)


def make_session(answer: str, name: str = "Monica") -> Session:
    return Session(
        id="2026-11-22-x-0a0a",
        protocol=ProtocolRef("partnership-reflection", 1, "Title", "ab" * 32, "Source"),
        collaborative=answer or "c",
        date="2026-11-22",
        started="2026-11-22T10:00:00-08:00",
        updated="2026-11-22T10:05:00-08:00",
        facilitator=answer,
        participants=[Participant(name, "Org", "Role", "monica")],
        intro={"watch-video": "done"},
        domains=[
            DomainRecord(
                "d",
                "Domain",
                [
                    AnswerRecord(
                        "q", "Prompt?", Kind.TEXT, answer=answer or None, credits=["monica"]
                    ),
                    AnswerRecord(
                        "c",
                        "Pick",
                        Kind.MULTI,
                        (Choice("A", answer), Choice("B")),
                        answer=["A"],
                        help=answer,
                    ),
                    AnswerRecord(
                        "s", "Scale", Kind.SCALE, answer=3, scale=Scale(0, 10, {0: answer})
                    ),
                    AnswerRecord("y", "Yes?", Kind.YES_NO, answer=False, required=True),
                ],
            )
        ],
        actions=[Action(answer or "a", "monica", "2026-12-01", question="q")],
        notes=[Note(answer, "q")],
    )


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_any_text_round_trips_exactly(text: str) -> None:
    session = make_session(text)
    dumped = codec.dump(session)
    assert codec.parse(dumped, "x.yaml") == session
    plain = yaml.safe_load(dumped)  # any YAML reader sees the same text
    assert plain["domains"][0]["questions"][0]["answer"] == (text or None)
    assert codec.dump(codec.parse(dumped, "x.yaml")) == dumped  # stable bytes


def test_record_starts_with_schema_and_uses_block_text() -> None:
    dumped = codec.dump(make_session("monica: one\nshana: two"))
    assert dumped.startswith("schema: reflect/session-v1\nid: ")
    assert "answer: |-\n" in dumped and "date: 2026-11-22\n" in dumped


def test_newer_schema_is_refused() -> None:
    text = codec.dump(make_session("x")).replace("session-v1", "session-v2")
    with pytest.raises(RecordError, match=r"newer reflect .*upgrade"):
        codec.parse(text, "new.yaml")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- a list\n", "not a reflect session record"),
        ("schema: other/v1\n", "unknown record schema"),
        ("schema: reflect/session-v1\nid: x\n", "missing 'protocol'"),
        ("key: [unclosed\n", "YAML syntax error"),
    ],
)
def test_damaged_records_name_the_file(text: str, message: str) -> None:
    with pytest.raises(RecordError, match=message) as caught:
        codec.parse(text, "broken.yaml")
    assert str(caught.value).startswith("broken.yaml")


def test_answer_of_the_wrong_type_is_damage() -> None:
    text = codec.dump(make_session("x")).replace("answer: 3", "answer: lots")
    with pytest.raises(RecordError, match="does not fit a scale question"):
        codec.parse(text, "r.yaml")


def test_unknown_keys_survive() -> None:
    text = codec.dump(make_session("x")) + "reviewed_by: Pat\n"
    session = codec.parse(text, "r.yaml")
    assert codec.dump(session).endswith("reviewed_by: Pat\n")


class _PureDumper(yaml.SafeDumper):
    """The record dumper as it is where PyYAML was built without libyaml."""


_PureDumper.add_representer(str, yaml_writer._str)  # type: ignore[arg-type]


class _PureLoader(yamlio.Strict, yaml.SafeLoader):
    """The strict loader as it is where PyYAML was built without libyaml."""


@settings(max_examples=150, deadline=None)
@given(TEXT)
def test_pure_python_yaml_gives_identical_records(text: str) -> None:
    session = make_session(text)
    fast = codec.dump(session)
    data = codec.to_dict(session)
    data["date"] = dt.date.fromisoformat(session.date)
    pure = yaml.dump(
        data,
        Dumper=_PureDumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=1_000_000,
        indent=2,
    )
    # The same records with or without libyaml, whichever wrote and whichever reads (the
    # pure emitter escapes characters beyond U+FFFF that libyaml writes as they are).
    assert yamlio.HAS_LIBYAML
    for text_written in (fast, pure):
        assert codec.parse(text_written, "x.yaml") == session
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(yamlio, "_Loader", yaml.SafeLoader)
            patch.setattr(yamlio, "_StrictLoader", _PureLoader)
            assert codec.parse(text_written, "x.yaml") == session


def test_participant_present_and_commitment_note_round_trip() -> None:
    from reflect_cli.model import Action, Participant, ProtocolRef, Session
    from reflect_cli.records import codec

    session = Session(
        "2026-11-22-x-0000",
        ProtocolRef("tiny", 1, "Tiny"),
        "Northgate",
        "2026-11-22",
        participants=[
            Participant("Monica Haugen", "Parks", "Lead", "mh"),
            Participant("May Lin", "PTA", "Parent", "may", present=False),
        ],
        follow_up=[Action("Share the calendar", "mh", status="in progress", note="half done")],
    )
    data = codec.to_dict(session)
    assert [p["present"] for p in data["participants"]] == [True, False]
    assert data["follow_up"][0]["note"] == "half done"
    back = codec.parse(codec.dump(session), "test")
    assert back.participants == session.participants
    assert back.follow_up == session.follow_up
    del data["participants"][0]["present"]  # older records: present by default
    data["participants"][1]["present"] = "no"
    with pytest.raises(RecordError, match="present"):
        codec.from_dict(data, "test")
    data["participants"][1]["present"] = False
    assert [p.present for p in codec.from_dict(data, "t").participants] == [True, False]


@settings(max_examples=200, deadline=None)
@given(
    st.one_of(
        st.text(),
        st.text(alphabet="0123456789١٢٣०१२૩٩", min_size=1).map(lambda d: f"reflect/session-v{d}"),
        st.integers(min_value=0, max_value=5000).map(lambda n: "reflect/session-v" + "9" * n),
        st.integers(),
        st.none(),
    )
)
def test_any_schema_is_read_or_refused_in_one_line(schema: object) -> None:
    """Only ASCII digits, at most six, name a schema version: ``reflect/session-v١`` is
    not v1, and 5,000 nines are refused in a line, never a ValueError from ``int()``."""
    try:
        codec.check_schema({"schema": schema}, "s.yaml")
    except RecordError as exc:
        line = str(exc)
        assert line.startswith("s.yaml: ") and "\n" not in line and len(line) < 300
    else:
        assert isinstance(schema, str)
        assert schema.startswith("reflect/session-v") and schema[17:].isascii()
        assert int(schema[17:]) <= codec.SCHEMA_VERSION


def test_a_huge_schema_version_is_one_warning_and_list_shows_the_rest(tmp_path: Path) -> None:
    from reflect_cli.records.store import Store

    folder = tmp_path
    shelf = Store(folder)
    shelf.create(make_session("Good"))
    (folder / "huge.yaml").write_text("schema: reflect/session-v" + "9" * 5000 + "\n")
    (folder / "arabic.yaml").write_text("schema: reflect/session-v\u0661\n")
    sessions, warnings = shelf.summaries()
    assert len(sessions) == 1 and len(warnings) == 2
    assert all("unknown record schema" in w for w in warnings)
