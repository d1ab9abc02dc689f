"""A session asked in Spanish: the record keeps its language, the texts as asked and the
protocol's own labels; show, the .md and exports speak the reader's language; who spoke
through an interpreter is recorded and said, never revealed by a redacted export."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml

from reflect_cli.records.store import Store

ANSWERS = """
collaborative: Escuela Norte
facilitator: Ana López
date: {date}
participants:
  - {{name: Nguyễn Thị Lan, organization: Escuela Norte, role: enlace familiar, handle: lan, sector: school}}
  - {{name: Hodan Warsame, organization: Familias Unidas, role: madre, handle: hodan, sector: family, interpreter: abdi}}
  - {{name: Abdi Farah, organization: Familias Unidas, role: intérprete, handle: abdi, sector: family}}
  - {{name: Hope Ellis, organization: Parques, role: coordinadora, handle: hope}}
answers:
  partnership-type-now: {{ratings: {{lan: Collaborative, hodan: Cooperative, hope: Collaborative}}}}
  shared-leadership: {{ratings: {{lan: 4, hodan: 2, hope: 3}}}}
  partnership-type-path: "hodan: Waxaan u baahanahay kalsooni.\\nlan: Chúng tôi cần họp thường xuyên hơn. 我们需要信任"
  hallmarks-evidence: "hope: ብዙ ቤተሰቦች መጡ"
  helping-factors: [Strong relationships and trust, Efforts to increase parent engagement]
actions:
  - {{text: Traducir el boletín al somalí, owner: hope, due: 2026-12-15}}
