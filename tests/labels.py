"""Redacted labels without their codes, so a test can read "Northgate PTA (Parent)".

A label's code comes from the pseudonym key (``render/export/pseudonyms.py``), which each
test makes afresh: tests that are not about the codes compare labels without them, and
tests about the codes (``test_pseudonyms.py``) look at them.
"""

from __future__ import annotations

import re

#: A person's code (three letter-digit pairs, five when two people share three).
PERSON = r"(?:[A-HJKMNP-TV-Z]\d){3}(?:(?:[A-HJKMNP-TV-Z]\d){2})?"
#: A place's or organization's code (two pairs, five when two share two).
PLACE = r"(?:[A-HJKMNP-TV-Z]\d){2}(?:(?:[A-HJKMNP-TV-Z]\d){3})?"
_PERSON = re.compile(rf" {PERSON}(?![\w])")
_PLACE = re.compile(rf"\b(Collaborative|Site|Organization|[A-Z][a-z]+(?: [a-z]+)?) {PLACE}(?!\w)")


def uncoded(text: str) -> str:
    """``text`` with every code taken out: "Northgate PTA (Parent K7M3Q9)" reads
    "Northgate PTA (Parent)", "Participant K7M3Q9" "Participant", "Site Q9X2" "Site"."""
    return _PLACE.sub(r"\1", _PERSON.sub("", text))
