"""The one path to the terminal (ui/screen.py): no module writes to a terminal any other
way, and whatever a sessions folder holds (file and folder names, record ids,
collaboratives, answers) reaches the terminal with no control character raw and no
markup read."""

from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reflect_cli.ui import screen

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "reflect_cli"
THE_ONE_PATH = PACKAGE / "ui" / "screen.py"

#: What a terminal acts on: C0 but newline and tab, DEL, C1, line separators, bidi.
RAW = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
#: Rich's own styling, when it draws for a terminal.
SGR = re.compile(r"\x1b\[[0-9;]*m")

#: Hostile pieces: window title, clear screen, OSC 52 clipboard, C1 CSI, a bell, an RTL
#: override, and Rich markup that crashes (a closing tag alone) or hides text.
EVIL = [
    "\x1b]0;HACKED\x07",
    "\x1b[2J\x1b[H",
    "\x1b]52;c;Y3VybCBldmlsfHNo\x07",
    "\x9b31m",
    "\x07",
    "\u202e",
    "x[/bold]y",
    "Sessions [archive]",
    "[link=http://evil]x[/link]",
    ":smile:",
    "\r",
]
hostile = st.lists(
    st.one_of(st.sampled_from(EVIL), st.text(min_size=1, max_size=6)), min_size=1, max_size=5
).map("".join)


# -- no other way out ------------------------------------------------------------------

#: Calls that write to a terminal or read from it, by their dotted name.
_FORBIDDEN_CALLS = {
    "print",
    "input",
    "breakpoint",
    "getpass",
    "getpass.getpass",
    "typer.echo",
    "typer.secho",
    "typer.prompt",
    "typer.confirm",
    "click.echo",
    "click.secho",
    "click.prompt",
    "click.confirm",
    "rich.print",
    "Console",
    "rich.console.Console",
}
_STREAMS = {"stdout", "stderr", "__stdout__", "__stderr__"}
#: What may be asked of a standard stream outside the one path: nothing is written.
_ASKING = {"isatty", "fileno", "encoding"}


def _dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    return ""


def offences(source: str) -> list[str]:
    """Each way ``source`` could write to (or read from) a terminal without the one path."""
    tree = ast.parse(source)
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _dotted(node.func) in _FORBIDDEN_CALLS:
            found.append(f"line {getattr(node, 'lineno', 0)}: {_dotted(node.func)}()")
        if isinstance(node, ast.Call) and _dotted(node.func) == "os.write":
            fd = node.args[0] if node.args else None  # a file's descriptor is no terminal
            if isinstance(fd, ast.Constant) and fd.value in (1, 2):
                found.append(f"line {getattr(node, 'lineno', 0)}: os.write() to a standard stream")
        if isinstance(node, ast.ImportFrom) and node.module in ("rich.prompt", "getpass"):
            found.append(f"line {getattr(node, 'lineno', 0)}: from {node.module} import")
        names = {a.name for a in node.names} if isinstance(node, ast.ImportFrom) else set()
        if isinstance(node, ast.ImportFrom) and node.module == "rich" and "print" in names:
            found.append(f"line {getattr(node, 'lineno', 0)}: from rich import print")
        if _dotted(node) in {f"sys.{s}" for s in _STREAMS}:
            parent = parents.get(node)
            if not (isinstance(parent, ast.Attribute) and parent.attr in _ASKING):
                found.append(f"line {getattr(node, 'lineno', 0)}: {_dotted(node)} used to write")
    return found


def test_the_scan_finds_every_other_way_out() -> None:
    """The scan itself can fail: each of these is caught."""
    for source in [
        "print('x')",
        "import sys\nsys.stderr.write('x')",
        "import sys\nprint('x', file=sys.stderr)",
        "import sys\nout = sys.stdout",
        "import typer\ntyper.echo('x')",
        "from rich.prompt import Confirm",
        "from rich.console import Console\nConsole().print('x')",
        "import os\nos.write(2, b'x')",
        "answer = input('? ')",
        "from rich import print",
    ]:
        assert offences(source), source
    assert not offences("import sys\nif sys.stdout.isatty(): pass")


def test_no_module_writes_to_a_terminal_but_through_the_one_path() -> None:
    found = {
        str(path.relative_to(PACKAGE)): problems
        for path in sorted(PACKAGE.rglob("*.py"))
        if path != THE_ONE_PATH and (problems := offences(path.read_text(encoding="utf-8")))
    }
    assert found == {}


# -- the one path, with generated text ---------------------------------------------------


def _clean(shown: str) -> bool:
    return not RAW.search(SGR.sub("", shown))


