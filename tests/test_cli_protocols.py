"""`reflect protocols list|show|validate` through the real CLI."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import MINIMAL_PROTOCOL


def test_list_shows_both_builtins(cli: Any) -> None:
    result = cli("protocols", "list")
    assert result.exit_code == 0
    assert "partnership-reflection" in result.stdout
    assert "equitable-partnerships" in result.stdout


def test_list_includes_questions_dir_and_warns_about_broken_files(
    cli: Any, write_yaml: Any, tiny_protocol: Path
) -> None:
    write_yaml("qs/broken.yaml", "id: broken\ntitle: [oops\n")
    result = cli("protocols", "list", "--questions-dir", str(tiny_protocol.parent))
    assert result.exit_code == 0
    assert "tiny" in result.stdout
    assert "broken.yaml:3" in result.stderr and "YAML syntax error" in result.stderr


def test_show_renders_every_domain_and_the_video(cli: Any) -> None:
    result = cli("protocols", "show", "partnership-reflection")
    assert result.exit_code == 0
    flat = " ".join(result.stdout.split())
    for title in (
        "ALIGNMENT OF GOALS, VALUES, & VISION",
        "EQUITY",
        "LEADERSHIP",
        "COORDINATION",
        "NAVIGATING CONFLICT",
    ):
        assert title in flat
    assert "https://www.youtube.com/watch?v=3TzGTfDYVak" in flat
    assert "32 minutes" in flat


def test_show_lists_choices_and_scales(cli: Any) -> None:
    flat = " ".join(cli("protocols", "show", "equitable-partnerships").stdout.split())
    assert "1) Cooperative" in flat and "3) Integrated" in flat
    assert "scale 1 to 5: 1 = Not yet" in flat
    assert "[shared-leadership; scale, named round]" in flat


def test_show_speaks_the_reader_s_language(cli: Any, monkeypatch: Any, tiny_protocol: Path) -> None:
    for args in (["--lang", "es"], ["--lang=es-MX"]):
        result = cli("protocols", "show", "equitable-partnerships", *args)
        assert result.exit_code == 0, result.stderr
        flat = " ".join(result.stdout.split())
        assert "1. ¿Qué tipo describe mejor nuestra alianza hoy?" in flat
        assert "[partnership-type-now; opción, ronda con nombre, obligatoria]" in flat
        assert "escala de 1 a 5: 1 = Todavía no" in flat
        assert "Which type" not in flat and "scale" not in flat
    monkeypatch.setenv("REFLECT_LANG", "es")
    flat = " ".join(cli("protocols", "show", "partnership-reflection").stdout.split())
    assert "Antes de las preguntas: Vean este video" in flat and "(32 minutos)" in flat
    assert "ALINEACIÓN DE METAS, VALORES Y VISIÓN" in flat and "EQUITY" not in flat
    # A protocol with no Spanish translation: said in Spanish, shown as written.
    result = cli("protocols", "show", str(tiny_protocol))
    assert result.exit_code == 0 and "What do we share?" in result.stdout
    assert "el protocolo 'tiny' no tiene traducción al idioma es" in result.stderr


def test_show_unknown_protocol_is_one_line_exit_2(cli: Any) -> None:
    result = cli("protocols", "show", "nope")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "no protocol with id 'nope'" in result.stderr
    assert "Traceback" not in result.stderr


def test_validate_ok_and_typo(cli: Any, write_yaml: Any, tiny_protocol: Path) -> None:
    assert cli("protocols", "validate", str(tiny_protocol)).exit_code == 0
    bad = write_yaml("typo.yaml", MINIMAL_PROTOCOL.replace("prompt: What do we share?", "promt: X"))
    result = cli("protocols", "validate", str(tiny_protocol), str(bad))
    assert result.exit_code == 2
    assert f"{bad}:9: unknown key 'promt' in question (did you mean 'prompt'?)" in result.stderr
    assert f"{tiny_protocol}: ok" in result.stdout


def test_validate_says_each_problem_in_the_reader_s_language_keys_as_they_are(
    cli: Any, write_yaml: Any, tiny_protocol: Path
) -> None:
    """The file's keys and ids are ids: they stay as written; what is wrong is said in
    Spanish, every line of it (no English sentence of ours)."""
    bad = write_yaml(
        "typo.yaml",
        MINIMAL_PROTOCOL.replace("prompt: What do we share?", "promt: X")
        .replace("kind: multi", "kind: multy")
        .replace("id: q-two", "id: Q Two")
        .replace("max: 5", "max: [5]"),
    )
    translation = write_yaml(
        "qs/tiny.es.yaml",
        "translates: tiny\nlanguage: es\ntranslator: Ana\ntexts:\n"
        "  title: {source: '00000000', text: Pequeño}\n"
        "  questions.nope.prompt: {source: '1', text: ¿Qué?}\n",
    )
    result = cli("--lang", "es", "protocols", "validate", str(bad), str(translation))
    assert result.exit_code == 2
    said = result.stderr
    for spanish in (
        f"{bad}:9: clave desconocida 'promt' en pregunta (¿quiso decir 'prompt'?)",
        "pregunta: el id 'Q Two' no está en kebab-case (como 'shared-values')",
        "tipo desconocido 'multy' (¿quiso decir 'multi'?); uno de: text, choice",
        "escala: 'max' debe ser un número entero, no una lista",
        f"{translation}:6: es: clave desconocida 'questions.nope.prompt'",
        "es: title está desactualizado (su texto de origen cambió; revise la traducción",
        f"{translation}:1: es: falta questions.q-one.prompt",
    ):
        assert spanish in said, said
    for english in ("unknown key", "is not kebab-case", "must be", "out of date", "missing"):
        assert english not in said
    # The YAML reader's own problems too (libyaml's wording of a syntax error aside).
    twice = write_yaml("twice.yaml", "id: x\nid: y\n")
    said = cli("--lang", "es", "protocols", "validate", str(twice)).stderr
    assert f"{twice}:2: clave repetida 'id'" in said
    english = cli("protocols", "validate", str(bad)).stderr
    assert f"{bad}:9: unknown key 'promt' in question (did you mean 'prompt'?)" in english
    assert "scale 'max' must be a whole number, not a list" in english


def test_validate_refuses_python_tags(cli: Any, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    evil = tmp_path / "evil.yaml"
    evil.write_text(f'!!python/object/apply:os.system ["touch {marker}"]\n', encoding="utf-8")
    result = cli("protocols", "validate", str(evil))
    assert result.exit_code == 2 and "unsupported tag" in result.stderr
    assert not marker.exists()
