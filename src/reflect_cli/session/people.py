"""People as the facilitator names them: one person is the same name and organization
in any case or accent form; a handle, a full name or any word of a name that one person
has finds them.

Names fold the way ``--redact`` finds them (``render.export.names.fold``): "ana lopez"
typed without its accent, "ANA LÓPEZ" and a decomposed "López" are one name, and a
generated handle is plain ASCII ("Seán" is ``sean``, never ``sen``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from reflect_cli.model import Participant
from reflect_cli.render.export.names import fold as _fold_name
from reflect_cli.speakers import find as find
from reflect_cli.typed_text import without_escapes


def fold(text: str) -> str:
    """Text as compared for identity: compatibility forms, accents and case folded away
    (a dotless ı is an i), single spaces."""
    return " ".join(_fold_name(text).split())


def ascii_word(word: str) -> str:
    """A word as handle letters: folded to ASCII, only a-z and 0-9 (``María`` → ``maria``,
    ``Ana-María`` → ``anamaria``)."""
    return re.sub(r"[^a-z0-9]", "", fold(without_escapes(word)))


def person_key(person: Participant) -> tuple[str, str]:
    """One person is the same name and organization, in any case."""
    return fold(person.name), fold(person.organization)


def same_person(people: Sequence[Participant], person: Participant) -> Participant | None:
    """The one of ``people`` who is ``person``: same name and organization, or, when
    ``person`` has no organization, the only one with that name."""
    key = person_key(person)
    for known in people:
        if person_key(known) == key:
            return known
    if person.organization:
        return None
    named = [p for p in people if fold(p.name) == key[0]]
    return named[0] if len(named) == 1 else None


def is_named(wanted: str, handle: str, name: str) -> bool:
    """Whether ``wanted`` names this person: their handle, or whole words of their name
    (``ana`` is Ana López, never Shana; ``lopez`` and ``ana lopez`` are her too)."""
    key = fold(wanted.lstrip("@"))
    if not key:
        return True
    words = fold(name).split()
    return key == fold(handle) or all(word in words for word in key.split())


def find_partial(people: Sequence[Participant], words: str) -> Participant | None:
    """The one person ``words`` names: as ``find`` does, or by some of their name's words
    (``ana lopez`` and ``lopez`` are Ana María López; ``ana`` alone, with two Anas, is
    neither of them)."""
    exact = find(people, words)
    if exact is not None:
        return exact
    key = fold(words.lstrip("@")).split()
    if not key:
        return None
    named = [p for p in people if all(word in fold(p.name).split() for word in key)]
    unique: list[Participant] = []
    for person in named:
        if all(person_key(person) != person_key(q) for q in unique):
            unique.append(person)
    return unique[0] if len(unique) == 1 else None


def near_miss(people: Sequence[Participant], words: str) -> Participant | None:
    """The person ``words`` nearly names, a letter or two off (``Monika`` is Monica
    Haugen, whose handle is ``mh``): compared with each handle, full name, and each word
    of a name that one person has."""
    import difflib  # only when a name was not found

    key = fold(words.lstrip("@"))
    if not key:
        return None
    # A person on today's list and among the known people is one person, counted once.
    candidates: dict[str, dict[tuple[str, str], Participant]] = {}
    for person in people:
        name = fold(person.name)
        for form in {fold(person.handle), name, *name.split()}:
            if len(form) > 1:
                candidates.setdefault(form, {}).setdefault(person_key(person), person)
    single = {form: next(iter(who.values())) for form, who in candidates.items() if len(who) == 1}
    found = difflib.get_close_matches(key, list(single), n=1, cutoff=0.75)
    return single[found[0]] if found else None
