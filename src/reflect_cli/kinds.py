"""What each question kind does, in one place: adding a kind touches this module and its
tests (and ``Kind`` in the model), nothing else.

A kind parses what the facilitator types, checks a value given as data (an answers
file), checks a value read back from a record, shows an answer as text (Markdown, CSV,
terminal, search), fills a cell of the over-time summary, and says how to answer it.
"""

from __future__ import annotations

import re
from typing import ClassVar, Protocol

from reflect_cli import numbers, scales
from reflect_cli.errors import InputError
from reflect_cli.i18n.messages import N_, _
from reflect_cli.model import Answer, AnswerRecord, Kind, Question

YES = {"y", "yes", "true", "1"}
NO = {"n", "no", "false", "0"}
EMPTY_CELL = "·"


def yes_or_no(reply: str) -> bool | None:
    """What a typed reply says: yes (True), no (False) or neither (None). English
    words are always understood; the reader's language's too (``sí``, ``s``)."""
    value = reply.strip().lower()
    if value in YES or value in (_("yes"), _("y")):
        return True
    if value in NO or value in (_("no"), _("n")):
        return False
    return None


class Behaviour(Protocol):
    """One question kind's behaviour."""

    kind: ClassVar[Kind]
    #: How to answer, shown under the question (before "; required").
    hint: ClassVar[str]
    #: Whether answers are typed line by line until an empty line (text), or in one line.
    multiline: ClassVar[bool]
    #: Whether answers are values worth a column in the over-time table.
    over_time: ClassVar[bool]

    def parse(self, question: Question, text: str) -> Answer:
        """A typed line as this kind's value; ``InputError`` says why not."""

    def check_given(self, question: Question, value: object) -> Answer:
        """A value given as data (an answers file); ``InputError`` says why not."""

    def check_recorded(self, value: object) -> Answer:
        """A non-null value read from a record; ``ValueError`` says why it does not fit."""

    def text(self, value: Answer) -> str:
        """An answer as display text ("" when there is none)."""

    def cell(self, value: Answer) -> str:
        """An answer in one cell of the over-time table."""


class _Base:
    kind: ClassVar[Kind]
    hint: ClassVar[str]
    multiline: ClassVar[bool] = False
    over_time: ClassVar[bool] = True

    def parse(self, question: Question, text: str) -> Answer:
        raise NotImplementedError

    def check_given(self, question: Question, value: object) -> Answer:
        try:
            return self.parse(question, str(value))
        except InputError as exc:
            raise InputError(_("answer to {id!r}: {exc}").format(id=question.id, exc=exc)) from None

    def text(self, value: Answer) -> str:
        return "" if value is None else str(value)

    def cell(self, value: Answer) -> str:
        return self.text(value) or EMPTY_CELL

    def _misfit(self, value: object) -> ValueError:
        return ValueError(f"{value!r} does not fit a {self.kind} question")


class TextKind(_Base):
    kind = Kind.TEXT
    hint = N_("empty line ends the answer; /help for commands")
    multiline = True
    over_time = False

    def parse(self, question: Question, text: str) -> Answer:
        return text

    def check_given(self, question: Question, value: object) -> Answer:
        if not isinstance(value, str):
            raise InputError(_("answer to {id!r} must be text").format(id=question.id))
        return value

    def check_recorded(self, value: object) -> Answer:
        if not isinstance(value, str):
            raise self._misfit(value)
        return value


def _one_choice(question: Question, value: str) -> str:
    labels = [c.label for c in question.choices]
    try:
        number, not_whole = numbers.whole_number(value), None
    except numbers.NotAWholeNumber as exc:  # a label may still hold it ("Grade 3")
        number, not_whole = None, exc
    if number is not None and 1 <= number <= len(labels):
        return labels[number - 1]
    for label in labels:
        if label.casefold() == value.casefold():
            return label
    starts = [label for label in labels if label.casefold().startswith(value.casefold())]
    if value and len(starts) == 1:
        return starts[0]
    listed = "; ".join(f"{i}) {label}" for i, label in enumerate(labels, 1))
    if not_whole:
        raise InputError(
            _("{problem} (the choices: {listed})").format(problem=not_whole, listed=listed)
        )
    raise InputError(
        _("{value} is not one of the choices: {listed}").format(value=repr(value), listed=listed)
    )


class ChoiceKind(_Base):
    kind = Kind.CHOICE
    hint = N_("number or label")

    def parse(self, question: Question, text: str) -> Answer:
        return _one_choice(question, text.strip())

    def check_given(self, question: Question, value: object) -> Answer:
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise InputError(
                _("answer to {id!r} must be one of the choices").format(id=question.id)
            )
        return super().check_given(question, value)

    def check_recorded(self, value: object) -> Answer:
        if not isinstance(value, str):
            raise self._misfit(value)
        return value


