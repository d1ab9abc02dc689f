"""The `reflect` command: global options, one exit point, and the command areas.

Each command lives in a module by area (protocols, sessions, reading, review, commitments) and
imports what it needs only when it runs, so `reflect --help` stays instant.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.exceptions import TyperException

from reflect_cli import __version__
from reflect_cli.cli import helping
from reflect_cli.errors import ReflectError
from reflect_cli.i18n.messages import N_, _
from reflect_cli.ui import screen

_SESSIONS_DIR = "--sessions-dir"


def _sessions_dir_first(args: list[str]) -> list[str]:
    """``--sessions-dir DIR`` given after the command moved before it, where the group
    reads it: ``reflect start --sessions-dir DIR`` works like ``reflect --sessions-dir DIR
    start``. Nothing after ``--`` is touched."""
    front: list[str] = []
    rest: list[str] = []
    index = 0
    while index < len(args):
        arg = args[index]
        if arg == "--":
            rest += args[index:]
            break
        if arg == _SESSIONS_DIR and index + 1 < len(args):
            front += args[index : index + 2]
            index += 2
            continue
        if arg.startswith(_SESSIONS_DIR + "="):
            front.append(arg)
        else:
            rest.append(arg)
        index += 1
    return front + rest


def _reader_gone() -> None:
    """``reflect show last | head``: the reader stopped reading, which is not a fault.
    No message and status 0, for every command, wherever the pipe closed."""
    screen.reader_gone()
    sys.exit(0)


class _ReflectGroup(helping.Group):
    """Turns our errors into one line on standard error and an exit status."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Click's usage errors print four lines of usage and hint: one line here."""
        given = kwargs.get("args", args[0] if args else None)
        helping.speak_as_asked(list(sys.argv[1:] if given is None else given))
        standalone = kwargs.pop("standalone_mode", True)
        kwargs["standalone_mode"] = False
        if not standalone:
            return super().main(*args, **kwargs)
        try:
            code = super().main(*args, **kwargs)
            screen.flush_data()  # a pipe closed early shows here, not at shutdown
        except BrokenPipeError:
            _reader_gone()
        except TyperException as exc:  # Click's errors (Typer bundles its own Click)
            if type(exc).__name__ == "NoArgsIsHelpError":  # `reflect` alone: the help
                screen.write(exc.format_message())
            elif exc.exit_code == 2:  # a usage error: unknown command or option, bad value
                from reflect_cli.cli.mistakes import usage_line

                screen.write(usage_line(exc))
            else:
                screen.message(exc.format_message())
            sys.exit(exc.exit_code)
        except typer.Abort:
            screen.message(_("aborted"))
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        return super().parse_args(ctx, _sessions_dir_first(list(args)))

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except ReflectError as exc:
            screen.message(str(exc) or type(exc).__name__)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            screen.message(_("interrupted"))
            raise typer.Exit(130) from None
        except BrokenPipeError:
            _reader_gone()
        except OSError as exc:  # a last line of defence: never a traceback for disk trouble
            where = f": {exc.filename}" if exc.filename else ""
            screen.message(f"{exc.strerror or exc}{where}")
            raise typer.Exit(2) from None
        except ImportError as exc:
            if exc.name not in ("sqlite3", "_sqlite3"):
                raise
            screen.message(
                _(
                    "this Python was built without its sqlite3 module, which "
                    "reflect needs to read a sessions folder; install a Python "
                    "that has it"
                )
            )
            raise typer.Exit(2) from None


