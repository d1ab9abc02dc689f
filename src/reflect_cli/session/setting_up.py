"""The first prompts of ``reflect start``: what is being set up, said in one line before
anything is asked, and help at every one of them. A new user must never face a bare
``Collaborative`` prompt with no word of what it wants (``clear`` was typed into it).
"""

from __future__ import annotations

from reflect_cli.i18n.messages import N_, _
from reflect_cli.kinds import yes_or_no
from reflect_cli.model import Protocol
from reflect_cli.session.console import Console

#: Typed at a setup prompt: asking for help, never a name.
_HELP = ("/help", "help", "?", "/?")
#: Words a terminal user types out of habit: a collaborative (or person) so named is
#: confirmed, never taken silently.
_SHELL_WORDS = frozenset(("clear", "cls", "exit", "quit", "q", "ls", "cd", "pwd", "reset"))

SETUP_HELP = (  # translated where shown
    (N_("Collaborative"), N_("the partnership meeting today, named as its sessions name it "
     "(Northgate Elementary OST Collaborative): its people and open commitments come back")),
    (N_("Date"), N_("the meeting's date, YYYY-MM-DD; Enter for the one shown")),
    (N_("Site"), N_("where it meets (a school, a park…); Enter for none or the one shown")),
    (N_("Facilitator"), N_("who is running the meeting (you)")),
    ("Ctrl-C", N_("stops and keeps what is saved as a draft: reflect resume continues it")),
    ("/help", N_("during the questions, lists every command")),
)  # fmt: skip


def introduce(console: Console, protocol: Protocol) -> None:
    """One line: what is being set up, and how to get help."""
    console.say(
        _(
            "Setting up a session of “{title}”: the partnership (collaborative), date, "
            "site, facilitator, then who is here. /help at any prompt; Ctrl-C stops and "
            "keeps a draft."
        ).format(title=protocol.title),
        "dim",
    )


def ask(console: Console, label: str, default: str = "", required: bool = False) -> str:
    """One setup answer: ``/help`` (or ``?``) shows what each prompt wants and asks
    again; a shell word (``clear``) is confirmed before it becomes a name; a required
    answer left empty is asked again."""
    while True:
        value = console.ask(label, default).strip()
        if value.lower() in _HELP:
            rows = [[_(what), _(meaning)] for what, meaning in SETUP_HELP]
            console.table(["", ""], rows, title=_("Setting up"))
            continue
        if value.startswith("/"):
            console.say(
                _("{what}: a name, not a command (/help says what is asked).").format(what=label),
                "yellow",
            )
            continue
        if value.lower() in _SHELL_WORDS and value != default:
            reply = console.ask(
                _("{what} {typed}, really? [y/N]").format(what=label, typed=repr(value))
            )
            if not yes_or_no(reply):
                continue
        if value or not required:
            return value
        console.say(_("{what} is needed (/help says what is asked).").format(what=label), "yellow")