@given(hostile)
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_plain_messages_and_data_show_controls_as_escapes(
    capsys: pytest.CaptureFixture[str], text: str
) -> None:
    screen.message(text)
    screen.warning(text)
    screen.write(text, screen.Stream.OUT)
    screen.data([text, text], "\n")
    out, err = capsys.readouterr()
    assert _clean(out) and _clean(err)
    if not RAW.search(text):  # nothing to show as an escape: exactly as given
        assert f"reflect: warning: {text.splitlines()[0] if text.splitlines() else ''}" in err
        assert out.startswith(text)


@given(hostile)
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=60)
def test_rich_output_reads_no_markup_and_leaves_no_control(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    from rich.rule import Rule
    from rich.table import Table
    from rich.text import Text

    for forced in ("", "1"):  # a pipe (no styling) and a terminal (Rich's own SGR)
        monkeypatch.setenv("FORCE_COLOR", forced) if forced else monkeypatch.delenv(
            "FORCE_COLOR", raising=False
        )
        out = screen.console(stderr=True)
        out.print(text)  # a string: never markup
        out.print(Text(text, style="bold"))  # a Text built anywhere, raw
        grid = Table(title=text)
        grid.add_column(text)
        grid.add_row(text)
        out.print(grid)
        out.print(Rule(text))
        err = capsys.readouterr().err
        assert _clean(err), repr(err)
    if "[/bold]" in text and not RAW.search(text):
        assert "[/bold]" in err


def test_a_closing_tag_alone_and_brackets_are_printed_as_they_are(
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = screen.console()
    out.print("x[/bold]y and Sessions [archive] :smile:")
    assert capsys.readouterr().out == "x[/bold]y and Sessions [archive] :smile:\n"


@given(hostile)
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_a_confirmation_shows_its_question_inert_and_wants_a_yes(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    import io

    for reply, expected in (("y\n", True), ("\n", False), (f"{text}\n", False)):
        monkeypatch.setattr("sys.stdin", io.StringIO(reply))
        assert screen.confirm(f"Discard {text}?") is (expected or reply.strip().lower() == "y")
    assert _clean(capsys.readouterr().err)


# -- every command, over a folder made hostile -------------------------------------------


@pytest.fixture(scope="module")
def one_record(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    from conftest import make_session

    folder = tmp_path_factory.mktemp("made")
    made = make_session(
        folder,
        "equitable-partnerships",
        answers={"partnership-type-now": "Cooperative"},
        status="draft",
    )
    return dict(yaml.safe_load((folder / f"{made}.yaml").read_text(encoding="utf-8")))


def _file_name(text: str) -> str:
    name = re.sub(r"[/\x00]", "_", text)[:60]
    while len(name.encode()) > 200:
        name = name[:-1]
    return name if name.strip(".") else f"x{name}"


@given(folder=hostile, name=hostile, collaborative=hostile, answer=hostile)
@settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    max_examples=12,
    deadline=None,
)
def test_no_command_lets_a_folder_reach_the_terminal_raw(
    cli: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    one_record: dict[str, Any],
    folder: str,
    name: str,
    collaborative: str,
    answer: str,
) -> None:
    sessions = tmp_path / "hostile" / _file_name(folder)
    shutil.rmtree(tmp_path / "hostile", ignore_errors=True)
    sessions.mkdir(parents=True)
    monkeypatch.setenv("REFLECT_SESSIONS_DIR", str(sessions))
    record = dict(one_record, collaborative=collaborative)
    record["answers"] = [dict(a, text=answer) for a in record.get("answers", [])] or [
        {"question": "partnership-type-now", "text": answer}
    ]
    document = yaml.safe_dump(record, allow_unicode=True)
    (sessions / f"{_file_name(name)}.yaml").write_text(document, encoding="utf-8")
    # The same id in a second file (a warning naming the id), a record whose id is the
    # hostile text, and a file that is no record at all (a warning naming the file).
    (sessions / "copy.yaml").write_text(document, encoding="utf-8")
    odd = yaml.safe_dump(dict(record, id=name), allow_unicode=True)
    (sessions / "odd-id.yaml").write_text(odd, encoding="utf-8")
    (sessions / f"{_file_name(name)}-broken.yaml").write_text(f"{answer}: [", encoding="utf-8")
    session_id = str(record["id"])
    for args in (
        ["list"],
        ["list", "--json"],
        ["show", session_id],
        ["search", "a"],
        ["export", session_id, "--include-drafts"],
        ["export", session_id, "--include-drafts", "--format", "csv"],
        ["discard", session_id, "--yes"],
        ["show", name],
    ):
        result = cli(*args)
        assert result.exit_code in (0, 2), (args, result.stderr)
        assert _clean(result.stdout) and _clean(result.stderr), (args, result.output)
        assert "Traceback" not in result.stderr
