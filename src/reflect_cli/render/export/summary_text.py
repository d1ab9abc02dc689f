"""What Markdown and HTML both say of a summary (``summary.Summary``): its title, who
took part, the sessions' table, the steps before the questions, a count of sessions."""

from __future__ import annotations

import re

from reflect_cli.asked import came_and_went
from reflect_cli.i18n.messages import _, ngettext
from reflect_cli.model import Session
from reflect_cli.render.export.label_words import PARTICIPANT
from reflect_cli.render.export.names import fold
from reflect_cli.render.export.summary import Summary
from reflect_cli.render.markdown import interpreted


def title_of(summary: Summary) -> str:
    """The document's title: the session's, or a general one for several."""
    if summary.single:
        only = summary.sessions[0]
        return f"{only.protocol.title}: {only.collaborative}"
    return _("Partnership reflection summary")


def people(summary: Summary) -> tuple[list[str], list[str]]:
    """Who took part and who was on the roster but never present: name (unless
    redacted), organization and role, once each; "(left)" after someone who left early
    (in every session they came to), as `show` says it; in a one-session summary, the
    question at which someone came late or left early ("(joined at question 3)")."""
    seen: dict[str, str] = {}
    present: set[str] = set()
    stayed: set[str] = set()
    moments: dict[str, str] = {}
    for session in summary.sessions:
        for person in session.participants:
            details = ", ".join(x for x in (person.organization, person.role) if x)
            plain = _is_label(person.name, person.label) or not details
            shown = person.name if plain else f"{person.name}, {details}"
            shown += interpreted(person, session.participants, str)
            key = fold(shown)  # "Zoë" typed composed or decomposed is one person
            seen.setdefault(key, shown)
            if person.present:
                present.add(key)
                if summary.single and came_and_went(session, person):
                    moments[key] = came_and_went(session, person)
                if not person.left:
                    stayed.add(key)
    return (
        [
            shown
            + (f" ({moments[key]})" if key in moments else "" if key in stayed else _(" (left)"))
            for key, shown in seen.items()
            if key in present
        ],
        [shown for key, shown in seen.items() if key not in present],
    )


def _is_label(name: str, label: str) -> bool:
    """Whether a (redacted) name is the person's label, or it with a code or number
    ("Library (Staff K7M3Q9)", "Library (Staff 2)")."""
    strict = f"{label} ({_(PARTICIPANT)} "  # strict: no role
    if name == label or name.startswith(strict):
        return True
    stem, close = (label[:-1], ")") if label.endswith(")") else (label, "")
    return (
        name.startswith(stem + " ")
        and name.endswith(close)
        and name[len(stem) + 1 :].rstrip(")").isalnum()
    )


def session_table(summary: Summary) -> tuple[list[str], list[list[str]]]:
    """The sessions as a table: headers and rows of plain text. The facilitator and intro
    columns only when some session has one (a redacted export names no facilitator)."""
    headers = [
        _("Date"), _("Collaborative"), _("Site"), _("Protocol"), _("Status"), _("Facilitator"),
        _("Intro"),
    ]  # fmt: skip
    rows = [
        [s.date, s.collaborative, s.site, s.protocol.id, _(s.status), s.facilitator,
         "; ".join(intro_steps(s))]
        for s in summary.sessions
    ]  # fmt: skip
    keep = [i for i in range(len(headers)) if i < 5 or any(row[i] for row in rows)]
    return [headers[i] for i in keep], [[row[i] for i in keep] for row in rows]


def intro_steps(session: Session) -> list[str]:
    """The steps before the questions and what became of them ("Watch this Video: …:
    done"): by title in a document people read (``render.language``), else by id."""
    return [f"{_readable(step)}: {_(status)}" for step, status in session.intro.items()]


#: A step's id as a record keeps it (``watch-video``), not a title.
_STEP_ID = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")


def _readable(step: str) -> str:
    """A step's id as words ("Watch video"); a title as it is."""
    if not _STEP_ID.fullmatch(step):
        return step
    words = step.replace("-", " ").replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def sessions_count(count: int) -> str:
    """ "1 session", "2 sessions"."""
    return ngettext("{count} session", "{count} sessions", count).format(count=count)
