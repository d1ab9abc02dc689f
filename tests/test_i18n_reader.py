"""A Spanish-speaking reader reads everything in Spanish (issue #17): the reader's language
wins over the session's, and the words a tester found in English or misleading are not."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from reflect_cli.i18n import messages

ANSWERS = """
collaborative: Escuela Norte
facilitator: Ana López
date: {date}
participants:
  - {{name: Lan Nguyen, organization: Escuela Norte, role: enlace, handle: lan, sector: school}}
  - {{name: Hodan Warsame, organization: Familias Unidas, role: madre, handle: hodan, sector: family}}
  - {{name: Hope Ellis, organization: Parques, role: coordinadora, handle: hope}}
answers:
  partnership-type-now: {{ratings: {{lan: Collaborative, hodan: Cooperative, hope: Integrated}}}}
  shared-leadership: {{ratings: {{lan: 4, hodan: 2, hope: 3}}}}
  helping-factors: [Strong relationships and trust]
actions:
  - {{text: Traducir el boletín, owner: hope, due: 2026-12-15}}
"""  # noqa: E501


def _start(cli: Any, tmp_path: Path, date: str, *lang: str) -> str:
    answers = tmp_path / f"answers-{date}.yaml"
    answers.write_text(ANSWERS.format(date=date), encoding="utf-8")
    result = cli("start", "equitable-partnerships", "--answers", str(answers), "--no-input", *lang)
    assert result.exit_code == 0, result.stderr
    return Path(result.stdout.strip()).stem


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_a_commitment_is_agreed_on_a_date_and_the_most_chosen_is_not_a_majority() -> None:
    with messages.speaking("es"):
        assert messages._("made {date}") == "acordado el {date}"
        assert messages._(" · chosen most: {option}") == " · la opción más elegida: {option}"


def test_trends_counts_one_partnership_in_the_singular(cli: Any, tmp_path: Path) -> None:
    _start(cli, tmp_path, "2026-11-20")
    _start(cli, tmp_path, "2026-11-27")
    spanish = _flat(cli("--lang", "es", "trends").stdout)
    assert "1 alianza, 2 sesiones completas;" in spanish, spanish
    english = _flat(cli("trends").stdout)
    assert "1 partnership, 2 complete sessions;" in english, english


def test_show_speaks_the_reader_s_language_over_the_session_s(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    english = _start(cli, tmp_path, "2026-11-20")
    spanish = _start(cli, tmp_path, "2026-11-27", "--lang", "es")
    monkeypatch.setenv("REFLECT_LANG", "es")
    shown = _flat(cli("show", english).stdout)
    assert "¿Qué tipo describe mejor nuestra alianza hoy?" in shown, shown
    assert "Participantes" in shown and "Compromisos" in shown
    assert "Which type best describes" not in shown and "Commitments" not in shown
    monkeypatch.setenv("REFLECT_LANG", "en")
    for asked in (["--lang", "en", "show", spanish], ["show", spanish, "--lang", "en"]):
        shown = _flat(cli(*asked).stdout)
        assert "Which type best describes our partnership today?" in shown, shown
        assert "Commitments" in shown and "Compromisos" not in shown and "¿Qué" not in shown


@pytest.mark.parametrize("command", [["list"], ["search", "boletín"], ["protocols", "list"]])
def test_reading_commands_take_lang(cli: Any, tmp_path: Path, command: list[str]) -> None:
    _start(cli, tmp_path, "2026-11-20")
    result = cli(*command, "--lang", "es")
    assert result.exit_code == 0, result.stderr
    said = _flat(result.stdout + result.stderr)
    assert any(word in said for word in ("sesión", "resultado", "protocolos")), said


def test_protocols_list_shows_the_translated_title(cli: Any) -> None:
    shown = _flat(cli("protocols", "list", "--lang", "es").stdout)
    assert "Explorando alianzas escolares equitativas" in shown, shown
    assert "Exploring Equitable School Partnerships" not in shown
    assert "Exploring Equitable School Partnerships" in _flat(cli("protocols", "list").stdout)


def _follow_up_in_spanish(replies: list[str], count: int = 3) -> tuple[list[str], list[Any]]:
    from reflect_cli.model import Action, Session
    from reflect_cli.session.console import ScriptedConsole
    from reflect_cli.session.follow_up import follow_up
    from reflect_cli.session.history import History

    origin = Session("2026-10-01-x-0000", None, "X", "2026-10-01")  # type: ignore[arg-type]
    origin.actions.extend(Action(f"Compromiso {n}", "mh") for n in range(count))
    session = Session("2026-11-01-x-0000", None, "X", "2026-11-01")  # type: ignore[arg-type]
    console = ScriptedConsole(replies)
    with messages.speaking("es"):
        follow_up(console, session, History([origin]), lambda: None)
    return console.shown, [a.status for a in session.follow_up]


def test_the_follow_up_asks_in_spanish_and_takes_spanish_words() -> None:
    from reflect_cli.model import CommitmentStatus

    shown, statuses = _follow_up_in_spanish(["x", "hecho", "en curso a medias", "resto"], 4)
    said = "\n".join(shown)
    assert "¿[d] hecho, [i] en curso, [r] descartado, [k] mantener abierto" in said, said
    assert "; resto: mantener los 4 restantes como están?" in said
    assert "rest:" not in said and "keep" not in said
    # The hidden "o" is said as a key of its own, never as "r, o o k".
    assert "Escriba una de estas letras: d, i, r, k, «o» (abierto)" in said
    assert " o o " not in said
    assert statuses[:2] == [CommitmentStatus.DONE, CommitmentStatus.IN_PROGRESS]
    assert statuses[2:] == [CommitmentStatus.OPEN, CommitmentStatus.OPEN]


def test_the_html_charts_speak_the_reader_s_language(cli: Any, tmp_path: Path) -> None:
    _start(cli, tmp_path, "2026-11-20")
    _start(cli, tmp_path, "2026-11-27")
    page = cli("export", "--format", "html", "--lang", "es").stdout
    assert ">mediana 3</text>" in page and ">median 3<" not in page
    assert "¿Qué tan sólido es el liderazgo compartido" in page
    assert ": 3 calificaciones" in page and " ratings" not in page
    assert ": mediana por sesión" in page and "median per session" not in page
    english = cli("export", "--format", "html").stdout
    assert ">median 3</text>" in english and ": 3 ratings" in english


def test_trends_shows_the_protocol_s_spanish_prompt_and_labels(cli: Any, tmp_path: Path) -> None:
    _start(cli, tmp_path, "2026-11-20")
    _start(cli, tmp_path, "2026-11-27", "--lang", "es")
    shown = _flat(cli("--lang", "es", "trends", "partnership-type-now").stdout)
    assert "¿Qué tipo describe mejor nuestra alianza hoy?" in shown, shown
    assert "Cooperativa = Colaborativa = Integrada (empate)" in shown
    assert "Which type" not in shown and "Collaborative" not in shown
    # JSON and CSV keep the protocol's own labels: they are what is counted.
    data = cli("--lang", "es", "trends", "partnership-type-now", "--json").stdout
    assert "Collaborative" in data and "Colaborativa" not in data


def test_search_says_where_and_when_in_the_reader_s_words(cli: Any, tmp_path: Path) -> None:
    _start(cli, tmp_path, "2026-11-20")
    commitment = _flat(cli("--lang", "es", "search", "boletín").stdout)
    assert "compromiso · Hope Ellis, vence el 2026-12-15" in commitment, commitment
    answer = _flat(cli("search", "trust", "--lang", "es").stdout)
    assert "respuesta · Factores que ayudan y que obstaculizan › ¿Qué factores" in answer, answer
    assert "answer ·" not in answer and "Helping" not in answer
    english = _flat(cli("search", "boletín").stdout)
    assert "commitment · Hope Ellis, due 2026-12-15" in english, english
    # --json is data: the place as recorded.
    data = cli("--lang", "es", "search", "boletín", "--json").stdout
    assert '"place": "Hope Ellis, due 2026-12-15"' in data and '"where": "commitment"' in data


def test_snapshot_shows_the_protocol_s_spanish_prompts_and_labels(cli: Any, tmp_path: Path) -> None:
    _start(cli, tmp_path, "2026-11-20")
    result = cli("snapshot", "--lang", "es", "-o", str(tmp_path / "s.md"))
    assert result.exit_code == 0, result.stderr
    page = (tmp_path / "s.md").read_text(encoding="utf-8")
    assert "¿Qué tipo describe mejor nuestra alianza hoy?" in page
    assert "| Cooperativa = Colaborativa = Integrada |" in page
    assert "Relaciones sólidas y confianza" in page
    assert "Which type" not in page and "Cooperative" not in page and "Strong rel" not in page
