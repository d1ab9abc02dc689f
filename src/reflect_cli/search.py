"""Find text in answers across sessions."""

from __future__ import annotations

import re
from dataclasses import dataclass

from reflect_cli.errors import InputError
from reflect_cli.markdown import answer_text
from reflect_cli.model import Session


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


def find(sessions: list[Session], pattern: re.Pattern[str]) -> list[Hit]:
    """Every matching answer line, in the sessions' order."""
    hits = []
    for session in sessions:
        for domain, record in session.answers():
            for line in answer_text(record.answer).splitlines():
                spans = [m.span() for m in pattern.finditer(line) if m.end() > m.start()]
                if spans:
                    hits.append(Hit(session, domain.title, record.id, record.prompt, line, spans))
    return hits
