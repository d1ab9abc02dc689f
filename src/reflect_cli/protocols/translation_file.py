"""A translation file written out: the one a translator fills in (``reflect protocols
translate``), every key with its source text shown above it as a comment.

Given the translation already there, its texts and fingerprints are kept (an out-of-date
entry stays out of date until a translator checks it), so running it again after the
protocol changed adds what is new and leaves the rest alone.
"""

from __future__ import annotations

import json

from reflect_cli.i18n.fingerprint import fingerprint
from reflect_cli.model import Protocol
from reflect_cli.protocols.translations import Translation, sources


def _quoted(text: str) -> str:
    # A JSON string is a YAML double-quoted scalar: every character kept, nothing parsed.
    return json.dumps(text, ensure_ascii=False)


def _comment(text: str) -> str:
    return "  # " + " ".join(text.split())


def skeleton(
    protocol: Protocol, language: str, translator: str = "", kept: Translation | None = None
) -> str:
    """The translation file's text for ``language``, keeping ``kept``'s entries."""
    note = kept.note if kept else ""
    lines = [
        f"# The {language} translation of protocol {protocol.id!r} (version "
        f"{protocol.version}). Fill in each text; keep 'source' as it is unless the",
        "# source text changed: `reflect protocols validate` then names the entry.",
        f"translates: {protocol.id}",
        f"language: {language}",
        f"translator: {_quoted(kept.translator if kept else translator)}",
    ]
    if note:
        lines.append(f"note: {_quoted(note)}")
    lines.append("texts:")
    for key, text in sources(protocol).items():
        entry = kept.entries.get(key) if kept else None
        lines += [
            _comment(text),
            f"  {key}:",
            f"    source: {_quoted(entry.source if entry else fingerprint(text))}",
            f"    text: {_quoted(entry.text if entry else '')}",
        ]
    return "\n".join(lines) + "\n"
