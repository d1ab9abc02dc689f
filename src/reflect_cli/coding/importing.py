"""Reading REFI-QDA files back: a codebook (``.qdc``) into ``codebook.yaml``, and the
codings made in a QDA program on a project reflect exported (``.qdpx``) into each
coder's ``codings/CODER.yaml``, so coding done elsewhere counts in ``codes report``.

The files come from elsewhere: read through the one safe opener (a regular file, never
through a link, a size limit), a project's zip read member by member within limits, and
XML with no document type declaration at all (no entities to expand, nothing fetched).
A selection is matched to a passage by its name, the address reflect gave it; its
text (the source's characters from ``startPosition`` to ``endPosition``, in code points)
is what the coding's fingerprint is taken of, so an edited record is found out at
report time as for any coding.
"""

from __future__ import annotations

import io
import re
import unicodedata
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from reflect_cli.coding import codebook as books
from reflect_cli.coding import codings
from reflect_cli.coding.codebook import Code
from reflect_cli.coding.passages import Address, fingerprint
from reflect_cli.errors import InputError
from reflect_cli.folding import fold
from reflect_cli.i18n.messages import _
from reflect_cli.records.opening import NotAFile, read_regular
from reflect_cli.records.store import Store

#: The most a project's XML or one source text may be once unzipped.
MAX_MEMBER = 64 * 1024 * 1024
_STRUCTURAL = ("domains", "questions")
_REFLECT_USER = "reflect"


@dataclass
class Imported:
    """What an import changed."""

    codes_added: list[str] = field(default_factory=list)
    codings: dict[str, int] = field(default_factory=dict)
    skipped: int = 0
    #: Codings of selections naming a session this folder does not have: not imported.
    elsewhere: int = 0


def _read(path: Path) -> bytes:
    try:
        return read_regular(path, follow_links=False)[0]
    except NotAFile as exc:
        raise InputError(_("{path}: {exc}; not read").format(path=path, exc=exc)) from None
    except OSError as exc:
        raise InputError(
            _("{path}: cannot read: {problem}").format(path=path, problem=exc.strerror or exc)
        ) from None


def _xml(raw: bytes, name: str) -> ET.Element:
    if b"<!DOCTYPE" in raw or b"<!ENTITY" in raw:
        raise InputError(
            _("{name}: a document type declaration is not accepted in REFI-QDA").format(name=name)
        )
    try:
        return ET.fromstring(raw)
    except ET.ParseError as exc:
        raise InputError(_("{name}: not XML ({exc})").format(name=name, exc=exc)) from None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(element: ET.Element, name: str) -> list[ET.Element]:
    return [c for c in element if _local(c.tag) == name]


def _slug(name: str) -> str:
    text = re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")[:40].strip("-")
    return text or "code"


def _merge_codes(
    folder: Path, codes_element: ET.Element | None, name: str
) -> tuple[dict[str, str], list[str]]:
    """Add the file's codes the codebook lacks (matched by name, any case or accent):
    each code GUID mapped to its code id, and the ids added."""
    path = books.path_in(folder)
    existing = list(books.read(path).codes) if path.exists() or path.is_symlink() else []
    by_name = {" ".join(fold(c.name).split()): c.id for c in existing}
    ids = {c.id for c in existing}
    guids: dict[str, str] = {}
    added: list[Code] = []

    def walk(element: ET.Element, parent: str) -> None:
        for code in _children(element, "Code"):
            title = (code.get("name") or "").strip()
            if parent == "" and title in _STRUCTURAL and code.get("isCodable") == "false":
                continue  # reflect's own domain and question codes
            if not title:
                raise InputError(_("{name}: a code has no name").format(name=name))
            key = " ".join(fold(title).split())
            code_id = by_name.get(key)
            if code_id is None:
                code_id = base = _slug(title)
                number = 2
                while code_id in ids:
                    code_id, number = f"{base[:36]}-{number}", number + 1
                description = "".join(
                    (d.text or "") for d in _children(code, "Description")
                ).strip()
                colour = (code.get("color") or "").strip()
                if not re.fullmatch(r"#[0-9a-fA-F]{6}", colour):
                    colour = ""
                added.append(Code(code_id, title, description[:4000], parent, colour.lower()))
                ids.add(code_id)
                by_name[key] = code_id
            guids[code.get("guid") or ""] = code_id
            walk(code, code_id)

    if codes_element is not None:
        walk(codes_element, "")
    if added:
        books.save(folder, [*existing, *added])
    guids.pop("", None)
    return guids, [c.id for c in added]


