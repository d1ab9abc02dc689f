"""People as the facilitator names them: one person is the same name and organization
in any case or accent form; a handle, a full name or a unique first name finds them."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from reflect_cli.model import Participant


def fold(text: str) -> str:
    """Text as compared for identity: composed accents, any case, single spaces."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def person_key(person: Participant) -> tuple[str, str]:
    """One person is the same name and organization, in any case."""
    return fold(person.name), fold(person.organization)


def find(people: Sequence[Participant], word: str) -> Participant | None:
    """The one person a handle, full name or unique first name names (two Monicas in
    two organizations: the first name alone names neither)."""
    key = fold(word.lstrip("@"))
    if not key:
        return None
    for person in people:
        if key in (fold(person.handle), fold(person.name)):
            return person
    firsts = [p for p in people if fold(p.name).split()[:1] == [key]]
    return firsts[0] if len(firsts) == 1 else None
