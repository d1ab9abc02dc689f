"""Who is here: the partnership's people offered by number or name, anyone new added,
and ``/join``, ``/leave``, ``/roster`` during the meeting.

A line starting with ``/`` at a roster prompt is a command (or an error), never a person:
junk must not reach the shared summary.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from reflect_cli import numbers
from reflect_cli.errors import InputError
from reflect_cli.i18n.messages import N_, _
from reflect_cli.kinds import yes_or_no
from reflect_cli.model import INTERPRETED, Participant, Session
from reflect_cli.session import sectors, typed_lines
from reflect_cli.session.console import Console
from reflect_cli.session.people import find, find_partial, near_miss, person_key
from reflect_cli.speakers import interpreter_of, interpreter_shown, interpreting

_RANGE = re.compile(r"^(\d+)(?:-(\d+))?$")
ROSTER_COMMANDS = {
    "/roster": N_("who is here, with handles"),
    "/leave": N_("/leave HANDLE: take someone off today's list"),
    "/handle": N_("/handle WHO NEW: the handle someone goes by (/handle nguyen lan)"),
    "/help": N_("this list"),
}


def rename_handle(session: Session, old: str, new: str) -> None:
    """A handle changed everywhere this session keeps it: the roster, credits, named
    ratings and passes, and commitments' owners (lines already typed stay as typed)."""
    for person in session.participants:
        if person.handle == old:
            person.handle = new
    for _domain, record in session.answers():
        record.credits = [new if h == old else h for h in record.credits]
        record.passed_by = [new if h == old else h for h in record.passed_by]
        record.ratings = [
            replace(r, participant=new) if r.participant == old else r for r in record.ratings
        ]
    for action in session.actions:
        action.owner = new if action.owner == old else action.owner


def describe(person: Participant, people: Sequence[Participant] = ()) -> str:
    """``Monica Haugen · Seattle Parks and Recreation · Site lead (mh)``; who interprets
    for them by their name when they are among ``people``."""
    parts = [p for p in (person.name, person.organization, person.role) if p]
    through = ""
    if person.interpreter:
        through = _(" · through an interpreter")
        if person.interpreter != INTERPRETED:
            through = _(" · through an interpreter ({interpreter})").format(
                interpreter=interpreter_shown(person, people)
            )
    return " · ".join(parts) + through + f" ({person.handle})"


def _state(person: Participant, people: Sequence[Participant]) -> str:
    """here, left or absent; and who speaks through an interpreter, or interprets."""
    state = _("left") if person.left else _("here") if person.present else _("absent")
    if person.interpreter:
        state += (
            _(", through an interpreter ({interpreter})").format(
                interpreter=interpreter_shown(person, people)
            )
            if person.interpreter != INTERPRETED
            else _(", through an interpreter")
        )
    if any(person is p for p in interpreting(people)):
        speakers = [p.name for p in people if interpreter_of(p, people) is person]
        state += _(", interpreting for {people}").format(people=", ".join(speakers))
    return state


def pick(known: Sequence[Participant], reply: str) -> list[Participant]:
    """People chosen by ``1-3 5``, names or handles, commas or spaces between: a name
    may be several words (``ana ruiz``, ``ana lopez`` for Ana María López), the longest
    run of words that names one person wins."""
    chosen: list[Participant] = []
    for part in reply.split(","):
        tokens = part.split()
        start = 0
        while start < len(tokens):
            taken, found = _span(known, tokens, start)
            chosen.extend(found)
            start += taken
    unique: list[Participant] = []
    for person in chosen:
        if all(person is not p for p in unique):
            unique.append(person)
    return unique


def _span(
    known: Sequence[Participant], tokens: list[str], start: int
) -> tuple[int, list[Participant]]:
    """How many words from ``start`` name whom: a number or range, else the longest run
    of words that names one person."""
    token = tokens[start]
    match = _RANGE.match(token)
    if match:
        low = numbers.whole_number(match.group(1)) or 0
        high = numbers.whole_number(match.group(2) or match.group(1)) or 0
        if not 1 <= low <= high <= len(known):
            raise InputError(
                _("{typed}: the numbers go from 1 to {count}").format(typed=token, count=len(known))
            )
        return 1, list(known[low - 1 : high])
    for end in range(len(tokens), start, -1):
        words = tokens[start:end]
        if any(_RANGE.match(word) for word in words[1:]):
            continue
        person = find_partial(known, " ".join(words))
        if person is not None:
            return end - start, [person]
    near = near_miss(known, token)
    hint = _(" — did you mean {person}?").format(person=describe(near)) if near else ""
    raise InputError(
        _("no one called {typed} in the list{hint} (a number, a name or a handle)").format(
            typed=repr(token), hint=hint
        )
    )


