"""The facilitator's decisions about everyday words, once per word for the folder.

When a redacted export meets a participant's name that is also an everyday word (Hope,
Grace, May, Justice…) where the text cannot tell which it is, the facilitator says once
which it is in this folder: ``--name Hope`` (a capitalised Hope is the person) or
``--word May`` (kept as a word unless plainly a name). The answers are kept in
``redaction.json`` (``{"names": [...], "words": [...]}``, folded words) in the sessions
folder's private folder (owner-only, in the user's state folder, never shared; see
``home``); other keys in it are kept as they are.

Each decision is one word that could be part of a name (``_one_word``): letters and their
marks, with apostrophes inside (``O'Neil``), in any script; nothing else is ever kept,
because a decision about anything else would never meet a name part and would only hide
a typo. Refusals show the typed text escaped and cut short: it may hold anything.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reflect_cli.errors import InputError, StoreError
from reflect_cli.folding import fold
from reflect_cli.i18n.messages import _
from reflect_cli.records import home, state_json
from reflect_cli.records.opening import NotAFile, read_regular

FILE = "redaction.json"
#: The longest word a decision may be, in characters as typed.
LONGEST = 60
#: How much of a refused text its message shows.
_SHOWN = 30


@dataclass
class WordChoices:
    """Folded words decided to be names, and to be words."""

    names: set[str] = field(default_factory=set)
    words: set[str] = field(default_factory=set)


def where(folder: Path) -> Path:
    return home.where_home(folder) / FILE


def load(folder: Path) -> WordChoices:
    """The decisions kept for a sessions folder (none when nothing is kept)."""
    data = _read(where(folder))
    return WordChoices(_words(data, "names"), _words(data, "words"))


def decide(folder: Path, names: list[str], words: list[str]) -> WordChoices:
    """Add the facilitator's decisions (a later one replaces an earlier one for the same
    word), keep them, and return every decision for the folder."""
    as_names, as_words = {_one_word(w) for w in names}, {_one_word(w) for w in words}
    both = as_names & as_words
    if both:
        raise InputError(
            _("{word!r} given as both --name and --word; choose one").format(word=sorted(both)[0])
        )
    path = where(folder)
    data = _read(path)
    kept = WordChoices(_words(data, "names"), _words(data, "words"))
    kept.names = (kept.names - as_words) | as_names
    kept.words = (kept.words - as_names) | as_words
    if as_names or as_words:
        data["names"], data["words"] = sorted(kept.names), sorted(kept.words)
        _write(folder, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    return kept


def _one_word(typed: str) -> str:
    """``typed`` folded, when it is one word that could be part of a name; InputError
    (one line, the text shown escaped) for anything else."""
    word = typed.strip()
    if not word:
        raise InputError(
            _("--name/--word take one word each, not {shown}").format(shown=_shown(typed))
        )
    if len(word) > LONGEST:
        raise InputError(
            _(
                "--name/--word take one word of at most {most} characters, not "
                "{shown} ({count} characters)"
            ).format(most=LONGEST, shown=_shown(typed), count=len(word))
        )
    if any(unicodedata.category(c).startswith("C") for c in word):
        # Controls, invisible format characters, bytes that were not UTF-8 (surrogates),
        # unassigned code points: typed by accident or to hide something, never a name.
        raise InputError(
            _(
                "--name/--word take one word each, not {shown}: it holds a control "
                "or invisible character"
            ).format(shown=_shown(typed))
        )
    if len(word.split()) != 1:
        raise InputError(
            _(
                "--name/--word take one word each, not {shown}: give each word its "
                "own --name or --word"
            ).format(shown=_shown(typed))
        )
    folded = fold(word)
    if len(folded) > LONGEST:  # a ligature or a compatibility form folds into many
        raise InputError(
            _("--name/--word take one word of at most {most} characters, not {shown}").format(
                most=LONGEST, shown=_shown(typed)
            )
        )
    if not _name_part(folded):
        raise InputError(
            _("--name/--word take one word each, of letters as in a name, not {shown}").format(
                shown=_shown(typed)
            )
        )
    return folded


def _name_part(folded: str) -> bool:
    """Letters and marks, with apostrophes only between them ("o'neil"): what a name part
    folds to. (Digits, dashes, "_" and other punctuation never are one part.)"""
    if not folded or not unicodedata.category(folded[0]).startswith("L"):
        return False
    pieces = folded.split("'")
    return all(piece and all(unicodedata.category(c)[0] in "LM" for c in piece) for piece in pieces)


def _shown(typed: str) -> str:
    """The typed text as a message shows it: quoted, escaped (``repr`` shows a control,
    an invisible character or a stray surrogate as ``\\x1b``, ``\\u200b``), cut short."""
    return repr(typed if len(typed) <= _SHOWN else typed[:_SHOWN] + "…")


def _words(data: dict[str, Any], key: str) -> set[str]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
        raise InputError(
            _("{file}: {key!r} is not a list of words; fix or remove it").format(file=FILE, key=key)
        )
    return {fold(w) for w in value}


def _read(path: Path) -> dict[str, Any]:
    try:
        raw, _seen = read_regular(path, follow_links=False)
    except FileNotFoundError:
        return {}
    except (NotAFile, OSError) as exc:
        raise InputError(
            _("{path}: {exc}; remove it to decide again").format(path=path, exc=exc)
        ) from None
    try:
        data = state_json.loads(raw)
    except ValueError as exc:
        raise InputError(
            _("{path}: {exc}; remove it to decide again").format(path=path, exc=exc)
        ) from None
    if not isinstance(data, dict):
        raise InputError(
            _("{path}: not readable JSON; remove it to decide again").format(path=path)
        )
    return data


def _write(folder: Path, text: str) -> None:
    from reflect_cli.records.atomic import write_atomic

    try:
        place = home.folder_home(folder)
    except home.Unusable as exc:
        raise StoreError(_("the decision cannot be kept: {exc}").format(exc=exc)) from None
    write_atomic(place / FILE, text)
