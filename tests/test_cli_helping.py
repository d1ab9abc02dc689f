"""`--help` and the usage mistakes in the reader's language (cli/helping.py, cli/usage.py):
every command's help in Spanish holds no English sentence of ours, whichever way Spanish
was asked for (the program's --lang, the command's, REFLECT_LANG, the locale)."""

from __future__ import annotations

import inspect
import os
import re
import subprocess
import sys
from typing import Any

import pytest
import typer

from reflect_cli.cli import help_catalog
from reflect_cli.cli.app import app
from reflect_cli.cli.helping import PLACEHOLDERS, THEIR_HELP
from reflect_cli.i18n import messages

#: Words of English prose that no Spanish help says (options, ids and values aside).
_ENGLISH = {"the", "and", "with", "this", "from", "when", "every", "which", "its", "your"}
_PROSE = re.compile(r"(?<![\w$./`'-])[^\W\d_]+(?![\w/`'-])")


def _paths(group: Any, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = [prefix]
    for name, command in group.commands.items():
        if hasattr(command, "commands"):
            found.extend(_paths(command, (*prefix, name)))
        else:
            found.append((*prefix, name))
    return found


PATHS = _paths(typer.main.get_command(app))


def _command(path: tuple[str, ...]) -> Any:
    command: Any = typer.main.get_command(app)
    for name in path:
        command = command.commands[name]
    return command


def _texts(path: tuple[str, ...]) -> list[str]:
    """The English texts of ours a command's help shows: its help, each option's."""
    command = _command(path)
    texts = [inspect.cleandoc(command.help)] if command.help else []
    return texts + [p.help for p in command.params if getattr(p, "help", None)]


def _flat(text: str) -> str:
    return " ".join(text.split())


def _english_in(shown: str) -> list[str]:
    return sorted({w for w in _PROSE.findall(shown) if w.lower() in _ENGLISH})


@pytest.mark.parametrize("path", PATHS, ids=lambda p: " ".join(p) or "reflect")
def test_every_help_in_spanish_holds_no_english_sentence_of_ours(
    cli: Any, path: tuple[str, ...]
) -> None:
    result = cli("--lang", "es", *path, "--help")
    assert result.exit_code == 0, result.stderr
    shown = _flat(result.stdout)
    assert shown.startswith("Uso: "), shown[:80]
    for english in ("Usage:", "Options:", "Arguments:", "Commands:", "Show this message"):
        assert english not in shown
    assert not _english_in(result.stdout), (path, _english_in(result.stdout))
    with messages.speaking("es"):
        for text in _texts(path):
            spanish = messages._(text)
            assert spanish != text, f"not translated: {text!r}"
            # The start of each text (the command list shortens its first sentence).
            assert _flat(spanish)[:40] in shown or not path, spanish
            if _flat(text)[:40] != _flat(spanish)[:40]:
                assert _flat(text)[:40] not in shown, text


def test_no_word_only_english_messages_use_shows_in_any_spanish_help(cli: Any) -> None:
    """Every word of the Spanish help screens, but what is typed (option and command names,
    ids with hyphens), is a word the Spanish catalog uses or no English message has: the
    catalog's English-only words (as the Spanish meeting's pty test reads them) never."""
    from test_session_spanish_tty import _english_only_words

    english = _english_only_words()
    typed = {name for path in PATHS for name in path} | {"root"}  # CliRunner's program
    found: dict[str, set[str]] = {}
    for path in PATHS:
        shown = cli("--lang", "es", *path, "--help").stdout
        shown = re.sub(r"-\n\s*", "-", shown)  # an id wrapped at its hyphen
        shown = re.sub(r"\S*[\w`]-[\w-]\S*|--\S+", " ", shown)  # options, ids: typed
        for word in re.findall(r"[^\W\d_]{4,}", shown):
            if word.lower() in english and word not in typed:
                found.setdefault(word, set()).add(" ".join(path) or "reflect")
    assert not found, found


@pytest.mark.parametrize(
    "how",
    [
        {"args": ["--lang", "es", "start", "--help"]},
        {"args": ["start", "--lang", "es", "--help"]},
        {"args": ["start", "--lang=es-MX", "--help"]},
        {"args": ["start", "--help"], "env": {"REFLECT_LANG": "es"}},
        {"args": ["start", "--help"], "env": {"REFLECT_LANG": "", "LANG": "es_ES.UTF-8"}},
        {"args": ["start", "--help"], "env": {"REFLECT_LANG": "", "LC_ALL": "es_MX.UTF-8"}},
    ],
)
def test_spanish_asked_any_way_gives_spanish_help(
    cli: Any, monkeypatch: pytest.MonkeyPatch, how: dict[str, Any]
) -> None:
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    for variable, value in how.get("env", {}).items():
        monkeypatch.setenv(variable, value)
    result = cli(*how["args"])
    assert result.exit_code == 0
    assert "Opciones:" in result.stdout and "La alianza que se reúne hoy." in result.stdout
    assert "[OPCIONES] [PROTOCOLO]" in result.stdout and "<texto>" in result.stdout


def test_english_help_is_as_before(cli: Any) -> None:
    result = cli("start", "--help")
    assert result.stdout.startswith("Usage: ") and "start [OPTIONS] [PROTOCOL]" in result.stdout
    assert "Options:" in result.stdout and "Show this message and exit." in result.stdout
    assert "--collaborative <str>" in result.stdout


def test_a_bad_language_for_the_help_leaves_the_refusal_to_the_command(cli: Any) -> None:
    result = cli("--lang", "spanish", "list")
    assert result.exit_code == 2
    assert result.stderr.startswith("reflect: --lang: 'spanish' is not a BCP 47")
    assert cli("start", "--lang", "spanish", "--help").exit_code == 0  # English help


def test_the_program_s_lang_is_every_command_s_language(cli: Any, sessions: Any) -> None:
    result = cli("--lang", "es", "list", "--json=1")
    assert result.stderr.startswith("reflect: la opción --json no acepta valor")
    result = cli("--lang", "es", "commitments", "--owner", "nadie-aqui")
    assert result.exit_code == 0
    assert "Who" not in result.stdout + result.stderr


def test_the_real_program_speaks_the_locale_s_language() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES")}
    env.update(REFLECT_LANG="", LANG="es_ES.UTF-8")
    done = subprocess.run(
        [sys.executable, "-m", "reflect_cli", "--help"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0 and done.stdout.startswith("Uso: reflect [OPCIONES] ORDEN")
    assert "Órdenes:" in done.stdout and "Dirige una sesión de reflexión" in done.stdout


@pytest.mark.parametrize(
    ("args", "english", "spanish"),
    [
        (
            ["strat"],
            "no such command 'strat': did you mean start?",
            "no existe la orden 'strat': ¿quiso decir start?",
        ),
        (
            ["start", "--bogus"],
            "no such option: --bogus (reflect start --help for more)",
            "no existe la opción: --bogus (reflect start --help para más)",
        ),
        (
            ["list", "-n", "x"],
            "invalid value for -n: 'x' is not a number",
            "valor no válido para -n: 'x' no es un número",
        ),
        (["discard"], "missing argument 'SESSION_ID'", "falta el argumento 'ID_SESIÓN'"),
        (["protocols", "translate", "x"], "missing option '--lang'", "falta la opción '--lang'"),
        (
            ["export", "--format"],
            "option --format needs a value (reflect export",
            "la opción --format necesita un valor (reflect export",
        ),
        (["list", "--json=1"], "option --json takes no value", "la opción --json no acepta valor"),
        (["edit", "a", "b"], "unexpected extra arguments: b", "argumentos de más inesperados: b"),
        (
            ["codes", "report", "--excerpts", "-1"],
            "-1 is not in the range x>=0",
            "-1 no está en el intervalo x>=0",
        ),
    ],
)
def test_a_usage_mistake_is_one_line_in_our_words_and_the_reader_s_language(
    cli: Any, args: list[str], english: str, spanish: str
) -> None:
    said = cli(*args)
    assert said.exit_code == 2 and len(said.stderr.splitlines()) == 1
    assert said.stderr.startswith("reflect: ") and english in said.stderr, said.stderr
    dicho = cli("--lang", "es", *args)
    assert dicho.exit_code == 2 and len(dicho.stderr.splitlines()) == 1
    assert spanish in dicho.stderr and "--help para más)" in dicho.stderr, dicho.stderr


def test_every_placeholder_shown_is_in_the_table() -> None:
    """A new argument or kind of value shows its English name until it is in the table."""
    import typer._click as click

    shown: set[str] = set()
    for path in PATHS:
        command = _command(path)
        ctx = click.Context(command, info_name="reflect")
        for param in command.get_params(ctx):
            if param.param_type_name == "argument" or not (param.is_flag or param.count):
                shown.add(param.make_metavar(ctx).removesuffix("..."))
    assert shown <= PLACEHOLDERS, shown - PLACEHOLDERS


def test_every_command_s_docstring_reaches_the_catalog() -> None:
    """The extractor (babel.cfg) finds every command's docstring, where it is defined."""
    from babel.messages.extract import extract_from_dir
    from babel.messages.frontend import parse_mapping_cfg

    root = help_catalog.Path(__file__).resolve().parents[1]
    with (root / "babel.cfg").open() as stream:
        method_map, options_map = parse_mapping_cfg(stream)
    found = {
        message
        for _f, _l, message, _c, _x in extract_from_dir(
            str(root / "src" / "reflect_cli" / "cli"),
            method_map=[(pattern.removeprefix("cli/"), m) for pattern, m in method_map],
            options_map=options_map,
            keywords={"_": None, "N_": None},
        )
    }
    docstrings = {inspect.getdoc(function) for function in help_catalog.commands()}
    assert len(docstrings) > 25 and docstrings <= found
    assert set(THEIR_HELP) <= found