app = typer.Typer(
    cls=_ReflectGroup,
    help=N_("A guide for facilitated partnership reflection: run a session, review it, share it."),
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        screen.data(f"reflect {__version__}", "\n")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    sessions_dir: Annotated[
        Path | None,
        typer.Option(
            "--sessions-dir",
            help=N_("Folder of session records [env: REFLECT_SESSIONS_DIR; default: ./sessions]."),
            file_okay=False,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version", help=N_("Show the version and exit."), callback=_version, is_eager=True
        ),
    ] = False,
    lang: Annotated[
        str,
        typer.Option(
            "--lang",
            help=N_(
                "Language of every command's words (BCP 47, like es) [default: "
                "REFLECT_LANG, else the locale, else English]."
            ),
            show_default=False,
        ),
    ] = "",
) -> None:
    """Facilitated partnership reflection, from the command line.

    Start with `reflect start` during a meeting; review with `reflect list`, `reflect show`
    and `reflect search`; share with `reflect export`.
    """
    ctx.obj = {"sessions_dir": sessions_dir}
    if lang:
        from reflect_cli.cli.options import choose_language

        choose_language(lang)


def _register() -> None:
    """Every command, named here in one place: the modules only define functions."""
    from reflect_cli.cli import (
        checking,
        coding,
        coding_refi,
        coding_report,
        coding_run,
        commitments,
        editing,
        protocols,
        reading,
        review,
        sessions,
        snapshot,
        trends,
    )

    def add(to: typer.Typer, name: str, function: Any) -> None:
        to.command(name, cls=helping.Command)(function)

    add(app, "start", sessions.start)
    add(app, "resume", sessions.resume)
    add(app, "discard", sessions.discard)
    add(app, "list", reading.list_sessions)
    add(app, "show", reading.show)
    add(app, "search", reading.search)
    add(app, "trends", trends.trends)
    add(app, "snapshot", snapshot.snapshot)
    add(app, "export", review.export)
    add(app, "edit", editing.edit)
    add(app, "commitments", commitments.commitments)
    add(app, "check-names", checking.check_names)
    group = typer.Typer(
        cls=helping.Group,
        help=N_("List, show and validate reflection protocols; print a handout; translate one."),
        no_args_is_help=True,
        rich_markup_mode=None,
    )
    add(group, "list", protocols.list_protocols)
    add(group, "show", protocols.show_protocol)
    add(group, "validate", protocols.validate)
    add(group, "handout", protocols.handout)
    add(group, "translate", protocols.translate)
    app.add_typer(group, name="protocols")
    add(app, "code", coding_run.code)
    codes = typer.Typer(
        cls=helping.Group,
        help=N_("The codebook: codes to tag what people said (codebook.yaml in the folder)."),
        no_args_is_help=True,
        rich_markup_mode=None,
    )
    add(codes, "list", coding.list_codes)
    add(codes, "show", coding.show_code)
    add(codes, "add", coding.add_code)
    add(codes, "validate", coding.validate_codes)
    add(codes, "init", coding.init_codes)
    add(codes, "report", coding_report.report)
    add(codes, "export", coding_refi.export_codes)
    add(codes, "import", coding_refi.import_codes)
    app.add_typer(codes, name="codes")


_register()


def main() -> None:
    """Entry point of the `reflect` console script."""
    app(args=_typed_arguments(sys.argv[1:]), prog_name="reflect")


def _typed_arguments(arguments: list[str]) -> list[str]:
    """The command line as text a record can keep: bytes that are not UTF-8 (a Latin-1
    ``é`` typed under ``LANG=C``) kept as escapes, said once."""
    from reflect_cli import typed_text
    from reflect_cli.cli.options import warn

    decoded = [typed_text.from_terminal(argument) for argument in arguments]
    bad = sum(d.undecodable for d in decoded)
    if bad:
        # Where the first such byte is, counted along the arguments as typed.
        kept = " ".join(d.text for d in decoded)
        before = next(i for i, d in enumerate(decoded) if d.first is not None)
        first = sum(len(d.text) + 1 for d in decoded[:before]) + (decoded[before].first or 0)
        warning = typed_text.Decoded(kept, bad, first, within=N_(" of the command line")).warning
        warn([warning])
    return [d.text for d in decoded]
