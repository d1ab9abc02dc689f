"""How passages are shown outside the folder: as they are, or redacted.

Redacted, a passage's text goes through the export's redactor (names, handles, speaker
prefixes and places replaced, labels from the evaluator's pseudonym key), its session
id becomes ``session-k7m3q9`` (derived from the same key: the same in every export, so
a year-2 report and a year-3 project line up) and its speaker their pseudonymous id.
"""

from __future__ import annotations

from dataclasses import dataclass

from reflect_cli.coding.passages import Address, Passage
from reflect_cli.model import Session
from reflect_cli.render.export.own_text import is_own
from reflect_cli.render.export.redact import STABLE_IDS, Redactor
from reflect_cli.speakers import person_key, speaker_of


@dataclass
class Shown:
    """Passages as shared; ``redactor`` None shows them as recorded."""

    redactor: Redactor | None = None

    @property
    def redacted(self) -> bool:
        return self.redactor is not None

    def session(self, session_id: str) -> str:
        if self.redactor is None:
            return session_id
        return self.redactor.session_id(session_id)

    def statement(self) -> str:
        """What was redacted, in the export's words, session ids as they are shown here."""
        if self.redactor is None:
            return ""
        return self.redactor.statement(STABLE_IDS)

    def address(self, address: Address) -> str:
        return str(Address(self.session(address.session), address.question, address.line))

    def text(self, text: str, at: Address | None = None) -> str:
        """What people said, redacted; ``at`` names where it is if the redactor has to
        stop and ask about an everyday word (the folder's own address: the stop is read
        by the evaluator, never shared)."""
        if self.redactor is None:
            return text
        if at is not None:
            self.redactor.where = (f"session {at.session}", at.question)
        try:
            return self.redactor.text(text, speakers=True)
        finally:
            self.redactor.where = ("", "")

    def prompt(self, text: str) -> str:
        """A question's text: a protocol anyone wrote can name a person, so it passes the
        redactor unless it is word for word the text of one of reflect's own protocols."""
        if self.redactor is None or is_own(text):
            return text
        return self.redactor.text(text)

    def place(self, place: str) -> str:
        return place if self.redactor is None else self.redactor.place_label(place)

    def passage(self, passage: Passage) -> dict[str, object]:
        """A passage as the report's JSON holds it."""
        return {
            "passage": self.address(passage.address),
            "collaborative": self.place(passage.collaborative),
            "date": passage.date,
            "question": passage.address.question,
            "text": self.text(passage.text, passage.address),
        }

    def speaker(self, session: Session, line: str) -> tuple[str, str]:
        """The id and name of the person a line credits, as shared (empty for none)."""
        who = speaker_of(line, session.participants)
        if who is None:
            return "", ""
        if self.redactor is None:
            return person_key(who), who.name
        known = self.redactor.person(self.redactor.number_of(who))
        return known.id, known.label
