"""Who a line of an answer credits: the ``word:`` it starts with, and the one person of a
roster a handle, full name or unique first name names.

Below every layer that reads answers, so the live meeting (which credits lines as they
are typed) and the data tables (which give each credited line its person) decide alike.
"""

from __future__ import annotations

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


def speaker_of(line: str, people: Sequence[Participant]) -> Participant | None:
    """The person a line credits, if its ``word:`` names one."""
    word = speaker_word(line)
    return find(people, word) if word else None
