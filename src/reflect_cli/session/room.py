"""Every line typed into a session fits its record: the console the flow talks to once a
record exists.

The store never writes a record the reader would refuse (records/record_limits.py). So
that a long paste is not lost at that point, each line typed (and each text back from
``/edit``) is weighed here first against the room the record has left: one that would not
fit is refused at the prompt, kept aside where the message says, and asked again. One
place for every prompt, so a new prompt cannot forget it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reflect_cli.errors import InputError
from reflect_cli.i18n.messages import _
from reflect_cli.model import Session
from reflect_cli.records import yaml_writer
from reflect_cli.records.opening import MAX_BYTES
from reflect_cli.records.store import Store, keep_aside
from reflect_cli.session.console import Console

#: Values one typed line can add to a record at most (an /action or /join with every key),
#: with a margin: a record this close to the reader's limit takes no more lines.
VALUES_PER_LINE = 64
#: Bytes a line costs beyond its own YAML: indentation, its key, a credit.
_OVERHEAD = 256


def cost(text: str) -> int:
    """The bytes ``text`` can add to a record, as the writer would write it."""
    return len(yaml_writer.dump([text]).encode("utf-8")) + _OVERHEAD


class Bounded:
    """A console whose every typed line fits the session's record, else is refused."""

    def __init__(self, console: Console, store: Store, session: Session) -> None:
        self.inner, self.store, self.session = console, store, session
        self.interactive = console.interactive

    @property
    def unfinished(self) -> str:
        return self.inner.unfinished

    @unfinished.setter
    def unfinished(self, value: str) -> None:
        self.inner.unfinished = value

    def refusal(self, text: str, before: str = "") -> str | None:
        """Why ``text`` (replacing ``before``) cannot go into the record, or None."""
        room = self.store.room(self.session.id)
        if room is None or not text:
            return None
        size = cost(text) - (cost(before) if before else 0)
        if size <= room.bytes and room.values >= VALUES_PER_LINE:
            return None
        kept = self._keep(text)
        if room.values < VALUES_PER_LINE:
            why = _("this record is full (the values reflect reads back in one record)")
        else:
            why = _(
                "that is {size:,} bytes and this record has room for {room:,} "
                "more (reflect reads back records of at most {most:,} bytes)"
            ).format(size=size, room=max(room.bytes, 0), most=MAX_BYTES)
        return _(
            "Not saved: {why}. The text is kept in {kept}: add it in parts, or link a file."
        ).format(why=why, kept=kept)

    def _keep(self, text: str) -> Path:
        return keep_aside(self.store.folder, text, self.session.id)

    def ask(self, prompt: str, default: str = "") -> str:
        while True:
            line = self.inner.ask(prompt, default)
            refused = self.refusal(line)
            if refused is None:
                return line
            self.inner.say(refused, "yellow")

    def secret(self, prompt: str) -> str:
        while True:
            line = self.inner.secret(prompt)
            room = self.store.room(self.session.id)
            # A hidden rating is never kept aside, nor echoed: only refused.
            if room is None or (cost(line) <= room.bytes and room.values >= VALUES_PER_LINE):
                return line
            self.inner.say(_("Not saved: too long for a rating, or this record is full."), "yellow")

    def edit(self, text: str) -> str:
        edited = self.inner.edit(text)
        refused = self.refusal(edited, before=text)
        if refused is not None:
            raise InputError(refused)
        return edited

    def say(self, text: str, style: str = "") -> None:
        self.inner.say(text, style)

    def item(self, marker: str, text: str, style: str = "") -> None:
        self.inner.item(marker, text, style)

    def rule(self, title: str, detail: str = "") -> None:
        self.inner.rule(title, detail)

    def clear(self) -> None:
        self.inner.clear()

    def table(self, headers: Sequence[str], rows: Sequence[Sequence[str]], title: str = "") -> None:
        self.inner.table(headers, rows, title)

    def completions(self, handles: Sequence[str], commands: Sequence[str]) -> None:
        self.inner.completions(handles, commands)
