"""Each question kind's behaviour, in one place: parse, check, record, show."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reflect_cli import kinds
from reflect_cli.errors import InputError
from reflect_cli.model import Choice, Kind, Question, Scale

CHOICES = (Choice("Networking", "Exchanging information"), Choice("Cooperative"))
QUESTIONS = {
    Kind.TEXT: Question("t", "What happened?"),
    Kind.CHOICE: Question("c", "Which?", Kind.CHOICE, choices=CHOICES),
    Kind.MULTI: Question("m", "Which ones?", Kind.MULTI, choices=CHOICES),
    Kind.SCALE: Question("s", "How much?", Kind.SCALE, scale=Scale(0, 10)),
    Kind.YES_NO: Question("y", "Ready?", Kind.YES_NO),
}
TYPED = {
    Kind.TEXT: ("May: we met", "May: we met"),
    Kind.CHOICE: ("2", "Cooperative"),
    Kind.MULTI: ("coop, 1", ["Networking", "Cooperative"]),
    Kind.SCALE: (" 0 ", 0),
    Kind.YES_NO: ("No", False),
}
SHOWN = {
    Kind.TEXT: "May: we met",
    Kind.CHOICE: "Cooperative",
    Kind.MULTI: "Networking, Cooperative",
    Kind.SCALE: "0",
    Kind.YES_NO: "No",
}


def test_every_kind_has_a_behaviour() -> None:
    assert set(kinds.BEHAVIOURS) == set(Kind)
    assert all(kinds.of(k).kind is k and kinds.of(k).hint for k in Kind)
    assert [k for k in Kind if kinds.of(k).over_time] == [
        Kind.CHOICE,
        Kind.MULTI,
        Kind.SCALE,
        Kind.YES_NO,
    ]
    assert [k for k in Kind if kinds.of(k).multiline] == [Kind.TEXT]


@pytest.mark.parametrize("kind", list(Kind))
def test_typed_recorded_and_shown(kind: Kind) -> None:
    typed, value = TYPED[kind]
    behaviour = kinds.of(kind)
    assert behaviour.parse(QUESTIONS[kind], typed) == value
    assert behaviour.check_recorded(value) == value
    assert behaviour.text(value) == SHOWN[kind] == kinds.answer_text(kind, value)
    assert behaviour.cell(value) == SHOWN[kind]
    assert behaviour.text(None) == "" and behaviour.cell(None) == kinds.EMPTY_CELL


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        (Kind.TEXT, 3),
        (Kind.CHOICE, ["Cooperative"]),
        (Kind.MULTI, "Cooperative"),
        (Kind.MULTI, [1]),
        (Kind.SCALE, True),
        (Kind.SCALE, 2.5),
        (Kind.SCALE, "3"),
        (Kind.YES_NO, "yes"),
    ],
)
def test_a_recorded_value_of_the_wrong_type_is_refused(kind: Kind, value: object) -> None:
    with pytest.raises(ValueError, match=f"does not fit a {kind} question"):
        kinds.of(kind).check_recorded(value)


@pytest.mark.parametrize(
    ("kind", "value", "message"),
    [
        (Kind.TEXT, 5, "must be text"),
        (Kind.CHOICE, "Sometimes", "not one of the choices"),
        (Kind.MULTI, [{"a": 1}], "must be a list of choices"),
        (Kind.SCALE, True, "must be a whole number"),
        (Kind.SCALE, 11, "11 is outside 0 to 10"),
        (Kind.SCALE, float("inf"), "must be a whole number"),
        (Kind.SCALE, "9" * 4301, "4,301 digits; the most is 9"),
        (Kind.SCALE, "1_0", "is not a whole number"),
        (Kind.YES_NO, "perhaps", "answer yes or no"),
    ],
)
def test_a_given_value_that_does_not_fit_names_the_question(
    kind: Kind, value: object, message: str
) -> None:
    question = QUESTIONS[kind]
    with pytest.raises(InputError, match=message) as caught:
        kinds.of(kind).check_given(question, value)
    assert f"'{question.id}'" in str(caught.value)


@given(st.integers())
def test_scale_accepts_exactly_its_bounds(number: int) -> None:
    question = QUESTIONS[Kind.SCALE]
    if 0 <= number <= 10:
        assert kinds.of(Kind.SCALE).parse(question, str(number)) == number
    else:
        with pytest.raises(InputError):
            kinds.of(Kind.SCALE).parse(question, str(number))


def test_multi_given_as_a_list_keeps_labels_with_commas() -> None:
    question = Question(
        "m", "Which?", Kind.MULTI, choices=(Choice("Planning, and decisions"), Choice("Space"))
    )
    assert kinds.of(Kind.MULTI).check_given(question, ["Space", "Planning, and decisions"]) == [
        "Planning, and decisions",
        "Space",
    ]
    with pytest.raises(InputError, match="'Nope' is not one of the choices"):
        kinds.of(Kind.MULTI).check_given(question, ["Nope"])


def test_a_scale_takes_a_number_or_a_label_any_case_or_its_unique_start() -> None:
    scale = Scale(1, 5, {1: "Not yet", 3: "Partly", 4: "Nearly", 5: "Fully"})
    question = Question("s", "How far?", Kind.SCALE, scale=scale)
    parse = kinds.of(Kind.SCALE).parse
    assert [parse(question, t) for t in ("Partly", "partly", " PAR ", "f", "4", "2")] == [
        3,
        3,
        3,
        5,
        4,
        2,
    ]
    with pytest.raises(InputError, match=r"or a label \(Not yet, Partly, Nearly, Fully\)"):
        parse(question, "n")  # Not yet or Nearly: not unique
    with pytest.raises(InputError, match="6 is outside 1 to 5"):
        parse(question, "6")


def test_multi_takes_commas_or_spaces_and_labels_with_spaces_whole() -> None:
    choices = (Choice("Strong relationships and trust"), Choice("Funding"), Choice("Space"))
    question = Question("m", "Which?", Kind.MULTI, choices=choices)
    parse = kinds.of(Kind.MULTI).parse
    assert parse(question, "1 3") == ["Strong relationships and trust", "Space"]
    assert parse(question, "space funding") == ["Funding", "Space"]
    assert parse(question, "strong relationships and trust, 2") == [
        "Strong relationships and trust",
        "Funding",
    ]
    with pytest.raises(InputError, match="'9' is not one of the choices"):
        parse(question, "1 9")
