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


def test_validate_refuses_python_tags(cli: Any, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    evil = tmp_path / "evil.yaml"
    evil.write_text(f'!!python/object/apply:os.system ["touch {marker}"]\n', encoding="utf-8")
    result = cli("protocols", "validate", str(evil))
    assert result.exit_code == 2 and "unsupported tag" in result.stderr
    assert not marker.exists()
