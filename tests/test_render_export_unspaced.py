"""A name in Han ideographs typed with a space between family and given name is the
person whole: no character of it is left beside the label (render/export/unspaced)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import redactor_of
from reflect_cli.model import Participant
from reflect_cli.render import export as exporting
from reflect_cli.render.export.redact import Redactor

#: Spaces people type between a family and a given name: ASCII, ideographic, no-break,
#: thin, two of them, a tab.
SPACES = [" ", "\u3000", "\u00a0", "\u2009", "  ", "\t"]
#: (roster name, family name as typed, given name as typed): one- to three-character
#: family names, one- to three-character given names, Chinese and Japanese.
SPLIT = [
    ("王小明", "王", "小明"),
    ("李雷", "李", "雷"),
    ("欧阳娜娜", "欧阳", "娜娜"),
    ("欧阳娜", "欧阳", "娜"),
    ("山田太郎", "山田", "太郎"),
    ("田中一郎", "田中", "一郎"),
    ("长谷川健一", "长谷川", "健一"),
    ("山田はなこ", "山田", "はなこ"),  # a given name in kana
    ("佐藤エリカ", "佐藤", "エリカ"),
    ("佐々木健一", "佐々木", "健一"),  # with the iteration mark
]


def redactor(names: list[str]) -> Redactor:
    return redactor_of(
        *(Participant(name, f"Org {n}", "Staff", f"p{n}") for n, name in enumerate(names))
    )


@pytest.mark.parametrize("space", SPACES)
@pytest.mark.parametrize(("name", "family", "given_name"), SPLIT)
def test_a_han_name_typed_with_a_space_is_one_label(
    name: str, family: str, given_name: str, space: str
) -> None:
    found = redactor([name])
    for before, after in (("我和", "见面。"), ("", "说好。"), ("昨天", "さんが来た。")):
        said = f"{before}{family}{space}{given_name}{after}"
        shown = found.text(said)
        assert not set(name) & set(shown), (said, shown)
        assert shown.startswith(before + "Org 0 (Staff") and shown.endswith(after), shown
        assert found.undecided == []
        with pytest.raises(exporting.redact.RedactionError):
            found.check(f"fine\n{said}", "md")


def test_a_single_character_alone_is_still_no_name() -> None:
    """李 is inside 行李 ("luggage"): a one-character part is found only with the rest of
    the name or an honorific, as before."""
    found = redactor(["李雷", "王小明"])
    for said in ("行李 很重。", "国王 来了。", "李 和 王"):
        assert found.text(said) == said


#: Han letters, not the "好" the text said around the name holds (else the test's own
#: word would count as a piece of the name left: "「一 好」，好。").
_HAN = st.integers(0x4E00, 0x9FFF).map(chr).filter(lambda c: c != "好")


@settings(max_examples=60, deadline=None)
@given(
    st.lists(_HAN, min_size=2, max_size=4).map("".join),
    st.integers(1, 3),
    st.sampled_from(SPACES),
)
def test_any_han_name_split_after_its_family_name_is_the_person(
    name: str, cut: int, space: str
) -> None:
    cut = min(cut, len(name) - 1)
    said = f"「{name[:cut]}{space}{name[cut:]}」，好。"
    shown = redactor([name]).text(said)
    assert not set(name) & set(shown), (said, shown)


@pytest.mark.parametrize(
    "said", ["老王说好。", "昨天小王来了。", "阿明在吗？", "我们和老李见面。", "阿雷说好。"]
)
def test_a_chinese_name_as_friends_call_the_person_is_the_person(said: str) -> None:
    # "老" or "小" before the family name, "阿" before the given name's last character.
    found = redactor(["王小明", "李雷"])
    shown = found.text(said)
    assert not {"王", "明", "李", "雷"} & set(shown), shown
    assert found.undecided == []
    # Neither is a word alone, nor in other words: "小学生", "老师", "阿姨".
    for word in ("小学生来了。", "老师好。", "阿姨说好。"):
        assert found.text(word) == word


@pytest.mark.parametrize("said", ["王总说好。", "昨天王哥来了。", "王姐和明哥都在。"])
def test_a_chinese_name_with_a_colleagues_title_is_the_person(said: str) -> None:
    found = redactor(["王小明", "李明"])
    shown = found.text(said)
    assert not {"王", "明"} & set(shown), shown
    assert found.text("大哥好。") == "大哥好。"
