"""`reflect start` and `reflect resume`: run a session during the meeting."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from reflect_cli.cli.options import Lang, QuestionsDirs, language, open_index, sessions_dir, warn
from reflect_cli.cli.stopping import like_ctrl_c
from reflect_cli.i18n.messages import N_, _
from reflect_cli.ui import screen

if TYPE_CHECKING:
    from reflect_cli.model import Protocol, Session
    from reflect_cli.records.store import Store
    from reflect_cli.records.summary import Summary
    from reflect_cli.session.console import Console


def _console(no_input: bool, folder: Path) -> Console:
    """The facilitator's terminal (the editor's file made in ``folder``'s private state folder)."""
    from reflect_cli.session.console import ScriptedConsole
    from reflect_cli.ui.rich_console import RichConsole

    return ScriptedConsole(interactive=False) if no_input else RichConsole(folder)


def _need_a_terminal(command: str) -> None:
    """A live session reads a person's typing: from a pipe its prompts would run
    together and every line would be taken as an answer."""
    from reflect_cli.errors import InputError

    if sys.stdin.isatty():
        return
    if command == "start":
        raise InputError(
            _(
                "standard input is not a terminal: to run a session from a script, "
                "use --answers FILE --no-input"
            )
        )
    raise InputError(
        _(
            "standard input is not a terminal: reflect {command} needs someone "
            "typing; run it in a terminal"
        ).format(command=command)
    )


def _tell(prose: str, command: str) -> None:
    """A closing message on standard error: the prose wrapped at spaces to the terminal's
    width, then the command (or path) alone on its own line, never wrapped by us, so it
    is read and copied whole (a terminal cuts a long line at its edge, but never inside
    a word of ours)."""
    import os
    import textwrap

    try:
        width = os.get_terminal_size(sys.stderr.fileno()).columns
    except (OSError, ValueError):
        width = 80
    lines = textwrap.wrap(
        f"reflect: {prose}",
        max(20, width - 1),
        break_long_words=False,
        break_on_hyphens=False,
        subsequent_indent="  ",
    )
    screen.write("\n".join([*lines, command]))


def _finished(store: Store, session: Session) -> None:
    path = store.path(session.id)
    _tell(
        _("session complete, saved (with {markdown} beside it) as:").format(
            markdown=path.with_suffix(".md").name
        ),
        str(path),
    )
    screen.data(str(path), "\n")


@contextmanager
def _said_when_stopped() -> Iterator[None]:
    """A stopped session (Ctrl-C, Ctrl-D, /pause) ends with how to continue it, the
    command on its own line."""
    from reflect_cli.errors import SessionInterrupted

    try:
        yield
    except SessionInterrupted as stopped:
        _tell(
            _("{reason}. Session saved as a draft; continue with:").format(reason=stopped.reason),
            f"reflect resume {stopped.session_id}",
        )
        raise typer.Exit(stopped.exit_code) from None