class Roster:
    """Today's roster of a session, drawing on the partnership's known people."""

    def __init__(
        self,
        console: Console,
        session: Session,
        known: Sequence[Participant],
        save: Callable[[], None],
    ) -> None:
        self.console = console
        self.session = session
        self.known = list(known)
        self.save = save
        #: The question being asked (set by the question loop): where someone who comes
        #: late or leaves early did so. Empty before the questions.
        self.question = ""

    @property
    def taken(self) -> set[str]:
        return {p.handle for p in (*self.known, *self.session.participants)}

    def take(self, last_time: Sequence[Participant]) -> None:
        """Ask who is here: the known people by number or name, then anyone new."""
        if self.known:
            self._choose_known(last_time)
        self.console.say(
            _(
                "Anyone new? One per line: Name | Organization | Role (| handle) "
                "(| interpreter: WHO). Empty line when done; /help for commands."
            ),
            "dim",
        )
        while True:
            line = self.console.ask(_("participant>")).strip()
            if not line:
                return
            try:
                if line.startswith("/"):
                    self.command(line, at_roster_prompt=True)
                else:
                    self.join(line, ask_sector=True)
            except InputError as exc:
                self.console.say(str(exc), "yellow")

    def _choose_known(self, last_time: Sequence[Participant]) -> None:
        # A table: a long organization wraps beside its number, not under it.
        rows = [
            [f"{number})", describe(person, self.known)]
            for number, person in enumerate(self.known, 1)
        ]
        self.console.table(["", ""], rows, title=_("People of this partnership:"))
        again = [p for p in self.known if any(person_key(p) == person_key(q) for q in last_time)]
        numbers = " ".join(str(self.known.index(p) + 1) for p in again)
        self.console.say(
            _("Who is here? Numbers, ranges or names (1-3 5); - for none of them")
            + (
                _("; Enter for the same as last time ({numbers})").format(numbers=numbers)
                if again
                else ""
            ),
            "dim",
        )
        while True:
            reply = self.console.ask(_("who is here>")).strip()
            try:
                if reply.startswith("/"):
                    self.command(reply, at_roster_prompt=True)
                    continue
                chosen = again if not reply else [] if reply == "-" else pick(self.known, reply)
            except InputError as exc:
                self.console.say(str(exc), "yellow")
                continue
            for person in chosen:
                self._add(replace(person, present=True, left=False))
            self.save()
            if chosen:
                here = ", ".join(p.name for p in chosen)
                self.console.say(_("Here: {people}").format(people=here), "green")
            return

    def _add(self, person: Participant) -> None:
        """``person`` here now; someone who was not (their regrets sent, or gone) and
        comes during the questions has the question noted."""
        for present in self.session.participants:
            if person_key(present) == person_key(person) or present.handle == person.handle:
                if not present.here and self.question:
                    present.joined_at, present.left_at = self.question, ""
                present.present, present.left = True, False
                return
        sectors.fill([person], [*self.session.participants, *self.known])
        self.session.participants.append(replace(person, joined_at=self.question))

    def regrets(self) -> None:
        """Everyone of the partnership not on today's list, kept as not present: the
        record says who was not there, not only who was."""
        for person in self.known:
            if all(person_key(p) != person_key(person) for p in self.session.participants):
                self.session.participants.append(replace(person, present=False, left=False))

    def join(self, line: str, ask_sector: bool = False) -> None:
        """``Name | Organization | Role [| handle [| sector]]``, or a known name or handle: that
        person, marked present (a known person keeps their handle). Part of a known name
        (``ana lopez``) is that person; a near miss (``Monika``) is asked about; several
        known names on one line (``monica ana``) are asked about, never made into one
        new person; someone new with no organization is asked for one."""
        fields = [f.strip() for f in line.split("|")]
        today = self.session.participants
        everyone = [*today, *self.known]
        again = find_partial(everyone, line) if len(fields) == 1 else None
        if again is None and len(fields) == 1:
            several = self._several(line)
            if several:
                self._confirm_several(line, several)
                return
            again = self._did_you_mean(everyone, line)
        given = typed_lines.participant_of(line, set())  # a bad line is refused before asking
        if given.interpreter:
            fields.pop()  # the interpreter's field: the last, taken by participant_of
        name, organization, role, handle = [*fields, "", "", ""][:4]
        if again is None and not organization and name:
            organization = self.console.ask(
                _("Organization of {name} (Enter for none)").format(name=name)
            ).strip()
        typed = typed_lines.participant(name, organization, role, handle, set())
        if again is None:
            again = next((p for p in everyone if person_key(p) == person_key(typed)), None)
        if again is not None:
            person = replace(again, present=True, left=False)
        else:
            person = typed_lines.participant(name, organization, role, handle, self.taken)
            person.sector = given.sector
            sectors.ask(self.console, person, everyone, ask=ask_sector)
        person.interpreter = given.interpreter or person.interpreter
        self._add(person)
        self.save()
        self.console.completions([p.handle for p in today], list(typed_lines.COMMANDS))
        welcome = (
            _("Welcome back {person}: credit lines with '{handle}: …'")
            if again is not None
            else _("Added {person}: credit lines with '{handle}: …'")
        )
        self.console.say(
            welcome.format(
                person=describe(person, self.session.participants), handle=person.handle
            ),
            "green",
        )

    def _did_you_mean(self, everyone: Sequence[Participant], line: str) -> Participant | None:
        """A name a letter or two off a known person's: asked, never assumed."""
        near = near_miss(everyone, line)
        if near is None:
            return None
        reply = self.console.ask(_("Did you mean {person}? [y/N]").format(person=describe(near)))
        return near if yes_or_no(reply) else None

    def _several(self, line: str) -> list[Participant]:
        """The people a line names word by word, when every word names someone known
        and there are two or more of them; else none."""
        everyone = [*self.session.participants, *self.known]
        words = line.replace(",", " ").split()
        found = [find(everyone, word) for word in words]
        people: list[Participant] = []
        for person in found:
            if person is None:
                return []
            if all(person is not p for p in people):
                people.append(person)
        return people if len(people) > 1 else []

    def _confirm_several(self, line: str, people: list[Participant]) -> None:
        names = ", ".join(describe(p) for p in people)
        reply = self.console.ask(
            _("{typed} looks like {count} people: {names}. [Y/n]").format(
                typed=repr(line), count=len(people), names=names
            )
        )
        if reply.strip() and not yes_or_no(reply):
            self.console.say(
                _("Not added. For someone new, type Name | Organization | Role."), "yellow"
            )
            return
        for person in people:
            self._add(replace(person, present=True, left=False))
        self.save()
        self.console.completions(
            [p.handle for p in self.session.participants], list(typed_lines.COMMANDS)
        )
        here = ", ".join(p.name for p in people)
        self.console.say(_("Here: {people}").format(people=here), "green")

    def leave(self, word: str) -> Participant:
        """Mark someone as having left; their credits stay."""
        person = find(self.session.participants, word)
        if person is None:
            raise InputError(
                _("no one called {typed} here: /roster lists the handles").format(typed=repr(word))
            )
        person.left, person.left_at = True, self.question
        self.save()
        self.console.say(
            _("{name} has left (their words stay credited).").format(name=person.name), "green"
        )
        return person

    def rename(self, argument: str) -> Participant:
        """``/handle WHO NEW``: the handle someone goes by, from now on and in the
        partnership's later meetings; what today already credited them follows."""
        words = argument.split()
        if len(words) < 2:
            raise InputError(
                _("/handle needs a person and a handle: {how}").format(
                    how=_(ROSTER_COMMANDS["/handle"])
                )
            )
        who, new = " ".join(words[:-1]), words[-1].lower().lstrip("@")
        person = find_partial(self.session.participants, who)
        if person is None:
            raise InputError(
                _("no one called {name} on today's list: /roster lists them").format(name=repr(who))
            )
        old = person.handle
        taken = {p.handle for p in self.session.participants if p is not person}
        taken |= {p.handle for p in self.known if person_key(p) != person_key(person)}
        typed_lines.checked_handle(new, taken)  # refused when bad or taken
        rename_handle(self.session, old, new)
        self.save()
        self.console.completions(
            [p.handle for p in self.session.participants], list(typed_lines.COMMANDS)
        )
        self.console.say(
            _("{name} goes by {handle}: credit lines with '{handle}: …'").format(
                name=person.name, handle=new
            ),
            "green",
        )
        return person

    def show(self) -> None:
        """Today's roster so far; before anyone is on it (``/roster`` at "who is here"),
        a line saying so, never an empty table."""
        if not self.session.participants:
            self.console.say(
                _("No one is on today's roster yet: choose from the people listed above.")
                if self.known
                else _("No one is on today's roster yet."),
                "dim",
            )
            return
        people = self.session.participants
        rows = [[p.handle, p.name, p.organization, p.role, _state(p, people)] for p in people]
        headers = [_("handle"), _("name"), _("organization"), _("role"), ""]
        self.console.table(headers, rows, title=_("Roster"))

    def command(self, line: str, at_roster_prompt: bool = False) -> None:
        """``/join``, ``/leave``, ``/roster`` (and ``/help`` at a roster prompt)."""
        name, _space, argument = line.strip().partition(" ")
        name, argument = name.lower(), argument.strip()
        if name == "/roster":
            self.show()
        elif name == "/leave" and argument:
            self.leave(argument)
        elif name == "/join" and argument:
            self.join(argument)
        elif name == "/handle":
            self.rename(argument)
        elif name == "/help" and at_roster_prompt:
            rows = [[command, _(meaning)] for command, meaning in ROSTER_COMMANDS.items()]
            self.console.table(["", ""], rows)
        elif name in ("/leave", "/join"):
            raise InputError(
                _("{command} needs a person: {how}").format(
                    command=name, how=_(typed_lines.COMMANDS[name])
                )
            )
        else:
            raise InputError(
                _(
                    "{command} is not a roster command (/roster, /leave HANDLE, /handle WHO NEW, "
                    "/help); people are typed without a /"
                ).format(command=name)
            )
