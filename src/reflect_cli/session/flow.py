"""The session flow, as the facilitator lives it: setup, roster, earlier commitments,
intro, the questions, review, finish. The same code runs typed and scripted.

The draft record exists from the moment the collaborative and date are known and is
saved after every roster entry, line, command and choice; stopping at any point
(Ctrl-C, Ctrl-D, /pause, a killed process) loses at most the line being typed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from reflect_cli.dates import parse_date
from reflect_cli.errors import InputError, SessionInterrupted
from reflect_cli.i18n.messages import _, ngettext
from reflect_cli.kinds import yes_or_no
from reflect_cli.model import Protocol, Session, SessionStatus
from reflect_cli.records.ballots import Ballots
from reflect_cli.records.store import Store
from reflect_cli.session import plan_fit, prefill, saving, sectors, setting_up
from reflect_cli.session.console import Console
from reflect_cli.session.follow_up import follow_up
from reflect_cli.session.history import History, history_of, known_spelling
from reflect_cli.session.prefill import Plan
from reflect_cli.session.questions import Paused, QuestionLoop, items_of
from reflect_cli.session.room import Bounded
from reflect_cli.session.roster import Roster
from reflect_cli.session.snapshot import new_session
from reflect_cli.session.wrap_up import review


@dataclass
class Facilitator:
    """Runs one session against a console, a store, a protocol and what is known up front."""

    console: Console
    store: Store
    protocol: Protocol
    plan: Plan
    #: The protocol in the session's language (None when asked as written).
    asked: Protocol | None = None
    history: History = field(default_factory=History, init=False)

    def start(self) -> Session:
        """Begin a new session and run it to the end (or to a saved stop)."""
        if not self.console.interactive:
            self._check_required()
        elif not (self.plan.collaborative and self.plan.facilitator):
            setting_up.introduce(self.console, self.asked or self.protocol)
        typed = self.plan.collaborative or self._ask_required(_("Collaborative"))
        collaborative = known_spelling(self.store, typed)
        if collaborative != typed:  # one spelling, so list and commitments show one
            self.console.say(
                _("Collaborative: {name} (as in its earlier sessions)").format(name=collaborative),
                "dim",
            )
        date = self.plan.date or dt.date.today().isoformat()
        if not self.plan.date and self.console.interactive:
            date = self._ask_date(date)
        session = new_session(self.protocol, collaborative, date, self.asked)
        session.site, session.facilitator = self.plan.site, self.plan.facilitator
        saving.create(self.store, session)
        self.console.say(
            _("Session {id}: saved as you go in {folder}").format(
                id=session.id, folder=self.store.folder
            ),
            "dim",
        )
        return self._guard(session, first_time=True)

    def resume(self, session: Session) -> Session:
        """Continue a draft at its first unanswered question."""
        if session.protocol.sha256 and session.protocol.sha256 != self.protocol.sha256:
            self.console.say(
                _(
                    "The protocol file changed since this session began; "
                    "the questions as first asked are kept."
                ),
                "yellow",
            )
        self.console.say(
            _("Resuming {id} ({answered} of {questions} answered)").format(
                id=session.id, answered=session.answered_count, questions=session.question_count
            ),
            "dim",
        )
        return self._guard(session, first_time=False)

    def _guard(self, session: Session, first_time: bool) -> Session:
        if not isinstance(self.console, Bounded):  # from now on every line must fit
            self.console = Bounded(self.console, self.store, session)
        self.history = history_of(self.store, session)
        try:
            self._run(session, first_time)
        except KeyboardInterrupt:
            self._stop(session, 130, _("Interrupted"))
        except EOFError:
            self._stop(session, 1, _("Input ended"))
        except Paused:
            self._stop(session, 0, _("Paused"))
        return session

    def _stop(self, session: Session, code: int, reason: str) -> None:
        saving.save(self.store, session)
        raise SessionInterrupted(session.id, code, reason)

    def _save(self, session: Session) -> None:
        saving.save(self.store, session)

    def _run(self, session: Session, first_time: bool) -> None:
        if first_time:
            self._metadata(session)
            self._roster(session)
            self._apply_plan(session)
        follow_up(
            self.console,
            session,
            self.history,
            lambda: self._save(session),
            given=self.plan.follow_up if first_time else None,
        )
        self._intro(session)
        loop = QuestionLoop(self.console, session, items_of(session), lambda: self._save(session))
        loop.roster = self._roster_of(session)
        loop.ballots = Ballots(self.store.folder, session.id)
        loop.clock.planned = {d.id: d.minutes for d in self.protocol.domains if d.minutes}
        if self.console.interactive:
            loop.run()
            review(self.console, session, loop)
        else:
            self._scripted_end(session)
        session.status = SessionStatus.COMPLETE
        self._save(session)
        loop.ballots.remove_all()  # a round still under way ends with its session

    def _scripted_end(self, session: Session) -> None:
        """A scripted session is complete only when every required question is answered:
        otherwise it stays a draft and the error says what is missing."""
        missing = [
            _("answer to {question}").format(question=repr(record.id))
            for _x, record in session.answers()
            if record.required and not record.answered and not record.rated
        ]
        if missing:
            self._save(session)
            raise InputError(
                _(
                    "--no-input: saved as a draft, missing {missing}; "
                    "continue with: reflect resume {id}"
                ).format(missing=", ".join(missing), id=session.id)
            )
        for _x, record in session.answers():
            record.skipped = record.skipped or (record.answer is None and not record.rated)

    # -- setup ---------------------------------------------------------------------

    def _check_required(self) -> None:
        missing = [
            f"--{name}" for name in ("collaborative", "facilitator") if not getattr(self.plan, name)
        ]
        if not missing:
            return  # a session can be saved: what else is missing is said at its end
        missing += [
            _("answer to {question}").format(question=repr(q.id))
            for _x, q in self.protocol.questions()
            if q.required and q.id not in self.plan.answers and q.id not in self.plan.ratings
        ]
        if missing:
            raise InputError(
                _("--no-input: missing required {missing}").format(missing=", ".join(missing))
            )

    def _ask_required(self, label: str, default: str = "") -> str:
        return setting_up.ask(self.console, label, default, required=True)

    def _ask_date(self, default: str) -> str:
        while True:
            try:
                return parse_date(
                    setting_up.ask(self.console, _("Date (YYYY-MM-DD)"), default), "date"
                )
            except InputError as exc:
                self.console.say(str(exc), "yellow")

    def _metadata(self, session: Session) -> None:
        previous = self.history.last
        if not self.console.interactive:
            return
        if not session.site:
            session.site = setting_up.ask(
                self.console, _("Site"), previous.site if previous else ""
            )
            self._save(session)
        if not session.facilitator:
            default = previous.facilitator if previous else ""
            session.facilitator = self._ask_required(_("Facilitator"), default)
            self._save(session)

    def _roster_of(self, session: Session) -> Roster:
        return Roster(self.console, session, self.history.people(), lambda: self._save(session))

    def _roster(self, session: Session) -> None:
        known = self.history.people()
        prefill.reuse_handles(self.plan, known)
        sectors.fill(self.plan.participants, known)
        session.participants = list(self.plan.participants)
        self._save(session)
        roster = self._roster_of(session)
        if not session.participants and self.console.interactive:
            roster.take(self.history.last_present())
        roster.regrets()
        self._save(session)

    def _apply_plan(self, session: Session) -> None:
        plan_fit.fill(session, self.plan)
        self._save(session)

    def _yes(self, prompt: str, default: bool) -> bool:
        while True:
            reply = self.console.ask(prompt + (_(" [Y/n]") if default else _(" [y/N]")))
            if not reply.strip():
                return default
            said = yes_or_no(reply)
            if said is not None:
                return said
            self.console.say(_("Answer y or n."), "yellow")

    # -- before the questions ---------------------------------------------------------

    def _intro(self, session: Session) -> None:
        for step in (self.asked or self.protocol).intro:
            if step.id in session.intro:
                continue
            if not self.console.interactive:
                session.intro[step.id] = "skipped"
                continue
            self.console.rule(step.title)
            minutes = (
                ngettext("{count} minute", "{count} minutes", step.minutes).format(
                    count=step.minutes
                )
                if step.minutes
                else ""
            )
            for line in (step.text, step.link, minutes):
                if line:
                    self.console.say(line)
            done = self._yes(_("Done (n to skip)?"), True)
            session.intro[step.id] = "done" if done else "skipped"
            self._save(session)
