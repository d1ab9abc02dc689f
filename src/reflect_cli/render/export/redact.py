"""--redact as a promise: every person the sessions folder knows, replaced everywhere, checked.

``labels.Labels`` knows everyone (the first pass) and the label each is shown by;
``Redactor`` replaces them in text (``rewrite`` rewrites a session's every text field
through ``text``), and ``check`` looks at the rendered document and refuses it if any
name, handle or place is left (``leaks``: one pass over it, the export without what
people said rendered only when something is found).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from enum import Enum

import reflect_cli.render.export.label_words as label_words
from reflect_cli.folding import fold_mapped
from reflect_cli.i18n.messages import _, ngettext, speaking
from reflect_cli.model import Participant
from reflect_cli.render.export.disguised import marks
from reflect_cli.render.export.everyday import HEADINGS
from reflect_cli.render.export.labels import Labels, RedactionError, key_of
from reflect_cli.render.export.leaks import excess
from reflect_cli.render.export.met import Person
from reflect_cli.render.export.names import Found, fold
from reflect_cli.render.export.patterns import term_key
from reflect_cli.render.export.places import Rerun, UndecidedWords

__all__ = ["SPEAKER", "Known", "Person", "RedactionError", "Redactor"]

#: Texts up to this long that hold no one are remembered as such (prompts, help, labels).
_REMEMBERED = 2000
#: A speaker prefix at the start of an answer line: "monica:" or "Monika :".
#: How the statement says data's and coding's session ids are shown.
STABLE_IDS = "session-CODE (from the pseudonym key)"
SPEAKER = re.compile(r"^(\s*)([^\W\d_][\w'’.\-]*)(\s*:)(?=\s|$)", re.MULTILINE)


class Known(Enum):
    """What a known term found in text is."""

    PERSON = "person"
    PLACE = "place"
    #: An everyday word the text cannot tell from a name; nobody has decided.
    UNDECIDED = "undecided"


class Redactor(Labels):
    """People and places of a selection, and how each is shown when redacted."""

    #: The command being run, which a refusal tells how to run again.
    rerun: Rerun = Rerun()

    def stop_if_undecided(self) -> None:
        """Stop (UndecidedWords) when an everyday word met may be a name and nobody has
        decided: the command being run names its own options to decide with."""
        if self.undecided:
            raise UndecidedWords(self.undecided, self.rerun)

    def finish(self) -> None:
        """Give everyone a label; called once after the first pass."""
        super().finish()
        self._check_kept_places()

    def _check_kept_places(self) -> None:
        """With --keep-places, a collaborative or site that holds a person's name would
        print that name in every heading: refused before anything is rendered."""
        for number, kind, kept in self._kept:
            for found in self.names.find(kept):
                raise RedactionError(
                    _(
                        "--keep-places would leak a name: the {kind} of Session {number} holds "
                        "the name of the person shown as {label}; run {command} without "
                        '--keep-places (it becomes "Collaborative" and "Site" with a code), '
                        "or rename it in the record with `reflect edit`; nothing was written"
                    ).format(
                        kind=_(kind),
                        number=number,
                        label=self.label(found.owners),
                        command=self.rerun.command,
                    )
                )

    def text(self, text: str, speakers: bool = False) -> str:
        """Text with every name, handle and place replaced; speaker prefixes too."""
        clean = ("clean" if speakers else "plain", text)
        if clean in self._memo:
            return text  # nothing in it to replace, nor to ask about: known already
        given, undecided = text, len(self.undecided)
        if speakers and ":" in text:
            text = SPEAKER.sub(lambda m: m[1] + self._speaker(m[2]) + m[3], text)
        # Folded once for both: names are looked for in the text as places left it, which
        # is the same text unless a place was replaced (then folded again).
        folded, found = fold_mapped(text), marks(text)
        placed = self._replace(self._place_matcher, text, self._place_of, folded, found)
        same = placed is text
        shown = self._replace(
            self.names, placed, self.label, folded if same else None, found if same else None
        )
        # A text nothing was found in (a custom protocol's prompt, in every session) is
        # not looked through again; what is found does not depend on the session.
        if shown == given and len(self.undecided) == undecided and len(given) <= _REMEMBERED:
            self._memo[clean] = given
        return shown

    def _speaker(self, word: str) -> str:
        # A meeting's few speakers begin most lines: each word's key worked out once.
        key = self._memo.get(("speaker", word))
        if key is None:
            key = self._memo[("speaker", word)] = term_key(fold(word))
        owners = self.names.terms.get(key)
        if owners:
            return self.label(owners.owners)
        # A note's heading ("Agenda:", "Time:") is kept; any other word before a colon
        # at a line's start is someone, even mistyped ("Monika:"): "Participant".
        return word if key in HEADINGS else self.word(label_words.PARTICIPANT)

    def place_label(self, place: str) -> str:
        """A collaborative's or site's label ("Collaborative A", "Site 1"), or the place
        itself with --keep-places."""
        if self.keep_places or not place:
            return place
        shown = self.places.get(" ".join(fold(place).split()))
        return shown or self.word(label_words.COLLABORATIVE)

    def number_of(self, person: Participant) -> int:
        """The number of a participant met in the first pass."""
        typed = (person.name, person.organization)
        number = self._numbers.get(typed)
        if number is None:
            number = self._numbers[typed] = self._keys[key_of(*typed)]
        return number

    def organization(self, organization: str) -> str:
        """An anonymous rating's organization: places replaced; one that names someone
        is "Participant"."""
        group = self._memo.get(("group", organization))
        if group is None:
            shown = self.shown_organization(organization)
            named = self.names_someone(shown)
            group = shown if not named else self.word(label_words.PARTICIPANT)
            self._memo[("group", organization)] = group
        return group

    def owner(self, handle: str) -> str:
        """Whom a handle (or a typed name) stands for: their label."""
        if not handle:
            return ""
        owners = self._handles.get(handle)
        return self.label(owners) if owners else self.text(handle)

    def known_in(self, text: str) -> Iterator[tuple[Found, Known]]:
        """Every known person's name or handle, and every place, in ``text``: what this
        redactor would replace (``check-names`` reads documents through it)."""
        for found in self.names.find(text):
            yield found, Known.UNDECIDED if found.undecided else Known.PERSON
        for found in self._place_matcher.find(text):
            yield found, Known.PLACE

    # -- after rendering ------------------------------------------------------------

    def statement(self, session_ids: str = "") -> str:
        """What was redacted, for the top of the document, in the labels' language;
        ``session_ids`` says how session ids are shown when not as "Session 1"
        (data's and coding's ``session-CODE``)."""
        if not session_ids and self.stable_sessions:
            session_ids = STABLE_IDS
        with speaking(self.language):
            return self._statement(session_ids)

    def _statement(self, session_ids: str) -> str:
        people = len(self.people)
        places = "" if self.keep_places else _("; collaboratives and sites replaced")
        if self.strict:
            places += _("; organizations shown by their sector, roles left out")
            if self.unsectored:
                places += " " + ngettext(
                    '({count} organization has no sector recorded: shown as "{label}")',
                    '({count} organizations have no sector recorded: shown as "{label}")',
                    self.unsectored,
                ).format(count=self.unsectored, label=self.word(label_words.ORGANIZATION))
        count = len(self.session_numbers)
        # The labels themselves ("Session 1", "Participant") are the redaction's, as shown.
        shown_ids = session_ids or self.session_label(1)
        if not session_ids and count > 1:
            shown_ids = _("{first} to {last}").format(first=shown_ids, last=count)
        return _(
            "Redacted: {people} known in the sessions folder (participants, commitment "
            'owners, facilitators) shown as organization and role or "{participant}", '
            "with a code; speaker prefixes, names and handles in answers, commitments and "
            "notes replaced; session ids shown as {ids}{places}; labels from pseudonym "
            "key {key}."
        ).format(
            people=ngettext("{count} person", "{count} people", people).format(count=people),
            participant=self.word(label_words.PARTICIPANT),
            ids=shown_ids,
            places=places,
            key=self.pseudonyms.fingerprint(),
        )

    def check(self, plain: str, fmt: str, static: str | Callable[[], str] = "") -> None:
        """Refuse the rendered document (as plain text) if any name, handle or place
        remains. ``static`` is the same export rendered with nothing people said
        (``static.stripped``), or a function that renders it (called only when the
        document holds a known term at all): a term is flagged only where the document
        holds it more often than that does, so the page's CSS and the protocol's own
        text never count, while a name in what people said always does."""
        person, where = excess((self.names, self._place_matcher), plain, static)
        if person is not None:
            raise RedactionError(
                _(
                    "redaction check failed: line {line} of the {format} export still holds "
                    "the name of the person shown as {label}, written where it could not be "
                    "replaced; nothing was written (find it with `reflect search`, fix the "
                    "record with `reflect edit`)"
                ).format(line=person.line + 1, format=fmt, label=self.label(person.owners))
            )
        if where is not None:
            raise RedactionError(
                _(
                    "redaction check failed: line {line} of the {format} export still "
                    "names {place}; nothing was written"
                ).format(line=where.line + 1, format=fmt, place=self._place_of(where.owners))
            )