def import_codebook(folder: Path, path: Path) -> Imported:
    """A ``.qdc``: its codes the codebook lacks, added (parents kept)."""
    root = _xml(_read(path), str(path))
    if _local(root.tag) != "CodeBook":
        raise InputError(
            _("{path}: not a REFI-QDA codebook (its root is {local})").format(
                path=path, local=_local(root.tag)
            )
        )
    codes = next(iter(_children(root, "Codes")), None)
    _codebook, added = _merge_codes(folder, codes, str(path))
    return Imported(codes_added=added)


def _member(archive: zipfile.ZipFile, name: str, path: Path) -> bytes:
    try:
        info = archive.getinfo(name)
    except KeyError:
        raise InputError(
            _("{path}: no {name} in the project").format(path=path, name=name)
        ) from None
    if info.file_size > MAX_MEMBER:
        raise InputError(
            _("{path}: {name} is larger than {megabytes} MB unzipped").format(
                path=path, name=name, megabytes=MAX_MEMBER // 2**20
            )
        )
    with archive.open(info) as handle:
        data = handle.read(MAX_MEMBER + 1)
    if len(data) > MAX_MEMBER:
        raise InputError(
            _("{path}: {name} is larger than {megabytes} MB unzipped").format(
                path=path, name=name, megabytes=MAX_MEMBER // 2**20
            )
        )
    return data