def start(
    ctx: typer.Context,
    protocol: Annotated[
        str, typer.Argument(help=N_("Protocol id or YAML file."), show_default=True)
    ] = "partnership-reflection",
    collaborative: Annotated[str, typer.Option(help=N_("The partnership meeting today."))] = "",
    site: Annotated[str, typer.Option(help=N_("Where it meets (a school, a park…)."))] = "",
    facilitator: Annotated[str, typer.Option(help=N_("Who is facilitating."))] = "",
    date: Annotated[str, typer.Option(help=N_("Meeting date, YYYY-MM-DD [default: today]."))] = "",
    participant: Annotated[
        list[str] | None,
        typer.Option(
            "--participant",
            "-p",
            help=N_(
                '"Name | Organization | Role [| handle [| sector]] [| interpreter: WHO]" '
                "(repeatable); handle defaults to the first name; interpreter: the handle or "
                "name of who interprets for them."
            ),
        ),
    ] = None,
    answers: Annotated[
        Path | None,
        typer.Option(
            help=N_("YAML file of metadata, roster, answers, actions, notes."), dir_okay=False
        ),
    ] = None,
    no_input: Annotated[
        bool, typer.Option("--no-input", help=N_("Never prompt; fail naming what is missing."))
    ] = False,
    questions_dir: QuestionsDirs = None,
    lang: Lang = "",
) -> None:
    """Run a reflection session: roster, earlier commitments, each question, review.

    While answering a text question, Enter adds a line and an empty line ends the answer.
    A line starting with a participant's handle and a colon ("monica: ...") credits them.
    Commands at the start of a line: /skip /back /edit /action /note /who /round /pause
    /help. A round (`round:` in the protocol, or /round, /round anonymous) asks each
    present person for their own rating. Every line and rating is saved as it is typed;
    Ctrl-C saves a draft for `reflect resume`. With --lang es the session is asked in
    Spanish (the protocol's translation, the program's own words) and recorded so.
    """
    from reflect_cli.dates import not_far_ahead, parse_date
    from reflect_cli.errors import InputError
    from reflect_cli.protocols import catalog, translations
    from reflect_cli.records.store import Store
    from reflect_cli.session import plan_fit, prefill
    from reflect_cli.session.flow import Facilitator

    if not no_input and answers is None:
        _need_a_terminal("start")

    wanted = language(lang)
    found, warnings = catalog.find(protocol, questions_dir or [])
    warn(warnings)
    asked, untranslated = translations.in_language(found, wanted)
    warn(untranslated)
    plan = prefill.load(answers) if answers else prefill.Plan()
    for key, value in (
        ("collaborative", collaborative),
        ("site", site),
        ("facilitator", facilitator),
    ):
        if value.strip():
            setattr(plan, key, value.strip())
    if date:
        plan.date = parse_date(date, "--date")
    if plan.date:  # the rule records are read by: a record reflect writes must read back
        try:
            not_far_ahead(plan.date)
        except ValueError as exc:
            raise InputError(_("the session's date: {exc}").format(exc=exc)) from None
    prefill.add_participants(plan, participant or [])
    prefill.check_against(plan, found, str(answers or "options"))
    asking = asked if asked is not found else None
    plan_fit.check(plan, found, asking, str(answers or "options"))  # before any draft
    store = Store.at(sessions_dir(ctx))
    with store.live(), like_ctrl_c(), _said_when_stopped():
        session = Facilitator(_console(no_input, store.folder), store, found, plan, asking).start()
    _finished(store, session)


def _protocol_for(session: Session, questions_dirs: list[Path]) -> Protocol:
    from reflect_cli.errors import ProtocolError
    from reflect_cli.protocols import catalog
    from reflect_cli.session.snapshot import snapshot_protocol

    try:
        return catalog.find(session.protocol.id, questions_dirs)[0]
    except ProtocolError:
        return snapshot_protocol(session)


def _asked_protocol(protocol: Protocol, session: Session) -> Protocol | None:
    """The protocol in the session's language, for what the record does not keep (the
    steps before the questions); None when asked as written."""
    from reflect_cli.protocols import translations

    if session.language == protocol.language:
        return None
    asked, _x = translations.in_language(protocol, session.language)
    return asked if asked is not protocol else None


