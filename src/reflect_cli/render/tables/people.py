"""A person's id in the tables: the one place it is decided.

Plain, it is derived from the person as reflect knows them (their name and organization,
folded as --redact folds them), so the same person has the same id in every session of
a package, and in the next package too. Redacted, the sessions have already been
rewritten: a participant's handle is the redactor's pseudonym for the person
(``person-k7m3q9``, derived from the evaluator's pseudonym key: ``render/export/
pseudonyms.py``, the same in every export made with that key), and that is their id.
"""

from __future__ import annotations

from reflect_cli.model import Participant
from reflect_cli.speakers import person_key


def person_id(person: Participant, redacted: bool) -> str:
    """The id that stands for this participant in every table."""
    return person.handle if redacted else person_key(person)
