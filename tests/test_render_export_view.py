"""What an export may hold: one allow-list (render/export/view.py), every field classified,
and no field of a record reaching a redacted document without passing the redactor."""

from __future__ import annotations

import dataclasses
import html
import json
import re
import typing

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reflect_cli import model
from reflect_cli.model import (
    Action,
    AnswerRecord,
    Band,
    Choice,
    DomainRecord,
    Kind,
    Note,
    Participant,
    ProtocolRef,
    Rating,
    RoundKind,
    Scale,
    Session,
    SessionStatus,
)
from reflect_cli.render import export as exporting
from reflect_cli.render.export.view import NOT_SHOWN, SHOWN, Holds, shown
from reflect_cli.render.export.walk import changed_in_place, rebuilt


def record_types() -> set[type]:
    """Every record type a session holds, found from Session's own field types."""
    found: set[type] = set()
    todo: list[type] = [Session]
    while todo:
        kind = todo.pop()
        if kind in found:
            continue
        found.add(kind)
        hints = typing.get_type_hints(kind, vars(model))
        for hint in hints.values():
            for arg in (hint, *typing.get_args(hint), *_deep_args(hint)):
                if dataclasses.is_dataclass(arg) and isinstance(arg, type):
                    todo.append(arg)
    return found


def _deep_args(hint: object) -> list[object]:
    out: list[object] = []
    for arg in typing.get_args(hint):
        out += [arg, *_deep_args(arg)]
    return out


def test_every_field_of_every_record_type_is_shown_or_kept_out_by_name() -> None:
    for kind in record_types():
        fields = {f.name for f in dataclasses.fields(kind)}
        classified = set(SHOWN.get(kind, {})) | NOT_SHOWN.get(kind, frozenset())
        assert fields == classified, f"{kind.__name__}: classify {sorted(fields ^ classified)}"


def _holds_text(hint: object) -> bool:
    """Whether a field of this type can hold text (a ``str``, not one of our enums)."""
    return hint is str or any(_holds_text(arg) for arg in typing.get_args(hint))


def test_no_field_that_can_hold_text_is_left_as_it_is() -> None:
    # Only a field holding no text at all (numbers, yes or no, enums, records) may be
    # Holds.NONE, the one kind a redacted export leaves as it is.
    for kind in record_types():
        hints = typing.get_type_hints(kind, vars(model))
        for name, holds in SHOWN.get(kind, {}).items():
            if holds is Holds.NONE:
                assert not _holds_text(hints[name]), f"{kind.__name__}.{name} holds text"


NAME = "Monica Haugen"


def everywhere(
    said: str = f"{NAME} was there", asked: str = f"What did {NAME} propose?"
) -> Session:
    """A session with a participant's name in every field people or a record can fill:
    ``said`` where people write, ``asked`` in the record's own copy of a protocol's text
    (a protocol anyone can write or edit)."""
    choice = Choice(asked, help=asked)
    return Session(
        id="2026-09-01-x",
        protocol=ProtocolRef(asked, 1, asked, sha256=said, source=asked),
        collaborative=said,
        site=said,
        date=said,
        status=SessionStatus.COMPLETE,
        started=said,
        updated=said,
        facilitator=NAME,
        participants=[
            Participant(NAME, "Parks", "Lead", "mh"),
            Participant("Ana Ruiz", said, said, "ar"),
        ],
        intro={said: said},
        follow_up=[Action(said, NAME, said, origin=said, note=said, question=asked)],
        domains=[
            DomainRecord(
                asked,
                asked,
                [
                    AnswerRecord(asked, asked, answer=said, credits=["mh", NAME], help=asked),
                    AnswerRecord(
                        "m", asked, Kind.MULTI, choices=(choice, Choice("B")), answer=[said, asked]
                    ),
                    AnswerRecord("c", asked, Kind.CHOICE, choices=(choice,), answer=asked),
                    AnswerRecord(
                        "r",
                        "How strong?",
                        Kind.SCALE,
                        scale=Scale(1, 5, {1: asked, 5: asked}),
                        bands=(Band(1, asked),),
                        round=RoundKind.ANONYMOUS,
                        ratings=[Rating(3, "", said), Rating(4, "", said), Rating(2, "", "Parks")],
                        entered_by=["mh", NAME],
                        passed_by=[NAME],
                    ),
                    AnswerRecord(
                        "n",
                        asked,
                        Kind.CHOICE,
                        choices=(choice,),
                        round=RoundKind.NAMED,
                        ratings=[Rating(asked, "mh"), Rating(said, "ar", said)],
                    ),
                ],
            )
        ],
        actions=[Action(said, "mh", said, note=said, question=asked)],
        notes=[Note(said, asked)],
        extra={said: {said: [said]}},
    )


