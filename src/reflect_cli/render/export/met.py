"""Who a redacted export knows: the first pass of --redact.

A first pass (``learn``, or the index's rows through ``known``) meets every person of the
whole selection and of every other session in the folder (participants, commitment
owners, carried or new, and facilitators) and every collaborative and site: each is
known by the forms its name is written in (``names.Matcher``) and gets a code derived
from the evaluator's pseudonym key (``pseudonyms``). ``labels.Labels`` shows them.
"""

from __future__ import annotations

from dataclasses import dataclass

import reflect_cli.render.export.label_words as label_words
from reflect_cli.model import Participant, Session
from reflect_cli.render.export.name_forms import name_forms
from reflect_cli.render.export.names import Decisions, Matcher, fold
from reflect_cli.render.export.patterns import term_key
from reflect_cli.render.export.place_parts import joined, parts
from reflect_cli.render.export.places import Place
from reflect_cli.render.export.pseudonyms import LONGER, PLACE_LENGTH, Kind, Pseudonyms, person_id
from reflect_cli.render.export.starts import Shared


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


class Met:
    """Everyone and every place a selection knows, met in the first pass."""

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
