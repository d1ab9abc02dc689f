"""Validate a parsed protocol document and build the typed model from it.

Every problem in a file is collected (not just the first), each as
``file:line: message`` so an editor can jump to it.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from typing import Any

from reflect_cli import scales
from reflect_cli.i18n import tags
from reflect_cli.i18n.messages import _, not_a_tag
from reflect_cli.model import (
    KINDS,
    Choice,
    Domain,
    IntroStep,
    Kind,
    Protocol,
    Question,
    Scale,
)
from reflect_cli.protocols import round_keys
from reflect_cli.protocols.checker import Checker
from reflect_cli.records import record_limits
from reflect_cli.records.decoding import LocatedDict, to_flag

_TOP_KEYS = (
    "id",
    "version",
    "language",
    "title",
    "summary",
    "source",
    "intro",
    "domains",
    "translations",
)
_INTRO_KEYS = ("id", "title", "text", "link", "minutes")
_DOMAIN_KEYS = ("id", "title", "help", "minutes", "questions")
_QUESTION_KEYS = (
    "id",
    "prompt",
    "help",
    "kind",
    "choices",
    "scale",
    "bands",
    "round",
    "required",
)
_CHOICE_KEYS = ("label", "help")
_SCALE_KEYS = ("min", "max", "labels")


def build_protocol(data: Any, path: str, sha256: str) -> tuple[Protocol | None, list[str]]:
    """The protocol in ``data`` and the problems found (a protocol only when none)."""
    check = Checker(path)
    if not check.mapping(data, getattr(data, "line", 1), _("the protocol"), _TOP_KEYS):
        return None, check.problems
    pid = check.ident(data, _("protocol"), {})
    version = check.integer(data, "version", _("protocol"), 1) or 1
    title = check.text(data, "title", _("protocol"), required=True)
    intro = _intro(check, data)
    domains = _domains(check, data)
    if "domains" in data and not domains and not check.problems:
        check.problem(
            check.line_of(data, "domains"),
            _("{what} '{key}' is empty").format(what=_("protocol"), key="domains"),
        )
    language = _language(check, data)
    if check.problems:
        return None, check.problems
    protocol = Protocol(
        id=pid,
        version=version,
        title=title,
        domains=tuple(domains),
        summary=check.text(data, "summary", _("protocol")),
        source=check.text(data, "source", _("protocol")),
        intro=tuple(intro),
        path=path,
        sha256=sha256,
        language=language,
    )
    too_large = record_limits.protocol_problem(protocol)  # its records must read back
    if too_large:
        check.problem(
            check.line_of(data, "domains"), _("protocol is {too_large}").format(too_large=too_large)
        )
        return None, check.problems
    return protocol, check.problems


def _language(check: Checker, data: LocatedDict) -> str:
    """The protocol's own language: a BCP 47 tag, English unless it says."""
    written = check.text(data, "language", _("protocol"))
    if not written:
        return tags.SOURCE
    try:
        return tags.parse(written)
    except ValueError:
        check.wrong(data, "language", _("protocol"), not_a_tag(written))
        return tags.SOURCE


def _intro(check: Checker, data: LocatedDict) -> list[IntroStep]:
    steps: list[IntroStep] = []
    seen: dict[str, int] = {}
    items = check.items(data, "intro", _("protocol"))
    # Ids written out win; one made from a title steers clear of them.
    written = {str(i["id"]) for i, _line in items if isinstance(i, LocatedDict) and "id" in i}
    for item, line in items:
        if not check.mapping(item, line, _("intro step"), _INTRO_KEYS):
            continue
        title = check.text(item, "title", _("intro step"), required=True)
        if "id" in item:
            ident = check.ident(item, _("intro step"), seen)
        else:  # as the design's example writes them: the id comes from the title
            ident = _unique(kebab(title) or "step", seen.keys() | written)
            seen[ident] = line
        steps.append(
            IntroStep(
                id=ident,
                title=title,
                text=check.text(item, "text", _("intro step")),
                link=check.url(item, "link", _("intro step")),
                minutes=check.integer(item, "minutes", _("intro step"), None),
            )
        )
    return steps


