"""The codebook: ``codebook.yaml`` beside the records, shared through git like them.

Each code has an id (what codings store), a name, a description, an optional parent (a
code of the codebook), a colour (``#RRGGBB``) and example keywords (the coding loop
suggests a code whose keyword a passage holds). Validated whole at load: every problem
is one line naming the file and line.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reflect_cli.coding import files
from reflect_cli.errors import InputError
from reflect_cli.folding import fold
from reflect_cli.i18n.messages import _
from reflect_cli.records.decoding import Fields, Invalid

FILE = "codebook.yaml"
#: The version of the file's shape, written as ``codebook: 1``.
VERSION = 1
MAX_CODES = 1000
_ID = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?")
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
_KEYS = ("id", "name", "description", "parent", "colour", "keywords")
_LIMITS = {"name": 80, "description": 4000}


@dataclass(frozen=True, slots=True)
class Code:
    """One code of the codebook."""

    id: str
    name: str
    description: str = ""
    parent: str = ""
    colour: str = ""
    keywords: tuple[str, ...] = ()

    def suggested_by(self, folded_text: str) -> bool:
        """Whether a passage (folded) holds one of the code's keywords as whole words."""
        for keyword in self.keywords:
            word = fold(keyword).strip()
            if word and re.search(rf"(?<!\w){re.escape(word)}(?!\w)", folded_text):
                return True
        return False


@dataclass(frozen=True, slots=True)
class Codebook:
    """The codes in the file's order."""

    codes: tuple[Code, ...] = ()
    path: Path | None = field(default=None, compare=False)
    #: How the file looked when read (``changed`` compares), None when not read.
    seen: tuple[int, int, int] | None = field(default=None, compare=False)

    def find(self, word: str) -> Code | None:
        """The code a coder means by an id or a name (any case or accent)."""
        key = " ".join(fold(word).split())
        for code in self.codes:
            if key in (code.id, " ".join(fold(code.name).split())):
                return code
        return None

    def matching(self, word: str) -> list[Code]:
        """The codes a coder may mean by what they typed: the one whose id or name it is
        (any case or accent), else every code whose id or name it begins (``fam`` for
        Family engagement): one code is a match, several are for the coder to choose."""
        exact = self.find(word)
        if exact is not None:
            return [exact]
        key = " ".join(fold(word).split())
        if not key:
            return []
        return [
            c
            for c in self.codes
            if c.id.startswith(key) or " ".join(fold(c.name).split()).startswith(key)
        ]

    def get(self, code_id: str) -> Code:
        for code in self.codes:
            if code.id == code_id:
                return code
        raise InputError(
            _("no code {code_id!r} in the codebook; `reflect codes list` shows them").format(
                code_id=code_id
            )
        )

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.codes)

    def depth(self, code: Code) -> int:
        """How many parents are above a code (0 for a top-level code)."""
        by_id = {c.id: c for c in self.codes}
        depth, seen = 0, code
        while seen.parent and seen.parent in by_id:
            depth, seen = depth + 1, by_id[seen.parent]
        return depth


def path_in(folder: Path) -> Path:
    return folder / FILE


def load(folder: Path) -> Codebook:
    """The sessions folder's codebook; InputError when there is none or it is invalid."""
    path = path_in(folder)
    if not path.exists() and not path.is_symlink():
        raise InputError(
            _("no codebook in {folder}: `reflect codes init` writes a starter one").format(
                folder=folder
            )
        )
    return read(path)


def looks(path: Path) -> tuple[int, int, int] | None:
    try:
        info = os.stat(path, follow_symlinks=False)
    except FileNotFoundError:
        return None
    return (info.st_ino, info.st_size, info.st_mtime_ns)


def read(path: Path) -> Codebook:
    """A codebook file, validated whole; InputError ``FILE:LINE: …`` at the first problem."""
    seen = looks(path)
    data = files.read(path)
    try:
        return Codebook(decode(data), path, seen)
    except Invalid as exc:
        raise files.problem(path, exc) from None


