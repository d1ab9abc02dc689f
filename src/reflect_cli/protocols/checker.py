"""Checks on one protocol document, every problem collected with its line.

The values are read by the strict decoder's rules (``records.decoding``), so text, whole
numbers and flags mean the same in a protocol as in a record or an answers file.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from reflect_cli.i18n.messages import _
from reflect_cli.records.decoding import LocatedDict, LocatedList, to_int, to_text

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
#: A web address: http or https, a host, and no spaces or control characters. Anything
#: else (``javascript:``, ``data:``, ``file:``) would run or open something when clicked.
_CHAR = r"[^\s\x00-\x1f\x7f-\x9f]"
_WEB_URL = re.compile(rf"https?://(?:(?![/?#\\]){_CHAR})+{_CHAR}*", re.IGNORECASE)


def web_url(text: str) -> bool:
    """Whether ``text`` is an http or https address, safe to show as a link."""
    return bool(_WEB_URL.fullmatch(text))


class Checker:
    """Walks one document, recording problems with the line they were found on, in the
    reader's language: ``what`` (the part of the document: "question") is said in it,
    the file's keys and ids as they are."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[str] = []

    def problem(self, line: int, message: str) -> None:
        self.problems.append(f"{self.path}:{line}: {message}")

    def mapping(self, value: Any, line: int, what: str, allowed: tuple[str, ...]) -> bool:
        if not isinstance(value, LocatedDict):
            self.problem(line, _("{what} must be a mapping of keys to values").format(what=what))
            return False
        for key in value:
            if key not in allowed:
                near = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
                hint = _(" (did you mean '{near}'?)").format(near=near[0]) if near else ""
                known = ", ".join(allowed)
                self.problem(
                    value.key_lines[key],
                    _("unknown key '{key}' in {what}{hint}; known: {known}").format(
                        key=key, what=what, hint=hint, known=known
                    ),
                )
        return True

    def wrong(self, mapping: LocatedDict, key: str, what: str, problem: str) -> None:
        """``{what} '{key}' {problem}``: what is wrong with one key's value."""
        self.problem(
            self.line_of(mapping, key),
            _("{what} '{key}' {problem}").format(what=what, key=key, problem=problem),
        )

    def line_of(self, mapping: LocatedDict, key: str) -> int:
        return mapping.key_lines.get(key, mapping.line)

    def text(self, mapping: LocatedDict, key: str, what: str, required: bool = False) -> str:
        value = mapping.get(key)
        if value is None:
            if required:
                self.problem(
                    mapping.line, _("{what} is missing '{key}'").format(what=what, key=key)
                )
            return ""
        try:
            text = to_text(value).strip()
        except ValueError as exc:
            self.wrong(mapping, key, what, str(exc))
            return ""
        if required and not text:
            self.problem(
                self.line_of(mapping, key), _("{what} '{key}' is empty").format(what=what, key=key)
            )
        return text

    def url(self, mapping: LocatedDict, key: str, what: str) -> str:
        """A web address (http or https only), or '' with a problem for anything else."""
        text = self.text(mapping, key, what)
        if text and not web_url(text):
            shown = text if len(text) <= 40 else text[:39] + "…"
            self.problem(
                self.line_of(mapping, key),
                _("{what} '{key}' must be an http:// or https:// address, not {shown}").format(
                    what=what, key=key, shown=repr(shown)
                ),
            )
            return ""
        return text

    def integer(self, mapping: LocatedDict, key: str, what: str, default: int | None) -> int | None:
        value = mapping.get(key, default)
        if value is None:
            return None
        try:
            return to_int(value)
        except ValueError as exc:
            self.wrong(mapping, key, what, str(exc))
            return default

    def ident(self, mapping: LocatedDict, what: str, seen: dict[str, int]) -> str:
        ident = self.text(mapping, "id", what, required=True)
        if not ident:
            return ""
        line = self.line_of(mapping, "id")
        if not ID_PATTERN.match(ident):
            self.problem(
                line,
                _("{what} id '{id}' is not kebab-case (like 'shared-values')").format(
                    what=what, id=ident
                ),
            )
        if ident in seen:
            self.problem(
                line,
                _("duplicate {what} id '{id}' (first on line {first})").format(
                    what=what, id=ident, first=seen[ident]
                ),
            )
        else:
            seen[ident] = line
        return ident

    def items(self, mapping: LocatedDict, key: str, what: str) -> list[tuple[Any, int]]:
        value = mapping.get(key)
        if value is None:
            return []
        if not isinstance(value, LocatedList):
            self.wrong(mapping, key, what, _("must be a list"))
            return []
        return list(zip(value, value.item_lines, strict=True))
