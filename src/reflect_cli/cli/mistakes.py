"""A mistake on the command line (a mistyped command or option, a missing or bad value)
said in one line, in our words and the reader's language.

Typer's Click words these mistakes in English, in its own sentences: each kind is
recognised here by the exception Click raises and what it holds, and said again. A
problem with a value that Click words and this module does not know (a rare kind of
value) keeps Click's own sentence after our translated start.
"""

from __future__ import annotations

import re
from typing import Any

from reflect_cli.cli.helping import placeholder
from reflect_cli.controls import visible
from reflect_cli.i18n.messages import _

#: Click's sentences for the mistakes it finds itself, as it writes them.
_NO_COMMAND = re.compile(r"No such command '(?P<name>.*)'\.(?: Did you mean (?P<near>.*)\?)?")
_EXTRA = re.compile(r"Got unexpected extra argument(?:s|\(s\))? \((?P<extra>.*)\)")
_NEEDS_VALUE = re.compile(r"Option '(?P<option>.*)' requires (?:an argument|\d+ arguments)\.")
_NO_VALUE = re.compile(r"Option '(?P<option>.*)' does not take a value\.")
_NOT_NUMBER = re.compile(r"(?P<value>'.*') is not a valid (?:integer|int|float)\.")
_NOT_IN_RANGE = re.compile(r"(?P<value>.+) is not in the range (?P<range>.+)\.")


def _value_problem(said: str) -> str:
    """What is wrong with a value, from Click's sentence."""
    if found := _NOT_NUMBER.fullmatch(said):
        return _("{value} is not a number").format(value=found["value"])
    if found := _NOT_IN_RANGE.fullmatch(said):
        return _("{value} is not in the range {range}").format(
            value=found["value"], range=found["range"]
        )
    return said[:1].lower() + said[1:].rstrip(".")


def _hint(exc: Any) -> str:
    """The option or argument a mistake is about, as the reader types or reads it."""
    param = getattr(exc, "param", None)
    if param is None:
        return ""
    if param.param_type_name == "argument":
        return placeholder(param.human_readable_name)
    return " / ".join(param.opts)


def _said(exc: Any) -> str:
    """The mistake in our words (without the program's name or the hint at the end)."""
    kind = type(exc).__name__
    if kind == "NoSuchOption":
        said = _("no such option: {option}").format(option=visible(exc.option_name))
        if exc.possibilities:
            near = ", ".join(sorted(exc.possibilities))
            said += _(" (did you mean {near}?)").format(near=near)
        return str(said)
    if kind == "MissingParameter" and _hint(exc):
        if exc.param.param_type_name == "argument":
            return _("missing argument '{argument}'").format(argument=_hint(exc))
        return _("missing option '{option}'").format(option=_hint(exc))
    if kind == "BadParameter" and _hint(exc):
        return _("invalid value for {name}: {problem}").format(
            name=_hint(exc), problem=_value_problem(exc.message)
        )
    message = " ".join(str(exc.message).split())
    if found := _NO_COMMAND.fullmatch(message):
        said = _("no such command '{name}'").format(name=visible(found["name"]))
        if found["near"]:
            said += _(": did you mean {near}?").format(near=found["near"].replace("'", ""))
        return str(said)
    if found := _EXTRA.fullmatch(message):
        return _("unexpected extra arguments: {extra}").format(extra=visible(found["extra"]))
    if found := _NEEDS_VALUE.fullmatch(message):
        return _("option {option} needs a value").format(option=found["option"])
    if found := _NO_VALUE.fullmatch(message):
        return _("option {option} takes no value").format(option=found["option"])
    if message == "Missing command.":
        return _("missing command")
    said = " ".join(exc.format_message().split())
    return said[:1].lower() + said[1:]


def usage_line(exc: Any) -> str:
    """A usage mistake in one line: ``no such command 'strat': did you mean start?``,
    then where to read more."""
    ctx = getattr(exc, "ctx", None)
    path = str(getattr(ctx, "command_path", "")).split()[1:]  # the program as reflect
    command = " ".join(["reflect", *path])
    return _("reflect: {mistake} ({command} --help for more)").format(
        mistake=_said(exc), command=command
    )
