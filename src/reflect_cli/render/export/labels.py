"""Who a redacted export knows and the label each is shown by: the first pass of --redact.

A first pass (``learn``, or the index's rows through ``known``) meets every person of the
whole selection and of every other session in the folder: participants, commitment
owners (carried or new) and facilitators. Each gets one label, carrying a code derived
from the evaluator's pseudonym key (``pseudonyms``), so the label is the same in every
export made with that key: "Organization (Role K7M3Q9)", or "Participant K7M3Q9" when the
organization is unknown (or itself names someone). Strict (``strict``), an organization
is shown by its sector ("Community organization Q9X2 (Participant K7M3Q9)") and roles are
dropped: in a small partnership an organization and a role can name one person.
``redact.Redactor`` adds the replacing and the check after rendering.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import reflect_cli.render.export.label_words as label_words
from reflect_cli.errors import ReflectError
from reflect_cli.model import Participant, Session
from reflect_cli.render.export.disguised import Marks
from reflect_cli.render.export.name_forms import name_forms, words
from reflect_cli.render.export.names import Decisions, Matcher, fold
from reflect_cli.render.export.patterns import SPACE_IN_LINE, term_key
from reflect_cli.render.export.place_parts import joined, parts
from reflect_cli.render.export.places import Place, place
from reflect_cli.render.export.pseudonyms import (
    LONGER,
    PLACE_LENGTH,
    Kind,
    Pseudonyms,
    person_id,
)
from reflect_cli.render.export.pseudonyms import session_id as stable_id
from reflect_cli.render.export.starts import Shared
from reflect_cli.render.export.terms import Folded

#: Between two parts of one person's name shown as one label: spaces, a comma, a hyphen
#: or any dash ("Jo‐Park" with U+2010 is one person, as "Jo-Park" is),
#: never a line break (two lines stay two, each with its own label: joined, the second
#: line's credit and every later line's number would be lost).
_JOINER = re.compile(rf"(?:{SPACE_IN_LINE}|[,\-\u2010-\u2015\u2212\ufe63\uff0d])*")


class RedactionError(ReflectError):
    """A redacted export still holds a name: it is refused rather than shared."""


@dataclass
class Person:
    """Someone the selection knows, and the label that stands for them."""

    number: int
    label: str = ""
    #: Derived from the key and who they are (folded name and organization).
    code: str = ""
    #: (folded name, folded organization): the same person in every session.
    key: tuple[str, str] = ("", "")

    @property
    def id(self) -> str:
        """Their id in a redacted export's records and tables (a handle, a person_id)."""
        return person_id(self.code)


