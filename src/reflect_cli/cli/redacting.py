"""What every redacting command shares: the pseudonym key and strict redaction."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from reflect_cli.i18n.messages import _
from reflect_cli.ui import screen

if TYPE_CHECKING:
    from reflect_cli.records.pseudonym_key import Key

_KEY_HELP = (
    "derive labels from this key file (created when missing; never inside the sessions "
    "folder) [default: ~/.config/reflect/pseudonym-key, or under $XDG_CONFIG_HOME]."
)


def _key_option(help_text: str) -> Any:  # typer.Option is typed Any
    return typer.Option("--pseudonym-key", metavar="FILE", help=help_text, show_default=False)


#: For a command that redacts only with --redact.
PseudonymKey = Annotated[Path | None, _key_option(f"With --redact: {_KEY_HELP}")]
#: For a command that always redacts (snapshot, check-names): no --redact to refer to.
KeyAlways = Annotated[Path | None, _key_option(_KEY_HELP[0].upper() + _KEY_HELP[1:])]

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
            _(
                "created pseudonym key {path} (keep it: labels in later exports "
                "match only with the same key; never put it in the sessions folder)"
            ).format(path=key.path)
        )
    return key
