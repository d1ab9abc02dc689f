"""What an export may hold: one allow-list (render/export/view.py), every field classified,
and no field of a record reaching a redacted document without passing the redactor."""

from __future__ import annotations

import dataclasses
import html
import json
import typing

import pytest

from reflect_cli import model
from reflect_cli.model import (
    Action,
    AnswerRecord,
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
from reflect_cli.render.export.view import NOT_SHOWN, SHOWN, shown


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
        classified = SHOWN.get(kind, frozenset()) | NOT_SHOWN.get(kind, frozenset())
        assert fields == classified, f"{kind.__name__}: classify {sorted(fields ^ classified)}"


NAME = "Monica Haugen"


def everywhere() -> Session:
    """A session with a participant's name in every field people or a record can fill."""
    said = f"{NAME} was there"
    return Session(
        id="2026-09-01-x",
        protocol=ProtocolRef("tiny", 1, "Tiny"),
        collaborative=said,
        site=said,
        date="2026-09-01",
        status=SessionStatus.COMPLETE,
        started=said,
        updated=said,
        facilitator=NAME,
        participants=[
            Participant(NAME, "Parks", "Lead", "mh"),
            Participant("Ana Ruiz", said, said, "ar"),
        ],
        intro={said: said},
        follow_up=[Action(said, NAME, said, origin=said, note=said, question="q")],
        domains=[
            DomainRecord(
                "d",
                "Domain",
                [
                    AnswerRecord("q", "What happened?", answer=said, credits=["mh", NAME]),
                    AnswerRecord("m", "Which?", Kind.MULTI, answer=[said]),
                    AnswerRecord(
                        "r",
                        "How strong?",
                        Kind.SCALE,
                        scale=Scale(1, 5),
                        round=RoundKind.ANONYMOUS,
                        ratings=[Rating(3, "", said), Rating(4, "", said), Rating(2, "", "Parks")],
                        entered_by=["mh", NAME],
                        passed_by=[NAME],
                    ),
                ],
            )
        ],
        actions=[Action(said, "mh", said, note=said, question="q")],
        notes=[Note(said, "q")],
        extra={said: {said: [said]}},
    )


@pytest.mark.parametrize("fmt", ["md", "html", "csv", "json"])
def test_no_field_reaches_a_redacted_document_unredacted(fmt: str) -> None:
    found = exporting.redactor([everywhere()])
    options = exporting.Options(redact=True, include_private=True)
    document = "".join(exporting.render([everywhere()], fmt, options, found))
    text = html.unescape(document) if fmt == "html" else document
    if fmt == "json":
        text = json.dumps(json.loads(document), ensure_ascii=False)
    for part in ("Monica", "Haugen"):
        assert part not in text.replace("\\", ""), fmt


def test_the_view_holds_only_what_is_shown() -> None:
    view = shown(everywhere())
    assert view.extra == {} and view.notes == []
    assert view.domains[0].questions[2].entered_by == []
    assert shown(everywhere(), include_private=True).notes[0].text.startswith(NAME)
    original = everywhere()
    shown(original).participants[0].name = "changed"
    assert original.participants[0].name == NAME  # a copy: the record is never touched
