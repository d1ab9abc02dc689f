"""Who a line of an answer credits: the ``word:`` it starts with, and the one person of a
roster a handle, full name or any word of a name that no one else has names.

Below every layer that reads answers, so the live meeting (which credits lines as they
are typed) and the data tables (which give each credited line its person) decide alike.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

from reflect_cli.folding import fold as _fold
from reflect_cli.model import Participant

_SPEAKER = re.compile(r"^\s*([^:\n]{1,60}?)\s*:\s")


def fold(text: str) -> str:
    """Text as compared for identity: compatibility forms, accents and case folded away
    (a dotless ı is an i), single spaces."""
    return " ".join(_fold(text).split())


def speaker_word(line: str) -> str | None:
    """The ``word`` of a line that starts ``word: ...`` (a handle or a name), if any."""
    match = _SPEAKER.match(line)
    return match.group(1) if match else None


def find(people: Sequence[Participant], word: str) -> Participant | None:
    """The one person a handle, full name or any word of a name that no one else has
    names, whichever the word (Nguyễn Thị Lan is ``lan``, ``thi`` and ``nguyen``; with
    two Monicas in two organizations, ``monica`` names neither, ``haugen`` one)."""
    key = fold(word.lstrip("@"))
    if not key:
        return None
    for person in people:
        if key in (fold(person.handle), fold(person.name)):
            return person
    named: dict[tuple[str, str], Participant] = {}
    for person in people:
        if key in fold(person.name).split():
            named.setdefault((fold(person.name), fold(person.organization)), person)
    return next(iter(named.values())) if len(named) == 1 else None


def speaker_of(line: str, people: Sequence[Participant]) -> Participant | None:
    """The person a line credits, if its ``word:`` names one."""
    word = speaker_word(line)
    return find(people, word) if word else None


def person_key(person: Participant) -> str:
    """A person's id as reflect knows them (their name and organization, folded as
    --redact folds them): the same person has the same id in every session, so the data
    tables and every passage's speaker agree (``render/tables/people.py`` uses it)."""
    key = f"{fold(person.name)}\x1f{fold(person.organization)}"
    return "p-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]


def interpreter_of(person: Participant, people: Sequence[Participant]) -> Participant | None:
    """The roster's entry for who interprets for ``person`` (their ``interpreter`` is a
    handle or a name as typed), when they are on it."""
    said = fold(person.interpreter)
    if not said:
        return None
    return next((p for p in people if said in (fold(p.handle), fold(p.name))), None)


def interpreter_shown(person: Participant, people: Sequence[Participant]) -> str:
    """Who interprets for ``person`` as the room knows them: the roster's name (Abdi
    Farah, never the handle ``abdi``), else as typed."""
    found = interpreter_of(person, people)
    return found.name if found is not None else person.interpreter


def interpreting(people: Sequence[Participant]) -> list[Participant]:
    """Who is on the roster to interpret: named as the interpreter of someone else who is
    present. They voice that person's words and ratings, so they are not asked to rate
    and are not counted as a voice of their own (docs/languages.md#interpreters)."""
    found = [interpreter_of(p, people) for p in people if p.present]
    return [p for p in people if any(p is f for f in found)]
