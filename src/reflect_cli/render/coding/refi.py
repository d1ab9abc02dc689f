"""REFI-QDA exchange: the codebook (``.qdc``, namespace ``urn:QDA-XML:codebook:1.0``)
and the project (``.qdpx``: a zip of ``project.qde``, namespace
``urn:QDA-XML:project:1.0``, and each source's plain text under ``sources/``), as NVivo,
ATLAS.ti, MAXQDA, QualCoder and Taguette read them.

Each session is one text source: UTF-8, NFC, LF line ends, no byte order mark, control
characters shown as escapes as in every export (``controls.visible``). Each
passage is a ``PlainTextSelection`` whose ``startPosition``/``endPosition`` count
Unicode code points (characters, not bytes, not UTF-16 units) from the start of the
source, the end exclusive, so ``text[start:end]`` is the passage. Selections are coded
with structural codes (the domain, the question: made by the user "reflect") and with
each coder's codes (made by that coder). Cases are the partnerships (their sessions as
sources) and, unless redacted, the participants (their passages, with their
organization's sector as a variable). Each memo is a note, referred to by its
selection, by the coder who wrote it. GUIDs are derived
(UUID 5) from what is shown, so the same selection exported twice has one GUID, and a
redacted project's GUIDs cannot be worked back to a session id.

What is written is valid against the published schemas (Project.xsd, Codebook.xsd; the
tests validate against copies): a list element the schemas require to hold one item or
more (``Codes``, ``Cases``, ``Sources``) is never written empty.
"""

from __future__ import annotations

import io
import re
import unicodedata
import uuid
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from reflect_cli.coding.codebook import Code, Codebook
from reflect_cli.coding.codings import Coding
from reflect_cli.coding.passages import Address, of_session
from reflect_cli.controls import visible
from reflect_cli.errors import InputError
from reflect_cli.folding import fold
from reflect_cli.i18n.messages import _
from reflect_cli.model import Session
from reflect_cli.render.coding.shown import Shown
from reflect_cli.render.tables.build import school_year

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
_GUIDS = uuid.UUID("6f1d0e52-3c1a-5b7e-9a43-0c0de5b00c18")
_ZIP_TIME = (2020, 1, 1, 0, 0, 0)
#: Characters XML 1.0 cannot hold at all (most C0 controls, lone surrogates, U+FFFE/F).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_REFLECT_USER = "reflect"
#: The variable on a participant's case: their organization's sector (as the roster gave it).
SECTOR = "sector"


def guid(*parts: str) -> str:
    return str(uuid.uuid5(_GUIDS, "\x1f".join(parts)))


def _xml(text: str) -> str:
    """Text an XML attribute or element can hold, control characters shown as escapes as
    every export shows them (``controls.visible``: a right-to-left override that would
    show "acinoM" as "Monica" is ``\\u202e``), and the characters XML forbids too."""
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", visible(text))


def _el(parent: ET.Element, tag: str, **attrs: str) -> ET.Element:
    return ET.SubElement(parent, tag, {k: _xml(v) for k, v in attrs.items() if v != ""})


def _colour(code: Code) -> str:
    return code.colour.upper()


def _codes(parent: ET.Element, codebook: Codebook, under: str = "") -> None:
    for code in codebook.codes:
        if code.parent != under:
            continue
        attrs = {"guid": guid("code", code.id), "name": code.name, "isCodable": "true"}
        element = _el(parent, "Code", **attrs, color=_colour(code))
        if code.description:
            ET.SubElement(element, "Description").text = _xml(code.description)
        _codes(element, codebook, code.id)


def codebook_xml(codebook: Codebook) -> str:
    """The codebook alone (``.qdc``). Codebook.xsd requires one code or more."""
    if not codebook.codes:
        raise InputError(_("the codebook has no codes; a REFI-QDA codebook holds one or more"))
    root = ET.Element("CodeBook", {"xmlns": CODEBOOK_NS, "origin": "reflect"})
    _codes(ET.SubElement(root, "Codes"), codebook)
    return _document(root)


def _document(root: ET.Element) -> str:
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, "unicode") + "\n"