def kebab(text: str) -> str:
    """Text as a kebab-case id: "Watch the video!" -> "watch-the-video"."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:60].strip("-")


def _unique(ident: str, taken: set[str]) -> str:
    candidates = [ident, *(f"{ident}-{n}" for n in range(2, len(taken) + 3))]
    return next(c for c in candidates if c not in taken)


def _domains(check: Checker, data: LocatedDict) -> list[Domain]:
    if "domains" not in data:
        check.problem(
            data.line, _("{what} is missing '{key}'").format(what=_("protocol"), key="domains")
        )
        return []
    domains: list[Domain] = []
    domain_ids: dict[str, int] = {}
    question_ids: dict[str, int] = {}
    for item, line in check.items(data, "domains", _("protocol")):
        if not check.mapping(item, line, _("domain"), _DOMAIN_KEYS):
            continue
        ident = check.ident(item, _("domain"), domain_ids)
        title = check.text(item, "title", _("domain"), required=True)
        questions = [
            question
            for q_item, q_line in check.items(item, "questions", _("domain"))
            if (question := _question(check, q_item, q_line, question_ids)) is not None
        ]
        if not questions and "questions" not in item:
            check.problem(
                item.line, _("{what} is missing '{key}'").format(what=_("domain"), key="questions")
            )
        minutes = check.integer(item, "minutes", _("domain"), None)
        if minutes is not None and minutes < 1:
            check.wrong(item, "minutes", _("domain"), _("must be 1 or more"))
            minutes = None
        domain_help = check.text(item, "help", _("domain"))
        domains.append(Domain(ident, title, tuple(questions), domain_help, minutes))
    return domains


def _question(check: Checker, item: Any, line: int, seen: dict[str, int]) -> Question | None:
    if not check.mapping(item, line, _("question"), _QUESTION_KEYS):
        return None
    ident = check.ident(item, _("question"), seen)
    prompt = check.text(item, "prompt", _("question"), required=True)
    kind_text = check.text(item, "kind", _("question")) or "text"
    kind = Kind.TEXT
    if kind_text in KINDS:
        kind = Kind(kind_text)
    else:
        near = difflib.get_close_matches(kind_text, KINDS, n=1)
        hint = _(" (did you mean '{near}'?)").format(near=near[0]) if near else ""
        check.problem(
            check.line_of(item, "kind"),
            _("unknown kind '{kind}'{hint}; one of: {kinds}").format(
                kind=kind_text, hint=hint, kinds=", ".join(KINDS)
            ),
        )
    choices = _choices(check, item, kind)
    scale = _scale(check, item, kind)
    try:
        required = to_flag(item.get("required", False))
    except ValueError as exc:
        check.wrong(item, "required", _("question"), str(exc))
        required = False
    return Question(
        ident,
        prompt,
        kind,
        check.text(item, "help", _("question")),
        choices,
        scale,
        required,
        round=round_keys.round_of(check, item, kind),
        bands=round_keys.bands_of(check, item, kind, scale),
    )


def _choices(check: Checker, item: LocatedDict, kind: Kind) -> tuple[Choice, ...]:
    if kind not in (Kind.CHOICE, Kind.MULTI):
        if "choices" in item:
            check.problem(
                check.line_of(item, "choices"),
                _("a {kind} question takes no 'choices'").format(kind=_(kind)),
            )
        return ()
    choices: list[Choice] = []
    for value, line in check.items(item, "choices", _("question")):
        if isinstance(value, LocatedDict):
            if check.mapping(value, line, _("choice"), _CHOICE_KEYS):
                label = check.text(value, "label", _("choice"), required=True)
                choices.append(Choice(label, check.text(value, "help", _("choice"))))
        elif isinstance(value, str | int | float) and not isinstance(value, bool) and str(value):
            choices.append(Choice(str(value).strip()))
        else:
            check.problem(line, _("a choice must be text or a mapping with 'label' and 'help'"))
    labels = [c.label.casefold() for c in choices]
    if len(set(labels)) != len(labels):
        check.problem(check.line_of(item, "choices"), _("question has the same choice twice"))
    if not choices:
        check.problem(
            check.line_of(item, "choices"),
            _("a {kind} question needs 'choices'").format(kind=_(kind)),
        )
    return tuple(choices)


def _scale(check: Checker, item: LocatedDict, kind: Kind) -> Scale | None:
    if kind is not Kind.SCALE:
        if "scale" in item:
            check.problem(
                check.line_of(item, "scale"),
                _("a {kind} question takes no 'scale'").format(kind=_(kind)),
            )
        return None
    raw = item.get("scale", LocatedDict())
    line = check.line_of(item, "scale")
    if not check.mapping(raw, line, _("scale"), _SCALE_KEYS):
        return None
    low = check.integer(raw, "min", _("scale"), 1)
    high = check.integer(raw, "max", _("scale"), 5)
    low, high = low if low is not None else 1, high if high is not None else 5
    reason = scales.problem(low, high)
    if reason:
        check.problem(line, reason)
        return None
    labels: dict[int, str] = {}
    raw_labels = raw.get("labels", LocatedDict())
    if not isinstance(raw_labels, LocatedDict):
        check.wrong(raw, "labels", _("scale"), _("must map numbers to text"))
        raw_labels = LocatedDict()
    for point, label in raw_labels.items():
        if isinstance(point, bool) or not isinstance(point, int) or not low <= point <= high:
            check.problem(
                raw_labels.key_lines.get(point, line),
                _("scale label {point} is not a whole number from {low} to {high}").format(
                    point=repr(point), low=low, high=high
                ),
            )
        else:
            labels[point] = str(label)
    return Scale(low, high, labels)
