"""The label each person and place a redacted export knows is shown by.

Everyone is met first (``met.Met``: the first pass). Each person gets one label,
carrying a code derived from the evaluator's pseudonym key (``pseudonyms``), so the
label is the same in every export made with that key: "Organization (Role K7M3Q9)",
or "Participant K7M3Q9" when the organization is unknown (or itself names someone).
Strict (``strict``), an organization is shown by its sector ("Community organization
Q9X2 (Participant K7M3Q9)") and roles are dropped: in a small partnership an
organization and a role can name one person.
``redact.Redactor`` adds the replacing and the check after rendering.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import reflect_cli.render.export.label_words as label_words
from reflect_cli.errors import ReflectError
from reflect_cli.model import Participant
from reflect_cli.render.export.disguised import Marks
from reflect_cli.render.export.met import Met, Person
from reflect_cli.render.export.name_forms import words
from reflect_cli.render.export.names import Matcher, fold
from reflect_cli.render.export.patterns import SPACE_IN_LINE
from reflect_cli.render.export.places import place
from reflect_cli.render.export.pseudonyms import LONGER, Kind
from reflect_cli.render.export.pseudonyms import session_id as stable_id
from reflect_cli.render.export.terms import Folded

#: Between two parts of one person's name shown as one label: spaces, a comma, a hyphen
#: or any dash ("Jo‐Park" with U+2010 is one person, as "Jo-Park" is),
#: never a line break (two lines stay two, each with its own label: joined, the second
#: line's credit and every later line's number would be lost).
_JOINER = re.compile(rf"(?:{SPACE_IN_LINE}|[,\-\u2010-\u2015\u2212\ufe63\uff0d])*")


class RedactionError(ReflectError):
    """A redacted export still holds a name: it is refused rather than shared."""


class Labels(Met):
    """People and places of a selection, and the label each is shown by."""

    def session_label(self, number: int) -> str:
        """A session of the export as its label shows it: "Session 2"."""
        return f"{self.word(label_words.SESSION)} {number}"

    def session_id(self, recorded: str) -> str:
        """A session's stable id in redacted data (``pseudonyms.session_id``): a longer
        one when two sessions of the export share the short one."""
        return self._session_ids.get(recorded) or stable_id(self.pseudonyms, recorded)

    def shown_session(self, recorded: str) -> str:
        """A session as this export shows it: its stable id in data, "Session 2" in a
        document; "" for a session outside a document's selection."""
        if self.stable_sessions:
            return self.session_id(recorded)
        number = self.session_numbers.get(recorded)
        return self.session_label(number) if number else ""

    def finish(self) -> None:
        """Give everyone a label; called once after the first pass."""
        for owner in self._owners:
            if owner not in self._handles:  # a handle from elsewhere, or a typed name
                self._handle(owner, self._person(owner, ""))
        for key in list(self.places):  # everyone is known: a person's name stays theirs
            self._place_parts(key)
        self._lengthen_shared_codes()
        self._lengthen_shared_session_ids()
        if self.strict:
            for organization in self._sectors:
                self._organization_label(organization)
        # Each label is made when it is first shown (``person``): an export of one
        # session shows a few of the folder's people, and a label depends only on the
        # person's first roster entry, their code and the places, all known by now.

    def person(self, number: int) -> Person:
        """Someone known, with their label (made now, the first time it is asked for)."""
        person = self.people[number]
        if not person.label:
            participant = self._first_entry.get(number)
            person.label = (
                self._label_for(participant, person.code)
                if participant is not None
                else f"{self.word(label_words.PARTICIPANT)} {person.code}"
            )
        return person

    def _lengthen_shared_session_ids(self) -> None:
        """Two sessions of the export with one id: both get a longer one, so a table's
        key never holds two sessions as one."""
        by_id: dict[str, list[str]] = {}
        for recorded in self.session_numbers:
            by_id.setdefault(stable_id(self.pseudonyms, recorded), []).append(recorded)
        for sharing in by_id.values():
            if len(sharing) > 1:
                for recorded in sharing:
                    self._session_ids[recorded] = stable_id(self.pseudonyms, recorded, LONGER)

    def _label_for(self, participant: Participant, code: str) -> str:
        """ "Organization (Role CODE)"; strict "Sector CODE (Participant CODE)"; else
        "Participant CODE" (or "Role CODE") when the organization is unknown or itself
        names someone ("Monica Haugen Family Services"; an everyday word in it, "Hope
        Family Services", is the organization's)."""
        organization = self.shown_organization(participant.organization)
        role = "" if self.strict else self.places_in(participant.role)
        named = self.names_someone(f"{organization}\n{role}")
        anyone = self.word(label_words.PARTICIPANT)
        if named or (not organization and not role):
            return f"{anyone} {code}"
        if not organization:
            return f"{role} {code}"
        return f"{organization} ({role or anyone} {code})"

    def names_someone(self, organization: str) -> bool:
        """Whether an organization (or role) holds someone's name. An everyday word or a
        kind of place that is a name part ("Parks" of Rosa Parks, "Hope") counts only
        beside another part of that person's name ("Rosa Parks Foundation"): "Seattle
        Parks and Recreation" is not Rosa's. Once the facilitator decided the word is a
        name it counts anywhere (the check after rendering would find it in the label)."""
        held = set(words(organization))
        for found in self.names.find(organization):
            term = self.names.terms.get(found.term)
            if found.undecided:
                continue
            if term is None or not term.common or term.text in self.names.decisions.names:
                return True
            others = (self.names.parts_of.get(o, set()) - {found.term} for o in found.owners)
            if any(other & held for other in others):
                return True
        return False

    def shown_organization(self, organization: str) -> str:
        """An organization as a redacted export shows it: its collaboratives and sites
        replaced; strict, its sector and code ("Community organization Q9X2")."""
        if self.strict:
            return self._organization_label(" ".join(fold(organization).split()))
        return self.places_in(organization)

    def shown_role(self, role: str) -> str:
        """A role as shown: places replaced; strict, none."""
        return "" if self.strict else self.places_in(role)

    def _organization_label(self, folded: str) -> str:
        """Strict: an organization's sector and code, known in text too (as a place is)."""
        if not folded:
            return ""
        if folded not in self._organizations:
            sector = self._sectors.get(folded, "")
            if not sector:
                self.unsectored += 1
            named = self.word(sector or label_words.ORGANIZATION).replace("-", " ").strip()
            code = self._code(Kind.ORGANIZATION, folded)
            label = f"{named[:1].upper()}{named[1:]} {code}"
            self._organizations[folded] = label
            if folded not in self.places:  # a site named like it keeps the site's label
                self.places[folded] = label
                self._place_matcher.add(folded, len(self.places) - 1, common_ok=True)
                self._place_parts(folded)
        return self._organizations[folded]

    # -- labels in text ---------------------------------------------------------------

    def label(self, owners: Iterable[int]) -> str:
        """The label for a match: the person's; when it could be several, the one in the
        session being rewritten ("lee:" is that session's Lee); else "Participant"."""
        # A first name many people share has many owners: look at this session's people
        # first (a few), and stop at the second label.
        owners = owners if isinstance(owners, (set, frozenset)) else frozenset(owners)
        here = [o for o in self.context if o in owners]
        labels: set[str] = set()
        for owner in here or owners:
            labels.add(self._label_of(owner))
            if len(labels) > 1:
                return self.word(label_words.PARTICIPANT)
        return labels.pop() if labels else self.word(label_words.PARTICIPANT)

    def _label_of(self, owner: int) -> str:
        return self.person(owner).label

    def _place_of(self, owners: Iterable[int]) -> str:
        return list(self.places.values())[min(owners)]

    def _replace(
        self,
        matcher: Matcher,
        text: str,
        label: Any,
        folded: Folded | None = None,
        marks: Marks | None = None,
    ) -> str:
        """``text`` with what ``matcher`` finds replaced by its label; the very same
        string when nothing is. ``folded``, ``marks``: as ``Matcher.find`` takes them."""
        pieces: list[str] = []
        last = 0
        for found in matcher.find(text, folded, marks):
            if found.undecided:  # kept as it is; the export stops and asks
                self.undecided.append(place(self.where, text, found, matcher.to_decide(found.term)))
                continue
            shown = label(found.owners)
            between = text[last : found.start]
            if pieces and pieces[-1] == shown and _JOINER.fullmatch(between):
                last = found.end  # "Diaz, Hope": one person, one label
                continue
            pieces += [between, shown]
            last = found.end
        return "".join(pieces) + text[last:] if pieces else text

    def places_in(self, text: str) -> str:
        """Text with every collaborative and site replaced (an organization, a role)."""
        shown = self._memo.get(("places", text))
        if shown is None:
            shown = self._memo[("places", text)] = self._replace(
                self._place_matcher, text, self._place_of
            )
        return shown


def key_of(name: str, organization: str) -> tuple[str, str]:
    return (" ".join(fold(name).split()), " ".join(fold(organization).split()))
