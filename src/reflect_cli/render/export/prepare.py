"""Make sessions ready to share: the export's view of each, redacted when asked."""

from __future__ import annotations

import re

from reflect_cli.model import Session
from reflect_cli.render.export.base import Options
from reflect_cli.render.export.redact import SPEAKER, Redactor
from reflect_cli.render.export.rewrite import rewrite
from reflect_cli.render.export.view import shown


def prepare(session: Session, options: Options, redactor: Redactor | None = None) -> Session:
    """The session as an export may show it (``view.shown``): private notes only when
    asked, people and places replaced when redacting, and otherwise a speaker's handle
    before their words ("keisha:") shown as their name."""
    view = shown(session, options.include_private)
    if redactor is not None:
        return rewrite(redactor, view)
    names = {p.handle: p.name for p in view.participants if p.handle and p.name}
    if names:
        for _, question in view.answers():
            if isinstance(question.answer, str) and ":" in question.answer:
                question.answer = _speakers(question.answer, names)
    return view


def _speakers(text: str, names: dict[str, str]) -> str:
    def named(match: re.Match[str]) -> str:
        return match[1] + names.get(match[2].lower(), match[2]) + match[3]

    return SPEAKER.sub(named, text)
