"""The live round: every present person's own rating of one question, saved as entered.

Named: each person in turn ("Monica Haugen, Seattle Parks and Recreation:"), with
``/pass`` and ``/back``, or everyone at once (``mh 4, shana 3``); the record is saved
after every entry. Anonymous ("pass the laptop"): each person types with no echo on a
screen cleared (scrollback too) before and after every entry, and only a count is
shown. Nothing of an anonymous round reaches the sessions folder while it runs: its
entries are kept as counts beside who has had their turn in the private state folder
(``records/ballots.py``), and the record receives the round only when it ends, as
counts already pooled (``records/round_codec.py``), so no save, no ``.md`` and no two
saves side by side tell who gave which rating.

Who is next is worked out each time: the first present person without a rating or a
pass (named), or not among who has had their turn (anonymous). So a session killed
mid-round resumes with the next person, whoever joined or left meanwhile. A round that
ended (everyone asked, or /skip) is finished: going back to it or resuming shows its
result and asks no one again.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

from reflect_cli.errors import InputError
from reflect_cli.i18n.messages import N_, _
from reflect_cli.model import (
    AnswerRecord,
    Participant,
    Question,
    Rating,
    RoundKind,
    Session,
)
from reflect_cli.records.ballots import Ballot, Ballots
from reflect_cli.rounds.analysis import RatingValue, option_label
from reflect_cli.rounds.anonymity import begun
from reflect_cli.session import round_screen
from reflect_cli.session.console import Console
from reflect_cli.session.ratings import everyone_at_once, present, raters, rating_of


class Step(Enum):
    """What a line of a round leads to."""

    STAY = "stay"  # the round goes on
    DONE = "done"  # the round is over
    PAUSE = "pause"  # the facilitator paused: save and quit
    RESTART = "restart"  # the round changed kind (/round anonymous) before anyone rated


#: What ``RoundRunner.run`` ends with: the round is over, or the facilitator paused.
DONE, PAUSE = Step.DONE, Step.PAUSE
_HELP = {
    "/pass": N_("this person abstains (counted, no rating)"),
    "/back": N_("fix the previous person's rating (named rounds)"),
    "/skip": N_("end the round here; whoever is left is not asked"),
    "/round": N_("/round anonymous or /round named: change the round before anyone rates"),
    "/pause": N_("save and quit; the round continues with the next person on resume"),
    "/help": N_("this list"),
}


class RoundRunner:
    """Runs one round on a question record: ``save`` (the record) is called after every
    named entry; an anonymous round under way is kept in ``ballots`` (none: in memory
    only, for a session that is never resumed)."""

    def __init__(
        self,
        console: Console,
        session: Session,
        save: Callable[[], None],
        ballots: Ballots | None = None,
    ) -> None:
        self.console = console
        self.session = session
        self.save = save
        self.ballots = ballots
        self.ballot = Ballot()

    def run(self, record: AnswerRecord, question: Question) -> Step:
        """Ask whoever has not rated yet, then show the result; ``DONE`` or ``PAUSE``."""
        if self._ended(record):
            if self.ballots is not None:  # stopped between the record's save and this
                self.ballots.remove(record.id)
            self.show_result(record, question)
            return DONE
        if record.round is RoundKind.ANONYMOUS:
            self._open_ballot(record)
        if not raters(self.session) and not record.rated and not self.ballot.entered_by:
            self.console.say(_("No one is here to rate: add people with /join first."), "yellow")
            return DONE
        if not record.in_progress:  # so resuming comes back to this question
            record.in_progress = True
            self.save()
        step = Step.RESTART
        while step is Step.RESTART and self._remaining(record):
            named = record.round is not RoundKind.ANONYMOUS
            if named:  # anonymous: on the cleared screen before each turn
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
        rated or passed leaves the question skipped until the discussion says something.
        An anonymous round reaches the record now, as counts (pooled by the codec), and
        what was kept of it while it ran is removed once the record is saved."""
        if record.round is RoundKind.ANONYMOUS:
            record.ratings = self.ballot.ratings()
            record.passed = self.ballot.passed
        record.round_ended = True
        record.entered_by = []  # only needed to find the next person
        record.in_progress = False
        record.skipped = not record.rated and record.answer in (None, "", [])
        self.save()
        if self.ballots is not None:
            self.ballots.remove(record.id)

    def _open_ballot(self, record: AnswerRecord) -> None:
        """The round under way, from the private state folder; a draft written before rounds were
        kept there holds its entries in the record: they move out of the shared folder
        (kept first, then the record saved without them)."""
        roster = [p.handle for p in self.session.participants]
        kept = self.ballots.load(record, roster) if self.ballots is not None else None
        if kept is None:
            # Before entered_by was kept, people took their turn in roster order.
            taken = present(self.session)[: len(record.ratings) + record.passed]
            kept = Ballot.of_draft(record, [p.handle for p in taken])
            if kept.entered_by:
                self._keep(record, kept)
        self.ballot = kept
        if record.rated or record.entered_by:
            record.ratings, record.passed, record.entered_by = [], 0, []
            self.save()

    def _keep(self, record: AnswerRecord, ballot: Ballot) -> None:
        """An anonymous entry is kept in the private state folder, never in the record."""
        if self.ballots is not None:
            self.ballots.save(record.id, ballot)

    # -- named ------------------------------------------------------------------------

    def _remaining(self, record: AnswerRecord) -> list[Participant]:
        people = raters(self.session)
        if record.round is RoundKind.ANONYMOUS:
            return [p for p in people if p.handle not in self.ballot.entered_by]
        done = {r.participant for r in record.ratings} | set(record.passed_by)
        return [p for p in people if p.handle not in done]

    def _introduce(self, named: bool) -> None:
        if named:
            example = ", ".join(f"{p.handle} 3" for p in raters(self.session)[:2])
            self.console.say(
                _(
                    "Round: each person's own rating. /pass to abstain, /back to fix the "
                    "previous person, or everyone at once ({example}, …)."
                ).format(example=example),
                "cyan",
            )
        else:  # on the cleared screen, before each person's turn
            self.console.say(
                _(
                    "Anonymous round: pass the laptop. Each person types their rating; "
                    "nothing is shown and no name is kept. /pass to abstain."
                ),
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
        bulk = everyone_at_once(line, raters(self.session))
        if bulk:
            values = {
                h: (None if v.lower() in ("pass", "/pass", _("pass")) else rating_of(question, v))
                for h, v in bulk.items()
            }  # every value checked before any is stored
            for handle, value in values.items():
                self._set(record, handle, value)
            self.save()
            return Step.STAY
        if not line.strip():
            raise InputError(_("type a rating, /pass, or /help"))
        self._set(record, person.handle, rating_of(question, line))
        self.save()
        return Step.STAY

    def _set(self, record: AnswerRecord, handle: str, value: RatingValue | None) -> None:
        # In the record (saved with the entry), not in this runner: /back, /pause and
        # ``resume`` leave it there, and the round stays named (``anonymity.begun``).
        record.round_begun = True
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
                self.save()
            else:
                self.ballot.pass_turn(person.handle)
                self._keep(record, self.ballot)
            return Step.STAY
        if name == "/back":
            if not named:
                raise InputError(_("no /back in an anonymous round: no entry can be found again"))
            return self._back(record, person)
        if name == "/skip":
            left = len(self._remaining(record))
            self.console.say(_("Round ended; {count} not asked.").format(count=left), "dim")
            return DONE
        if name == "/pause":
            return PAUSE
        if name == "/round":
            wanted = command.removeprefix("/round").strip() or "named"
            if wanted not in tuple(RoundKind):
                raise InputError(_("/round takes named (the default) or anonymous"))
            if wanted == record.round:
                return Step.STAY
            if begun(record, self.ballot.entered_by):
                raise InputError(
                    _("this {kind} round has begun; it cannot change now").format(
                        kind=_(str(record.round))
                    )
                )
            record.round = RoundKind(wanted)
            if self.ballots is not None:
                self.ballots.remove(record.id)
            self.save()
            return Step.RESTART
        if name == "/help":
            for key, meaning in _HELP.items():
                self.console.say(f"{key:8} {_(meaning)}")
            return Step.STAY
        raise InputError(
            _("in a round: {commands} (or a rating)").format(commands=", ".join(_HELP))
        )

    def _back(self, record: AnswerRecord, person: Participant) -> Step:
        people = raters(self.session)
        done = {r.participant for r in record.ratings} | set(record.passed_by)
        before = [p for p in people[: people.index(person)] if p.handle in done]
        if not before:
            raise InputError(_("this is the first person of the round"))
        previous = before[-1]
        old = next((r.value for r in record.ratings if r.participant == previous.handle), None)
        was = _("passed") if old is None else option_label(old)
        self._forget(record, previous.handle)
        self.save()
        self.console.say(_("{name} again (was: {was}).").format(name=previous.name, was=was), "dim")
        return Step.STAY

    # -- anonymous ----------------------------------------------------------------------

    def _anonymous(self, record: AnswerRecord, question: Question) -> Step:
        # Cleared (scrollback too) when the round begins and after every entry: the
        # facilitator's notes and the last person's screen are gone before the laptop
        # is passed. What is said after a clear (a retry) stays for the next person.
        self.console.clear()
        while remaining := self._remaining(record):
            person = remaining[0]
            entered = len(self.ballot.entered_by)
            total = entered + len(remaining)
            self._introduce(named=False)
            round_screen.remind(self.console, question)
            self.console.say(
                _("{entered} of {total} entered.").format(entered=entered, total=total), "dim"
            )
            line = self.console.secret(
                _("{name}, your rating (hidden; /pass to pass):").format(name=person.name)
            )
            self.console.clear()
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
                    _("Not a rating. {accepted}; try again.").format(
                        accepted=round_screen.accepted(question)
                    ),
                    "yellow",
                )
                continue
            self.ballot.rate(person.handle, person.organization, value)
            self._keep(record, self.ballot)
        entered = len(self.ballot.entered_by)
        self.console.say(
            _("{entered} of {total} entered.").format(entered=entered, total=entered), "dim"
        )
        return DONE

    def show_result(self, record: AnswerRecord, question: Question) -> None:
        """The result, for the room to see."""
        round_screen.show_result(self.console, self.session, record, question)
