"""The question loop: one question at a time, every line saved the moment it is typed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from reflect_cli import kinds
from reflect_cli.asked import read_record
from reflect_cli.errors import InputError
from reflect_cli.i18n.messages import _
from reflect_cli.model import (
    ROUND_KINDS,
    AnswerRecord,
    DomainRecord,
    Note,
    Participant,
    Question,
    RoundKind,
    Session,
)
from reflect_cli.records.ballots import Ballots
from reflect_cli.rounds.anonymity import begun
from reflect_cli.session import credits, text_answer, typed_lines, voices
from reflect_cli.session.actions import record_action
from reflect_cli.session.clock import Clock
from reflect_cli.session.console import Console
from reflect_cli.session.credits import Speaker
from reflect_cli.session.people import find
from reflect_cli.session.question_screen import prompt_of, show_question, show_so_far
from reflect_cli.session.roster import Roster
from reflect_cli.session.rounds import PAUSE, RoundRunner
from reflect_cli.session.text_answer import lines_of, set_text
from reflect_cli.session.typed_lines import Command

NEXT, BACK, STAY = "next", "back", "stay"


class Paused(Exception):
    """The facilitator typed /pause."""


@dataclass
class Item:
    """One question of the session: where it sits, what was asked, what was answered."""

    domain: DomainRecord
    record: AnswerRecord
    question: Question


def items_of(session: Session) -> list[Item]:
    """The session's questions as its snapshot asked them (never the protocol file), in
    the session's language."""
    return [Item(domain, record, record.asked_question()) for domain, record in session.answers()]


