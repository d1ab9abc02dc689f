"""The live round: every present person's own rating of one question, saved as entered.

Named: each person in turn ("Monica Haugen, Seattle Parks and Recreation:"), with
``/pass`` and ``/back``, or everyone at once (``mh 4, shana 3``). Anonymous ("pass the
laptop"): each person types with no echo, the screen is cleared after every entry and
only a count is shown; the rating is stored with the person's organization alone, at a
random place in the list, so neither who gave it nor the order is kept.

Who is next is worked out from the record each time: the first present person without
a rating or a pass (named), or not in ``entered_by`` (anonymous: the unordered set of who
has had their turn, rated or passed; it says who took part and nothing more, and is
cleared when the round ends). So a session killed mid-round resumes with the next
person, whoever joined or left meanwhile. A round that ended (everyone asked, or /skip)
is finished: going back to it or resuming shows its result and asks no one again.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

from reflect_cli.errors import InputError
from reflect_cli.model import (
    AnswerRecord,
    Participant,
    Question,
    Rating,
    RoundKind,
    Session,
)
from reflect_cli.rounds.analysis import RatingValue, option_label
from reflect_cli.session import round_screen
from reflect_cli.session.console import Console
from reflect_cli.session.ratings import add_anonymous, everyone_at_once, present, rating_of


class Step(Enum):
    """What a line of a round leads to."""

    STAY = "stay"  # the round goes on
    DONE = "done"  # the round is over
    PAUSE = "pause"  # the facilitator paused: save and quit
    RESTART = "restart"  # the round changed kind (/round anonymous) before anyone rated


#: What ``RoundRunner.run`` ends with: the round is over, or the facilitator paused.
DONE, PAUSE = Step.DONE, Step.PAUSE
_HELP = {
    "/pass": "this person abstains (counted, no rating)",
    "/back": "fix the previous person's rating (named rounds)",
    "/skip": "end the round here; whoever is left is not asked",
    "/round": "/round anonymous or /round named: change the round before anyone rates",
    "/pause": "save and quit; the round continues with the next person on resume",
    "/help": "this list",
}


class RoundRunner:
    """Runs one round on a question record; ``save`` is called after every entry."""

    def __init__(self, console: Console, session: Session, save: Callable[[], None]) -> None:
        self.console = console
        self.session = session
        self.save = save

    def run(self, record: AnswerRecord, question: Question) -> Step:
        """Ask whoever has not rated yet, then show the result; ``DONE`` or ``PAUSE``."""
        if self._ended(record):
            self.show_result(record, question)
            return DONE
        if not present(self.session) and not record.rated:
            self.console.say("No one is here to rate: add people with /join first.", "yellow")
            return DONE
        record.in_progress = True
        step = Step.RESTART
        while step is Step.RESTART and self._remaining(record):
            named = record.round is not RoundKind.ANONYMOUS
            self._introduce(named)
            step = self._named(record, question) if named else self._anonymous(record, question)
            if step is Step.PAUSE:
                return PAUSE
            if not named:  # the screen was cleared: say again what the result is about
                self.console.say(question.prompt, "bold")
        self._end(record)
        self.show_result(record, question)
        return DONE

    @staticmethod
    def _ended(record: AnswerRecord) -> bool:
        """Whether the round is over; a record from before ``round_ended`` was kept
        counts as over when it was rated and not left in progress."""
        return record.round_ended or (record.rated and not record.in_progress)

    def _end(self, record: AnswerRecord) -> None:
        """The round is finished: resuming or going back never reopens it. A round no one
        rated or passed leaves the question skipped until the discussion says something."""
        record.round_ended = True
        record.entered_by = []  # only needed to find the next person
        record.in_progress = False
        record.skipped = not record.rated and record.answer in (None, "", [])
        self.save()

    # -- named ------------------------------------------------------------------------

    def _remaining(self, record: AnswerRecord) -> list[Participant]:
        people = present(self.session)
        if record.round is RoundKind.ANONYMOUS:
            if record.rated and not record.entered_by:  # a record from before entered_by
                return people[len(record.ratings) + record.passed :]
            return [p for p in people if p.handle not in record.entered_by]
        done = {r.participant for r in record.ratings} | set(record.passed_by)
        return [p for p in people if p.handle not in done]

    def _introduce(self, named: bool) -> None:
        if named:
            example = ", ".join(f"{p.handle} 3" for p in present(self.session)[:2])
            self.console.say(
                "Round: each person's own rating. /pass to abstain, /back to fix the "
                f"previous person, or everyone at once ({example}, …).",
                "cyan",
            )
        else:
            self.console.say(
                "Anonymous round: pass the laptop. Each person types their rating; nothing "
                "is shown and no name is kept. /pass to abstain.",
                "cyan",
            )

    def _named(self, record: AnswerRecord, question: Question) -> Step:
        while remaining := self._remaining(record):
            person = remaining[0]
            where = f", {person.organization}" if person.organization else ""
            line = self.console.ask(f"{person.name}{where}:")
            try:
                step = self._named_line(record, question, person, line)
            except InputError as exc:
                self.console.say(str(exc), "yellow")
                continue
            if step is not Step.STAY:
                return step
        return DONE

    def _named_line(
        self, record: AnswerRecord, question: Question, person: Participant, line: str
    ) -> Step:
        command = line.strip().lower()
        if command.startswith("/") and not command.startswith("//"):
            return self._command(record, command, person, named=True)
        bulk = everyone_at_once(line, present(self.session))
        if bulk:
            values = {
                h: (None if v.lower() in ("pass", "/pass") else rating_of(question, v))
                for h, v in bulk.items()
            }  # every value checked before any is stored
            for handle, value in values.items():
                self._set(record, handle, value)
            self.save()
            return Step.STAY
        if not line.strip():
            raise InputError("type a rating, /pass, or /help")
        self._set(record, person.handle, rating_of(question, line))
        self.save()
        return Step.STAY

    def _set(self, record: AnswerRecord, handle: str, value: RatingValue | None) -> None:
        self._forget(record, handle)
        if value is None:
            record.passed_by.append(handle)
            record.passed += 1
        else:
            record.ratings.append(Rating(value, participant=handle))

    @staticmethod
    def _forget(record: AnswerRecord, handle: str) -> None:
        record.ratings = [r for r in record.ratings if r.participant != handle]
        if handle in record.passed_by:
            record.passed_by.remove(handle)
            record.passed -= 1

    def _command(
        self, record: AnswerRecord, command: str, person: Participant, *, named: bool
    ) -> Step:
        name = command.split()[0]
        if name == "/pass":
            if named:
                self._set(record, person.handle, None)
            else:
                record.passed += 1
                record.entered_by = sorted({*record.entered_by, person.handle})
            self.save()
            return Step.STAY
        if name == "/back":
            if not named:
                raise InputError("no /back in an anonymous round: no entry can be found again")
            return self._back(record, person)
        if name == "/skip":
            left = len(self._remaining(record))
            self.console.say(f"Round ended; {left} not asked.", "dim")
            return DONE
        if name == "/pause":
            return PAUSE
        if name == "/round":
            wanted = command.removeprefix("/round").strip() or "named"
            if wanted not in tuple(RoundKind):
                raise InputError("/round takes named (the default) or anonymous")
            if wanted == record.round:
                return Step.STAY
            if record.rated:
                raise InputError(f"this {record.round} round has begun; it cannot change now")
            record.round = RoundKind(wanted)
            self.save()
            return Step.RESTART
        if name == "/help":
            for key, meaning in _HELP.items():
                self.console.say(f"{key:8} {meaning}")
            return Step.STAY
        raise InputError(f"in a round: {', '.join(_HELP)} (or a rating)")

    def _back(self, record: AnswerRecord, person: Participant) -> Step:
        people = present(self.session)
        done = {r.participant for r in record.ratings} | set(record.passed_by)
        before = [p for p in people[: people.index(person)] if p.handle in done]
        if not before:
            raise InputError("this is the first person of the round")
        previous = before[-1]
        old = next((r.value for r in record.ratings if r.participant == previous.handle), None)
        was = "passed" if old is None else option_label(old)
        self._forget(record, previous.handle)
        self.save()
        self.console.say(f"{previous.name} again (was: {was}).", "dim")
        return Step.STAY

    # -- anonymous ----------------------------------------------------------------------

    def _anonymous(self, record: AnswerRecord, question: Question) -> Step:
        cleared = False
        while remaining := self._remaining(record):
            person = remaining[0]
            entered = self._entered(record)
            total = entered + len(remaining)
            if cleared:
                round_screen.remind(self.console, question)
            self.console.say(f"{entered} of {total} entered.", "dim")
            line = self.console.secret(f"{person.name}, your rating (hidden; /pass to pass):")
            self.console.clear()
            cleared = True
            command = line.strip().lower()
            if command.startswith("/"):
                try:
                    step = self._command(record, command, person, named=False)
                except InputError as exc:
                    self.console.say(str(exc), "yellow")
                    continue
                if step is not Step.STAY:
                    return step
                continue
            try:
                value = rating_of(question, line)
            except InputError:
                # The reason would repeat what was typed: say only what is accepted.
                self.console.say(
                    f"Not a rating. {round_screen.accepted(question)}; try again.", "yellow"
                )
                continue
            add_anonymous(record, Rating(value, organization=person.organization))
            record.entered_by = sorted({*record.entered_by, person.handle})
            self.save()
        entered = self._entered(record)
        self.console.say(f"{entered} of {entered} entered.", "dim")
        return DONE

    @staticmethod
    def _entered(record: AnswerRecord) -> int:
        """How many have had their turn (whoever left since still counts)."""
        return len(record.entered_by) or len(record.ratings) + record.passed

    def show_result(self, record: AnswerRecord, question: Question) -> None:
        """The result, for the room to see."""
        round_screen.show_result(self.console, self.session, record, question)