def resume(
    ctx: typer.Context,
    session_id: Annotated[
        str | None,
        typer.Argument(help=N_("Session id or unique prefix [default: the newest draft].")),
    ] = None,
    questions_dir: QuestionsDirs = None,
) -> None:
    """Continue a draft session at its first unanswered question, nothing lost.

    With no id and several drafts, lists them to choose from."""
    from reflect_cli.errors import StoreError
    from reflect_cli.model import SessionStatus
    from reflect_cli.records.holding import RecordBusy
    from reflect_cli.records.store import Store, newest_first
    from reflect_cli.session.flow import Facilitator
    from reflect_cli.session.prefill import Plan

    store = Store.at(sessions_dir(ctx))
    summaries, warnings = store.summaries()
    warn(warnings)
    console = _console(no_input=False, folder=store.folder)
    if session_id is not None:  # '' is refused by resolve, never the newest draft
        chosen = store.resolve(session_id)
        if chosen.status != SessionStatus.DRAFT:
            raise StoreError(_("{id} is already complete; nothing to resume").format(id=chosen.id))
    else:
        drafts = newest_first(s for s in summaries if s.status == SessionStatus.DRAFT)
        if not drafts:
            raise StoreError(
                _("no draft sessions in {folder}; start one with: reflect start").format(
                    folder=store.folder.absolute()
                )
            )
        chosen = drafts[0]
        if len(drafts) > 1:
            _need_a_terminal("resume")
            for number, draft in enumerate(drafts, 1):
                console.say(f"{number}) {_draft_line(draft)}")
            with like_ctrl_c():
                chosen = drafts[_which_draft(console, len(drafts)) - 1]
    path = store.folder / chosen.file
    with store.live():
        try:
            store.hold(path)  # before reading: an edit cannot slip in between
        except RecordBusy:
            raise StoreError(
                _(
                    "{id} is open in another live session (another terminal or "
                    "window): /pause or finish it there, then resume it here"
                ).format(id=chosen.id)
            ) from None
        session = store.load_path(path)  # a damaged draft is named before anything else
        protocol = _protocol_for(session, questions_dir or [])
        language(session.language)  # the program speaks as the session was asked
        asked = _asked_protocol(protocol, session)
        _need_a_terminal("resume")
        with like_ctrl_c(), _said_when_stopped():
            Facilitator(console, store, protocol, Plan(), asked).resume(session)
    _finished(store, session)


def _which_draft(console: Console, count: int) -> int:
    """The number of the draft chosen; asked again when what was typed is not digits."""
    from reflect_cli import numbers
    from reflect_cli.errors import StoreError

    while True:
        choice = console.ask(_("Which draft?"), "1").strip()
        try:
            number = numbers.whole_number(choice)
        except numbers.NotAWholeNumber as exc:
            console.say(_("{exc}: type the number of a draft above.").format(exc=exc), "yellow")
            continue
        if number is None or not 1 <= number <= count:
            raise StoreError(_("no draft numbered {choice!r}").format(choice=choice))
        return number


def _draft_line(draft: Summary) -> str:
    """``2026-11-20  Northgate OST  3/8 answered  (2026-11-20-northgate-ost-3f9c)``."""
    answered = _("{answered}/{questions} answered").format(
        answered=draft.answered, questions=draft.questions
    )
    return f"{draft.date}  {draft.collaborative}  {answered}  ({draft.id})"


def discard(
    ctx: typer.Context,
    session_id: Annotated[str, typer.Argument(help=N_("Session id, unique prefix, or 'last'."))],
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help=N_("Do not ask for a confirmation."))
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help=N_("Discard a complete session too."))
    ] = False,
) -> None:
    """Move a draft session (its record and Markdown) to the sessions folder's .trash/.

    Asks first unless --yes. A complete session is kept unless --force: it may hold
    commitments and people later meetings draw on. Nothing is deleted: move the files
    back from .trash/ to restore a session."""
    from reflect_cli.errors import InputError, StoreError
    from reflect_cli.model import SessionStatus
    from reflect_cli.records.ballots import Ballots
    from reflect_cli.records.holding import RecordBusy
    from reflect_cli.records.store import Store

    store = Store.at(sessions_dir(ctx))
    open_index(store)
    chosen = store.resolve(session_id)
    if chosen.status != SessionStatus.DRAFT and not force:
        raise StoreError(_("{id} is complete; discard it with --force").format(id=chosen.id))
    record = store.folder / chosen.file
    try:
        store.check_free(record)  # not from under a live session
    except RecordBusy:
        raise StoreError(
            _(
                "{id} is open in a live session (reflect start/resume): /pause or "
                "finish it there before discarding it"
            ).format(id=chosen.id)
        ) from None
    if not yes:
        if not sys.stdin.isatty():
            raise InputError(_("standard input is not a terminal: confirm with --yes"))
        if not screen.confirm(
            _("Discard {status} {draft}?").format(
                status=_(chosen.status), draft=_draft_line(chosen)
            )
        ):
            screen.message(_("nothing discarded"))
            return
    moved = store.trash(record)
    Ballots(store.folder, chosen.id).remove_all()  # no round of it stays in the state folder
    screen.message(_("moved {id} to {parent}").format(id=chosen.id, parent=moved.parent))
