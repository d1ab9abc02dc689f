"""The published REFI-QDA schemas (tests/data/refi-qda/, see its README) as validators:
whatever reflect writes as a project (``project.qde`` in a ``.qdpx``) or a codebook
(``.qdc``) must be valid against them, as a QDA program that validates on import reads it."""

from __future__ import annotations

import zipfile
from functools import cache
from pathlib import Path

import xmlschema

SCHEMAS = Path(__file__).resolve().parent / "data" / "refi-qda"


@cache
def _schema(name: str) -> xmlschema.XMLSchema10:
    return xmlschema.XMLSchema10(str(SCHEMAS / name))


def project_errors(qdpx: Path) -> list[str]:
    """Every way the project's ``project.qde`` breaks Project.xsd (empty: valid)."""
    with zipfile.ZipFile(qdpx) as archive:
        text = archive.read("project.qde").decode("utf-8")
    return [str(e.reason) + f" at {e.path}" for e in _schema("Project.xsd").iter_errors(text)]


def codebook_errors(text: str) -> list[str]:
    """Every way a codebook (``.qdc``'s text) breaks Codebook.xsd (empty: valid)."""
    return [str(e.reason) + f" at {e.path}" for e in _schema("Codebook.xsd").iter_errors(text)]
