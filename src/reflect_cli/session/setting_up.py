"""The first prompts of ``reflect start``: what is being set up, said in one line before
anything is asked, and help at every one of them. A new user must never face a bare
``Collaborative`` prompt with no word of what it wants (``clear`` was typed into it).
"""

from __future__ import annotations

from reflect_cli.model import Protocol
from reflect_cli.session.console import Console

#: Typed at a setup prompt: asking for help, never a name.
_HELP = ("/help", "help", "?", "/?")
#: Words a terminal user types out of habit: a collaborative (or person) so named is
#: confirmed, never taken silently.
_SHELL_WORDS = frozenset(("clear", "cls", "exit", "quit", "q", "ls", "cd", "pwd", "reset"))

SETUP_HELP = (
    ("Collaborative", "the partnership meeting today, named as its sessions name it "
     "(Northgate Elementary OST Collaborative): its people and open commitments come back"),
    ("Date", "the meeting's date, YYYY-MM-DD; Enter for the one shown"),
    ("Site", "where it meets (a school, a park…); Enter for none or the one shown"),
    ("Facilitator", "who is running the meeting (you)"),
    ("Ctrl-C", "stops and keeps what is saved as a draft: reflect resume continues it"),
    ("/help", "during the questions, lists every command"),
)  # fmt: skip


def introduce(console: Console, protocol: Protocol) -> None:
    """One line: what is being set up, and how to get help."""
    console.say(
        f"Setting up a session of “{protocol.title}”: the partnership (collaborative), "
        "date, site, facilitator, then who is here. /help at any prompt; Ctrl-C stops "
        "and keeps a draft.",
        "dim",
    )


def ask(console: Console, label: str, default: str = "", required: bool = False) -> str:
    """One setup answer: ``/help`` (or ``?``) shows what each prompt wants and asks
    again; a shell word (``clear``) is confirmed before it becomes a name; a required
    answer left empty is asked again."""
    while True:
        value = console.ask(label, default).strip()
        if value.lower() in _HELP:
            console.table(["", ""], [list(pair) for pair in SETUP_HELP], title="Setting up")
            continue
        if value.startswith("/"):
            console.say(f"{label}: a name, not a command (/help says what is asked).", "yellow")
            continue
        if value.lower() in _SHELL_WORDS and value != default:
            reply = console.ask(f"{label} {value!r}, really? [y/N]").strip().lower()
            if reply not in ("y", "yes"):
                continue
        if value or not required:
            return value
        console.say(f"{label} is needed (/help says what is asked).", "yellow")
