"""What an export may hold: the one allow-list, and the view of a session built from it.

Every export (each format, redacted or not) is drawn from ``shown(session)``: a new
session holding only the fields named in ``SHOWN``, copied one by one. A field not named
there (``extra``, keys a newer reflect wrote; who has had their turn in a round under
way) never reaches a document, and a field added to the model later stays out until it
is named here (``tests/test_render_export_view.py`` fails until every field is either
shown or listed in ``NOT_SHOWN``). Redacting rewrites this view (``rewrite.rewrite``),
so no field reaches a document without passing the redactor.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from reflect_cli import model
from reflect_cli.rounds.analysis import under_way


def _fields(names: str) -> frozenset[str]:
    return frozenset(names.split())


#: Each record type's fields an export shows.
SHOWN: dict[type, frozenset[str]] = {
    model.Session: _fields(
        "id protocol collaborative date status site started updated facilitator "
        "participants intro follow_up domains actions notes"
    ),
    model.ProtocolRef: _fields("id version title sha256 source"),
    model.Participant: _fields(
        "name organization role handle present left sector joined_at left_at"
    ),
    model.Action: _fields("text owner due status question origin note"),
    model.Note: _fields("text question"),
    model.DomainRecord: _fields("id title questions"),
    model.AnswerRecord: _fields(
        "id prompt kind choices answer credits skipped scale required help round ratings "
        "passed passed_by bands round_ended withheld"
    ),
    model.Choice: _fields("label help"),
    model.Scale: _fields("min max labels"),
    model.Band: _fields("min label"),
    model.Rating: _fields("value participant organization"),
}

#: Fields no export shows, and why.
NOT_SHOWN: dict[type, frozenset[str]] = {
    # Keys a newer reflect wrote: unknown here, so not known to be safe to share.
    model.Session: frozenset({"extra"}),
    # Who has had their turn in an anonymous round still under way; a half-typed answer.
    model.AnswerRecord: frozenset({"entered_by", "in_progress"}),
}


def shown(session: model.Session, include_private: bool = False) -> model.Session:
    """A new session with only what an export shows (private notes only when asked)."""
    view: model.Session = _copy(session)
    for (_, source), (_, copied) in zip(session.answers(), view.answers(), strict=True):
        if under_way(source):  # an older draft's round under way: none of its entries
            copied.ratings, copied.passed = [], 0
    if not include_private:
        view.notes = []
    return view


def copied(value: Any) -> Any:
    """``value`` rebuilt from its allowed fields (as ``shown`` does), for a session that
    is already a view: cheaper than a deep copy."""
    return _copy(value)


def _copy(value: Any) -> Any:
    """``value`` rebuilt from its allowed fields: a record type's other fields take their
    defaults; lists, tuples and mappings are copied item by item."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        allowed = SHOWN[type(value)]  # a KeyError: a record type nobody has classified
        return type(value)(**{name: _copy(getattr(value, name)) for name in allowed})
    if isinstance(value, list):
        return [_copy(item) for item in value]
    if isinstance(value, tuple):
        return tuple(_copy(item) for item in value)
    if isinstance(value, dict):
        return {key: _copy(item) for key, item in value.items()}
    return value
