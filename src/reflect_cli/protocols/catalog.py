"""Find and load reflection protocols along the search path.

The search path, first match wins: ``--questions-dir`` folders (in the order given),
then ``REFLECT_QUESTIONS_PATH`` (os.pathsep-separated), then ``./questions``, then the
protocols built into reflect.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from reflect_cli.errors import ProtocolError
from reflect_cli.i18n.messages import _
from reflect_cli.model import Protocol
from reflect_cli.protocols.schema import build_protocol
from reflect_cli.records.yamlio import YamlProblem, decode, load_located, read_file

ENV_PATH = "REFLECT_QUESTIONS_PATH"


def builtin_dir() -> Path:
    """The built-in protocols: inside the wheel, or the repository's questions/ folder."""
    packaged = Path(__file__).parents[1] / "questions"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "questions"


def search_path(questions_dirs: Iterable[str | Path] = ()) -> list[Path]:
    """The folders searched for protocols, in order, without repeats."""
    folders = [Path(d) for d in questions_dirs]
    folders += [Path(p) for p in os.environ.get(ENV_PATH, "").split(os.pathsep) if p]
    folders += [Path("questions"), builtin_dir()]
    unique: list[Path] = []
    seen: set[Path] = set()
    for folder in folders:
        key = folder.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(folder)
    return unique


def load_file(path: str | Path) -> Protocol:
    """Load and validate one protocol file; ``ProtocolError`` lists every problem."""
    path = Path(path)
    name = str(path)
    try:
        raw = read_file(path)
        data = load_located(decode(raw))
    except OSError as exc:
        raise ProtocolError(
            [_("{file}: cannot read: {reason}").format(file=name, reason=exc.strerror or exc)]
        ) from None
    except YamlProblem as exc:
        raise ProtocolError([exc.where(name, column=True)]) from None
    protocol, problems = build_protocol(data, name, hashlib.sha256(raw).hexdigest())
    if problems or protocol is None:
        raise ProtocolError(problems or [_("{file}: not a protocol").format(file=name)])
    return protocol


@dataclass
class Catalog:
    """Every protocol on the search path, with what was wrong along the way."""

    protocols: dict[str, Protocol] = field(default_factory=dict)
    #: Files that could not be loaded.
    warnings: list[str] = field(default_factory=list)
    #: Per protocol id: the later files it was found in again, which were ignored.
    shadowed: dict[str, list[str]] = field(default_factory=dict)

    def all_warnings(self) -> list[str]:
        return [*self.warnings, *(w for found in self.shadowed.values() for w in found)]

    def get(self, protocol_id: str) -> Protocol:
        """The protocol with this id, or a clear error listing what is available."""
        if protocol_id in self.protocols:
            return self.protocols[protocol_id]
        import difflib

        known = ", ".join(sorted(self.protocols)) or _("none")
        close = difflib.get_close_matches(protocol_id, list(self.protocols), n=1, cutoff=0.5)
        hint = _("did you mean '{near}'? ").format(near=close[0]) if close else ""
        raise ProtocolError(
            [
                _("no protocol with id '{id}'; {hint}available: {known}").format(
                    id=protocol_id, hint=hint, known=known
                )
            ]
        )


def _files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    from reflect_cli.protocols.translations import is_translation_file

    return sorted(
        p
        for p in folder.iterdir()
        if p.suffix in (".yaml", ".yml") and p.is_file() and not is_translation_file(p)
    )


def catalog(questions_dirs: Iterable[str | Path] = ()) -> Catalog:
    """Load every protocol on the search path; an earlier folder wins, with a warning."""
    found = Catalog()
    for folder in search_path(questions_dirs):
        for path in _files(folder):
            try:
                protocol = load_file(path)
            except ProtocolError as exc:
                found.warnings.extend(exc.problems)
                continue
            first = found.protocols.get(protocol.id)
            if first is not None and first.sha256 == protocol.sha256:
                continue  # the same file twice (a clone's questions/ and the built-ins)
            if first is not None:
                found.shadowed.setdefault(protocol.id, []).append(
                    f"protocol {protocol.id!r} in {path} is shadowed by {first.path}"
                )
                continue
            found.protocols[protocol.id] = protocol
    return found


def find(protocol_id: str, questions_dirs: Iterable[str | Path] = ()) -> tuple[Protocol, list[str]]:
    """The protocol named by id (or by a path to a YAML file), and any warnings."""
    as_path = Path(protocol_id)
    if as_path.suffix in (".yaml", ".yml") and as_path.is_file():
        return load_file(as_path), []
    found = catalog(questions_dirs)
    return found.get(protocol_id), [*found.warnings, *found.shadowed.get(protocol_id, [])]
