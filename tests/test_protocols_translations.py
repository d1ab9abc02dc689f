"""Translated protocols: every text a person reads keyed by ids, each entry with the
fingerprint of its source; `protocols validate` says what is missing or out of date."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from reflect_cli.i18n.fingerprint import fingerprint
from reflect_cli.protocols import catalog, translations
from reflect_cli.protocols.translation_file import skeleton

BUILTINS = Path(__file__).resolve().parents[1] / "questions"


@pytest.mark.parametrize("protocol_id", ["partnership-reflection", "equitable-partnerships"])
def test_the_shipped_spanish_translations_are_complete_and_current(
    cli: Any, protocol_id: str
) -> None:
    result = cli("protocols", "validate", str(BUILTINS / f"{protocol_id}.yaml"))
    assert result.exit_code == 0, result.stderr
    assert "translated: es" in result.stdout
    protocol = catalog.load_file(BUILTINS / f"{protocol_id}.yaml")
    found, problems = translations.load_all(protocol)
    assert not problems and list(found) == ["es"]
    spanish = found["es"]
    assert "not an official one" in spanish.note and spanish.translator
    assert set(spanish.entries) == set(translations.sources(protocol))


def test_the_translation_files_are_not_taken_for_protocols(cli: Any) -> None:
    result = cli("protocols", "list")
    assert result.exit_code == 0
    assert result.stderr == "" and ".es.yaml" not in result.stdout


def test_a_session_s_questions_read_in_spanish_keep_their_ids_and_shape() -> None:
    protocol, _ = catalog.find("equitable-partnerships")
    spanish, warnings = translations.in_language(protocol, "es-MX")
    assert not warnings and spanish.language == "es"
    pairs = list(zip(protocol.questions(), spanish.questions(), strict=True))
    for (_, source), (_, read) in pairs:
        assert read.id == source.id and read.kind == source.kind
        assert len(read.choices) == len(source.choices)
    now = spanish.domains[0].questions[0]
    assert now.prompt == "¿Qué tipo describe mejor nuestra alianza hoy?"
    assert [c.label for c in now.choices] == ["Cooperativa", "Colaborativa", "Integrada"]
    leadership = spanish.domains[1].questions[0]
    assert leadership.scale is not None and leadership.scale.labels[3] == "En parte"


def test_a_language_with_no_translation_is_said_and_the_protocol_read_as_written() -> None:
    protocol, _ = catalog.find("partnership-reflection")
    read, warnings = translations.in_language(protocol, "vi")
    assert read is protocol
    assert len(warnings) == 1 and "no vi translation" in warnings[0] and "es" in warnings[0]


def _copy_of(tmp_path: Path, protocol_id: str = "partnership-reflection") -> tuple[Path, Path]:
    folder = tmp_path / "qs"
    folder.mkdir(exist_ok=True)
    protocol = shutil.copy(BUILTINS / f"{protocol_id}.yaml", folder)
    spanish = shutil.copy(BUILTINS / f"{protocol_id}.es.yaml", folder)
    return Path(protocol), Path(spanish)


def _line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def test_validate_names_missing_out_of_date_and_unknown_entries_one_line_each(
    cli: Any, tmp_path: Path
) -> None:
    protocol, spanish = _copy_of(tmp_path)
    # The source changes after translation: the entry is out of date.
    text = protocol.read_text().replace(
        "What values and goals do we share", "What values do we share"
    )
    protocol.write_text(text)
    lines = spanish.read_text().splitlines()
    # An entry dropped (missing) and one for no text of the protocol (unknown).
    start = next(i for i, line in enumerate(lines) if line == "  domains.equity.title:")
    del lines[start : start + 3]
    lines += ["  questions.no-such-question.prompt:", '    source: "00000000"', '    text: "¿?"']
    spanish.write_text("\n".join(lines) + "\n")
    result = cli("protocols", "validate", str(protocol))
    assert result.exit_code == 2
    problems = result.stderr.strip().splitlines()
    assert len(problems) == 3, problems
    stale = _line_of(spanish, "questions.shared-values.prompt:")
    unknown = _line_of(spanish, "questions.no-such-question.prompt:")
    new = fingerprint(text.split("prompt: ", 2)[1].split("\n")[0])
    assert f"{spanish}:{stale}: es: questions.shared-values.prompt is out of date" in problems[0]
    assert f"source: {new}" in problems[0]
    assert (
        f"{spanish}:{unknown}: es: unknown key 'questions.no-such-question.prompt'" in problems[1]
    )
    assert f"{spanish}:1: es: missing domains.equity.title" in problems[2]
    # The file named alone is checked against the protocol beside it.
    again = cli("protocols", "validate", str(spanish))
    assert again.exit_code == 2 and again.stderr == result.stderr


def test_an_out_of_date_entry_is_not_shown_its_source_text_is(tmp_path: Path) -> None:
    protocol_path, _ = _copy_of(tmp_path)
    text = protocol_path.read_text().replace("title: Equity", "title: Equity and Justice")
    protocol_path.write_text(text)
    protocol = catalog.load_file(protocol_path)
    read, _ = translations.in_language(protocol, "es")
    titles = [d.title for d in read.domains]
    assert titles[1] == "Equity and Justice" and titles[2] == "Liderazgo"


@pytest.mark.parametrize(
    ("language", "said"),
    [("es_MX", "is not a BCP 47 language tag"), ("spanish", "is not a BCP 47 language tag")],
)
def test_a_translation_names_its_language_as_a_bcp_47_tag(
    cli: Any, tmp_path: Path, language: str, said: str
) -> None:
    protocol, spanish = _copy_of(tmp_path)
    spanish.write_text(spanish.read_text().replace("language: es", f"language: {language}"))
    result = cli("protocols", "validate", str(protocol))
    assert result.exit_code == 2
    assert f"{spanish}:{_line_of(spanish, 'language:')}: translation 'language'" in result.stderr
    assert said in result.stderr


def test_a_file_whose_name_and_language_disagree_is_refused(cli: Any, tmp_path: Path) -> None:
    protocol, spanish = _copy_of(tmp_path)
    spanish.write_text(spanish.read_text().replace("language: es", "language: vi"))
    result = cli("protocols", "validate", str(protocol))
    assert result.exit_code == 2 and "the file's name says es, its 'language' vi" in result.stderr


def test_translate_writes_a_file_that_validates_once_filled_in(cli: Any, tmp_path: Path) -> None:
    """A partnership adds Amharic with one file: the skeleton, every text filled in."""
    protocol, _ = _copy_of(tmp_path)
    amharic = protocol.with_name("partnership-reflection.am.yaml")
    made = cli("protocols", "translate", str(protocol), "--lang", "am", "--translator", "ሰላም ተስፋዬ")
    assert made.exit_code == 0, made.stderr
    amharic.write_text(made.stdout)
    empty = cli("protocols", "validate", str(amharic))
    assert empty.exit_code == 2 and "am: title is empty" in empty.stderr
    filled = amharic.read_text().replace('text: ""', 'text: "ትብብር ላይ ማሰላሰል"')
    amharic.write_text(filled)
    result = cli("protocols", "validate", str(protocol))
    assert result.exit_code == 0, result.stderr
    assert "translated: am, es" in result.stdout or "translated: es, am" in result.stdout
    read, _ = translations.in_language(catalog.load_file(protocol), "am")
    assert read.title == "ትብብር ላይ ማሰላሰል" and read.language == "am"


def test_a_skeleton_keeps_what_a_translation_already_says() -> None:
    protocol, _ = catalog.find("partnership-reflection")
    found, _ = translations.load_all(protocol)
    again = skeleton(protocol, "es", kept=found["es"])
    assert '"Reflexión sobre un enfoque de alianza centrado en las personas"' in again
    assert (BUILTINS / "partnership-reflection.es.yaml").read_text() == again


def test_a_translation_can_live_in_the_protocol_file(write_yaml: Any, cli: Any) -> None:
    from conftest import MINIMAL_PROTOCOL

    plain = write_yaml("qs/tiny.yaml", MINIMAL_PROTOCOL)
    protocol = catalog.load_file(plain)
    texts = {
        key: {"source": fingerprint(text), "text": f"vi: {text}"}
        for key, text in translations.sources(protocol).items()
    }
    import yaml

    embedded = yaml.safe_dump(
        {"translations": [{"language": "vi", "translator": "Nguyễn Thị Lan", "texts": texts}]},
        allow_unicode=True,
    )
    plain.write_text(plain.read_text() + embedded)
    result = cli("protocols", "validate", str(plain))
    assert result.exit_code == 0, result.stderr
    read, _ = translations.in_language(catalog.load_file(plain), "vi")
    assert read.domains[0].questions[0].prompt == "vi: What do we share?"
