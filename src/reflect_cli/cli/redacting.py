"""What every redacting command shares: the pseudonym key and strict redaction."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from reflect_cli.ui import screen

if TYPE_CHECKING:
    from reflect_cli.records.pseudonym_key import Key

PseudonymKey = Annotated[
    Path | None,
    typer.Option(
        "--pseudonym-key",
        metavar="FILE",
        help="With --redact: derive labels from this key file (created when missing; "
        "never inside the sessions folder) [default: ~/.config/reflect/pseudonym-key, "
        "or under $XDG_CONFIG_HOME].",
        show_default=False,
    ),
]
Strict = Annotated[
    bool,
    typer.Option(
        "--strict",
        help="Redact strictly (implies --redact): organizations shown by their sector "
        '("Community organization Q9X2"), roles left out; for small partnerships where an '
        "organization and a role name one person.",
    ),
]


def pseudonym_key(folder: Path, path: Path | None) -> Key:
    """The evaluator's key (``records.pseudonym_key``); says so on standard error when
    this run created it, so the evaluator knows what to keep."""
    from reflect_cli.records import pseudonym_key as keys

    key = keys.load(folder, path)
    if key.created:
        screen.message(
            f"created pseudonym key {key.path} (keep it: labels in later exports match "
            "only with the same key; never put it in the sessions folder)"
        )
    return key