@dataclass
class _Source:
    guid: str
    name: str
    text: str
    collaborative: str
    variables: dict[str, str]
    #: (address, start, end, speaker id, domain id)
    selections: list[tuple[Address, int, int, str, str]] = field(default_factory=list)
    #: Each speaker id's name as shown (a participant case's name).
    speakers: dict[str, str] = field(default_factory=dict)
    #: Each speaker id's organization's sector, when the roster gave one.
    sectors: dict[str, str] = field(default_factory=dict)


def _nfc(text: str) -> str:
    """Text as a source holds it: NFC, control characters shown as escapes (as ``_xml``;
    a source is plain text, not XML, so it holds what XML forbids as it is)."""
    return unicodedata.normalize("NFC", visible(text))


def source(session: Session, shown: Shown) -> _Source:
    """A session as one plain text, and where each passage is in it."""
    name = shown.session(session.id)
    pieces: list[str] = []
    length = 0

    def add(text: str) -> int:
        nonlocal length
        start = length
        pieces.append(text)
        length += len(text)
        return start

    collaborative = shown.place(session.collaborative)
    header = " · ".join(p for p in (collaborative, shown.place(session.site), session.date) if p)
    add(_nfc(header) + "\n")
    variables = {"site": shown.place(session.site), "school year": school_year(session.date)}
    variables["date"] = session.date
    kind = session.find("partnership-type-now")
    if kind is not None and isinstance(kind.answer, str) and kind.answer:
        variables["partnership type"] = kind.answer
    found = _Source(guid("source", name), name, "", collaborative, variables)
    question = ""
    for passage in of_session(session):
        if passage.address.question != question:
            question = passage.address.question
            add(_nfc(f"\n{question} · {shown.prompt(passage.prompt)}\n"))
        line = _nfc(shown.text(passage.text, passage.address))
        start = add(line)
        add("\n")
        speaker, speaker_name = shown.speaker(session, passage.text)
        if speaker:
            found.speakers[speaker] = speaker_name
            if passage.sector:
                found.sectors[speaker] = passage.sector
        found.selections.append(
            (passage.address, start, start + len(line), speaker, passage.domain)
        )
    found.text = "".join(pieces)
    return found


def project(
    sessions: Sequence[Session],
    codebook: Codebook,
    by_coder: Mapping[str, Mapping[Address, Coding]],
    shown: Shown,
) -> dict[str, str]:
    """Every file of the project by its name in the zip: ``project.qde`` and
    ``sources/GUID.txt``. Project.xsd requires a source or more in ``Sources``."""
    if not sessions:
        raise InputError(_("a REFI-QDA project needs a session or more"))
    root = ET.Element("Project", {"xmlns": PROJECT_NS, "name": "reflect", "origin": "reflect"})
    users = ET.SubElement(root, "Users")
    user_ids = {_REFLECT_USER: guid("user", _REFLECT_USER)}
    user_ids.update({c: guid("user", c) for c in sorted(by_coder)})
    for name, user in user_ids.items():
        _el(users, "User", guid=user, name=name)
    root.set("creatingUserGUID", user_ids[_REFLECT_USER])
    sources = [source(s, shown) for s in sessions]
    _project_codebook(root, codebook, sessions, shown)
    names = ("site", "school year", "date", "partnership type")
    variables = ET.SubElement(root, "Variables")
    for name in (*names, SECTOR):
        _el(variables, "Variable", guid=guid("variable", name), name=name, typeOfVariable="Text")
    _cases(root, sources, shown)
    files: dict[str, str] = {}
    #: Each memo as a note: (guid, coder, when, text as shown, selection's name).
    notes: list[tuple[str, str, str, str, str]] = []
    element = ET.SubElement(root, "Sources")
    for found in sources:
        files[f"sources/{found.guid}.txt"] = found.text
        text_source = _el(
            element,
            "TextSource",
            guid=found.guid,
            name=found.name,
            plainTextPath=f"internal://{found.guid}.txt",
            creatingUser=user_ids[_REFLECT_USER],
        )
        for address, start, end, _speaker, domain in found.selections:
            shown_at = shown.address(address)
            selection = _el(
                text_source,
                "PlainTextSelection",
                guid=guid("selection", shown_at),
                name=shown_at,
                startPosition=str(start),
                endPosition=str(end),
                creatingUser=user_ids[_REFLECT_USER],
            )
            for kind, key in (("domain", domain), ("question", address.question)):
                coding = _el(
                    selection,
                    "Coding",
                    guid=guid("coding", shown_at, kind),
                    creatingUser=user_ids[_REFLECT_USER],
                )
                _el(coding, "CodeRef", targetGUID=guid("structural", kind, key))
            for coder in sorted(by_coder):
                given = by_coder[coder].get(address)
                for code in given.codes if given else ():
                    coding = _el(
                        selection,
                        "Coding",
                        guid=guid("coding", shown_at, coder, code),
                        creatingUser=user_ids[coder],
                        creationDateTime=given.coded if given else "",
                    )
                    _el(coding, "CodeRef", targetGUID=guid("code", code))
            for coder in sorted(by_coder):
                given = by_coder[coder].get(address)
                if given is not None and given.memo:
                    note = guid("note", shown_at, coder)
                    memo = _nfc(shown.text(given.memo, address))
                    notes.append((note, coder, given.coded, memo, shown_at))
                    _el(selection, "NoteRef", targetGUID=note)
        for name in names:
            value = _el(text_source, "VariableValue")
            _el(value, "VariableRef", targetGUID=guid("variable", name))
            ET.SubElement(value, "TextValue").text = _xml(found.variables.get(name, ""))
    if notes:  # Project.xsd: Notes holds one note or more
        element = ET.SubElement(root, "Notes")
        for note, coder, when, memo, shown_at in notes:
            written = _el(
                element,
                "Note",
                guid=note,
                name=f"memo by {coder} on {shown_at}",
                creatingUser=user_ids[coder],
                creationDateTime=when,
            )
            ET.SubElement(written, "PlainTextContent").text = _xml(memo)
    files = {"project.qde": _document(root), **files}
    return files


