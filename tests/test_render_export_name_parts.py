"""`--redact` and short name parts or name parts that are words: an ending makes a name
only of a part of four letters or more and never an everyday word; a name part in lower
case inside a sentence is never replaced silently (render/export/names)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import redactor_of
from reflect_cli.model import Participant, ProtocolRef, Session, SessionStatus
from reflect_cli.records.word_choices import WordChoices
from reflect_cli.render import export as exporting
from reflect_cli.render.export.everyday import COMMON_WORDS
from reflect_cli.render.export.redact import Redactor


def redactor(names: list[str], choices: WordChoices | None = None) -> Redactor:
    return redactor_of(
        *(
            Participant(name, "Rainier Beach High", "Staff", f"p{n}")
            for n, name in enumerate(names)
        ),
        decisions=choices,
    )


@pytest.mark.parametrize(
    ("names", "said"),
    [
        (["Nguyễn Thị Lan"], "We like this plan."),
        (["Thu Ha", "Ye Lin"], "Yes, it works. Has it? Thus we agreed."),
        (["Carmen Lo", "Min Jun Park"], "She moved to Los Angeles; back in 10 mins."),
        (["Ann Well"], "The wells ran dry."),
        (["Sun Day", "Bob Ill"], "We met on sunday to pay the bill."),
    ],
)
def test_an_ending_never_makes_a_word_a_name(names: list[str], said: str) -> None:
    found = redactor(names)
    assert found.text(said) == said
    assert found.undecided == []


def test_a_long_name_part_still_takes_its_ending() -> None:
    found = redactor(["Monica Haugen"])
    assert "Monicas" not in found.text("Monicas plan, the Haugens came.")
    assert "Haugens" not in found.text("Monicas plan, the Haugens came.")


@pytest.mark.parametrize(
    ("names", "said", "words"),
    [
        (["Skip Johnson", "Kit Chen"], "We skip lunch. A first aid kit.", ["skip", "kit"]),
        (["Tom Rice", "Chip Church"], "We had rice, chip in at the church hall.", None),
        (["Esperanza Ortiz", "Luz Paz"], "Tenemos esperanza y paz; la luz.", None),
        (["Ed Smith"], "Driver ed class.", ["ed"]),
    ],
)
def test_a_name_part_in_lower_case_inside_a_sentence_is_undecided(
    names: list[str], said: str, words: list[str] | None
) -> None:
    found = redactor(names)
    assert found.text(said) == said  # kept as it is, and the export stops
    listed = [place.word for place in found.undecided]
    assert listed and (words is None or listed == words)
    parts = {p.word.lower() for p in found.undecided}
    as_word = redactor(names, WordChoices(words=parts))
    assert as_word.text(said) == said and as_word.undecided == []
    as_name = redactor(names, WordChoices(names=parts))
    shown = as_name.text(said)
    assert as_name.undecided == [] and all(p not in shown.lower().split() for p in parts)


def test_capitalised_or_at_a_credit_s_start_a_name_part_is_the_name() -> None:
    found = redactor(["Tom Rice", "Ed Smith"])
    shown = found.text("Then Rice said hi.\ned: we agreed.\nrice said so.")
    assert "Rice" not in shown and "ed:" not in shown and "rice" not in shown
    assert found.undecided == []


_PART = st.one_of(
    st.sampled_from(sorted(COMMON_WORDS)).map(str.capitalize),
    st.sampled_from(["Thị", "Lan", "Ye", "Ha", "Lo", "Min", "Thu", "Well", "Mile", "Sun"]),
    st.text("abcdefghilmnorstuwy", min_size=1, max_size=6).map(str.capitalize),
)
_NAME = st.lists(_PART, min_size=1, max_size=3).map(" ".join)
_WORD = st.sampled_from(sorted(COMMON_WORDS)).flatmap(
    lambda w: st.sampled_from([w, w + "s"] if not w.endswith("s") else [w])
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_NAME, min_size=1, max_size=4), st.lists(_WORD, min_size=1, max_size=12))
def test_a_sentence_of_everyday_words_comes_out_unchanged_whatever_the_roster(
    names: list[str], words: list[str]
) -> None:
    said = "10 " + " ".join(words) + "."
    found = redactor(names)
    assert found.text(said) == said
    assert found.undecided == []


def with_handles(people: dict[str, str]) -> Redactor:
    """A redactor of people by name, each with the given session handle."""
    session = Session(
        id="2026-09-01-x",
        protocol=ProtocolRef("tiny", 1, "Tiny"),
        collaborative="Northgate",
        date="2026-09-01",
        status=SessionStatus.COMPLETE,
        participants=[
            Participant(name, f"Org {n}", "Staff", handle)
            for n, (name, handle) in enumerate(people.items())
        ],
    )
    return exporting.redactor([session])


#: People whose session handles are everyday words, short, lower-case name parts, or
#: hold a digit.
_BY_HANDLE = {
    "hope": "Hope Diaz",
    "grace": "Grace Kim",
    "may": "May Chen",
    "will": "Will Ortiz",
    "mh": "Monica Haugen",
    "lan": "Nguyễn Thị Lan",
    "skipper": "Skip Jones",
    "monica2": "Monica Berg",
    "ed": "Ed Smith",
}
#: Everyday words that are no one's name here, to write around a mention.
_AROUND = sorted(COMMON_WORDS - {w.lower() for name in _BY_HANDLE.values() for w in name.split()})


@settings(max_examples=120, deadline=None)
@given(
    st.sampled_from(sorted(_BY_HANDLE)),
    st.lists(st.sampled_from(_AROUND), max_size=6),
    st.lists(st.sampled_from(_AROUND), max_size=6),
    st.sampled_from(["", "(", "thanks ", "- ", "**"]),
)
def test_a_handle_written_with_an_at_sign_is_always_its_person(
    handle: str, before: list[str], after: list[str], opening: str
) -> None:
    found = with_handles({name: h for h, name in _BY_HANDLE.items()})
    said = " ".join([*before, opening + f"@{handle}", *after]) + "."
    shown = found.text(said)
    assert f"@{handle}" not in shown.lower() and found.undecided == []
    assert found.owner(handle) in shown  # the label of the handle's owner
    # An e-mail address is not a mention: its own rule (an everyday word there is the
    # person only before the "@").
    assert found.text("write to info@hope.org") == "write to info@hope.org"


def test_a_name_with_an_ending_is_decided_as_the_name() -> None:
    """ "monicas" in lower case inside a sentence: the word to decide is "Monica" (a
    decision on "monicas" would never be asked about again, nor obeyed)."""
    found = redactor(["Monica Haugen"])
    assert found.text("we liked monicas plan") == "we liked monicas plan"
    (place,) = found.undecided
    assert (place.word, place.term, place.decide) == ("monicas", "monica", "Monica")
    decided = redactor(["Monica Haugen"], WordChoices(names={"monica"}))
    assert "monicas" not in decided.text("we liked monicas plan") and decided.undecided == []


def test_an_everyday_names_plural_capitalised_inside_a_sentence_is_asked_about() -> None:
    """ "We liked Graces plan" with a Grace Kim: asked about as "Grace" (never kept
    silently); "Hopes are high" at a sentence's start and "Seattle Parks" stay words."""
    found = redactor(["Grace Kim", "Hope Diaz", "Min Jun Park"])
    assert found.text("We liked Graces plan.") == "We liked Graces plan."
    (place,) = found.undecided
    assert (place.word, place.term, place.decide) == ("Graces", "grace", "Grace")
    said = "Hopes are high. We met Seattle Parks staff."
    assert found.text(said) == said and len(found.undecided) == 1
