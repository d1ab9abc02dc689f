"""A coder's codings: ``codings/<coder>.yaml`` in the sessions folder, one file per
coder (two coders never touch one file, so they never conflict in git), never written
into the session records.

A coding is a passage's address, the fingerprint of the text it was given to, the codes
(none: the coder decided nothing in the codebook applies) and a memo. ``anchor`` places
codings on the passages as the records are now: at their address when the text there is
unchanged, else on the one line of the same answer with that text (a line added above
it moved it), else it is reported, never silently dropped or moved onto other words.

A save never writes back a stale copy: under the coder's save lock (``coder_lock``) it
reads the file as it is now, applies only what this run changed since (``changes``), and
writes that, so a `codes import` or another run that saved meanwhile keeps its codings.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from reflect_cli.coding import coder_lock, files
from reflect_cli.coding.passages import Address, Passage
from reflect_cli.errors import InputError, ReflectError, StoreError
from reflect_cli.i18n.messages import _
from reflect_cli.records import kept
from reflect_cli.records.decoding import Fields, Invalid

FOLDER = "codings"
VERSION = 1
MAX_CODINGS = 200_000
_CODER = re.compile(r"[a-z0-9](?:[a-z0-9._-]{0,38}[a-z0-9])?")
_KEYS = ("passage", "text", "codes", "memo", "coded")


@dataclass(frozen=True, slots=True)
class Coding:
    """One coder's decision on one passage."""

    address: Address
    fingerprint: str
    codes: tuple[str, ...] = ()
    memo: str = ""
    #: When it was decided (UTC, ``2026-12-07T03:50:00Z``).
    coded: str = ""


@dataclass(slots=True)
class Codings:
    """A coder's codings by address, in the order they were made."""

    coder: str
    by_address: dict[Address, Coding] = field(default_factory=dict)
    #: What this run decided (a coding) or took away (None) since the file was read:
    #: all a save writes over the file as it is then.
    changes: dict[Address, Coding | None] = field(default_factory=dict, compare=False)
    #: How the file looked when last read or written here (None: no file).
    seen: tuple[int, int, int] | None = field(default=None, compare=False)

    def put(self, coding: Coding) -> None:
        self.by_address.pop(coding.address, None)  # a new decision goes last
        self.by_address[coding.address] = coding
        self.changes[coding.address] = coding

    def remove(self, address: Address) -> None:
        self.by_address.pop(address, None)
        self.changes[address] = None

    def apply(self, changes: dict[Address, Coding | None]) -> None:
        for address, coding in changes.items():
            if coding is None:
                self.remove(address)
            else:
                self.put(coding)

    def all(self) -> list[Coding]:
        return list(self.by_address.values())


def check_coder(name: str) -> str:
    """A coder's name as their file is named; InputError otherwise."""
    coder = name.strip().lower()
    if not _CODER.fullmatch(coder):
        raise InputError(
            _(
                "coder {name!r}: use lowercase letters, digits, '.', '-' or '_' "
                "(like ana-k); it names the file codings/CODER.yaml"
            ).format(name=name)
        )
    return coder


def path_of(folder: Path, coder: str) -> Path:
    return folder / FOLDER / f"{check_coder(coder)}.yaml"


def now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _looks(path: Path) -> tuple[int, int, int] | None:
    try:
        info = os.stat(path, follow_symlinks=False)
    except FileNotFoundError:
        return None
    return (info.st_ino, info.st_size, info.st_mtime_ns)


def load(folder: Path, coder: str) -> Codings:
    """A coder's codings (none yet: empty). The ``codings`` folder is the folder's own
    (it may come from anyone's push): a link there is refused, never read through."""
    path = path_of(folder, coder)
    if (folder / FOLDER).is_symlink():
        raise InputError(
            _("{folder} is a symbolic link; codings are read from a real folder only").format(
                folder=folder / FOLDER
            )
        )
    if not path.exists() and not path.is_symlink():
        return Codings(check_coder(coder))
    return read(path)


def read(path: Path) -> Codings:
    """One coder's file, validated; InputError ``FILE:LINE: …`` at the first problem."""
    seen = _looks(path)
    data = files.read(path)
    try:
        found = decode(data, path.stem)
    except Invalid as exc:
        raise files.problem(path, exc) from None
    found.changes.clear()
    found.seen = seen
    return found


def refresh(folder: Path, codings: Codings) -> bool:
    """The codings as the file holds them now (another run or an import saved), with
    this run's unsaved changes still on top; whether the file had changed."""
    path = path_of(folder, codings.coder)
    if _looks(path) == codings.seen:
        return False
    now_there = load(folder, codings.coder)
    now_there.apply(codings.changes)
    codings.by_address, codings.seen = now_there.by_address, now_there.seen
    codings.changes = now_there.changes
    return True