def changed(book: Codebook) -> bool:
    """Whether the file the codebook was read from is no longer as it was (a pull, an
    import, another coder's `codes add`)."""
    return book.path is not None and looks(book.path) != book.seen


def missing(book: Codebook, used: Iterable[str]) -> list[str]:
    """The codes among ``used`` (codings' code ids) that the codebook has no code for,
    sorted: a code removed or renamed while codings still point at it."""
    return sorted(set(used) - set(book.ids))


def decode(data: object) -> tuple[Code, ...]:
    """Codes out of plain data; ``Invalid`` at the first problem."""
    top = Fields(data, (), ("codebook", "codes"))
    version = top.integer("codebook", VERSION)
    if version != VERSION:
        raise top.invalid("codebook", f"version {version} is not one this reflect reads")
    codes: list[Code] = []
    # What a coder may type for a code (its id, its folded name): each names one code.
    seen: dict[str, tuple[str, str]] = {}
    for item in top.each("codes", _KEYS):
        if len(codes) == MAX_CODES:
            raise item.invalid("id", f"more than {MAX_CODES} codes")
        code = _code(item)
        if any(c.id == code.id for c in codes):
            raise item.invalid("id", f"{code.id!r} is the id of an earlier code")
        for key, value in (("id", code.id), ("name", " ".join(fold(code.name).split()))):
            other = seen.get(value)
            if other is not None and other[0] != code.id:
                raise item.invalid(key, f"{value!r} is already the {other[1]} of {other[0]!r}")
            seen[value] = (code.id, key)
        codes.append(code)
    _check_parents(top, codes)
    return tuple(codes)


def _code(item: Fields) -> Code:
    code_id = item.text("id", required=True)
    if not _ID.fullmatch(code_id):
        raise item.invalid(
            "id", f"{code_id!r}: lowercase letters, digits and dashes (like trust-building)"
        )
    values = {key: item.text(key, required=key == "name").strip() for key in _LIMITS}
    for key, limit in _LIMITS.items():
        if len(values[key]) > limit:
            raise item.invalid(key, f"longer than {limit} characters")
    colour = item.text("colour").strip()
    if colour and not _COLOUR.fullmatch(colour):
        raise item.invalid("colour", f"{colour!r} is not a colour like #2a7ab0")
    keywords = tuple(k.strip() for k in item.texts("keywords") if k.strip())
    parent = item.text("parent").strip()
    return Code(code_id, values["name"], values["description"], parent, colour.lower(), keywords)


def _check_parents(top: Fields, codes: Sequence[Code]) -> None:
    by_id = {c.id: c for c in codes}
    for index, code in enumerate(codes):
        at = Fields(top.data["codes"][index], ("codes", index))
        if code.parent and code.parent not in by_id:
            raise at.invalid("parent", f"{code.parent!r} is not a code of this codebook")
        seen = {code.id}
        above = code.parent
        while above:
            if above in seen:
                raise at.invalid("parent", f"{code.id!r} would be its own ancestor")
            seen.add(above)
            above = by_id[above].parent


def to_data(codes: Sequence[Code]) -> dict[str, object]:
    """The codebook as the file holds it (empty keys left out)."""
    out: list[dict[str, object]] = []
    for code in codes:
        item: dict[str, object] = {"id": code.id, "name": code.name}
        for key in ("description", "parent", "colour"):
            if getattr(code, key):
                item[key] = getattr(code, key)
        if code.keywords:
            item["keywords"] = list(code.keywords)
        out.append(item)
    return {"codebook": VERSION, "codes": out}


def save(folder: Path, codes: Sequence[Code]) -> Path:
    """Write the codebook (checked as a reader would check it first)."""
    path = path_in(folder)
    data = to_data(codes)
    try:
        decode(data)
    except Invalid as exc:
        raise files.problem(path, exc) from None
    files.write(path, data)
    return path


def add(folder: Path, code: Code) -> Codebook:
    """The codebook with one more code, written; a new codebook when there is none."""
    path = path_in(folder)
    existing = read(path).codes if path.exists() or path.is_symlink() else ()
    save(folder, (*existing, code))
    return read(path)
