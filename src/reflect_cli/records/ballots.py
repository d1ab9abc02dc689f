"""An anonymous round while it runs: kept outside the shared folder, without order.

Nothing in the sessions folder may tell, at any moment, who gave which anonymous rating:
a draft saved after each entry would (two saves side by side give the last person's
value). So while an anonymous round runs, its entries live in one owner-only file in
the sessions folder's private folder in the user's state folder (``rounds/``, see
``home``; never in the sessions folder, which git shares): the counts per organization
and value, how many passed, and who has had their turn, all sorted, so no order of
entry is kept even there.
The record receives the round only when it ends (``session/rounds.py``), and the file
is removed then. After ``kill -9`` the file is still there, and ``resume`` goes on with
the next person.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from reflect_cli.errors import StoreError
from reflect_cli.i18n.messages import _
from reflect_cli.model import AnswerRecord, Rating
from reflect_cli.records import home, opening, round_codec, state_json
from reflect_cli.records.atomic import write_atomic
from reflect_cli.rounds.analysis import RatingValue

#: The folder in a sessions folder's private folder that holds rounds under way.
ROUNDS = "rounds"


@dataclass(slots=True)
class Ballot:
    """A round under way: how many gave each value per organization, how many passed,
    and who has had their turn (rated or passed alike)."""

    counts: Counter[tuple[str, RatingValue]] = field(default_factory=Counter)
    passed: int = 0
    entered_by: set[str] = field(default_factory=set)

    @classmethod
    def of_draft(cls, record: AnswerRecord, taken: list[str]) -> Ballot:
        """What a draft of an older version kept of a round under way in the record
        itself (``taken``: who had had their turn, when it did not say)."""
        ballot = cls(passed=record.passed, entered_by=set(record.entered_by))
        for rating in record.ratings:
            ballot.counts[(rating.organization, rating.value)] += 1
        if record.rated and not record.entered_by:
            ballot.entered_by = set(taken)
        return ballot

    def rate(self, handle: str, organization: str, value: RatingValue) -> None:
        self.counts[(organization, value)] += 1
        self.entered_by.add(handle)

    def pass_turn(self, handle: str) -> None:
        self.passed += 1
        self.entered_by.add(handle)

    def ratings(self) -> list[Rating]:
        """The ratings, in an order the values decide (never the order of entry)."""
        return [
            Rating(value, organization=organization)
            for (organization, value), count in sorted(
                self.counts.items(), key=lambda kv: (kv[0][0], str(kv[0][1]))
            )
            for _one in range(count)
        ]

    def to_json(self, qid: str) -> str:
        return json.dumps(
            {
                "question": qid,
                "counts": round_codec.tally_dicts(self.ratings()),
                "passed": self.passed,
                "entered_by": sorted(self.entered_by),
            },
            ensure_ascii=False,
            sort_keys=True,
        )


@dataclass(frozen=True, slots=True)
class Ballots:
    """Where one session's rounds under way are kept, one file per question."""

    folder: Path
    session_id: str

    def path(self, qid: str) -> Path:
        # Hashed: a question id or session id never becomes part of a path. The session's
        # part first, so its every round goes with it (``remove_all``) unread.
        key = hashlib.sha256(f"{self.session_id}\0{qid}".encode()).hexdigest()[:16]
        return self._where() / f"{self._prefix()}{key}.json"

    def _prefix(self) -> str:
        return hashlib.sha256(self.session_id.encode()).hexdigest()[:16] + "-"

    def remove_all(self) -> None:
        """The session ended or was discarded: none of its rounds under way stays, its
        record unread (it may be damaged)."""
        with contextlib.suppress(OSError):
            _remove_starting(home.where_home(self.folder), (ROUNDS,), self._prefix())

    def _where(self) -> Path:
        return home.private_folder(self.folder, ROUNDS)

    def load(self, record: AnswerRecord, roster: Collection[str]) -> Ballot | None:
        """The round under way on this question, or None when there is none.

        The file is checked as if it came from anyone (it is read back from disk): it is used
        only when everyone who had their turn is of the ``roster`` and no more ratings
        and passes are counted than people had their turn (no stuffed ballot)."""
        path = self.path(record.id)
        try:
            data, _seen = opening.read_regular(path, follow_links=False)
        except FileNotFoundError:
            return None
        except (OSError, opening.NotAFile) as exc:
            raise StoreError(
                _("cannot read the round under way in {path}: {exc}").format(path=path, exc=exc)
            ) from None
        try:
            raw = state_json.loads(data)
            if not isinstance(raw, dict) or raw.get("question") != record.id:
                raise ValueError("it belongs to another question")
            ballot = Ballot(
                passed=round_codec.count_of(raw.get("passed"), record.id),
                entered_by=set(round_codec.names_of(raw.get("entered_by"), record.id)),
            )
            counts = raw.get("counts")
            for rating in round_codec.ratings_of(counts, record.kind, record.id, record.scale):
                _check_fits(record, rating.value)
                ballot.counts[(rating.organization, rating.value)] += 1
            _check_turns(ballot, roster)
        except (ValueError, TypeError) as exc:
            raise StoreError(
                _(
                    "the round under way in {path} cannot be read ({exc}); remove "
                    "that file to take the round again"
                ).format(path=path, exc=exc)
            ) from None
        return ballot

    def save(self, qid: str, ballot: Ballot) -> None:
        """Keep the round under way (atomically, owner-only) before anyone else types."""
        write_atomic(self.path(qid), ballot.to_json(qid))

    def remove(self, qid: str) -> None:
        """The round ended and is in the record: nothing of it stays here."""
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.path(qid))


def _check_turns(ballot: Ballot, roster: Collection[str]) -> None:
    strangers = ballot.entered_by - set(roster)
    if strangers:
        raise ValueError(f"{len(strangers)} who had their turn are not of this session")
    entries = sum(ballot.counts.values()) + ballot.passed
    if entries > len(ballot.entered_by):
        raise ValueError(
            f"it counts {entries} entries for {len(ballot.entered_by)} who had their turn"
        )


def _check_fits(record: AnswerRecord, value: RatingValue) -> None:
    """A value this question could have been given: one of its choices (a scale's
    values are checked on reading, ``round_codec.ratings_of``)."""
    labels = {c.label for c in record.choices}
    if labels and isinstance(value, str) and value not in labels:
        raise ValueError(f"{value!r} is not one of the choices")


def _remove_starting(start: Path, parts: tuple[str, ...], prefix: str) -> None:
    """Remove the files of ``start/parts…`` whose names start with ``prefix``; each
    folder opened without following a link (a link is never followed, only skipped)."""
    flags = os.O_RDONLY | os.O_DIRECTORY | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(start, flags)
    try:
        for part in parts:
            inner = os.open(part, flags | os.O_NOFOLLOW, dir_fd=fd)
            os.close(fd)
            fd = inner
        for name in os.listdir(fd):
            if name.startswith(prefix):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(name, dir_fd=fd)
    finally:
        os.close(fd)