"""  # noqa: E501


def _run(cli: Any, tmp_path: Path, date: str, *lang: str) -> str:
    answers = tmp_path / f"answers-{date}.yaml"
    answers.write_text(ANSWERS.format(date=date), encoding="utf-8")
    result = cli("start", "equitable-partnerships", "--answers", str(answers), "--no-input", *lang)
    assert result.exit_code == 0, result.stderr
    return Path(result.stdout.strip()).stem


@pytest.fixture
def spanish(cli: Any, tmp_path: Path, sessions_dir: Path) -> str:
    return _run(cli, tmp_path, "2026-11-20", "--lang", "es")


def test_the_record_keeps_its_language_the_texts_asked_and_the_protocol_s_labels(
    spanish: str, sessions_dir: Path
) -> None:
    data = yaml.safe_load((sessions_dir / f"{spanish}.yaml").read_text(encoding="utf-8"))
    assert data["language"] == "es"
    assert data["protocol"]["asked_title"] == "Explorando alianzas escolares equitativas"
    first = data["domains"][0]
    assert first["title"] == "Type of Partnership" and first["asked_title"] == "Tipo de alianza"
    now = first["questions"][0]
    assert now["prompt"] == "Which type best describes our partnership today?"
    assert now["asked"]["prompt"] == "¿Qué tipo describe mejor nuestra alianza hoy?"
    assert [c["label"] for c in now["asked"]["choices"]] == [
        "Cooperativa",
        "Colaborativa",
        "Integrada",
    ]
    assert {r["value"] for r in now["ratings"]} == {"Collaborative", "Cooperative"}
    helping = data["domains"][2]["questions"][0]
    assert helping["answer"] == [
        "Strong relationships and trust",
        "Efforts to increase parent engagement",
    ]
    people = {p["handle"]: p for p in data["participants"]}
    assert people["hodan"]["interpreter"] == "abdi" and "interpreter" not in people["lan"]
    session = Store(sessions_dir).load(spanish)
    assert session.language == "es" and session.find("partnership-type-now").asked is not None


def test_a_choice_typed_in_spanish_is_recorded_with_the_protocol_s_label() -> None:
    from reflect_cli.model import AnswerRecord
    from reflect_cli.protocols import catalog, translations
    from reflect_cli.session.typed_lines import parse_answer

    protocol, _ = catalog.find("equitable-partnerships")
    spanish, _ = translations.in_language(protocol, "es")
    pairs = zip(protocol.questions(), spanish.questions(), strict=True)
    records = {q.id: AnswerRecord.asking(q, a) for (_, q), (_, a) in pairs}
    now = records["partnership-type-now"].asked_question()
    assert parse_answer(now, "colaborativa") == "Collaborative"
    assert parse_answer(now, "3") == "Integrated"
    helping = records["helping-factors"].asked_question()
    assert parse_answer(helping, "1, 3") == [
        "Strong relationships and trust",
        "Efforts to increase parent engagement",
    ]
    yes_no = AnswerRecord.asking(
        __import__("reflect_cli.model", fromlist=["Question"]).Question(
            "ok", "Ready?", __import__("reflect_cli.model", fromlist=["Kind"]).Kind.YES_NO
        )
    ).asked_question()
    from reflect_cli.i18n import messages

    messages.use("es")
    assert parse_answer(yes_no, "sí") is True and parse_answer(yes_no, "yes") is True


def test_the_md_beside_the_record_speaks_spanish(spanish: str, sessions_dir: Path) -> None:
    text = (sessions_dir / f"{spanish}.md").read_text(encoding="utf-8")
    assert text.startswith("# Explorando alianzas escolares equitativas: Escuela Norte")
    for said in (
        "## Participantes",
        "## Tipo de alianza",
        "**Ronda (con nombre):** 3 calificaron · Cooperativa 1, Colaborativa 2",
        "- Relaciones sólidas y confianza",
        "_Voces: Hodan Warsame, Nguyễn Thị Lan_",
        "Hodan Warsame**, Familias Unidas, madre (identificador hodan), a través de un "
        "intérprete (Abdi Farah)",
        "## Compromisos",
        "vence el 2026-12-15",
    ):
        assert said in text
    for english in ("Who took part", "Voices:", "Participants", "Commitments", "Collaborative 2"):
        assert english not in text


def test_show_speaks_the_session_s_language(
    cli: Any, spanish: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A reader who asked for no language (no --lang, REFLECT_LANG nor locale).
    for variable in ("REFLECT_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    result = cli("show", spanish)
    assert result.exit_code == 0
    flat = " ".join(result.stdout.split())
    assert "¿Qué tipo describe mejor nuestra alianza hoy?" in flat
    assert "Ronda (con nombre):" in flat and "Voces: Hodan Warsame, Nguyễn Thị Lan" in flat
    assert "Relaciones sólidas y confianza" in flat and "a través de un intérprete" in flat
    assert "Voices:" not in flat and "Round (named)" not in flat


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.lang = ""
        self.auto: list[str] = []
        self.headings: list[str] = []
        self._in: str = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "html":
            self.lang = found.get("lang") or ""
        if found.get("dir") == "auto":
            self.auto.append(tag)
        self._in = tag

    def handle_data(self, data: str) -> None:
        if self._in in ("h2", "h3"):
            self.headings.append(data)


def test_an_html_export_in_spanish_declares_it_and_lets_what_people_wrote_find_its_way(
    cli: Any, spanish: str, tmp_path: Path
) -> None:
    result = cli("export", spanish, "--format", "html", "--lang", "es")
    assert result.exit_code == 0, result.stderr
    page = _Page()
    page.feed(result.stdout)
    assert page.lang == "es"
    for heading in ("Quiénes participaron", "Tipo de alianza", "Compromisos", "Participación"):
        assert heading in page.headings
    assert "¿Qué tipo describe mejor nuestra alianza hoy?" in page.headings
    assert "div" in page.auto and "li" in page.auto
    assert "Los socios lo ven de manera distinta" in result.stdout
    assert "Who took part" not in result.stdout and "Voices" not in result.stdout
    english = cli("export", spanish, "--format", "html", "--lang", "en")
    assert '<html lang="en">' in english.stdout
    assert "Which type best describes our partnership today?" in english.stdout
    assert "Who took part" in english.stdout and "Colaborativa" not in english.stdout


def test_sessions_in_spanish_and_english_count_together(
    cli: Any, tmp_path: Path, spanish: str
) -> None:
    english = _run(cli, tmp_path, "2026-12-01")
    data = json.loads(cli("export", spanish, english, "--format", "json").stdout)
    values = [
        sorted(str(r["value"]) for r in q.get("ratings", []))
        for s in data
        for d in s["domains"]
        for q in d["questions"]
        if q["id"] == "partnership-type-now"
    ]
    assert values[0] == values[1] == ["Collaborative", "Collaborative", "Cooperative"]
    both = cli("export", spanish, english, "--format", "md", "--lang", "es").stdout
    # One question over time: the Spanish and the English session side by side.
    rows = [line for line in both.splitlines() if line.startswith("| 2026-")]
    assert any("Colaborativa (2 de 3)" in row for row in rows)
    assert sum("Colaborativa (2 de 3)" in row for row in rows) == 2
    assert "Collaborative" not in both


def test_a_redacted_export_says_someone_was_interpreted_never_by_whom_outside_the_roster(
    cli: Any, tmp_path: Path, sessions_dir: Path
) -> None:
    text = ANSWERS.format(date="2026-11-21").replace(
        "interpreter: abdi", "interpreter: Yusuf Dirie"
    )
    answers = tmp_path / "outside.yaml"
    answers.write_text(text, encoding="utf-8")
    made = cli("start", "equitable-partnerships", "--answers", str(answers), "--no-input")
    assert made.exit_code == 0, made.stderr
    plain = cli("export", "last", "--format", "md")
    assert "through an interpreter (Yusuf Dirie)" in plain.stdout
    redacted = cli("export", "last", "--format", "md", "--redact")
    assert redacted.exit_code == 0, redacted.stderr
    assert "Yusuf" not in redacted.stdout and "Dirie" not in redacted.stdout
    assert "through an interpreter" in redacted.stdout


def test_the_interpreter_on_the_roster_is_named_by_their_label_when_redacted(
    cli: Any, spanish: str
) -> None:
    redacted = cli("export", spanish, "--format", "md", "--redact")
    assert redacted.exit_code == 0, redacted.stderr
    line = next(x for x in redacted.stdout.splitlines() if "through an interpreter" in x)
    assert re.search(r"through an interpreter \(Familias Unidas \(intérprete \w+\)\)", line), line
    assert "Abdi" not in redacted.stdout and "abdi" not in redacted.stdout


def test_the_voices_review_never_calls_the_interpreter_unheard(
    spanish: str, sessions_dir: Path
) -> None:
    from reflect_cli.session import voices

    session = Store(sessions_dir).load(spanish)
    lines = voices.unheard_by_domain(session)
    assert lines and all("Abdi" not in line for line in lines)
    assert any("Hope Ellis" in line for line in lines)


def test_a_roster_line_says_who_interprets() -> None:
    from reflect_cli.model import INTERPRETED
    from reflect_cli.session.typed_lines import participant_of

    hodan = participant_of("Hodan Warsame | Familias | madre | interpreter: Abdi Farah", set())
    assert (hodan.name, hodan.role, hodan.handle, hodan.interpreter) == (
        "Hodan Warsame", "madre", "hodan", "Abdi Farah",
    )  # fmt: skip
    alone = participant_of("Hodan Warsame | Familias | madre | hodan | family | intérprete", set())
    assert alone.interpreter == INTERPRETED and alone.sector is not None


def test_a_record_s_language_and_asked_texts_are_read_strictly(
    spanish: str, sessions_dir: Path
) -> None:
    from reflect_cli.errors import RecordError
    from reflect_cli.records import codec

    path = sessions_dir / f"{spanish}.yaml"
    text = path.read_text(encoding="utf-8")
    with pytest.raises(RecordError, match=r"language.*BCP 47"):
        codec.parse(text.replace("language: es", "language: español"), str(path))
    data = yaml.safe_load(text)
    data["domains"][0]["questions"][0]["asked"]["choices"].pop()
    with pytest.raises(RecordError, match="each of the question's choices"):
        codec.parse(codec.dump_dict(data), str(path))
    assert codec.dump(codec.parse(text, str(path))) == text  # stable bytes


def test_the_json_export_of_a_spanish_session_fits_its_schema(cli: Any, spanish: str) -> None:
    import jsonschema

    from reflect_cli.render.export import json_records

    schema = json.loads(
        (Path(json_records.__file__).parent / "export.schema.json").read_text(encoding="utf-8")
    )
    data = json.loads(cli("export", spanish, "--format", "json").stdout)
    jsonschema.validate(data, schema)
    assert data[0]["language"] == "es"
    assert {p.get("interpreter") for p in data[0]["participants"]} == {None, "abdi"}


INTRO_ANSWERS = """
collaborative: Escuela Norte
facilitator: Ana López
date: 2026-11-20
intro: {watch-video: done}
participants:
  - {name: Hodan Warsame, organization: Familias Unidas, role: madre, handle: hodan}