class QuestionLoop:
    """Asks each pending question; ``save`` is called after every change."""

    def __init__(
        self, console: Console, session: Session, items: list[Item], save: Callable[[], None]
    ):
        self.console = console
        self.session = session
        self.items = items
        self.save = save
        self.clock = Clock(session.started)
        #: /join, /leave, /roster (set by the flow; without it those are unknown here).
        self.roster: Roster | None = None
        #: The last line's mistyped speaker, while the facilitator may still fix it.
        self._typo: Speaker | None = None
        #: Who ``/as`` credits every line to, until an empty line.
        self.speaking: Participant | None = None
        #: Where an anonymous round under way is kept (set by the flow: the private state folder).
        self.ballots: Ballots | None = None

    def elapsed(self, domain: str = "") -> str:
        """The progress header's time (``session.clock``)."""
        return self.clock.elapsed(domain)

    def run(self) -> None:
        self.console.completions(
            [p.handle for p in self.session.participants], list(typed_lines.COMMANDS)
        )
        index, revisit = 0, False
        while index < len(self.items):
            if not (revisit or self.items[index].record.pending):
                index += 1
                continue
            step = self.ask(index)
            if step == BACK:
                index, revisit = index - 1, True
            else:
                index, revisit = index + 1, False

    def ask(self, index: int) -> str:
        """Ask one question until it is answered, skipped or left with /back."""
        item = self.items[index]
        question, record = item.question, item.record
        progress = _("question {number} of {count} · {elapsed}").format(
            number=index + 1, count=len(self.items), elapsed=self.elapsed(item.domain.id)
        )
        show_question(
            self.console, question, item.domain.asked_title or item.domain.title, progress
        )
        if record.round:
            self._round(item)
        show_so_far(self.console, record, question)
        while True:
            step = self._one_line(index)
            if step != STAY:
                return step

    def _one_line(self, index: int) -> str:
        item = self.items[index]
        record, question = item.record, item.question
        # A round's answer is the discussion: typed as text, whatever the kind.
        multiline = kinds.of(question.kind).multiline or record.round is not None
        try:
            raw = self.console.ask(">" if multiline else prompt_of(question))
        except (KeyboardInterrupt, EOFError):
            text_answer.keep_unfinished(
                self.console, self.session, record, multiline, self.speaking, self.save
            )
            raise
        try:
            parsed = typed_lines.command_of(raw)
            typo, self._typo = self._typo, None
            if isinstance(parsed, Command):
                return self._command(parsed, index)
            if typo is not None and multiline and self._fixed(record, typo, parsed):
                return STAY
            if self.speaking is not None and multiline:
                credited = self._as_line(parsed)
                if credited is None:
                    return STAY
                parsed = credited
            if not parsed.strip():
                return self._empty(item)
            if multiline:
                self._text_line(record, parsed)
                return STAY
            record.answer = typed_lines.parse_answer(question, parsed)
            record.skipped = record.in_progress = False
            self.save()
            return NEXT
        except InputError as exc:
            self.console.say(str(exc), "yellow")
            return STAY

    def _as_line(self, line: str) -> str | None:
        """While ``/as`` is on: a line with no speaker of its own is theirs; an empty
        line ends it (and not the answer)."""
        assert self.speaking is not None
        if not line.strip():
            self.console.say(
                _("No longer crediting {name}.").format(name=self.speaking.name), "dim"
            )
            self.speaking = None
            return None
        if typed_lines.speaker_word(line) is not None:
            return line
        return f"{self.speaking.handle}: {line}"

    def _text_line(self, record: AnswerRecord, line: str) -> None:
        """Add a line to a text answer (saved at once), then say what its ``word:`` credit
        means when it is not plain: a typo, someone who left, someone not on the list."""
        known = self.roster.known if self.roster else []
        speaker = credits.speaker_of(line, self.session.participants, known)
        if speaker is not None and speaker.absent and speaker.person is not None:
            absent = replace(speaker.person, present=False)
            self.session.participants.append(absent)
        set_text(record, [*lines_of(record), line], self.session.participants, in_progress=True)
        self.save()
        if speaker is not None and speaker.message:
            self.console.say(speaker.message, "yellow")
            self._typo = speaker if speaker.person is None else None

    def _fixed(self, record: AnswerRecord, typo: Speaker, line: str) -> bool:
        """Right after a mistyped speaker: Enter keeps the line uncredited; a name or
        handle, or the line retyped, credits it. Anything else is a new line."""
        lines = lines_of(record)
        if not line.strip():
            self.console.say(_("Kept as typed, uncredited."), "dim")
            return True
        fixed = credits.retyped(lines[-1], line, self.session.participants) if lines else None
        if fixed is None:
            return False
        set_text(record, [*lines[:-1], fixed], self.session.participants, in_progress=True)
        self.save()
        self.console.say(_("Credited: {line}").format(line=fixed), "green")
        return True

    def _empty(self, item: Item) -> str:
        record = item.record
        if record.answer not in (None, "", []) or record.rated:
            record.in_progress = False
            record.skipped = False
            self.save()
            return NEXT
        if item.question.required:
            self.console.say(_("This question needs an answer (or /skip it for now)."), "yellow")
            return STAY
        record.skipped = True
        self.save()
        return NEXT

    def _command(self, command: Command, index: int) -> str:
        item = self.items[index]
        record = item.record
        name, argument = command.name, command.argument
        if name == "/skip":
            record.in_progress = False
            record.skipped = record.answer in (None, "", []) and not record.rated
            self.save()
            return NEXT
        if name == "/back":
            if index == 0:
                self.console.say(_("This is the first question."), "yellow")
                return STAY
            return BACK
        if name == "/pause":
            raise Paused
        if name == "/edit":
            if not kinds.of(item.question.kind).multiline and not record.round:
                raise InputError(_("/edit works on text answers; type the new value instead"))
            edited = self.console.edit("\n".join(lines_of(record)))
            set_text(record, edited.split("\n"), self.session.participants, in_progress=True)
            self.save()
            self.console.say(_("Answer updated:"), "dim")
            self.console.say(
                kinds.answer_text(record.kind, read_record(record).answer) or _("(empty)")
            )
            return STAY
        if name == "/action":
            record_action(self.console, self.session, argument, record.id, self.save)
            return STAY
        if name == "/as":
            person = find(self.session.participants, argument)
            if person is None:
                raise InputError(
                    _("/as needs someone here: no one called {typed}").format(typed=repr(argument))
                )
            self.speaking = person
            self.console.say(
                _("Crediting {name} until an empty line.").format(name=person.name), "dim"
            )
            return STAY
        if name in ("/join", "/leave", "/roster", "/handle"):
            if self.roster is None:
                raise InputError(_("{command} is not available here").format(command=name))
            self.roster.question = record.id  # where someone came late or left early
            self.roster.command(f"{name} {argument}")
            return STAY
        if name == "/note":
            if not argument:
                raise InputError(_("a note needs text: /note TEXT"))
            self.session.notes.append(Note(argument, record.id))
            self.save()
            self.console.say(_("Private note saved (not exported unless asked for)."), "green")
            return STAY
        if name == "/round":
            self._start_round(item, argument)
            return STAY
        if name == "/who":
            voices.show(self.console, self.session)
            return STAY
        # A table: a meaning that wraps stays beside its command at any width.
        rows = [[command, _(meaning)] for command, meaning in typed_lines.COMMANDS.items()]
        self.console.table(["", ""], rows)
        self.console.say(_("A line starting with // is text beginning with /."))
        return STAY

    def _round(self, item: Item) -> None:
        """Run the question's round (or what is left of it), then the discussion."""
        runner = RoundRunner(self.console, self.session, self.save, self.ballots)
        try:
            step = runner.run(item.record, item.question)
        except (KeyboardInterrupt, EOFError):
            text_answer.keep_typed_rating(self.console, self.session, item.record, self.save)
            raise
        if step is PAUSE:
            raise Paused

    def _turns_taken(self, record: AnswerRecord) -> set[str]:
        """Who had their turn in this question's anonymous round under way, as the
        private state folder keeps it (none when nothing is kept there)."""
        if record.round is not RoundKind.ANONYMOUS or self.ballots is None:
            return set()
        roster = [p.handle for p in self.session.participants]
        kept = self.ballots.load(record, roster)
        return kept.entered_by if kept is not None else set()

    def _start_round(self, item: Item, argument: str) -> None:
        record = item.record
        kind = argument.strip().lower() or "named"
        if item.question.kind not in ROUND_KINDS:
            raise InputError(_("a round rates a scale, choice or yes-no question"))
        if kind not in tuple(RoundKind):
            raise InputError(_("/round takes named (the default) or anonymous"))
        if record.round != kind and begun(record, self._turns_taken(record)):
            # Whole sentences, not "a {kind}": English says "an anonymous", and other
            # languages agree the kind with its noun.
            if record.round == RoundKind.ANONYMOUS:
                raise InputError(_("this question already has an anonymous round"))
            raise InputError(_("this question already has a named round"))
        record.round = RoundKind(kind)
        if record.answer is not None and not isinstance(record.answer, str):
            # A value typed before the round is kept, as the start of the discussion.
            was = kinds.answer_text(record.kind, read_record(record).answer)
            record.answer = _("Answer before the round: {answer}").format(answer=was)
        self.save()
        self._round(item)
        self.console.say(_("(the discussion, optional: empty line ends it)"), "dim")
