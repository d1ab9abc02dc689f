"""Names in scripts that attach grammar to the name: Korean particles and a given name
written alone, Arabic and Hebrew prefixes and the article, Russian and Greek case
endings; found by `--redact` and `check-names`, never made of an ordinary word
(render/export/inflected)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import make_session, redactor_of
from reflect_cli.folding import fold
from reflect_cli.model import Participant
from reflect_cli.records.word_choices import WordChoices
from reflect_cli.render import export as exporting
from reflect_cli.render.export import inflected
from reflect_cli.render.export.redact import Redactor

ROSTER = ["김지민", "수지 박", "فاطمة الزهراء", "משה כהן", "דוד לוי", "Ольга Петрова"]
ROSTER += ["Дмитрий Иванов", "Γιώργος Παπαδόπουλος", "Monica Haugen", "ተስፋዬ አበበ"]


def redactor(names: list[str], choices: WordChoices | None = None) -> Redactor:
    return redactor_of(
        *(Participant(name, f"Org {n}", "Staff", f"p{n}") for n, name in enumerate(names)),
        decisions=choices,
    )


#: How the attacker's pass wrote them: each at the start of a sentence.
LEAKED = [
    *("지민이 말했다.", "지민은 좋아요.", "지민의 계획.", "지민에게 물었다.", "지민씨 고마워요."),
    *("김지민이 왔다.", "수지가 왔다.", "수지는 괜찮다."),
    *(
        "وفاطمة قالت.",
        "لفاطمة خطة.",
        "بفاطمة نبدأ.",
        "فاطمه قالت.",
        "والزهراء معنا.",
        "للزهراء خطة.",
    ),
    *("ומשה אמר.", "לדוד יש תוכנית.", "הדוד הגיע.", "שמשה אמר."),
    *("Ольги нет.", "Ольге понравилось.", "Ольгу позвали.", "Ольгой довольны."),
    *("Дмитрия нет.", "Дмитрию понравилось.", "Петровой звонили.", "Иванову звонили."),
    *("Γιώργο είδαμε.", "Γιώργου το σχέδιο.", "Παπαδόπουλου η ιδέα."),
    *("የተስፋዬ ሀሳብ ጥሩ ነው።", "ለአበበ ደወልኩ።", "አበበን አየሁት።", "ከተስፋዬም ሰማሁ።", "እንደአበበ ነው።"),
]


@pytest.mark.parametrize("said", LEAKED)
def test_the_attackers_forms_are_replaced_and_checked(said: str) -> None:
    found = redactor(ROSTER)
    shown = found.text(said)
    form = said.split()[0]
    assert form not in shown and found.undecided == [], shown
    with pytest.raises(exporting.redact.RedactionError):
        found.check(f"fine\n{said}", "md")


def test_inside_a_sentence_a_form_in_a_script_without_case_follows_the_decision() -> None:
    """No capital tells a name there: the export stops and asks once for the name part
    (not for each form), and obeys the decision for every form."""
    said = ["우리는 지민에게 말했다.", "قلنا لفاطمة شيئا.", "אמרנו ומשה שלום."]
    found = redactor(ROSTER)
    for text in said:
        assert found.text(text) == text
    assert [p.decide for p in found.undecided] == ["지민", "فاطمة", "משה"]
    as_name = redactor(ROSTER, WordChoices(names={fold(w) for w in ("지민", "فاطمة", "משה")}))
    for text in said:
        assert text.split()[1] not in as_name.text(text)
    assert as_name.undecided == []
    as_word = redactor(ROSTER, WordChoices(words={fold(w) for w in ("지민", "فاطمة", "משה")}))
    assert [as_word.text(text) for text in said] == said and as_word.undecided == []


#: A Korean full name inside a sentence with an honorific and/or a particle after it,
#: straight after or after a space.
FULL = [
    *("어제 김지민씨는 왔어요.", "어제 김지민 씨가 왔어요.", "우리는 김지민님께 말했다."),
    *("우리는 김지민 선생님께 말했다.", "우리는 김지민에게 말했다.", "우리는 김지민을 만났다."),
    *("우리는 김지민 님과 만났다.", "그리고 남궁민수씨도 왔다.", "그리고 남궁민수 선생님이 왔다."),
]


@pytest.mark.parametrize("said", FULL)
@pytest.mark.parametrize("decided", ["", "word"])
def test_a_korean_full_name_with_an_honorific_or_particle_is_never_asked(
    said: str, decided: str
) -> None:
    """The family and given name together are never an everyday word: replaced without
    asking, and a decision that "지민" or the full name is a word (an earlier answer,
    kept for the folder) keeps neither."""
    names = ["김지민", "남궁민수"]
    words = {fold(w) for w in ("김지민", "지민", "남궁민수", "민수")} if decided else set()
    found = redactor(names, WordChoices(words=words))
    shown = found.text(said)
    assert not set("김지민남궁수") & set(shown), shown
    assert shown.split()[1].startswith("Org") and found.undecided == [], shown
    with pytest.raises(exporting.redact.RedactionError):
        found.check(f"fine\n{said}", "md")


def test_a_korean_given_name_alone_is_still_asked_about() -> None:
    found = redactor(["김지민"])
    assert found.text("우리는 지민씨를 만났다.") == "우리는 지민씨를 만났다."
    assert [p.decide for p in found.undecided] == ["지민"]


@pytest.mark.parametrize(
    ("names", "said"),
    [
        (["김민주"], "민주주의가 중요하다. 김이 맛있다."),  # 민주 inside democracy; 김 + particle
        (["أمل حسن"], "الأمل كبير."),  # the article is not written onto a name that has none
        (["דן לוי", "טל כהן"], "לדן. בטל."),  # two letters: too short for a prefix
        (["Ира Ким", "Оля Ли"], "Иры нет. Оли нет."),  # a stem of two letters: none
        (["Ζωή Νίκου"], "Ζωής."),
        (["Monica Haugen"], "Monicaы. Monicaου."),  # Latin script takes none of them
    ],
)
def test_a_short_part_makes_no_form_and_an_ordinary_word_stays(names: list[str], said: str) -> None:
    found = redactor(names)
    assert found.text(said) == said and found.undecided == []


_HANGUL = st.integers(0xAC00, 0xD7A3).map(chr)
_CYRILLIC = st.sampled_from("бвгдзклмнпрстфхцчшщ")
_VOWELS = st.sampled_from("аоуэи")


@settings(max_examples=60, deadline=None)
@given(
    st.lists(_HANGUL, min_size=2, max_size=3).map("".join),
    st.sampled_from(sorted(inflected.PARTICLES)),
)
def test_a_hangul_name_with_any_particle_is_the_person(name: str, particle: str) -> None:
    import unicodedata

    written = unicodedata.normalize("NFC", particle)
    family = "김" + name  # the full name; the given name is said alone
    found = redactor([family])
    for said in (f"{family}{written} 왔다.", f"{name}{written} 왔다."):
        shown = found.text(said)
        assert shown.startswith("Org 0 (Staff") and found.undecided == [], (said, shown)
    inside = found.text(f"어제 {family}{written} 왔다.")  # the full name: never asked
    assert inside.startswith("어제 Org 0 (Staff") and found.undecided == [], inside


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(_CYRILLIC, _VOWELS), min_size=2, max_size=3),
    st.sampled_from(["а", "я", "ий", "ей", "", "ь", "ова", "ский"]),
)
def test_every_russian_form_is_the_person_and_no_short_stem_has_one(
    syllables: list[tuple[str, str]], ending: str
) -> None:
    stem = "".join(c + v for c, v in syllables)
    name = (stem + ending).capitalize()
    found = redactor([f"{name} Smith"])
    for form in inflected.forms(name):
        assert sum(c.isalpha() for c in form) > inflected.STEM_LETTERS
        shown = found.text(f"Вчера {form} звонил.")
        assert form not in shown and found.undecided == [], (name, form, shown)


@given(st.text("abcdefghijklmnopqrstuvwxyzéüñçøABCDEFGHIJ'", min_size=1, max_size=12))
def test_a_name_in_latin_script_has_no_forms_here(part: str) -> None:
    assert inflected.forms(part) == set()
    assert inflected.script(part) == ""


#: What the meeting below said: a form of each of its people's names.
_SAID = [s for s in LEAKED if "수지" not in s and "דוד" not in s and "Дмитри" not in s]
_SAID = [s for s in _SAID if "Иванов" not in s]


def test_export_and_check_names_find_them(cli: Any, sessions_dir: Path, tmp_path: Path) -> None:
    make_session(
        sessions_dir,
        "partnership-reflection",
        people=[
            "김지민 | Korean Community Service Center | Parent",
            "فاطمة الزهراء | Somali Family Association | Parent",
            "משה כהן | Jewish Family Service | Staff",
            "Ольга Петрова | Refugee Women's Alliance | Staff",
            "Γιώργος Παπαδόπουλος | Greek Church | Volunteer",
            "ተስፋዬ አበበ | Ethiopian Community in Seattle | Parent",
        ],
        answers={"shared-values": "\n".join(_SAID)},
    )
    target = tmp_path / "out.md"
    result = cli("export", "--redact", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    written = target.read_text(encoding="utf-8")
    for said in _SAID:
        assert said.split()[0] not in written
    assert cli("check-names", str(target)).exit_code == 0
    planted = tmp_path / "note.md"
    planted.write_text("지민에게 물었다.\nУ Ольги план.\nומשה אמר.\n", encoding="utf-8")
    found = cli("check-names", str(planted))
    assert found.exit_code == 2
    assert [line.split(": ")[0] for line in found.stdout.splitlines() if line] == [
        f"{planted}:1",
        f"{planted}:2",
        f"{planted}:3",
    ]


@pytest.mark.parametrize(
    ("roster", "said"),
    [
        ("박현우", "어제 박 선생님이 왔어요."),
        ("박현우", "박선생님 감사합니다."),
        ("김 지민", "그리고 김씨가 말했다."),
        ("남궁민수", "남궁 사장님께 물었다."),
    ],
)
def test_a_korean_family_name_with_a_title_is_the_person(roster: str, said: str) -> None:
    # As colleagues name someone: the family name and a title, with a space or without;
    # never asked (the title says it is a person), and "박수", "김치" stay words.
    found = redactor([roster])
    shown = found.text(said)
    assert roster[0] not in shown, shown
    assert found.undecided == []
    assert found.text("박수를 쳤다. 김치를 먹었다.") == "박수를 쳤다. 김치를 먹었다."
