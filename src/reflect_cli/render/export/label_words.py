"""The words a redaction label is made of ("Participant K7M3Q9", "Sitio B4R7"), in the
export's language, and in every language reflect speaks.

A label is said in the language of the document it is in (``Labels(language=…)``);
its code, and every id a table keys on, is the same in every language, so labels stay
stable across languages but for their word. None of these words, in any language, is
ever taken for a part of a place's name (``place_parts``): the check after rendering
looks for places in the document, which holds the labels.
"""

from __future__ import annotations

import functools
import re

from reflect_cli.folding import fold
from reflect_cli.i18n import messages
from reflect_cli.i18n.messages import N_
from reflect_cli.model import SECTORS

PARTICIPANT = N_("Participant")
FACILITATOR = N_("Facilitator")
COLLABORATIVE = N_("Collaborative")
SITE = N_("Site")
SESSION = N_("Session")
#: Strict, an organization with no sector recorded.
ORGANIZATION = N_("Organization")
WORDS = (PARTICIPANT, FACILITATOR, COLLABORATIVE, SITE, SESSION, ORGANIZATION)


@functools.cache
def said(language: str) -> dict[str, str]:
    """Each label word, and each sector (stored in English: ``model.SECTORS``), in
    ``language`` (English where its catalog has none)."""
    with messages.speaking(language or "en"):
        return {word: messages._(word) for word in (*WORDS, *SECTORS)}


@functools.cache
def every_language() -> frozenset[str]:
    """Every word of every label word and sector, folded, in English and each language
    shipped: words no place is said by."""
    found: set[str] = set()
    for language in ("en", *messages.shipped()):
        for text in said(language).values():
            found |= set(re.findall(r"\w+", fold(text)))
    return frozenset(found)
