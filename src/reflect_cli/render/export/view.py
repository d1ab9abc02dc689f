"""What an export may hold: the one allow-list, and the view of a session built from it.

Every export (each format, redacted or not) is drawn from ``shown(session)``: a new
session holding only the fields named in ``SHOWN``, copied one by one. A field not named
there (``extra``, keys a newer reflect wrote; who has had their turn in a round under
way) never reaches a document, and a field added to the model later stays out until it
is named here (``tests/test_render_export_view.py`` fails until every field is either
shown or listed in ``NOT_SHOWN``).

Each shown field also says what it holds (``Holds``): what people said, the protocol's
text as the record keeps its own copy, a person, a place, a reference, a stamp reflect
made, or no text at all. Redacting (``rewrite.rewrite``) walks the view by these kinds,
so every field that holds text passes the redactor by what it is, not by being
remembered: only a field that holds no text at all (a number, a yes or no, one of
reflect's enums) is left as it is, and a test checks that no ``str`` field is one.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from enum import Enum
from typing import Any

from reflect_cli import model
from reflect_cli.rounds.anonymity import under_way


class Holds(Enum):
    """What a shown field holds, and so how a redacted export treats it."""

    #: What people said or typed (answers, commitments, notes): redacted.
    SAID = "said"
    #: An answer or a rating's value: a chosen label as the (redacted) label, else SAID.
    ANSWER = "answer"
    #: The protocol's text as the record keeps its own copy (titles, prompts, help,
    #: choice labels, ids): kept only where reflect's own protocols hold it word for
    #: word, otherwise redacted like what people said (a protocol anyone can edit).
    PROTOCOL = "protocol"
    #: A person (a name, a handle, an owner, an organization or role on the roster):
    #: their label or pseudonymous id.
    PERSON = "person"
    #: A collaborative or a site: its label.
    PLACE = "place"
    #: Another session (its id): "Session N", or only its date.
    REFERENCE = "reference"
    #: A value reflect writes in a fixed shape (a date, a time, a digest): kept when it
    #: has that shape, otherwise redacted like what people said.
    STAMP = "stamp"
    #: No text: a number, a yes or no, one of reflect's enums, or records (walked).
    NONE = "none"


def _fields(holds: Holds, names: str) -> dict[str, Holds]:
    return dict.fromkeys(names.split(), holds)


SAID, ANSWER, PROTOCOL, PERSON = Holds.SAID, Holds.ANSWER, Holds.PROTOCOL, Holds.PERSON
PLACE, REFERENCE, STAMP, NONE = Holds.PLACE, Holds.REFERENCE, Holds.STAMP, Holds.NONE

#: Each record type's fields an export shows, and what each holds.
SHOWN: dict[type, dict[str, Holds]] = {
    model.Session: _fields(REFERENCE, "id")
    | _fields(PLACE, "collaborative site")
    | _fields(STAMP, "date started updated")
    | _fields(PERSON, "facilitator")
    # Its intro steps (ids, or titles as ``render.language`` names them) and their status.
    | _fields(PROTOCOL, "intro")
    | _fields(NONE, "protocol status participants follow_up domains actions notes")
    # The language its texts are shown in (a BCP 47 tag, as the record says it).
    | _fields(PROTOCOL, "language"),
    model.ProtocolRef: _fields(PROTOCOL, "id title source")
    | _fields(STAMP, "sha256")
    | _fields(NONE, "version"),
    model.Participant: _fields(PERSON, "name organization role handle interpreter")
    | _fields(PROTOCOL, "joined_at left_at")
    | _fields(NONE, "present left sector"),
    model.Action: _fields(SAID, "text due note")
    | _fields(PERSON, "owner")
    | _fields(PROTOCOL, "question")
    | _fields(REFERENCE, "origin")
    | _fields(NONE, "status"),
    model.Note: _fields(SAID, "text") | _fields(PROTOCOL, "question"),
    model.DomainRecord: _fields(PROTOCOL, "id title") | _fields(NONE, "questions"),
    model.AnswerRecord: _fields(PROTOCOL, "id prompt help")
    | _fields(ANSWER, "answer")
    | _fields(PERSON, "credits passed_by")
    | _fields(
        NONE, "kind choices skipped scale required round ratings passed bands round_ended withheld"
    ),
    model.Choice: _fields(PROTOCOL, "label help"),
    model.Scale: _fields(PROTOCOL, "labels") | _fields(NONE, "min max"),
    model.Band: _fields(PROTOCOL, "label") | _fields(NONE, "min"),
    model.Rating: _fields(ANSWER, "value") | _fields(PERSON, "participant organization"),
}

#: Fields no export shows, and why.
NOT_SHOWN: dict[type, frozenset[str]] = {
    # Keys a newer reflect wrote: unknown here, so not known to be safe to share.
    model.Session: frozenset({"extra"}),
    # Who has had their turn in an anonymous round still under way; a half-typed answer;
    # that a named round had an entry since taken back (only what keeps it named);
    # (asked) see below.
    model.AnswerRecord: frozenset({"entered_by", "in_progress", "round_begun", "asked"}),
    # The texts as asked in another language: an export is made in one language, and
    # ``render.language`` has already put the texts of that language in the fields
    # shown (prompt, choices, titles) before the view is made.
    model.ProtocolRef: frozenset({"asked_title"}),
    model.DomainRecord: frozenset({"asked_title"}),
    # Only ever held by ``AnswerRecord.asked`` (above): never reaches a view.
    model.Wording: frozenset({"prompt", "help", "choices", "scale_labels", "bands"}),
}


#: Per record type: the fields that hold text (and what), and those walked into.
_SPLIT = {
    kind: (
        tuple((name, holds) for name, holds in fields.items() if holds is not Holds.NONE),
        tuple(name for name, holds in fields.items() if holds is Holds.NONE),
    )
    for kind, fields in SHOWN.items()
}
#: Values that hold no records: returned as they are, looked at no further.
_LEAVES = (str, int, float, Enum, type(None))


def rebuilt(
    value: Any,
    change: Callable[[Any, str, Holds, Any], Any],
    enter: Callable[[Any], None] = lambda record: None,
) -> Any:
    """``value`` (a view, or records of one) rebuilt with each shown field that holds
    text replaced by ``change(record, field, holds, value)``: every record within
    records too, its own fields before those of the records it holds; ``enter(record)``
    is called before a record's fields are."""
    split = _SPLIT.get(type(value))
    if split is not None:
        enter(value)
        texts, walked = split
        new = {name: change(value, name, holds, getattr(value, name)) for name, holds in texts}
        for name in walked:
            new[name] = rebuilt(getattr(value, name), change, enter)
        return dataclasses.replace(value, **new)
    if isinstance(value, _LEAVES):  # most of what is walked: a number, a flag, an enum
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        raise KeyError(type(value))  # a record type nobody has classified
    if isinstance(value, list):
        return [rebuilt(item, change, enter) for item in value]
    if isinstance(value, tuple):
        return tuple(rebuilt(item, change, enter) for item in value)
    return value


