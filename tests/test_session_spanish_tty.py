"""A whole meeting asked in Spanish in a real pseudo-terminal, read through the pyte
terminal emulator: not one English word of the program's own on the screen."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from reflect_cli.i18n import messages
from test_session_meeting_tty import screen_of, spawn

pytestmark = pytest.mark.slow

LOCALE = Path(messages.LOCALE_DIR)
_WORD = re.compile(r"[^\W\d_]{4,}")


def _english_only_words() -> set[str]:
    """Words of the program's English messages that no Spanish translation uses."""
    from babel.messages.pofile import read_po

    with (LOCALE / "es" / "LC_MESSAGES" / "reflect.po").open("rb") as stream:
        catalog = read_po(stream, locale="es")
    english: set[str] = set()
    spanish: set[str] = set()
    for message in catalog:
        if not message.id:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        said = [message.string] if isinstance(message.string, str) else list(message.string)
        for text in ids:
            english |= {w.lower() for w in _WORD.findall(re.sub(r"\{\w+\}", " ", text))}
        for text in said:
            spanish |= {w.lower() for w in _WORD.findall(text)}
    return english - spanish


def test_a_meeting_in_spanish_shows_no_english_word_of_the_program(sessions_dir: Path) -> None:
    child, log = spawn(sessions_dir, "start", "equitable-partnerships", "--lang", "es")

    def answer(prompt: str, line: str) -> None:
        child.expect(prompt)
        child.sendline(line)

    answer("Colaborativo", "Escuela Norte")
    answer(r"Fecha", "2026-11-20")
    answer("Sitio", "Escuela Norte Primaria")
    answer("Facilitador/a", "Ana López")
    answer("participante>", "Nguyễn Thị Lan | Escuela Norte | enlace familiar | lan")
    answer("Sector de Escuela Norte", "escuela")
    answer(
        "participante>",
        "Hodan Warsame | Familias Unidas | madre | hodan | familia | intérprete: abdi",
    )
    answer("participante>", "Abdi Farah | Familias Unidas | intérprete | abdi")
    answer("participante>", "")
    answer("Nguyễn Thị Lan, Escuela Norte:", "colaborativa")
    answer("Hodan Warsame, Familias Unidas:", "1")
    answer(">", "hodan: Waxaan u baahanahay kalsooni.")
    answer(">", "")
    answer("Nguyễn Thị Lan, Escuela Norte:", "/help")
    answer("Nguyễn Thị Lan, Escuela Norte:", "lan 3, hodan 3")
    answer(">", "")
    answer(">", "/help")
    answer(">", "lan: Chúng tôi cần họp thường xuyên hơn. 我们需要信任")
    answer(">", "/action Traducir el boletín al somalí @lan due:2026-12-15")
    answer(">", "/who")
    answer(">", "")
    answer("Nguyễn Thị Lan, Escuela Norte:", "lan 4, hodan 2")
    answer(">", "")
    for _ in range(2):  # two more rounds: ended before anyone rates, then no discussion
        answer("Nguyễn Thị Lan, Escuela Norte:", "/skip")
        answer(">", "")
    answer(">", "hodan: ብዙ ቤተሰቦች መጡ")
    answer(">", "")
    answer("varias>", "1, 3")
    # Every question left: skipped, until the review asks what to answer now.
    while child.expect(["Número para responderla ahora", r"\x1b\[1m[^ \x1b]*> "]) == 1:
        child.sendline("/skip")
    child.sendline("")
    child.expect("sesión completa")
    child.expect(pexpect_eof())
    screen = screen_of(log)
    text = "\n".join(screen)
    assert "¿Qué tipo describe mejor nuestra alianza hoy?" in text
    assert "Revisión" in text and "Voces hasta ahora" in text
    assert "Compromiso registrado: Traducir el boletín al somalí" in text
    # Not the program's words: the folder's path. (The voices table shows the domains as
    # asked, never their English ids.)
    flat = text.replace(str(sessions_dir), " ")
    words = {w.lower() for w in _WORD.findall(flat)}
    # Names the Spanish protocol keeps as written ("Best Starts for Kids") are the
    # protocol's words, not the program's.
    protocols = Path(__file__).resolve().parents[1] / "questions"
    kept = [
        str(entry["text"])
        for path in protocols.glob("*.es.yaml")
        for entry in yaml.safe_load(path.read_text(encoding="utf-8"))["texts"].values()
    ]
    english = _english_only_words() - {w.lower() for w in _WORD.findall("\n".join(kept))}
    assert english, "the check would find nothing"
    assert sorted(words & english) == []
    record = yaml.safe_load(next(sessions_dir.glob("*.yaml")).read_text(encoding="utf-8"))
    assert record["language"] == "es"
    ratings = record["domains"][0]["questions"][0]["ratings"]
    assert {r["value"] for r in ratings} == {"Collaborative", "Cooperative"}
    helping = record["domains"][2]["questions"][0]["answer"]
    assert helping == ["Strong relationships and trust", "Efforts to increase parent engagement"]


def pexpect_eof() -> object:
    import pexpect

    return pexpect.EOF