class Labels:
    """People and places of a selection, and the label each is shown by."""

    def __init__(
        self,
        keep_places: bool = False,
        decisions: Decisions | None = None,
        pseudonyms: Pseudonyms | None = None,
        strict: bool = False,
        language: str = "",
    ) -> None:
        self.keep_places = keep_places
        #: The language labels are said in: the document's (English by default).
        self.language = language or "en"
        self._said = label_words.said(self.language)
        self.pseudonyms = pseudonyms or Pseudonyms()
        self.strict = strict
        #: Strict: each organization's sector (folded organization → sector), and label.
        self._sectors: dict[str, str] = {}
        self._organizations: dict[str, str] = {}
        self.unsectored = 0
        self.people: list[Person] = []
        self._keys: dict[tuple[str, str], int] = {}
        self._handles: dict[str, set[int]] = {}
        self._owners: dict[str, None] = {}
        #: Each person's first roster entry, which their label is made from.
        self._first_entry: dict[int, Participant] = {}
        # People and places are looked for in the same texts: one reading finds where
        # the first words of both start.
        shared = Shared()
        self.names = Matcher(decisions, shared)
        self.places: dict[str, str] = {}
        # A place's word alone in lower case ("at northgate") is decided as a name part's.
        self._place_matcher = Matcher(decisions, shared)
        self.session_numbers: dict[str, int] = {}
        #: Data (tables, JSON, CSV): a session is shown by its stable id
        #: (``session-k7m3q9``, from the key) instead of "Session N", so packages of
        #: different years join on it; documents people read keep "Session N".
        self.stable_sessions = False
        self._session_ids: dict[str, str] = {}
        #: The people of the session being rewritten: who an ambiguous name most likely is.
        self.context: set[int] = set()
        #: Where the text being rewritten is (session, question): for undecided words.
        self.where = ("", "")
        #: Each everyday word met where the text cannot tell a name from a word.
        self.undecided: list[Place] = []
        self._place_counts = {"collaborative": 0, "site": 0}
        self._codes: dict[str, str] = {}
        self._kept: list[tuple[int, str, str]] = []
        #: What an organization, a role or an anonymous rating's group is shown as, by
        #: its text: a folder has a few dozen, met in thousands of rows. Forgotten
        #: whenever a term is learnt (what is found may change).
        self._memo: dict[tuple[str, str], str] = {}
        #: Each person's number by (name, organization) as typed, and each text's folded
        #: key: the folder's rows repeat them, folded once.
        self._numbers: dict[tuple[str, str], int] = {}
        self._keys_of: dict[str, str] = {}

    def word(self, english: str) -> str:
        """A label's word ("Participant", a sector) in the labels' language."""
        return self._said.get(english, english)

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

    # -- the first pass -------------------------------------------------------------

    def learn(self, session: Session, selected: bool = True) -> None:
        """Meet everyone in a session; ``selected`` sessions are numbered in the order met."""
        if selected:
            self.select(session.id, session.collaborative, session.site)
        else:
            self.elsewhere(session.collaborative, session.site)
        for person in session.participants:
            self.meet(person)
        self.meet_facilitator(session.facilitator)
        for action in (*session.actions, *session.follow_up):
            self.meet_owner(action.owner)

    def select(self, session_id: str, collaborative: str, site: str) -> None:
        """A session of the export: numbered in the order met, its places known."""
        if session_id not in self.session_numbers:
            self.session_numbers[session_id] = len(self.session_numbers) + 1
        if not self.keep_places:
            self._place(collaborative, "collaborative")
            self._place(site, "site")
        else:  # kept: checked for names once everyone is met
            number = self.session_numbers[session_id]
            self._kept += [(number, "collaborative", collaborative)]
            self._kept += [(number, "site", site)]

    def elsewhere(self, collaborative: str, site: str) -> None:
        """A collaborative and site of a session outside the export: known, as every
        person in the folder is, so that one written anywhere (an organization named for
        it, an answer) is replaced too, not only where a session of the export has it."""
        if not self.keep_places:
            self._place(collaborative, "collaborative")
            self._place(site, "site")

    def meet(self, person: Participant) -> None:
        """Know a participant (of a session, or a row of the index)."""
        number = self._person(person.name, person.organization)
        self._first_entry.setdefault(number, person)  # their first entry gives their label
        sector = str(getattr(person, "sector", "") or "")
        organization = self._folded(person.organization)
        if organization and (sector or organization not in self._sectors):
            self._sectors[organization] = sector
        if person.handle:
            self._handle(person.handle, number)

    def meet_facilitator(self, name: str) -> None:
        """Know a facilitator: always shown as "Facilitator"."""
        if name:
            self._person(name, "", label=self.word(label_words.FACILITATOR))

    def meet_owner(self, owner: str) -> None:
        """Know a commitment's owner (a handle, or a name typed). Placed once everyone is
        met: a carried owner's handle may belong to someone of a session read later."""
        if owner:
            self._owners.setdefault(owner, None)

    def _folded(self, text: str) -> str:
        """A name or organization as people are told apart by (folded, spaces single);
        worked out once per spelling: a folder's rows repeat a few hundred of them."""
        key = self._keys_of.get(text)
        if key is None:
            key = self._keys_of[text] = " ".join(fold(text).split())
        return key

    def _person(self, name: str, organization: str, label: str = "") -> int:
        typed = (name, organization)
        if typed in self._numbers:
            return self._numbers[typed]
        key = (self._folded(name), self._folded(organization))
        if key in self._keys:
            self._numbers[typed] = self._keys[key]
            return self._keys[key]
        number = len(self.people)
        code = self.pseudonyms.code(Kind.PERSON, *key)
        self.people.append(Person(number, label, code, key))
        self._keys[key] = self._numbers[typed] = number
        forms = name_forms(name)
        self.names.add_forms(forms, number)
        for folded, spelt in forms.spellings:  # the words a facilitator decides
            self.names.typed.setdefault(folded, spelt)
        self._memo.clear()
        return number

    def _handle(self, handle: str, number: int) -> None:
        if number in self._handles.get(handle, ()):
            return  # met before: known already
        self._handles.setdefault(handle, set()).add(number)
        folded = fold(handle)
        if sum(c.isalnum() for c in folded) >= 2:
            self.names.add(folded, number, part=True, handle=True)
            self._memo.clear()

    def _place(self, place: str, kind: str) -> None:
        key = " ".join(fold(place).split())
        if not key or key in self.places:
            return
        self._place_counts[kind] += 1
        kind_of = Kind.COLLABORATIVE if kind == "collaborative" else Kind.SITE
        word = label_words.COLLABORATIVE if kind == "collaborative" else label_words.SITE
        self.places[key] = f"{self.word(word)} {self._code(kind_of, key)}"
        self._place_matcher.add(key, len(self.places) - 1, common_ok=True)
        self._memo.clear()

    def _place_parts(self, key: str) -> None:
        """Know a place by the parts it is said by too ("Northgate Elementary",
        "Northgate"), except a part that is a person's name or another place's: it stays
        theirs. A word alone in lower case inside a sentence is decided as a name part is."""
        number = list(self.places).index(key)
        for said in parts(key):
            if said not in self.places and term_key(said) not in self.names.terms:
                self._place_matcher.add(said, number, common_ok=True, part=" " not in said)
        for run in joined(key):  # "northgateelementary": never a word, whatever its case
            if run not in self.places and run not in self.names.terms:
                self._place_matcher.add(run, number, common_ok=True)
        self._memo.clear()

    def _code(self, kind: Kind, key: str) -> str:
        """A place's or organization's code; a longer one when another of the same kind
        has the same short one (so two are never shown as one)."""
        code = self.pseudonyms.code(kind, key, length=PLACE_LENGTH)
        prefix = f"{kind.value} {code}"
        if prefix in self._codes and self._codes[prefix] != key:
            return self.pseudonyms.code(kind, key, length=LONGER)
        self._codes[prefix] = key
        return code

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

    def _lengthen_shared_codes(self) -> None:
        """Two people of the folder with one code (one in 10.6 million): both get a longer
        code, so no label stands for two people."""
        by_code: dict[str, list[Person]] = {}
        for person in self.people:
            by_code.setdefault(person.code, []).append(person)
        for sharing in by_code.values():
            if len(sharing) > 1:
                for person in sharing:
                    person.code = self.pseudonyms.code(Kind.PERSON, *person.key, length=LONGER)

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
