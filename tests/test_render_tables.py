"""The table builders on their own: any text a person may type comes back from the CSV
cell for cell (control characters as the escapes every export shows), and a person's id
follows the person, not the spelling."""

from __future__ import annotations

import csv
import dataclasses
import io
import unicodedata
from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st

from reflect_cli.controls import visible
from reflect_cli.model import (
    AnswerRecord,
    DomainRecord,
    Kind,
    Participant,
    ProtocolRef,
    Session,
    SessionStatus,
)
from reflect_cli.render.tables import package, schema
from reflect_cli.render.tables.build import Builder, facts
from reflect_cli.render.tables.people import person_id

PEOPLE = [
    Participant("Nguyễn Thị Lan", "Hope Family Center", "Parent", "lan"),
    Participant("Grace May", "Lake Hills Elementary", "Principal", "grace"),
]
#: Text people type or paste: every script, quotes, commas, CR, LF, tabs, controls.
TYPED = st.text(
    st.characters(blacklist_categories=("Cs",)) | st.sampled_from(list(',"\r\n\t=;\x1b')),
    max_size=80,
)


def session(text: str, *others: str) -> Session:
    questions = [AnswerRecord("q", "Say?", Kind.TEXT, answer=text or None)]
    questions += [
        AnswerRecord(f"o{n}", "Pick", Kind.MULTI, answer=[label]) for n, label in enumerate(others)
    ]
    return Session(
        "2025-09-20-x-0a0a",
        ProtocolRef("p", 1, "P"),
        "Lake Hills",
        "2025-09-20",
        status=SessionStatus.COMPLETE,
        participants=[Participant(p.name, p.organization, p.role, p.handle) for p in PEOPLE],
        domains=[DomainRecord("d", "D", questions)],
    )


def tables(built: Session) -> dict[str, list[dict[str, str]]]:
    builder = Builder()
    builder.add(built, facts(built))
    files = package.files(builder.rows, include_private=False, redacted=False)
    return {
        t.name: list(csv.DictReader(io.StringIO(files[f"{t.name}.csv"], newline="")))
        for t in schema.TABLES
    }


@settings(max_examples=150, deadline=None)
@given(TYPED, TYPED)
def test_any_text_comes_back_cell_for_cell(text: str, label: str) -> None:
    read = tables(session(text, label))
    (answer,) = [r for r in read["answers"] if r["question_id"] == "q"]
    assert answer["text"] == visible(text, crlf=True)
    chosen = [r["label"] for r in read["choices"]]
    assert chosen == [visible(label, crlf=True)]
    lines = [r["text"] for r in read["utterances"]]
    assert lines == [visible(line, crlf=True) for line in text.splitlines() if line.strip()]


@given(st.sampled_from(PEOPLE), TYPED)
def test_a_line_credits_the_person_it_names(person: Participant, said: str) -> None:
    said = " ".join(said.split()) or "yes"
    read = tables(session(f"{person.handle}: {said}\n{person.name}: again\nno one: here"))
    ids = {r["name"]: r["person_id"] for r in read["participants"]}
    credited = [r["person_id"] for r in read["utterances"]]
    assert credited == [ids[person.name], ids[person.name], ""]


def test_a_persons_id_follows_the_person_not_the_spelling() -> None:
    lan = Participant("Nguyễn Thị Lan", "Hope Family Center")
    typed = Participant(unicodedata.normalize("NFD", "NGUYỄN THỊ LAN"), "hope family center")
    other = Participant("Nguyễn Thị Lan", "Lake Hills Elementary")
    assert person_id(lan, False) == person_id(typed, False) != person_id(other, False)
    assert person_id(lan, False).startswith("p-")
    # Redacted, the id is the redactor's pseudonym, whatever the name says.
    assert person_id(Participant("Hope Family Center (Parent)", handle="participant-3"), True) == (
        "participant-3"
    )


def test_a_question_asked_twice_is_refused_naming_it() -> None:
    """A hand-edited record that asks one question twice would give two answers rows
    with one key: refused with one clear line, never a package that breaks its keys."""
    import pytest

    from reflect_cli.errors import InputError

    twice = session("lan: yes")
    twice.domains[0].questions.append(AnswerRecord("q", "Again?", Kind.TEXT, answer="no"))
    with pytest.raises(InputError, match="asks question 'q' twice"):
        Builder().add(twice, facts(twice))


@dataclass
class _Protocol(ProtocolRef):
    language: str = "am"


def test_the_sessions_language_is_the_records_else_its_protocols_else_empty() -> None:
    plain = session("hola")
    assert tables(plain)["sessions"][0]["language"] == "en"  # a record that does not say
    asked = dataclasses.replace(plain, language="es")
    assert tables(asked)["sessions"][0]["language"] == "es"
    by_protocol = dataclasses.replace(plain, protocol=_Protocol("p", 1, "P"), language="")
    assert tables(by_protocol)["sessions"][0]["language"] == "am"
