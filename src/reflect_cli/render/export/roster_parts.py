"""The words of a name as the roster holds it, however it was punctuated.

A roster name is not always "First Last": "Nakamura, Kenji" (family name first, with a
comma), "Diego (Dee) Alvarez" and 'Robert "Bobby" Jones' (a nickname in brackets or
quotes), "Anita/Ana Smithson" (two given names). Each word is a part of the name that
--redact must find, so a name is split on every character that cannot be inside a name:
anything but a letter, a mark, a digit or an invisible character, and an apostrophe only
inside a word ("O'Connor", "N’Diaye"). A hyphen parts words too, as it always did
("Ana-María": "Ana", "María").

The forms of a name (``name_forms``) are made from each way it can be said
(``readings``): the name as typed with its nickname, without it, and with the nickname in
place of the word it stands for ("Dee Alvarez"), so "diegoalvarez" and "deealvarez" are
its handles as much as "diegodeealvarez".
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from reflect_cli.folding import fold

#: Quotation marks that open and close alike, besides Unicode's opening and closing
#: quotes ("“Bobby”", "«Pepe»", "„Hansi“"): a nickname is between them ('"Bobby"'), or between
#: apostrophes used as quotation marks at a word's edge ("'Bobby'"). A nickname in
#: brackets ("(Dee)", "[Dee]", "「タロウ」") is told by the brackets' own categories.
_QUOTES = frozenset("\"'`´‘’‚‛′„")
#: Pronouns a roster may give in brackets ("Kenji Nakamura (they/them)"), folded: never
#: a nickname, or every "they" of a document would be taken for Kenji.
PRONOUNS = frozenset(
    (
        *("he", "him", "his", "she", "her", "hers", "they", "them", "their", "theirs"),
        *("ze", "zir", "zirs", "hir", "hirs", "xe", "xem", "xyr", "ey", "em", "eir"),
        *("fae", "faer", "it", "its", "any", "all", "pronouns", "name", "only"),
        *("el", "ella", "elle", "iel"),
    )
)
#: What follows a comma that is not a given name: "King, Jr." stays in its order.
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "v", "phd", "md", "esq", "dds"})


@dataclass(frozen=True)
class Word:
    """One word of a roster name: as typed; ``other``: another name for the word before
    it (a nickname in brackets or quotes, a name after a slash); ``abbreviated``: written
    with a dot after it ("Dr.", "J."), so not a two-letter family name."""

    typed: str
    other: bool = False
    abbreviated: bool = False


def _inside(char: str) -> bool:
    """Whether a character can be inside a name's word: a letter, a mark (accents, the
    vowel signs of Indic scripts), a digit, or one that shows nothing."""
    return unicodedata.category(char)[0] in "LMN" or not fold(char)


def _apostrophe(char: str) -> bool:
    """An apostrophe that is punctuation ("'", "’"): inside a word it joins it, at an edge
    it quotes. (The okina of "ʻIlima" and "ʼ" are letters: always the word's.)"""
    return fold(char) == "'" and unicodedata.category(char)[0] != "L"


@lru_cache(maxsize=4096)
def _split(name: str) -> tuple[Word, ...]:
    found: list[Word] = []
    word = ""
    depth, quoted, other = 0, False, False  # inside brackets, quotes; after a slash
    for index, char in enumerate(name):
        after = name[index + 1 : index + 2]
        # An apostrophe joins a word only with a letter on both sides ("O'Connor");
        # at an edge it is a quotation mark ("'Bobby'").
        inner = bool(word) and _apostrophe(char) and bool(after) and _inside(after)
        if (_inside(char) and not _apostrophe(char)) or inner:
            if not word:
                other = bool(found) and (other or depth > 0 or quoted)
            word += char
            continue
        if word:
            found.append(Word(word, other, abbreviated=char == "."))
            word, other = "", False
        category = unicodedata.category(char)
        if char in _QUOTES or category in ("Pi", "Pf"):
            quoted = not quoted  # a quotation mark opens, the next one closes
        elif category == "Ps":
            depth += 1
        elif category == "Pe":
            depth = max(depth - 1, 0)
        other = other or char == "/"
    if word:
        found.append(Word(word, other))
    return tuple(w for w in found if fold(w.typed) and not _pronoun(w))


def _pronoun(word: Word) -> bool:
    """A pronoun given in brackets or after a slash: not another name for anyone."""
    return word.other and fold(word.typed) in PRONOUNS


def in_order(name: str) -> str:
    """The name in the order it is said: "Nakamura, Kenji" is "Kenji Nakamura" (one comma,
    a name on both sides, not a suffix such as "Jr.")."""
    if name.count(",") != 1:
        return name
    before, _, after = name.partition(",")
    said = fold(after).replace(".", "").strip()
    if not fold(before).strip() or not said or said in SUFFIXES:
        return name
    return f"{after.strip()} {before.strip()}"


def typed_words(name: str) -> list[Word]:
    """Every word of the name in the order it is said, nicknames and other names too."""
    return list(_split(in_order(name)))


def split_words(text: str) -> list[Word]:
    """Every word of a text as a name's words are told apart, in the order typed."""
    return list(_split(text))


def parts(name: str) -> list[str]:
    """Every word of the name as typed, in the order it is said."""
    return [word.typed for word in typed_words(name)]


def readings(name: str) -> list[list[Word]]:
    """Each way the name is said: every word as typed; without its nicknames and other
    names ("Diego Alvarez"); and with each in place of the word it stands for ("Dee
    Alvarez", "Ana Smithson")."""
    every = typed_words(name)
    said = [word for word in every if not word.other]
    found = [every]
    if len(said) != len(every):
        found.append(said)
    position = -1
    for word in every:
        if not word.other:
            position += 1
        elif position >= 0:
            found.append([*said[:position], word, *said[position + 1 :]])
    return found


def family(name: str) -> str:
    """The word of the name that is its family name, as typed: the last word said, not a
    nickname ("Nakamura" of "Nakamura, Kenji")."""
    said = [word.typed for word in typed_words(name) if not word.other]
    while said and fold(said[-1]) in SUFFIXES:  # "King, Jr."
        said.pop()
    return said[-1] if len(said) > 1 else ""
