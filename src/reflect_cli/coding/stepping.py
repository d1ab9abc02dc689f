"""Coding in the terminal: passage after passage, each decision saved at once.

The loop talks to a terminal through ``Port`` (the session's console has these methods;
tests script it), so it never draws. Every decision (codes, "none applies", a memo on a
decided passage) is written to the coder's file before the next passage is shown: a
kill loses at most the passage on screen, and starting again goes on where it stopped.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol

from reflect_cli.coding import codebook as books
from reflect_cli.coding import codings as coder_files
from reflect_cli.coding.codebook import Code, Codebook
from reflect_cli.coding.codings import Coding, Codings, now
from reflect_cli.coding.passages import Passage
from reflect_cli.errors import InputError
from reflect_cli.folding import fold
from reflect_cli.i18n.messages import N_, _, ngettext
from reflect_cli.numbers import NotAWholeNumber, whole_number

NONE_APPLIES = "-"
#: What may be typed, a line each so a narrow terminal breaks it between ideas.
HELP = (  # translated where shown
    N_("codes by number or name, with commas: 1, 4 or trust, fam"),
    N_("- none applies; Enter keeps a passage's codes, else takes the suggested ones"),
    "/memo TEXT  /skip  /back  /codes  /pause",
)


class Port(Protocol):
    """What the loop needs of a terminal."""

    def say(self, text: str, style: str = "") -> None: ...

    def item(self, marker: str, text: str, style: str = "") -> None:
        """``text`` after ``marker``, its wrapped lines under itself (a hanging indent)."""

    def rule(self, title: str, detail: str = "") -> None: ...

    def ask(self, prompt: str, default: str = "") -> str: ...


class Ended(enum.Enum):
    """How the loop ended."""

    DONE = "done"
    PAUSED = "paused"


@dataclass
class Outcome:
    ended: Ended
    decided: int
    remaining: int


def queue(passages: Sequence[Passage], codings: Codings, review: str = "") -> list[Passage]:
    """The passages to step through: those not yet decided, or (``review``, a code's id)
    those the coder gave that code."""
    if review:
        return [
            p
            for p in passages
            if (c := codings.by_address.get(p.address)) is not None and review in c.codes
        ]
    return [p for p in passages if p.address not in codings.by_address]


def address_lines(address: str, width: int) -> list[str]:
    """A passage's address as shown under it: one line when it fits the terminal, else
    broken after the session id (never inside a word, so it reads and copies whole)."""
    one = f"  ({address})"
    if not width or len(one) <= width:
        return [one]
    session, _sep, rest = address.partition("/")
    return [f"  ({session}/", f"   {rest})"]


def suggested(codebook: Codebook, passage: Passage) -> list[Code]:
    """The codes whose keywords the passage holds."""
    folded = " ".join(fold(passage.text).split())
    return [c for c in codebook.codes if c.suggested_by(folded)]


class _Unknown(Exception):
    """What was typed names no code; the message says so."""


def parse(typed: str, codebook: Codebook) -> tuple[str, ...]:
    """The codes a typed line names: numbers of the list, or ids or names (any case or
    accent, or the start of one that only one code has), separated by commas (numbers by
    spaces too); ``_Unknown`` saying which word names none, or which codes it could be."""
    chosen: list[str] = []
    for part in typed.split(","):
        words = part.split()
        if not words:
            continue
        try:
            numbers = [whole_number(w) for w in words]
        except NotAWholeNumber as exc:
            raise _Unknown(str(exc)) from None
        if all(n is not None for n in numbers):
            for n in numbers:
                if n is None or not 1 <= n <= len(codebook.codes):
                    raise _Unknown(
                        _("no code number {number}; 1 to {last}").format(
                            number=n, last=len(codebook.codes)
                        )
                    )
                chosen.append(codebook.codes[n - 1].id)
            continue
        found = codebook.matching(part)
        if not found:
            raise _Unknown(_("no code {code!r}; /codes lists them").format(code=part.strip()))
        if len(found) > 1:
            number_of = {c.id: n for n, c in enumerate(codebook.codes, start=1)}
            listed = ", ".join(f"{number_of[c.id]} {c.id}" for c in found)
            raise _Unknown(
                _("{typed!r} could be {listed}: which?").format(typed=part.strip(), listed=listed)
            )
        chosen.append(found[0].id)
    return tuple(dict.fromkeys(chosen))


@dataclass
class Loop:
    """One coder stepping through passages."""

    port: Port
    codebook: Codebook
    codings: Codings
    save: Callable[[Codings], object]
    #: Called before each passage is shown: brings the codings (and codebook) up to
    #: what their files hold now, when another run or an import changed them.
    refresh: Callable[[Loop], object] | None = None
    #: The terminal's width now (0: no limit), so an address too long for it is broken
    #: at its slash rather than anywhere.
    columns: Callable[[], int] = lambda: 0

    def run(self, passages: Sequence[Passage]) -> Outcome:
        decided = 0
        self.show_codes()
        place = 0
        while place < len(passages):
            passage = passages[place]
            if self.refresh is not None:
                self.refresh(self)
            step = self._one(passage, place, len(passages))
            if step is Ended.PAUSED:
                return Outcome(Ended.PAUSED, decided, len(passages) - place)
            if step == "back":
                if place == 0:
                    self.port.say(_("this is the first passage"), "yellow")
                place = max(0, place - 1)
                continue
            decided += step == "decided"
            place += 1
        return Outcome(Ended.DONE, decided, 0)

    def show_codes(self) -> None:
        for number, code in enumerate(self.codebook.codes, start=1):
            indent = "  " * self.codebook.depth(code)
            self.port.item(f"  {number:>2} {indent}", f"{code.id} · {code.name}")
        self._help()

    def _help(self, style: str = "dim") -> None:
        for line in HELP:
            self.port.say(_(line), style)

    def _one(self, passage: Passage, place: int, total: int) -> str | Ended:
        address = passage.address
        self.port.rule(
            _("{number} of {total}").format(number=place + 1, total=total),
            f"{passage.collaborative} · {passage.date}",
        )
        self.port.say(f"{address.question} · {passage.prompt}", "bold")
        if passage.before:
            self.port.item("  … ", passage.before, "dim")
        self.port.item("  ", passage.text)
        for line in address_lines(str(address), self.columns()):
            self.port.say(line, "dim")
        earlier = self.codings.by_address.get(address)
        if earlier is not None:
            gone = set(books.missing(self.codebook, earlier.codes))
            named = [
                _("{code} (not in the codebook)").format(code=c) if c in gone else c
                for c in earlier.codes
            ]
            shown = ", ".join(named) or _("none applies")
            memo_said = _("; memo: {memo}").format(memo=earlier.memo) if earlier.memo else ""
            self.port.say(_("coded: {codes}{memo}").format(codes=shown, memo=memo_said))
        offered = suggested(self.codebook, passage)
        if offered:
            numbers = {c.id: n for n, c in enumerate(self.codebook.codes, start=1)}
            listed = ", ".join(f"{numbers[c.id]} {c.id}" for c in offered)
            taking = "" if earlier is not None else _(" (Enter takes them)")
            self.port.say(
                _("suggested: {listed}{taking}").format(listed=listed, taking=taking), "cyan"
            )
        memo = earlier.memo if earlier else ""
        # A decided passage keeps its codes on Enter (reviewing, /back, coded elsewhere).
        prompt = _("codes (Enter keeps them)>") if earlier is not None else _("codes>")
        while True:
            typed = self.port.ask(prompt).strip()
            command, _sep, rest = typed.partition(" ")
            if command == "/pause":
                return Ended.PAUSED
            if command == "/skip":
                return "skipped"
            if command == "/back":
                return "back"
            if command == "/codes" or command == "/help":
                self.show_codes()
                continue
            if command == "/memo":
                memo = rest.strip()
                if earlier is not None:
                    earlier = replace(earlier, memo=memo)
                    self._decide(earlier)
                    self.port.say(_("memo saved"))
                else:
                    self.port.say(_("memo kept; it is saved with this passage's codes"))
                continue
            if typed.startswith("/"):
                self.port.say(_("no command {command!r}").format(command=command), "yellow")
                self._help("yellow")
                continue
            if typed == NONE_APPLIES:
                codes: tuple[str, ...] = ()
            elif not typed and earlier is not None:
                self.port.say(
                    _("kept: {codes}").format(codes=", ".join(earlier.codes) or _("none applies")),
                    "green",
                )
                return "kept"
            elif not typed:
                if not offered:
                    self._help()
                    continue
                codes = tuple(c.id for c in offered)
            else:
                try:
                    codes = parse(typed, self.codebook)
                except _Unknown as exc:
                    self.port.say(str(exc), "yellow")
                    continue
            self._decide(Coding(address, passage.fingerprint, codes, memo, now()))
            self.port.say(
                _("saved: {codes}").format(codes=", ".join(codes) or _("none applies")), "green"
            )
            return "decided"

    def _decide(self, coding: Coding) -> None:
        self.codings.put(coding)
        self.save(self.codings)


def watch(folder: Path) -> Callable[[Loop], None]:
    """What `reflect code` does before each passage: takes in what other runs saved in
    the coder's file, and reloads the codebook when its file changed (a pull, another
    coder's `codes add`), saying so in one line. Codings keep a code the new codebook
    lacks (named, never dropped); a codebook that cannot be read is said once and the
    codes as they were stay in use."""

    def refresh(loop: Loop) -> None:
        coder_files.refresh(folder, loop.codings)
        book = loop.codebook
        if book.path is None or not books.changed(book):
            return
        try:
            fresh = books.read(book.path)
        except InputError as exc:
            loop.codebook = replace(book, seen=books.looks(book.path))
            loop.port.say(
                _("{exc}; coding on with the codes as they were").format(exc=exc), "yellow"
            )
            return
        loop.codebook = fresh
        used = (code for coding in loop.codings.all() for code in coding.codes)
        gone = books.missing(fresh, used)
        kept = (
            _("; your codings keep {codes}, no longer in it").format(codes=", ".join(gone))
            if gone
            else ""
        )
        count = len(fresh.codes)
        loop.port.say(
            ngettext(
                "{file} changed: reloaded, {count} code (/codes lists them){kept}",
                "{file} changed: reloaded, {count} codes (/codes lists them){kept}",
                count,
            ).format(file=books.FILE, count=count, kept=kept),
            "yellow",
        )

    return refresh
