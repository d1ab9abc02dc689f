"""Who a typed line credits, and the mistakes worth a word: ``monika:`` when no one
present is monika, a person who has left, someone of the partnership not on today's list.

The line is always kept as typed; these only decide what to say and whom to credit.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass

from reflect_cli import numbers
from reflect_cli.i18n.messages import _
from reflect_cli.model import Participant
from reflect_cli.session.people import find, fold
from reflect_cli.session.typed_lines import speaker_word


@dataclass(frozen=True)
class Speaker:
    """What the ``word:`` at the start of a line means."""

    word: str
    person: Participant | None = None
    #: True when ``person`` is of the partnership but not on today's roster yet.
    absent: bool = False
    suggestion: Participant | None = None

    @property
    def message(self) -> str:
        """One line for the facilitator, or '' when the credit is plain."""
        if self.person is None:
            hint = (
                _(" — did you mean {person}?").format(person=_called(self.suggestion))
                if self.suggestion
                else ""
            )
            return _(
                "no one called {typed} here{hint} (Enter keeps the text uncredited, or retype)"
            ).format(typed=repr(self.word), hint=hint)
        if self.absent:
            return _(
                "{name} is not on today's list: credited, and listed as not present "
                "(/join {handle} if they are here)"
            ).format(name=self.person.name, handle=self.person.handle)
        if self.person.left:
            return _("{name} has left: credited all the same").format(name=self.person.name)
        if not self.person.present:
            return _(
                "{name} is listed as not present: credited all the same "
                "(/join {handle} if they are here)"
            ).format(name=self.person.name, handle=self.person.handle)
        return ""


def _called(person: Participant | None) -> str:
    assert person is not None
    if fold(person.name).split()[:1] == [person.handle]:
        return person.handle
    return f"{person.handle} ({person.name})"


def speaker_of(
    line: str, today: Sequence[Participant], known: Sequence[Participant] = ()
) -> Speaker | None:
    """The speaker a line names, or None for a line that names no one (no ``word:``,
    or several words before the colon, as in ``Next steps:``... which is text)."""
    word = speaker_word(line)
    if word is None:
        return None
    person = find(today, word)
    if person is not None:
        return Speaker(word, person)
    person = find(known, word)
    if person is not None:
        return Speaker(word, person, absent=True)
    if len(word.split()) > 1 or numbers.holds_number(word):
        return None  # "Next steps: ...", "10:30 ...": prose, not a speaker
    return Speaker(word, suggestion=closest(word, today))


def closest(word: str, people: Sequence[Participant]) -> Participant | None:
    """The present person whose handle, first name or family name is nearest to a
    mistyped word (``haugen:`` suggests Monica Haugen)."""
    here = [p for p in people if p.here]
    names = {fold(p.handle): p for p in here}
    for person in here:  # first names too, where they name one person only
        first = fold(person.name).split()[:1]
        if first and find(here, first[0]) is person:
            names.setdefault(first[0], person)
    families: dict[str, list[Participant]] = {}
    for person in here:  # and family names, where one person has it
        words = fold(person.name).split()
        if len(words) > 1:
            families.setdefault(words[-1], []).append(person)
    for family, who in families.items():
        if len(who) == 1:
            names.setdefault(family, who[0])
    found = difflib.get_close_matches(fold(word), list(names), n=1, cutoff=0.6)
    return names[found[0]] if found else None


def retyped(previous: str, line: str, today: Sequence[Participant]) -> str | None:
    """The previous line credited as the facilitator now says: ``monica`` (a name or a
    handle alone) or the whole line retyped with a right speaker. None when ``line`` is
    neither: it is then a line of its own."""
    word = speaker_word(previous)
    rest = previous.split(":", 1)[1].lstrip() if word is not None else previous
    alone = find(today, line.strip().rstrip(":").strip())
    if alone is not None:
        return f"{alone.handle}: {rest}"
    new_word = speaker_word(line)
    same_words = fold(line.split(":", 1)[-1]) == fold(rest)
    if new_word is not None and find(today, new_word) is not None and same_words:
        return line
    return None
