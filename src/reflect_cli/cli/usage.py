"""Usage lines that name each argument as people read it: ``check-names [OPTIONS] FILE...``.

Typer 0.28 writes a required argument as ``{files}`` and an optional one as ``[ids]``
(lower case, braces from its own template) on the usage line, in the help's Arguments
list and in "missing argument" errors. Every command is made with `Command`, which gives
each argument a metavar in capitals (a list's in the singular, followed by ``...``) and
draws the usage line itself: ``FILE...`` when required, ``[QUESTION_ID]...`` when not.
"""

from __future__ import annotations

from typing import Any

from typer.core import TyperArgument, TyperCommand


def metavar(name: str, many: bool) -> str:
    """``files`` taking many values is ``FILE...``; ``session_id`` is ``SESSION_ID``."""
    word = name.upper()
    if many and word.endswith("S") and len(word) > 1:
        word = word[:-1]  # one FILE among the FILE... given
    return f"{word}..." if many else word


def _piece(argument: TyperArgument) -> str:
    """An argument on the usage line: brackets only around what may be left out."""
    shown = argument.metavar or metavar(argument.name or "", argument.nargs != 1)
    if argument.required:
        return shown
    word, dots = (shown[:-3], "...") if shown.endswith("...") else (shown, "")
    return f"[{word}]{dots}"


class Command(TyperCommand):
    """A Typer command whose arguments read ``FILE...``, never ``{files}...``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if isinstance(param, TyperArgument) and param.metavar is None:
                # the Arguments list and "missing argument 'FILE...'" read the metavar
                param.metavar = metavar(param.name or "", param.nargs != 1)

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if isinstance(param, TyperArgument):
                pieces.append(_piece(param))
            else:
                pieces.extend(param.get_usage_pieces(ctx))
        return pieces