def reader_text(document: str, fmt: str) -> str:
    text = html.unescape(document) if fmt == "html" else document
    if fmt == "json":
        text = json.dumps(json.loads(document), ensure_ascii=False)
    return text.replace("\\", "")


@pytest.mark.parametrize("fmt", ["md", "html", "csv", "json"])
def test_no_field_reaches_a_redacted_document_unredacted(fmt: str) -> None:
    found = exporting.redactor([everywhere()])
    options = exporting.Options(redact=True, include_private=True)
    document = "".join(exporting.render([everywhere()], fmt, options, found))
    for part in ("Monica", "Haugen"):
        assert part not in reader_text(document, fmt), fmt


#: How a hand-edited protocol may hold a name: in a prompt, a label, a title, an id.
ASKED = ["What did {} propose?", "{}'s plan", "{}", "Ideas from {}", "{}s idea", "ask-{}"]
FORMS = [NAME, "Monica", "Haugen", "HAUGEN", "monica-haugen", "mhaugen", "Mon\u00adica"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(ASKED), st.sampled_from(FORMS), st.sampled_from(["md", "html", "csv", "json"])
)
def test_the_records_copy_of_the_protocols_text_is_redacted(
    asked: str, form: str, fmt: str
) -> None:
    def session() -> Session:
        return everywhere("fine", asked.format(form))

    found = exporting.redactor([session()])
    options = exporting.Options(redact=True, include_private=True)
    text = reader_text("".join(exporting.render([session()], fmt, options, found)), fmt)
    assert not re.search(r"(?i)monica|haugen|mon\u00adica", text), (fmt, asked, form)
    # A chosen label is still the (redacted) label: the answer and its choice agree.
    view = exporting.prepare.prepare(session(), options, found)
    multi, choice = view.domains[0].questions[1], view.domains[0].questions[2]
    assert choice.answer == choice.choices[0].label and multi.answer[1] == multi.choices[0].label


def test_the_view_holds_only_what_is_shown() -> None:
    view = shown(everywhere())
    assert view.extra == {} and view.notes == []
    assert view.domains[0].questions[2].entered_by == []
    assert shown(everywhere(), include_private=True).notes[0].text.startswith(NAME)
    original = everywhere()
    shown(original).participants[0].name = "changed"
    assert original.participants[0].name == NAME  # a copy: the record is never touched


@pytest.mark.parametrize("asked", ["Which?", "Monica Haugen's question"])
def test_a_view_changed_in_place_is_the_view_rebuilt(asked: str) -> None:
    """The redacted export changes its own view where it is (``changed_in_place``): the
    same records, the same calls in the same order, as ``rebuilt`` makes anew."""
    calls: list[list[tuple[str, str, str]]] = [[], []]

    def change(into: list[tuple[str, str, str]]) -> typing.Any:
        def changed(record: object, name: str, holds: Holds, value: object) -> object:
            into.append((type(record).__name__, name, holds.value))
            return value.upper() if isinstance(value, str) and value else value

        return changed

    entered: list[list[str]] = [[], []]
    made = rebuilt(
        shown(everywhere("said", asked)),
        change(calls[0]),
        lambda r: entered[0].append(type(r).__name__),
    )
    view = shown(everywhere("said", asked))
    participants = view.participants
    changed = changed_in_place(
        view, change(calls[1]), lambda r: entered[1].append(type(r).__name__)
    )
    assert changed == made and calls[0] == calls[1] and entered[0] == entered[1]
    assert changed is view and changed.participants is participants  # nothing copied
    assert changed.participants[0].name == NAME.upper()
