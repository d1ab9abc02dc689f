"""The command as a whole: version, help for every command, the one exit point."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer
from hypothesis import given
from hypothesis import strategies as st

from reflect_cli import __version__
from reflect_cli.cli.app import app


def _command_paths(group: Any, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    paths = []
    for name, command in group.commands.items():
        paths.append((*prefix, name))
        if hasattr(command, "commands"):
            paths.extend(_command_paths(command, (*prefix, name)))
    return paths


def test_version(cli: Any) -> None:
    result = cli("--version")
    assert result.exit_code == 0 and result.stdout.strip() == f"reflect {__version__}"


def test_every_command_has_help(cli: Any) -> None:
    root = typer.main.get_command(app)
    paths = _command_paths(root)
    assert ("protocols", "validate") in paths
    for path in paths:
        result = cli(*path, "--help")
        assert result.exit_code == 0, path
        command = root
        for name in path:
            command = command.commands[name]  # type: ignore[attr-defined]
        assert command.help and len(command.help.strip()) > 20, f"{path} has no docstring"
        assert "Usage:" in result.stdout


def test_no_help_or_usage_line_shows_template_residue(cli: Any) -> None:
    """Typer 0.28 writes a required argument as ``{files}``: every command's usage line,
    its Arguments list and its one-line usage mistakes name arguments as ``FILE...``."""
    root = typer.main.get_command(app)
    paths = [(), *_command_paths(root)]
    for path in paths:
        shown = cli(*path, "--help").stdout
        assert "{" not in shown and "}" not in shown, (path, shown)
        command = root
        for name in path:
            command = command.commands[name]  # type: ignore[attr-defined]
        required = any(p.required and not p.opts[0].startswith("-") for p in command.params)
        # a missing argument only where one is required: `start` alone starts a meeting
        for mistake in (["--bogus"], *([[]] if required else [])):
            line = cli(*path, *mistake).stderr
            assert "{" not in line and "}" not in line, (path, mistake, line)
    usage = cli("check-names", "--help").stdout.splitlines()[0]
    assert usage.endswith(" check-names [OPTIONS] FILE...")
    assert (
        cli("trends", "--help")
        .stdout.splitlines()[0]
        .endswith(" trends [OPTIONS] [QUESTION_ID]...")
    )
    missing = cli("check-names").stderr
    assert missing.startswith("reflect: missing argument 'FILE...' (")


def test_python_dash_m_runs() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "reflect_cli", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0 and __version__ in done.stdout


def _modules_after(args: list[str], env: dict[str, str] | None = None) -> set[str]:
    code = (
        "import sys\n"
        "from reflect_cli.cli.app import main\n"
        f"sys.argv = ['reflect', *{args!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    return set(done.stderr.strip().splitlines()[-1].split())


def test_start_up_imports_neither_yaml_nor_rich() -> None:
    for args in (["--version"], ["--help"], ["start", "--help"]):
        loaded = _modules_after(args)
        assert "yaml" not in loaded and "rich" not in loaded, args


def test_warm_list_does_not_parse_yaml(sessions: dict[str, str], sessions_dir: Any) -> None:
    import os

    env = {**os.environ, "REFLECT_SESSIONS_DIR": str(sessions_dir)}
    for path in sessions_dir.glob("*.yaml"):  # older than the cache's settle window
        stat = path.stat()
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns - 60 * 10**9))
    _modules_after(["list", "--json"], env)  # builds the index
    loaded = _modules_after(["list", "--json"], env)
    assert "yaml" not in loaded
    # Nor the record codec and the kinds behind it: a warm list reads only index rows.
    assert "reflect_cli.records.codec" not in loaded and "secrets" not in loaded


def test_sessions_dir_after_the_command_and_absolute_folder_in_messages(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("REFLECT_SESSIONS_DIR")
    (tmp_path / "elsewhere").mkdir()
    for args in (
        ["list", "--sessions-dir", "elsewhere"],
        ["list", "--sessions-dir=elsewhere"],
        ["--sessions-dir", "elsewhere", "list"],
    ):
        result = cli(*args)
        assert result.exit_code == 0, result.stderr
        assert f"no sessions in {tmp_path / 'elsewhere'};" in result.stderr
    result = cli("show", "last", "--sessions-dir", "elsewhere")
    assert result.exit_code == 2 and str(tmp_path / "elsewhere") in result.stderr


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["strat"], "reflect: no such command 'strat': did you mean start? (reflect --help"),
        (["protocols", "shwo"], "reflect: no such command 'shwo': did you mean show?"),
        (["start", "--bogus"], "reflect: no such option: --bogus (reflect start --help"),
    ],
)
def test_a_usage_mistake_is_one_line_with_the_closest(cli: Any, args: list[str], line: str) -> None:
    result = cli(*args)
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith(line), result.stderr


_WORDS = st.text(alphabet="abc-=/ .", min_size=1, max_size=6).filter(
    lambda w: not w.startswith("--sessions-dir") and w != "--"
)


@given(
    before=st.lists(_WORDS, max_size=4),
    after=st.lists(_WORDS, max_size=4),
    folder=_WORDS,
    joined=st.booleans(),
)
def test_sessions_dir_moves_to_the_front_and_nothing_else_moves(
    before: list[str], after: list[str], folder: str, joined: bool
) -> None:
    from reflect_cli.cli.app import _sessions_dir_first

    option = [f"--sessions-dir={folder}"] if joined else ["--sessions-dir", folder]
    assert _sessions_dir_first([*before, *after]) == [*before, *after]
    assert _sessions_dir_first([*before, *option, *after]) == [*option, *before, *after]
    # after "--" everything is an argument, even a look-alike
    tail = ["--", *option]
    assert _sessions_dir_first([*before, *tail]) == [*before, *tail]


def test_a_python_without_sqlite3_gets_one_line(
    sessions: dict[str, str], sessions_dir: Any
) -> None:
    import os
    import subprocess
    import sys

    code = (
        "import sys; sys.modules['sqlite3'] = None; sys.modules['_sqlite3'] = None; "
        "from reflect_cli.cli.app import main; sys.argv = ['reflect', 'list']; main()"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "REFLECT_SESSIONS_DIR": str(sessions_dir)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1 and "sqlite3" in done.stderr


def test_a_byte_not_utf8_on_the_command_line_is_named_where_it_is(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``reflect search caf\\xe9`` typed under LANG=C: the argument keeps the byte as an
    escape, and the warning names the byte and its character along the command line."""
    from reflect_cli.cli.app import _typed_arguments

    typed = ["search", "ok", "caf\udce9", "cr\udce8me"]  # as Python reads argv under LANG=C
    assert _typed_arguments(typed) == ["search", "ok", "caf\\xe9", "cr\\xe8me"]
    warned = " ".join(capsys.readouterr().err.split())
    assert "2 bytes typed here were not UTF-8" in warned
    assert "byte 0xE9 at character 14 of the command line kept as \\xe9" in warned