def changed_in_place(
    value: Any,
    change: Callable[[Any, str, Holds, Any], Any],
    enter: Callable[[Any], None] = lambda record: None,
    kept: Callable[[Any], bool] = lambda record: False,
) -> Any:
    """``rebuilt``, for a view nothing else holds (``shown`` made it): each record's
    fields are changed where it is, and only a frozen record (the protocol's text) is
    made anew; the same records in the same order, the same calls of ``change`` and
    ``enter``, without a second copy of every record. A record ``kept`` says comes back
    as it is (the caller knows, from what it holds) is not entered."""
    split = _SPLIT.get(type(value))
    if split is not None:
        if kept(value):
            return value
        enter(value)
        texts, walked = split
        new = {}
        for name, holds in texts:
            before = getattr(value, name)
            after = change(value, name, holds, before)
            if after is not before:
                new[name] = after
        for name in walked:
            before = getattr(value, name)
            if type(before) in _PLAIN or not before:
                continue  # a number, a flag, nothing, an empty list: most of what is walked
            after = changed_in_place(before, change, enter, kept)
            if after is not before:
                new[name] = after
        if not new:
            return value
        if _FROZEN[type(value)]:
            return dataclasses.replace(value, **new)
        for name, after in new.items():
            setattr(value, name, after)
        return value
    if isinstance(value, _LEAVES):
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        raise KeyError(type(value))  # a record type nobody has classified
    if isinstance(value, list):
        for number, item in enumerate(value):
            after = changed_in_place(item, change, enter, kept)
            if after is not item:
                value[number] = after
        return value
    if isinstance(value, tuple):
        items = tuple(changed_in_place(item, change, enter, kept) for item in value)
        return value if all(a is b for a, b in zip(items, value, strict=True)) else items
    return value


#: Values of these very types hold no records and no text to change: passed over where
#: they are met (an enum or anything else still goes through ``changed_in_place``).
_PLAIN = frozenset({bool, int, float, type(None)})

#: Per record type: whether it is frozen (changed only by making it anew).
_FROZEN = {kind: kind.__dataclass_params__.frozen for kind in SHOWN}  # type: ignore[attr-defined]


#: Record types of the protocol's text alone, frozen: the fields that hold it, and the
#: rest (numbers, which ``protocol_only`` checks they are).
PROTOCOL_ONLY = {
    kind: (
        tuple(name for name, holds in fields.items() if holds is Holds.PROTOCOL),
        tuple(name for name, holds in fields.items() if holds is Holds.NONE),
    )
    for kind, fields in SHOWN.items()
    if _FROZEN[kind] and set(fields.values()) <= {Holds.PROTOCOL, Holds.NONE}
}