def _project_codebook(
    root: ET.Element, codebook: Codebook, sessions: Sequence[Session], shown: Shown
) -> None:
    book = ET.SubElement(root, "CodeBook")
    codes = ET.SubElement(book, "Codes")
    domains: dict[str, str] = {}
    questions: dict[str, str] = {}
    for session in sessions:
        for domain, record in session.answers():
            # A protocol anyone wrote can name a person in its text: redacted as such.
            domains.setdefault(domain.id, shown.prompt(domain.title))
            questions.setdefault(record.id, shown.prompt(record.prompt))
    for kind, found in (("domain", domains), ("question", questions)):
        group = _el(
            codes, "Code", guid=guid("structural", kind), name=f"{kind}s", isCodable="false"
        )
        for key, text in found.items():
            code = _el(
                group, "Code", guid=guid("structural", kind, key), name=key, isCodable="true"
            )
            ET.SubElement(code, "Description").text = _xml(text)
    _codes(codes, codebook)


def _cases(root: ET.Element, sources: Sequence[_Source], shown: Shown) -> None:
    cases = ET.SubElement(root, "Cases")
    partnerships: dict[str, list[_Source]] = {}
    for found in sources:
        partnerships.setdefault(" ".join(fold(found.collaborative).split()), []).append(found)
    for key, found_sources in partnerships.items():
        name = found_sources[0].collaborative
        case = _el(cases, "Case", guid=guid("case", "partnership", key), name=name)
        ET.SubElement(case, "Description").text = "partnership"
        for found in found_sources:
            _el(case, "SourceRef", targetGUID=found.guid)
    if shown.redacted:
        return  # people stay out of a redacted project as cases
    people: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    sectors: dict[str, str] = {}
    for found in sources:
        names.update(found.speakers)
        sectors.update(found.sectors)
        for address, _start, _end, speaker, _domain in found.selections:
            if speaker:
                people.setdefault(speaker, []).append(guid("selection", shown.address(address)))
    for speaker, selections in people.items():
        case = _el(cases, "Case", guid=guid("case", "person", speaker), name=names[speaker])
        ET.SubElement(case, "Description").text = "participant"
        value = _el(case, "VariableValue")
        _el(value, "VariableRef", targetGUID=guid("variable", SECTOR))
        ET.SubElement(value, "TextValue").text = _xml(sectors.get(speaker, ""))
        for selection in selections:
            _el(case, "SelectionRef", targetGUID=selection)


def zipped(files: Mapping[str, str]) -> bytes:
    """The project as a ``.qdpx`` (a zip; the same project gives the same bytes)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            entry = zipfile.ZipInfo(name, _ZIP_TIME)
            entry.external_attr = 0o600 << 16
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, text.encode("utf-8"))
    return buffer.getvalue()
