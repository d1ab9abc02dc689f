"""A name written in Cyrillic, Greek, Hangul or Ethiopic is the name in Latin letters
too (render/export/romanized): "Olga Petrova" of Ольга Петрова, "Kim Jimin" of 김지민."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from conftest import make_session, redactor_of
from reflect_cli.folding import fold
from reflect_cli.render import export as exporting
from reflect_cli.render.export.names import name_terms
from reflect_cli.render.export.romanized import ways
from reflect_cli.render.export.transliterated import MOST

#: (roster name, text, the words of it that are the name in Latin letters).
IN_LATIN_LETTERS = [
    ("Ольга Петрова", "Olga Petrova booked the gym.", ["Olga", "Petrova"]),
    ("Ольга Петрова", "Ask Petrova; Ol'ga agreed.", ["Petrova", "Ol'ga"]),
    ("Ольга Петрова", "Petrova's plan, write to opetrova@example.org", ["Petrova"]),
    ("Дмитрий Смирнов", "Dmitry, Dmitriy and Dmitrii Smirnov", ["Dmitr", "Smirnov"]),
    ("Юлия Хрущёва", "Yulia Khrushcheva and Hrushcheva", ["Yulia", "rushcheva"]),
    ("Алексей Жуков", "Alexei Zhukov said so", ["Alexei", "Zhukov"]),
    ("Елена Васильева", "Yelena Vasilyeva said so", ["Yelena", "Vasil"]),
    ("Γιώργος Παπαδόπουλος", "Giorgos Papadopoulos said so", ["Giorgos", "Papadopoulos"]),
    ("Γιώργος Παπαδόπουλος", "Yiorgos and Papadopulos", ["Yiorgos", "Papadopulos"]),
    ("Ελένη Χατζηδάκη", "Eleni Hatzidaki and Chatzidaki", ["Eleni", "atzidaki"]),
    ("Σοφία Μπακογιάννη", "Sofia Bakoyianni said so", ["Sofia", "Bakoyianni"]),
    ("김지민", "Kim Jimin said so", ["Kim", "Jimin"]),
    ("김지민", "Jimin Kim, Ji-min and Ji min agreed", ["Kim", "Jimin", "Ji-min", "Ji min"]),
    ("박지민", "Jimin Park and Park Ji-min agreed", ["Park", "Jimin", "Ji-min"]),
    ("이민호", "Lee Minho and Rhee Min-ho", ["Lee", "Minho", "Rhee", "Min-ho"]),
    ("정현우", "Hyunwoo Jung said so", ["Hyunwoo", "Jung"]),
    ("남궁민수", "Namgung Minsoo said so", ["Namgung", "Minsoo"]),
    ("김 지민", "Kim Jimin said so", ["Kim", "Jimin"]),
    ("አበበ በቂላ", "Abebe Bekila said so", ["Abebe", "Bekila"]),
    ("ጥሩነሽ ዲባባ", "Tirunesh Dibaba said so", ["Tirunesh", "Dibaba"]),
    ("ሀይሌ ገብረማርያም", "Haile Gebremariam said so", ["Haile", "Gebremariam"]),
]


@pytest.mark.parametrize(("name", "text", "latin"), IN_LATIN_LETTERS)
def test_a_name_in_another_script_is_replaced_in_latin_letters(
    name: str, text: str, latin: list[str]
) -> None:
    redactor = redactor_of(name)
    shown = fold(redactor.text(text))
    assert [w for w in latin if fold(w) in shown] == [], shown
    with pytest.raises(exporting.redact.RedactionError):
        redactor.check(f"fine\n{text}", "md")


def test_an_everyday_word_in_latin_letters_is_a_name_only_as_the_roster_would_have_it() -> None:
    """ "Park" of 박 is weighed as the roster's own "Park" is (beside the given name, after
    "Ms.": a name; in lower case: a word); "Yi" of 이 and "Song" of 송 are a name only
    in the full name, never replaced alone."""
    redactor = redactor_of("박지민", "이서연", "송하나")
    text = "We met in the park. Ms. Park came. Yi said yes. A song for Song Hana."
    shown = redactor.text(text)
    assert "in the park." in shown and "Park came" not in shown, shown
    assert "Yi said yes" in shown and "A song for" in shown, shown
    assert "Hana" not in shown and "Song" not in shown, shown
    _, single = name_terms("송하나")
    assert "song" not in single and "hana" in single
    _, single = name_terms("이서연")
    assert "yi" not in single and "lee" in single


def test_the_latin_spellings_of_a_word() -> None:
    assert ways("Ольга") == (("Olga",), ("Ol'ga",))
    assert ("Yulia",) in ways("Юлия") and ("Dmitry",) in ways("Дмитрий")
    assert ways("ОЛЬГА")[0] == ("OLGA",)
    assert ("Papadopoulos",) in ways("Παπαδόπουλος")
    assert ("Kim", "Jimin") in ways("김지민") and ("Kim", "Ji-min") in ways("김지민")
    assert ways("Monica") == ways("Müller") == ()
    # A long name: a bounded number of spellings, each variant throughout.
    assert 0 < len(ways("Хачатурьянцхвилищева")) <= MOST
    assert 0 < len(ways("ጥሩነሽጥሩነሽጥሩነሽ")) <= MOST


#: Notes typed in Latin letters about people the roster writes in other scripts.
_NOTES = (
    "Olga Petrova booked the gym. Giorgos Papadopoulos brought snacks. Kim Jimin and "
    "Ji-min's sister came. Abebe Bekila agreed."
)
_LEFT = ["olga", "petrova", "giorgos", "papadopoulos", "jimin", "ji-min", "abebe", "bekila"]


@pytest.mark.parametrize("fmt", ["md", "html", "csv", "json"])
def test_latin_letters_leave_no_name_in_any_format_nor_in_a_document(
    cli: Any, sessions_dir: Path, tmp_path: Path, fmt: str
) -> None:
    make_session(
        sessions_dir,
        "partnership-reflection",
        people=[
            "Ольга Петрова | Rainier Youth Soccer | Coach | op",
            "Γιώργος Παπαδόπουλος | Family Center | Parent | gp",
            "김지민 | Library | Staff | kj",
            "አበበ በቂላ | Northgate PTA | Parent | ab",
        ],
        answers={"shared-values": _NOTES},
    )
    result = cli("export", "--redact", "-f", fmt)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    out = fold(json.dumps(json.loads(out), ensure_ascii=False) if fmt == "json" else out)
    assert [w for w in _LEFT if re.search(rf"(?<![^\W\d_]){w}", out)] == []
    document = tmp_path / "notes.md"
    document.write_text(f"# Notes\n\n{_NOTES}\n", encoding="utf-8")
    found = cli("check-names", str(document))
    assert found.exit_code == 2, found.stdout + found.stderr