def protocol_only(record: Any, kept: Callable[[str], bool]) -> bool:
    """Whether ``record`` holds the protocol's text alone (``PROTOCOL_ONLY``), every
    text of it one ``kept`` keeps, and nothing else but numbers."""
    split = PROTOCOL_ONLY.get(type(record))
    if split is None:
        return False
    texts, others = split
    return all(type(getattr(record, name)) in _PLAIN for name in others) and all(
        kept(text) for name in texts for text in texts_in(getattr(record, name))
    )


def texts_in(value: Any) -> list[str]:
    """Every text in ``value`` (a field's: text, or lists, tuples and mappings of it),
    keys too: the texts ``each_text`` changes."""
    found: list[str] = []

    def seen(text: str) -> str:
        found.append(text)
        return text

    each_text(value, seen)
    return found


def each_text(value: Any, change: Callable[[str], str]) -> Any:
    """``value`` (a field's: text, or lists, tuples and mappings of it) with ``change``
    applied to every text in it, keys too; anything else as it is."""
    if isinstance(value, str):
        return change(value)
    if isinstance(value, list):
        return [each_text(item, change) for item in value]
    if isinstance(value, tuple):
        return tuple(each_text(item, change) for item in value)
    if isinstance(value, dict):
        return {each_text(k, change): each_text(v, change) for k, v in value.items()}
    return value


def shown(
    session: model.Session,
    include_private: bool = False,
    change: Callable[[Any, str, Holds, Any], Any] | None = None,
    enter: Callable[[Any], None] = lambda record: None,
    kept: Callable[[Any], bool] = lambda record: False,
) -> model.Session:
    """A new session with only what an export shows (private notes only when asked).

    With ``change`` (a redacted export's view), each shown field that holds text is
    changed as it is copied, by ``change(record, field, holds, value)`` of the session's
    own record: what ``changed_in_place`` does to the view, in the same order, with
    ``enter`` and ``kept`` as it takes them, in one walk rather than a copy and a walk.
    What the view leaves out (private notes, an older draft's round under way) is left
    out before anything is changed: never read for names."""

    def left_out(record: Any) -> frozenset[str]:
        if type(record) is model.Session:
            return frozenset() if include_private else _PRIVATE
        if type(record) is model.AnswerRecord and under_way(record):
            return _UNDER_WAY  # an older draft's round under way: none of its entries
        return frozenset()

    view: model.Session = _copy(session, left_out, change, enter, kept)
    for (_, source), (_, copied) in zip(session.answers(), view.answers(), strict=True):
        if under_way(source):
            # Still under way, so that every output says so rather than "not answered".
            copied.in_progress = True
    return view


#: What ``shown`` leaves at its default: a session's notes, unless private ones are
#: asked for; the entries of a round still under way.
_PRIVATE = frozenset({"notes"})
_UNDER_WAY = frozenset({"ratings", "passed"})


def copied(value: Any) -> Any:
    """``value`` rebuilt from its allowed fields (as ``shown`` does), for a session that
    is already a view: cheaper than a deep copy."""
    return _copy(value)


def _copy(
    value: Any,
    left_out: Callable[[Any], frozenset[str]] = lambda record: frozenset(),
    change: Callable[[Any, str, Holds, Any], Any] | None = None,
    enter: Callable[[Any], None] = lambda record: None,
    kept: Callable[[Any], bool] = lambda record: False,
) -> Any:
    """``value`` rebuilt from its allowed fields: a record type's other fields, and those
    ``left_out`` names, take their defaults; lists, tuples and mappings are copied item
    by item. ``change``, ``enter``, ``kept``: as ``shown`` takes them."""
    split = _SPLIT.get(type(value))
    if split is not None:
        if change is not None and kept(value):
            return value  # frozen, and as it is
        enter(value)
        texts, walked = split
        omitted = left_out(value)
        fields = {}
        for name, holds in texts:
            if name not in omitted:
                item = _copy(getattr(value, name), left_out, change, enter, kept)
                fields[name] = item if change is None else change(value, name, holds, item)
        for name in walked:
            if name not in omitted:
                fields[name] = _copy(getattr(value, name), left_out, change, enter, kept)
        return type(value)(**fields)
    if isinstance(value, _LEAVES):
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        raise KeyError(type(value))  # a record type nobody has classified
    if isinstance(value, list):
        return [_copy(item, left_out, change, enter, kept) for item in value]
    if isinstance(value, tuple):
        return tuple(_copy(item, left_out, change, enter, kept) for item in value)
    if isinstance(value, dict):
        return {key: _copy(item, left_out, change, enter, kept) for key, item in value.items()}
    return value
