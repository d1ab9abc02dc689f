"""A name in Hangul as people write it in Latin letters (``romanized``): a family name as
it is usually spelt ("이": "Lee", "Yi", "Rhee"), a given name syllable by syllable in the
Revised Romanization with the everyday variants ("현우": "Hyeonu", "Hyunwoo"), run
together or hyphenated ("Jimin", "Ji-min"), and a full name typed as one word as two
("김지민": "Kim Jimin")."""

from __future__ import annotations

from itertools import product

from reflect_cli.render.export.inflected import FAMILY_OF_TWO, given_names
from reflect_cli.render.export.transliterated import MOST, each_way

#: A syllable's first consonant, vowel and last consonant (Revised Romanization, with
#: the everyday variants: "ㄱ" as "k" too, "ㅓ" as "u", "ㅜ" as "oo": "Kyung", "Hyun").
_INITIAL: tuple[tuple[str, ...], ...] = (
    *(("g", "k"), ("kk",), ("n",), ("d",), ("tt",), ("r",), ("m",), ("b",), ("pp",)),
    *(("s",), ("ss",), ("",), ("j",), ("jj",), ("ch",), ("k",), ("t",), ("p",), ("h",)),
)
_VOWEL: tuple[tuple[str, ...], ...] = (
    *(("a",), ("ae",), ("ya",), ("yae",), ("eo", "u"), ("e",), ("yeo", "yu"), ("ye",)),
    *(("o",), ("wa",), ("wae",), ("oe", "oi"), ("yo",), ("u", "oo"), ("wo",), ("we",)),
    *(("wi",), ("yu", "yoo"), ("eu", "u"), ("ui",), ("i",)),
)
_LAST: tuple[str, ...] = (
    *("", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l"),
    *("p", "l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"),
)
#: Family names as they are usually spelt (Revised Romanization first).
_FAMILY = {
    **{"김": ("Kim", "Gim"), "이": ("Lee", "Yi", "Rhee", "I", "Ri"), "박": ("Park", "Pak", "Bak")},
    **{"최": ("Choi", "Choe"), "정": ("Jung", "Jeong", "Chung"), "강": ("Kang", "Gang")},
    **{"조": ("Cho", "Jo"), "윤": ("Yoon", "Yun"), "장": ("Jang", "Chang"), "임": ("Lim", "Im")},
    **{"한": ("Han",), "오": ("Oh", "O"), "서": ("Seo", "Suh"), "신": ("Shin", "Sin")},
    **{"권": ("Kwon", "Gwon"), "황": ("Hwang",), "안": ("Ahn", "An"), "송": ("Song",)},
    **{"류": ("Ryu", "Yoo", "Yu"), "유": ("Yoo", "Yu"), "전": ("Jeon", "Jun", "Chun")},
    **{"홍": ("Hong",), "고": ("Ko", "Go"), "문": ("Moon", "Mun"), "양": ("Yang",)},
    **{"손": ("Son", "Sohn"), "배": ("Bae", "Pae"), "백": ("Baek", "Paik", "Baik")},
    **{"허": ("Heo", "Hur", "Huh"), "남": ("Nam",), "심": ("Shim", "Sim"), "노": ("Noh", "Roh")},
    **{"곽": ("Kwak", "Gwak"), "성": ("Sung", "Seong"), "주": ("Joo", "Ju", "Chu")},
    **{"우": ("Woo", "U"), "구": ("Koo", "Gu", "Ku"), "나": ("Na", "Ra"), "진": ("Jin", "Chin")},
    **{"엄": ("Eom", "Um"), "천": ("Cheon", "Chun"), "방": ("Bang",), "공": ("Kong", "Gong")},
    **{"현": ("Hyun", "Hyeon"), "변": ("Byun", "Byeon"), "염": ("Yeom", "Yum")},
    **{"여": ("Yeo", "Yoh"), "추": ("Choo", "Chu"), "석": ("Seok", "Suk"), "선": ("Sun", "Seon")},
    **{"설": ("Seol", "Sul"), "길": ("Gil", "Kil"), "연": ("Yeon", "Yun"), "명": ("Myung",)},
    **{"기": ("Ki", "Gi"), "육": ("Yuk", "Yook"), "국": ("Kook", "Guk"), "편": ("Pyun",)},
    **{"경": ("Kyung", "Gyeong"), "남궁": ("Namgung", "Namkung"), "황보": ("Hwangbo",)},
    **{"제갈": ("Jegal",), "선우": ("Sunwoo", "Seonu"), "독고": ("Dokgo", "Dokko")},
    **{"사공": ("Sagong",), "서문": ("Seomun",), "동방": ("Dongbang",)},
}


def _syllable(char: str) -> tuple[str, ...]:
    code = ord(char) - 0xAC00
    if not 0 <= code < 11172:
        return (char,)
    first, vowel, last = _INITIAL[code // 588], _VOWEL[code % 588 // 28], _LAST[code % 28]
    if not first[0] and vowel[0] in ("u", "i"):  # "우" is "Woo", "이" is "Yi" in a name
        vowel = ("u", "woo") if vowel[0] == "u" else ("i", "yi")
    return tuple(f + v + last for f, v in product(first, vowel))


def _hangul_given(word: str) -> list[str]:
    """A given name syllable by syllable: run together and hyphenated ("Jimin", "Ji-min";
    typed "Ji min" too, which the matcher reads as the hyphenated one)."""
    found: list[str] = []
    for way in each_way([_syllable(c) for c in word]):
        found += dict.fromkeys(("".join(way).capitalize(), "-".join(way).capitalize()))
    return found[:MOST]


def hangul_ways(word: str) -> list[tuple[str, ...]]:
    """A Hangul word's ways: a full name as two words ("김지민": "Kim Jimin"), a family
    name of one or two syllables as it is usually spelt, a given name."""
    given = given_names(word)
    if given:
        (name,) = given
        families = _hangul_family(word[: len(word) - len(name)])
        names = _hangul_given(name)
        return [(f, g) for f, g in each_way([tuple(families), tuple(names)])]
    if len(word) == 1 or word in FAMILY_OF_TWO:
        return [(f,) for f in _hangul_family(word)]
    return [(g,) for g in _hangul_given(word)]


def _hangul_family(word: str) -> list[str]:
    if word in _FAMILY:
        return list(_FAMILY[word])
    return [s.capitalize() for s in ("".join(w) for w in each_way([_syllable(c) for c in word]))]