def import_project(folder: Path, path: Path) -> Imported:
    """A ``.qdpx`` reflect exported (not redacted) and coded elsewhere: its new codes
    into the codebook, each user's codings into their file."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(_read(path)))
    except zipfile.BadZipFile:
        raise InputError(
            _("{path}: not a REFI-QDA project (not a zip)").format(path=path)
        ) from None
    with archive:
        names = [n for n in archive.namelist() if n.endswith(".qde") and "/" not in n]
        if len(names) != 1:
            raise InputError(
                _("{path}: a project holds one .qde file at its top").format(path=path)
            )
        root = _xml(_member(archive, names[0], path), f"{path}:{names[0]}")
        if _local(root.tag) != "Project":
            raise InputError(_("{path}: not a REFI-QDA project").format(path=path))
        _refuse_redacted(root, path)
        book = next(iter(_children(root, "CodeBook")), None)
        codes_element = next(iter(_children(book, "Codes")), None) if book is not None else None
        guids, added = _merge_codes(folder, codes_element, str(path))
        found = Imported(codes_added=added)
        users = {
            u.get("guid", ""): u.get("name", "")
            for users in _children(root, "Users")
            for u in _children(users, "User")
        }
        notes = {
            note.get("guid", ""): (
                users.get(note.get("creatingUser") or "", ""),
                _source_text(archive, note, path).strip(),
            )
            for element in _children(root, "Notes")
            for note in _children(element, "Note")
        }
        made: dict[str, dict[Address, _Made]] = {}
        for sources in _children(root, "Sources"):
            for source in _children(sources, "TextSource"):
                text = _source_text(archive, source, path)
                for selection in _children(source, "PlainTextSelection"):
                    _selection(selection, text, users, guids, made, found)
                    _memos(selection, notes, made)
    # A project exported from another folder names sessions this one does not have:
    # their codings would be kept under addresses no passage has.
    known = {summary.id for summary in Store(folder).summaries()[0]}
    for by_address in made.values():
        for address in [a for a in by_address if a.session not in known]:
            del by_address[address]
            found.elsewhere += 1
    for user, by_address in made.items():
        if not by_address:
            continue
        coder = codings.check_coder(_slug(user))
        mine = codings.load(folder, coder)
        for address, it in by_address.items():
            memo = it.memo or (mine.by_address[address].memo if address in mine.by_address else "")
            ordered = tuple(sorted(it.codes))
            mine.put(codings.Coding(address, it.print_, ordered, memo, it.when or codings.now()))
        codings.save(folder, mine)
        found.codings[coder] = len(by_address)
    return found


#: A session as a redacted project names it (``session-k7m3q9``, from the pseudonym
#: key); a session id itself always starts with its date.
_PSEUDONYMOUS = re.compile(r"session-(?:[a-z][0-9]){3,}")


def _refuse_redacted(root: ET.Element, path: Path) -> None:
    """A project exported with ``--redact`` names its sessions by pseudonym: no coding
    made on it can be placed back on a passage. Refused before anything is written."""
    for sources in _children(root, "Sources"):
        for source in _children(sources, "TextSource"):
            named = [source.get("name") or ""]
            named += [
                (s.get("name") or "").partition("/")[0]
                for s in _children(source, "PlainTextSelection")
            ]
            pseudonym = next((n for n in named if _PSEUDONYMOUS.fullmatch(n)), "")
            if pseudonym:
                raise InputError(
                    _(
                        "{path}: a project exported with --redact (its sessions "
                        "are pseudonymised, like {pseudonym}): its codings cannot "
                        "be placed back on passages; nothing imported. Code a "
                        "project exported without --redact"
                    ).format(path=path, pseudonym=pseudonym)
                )


def _source_text(archive: zipfile.ZipFile, source: ET.Element, path: Path) -> str:
    inline = next(iter(_children(source, "PlainTextContent")), None)
    if inline is not None:
        return inline.text or ""
    where = source.get("plainTextPath") or ""
    if not where.startswith("internal://"):
        return ""
    raw = _member(archive, "sources/" + where.removeprefix("internal://"), path)
    return raw.decode("utf-8-sig", errors="replace")


@dataclass
class _Made:
    """What one user made of one selection in the QDA program."""

    print_: str
    codes: set[str]
    when: str
    memo: str = ""


def _memos(
    selection: ET.Element,
    notes: dict[str, tuple[str, str]],
    made: dict[str, dict[Address, _Made]],
) -> None:
    """A note its user wrote on a selection they coded becomes that coding's memo (as
    reflect exports memos: a note referred to by the selection)."""
    try:
        address = Address.parse(selection.get("name") or "")
    except InputError:
        return
    for ref in _children(selection, "NoteRef"):
        user, text = notes.get(ref.get("targetGUID") or "", ("", ""))
        coded = made.get(user, {}).get(address)
        if coded is not None and text:
            coded.memo = "\n".join(filter(None, (coded.memo, text)))


def _selection(
    selection: ET.Element,
    text: str,
    users: dict[str, str],
    guids: dict[str, str],
    made: dict[str, dict[Address, _Made]],
    found: Imported,
) -> None:
    try:
        address = Address.parse(selection.get("name") or "")
        start = int(selection.get("startPosition") or "")
        end = int(selection.get("endPosition") or "")
    except (InputError, ValueError):
        found.skipped += 1
        return
    passage = unicodedata.normalize("NFC", text[start:end]) if 0 <= start <= end else ""
    for coding in _children(selection, "Coding"):
        user = users.get(coding.get("creatingUser") or "", "")
        if not user or user == _REFLECT_USER:
            continue
        refs = [guids.get(r.get("targetGUID") or "") for r in _children(coding, "CodeRef")]
        entry = made.setdefault(user, {}).setdefault(
            address, _Made(fingerprint(passage), set(), coding.get("creationDateTime") or "")
        )
        entry.codes.update(r for r in refs if r)
