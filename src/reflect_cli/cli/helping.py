"""`--help` and Click's usage mistakes in the reader's language.

Typer's Click writes its own words in English and builds help from the texts it was
given. Here every text of a help screen is looked up in our catalog when it is drawn:
a command's docstring (extracted for the catalog by `help_catalog.extract`), each
option's help (marked ``N_`` where it is written), Click's own words and the
placeholders of values (the tables below). The language is decided before Click reads
the command line (`speak_as_asked`): `--help` is answered while it reads, before any
command has read its own `--lang`.
"""

from __future__ import annotations

import contextlib
import inspect
import re
from typing import Any

from typer._click.exceptions import UsageError
from typer._click.formatting import HelpFormatter
from typer._click.utils import make_default_short_help
from typer.core import TyperGroup

from reflect_cli.cli import usage
from reflect_cli.i18n import messages
from reflect_cli.i18n.messages import N_, _

#: The help Click and Typer give their own options, as they write it (so the catalog
#: has it: a help text is looked up by its English).
THEIR_HELP = (
    N_("Show this message and exit."),
    N_("Install completion for the current shell."),
    N_("Show completion for the current shell, to copy it or customize the installation."),
)
#: What stands for a value in help and usage, as Click writes it: the kinds of value,
#: our own placeholders, and every argument's name. Anything else is shown as it is.
PLACEHOLDERS = frozenset(
    {
        N_("<str>"),
        N_("<int>"),
        N_("<int range>"),
        N_("<directory>"),
        N_("<file>"),
        N_("<path>"),
        N_("N"),
        N_("FILE"),
        N_("WORD"),
        N_("SESSION:QUESTION"),
        N_("[OPTIONS]"),
        N_("COMMAND [ARGS]..."),
        N_("PROTOCOL"),
        N_("SESSION_ID"),
        N_("ID"),
        N_("TEXT"),
        N_("QUESTION_ID"),
        N_("CODE"),
        N_("CODE_ID"),
    }
)
_NAME = re.compile(r"[\w:]+")
#: What Typer adds after an option's help: ``  [default: x; required]``.
_EXTRAS = re.compile(r"\s*\[(?P<inner>[^\[\]]*)\]$")


def speak_as_asked(args: list[str]) -> None:
    """The language of this run, decided before Click reads the command line: the last
    ``--lang`` before ``--`` (the command's, else the program's; the first of a list like
    ``en,es``), else ``REFLECT_LANG`` or the locale as every command decides. A value
    that is not a language tag is left for the command to refuse in its own words."""
    messages.forget()
    asked = ""
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(args):
            asked = args[index + 1]
        elif arg.startswith("--lang="):
            asked = arg.removeprefix("--lang=")
    first = asked.split(",")[0].strip()
    if first:
        with contextlib.suppress(ValueError):  # the command says what is wrong with it
            messages.use(messages.wanted(first))


def placeholder(shown: str) -> str:
    """A value's placeholder (``<str>``, ``[SESSION_ID]``, ``FILE...``) in the reader's
    language: each name in it that the table knows, translated."""
    if shown in PLACEHOLDERS:
        return _(shown)

    def one(match: re.Match[str]) -> str:
        return _(match.group()) if match.group() in PLACEHOLDERS else match.group()

    return _NAME.sub(one, shown)


def _extras(said: str) -> str:
    """Typer's ``[default: x; required]`` in the reader's language."""
    found = _EXTRAS.fullmatch(said)
    if not found:
        return said
    parts = []
    for part in found.group("inner").split("; "):
        if part == "required":
            parts.append(_("required"))
        elif part.startswith("default: "):
            parts.append(_("default: {value}").format(value=part.removeprefix("default: ")))
        elif part.startswith("env var: "):
            parts.append(_("environment: {name}").format(name=part.removeprefix("env var: ")))
        else:
            parts.append(part)
    return said[: found.start("inner") - 1] + "[" + "; ".join(parts) + "]"


def _row(param: Any, ctx: Any) -> tuple[str, str] | None:
    """One line of the options or arguments list, in the reader's language."""
    record = param.get_help_record(ctx)
    if record is None:
        return None
    names, said = record
    own = param.help or ""
    if said.startswith(own):
        said = (_(own) if own else "") + _extras(said[len(own) :])
    if param.param_type_name == "argument":
        return placeholder(names), said
    if not (getattr(param, "is_flag", False) or getattr(param, "count", False)):
        metavar = param.make_metavar(ctx=ctx)
        names = names.replace(" " + metavar, " " + placeholder(metavar))
    return names, said


def _options(command: Any, ctx: Any, formatter: HelpFormatter) -> None:
    arguments: list[tuple[str, str]] = []
    options: list[tuple[str, str]] = []
    for param in command.get_params(ctx):
        row = _row(param, ctx)
        if row is not None:
            (arguments if param.param_type_name == "argument" else options).append(row)
    if arguments:
        with formatter.section(_("Arguments")):
            formatter.write_dl(arguments)
    if options:
        with formatter.section(_("Options")):
            formatter.write_dl(options)


def _help_text(command: Any, formatter: HelpFormatter) -> None:
    """The command's docstring (or help), in the reader's language."""
    if not command.help:
        return
    text = _(inspect.cleandoc(command.help)).partition("\f")[0]
    formatter.write_paragraph()
    with formatter.indentation():
        formatter.write_text(text)


def _short_help(command: Any, limit: int) -> str:
    """The first sentence of the help, in the reader's language (the command list)."""
    if command.short_help:
        return str(_(inspect.cleandoc(command.short_help))).strip()
    if command.help:
        return make_default_short_help(_(inspect.cleandoc(command.help)), limit).strip()
    return ""


def _usage(command: Any, ctx: Any, formatter: HelpFormatter) -> None:
    pieces = [placeholder(piece) for piece in command.collect_usage_pieces(ctx)]
    formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=_("Usage: "))


class Command(usage.Command):
    """A command whose help speaks the reader's language (its arguments named as
    `usage.Command` names them: ``FILE...``)."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """A mistake Click finds in an option's value knows no command: this one, so the
        line says which command's ``--help`` to read."""
        try:
            return list(super().parse_args(ctx, args))
        except UsageError as exc:
            if exc.ctx is None:
                exc.ctx = ctx
            raise

    def format_usage(self, ctx: Any, formatter: HelpFormatter) -> None:
        _usage(self, ctx, formatter)

    def format_help_text(self, ctx: Any, formatter: HelpFormatter) -> None:
        _help_text(self, formatter)

    def format_options(self, ctx: Any, formatter: HelpFormatter) -> None:
        _options(self, ctx, formatter)

    def get_short_help_str(self, limit: int = 45) -> str:
        return _short_help(self, limit)


class Group(TyperGroup):
    """A group of commands whose help, and list of commands, speak the reader's language."""

    def format_usage(self, ctx: Any, formatter: HelpFormatter) -> None:
        _usage(self, ctx, formatter)

    def format_help_text(self, ctx: Any, formatter: HelpFormatter) -> None:
        _help_text(self, formatter)

    def format_options(self, ctx: Any, formatter: HelpFormatter) -> None:
        _options(self, ctx, formatter)
        self.format_commands(ctx, formatter)

    def get_short_help_str(self, limit: int = 45) -> str:
        return _short_help(self, limit)

    def format_commands(self, ctx: Any, formatter: HelpFormatter) -> None:
        shown = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                shown.append((name, command))
        if not shown:
            return
        limit = formatter.width - 6 - max(len(name) for name, _command in shown)
        with formatter.section(_("Commands")):
            formatter.write_dl([(name, c.get_short_help_str(limit)) for name, c in shown])
