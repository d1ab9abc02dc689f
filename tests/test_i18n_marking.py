"""Every word the program says to people is marked for translation: a string literal
handed to what shows or asks something (the console port, ``screen``), or raised in a
``ReflectError``, goes through ``_()``/``ngettext`` in every module but ``protocols/``;
and no message is marked inside an f-string, where Babel does not find it (Python 3.11
tokenizes an f-string as one string), so it would never reach the catalogs."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "reflect_cli"
#: Everything but ``protocols/``: its refusals speak to protocol authors about YAML keys
#: (in English, as the keys are), and its ``say`` looks a translation up, shows nothing.
NOT_TALKING = ("protocols",)
#: What shows, asks or warns: the console port (``session/console.py``) and ``ui/screen``.
SHOWING = {
    "say",
    "item",
    "rule",
    "ask",
    "secret",
    "table",
    "message",
    "warning",
    "confirm",
    "write",
}
#: A word: two letters or more (an escape sequence's ``\x1b[K`` is not one).
_WORD = re.compile(r"[^\W\d_]{2,}")
MARKING = {"_", "ngettext", "N_"}
#: What stays as written, and why: (module, the literal's text).
ALLOWED = {
    # The program's name, before every message on standard error.
    ("ui/screen.py", "f'reflect: {line}'"),
    ("ui/screen.py", "reflect: "),
    # "id": the label of the session id that commands take, copied as shown.
    ("ui/session_view.py", "f'id {session.id}'"),
}


def _name(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def _errors() -> set[str]:
    """``ReflectError`` and every class that derives from it, anywhere in the package."""
    bases: dict[str, set[str]] = {}
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                bases.setdefault(node.name, set()).update(_name(b) for b in node.bases)
    found = {"ReflectError"}
    while True:
        more = {name for name, of in bases.items() if of & found} - found
        if not more:
            return found
        found |= more


def _words(node: ast.expr) -> Iterator[ast.expr]:
    """The unmarked literals with letters in an argument: itself, the parts of a ``+``
    or a conditional, and what ``.format`` or ``.join`` is called on."""
    if isinstance(node, ast.Call) and _name(node.func) in MARKING:
        return
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        if _WORD.search(node.value):
            yield node
    elif isinstance(node, ast.JoinedStr):
        if any(isinstance(v, ast.Constant) and _WORD.search(str(v.value)) for v in node.values):
            yield node
    elif isinstance(node, ast.BinOp):
        yield from _words(node.left)
        yield from _words(node.right)
    elif isinstance(node, ast.IfExp):
        yield from _words(node.body)
        yield from _words(node.orelse)
    elif (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in ("format", "join")
    ):
        yield from _words(node.func.value)


def _text(node: ast.expr) -> str:
    if isinstance(node, ast.Constant):
        return str(node.value)
    return ast.unparse(node)


def unmarked(tree: ast.AST, errors: set[str]) -> Iterator[tuple[int, str]]:
    """(line, text) of every unmarked literal shown, asked or raised in ``tree``."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        called = _name(node.func)
        if isinstance(node.func, ast.Attribute) and _name(node.func.value) == "terminal":
            called = "say" if called == "text" else called  # ui's terminal.text(words, style)
        if called in SHOWING:
            # A style (``say(text, "dim")``) is the second argument: words come first.
            arguments = [*node.args[:1], *(k.value for k in node.keywords if k.arg != "style")]
        elif called in errors:
            arguments = [*node.args, *(k.value for k in node.keywords)]
        else:
            continue
        for argument in arguments:
            for literal in _words(argument):
                yield literal.lineno, _text(literal)


def marked_in_fstrings(tree: ast.AST) -> Iterator[tuple[int, str]]:
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            for inner in ast.walk(node):
                if (
                    isinstance(inner, ast.Call)
                    and _name(inner.func) in MARKING
                    and inner.args
                    and isinstance(inner.args[0], ast.Constant)
                ):
                    yield inner.lineno, str(inner.args[0].value)


def _modules() -> Iterator[tuple[str, ast.AST]]:
    for path in sorted(SRC.rglob("*.py")):
        module = path.relative_to(SRC).as_posix()
        if module.split("/")[0] not in NOT_TALKING:
            yield module, ast.parse(path.read_text(encoding="utf-8"))


def test_every_word_shown_asked_or_raised_is_marked_for_translation() -> None:
    errors = _errors()
    every = {
        (module, line, text) for module, tree in _modules() for line, text in unmarked(tree, errors)
    }
    found = sorted(f"{m}:{n}: {t!r}" for m, n, t in every if (m, t) not in ALLOWED)
    assert not found, "mark with _() (or add to ALLOWED, saying why):\n" + "\n".join(found)
    # The allow-list stays short: an entry no longer needed goes.
    assert {(m, t) for m, _n, t in every} >= ALLOWED


def test_no_message_is_marked_inside_an_f_string() -> None:
    found = [
        f"{path.relative_to(SRC)}:{line}: {text!r}"
        for path in sorted(SRC.rglob("*.py"))
        for line, text in marked_in_fstrings(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert not found, "Babel cannot see these: mark them outside the f-string\n" + "\n".join(found)


def test_the_check_sees_an_unmarked_message_and_passes_a_marked_one() -> None:
    errors = _errors()
    assert {"InputError", "StoreError", "RedactionError", "PrintError"} <= errors
    code = """
console.say("Saved.", "green")
console.ask(f"Who is {name}?")
raise InputError("no such session: " + ref)
console.say(_("Saved."), "green")
raise InputError(_("no such session: {ref}").format(ref=ref))
console.say(f"{a} · {b}")
"""
    found = [text for _line, text in unmarked(ast.parse(code), errors)]
    assert found == ["Saved.", "f'Who is {name}?'", "no such session: "]
    inside = list(marked_in_fstrings(ast.parse("x = f\"<h2>{_e(_('Voices'))}</h2>\"")))
    assert inside == [(1, "Voices")]


def test_every_problem_of_a_protocol_file_is_marked() -> None:
    """``protocols/`` is left out above (its ``say`` looks a translation up and shows
    nothing), but each problem it finds in a protocol file (``Checker.problem``, a
    ``ProtocolError``, a problem appended to a list of them) is said in the reader's
    language: the file's keys and ids inside it stay as written."""
    found = []
    for path in sorted((SRC / "protocols").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            called = _name(node.func)
            if called == "problem":
                arguments = node.args[1:]
            elif called in ("ProtocolError", "append") and node.args:
                first = node.args[0]
                arguments = list(first.elts) if isinstance(first, ast.List) else [first]
                if called == "append" and not _name(node.func.value).endswith("problems"):  # type: ignore[attr-defined]
                    continue
            else:
                continue
            for argument in arguments:
                for literal in _words(argument):
                    found.append(f"protocols/{path.name}:{literal.lineno}: {_text(literal)!r}")
    assert not found, "mark with _():\n" + "\n".join(found)