def decode(data: object, coder: str) -> Codings:
    top = Fields(data, (), ("codings", "coder", "version"))
    if top.integer("version", VERSION) != VERSION:
        raise top.invalid("version", "not a version this reflect reads")
    named = top.text("coder").strip()
    if named and named != coder:
        raise top.invalid("coder", f"{named!r}, but the file is {coder}'s")
    found = Codings(coder)
    for item in top.each("codings", _KEYS):
        if len(found.by_address) >= MAX_CODINGS:
            raise item.invalid("passage", f"more than {MAX_CODINGS:,} codings")
        try:
            address = Address.parse(item.text("passage", required=True))
        except InputError as exc:
            raise item.invalid("passage", str(exc)) from None
        codes = tuple(item.texts("codes"))
        found.put(Coding(address, item.text("text"), codes, item.text("memo"), item.text("coded")))
    return found


def to_data(codings: Codings) -> dict[str, object]:
    rows: list[dict[str, object]] = []
    for c in codings.by_address.values():
        row: dict[str, object] = {"passage": str(c.address), "text": c.fingerprint}
        row["codes"] = list(c.codes)
        if c.memo:
            row["memo"] = c.memo
        if c.coded:
            row["coded"] = c.coded
        rows.append(row)
    return {"version": VERSION, "coder": codings.coder, "codings": rows}


def save(folder: Path, codings: Codings) -> Path:
    """This run's changes written into the coder's file as it is now (read again under
    the coder's save lock, so what another run saved meanwhile stays), all at once,
    owner-only, never through a link. ``codings`` then holds the file as written."""
    path = path_of(folder, codings.coder)
    try:
        with coder_lock.saving(folder, codings.coder):
            merged = load(folder, codings.coder)
            merged.apply(codings.changes)
            files.write(path, to_data(merged))
            seen = _looks(path)
    except ReflectError as exc:
        raise _kept_aside(folder, codings, exc) from None
    codings.by_address, codings.seen = merged.by_address, seen
    codings.changes = {}
    return path


def _kept_aside(folder: Path, codings: Codings, exc: ReflectError) -> ReflectError:
    """The coder's file could not be read or written (a broken merge, a full disk): this
    run's decisions not yet in it are kept aside where they survive a reboot, named in
    the error, so no coding is lost with the run."""
    import yaml

    pending = Codings(codings.coder)
    for coding in codings.changes.values():
        if coding is not None:
            pending.put(coding)
    removed = sorted(str(a) for a, c in codings.changes.items() if c is None)
    data = to_data(pending) | ({"removed": removed} if removed else {})
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    try:
        place = kept.keep_aside(folder, text, f"codings-{codings.coder}")
    except ReflectError:
        return exc
    said = _("{error}; this run's codings not saved are kept in {place}").format(
        error=exc, place=place
    )
    return InputError(said) if isinstance(exc, InputError) else StoreError(said)


def coders(folder: Path) -> list[str]:
    """Every coder with a file in the folder, by name."""
    where = folder / FOLDER
    if not where.is_dir() or where.is_symlink():
        return []
    return sorted(
        p.stem for p in where.glob("*.yaml") if _CODER.fullmatch(p.stem) and not p.is_symlink()
    )


@dataclass
class Anchored:
    """Codings placed on today's passages: ``placed`` by address (moved ones under
    their new address), ``moved`` (old, new) and ``lost`` (no line holds their text)."""

    placed: dict[Address, Coding] = field(default_factory=dict)
    moved: list[tuple[Address, Address]] = field(default_factory=list)
    lost: list[Coding] = field(default_factory=list)


def anchor(codings: Iterable[Coding], passages: Sequence[Passage]) -> Anchored:
    """Where each coding is on the passages as the records read now."""
    here = {p.address: p for p in passages}
    sessions = {p.address.session for p in passages}
    result = Anchored()
    pending: list[Coding] = []
    for coding in codings:
        if coding.address.session not in sessions:
            continue  # a session outside this selection: not ours to judge
        passage = here.get(coding.address)
        if passage is not None and passage.fingerprint == coding.fingerprint:
            result.placed[coding.address] = coding
        else:
            pending.append(coding)
    for coding in pending:
        old = coding.address
        same = [
            p.address
            for p in passages
            if (p.address.session, p.address.question) == (old.session, old.question)
            and p.fingerprint == coding.fingerprint
            and p.address not in result.placed
        ]
        if len(same) == 1:
            result.placed[same[0]] = replace(coding, address=same[0])
            result.moved.append((old, same[0]))
        else:
            result.lost.append(coding)
    return result
