"""What every redacting command shares: the pseudonym key, strict redaction, the
everyday words decided, and the one way a command gets its redactor (`export --redact`,
`trends --redact`: the same labels with the same key)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from reflect_cli.i18n.messages import N_, _
from reflect_cli.ui import screen

if TYPE_CHECKING:
    from reflect_cli.records.pseudonym_key import Key
    from reflect_cli.records.store import Store
    from reflect_cli.records.summary import Summary
    from reflect_cli.render.export import Redactor
    from reflect_cli.render.export.places import Rerun


def _key_option(help_text: str) -> Any:  # typer.Option is typed Any
    return typer.Option("--pseudonym-key", metavar="FILE", help=help_text, show_default=False)


#: For a command that redacts only with --redact.
PseudonymKey = Annotated[
    Path | None,
    _key_option(
        N_(
            "With --redact: derive labels from this key file (created when missing; never "
            "inside the sessions folder) [default: ~/.config/reflect/pseudonym-key, or under "
            "$XDG_CONFIG_HOME]."
        )
    ),
]
#: For a command that always redacts (snapshot, check-names): no --redact to refer to.
KeyAlways = Annotated[
    Path | None,
    _key_option(
        N_(
            "Derive labels from this key file (created when missing; never inside the "
            "sessions folder) [default: ~/.config/reflect/pseudonym-key, or under "
            "$XDG_CONFIG_HOME]."
        )
    ),
]

Strict = Annotated[
    bool,
    typer.Option(
        "--strict",
        help=N_(
            "Redact strictly (implies --redact): organizations shown by their sector "
            '("Community organization Q9X2"), roles left out; for small partnerships where an '
            "organization and a role name one person."
        ),
    ),
]

KeepPlaces = Annotated[
    bool, typer.Option(help=N_("With --redact: keep collaborative and site names."))
]
Names = Annotated[
    list[str] | None,
    typer.Option(
        "--name",
        metavar="WORD",
        help=N_(
            "With --redact: this everyday word (Hope, Grace, May…) is a person's name "
            "in this folder: replaced where capitalised. Kept in reflect's state folder, "
            "never shared."
        ),
    ),
]
Words = Annotated[
    list[str] | None,
    typer.Option(
        "--word",
        metavar="WORD",
        help=N_(
            "With --redact: this name part is an everyday word in this folder: kept, "
            "unless next to another part of the name. Kept in reflect's state folder, "
            "never shared."
        ),
    ),
]
IgnoreUnreadable = Annotated[
    bool,
    typer.Option(
        help=N_(
            "With --redact: go on when a record in the folder cannot be read (its "
            "people cannot be known; each such file is named on standard error)."
        )
    ),
]

#: For a command that always redacts (snapshot, check-names): the same decisions, with
#: no --redact to refer to.
NamesAlways = Annotated[
    list[str] | None,
    typer.Option(
        "--name",
        metavar="WORD",
        help=N_(
            "This everyday word (Hope, Grace, May…) is a person's name in this folder, "
            "as `export --redact --name` decides it. Kept in reflect's state folder, never "
            "shared."
        ),
    ),
]
WordsAlways = Annotated[
    list[str] | None,
    typer.Option(
        "--word",
        metavar="WORD",
        help=N_(
            "This name part is an everyday word in this folder, as `export --redact "
            "--word` decides it. Kept in reflect's state folder, never shared."
        ),
    ),
]
IgnoreUnreadableAlways = Annotated[
    bool,
    typer.Option(
        help=N_(
            "Go on when a record in the folder cannot be read (its people cannot be "
            "known; each such file is named on standard error)."
        )
    ),
]


@dataclass(frozen=True, slots=True)
class Redacting:
    """How redaction was asked for: the options `export --redact` takes, which every
    redacting command takes too (trends, commitments, snapshot)."""

    names: list[str] | None
    words: list[str] | None
    key_file: Path | None
    keep_places: bool
    ignore_unreadable: bool
    strict: bool
    #: The labels' language: the reader's for a table, English for JSON and CSV.
    language: str = ""
    #: JSON and CSV are data: a session by its stable id (``session-k7m3q9``), as in
    #: the data package made with the key; a table people read says "Session 2".
    stable_sessions: bool = False

    def redactor(self, store: Store, oldest_first: list[Summary]) -> Redactor:
        """The selection's redactor, as `export --redact` makes it for the same sessions."""
        made = redactor(
            store,
            oldest_first,
            names=self.names,
            words=self.words,
            key_file=self.key_file,
            keep_places=self.keep_places,
            ignore_unreadable=self.ignore_unreadable,
            strict=self.strict,
            language=self.language,
        )
        made.stable_sessions = self.stable_sessions
        return made


def check_options(
    redact: bool, names: list[str] | None, words: list[str] | None, key: Path | None
) -> None:
    """Refuse an option that only means something with --redact, given without it."""
    from reflect_cli.errors import InputError

    if (names or words) and not redact:
        raise InputError(_("--name and --word go with --redact"))
    if key is not None and not redact:
        raise InputError(_("--pseudonym-key goes with --redact"))


def redactor(
    store: Store,
    oldest_first: list[Summary],
    *,
    names: list[str] | None,
    words: list[str] | None,
    key_file: Path | None,
    keep_places: bool = False,
    ignore_unreadable: bool = False,
    strict: bool = False,
    language: str = "",
    writes: bool = True,
) -> Redactor:
    """The selection's redactor, the one every redacting command uses: everyone the
    folder knows (``render.export.known``), labels from the evaluator's key, the everyday
    words decided (this run's --name/--word kept for the folder), labels said in
    ``language`` (the document's; English when none); each record it could not read
    named on standard error; ``writes``: False for a command that writes nothing, whose
    refusals say nothing was checked."""
    from reflect_cli.records import word_choices
    from reflect_cli.render.export import known

    decided = word_choices.decide(store.folder, names or [], words or [])
    key = pseudonym_key(store.folder, key_file)
    found, unread = known.redactor(
        store,
        oldest_first,
        keep_places,
        ignore_unreadable,
        decided,
        key,
        strict,
        language,
        rerun(writes),
    )
    for line in unread:
        screen.warning(_("redacted without {line}").format(line=line))
    return found


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


def rerun(writes: bool = True) -> Rerun:
    """The command being run as its user would type it again ("reflect commitments",
    "reflect codes report"), for a refusal that says how to go on with its own options;
    ``writes``: False for a command that writes nothing (check-names)."""
    from typer._click.globals import get_current_context  # Typer's own Click, as helping's

    from reflect_cli.render.export.places import Rerun

    words: list[str] = []
    ctx = get_current_context(silent=True)
    while ctx is not None and ctx.parent is not None:  # the root's name is the program's
        words.insert(0, ctx.info_name or "")
        ctx = ctx.parent
    return Rerun(" ".join(["reflect", *words]), writes)
