"""Names in scripts written without spaces (Chinese, Japanese, Thai, Khmer, Burmese).

There a name has no word boundary: it is found inside text ("李雷说好。"). A name in Han
ideographs typed as one word ("山田太郎") holds its family and given names, and people
write either alone ("山田さんが来た", "太郎くん"): every first and last run of two or
more of its characters is a part of it. A single character is not a part on its own (李
is inside 行李, "luggage"); it counts only straight before an honorific ("李先生",
"雷さん"), or after a familiar "老", "小" or "阿" ("老王", "阿明"), or with the rest of
the name after a space: people type a space between
family and given name ("王 小明", "山田　太郎", a given name in kana too: "山田 はなこ"),
and the family name would be left beside the label.
"""

from __future__ import annotations

import re

#: Scripts written without spaces between words: a name there has no word boundary.
_UNSPACED = re.compile(
    "[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uf900-\ufaff\U00020000-\U0003134f]"
)
#: Han ideographs only: a name in kana or Thai is not split (its pieces are everyday text).
#: (With the iteration mark 々, written in names: "佐々木".)
_HAN = re.compile("[\u3005\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")
#: A Japanese or Chinese name: Han ideographs, with kana after them ("山田はなこ").
_HAN_AND_KANA = re.compile(
    "[\u3005\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+"
)
#: What is written straight after a family or given name to mean the person.
HONORIFICS = frozenset(
    {"先生", "老师", "老師", "女士", "小姐", "同学", "同學", "さん", "くん", "ちゃん", "様", "さま"}
    # Among colleagues and friends: "王总" (boss Wang), "王哥", "王姐", "明哥".
    | {"总", "總", "哥", "姐"}
)


def unspaced(term: str) -> bool:
    """Whether a term is written in a script without spaces (Chinese, Japanese, Thai…)."""
    return bool(_UNSPACED.search(term))


def inside_han(part: str) -> set[str]:
    """The parts inside a name part in Han ideographs of three or more characters: its
    first and last runs of two or more ("山田太郎": "山田", "太郎"; "王小明": "小明")."""
    if not _HAN.fullmatch(part) or len(part) < 3:
        return set()
    return {part[:n] for n in range(2, len(part))} | {part[-n:] for n in range(2, len(part))}


def spaced(part: str) -> set[str]:
    """A name part in Han ideographs (a given name in kana too: "山田はなこ") as typed
    with a space between family and given name: after each of its first Han ideographs
    but the last character ("王小明": "王 小明", "王小 明"; "欧阳娜娜": "欧阳 娜娜"), since a
    family name is one, two or three of them ("长谷川 健一", "山田 はなこ")."""
    if not _HAN_AND_KANA.fullmatch(part):
        return set()
    han = _HAN.match(part)  # the Han ideographs it starts with
    last = min(han.end(), len(part) - 1) if han else 0
    return {part[:n] + " " + part[n:] for n in range(1, last + 1)}


#: Written straight before a family name among people who know the person ("老王",
#: "小王"), and before a given name's last character ("阿明").
FAMILIAR_BEFORE_FAMILY = ("老", "小")
FAMILIAR_BEFORE_GIVEN = ("阿",)


def with_honorifics(part: str) -> set[str]:
    """A name part in Han ideographs: its first and last character each before an
    honorific ("李雷": "李先生", "雷さん"), the only way a single character is found,
    and, of a name of two or three (a Chinese full name's length: a Japanese one, "山田
    太郎", is mostly four), its first after "老" or "小" ("王小明": "老王", "小王") and
    its last after "阿" ("阿明"), as friends call the person."""
    if not _HAN.fullmatch(part):
        return set()
    found = {edge + honorific for edge in {part[0], part[-1]} for honorific in HONORIFICS}
    if len(part) in (2, 3):
        found |= {before + part[0] for before in FAMILIAR_BEFORE_FAMILY}
        found |= {before + part[-1] for before in FAMILIAR_BEFORE_GIVEN}
    return found - {part}