"""


def test_an_intro_step_shows_by_its_title_in_the_reader_s_language(
    cli: Any, tmp_path: Path, sessions_dir: Path
) -> None:
    import dataclasses

    from reflect_cli.render.language import step_titles

    answers = tmp_path / "intro.yaml"
    answers.write_text(INTRO_ANSWERS, encoding="utf-8")
    started = cli("start", "--answers", str(answers), "--no-input", "--lang", "es")
    assert started.exit_code == 0, started.stderr
    session_id = Path(started.stdout.strip()).stem
    spanish = "Vean este video: YDEKC/SOWA Quick Connections 8"
    english = "Watch this Video: YDEKC/SOWA Quick Connections 8"
    shown = " ".join(cli("show", session_id, "--lang", "es").stdout.split())
    assert spanish in shown and "watch-video" not in shown, shown
    exported = cli("export", session_id, "--lang", "es").stdout
    assert spanish in exported and "(en inglés): hecho" in exported
    assert "watch-video" not in exported and "Watch video" not in exported
    html = cli("export", session_id, "--lang", "en", "-f", "html").stdout
    assert english in html and spanish not in html
    # The record keeps the step's id; a protocol no longer found shows it as the id.
    session = Store(sessions_dir).load(session_id)
    assert session.intro == {"watch-video": "done"}
    gone = dataclasses.replace(
        session, protocol=dataclasses.replace(session.protocol, id="not-here-anymore")
    )
    assert step_titles(gone, "es").intro == {"watch-video": "done"}


def test_a_redacted_export_in_spanish_says_its_labels_in_spanish_and_passes_the_check(
    cli: Any, tmp_path: Path, sessions_dir: Path
) -> None:
    """Labels in the document's language ("Colaborativo", "Sitio", "Sesión 1",
    "Participante"), with the codes of every other export; a place named with a label's
    word ("Colaborativo …", "Sitio …") is never taken for the label, so the check after
    rendering and `check-names` both pass."""
    text = ANSWERS.format(date="2026-11-22").replace(
        "collaborative: Escuela Norte",
        "collaborative: Colaborativo Familias del Norte\nsite: Sitio Norte",
    )
    text = text.replace("participants:\n", "participants:\n  - {name: Rosa Gómez, handle: rosa}\n")
    answers = tmp_path / "labels.yaml"
    answers.write_text(text, encoding="utf-8")
    made = cli("start", "equitable-partnerships", "--answers", str(answers), "--no-input")
    assert made.exit_code == 0, made.stderr
    session_id = Path(made.stdout.strip()).stem
    documents = {}
    for name, *how in (("es.md", "--redact"), ("estricto.md", "--strict")):
        out = tmp_path / name
        done = cli("export", session_id, "--lang", "es", *how, "-o", str(out))
        assert done.exit_code == 0, done.stderr
        documents[name] = out.read_text(encoding="utf-8")
        checked = cli("check-names", str(out))
        assert checked.exit_code == 0, checked.stdout
    spanish = documents["es.md"]
    place = re.search(r"Colaborativo (\w{4,})", spanish)
    assert place and re.search(r"Sitio \w{4,}", spanish), spanish
    assert re.search(r"Participante \w{6,}", spanish) and "Sesión 1" in spanish
    assert 'o como "Participante", con un código' in spanish  # the statement at the top
    for english in ("Participant ", "Collaborative ", "Site ", "Session 1"):
        assert english not in spanish
    for name in ("Nguyễn", "Hodan", "Rosa", "Gómez", "Familias del Norte", "Sitio Norte"):
        assert name not in spanish and name not in documents["estricto.md"]
    assert re.search(r"Familia \w{4,}", documents["estricto.md"])  # a sector, in Spanish
    # The same codes in an English export: only the label's word changes.
    english = cli("export", session_id, "--lang", "en", "--redact").stdout
    assert f"Collaborative {place[1]}" in english
    person = re.search(r"Familias Unidas \(madre (\w+)\)", spanish)
    assert person and f"Familias Unidas (madre {person[1]})" in english
