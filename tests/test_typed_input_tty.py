"""What people type, in a real pseudo-terminal: a number sign at a scale prompt, and a
byte that is not UTF-8 typed under ``LANG=C``. A clear re-ask or warning on the screen
(read through pyte), the record kept, never a traceback."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pexpect
import pyte
import pytest
import yaml

from conftest import MINIMAL_PROTOCOL
from pty_keys import interrupt

pytestmark = pytest.mark.slow


def _spawn(
    sessions: Path, protocol: Path, lang: str, **more: str
) -> tuple[pexpect.spawn, list[bytes]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_")}
    env.update(REFLECT_SESSIONS_DIR=str(sessions), NO_COLOR="1", COLUMNS="120", LANG=lang)
    env.pop("PYTHONUTF8", None)
    env.update(more)
    child = pexpect.spawn(
        sys.executable,
        ["-m", "reflect_cli", "start", str(protocol)],
        env=env,
        timeout=30,
        dimensions=(40, 120),
    )
    seen: list[bytes] = []

    class _Log:
        def write(self, data: bytes) -> None:
            seen.append(data)

        def flush(self) -> None:
            pass

    child.logfile_read = _Log()
    return child, seen


def _screen(seen: list[bytes]) -> str:
    screen = pyte.Screen(120, 40)
    stream = pyte.ByteStream(screen)
    stream.feed(b"".join(seen))
    return "\n".join(line.rstrip() for line in screen.display)


def _setup(child: pexpect.spawn) -> None:
    for prompt, reply in [
        (b"Collaborative", b"Northgate"),
        (b"Date (YYYY-MM-DD)", b"2026-11-20"),
        (b"Site", b""),
        (b"Facilitator", b"Alex Rivera"),
        (b"participant> ", "Nguyễn Thị Lan | Library | Librarian | | other".encode()),
        (b"participant> ", b""),
    ]:
        child.expect_exact(prompt)
        child.send(reply + b"\r")


def test_a_number_sign_at_a_scale_prompt_is_asked_again(tmp_path: Path) -> None:
    protocol = tmp_path / "tiny.yaml"
    protocol.write_text(MINIMAL_PROTOCOL.replace("\n    ", "\n").lstrip("\n"), encoding="utf-8")
    child, seen = _spawn(tmp_path / "sessions", protocol, "C.UTF-8")
    _setup(child)
    child.expect_exact(b"> ")
    child.send(b"\r")  # no answer to the text question
    child.expect_exact(b"choice> ")
    child.send("②\r".encode())
    child.expect_exact(b"is not a digit")
    child.expect_exact(b"choice> ")
    child.send(b"2\r")
    child.expect_exact(b"How strong?")
    child.expect_exact(b"> ")
    child.send("①\r".encode())
    child.expect_exact(b"is not a digit")
    child.expect_exact(b"> ")
    child.send("٤\r".encode())  # an Arabic-Indic four is a four
    child.expect_exact(b"Ready?")
    interrupt(child)
    child.expect(pexpect.EOF)
    child.close()
    shown = _screen(seen)
    assert "Traceback" not in shown
    assert "'①' (" in shown and "type 1 instead" in shown
    (record,) = (tmp_path / "sessions").glob("*.yaml")
    questions = yaml.safe_load(record.read_text(encoding="utf-8"))["domains"][1]["questions"]
    assert questions[0]["answer"] == 4


def test_a_latin1_byte_under_lang_c_is_kept_visible_with_a_warning(tmp_path: Path) -> None:
    protocol = tmp_path / "tiny.yaml"
    protocol.write_text(MINIMAL_PROTOCOL.replace("\n    ", "\n").lstrip("\n"), encoding="utf-8")
    child, seen = _spawn(tmp_path / "sessions", protocol, "C")
    _setup(child)
    child.expect_exact(b"> ")
    # A Latin-1 keyboard's bytes. (GNU readline would drop the first and write it in
    # place of the next one: under LANG=C reflect reads lines without it.)
    child.send(b"caf\xe9 on Fridays\r")
    child.expect_exact(b"not UTF-8")
    child.expect_exact(b"> ")
    child.send(b"cr\xe8me on Mondays\r")
    child.expect_exact(b"not UTF-8")
    child.expect_exact(b"> ")
    child.send(b"\r")
    child.expect_exact(b"choice> ")
    interrupt(child)
    child.expect(pexpect.EOF)
    child.close()
    shown = _screen(seen)
    assert "Traceback" not in shown
    assert "1 byte typed here was not UTF-8" in shown
    (record,) = (tmp_path / "sessions").glob("*.yaml")
    answer = yaml.safe_load(record.read_text(encoding="utf-8"))["domains"][0]["questions"][0]
    # Each byte kept, visibly, where it was typed.
    assert answer["answer"] == "caf\\xe9 on Fridays\ncr\\xe8me on Mondays"


def test_names_typed_under_lc_all_c_come_through_intact_or_warned(tmp_path: Path) -> None:
    """LC_ALL=C with PYTHONUTF8=0 (Python then reads the terminal as ASCII): José typed
    on a UTF-8 keyboard is José, handle jose, no warning; José from a Latin-1 keyboard is
    kept visibly (Jos\\xe9) with a warning, and its handle is jos, never josxe9."""
    protocol = tmp_path / "tiny.yaml"
    protocol.write_text(MINIMAL_PROTOCOL.replace("\n    ", "\n").lstrip("\n"), encoding="utf-8")
    child, seen = _spawn(tmp_path / "sessions", protocol, "C", LC_ALL="C", PYTHONUTF8="0")
    for prompt, reply in [
        (b"Collaborative", "Escuela José Martí".encode()),
        (b"Date (YYYY-MM-DD)", b"2026-11-20"),
        (b"Site", b""),
        (b"Facilitator", b"Alex Rivera"),
        (b"participant> ", "José Ruiz | Biblioteca | Librarian | | other".encode()),
        (b"participant> ", b"Jos\xe9 Park | Library | Coach | | other"),
        (b"participant> ", b""),
    ]:
        child.expect_exact(prompt)
        child.send(reply + b"\r")
    child.expect_exact(b"> ")
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    shown = _screen(seen)
    assert "Traceback" not in shown
    assert shown.count("not UTF-8") == 1  # the Latin-1 byte only
    (record,) = (tmp_path / "sessions").glob("*.yaml")
    assert record.name.startswith("2026-11-20-escuela-jose-marti-")
    data = yaml.safe_load(record.read_text(encoding="utf-8"))
    assert data["collaborative"] == "Escuela José Martí"
    people = [(p["name"], p["handle"]) for p in data["participants"]]
    assert people == [("José Ruiz", "jose"), ("Jos\\xe9 Park", "jos")]
