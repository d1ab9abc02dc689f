"""What every export format shares: the options, and chunked output."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol

from reflect_cli.model import Session


@dataclass(frozen=True)
class Options:
    """How an export is made: redaction, private notes, Excel-friendly CSV."""

    redact: bool = False
    include_private: bool = False
    excel: bool = False
    keep_places: bool = False
    #: What was redacted, stated at the top of the document (set by ``render``).
    notice: str = ""
    #: The session a carried commitment came from, by id, when it is not exported
    #: itself (its date, and its owner's name when they were not there later); None
    #: when unknown. Not given when redacting.
    earlier: Callable[[str], Session | None] | None = None
    #: The reader's language (a BCP 47 tag): the document's words and, in HTML and
    #: Markdown, the protocol's text (``render.language``).
    language: str = "en"


class Exporter(Protocol):
    def render(self, sessions: Iterable[Session], options: Options) -> Iterator[str]: ...


def batched(lines: Iterable[str], size: int = 2000) -> Iterator[str]:
    """Lines joined into chunks: a few large writes instead of a million small ones."""
    batch: list[str] = []
    for line in lines:
        batch.append(line)
        if len(batch) >= size:
            yield "\n".join(batch) + "\n"
            batch.clear()
    yield "\n".join(batch) + "\n"