class MultiKind(_Base):
    kind = Kind.MULTI
    hint = N_("numbers or labels, separated by commas or spaces")

    def parse(self, question: Question, text: str) -> Answer:
        chosen: list[str] = []
        for part in (p.strip() for p in re.split(r"[,;]", text)):
            if not part:
                continue
            try:  # a whole label first: labels may hold spaces
                labels = [_one_choice(question, part)]
            except InputError:
                words = part.split()
                if len(words) < 2:
                    raise
                labels = [_one_choice(question, word) for word in words]  # "1 3"
            chosen += [label for label in labels if label not in chosen]
        return [c.label for c in question.choices if c.label in chosen]  # protocol order

    def check_given(self, question: Question, value: object) -> Answer:
        if isinstance(value, list):
            if not all(isinstance(v, str | int) and not isinstance(v, bool) for v in value):
                raise InputError(
                    _("answer to {id!r} must be a list of choices").format(id=question.id)
                )
            # Each item whole: a label may itself hold a comma ("Planning, and decisions").
            try:
                chosen = {_one_choice(question, str(v).strip()) for v in value}
            except InputError as exc:
                raise InputError(
                    _("answer to {id!r}: {exc}").format(id=question.id, exc=exc)
                ) from None
            return [c.label for c in question.choices if c.label in chosen]
        return super().check_given(question, value)

    def check_recorded(self, value: object) -> Answer:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self._misfit(value)
        return value

    def text(self, value: Answer) -> str:
        if isinstance(value, list):
            return ", ".join(value)
        return super().text(value)


class ScaleKind(_Base):
    kind = Kind.SCALE
    hint = N_("a number or a label")

    def parse(self, question: Question, text: str) -> Answer:
        if question.scale is None:  # the schema and the codec give every scale its bounds
            raise InputError(_("question {id!r} has no scale").format(id=question.id))
        low, high = question.scale.min, question.scale.max
        value = text.strip()
        labels = question.scale.labels
        folded = value.casefold()
        exact = [p for p, label in labels.items() if label.casefold() == folded]
        starts = [p for p, label in labels.items() if label.casefold().startswith(folded)]
        try:
            number, not_whole = numbers.whole_number(value), None
        except numbers.NotAWholeNumber as exc:  # a label may still hold it ("Stage 2")
            number, not_whole = None, exc
        if number is None and value and (exact or len(starts) == 1):
            return (exact or starts)[0]  # a label, any case, or its unique start
        if number is None:
            named = ", ".join(labels[p] for p in sorted(labels))
            also = _(" or a label ({labels})").format(labels=named) if named else ""
            if not_whole:
                raise InputError(
                    _("{problem} (the scale is {low} to {high}{also})").format(
                        problem=not_whole, low=low, high=high, also=also
                    )
                )
            raise InputError(
                _("type a whole number from {low} to {high}{also}").format(
                    low=low, high=high, also=also
                )
            )
        off = scales.outside(question.scale, number)
        if off:
            raise InputError(off)
        return number

    def check_given(self, question: Question, value: object) -> Answer:
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise InputError(_("answer to {id!r} must be a whole number").format(id=question.id))
        return super().check_given(question, value)

    def check_recorded(self, value: object) -> Answer:
        if isinstance(value, bool) or not isinstance(value, int):
            raise self._misfit(value)
        return value


class YesNoKind(_Base):
    kind = Kind.YES_NO
    hint = N_("yes or no")

    def parse(self, question: Question, text: str) -> Answer:
        said = yes_or_no(text)
        if said is None:
            raise InputError(_("answer yes or no"))
        return said

    def check_given(self, question: Question, value: object) -> Answer:
        if isinstance(value, bool):
            return value
        return super().check_given(question, value)

    def check_recorded(self, value: object) -> Answer:
        if not isinstance(value, bool):
            raise self._misfit(value)
        return value

    def text(self, value: Answer) -> str:
        if isinstance(value, bool):
            return _("Yes") if value else _("No")
        return super().text(value)


BEHAVIOURS: dict[Kind, Behaviour] = {
    b.kind: b for b in (TextKind(), ChoiceKind(), MultiKind(), ScaleKind(), YesNoKind())
}


def of(kind: Kind) -> Behaviour:
    """The behaviour of a question kind."""
    return BEHAVIOURS[kind]


def answer_text(kind: Kind, value: Answer) -> str:
    """An answer to a question of this kind as display text."""
    return BEHAVIOURS[kind].text(value)


# -- a recorded answer as people read it ----------------------------------------------
# Multi-choice labels can hold commas ("Planning, and shared decisions"): they stay a list
# for bullets and rows, joined with "; " only where one line is needed.

JOIN = "; "


def scale_label(record: AnswerRecord) -> str:
    """The scale's label for the answer given ("Partly"), or ""."""
    if record.scale is None or isinstance(record.answer, bool):
        return ""
    return record.scale.labels.get(record.answer, "") if isinstance(record.answer, int) else ""


def shown(record: AnswerRecord) -> str:
    """A recorded answer as one piece of text: "3 of 5 — Partly", "A; B" ("" for none)."""
    value = record.answer
    if record.kind is Kind.SCALE and isinstance(value, int) and not isinstance(value, bool):
        label = scale_label(record)
        said = (
            _("{value} of {max}").format(value=value, max=record.scale.max)
            if record.scale
            else str(value)
        )
        return said + (f" — {label}" if label else "")
    if isinstance(value, list):
        return JOIN.join(str(v) for v in value)
    return answer_text(record.kind, value)


def items(record: AnswerRecord) -> list[str]:
    """A multi-choice answer's labels, one each; any other answer as a list of one."""
    if isinstance(record.answer, list):
        return [str(v) for v in record.answer]
    text = shown(record)
    return [text] if text else []


def cell(record: AnswerRecord | None) -> str:
    """A recorded answer in one cell of a table over time."""
    return (shown(record) if record is not None else "") or EMPTY_CELL
