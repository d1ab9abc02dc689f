"""Where a redacted export stops: each everyday word the text cannot tell from a name.

"Grace said she would come" (Grace is a participant, and a word): the redactor neither
keeps it silently nor replaces it silently. Every such place is gathered while the
sessions are rewritten; the export then stops (exit 2, nothing written) and lists each
one, session, question and sentence, with how to decide: ``--name Grace`` (the person,
replaced) or ``--word Grace`` (a word, kept), once for the folder.
"""

from __future__ import annotations

from dataclasses import dataclass

from reflect_cli.controls import visible
from reflect_cli.errors import ReflectError
from reflect_cli.i18n.messages import _, ngettext
from reflect_cli.render.export.everyday import sentence_around
from reflect_cli.render.export.names import Found, fold


@dataclass(frozen=True)
class Place:
    """An everyday word met where only the facilitator can say what it is."""

    word: str
    session: str
    question: str
    sentence: str
    #: The word folded: what a decision is kept under.
    term: str
    #: The word to decide about as the roster spells it, when the text has a form of
    #: it ("지민" of "지민에게"); else "" (``word``).
    decide: str = ""


def place(where: tuple[str, str], text: str, found: Found, decide: tuple[str, str]) -> Place:
    """The place of an undecided word found in ``text``; ``decide``: the word to decide
    about, folded and as typed (``Matcher.to_decide``)."""
    word = text[found.start : found.end]
    session, question = where
    sentence = sentence_around(text, found.start, found.end)
    key, typed = decide
    # The word as typed, unless the text has a form of it ("지민에게", "monicas").
    return Place(word, session, question, sentence, key, typed if fold(word) != key else "")


@dataclass(frozen=True)
class Rerun:
    """The command being run, as its user would type it again ("reflect commitments"):
    a refusal says how to go on with that command's own options, and what it did not do
    (a command that writes nothing, check-names, says nothing was checked)."""

    command: str = "reflect export"
    writes: bool = True

    def nothing(self) -> str:
        """What the refused run did not do."""
        return _("nothing was written") if self.writes else _("nothing was checked")


class UndecidedWords(ReflectError):
    """A redacted export met everyday words that may be names; nothing was written."""

    def __init__(self, places: list[Place], rerun: Rerun | None = None) -> None:
        self.places = places
        rerun = rerun or Rerun()
        words = list(dict.fromkeys(p.term for p in places))
        lines = [
            ngettext(
                "redaction stopped: {count} place where an everyday word may be a person's "
                "name; {nothing}",
                "redaction stopped: {count} places where an everyday word may be a person's "
                "name; {nothing}",
                len(places),
            ).format(count=len(places), nothing=rerun.nothing())
        ]
        for spot in places:
            where = spot.session
            if spot.question:
                where += _(", question {question}").format(question=spot.question)
            lines.append(
                _('{where}: "{word}" in: {sentence}').format(
                    where=visible(where), word=visible(spot.word), sentence=visible(spot.sentence)
                )
            )
        first = _shown(places, words[0])
        lines.append(
            _(
                "decide once per word for this folder: run {command} again with {names} (the "
                "person: replaced) or {words} (a word: kept), one of the two for each; e.g. "
                "--name {first}"
            ).format(
                command=rerun.command,
                names=" ".join(f"--name {_shown(places, w)}" for w in words),
                words=" ".join(f"--word {_shown(places, w)}" for w in words),
                first=first,
            )
        )
        super().__init__("\n".join(lines))


def _shown(places: list[Place], term: str) -> str:
    """The word as it was typed, capitalised ("Hope"), for the option to give."""
    spot = next(p for p in places if p.term == term)
    if spot.decide:
        return visible(spot.decide)
    return visible(spot.word[:1].upper() + spot.word[1:].lower())
