"""The tables as a Frictionless Data Package: one CSV per table and ``datapackage.json``
(a Table Schema per table: types, descriptions, primary and foreign keys), as files in
memory, and as a zip.

The CSVs are what pandas, R and DuckDB read with no options: UTF-8 without a BOM, a
header row, commas, double quotes doubled, CRLF between rows (RFC 4180), empty for no
value, ``true``/``false``, dates as ``YYYY-MM-DD``. Cells keep the text exactly (a cell
that starts with ``=`` stays as written: these are data, not a spreadsheet), except
control characters, shown as escapes as in every export.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from typing import Any

from reflect_cli.controls import visible
from reflect_cli.render.tables import schema
from reflect_cli.render.tables.build import Row

DESCRIPTOR = "datapackage.json"
#: A fixed time for the zip's entries: the same package gives the same bytes.
_ZIP_TIME = (2020, 1, 1, 0, 0, 0)


def files(
    rows: dict[str, list[Row]], *, include_private: bool, redacted: bool, notice: str = ""
) -> dict[str, str]:
    """Each file of the package by name: the CSVs, then ``datapackage.json``."""
    tables = [*schema.TABLES, *([schema.NOTES] if include_private else [])]
    written = {f"{t.name}.csv": _csv(t, rows[t.name]) for t in tables}
    written[DESCRIPTOR] = descriptor(tables, redacted, notice)
    return written


def zipped(written: dict[str, str]) -> bytes:
    """The package as one zip (the files at its top, ``datapackage.json`` among them)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in written.items():
            entry = zipfile.ZipInfo(name, _ZIP_TIME)
            entry.external_attr = 0o600 << 16
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, text.encode("utf-8"))
    return buffer.getvalue()


def _csv(table: schema.Table, rows: list[Row]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(table.names)
    for row in rows:
        if len(row) != len(table.columns):  # a builder out of step with the dictionary
            raise AssertionError(f"{table.name}: {len(row)} values for {len(table.columns)}")
        writer.writerow([_cell(value) for value in row])
    return buffer.getvalue()


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return visible(str(value), crlf=True)


def descriptor(tables: list[schema.Table], redacted: bool, notice: str) -> str:
    """``datapackage.json``: the package and each table's schema."""
    about = "Sessions recorded with reflect, as tidy tables."
    if redacted:
        about += " " + (notice or "Redacted.")
    package: dict[str, Any] = {
        "profile": "tabular-data-package",
        "name": "reflect-sessions",
        "title": "reflect sessions",
        "description": about,
        "version": str(schema.FORMAT_VERSION),
        "resources": [_resource(t) for t in tables],
    }
    return json.dumps(package, ensure_ascii=False, indent=2) + "\n"


def _resource(table: schema.Table) -> dict[str, Any]:
    fields = []
    for column in table.columns:
        field: dict[str, Any] = {
            "name": column.name,
            "type": str(column.type),
            "description": column.description,
        }
        constraints: dict[str, Any] = {}
        if column.required:
            constraints["required"] = True
        if column.values:
            constraints["enum"] = list(column.values)
        if constraints:
            field["constraints"] = constraints
        if column.type is schema.Type.BOOLEAN:
            field["trueValues"], field["falseValues"] = ["true"], ["false"]
        fields.append(field)
    table_schema: dict[str, Any] = {
        "fields": fields,
        "primaryKey": list(table.primary_key),
        "missingValues": [""],
    }
    if table.foreign_keys:
        table_schema["foreignKeys"] = [
            {
                "fields": list(key.columns),
                "reference": {
                    "resource": key.table,
                    "fields": list(key.refers_to or key.columns),
                },
            }
            for key in table.foreign_keys
        ]
    return {
        "name": table.name,
        "path": f"{table.name}.csv",
        "profile": "tabular-data-resource",
        "description": table.description,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": {"delimiter": ",", "quoteChar": '"', "doubleQuote": True, "header": True},
        "schema": table_schema,
    }
