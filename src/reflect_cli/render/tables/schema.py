"""The data dictionary: every table of the data package, its columns (type and meaning),
its primary key and what its keys refer to. ``datapackage.json`` is written from this,
and the rows are checked against it, so the description and the data never drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

# The allowed values of a column come from the model's enums: one source.
from reflect_cli.model import COMMITMENT_STATUSES, KINDS, SECTORS, SESSION_STATUSES, RoundKind

#: The tables' format: bumped when a column changes meaning or goes away (a new column
#: does not bump it). Every row carries it.
FORMAT_VERSION = 1


class Type(StrEnum):
    """A column's Table Schema type."""

    STRING = "string"
    INTEGER = "integer"
    BOOLEAN = "boolean"
    DATE = "date"


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: Type
    description: str
    #: The values it may take (a Table Schema ``enum``), when it is one of a few.
    values: tuple[str, ...] = ()
    #: Never empty (primary key columns always are).
    required: bool = False


@dataclass(frozen=True, slots=True)
class ForeignKey:
    columns: tuple[str, ...]
    table: str
    #: The referenced table's columns (the same names, unless said).
    refers_to: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


def _id(description: str = "The session (its record's id).") -> tuple[Column, Column]:
    return (
        Column("session_id", Type.STRING, description, required=True),
        Column("format_version", Type.INTEGER, "Version of these tables' format.", required=True),
    )


S = Type.STRING
_SESSION = ForeignKey(("session_id",), "sessions")
_QUESTION = ForeignKey(("session_id", "question_id"), "answers")
#: A person column refers to ``people`` alone: Table Schema checks a key with an empty
#: part (no one credited) as missing, so (session_id, person_id) could not be a key.
_PERSON = ForeignKey(("person_id",), "people")
_ROUND_KINDS = tuple(k.value for k in RoundKind)
_COMMITMENT_STATUSES = COMMITMENT_STATUSES

SESSIONS = Table(
    "sessions",
    "One row per session (meeting).",
    (
        *_id(),
        Column("date", Type.DATE, "The day of the meeting.", required=True),
        Column("school_year", S, "The school year it falls in (from August): 2025-26."),
        Column("collaborative", S, "The partnership that met."),
        Column("site", S, "Where it met."),
        Column("protocol_id", S, "The protocol followed."),
        Column("protocol_version", Type.INTEGER, "That protocol's version."),
        Column("protocol_title", S, "That protocol's title."),
        Column("status", S, "A draft until the facilitator finished it.", SESSION_STATUSES),
        Column("facilitator", S, "Who facilitated (empty when redacted)."),
        Column(
            "language",
            S,
            "The language the meeting was asked in (a BCP 47 tag): its record's `language`, "
            "English (en) for records that do not say. Answers hold the protocol's own "
            "labels whatever the language.",
        ),
        Column("redacted", Type.BOOLEAN, "Whether people and places were replaced (--redact)."),
    ),
    ("session_id",),
)

PEOPLE = Table(
    "people",
    "One row per person in any session of this package.",
    (
        Column("person_id", S, "The person (a pseudonym when redacted).", required=True),
        Column("format_version", Type.INTEGER, "Version of these tables' format.", required=True),
        Column("name", S, "Their name as first met; when redacted, their label."),
        Column("organization", S, "Their organization as first met."),
        Column("sessions_n", Type.INTEGER, "In how many sessions of this package they are."),
        Column("first_session_id", S, "The first session of this package they are in."),
    ),
    ("person_id",),
    (ForeignKey(("first_session_id",), "sessions", ("session_id",)),),
)

PARTICIPANTS = Table(
    "participants",
    "One row per person per session: everyone on the roster, present or not.",
    (
        *_id(),
        Column(
            "person_id",
            S,
            "The person, the same in every session of this package (a pseudonym when redacted).",
            required=True,
        ),
        Column("name", S, "Their name; when redacted, their label: Organization (Role)."),
        Column("organization", S, "Their organization."),
        Column("sector", S, "Their organization's sector, when recorded.", SECTORS),
        Column("role", S, "Their role."),
        Column(
            "attendance",
            S,
            "present; left early (/leave); not present (credited while absent).",
            ("present", "left early", "not present"),
            required=True,
        ),
        Column(
            "interpreter",
            S,
            "Who interprets for them, when they speak through an interpreter (a handle or a "
            'name; "yes" when not said; redacted: the interpreter\'s label, or "yes").',
        ),
    ),
    ("session_id", "person_id"),
    (_SESSION, _PERSON),
)

ANSWERS = Table(
    "answers",
    "One row per question per session, answered or not.",
    (
        *_id(),
        Column("question_number", Type.INTEGER, "Its place in the session, from 1.", required=True),
        Column("domain_id", S, "The domain's id."),
        Column("domain", S, "The domain's title."),
        Column("question_id", S, "The question's id in its protocol.", required=True),
        Column("prompt", S, "The question as asked."),
        Column("kind", S, "What it asks for.", KINDS),
        Column("round_kind", S, "A round: each person rated (else empty).", _ROUND_KINDS),
        Column("skipped", Type.BOOLEAN, "Skipped (/skip): not the same as choosing none."),
        Column("answered", Type.BOOLEAN, "Something was answered or rated."),
        Column("text", S, "A text answer, or a round's discussion."),
        Column("value_number", Type.INTEGER, "A scale's point; yes-no: 1 yes, 0 no."),
        Column("value_label", S, "A choice's label, a scale point's label, yes or no."),
        Column("choices_n", Type.INTEGER, "Choice and multi: how many labels were chosen."),
        Column("ratings_n", Type.INTEGER, "A round: how many ratings it holds."),
        Column("passed_n", Type.INTEGER, "A round: how many passed."),
    ),
    ("session_id", "question_id"),
    (_SESSION,),
)

