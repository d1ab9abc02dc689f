"""Checks on one protocol document, every problem collected with its line.

The values are read by the strict decoder's rules (``records.decoding``), so text, whole
numbers and flags mean the same in a protocol as in a record or an answers file.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

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
    """Walks one document, recording problems with the line they were found on."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[str] = []

    def problem(self, line: int, message: str) -> None:
        self.problems.append(f"{self.path}:{line}: {message}")

    def mapping(self, value: Any, line: int, what: str, allowed: tuple[str, ...]) -> bool:
        if not isinstance(value, LocatedDict):
            self.problem(line, f"{what} must be a mapping of keys to values")
            return False
        for key in value:
            if key not in allowed:
                near = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
                hint = f" (did you mean {near[0]!r}?)" if near else ""
                known = ", ".join(allowed)
                self.problem(
                    value.key_lines[key], f"unknown key {key!r} in {what}{hint}; known: {known}"
                )
        return True

    def line_of(self, mapping: LocatedDict, key: str) -> int:
        return mapping.key_lines.get(key, mapping.line)

    def text(self, mapping: LocatedDict, key: str, what: str, required: bool = False) -> str:
        value = mapping.get(key)
        if value is None:
            if required:
                self.problem(mapping.line, f"{what} is missing {key!r}")
            return ""
        try:
            text = to_text(value).strip()
        except ValueError as exc:
            self.problem(self.line_of(mapping, key), f"{what} {key!r} {exc}")
            return ""
        if required and not text:
            self.problem(self.line_of(mapping, key), f"{what} {key!r} is empty")
        return text

    def url(self, mapping: LocatedDict, key: str, what: str) -> str:
        """A web address (http or https only), or '' with a problem for anything else."""
        text = self.text(mapping, key, what)
        if text and not web_url(text):
            shown = text if len(text) <= 40 else text[:39] + "…"
            self.problem(
                self.line_of(mapping, key),
                f"{what} {key!r} must be an http:// or https:// address, not {shown!r}",
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
            self.problem(self.line_of(mapping, key), f"{what} {key!r} {exc}")
            return default

    def ident(self, mapping: LocatedDict, what: str, seen: dict[str, int]) -> str:
        ident = self.text(mapping, "id", what, required=True)
        if not ident:
            return ""
        line = self.line_of(mapping, "id")
        if not ID_PATTERN.match(ident):
            self.problem(line, f"{what} id {ident!r} is not kebab-case (like 'shared-values')")
        if ident in seen:
            self.problem(line, f"duplicate {what} id {ident!r} (first on line {seen[ident]})")
        else:
            seen[ident] = line
        return ident

    def items(self, mapping: LocatedDict, key: str, what: str) -> list[tuple[Any, int]]:
        value = mapping.get(key)
        if value is None:
            return []
        if not isinstance(value, LocatedList):
            self.problem(self.line_of(mapping, key), f"{what} {key!r} must be a list")
            return []
        return list(zip(value, value.item_lines, strict=True))
