"""BCP 47 language tags (RFC 5646): read, normalised, and matched (RFC 4647 lookup).

Only the syntax is checked (a registry of every subtag would be a dependency of its
own): ``es``, ``es-MX``, ``zh-Hant-TW``, ``so``, ``am-ET``, ``sr-Latn`` are tags,
``spanish``, ``es_MX`` and ``e`` are not. ``es_MX.UTF-8`` from a locale is read by
``from_locale``, not here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_ALNUM = "[a-z0-9]"
_LANGTAG = re.compile(
    # A primary language of two or three letters: the grammar's four to eight letters
    # are reserved, and no language has one ("spanish" is a word, not a tag).
    r"^(?P<language>[a-z]{2,3}(?:-[a-z]{3}){0,3})"
    r"(?:-(?P<script>[a-z]{4}))?"
    r"(?:-(?P<region>[a-z]{2}|[0-9]{3}))?"
    rf"(?:-(?:{_ALNUM}{{5,8}}|[0-9]{_ALNUM}{{3}}))*"
    rf"(?:-[0-9a-wyz](?:-{_ALNUM}{{2,8}})+)*"
    rf"(?:-x(?:-{_ALNUM}{{1,8}})+)?$"
)
#: The language reflect speaks when nothing else is asked for.
SOURCE = "en"


def parse(text: str) -> str:
    """The tag in its usual case (``es-mx`` -> ``es-MX``); ``ValueError`` when ``text``
    is not a well-formed BCP 47 language tag."""
    lowered = text.strip().lower()
    match = _LANGTAG.match(lowered)
    if not match or len(lowered) > 64:
        raise ValueError(f"{text!r} is not a BCP 47 language tag (like 'es', 'es-MX', 'vi')")
    parts = lowered.split("-")
    shown = [parts[0]]
    for part in parts[1:]:
        if shown[-1] in ("x",) or len(shown[-1]) == 1:  # after a singleton: as written
            shown.append(part)
        elif len(part) == 4 and part.isalpha() and part == match.group("script"):
            shown.append(part.title())
        elif part == match.group("region") and part.isalpha():
            shown.append(part.upper())
        else:
            shown.append(part)
    return "-".join(shown)


def is_tag(text: str) -> bool:
    try:
        parse(text)
    except ValueError:
        return False
    return True


def fallbacks(tag: str) -> list[str]:
    """The tag and each shorter one, as RFC 4647 lookup tries them:
    ``zh-Hant-TW`` -> ``zh-Hant-TW``, ``zh-Hant``, ``zh``."""
    parts = tag.split("-")
    found = []
    while parts:
        found.append("-".join(parts))
        parts.pop()
        while parts and len(parts[-1]) == 1:  # a singleton never ends a tag
            parts.pop()
    return found


def lookup(wanted: str, available: Iterable[str]) -> str | None:
    """The available tag that best serves ``wanted`` (case-insensitive), or None."""
    by_fold = {a.lower(): a for a in available}
    for candidate in fallbacks(wanted):
        if candidate.lower() in by_fold:
            return by_fold[candidate.lower()]
    return None


def from_locale(value: str) -> str | None:
    """A tag from a POSIX locale name (``es_MX.UTF-8``, ``vi_VN``), or None for ``C``,
    ``POSIX`` and what is not a locale."""
    name = value.split(".", 1)[0].split("@", 1)[0].replace("_", "-")
    if not name or name.upper() in ("C", "POSIX"):
        return None
    try:
        return parse(name)
    except ValueError:
        return None


def same_language(one: str, other: str) -> bool:
    """Whether two tags name one language (``es`` and ``es-MX`` do)."""
    return one.split("-")[0].lower() == other.split("-")[0].lower()
