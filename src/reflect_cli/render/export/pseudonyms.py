"""Stable pseudonyms: the codes --redact's labels carry, derived from the evaluator's key.

A code is an HMAC-SHA256 of what it stands for (a person's folded name and organization,
a collaborative's or site's folded name, an organization's), written in Crockford's
letters and digits taken in turn ("K7M3Q9": capitals without I, L, O, U, nothing to
misread; never two letters together, so no code can spell a name or handle the redaction
check looks for). The same key and
the same person give the same code in every export, whatever else is selected or the
folder holds, so year 2 and year 3 line up and a code follows a person; without the key
a code cannot be worked back to a name (a name cannot be tried against it). A session's
id in redacted data is derived the same way from its record's id (``session_id``), so a
session has one id in every package, table and coding export made with the key.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from enum import StrEnum

from reflect_cli.folding import fold

_LETTERS = "ABCDEFGHJKMNPQRSTVWXYZ"
_DIGITS = "0123456789"
#: Letter-digit pairs in a code: a person's three ("K7M3Q9", one in 10.6 million), a
#: place's or organization's two ("Q9X2"). Two people (or places) of one folder that
#: share a code are told apart by a longer one (``LONGER`` pairs), which then stays.
PERSON_LENGTH = 3
PLACE_LENGTH = 2
LONGER = 5


class Kind(StrEnum):
    """What a code stands for: each kind is derived apart, so a site and a person with
    the same name never share a code."""

    PERSON = "person"
    COLLABORATIVE = "collaborative"
    SITE = "site"
    ORGANIZATION = "organization"
    SESSION = "session"


class Pseudonyms:
    """Codes derived from one key."""

    def __init__(self, secret: bytes | None = None) -> None:
        # No key (a library caller): a throwaway one, so labels never link to anything.
        self._secret = secret if secret is not None else secrets.token_bytes(32)

    def code(self, kind: Kind, *parts: str, length: int = PERSON_LENGTH) -> str:
        """The code for ``parts`` (folded here: case, accents and spacing never matter)."""
        message = "\x1f".join([kind.value, *(" ".join(fold(p).split()) for p in parts)])
        digest = hmac.new(self._secret, message.encode("utf-8"), hashlib.sha256).digest()
        number = int.from_bytes(digest, "big")
        pairs = []
        for _ in range(length):
            number, letter = divmod(number, len(_LETTERS))
            number, digit = divmod(number, len(_DIGITS))
            pairs.append(_LETTERS[letter] + _DIGITS[digit])
        return "".join(pairs)

    def fingerprint(self) -> str:
        """Names the key without revealing it: two exports with the same fingerprint used
        the same key, so their labels line up."""
        return hmac.new(self._secret, b"fingerprint", hashlib.sha256).hexdigest()[:8]


def person_id(code: str) -> str:
    """A person's id in the tables and records of a redacted export."""
    return f"person-{code.lower()}"


def session_id(pseudonyms: Pseudonyms, recorded: str, length: int = PERSON_LENGTH) -> str:
    """A session's id in redacted data (tables, JSON, CSV, coding exports), from its
    record's id: ``session-k7m3q9``, the same in every export made with the key."""
    return f"session-{pseudonyms.code(Kind.SESSION, recorded, length=length).lower()}"
