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
The walks themselves are ``walk``'s; a redacted export's view is made and redacted in
one walk here (``shown`` with the redactor's ``change``).
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
SPLIT = {
    kind: (
        tuple((name, holds) for name, holds in fields.items() if holds is not Holds.NONE),
        tuple(name for name, holds in fields.items() if holds is Holds.NONE),
    )
    for kind, fields in SHOWN.items()
}
#: Values that hold no records: returned as they are, looked at no further.
LEAVES = (str, int, float, Enum, type(None))


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
    split = SPLIT.get(type(value))
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
    if isinstance(value, LEAVES):
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
