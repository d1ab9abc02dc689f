"""A Spanish PDF of a session holding Vietnamese, Chinese, Korean and Amharic: printed by
Chromium with the system's fonts, every script's text extracted intact."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from test_session_language import ANSWERS

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
POPPLER = shutil.which("pdftotext") and shutil.which("pdffonts")
needs_tools = pytest.mark.skipif(
    CHROMIUM is None or not POPPLER, reason="chromium and poppler-utils are not installed"
)
SAID = {
    "vi": "Chúng tôi cần họp thường xuyên hơn. Nguyễn Thị Lan đồng ý.",
    "zh": "我们需要更多信任。",
    "ko": "우리는 더 많은 신뢰가 필요합니다.",
    "am": "ብዙ ቤተሰቦች መጡ",
}


@pytest.mark.slow
@needs_tools
def test_a_spanish_pdf_keeps_every_script(cli: Any, tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    text = ANSWERS.format(date="2026-11-20").replace(
        'hallmarks-evidence: "hope: ብዙ ቤተሰቦች መጡ"',
        f'hallmarks-evidence: "hope: {SAID["am"]}\\nlan: {SAID["zh"]} {SAID["ko"]} {SAID["vi"]}"',
    )
    answers.write_text(text, encoding="utf-8")
    made = cli("start", "equitable-partnerships", "--answers", str(answers), "--no-input")
    assert made.exit_code == 0, made.stderr
    target = tmp_path / "resumen.pdf"
    result = cli("export", "last", "--lang", "es", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    extracted = subprocess.run(
        ["pdftotext", str(target), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(extracted.split())
    for said in SAID.values():
        assert " ".join(said.split()) in flat, said
    assert "Quiénes participaron" in flat and "Who took part" not in flat
    fonts = subprocess.run(
        ["pdffonts", str(target)], capture_output=True, text=True, check=True
    ).stdout
    # Ethiopic is drawn with a font that has it (not a box from a Latin one).
    assert "Ethiopic" in fonts
