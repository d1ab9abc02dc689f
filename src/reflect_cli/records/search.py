"""Find text in answers across sessions."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from reflect_cli.errors import InputError
from reflect_cli.kinds import answer_text
from reflect_cli.model import Session
from reflect_cli.rounds.text import rating_lines


@dataclass
class Hit:
    """One answer line that matches, with where the matches are in it."""

    session: Session
    domain: str
    question_id: str
    prompt: str
    line: str
    spans: list[tuple[int, int]]


def compile_pattern(text: str, regex: bool) -> re.Pattern[str]:
    """Case-insensitive plain text, or a regular expression."""
    if not text:
        raise InputError("search for what? give some text")
    try:
        return re.compile(text if regex else re.escape(text), re.IGNORECASE)
    except re.error as exc:
        raise InputError(f"not a regular expression: {exc}") from None


# The only non-ASCII letters that ignore-case matching pairs with ASCII ones: Kelvin
# sign, long s, dotted and dotless i. In UTF-8 they start with these bytes, which
# ordinary text (é is \xc3\xa9) almost never holds, so the exact check rarely runs.
def _may_fold_to_ascii(raw: bytes) -> bool:
    return b"\xc4" in raw or b"\xc5" in raw or b"\xe2\x84" in raw


def quick_filter(text: str, regex: bool) -> Callable[[bytes], bool] | None:
    """A cheap first look at a record's raw JSON line that never misses a match, or None.

    Plain text with nothing JSON would escape (quotes, backslashes, control characters)
    appears in the raw line as typed, so a case-insensitive substring test rules out most
    records before any is parsed; for ASCII text it runs on bytes, which is fastest."""
    if regex or any(c in '"\\' or ord(c) < 0x20 for c in text):
        return None
    pattern = compile_pattern(text, regex=False)

    def exact(raw: bytes) -> bool:  # the search's own matcher, on the raw JSON text
        return pattern.search(raw.decode("utf-8", "replace")) is not None

    if not text.isascii():
        return exact
    ascii_needle = text.lower().encode()

    def fast(raw: bytes) -> bool:
        if ascii_needle in raw.lower():
            return True
        return _may_fold_to_ascii(raw) and exact(raw)

    return fast


def find(sessions: Iterable[Session], pattern: re.Pattern[str]) -> list[Hit]:
    """Every matching answer line, in the sessions' order."""
    hits = []
    for session in sessions:
        for domain, record in session.answers():
            lines = answer_text(record.kind, record.answer).splitlines()
            lines += rating_lines(record, session.participants)  # a round, like any answer
            for line in lines:
                spans = [m.span() for m in pattern.finditer(line) if m.end() > m.start()]
                if spans:
                    hits.append(Hit(session, domain.title, record.id, record.prompt, line, spans))
    return hits