CHOICES = Table(
    "choices",
    "One row per label chosen in a choice or multi answer (none: no row; see skipped).",
    (
        *_id(),
        Column("question_id", S, "The question.", required=True),
        Column("choice_number", Type.INTEGER, "Its place among those chosen.", required=True),
        Column("label", S, "The label chosen."),
        Column("listed", Type.BOOLEAN, "One of the question's own choices (else typed)."),
    ),
    ("session_id", "question_id", "choice_number"),
    (_QUESTION,),
)

RATINGS = Table(
    "ratings",
    "One row per rating in a round. Anonymous: no person, only the organization group "
    "as every summary shows it (an organization of one pooled; none when overall only); "
    "a round with a single anonymous rating has no rows.",
    (
        *_id(),
        Column("question_id", S, "The question rated.", required=True),
        Column("rating_number", Type.INTEGER, "Its place in the round.", required=True),
        Column("round_kind", S, "Named or anonymous.", _ROUND_KINDS),
        Column("person_id", S, "Who rated (named rounds only)."),
        Column("organization_group", S, "Anonymous rounds: the organization group."),
        Column("value_number", Type.INTEGER, "A scale's point; yes-no: 1 yes, 0 no."),
        Column("value_label", S, "A choice's label, a scale point's label, yes or no."),
    ),
    ("session_id", "question_id", "rating_number"),
    (_QUESTION, _PERSON),
)

UTTERANCES = Table(
    "utterances",
    "One row per line of a text answer or a round's discussion, with the person its "
    "speaker prefix (a handle and a colon at the start of the line) credits.",
    (
        *_id(),
        Column("question_id", S, "The question.", required=True),
        Column("line_number", Type.INTEGER, "The line's place in the answer.", required=True),
        Column("person_id", S, "Who the line credits (empty: no one)."),
        Column("text", S, "The line as exports show it: its speaker prefix is the person's name."),
    ),
    ("session_id", "question_id", "line_number"),
    (_QUESTION, _PERSON),
)

CODINGS = Table(
    "codings",
    "One row per code a coder gave a passage (a line of utterances) with `reflect code`; "
    "a passage a coder decided no code applies to has no row.",
    (
        *_id(),
        Column("question_id", S, "The question.", required=True),
        Column("line_number", Type.INTEGER, "The passage's line in the answer.", required=True),
        Column("coder", S, "Who coded it (their codings/CODER.yaml).", required=True),
        Column("code_id", S, "The code's id in codebook.yaml.", required=True),
    ),
    ("session_id", "question_id", "line_number", "coder", "code_id"),
    (ForeignKey(("session_id", "question_id", "line_number"), "utterances"),),
)

COMMITMENTS = Table(
    "commitments",
    "One row per commitment made in a session, with the latest word on it in this package.",
    (
        *_id("The session that made it."),
        Column("commitment_number", Type.INTEGER, "Its place in that session.", required=True),
        Column("question_id", S, "The question it was made at (else empty)."),
        Column("text", S, "What was committed to."),
        Column("owner_person_id", S, "Its owner, when on that session's roster."),
        Column(
            "owner", S, "Its owner's name (a label when redacted), or an outside owner as typed."
        ),
        Column("due", Type.DATE, "When it is due."),
        Column("status", S, "Where it stands, as the latest follow-up says.", _COMMITMENT_STATUSES),
        Column("note", S, "The latest status note."),
        Column("closed_on", Type.DATE, "The date of the meeting that marked it done or dropped."),
        Column("closed_in", S, "That meeting's session id."),
    ),
    ("session_id", "commitment_number"),
    (
        _SESSION,
        ForeignKey(("owner_person_id",), "people", ("person_id",)),
        ForeignKey(("closed_in",), "sessions", ("session_id",)),
    ),
)

FOLLOW_UPS = Table(
    "follow_ups",
    "One row per commitment a later session followed up (its new status and note).",
    (
        *_id("The session that followed it up."),
        Column("follow_up_number", Type.INTEGER, "Its place in that session.", required=True),
        Column("made_in", S, "The session that made it (may be outside this package)."),
        Column("commitment_number", Type.INTEGER, "Its number there, when in this package."),
        Column("text", S, "What was committed to."),
        Column("owner", S, "Its owner's name (a label when redacted), or as typed."),
        Column("due", Type.DATE, "When it is due."),
        Column("status", S, "Its status after this follow-up.", _COMMITMENT_STATUSES),
        Column("note", S, "The status note given."),
    ),
    ("session_id", "follow_up_number"),
    (_SESSION,),
)

NOTES = Table(
    "notes",
    "Private facilitator notes (only with --include-private).",
    (
        *_id(),
        Column("note_number", Type.INTEGER, "Its place in the session.", required=True),
        Column("question_id", S, "The question it was written at (else empty)."),
        Column("text", S, "The note."),
    ),
    ("session_id", "note_number"),
    (_SESSION,),
)

#: Every table, in the order written; NOTES only with --include-private.
TABLES = (
    SESSIONS,
    PEOPLE,
    PARTICIPANTS,
    ANSWERS,
    CHOICES,
    RATINGS,
    UTTERANCES,
    CODINGS,
    COMMITMENTS,
    FOLLOW_UPS,
)
