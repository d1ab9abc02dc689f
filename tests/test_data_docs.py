"""docs/data.md's examples run as written on the evaluation fixture's data package: the
CSV lines it quotes are the package's, every DuckDB query and the pandas script run, and
the rows shown under each are what they give. After a deliberate change,
``REFLECT_WRITE_DOCS=1 pytest tests/test_data_docs.py`` writes the new rows into the
page (then read the diff before committing it)."""

from __future__ import annotations

import contextlib
import io
import os
import re
from pathlib import Path
from typing import Any

import duckdb
import pytest

from conftest import REPO
from evaluation_fixture import Built

PAGE = REPO / "docs" / "data.md"
#: A query (one or more statements) and the rows shown under it.
SQL = re.compile(r"^```sql\n(.*?)^```\n```\n(.*?)^```\n", re.MULTILINE | re.DOTALL)
PYTHON = re.compile(r"^```python\n(.*?)^```\n```\n(.*?)^```\n", re.MULTILINE | re.DOTALL)
CSV = re.compile(r"^```csv\n(.*?)^```\n", re.MULTILINE | re.DOTALL)


@pytest.fixture
def package(
    cli: Any, evaluation_sessions: Built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """The fixture's data package, made as the page says, and the folder to run in."""
    folder = tmp_path / "package"
    result = cli("export", "-f", "datapackage", "-o", str(folder))
    assert result.exit_code == 0, result.stderr
    monkeypatch.chdir(folder)
    return folder


def _box(columns: list[str], rows: list[tuple[Any, ...]]) -> list[str]:
    """Rows drawn as DuckDB's shell draws a table's lines (numbers to the right)."""
    cells = [[str(v) for v in row] for row in rows]
    widths = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(columns)]
    lines = ["│ " + " │ ".join(c.center(w) for c, w in zip(columns, widths, strict=True)) + " │"]
    for row, values in zip(cells, rows, strict=True):
        drawn = [
            v.rjust(w) if isinstance(raw, int | float) else v.ljust(w)
            for v, w, raw in zip(row, widths, values, strict=True)
        ]
        lines.append("│ " + " │ ".join(drawn) + " │")
    return lines


def _cells(shown: str) -> list[list[list[str]]]:
    """The tables shown (separated by a blank line): each line's cells, header first."""
    tables = []
    for part in shown.strip("\n").split("\n\n"):
        lines = [line for line in part.splitlines() if line.startswith("│")]
        tables.append([[c.strip() for c in line.strip("│").split("│")] for line in lines])
    return tables


def _run_sql(sql: str) -> list[tuple[list[str], list[tuple[Any, ...]]]]:
    results = []
    with duckdb.connect() as connection:
        for statement in (s for s in sql.split(";") if s.strip()):
            cursor = connection.execute(statement)
            columns = [d[0] for d in cursor.description]
            results.append((columns, cursor.fetchall()))
    return results


def test_the_csv_lines_shown_are_the_packages(package: Path) -> None:
    text = PAGE.read_text(encoding="utf-8")
    example = text.split("## Example\n", 1)[1]
    blocks = CSV.findall(example)
    assert len(blocks) == 2
    headers = {
        f.read_text(encoding="utf-8").splitlines()[0]: f for f in sorted(package.glob("*.csv"))
    }
    for block in blocks:
        header, *lines = block.splitlines()
        rows = headers[header].read_text(encoding="utf-8").splitlines()
        assert lines == rows[1 : len(lines) + 1], headers[header].name


def test_every_query_runs_and_gives_the_rows_shown(package: Path) -> None:
    text = PAGE.read_text(encoding="utf-8")
    queries = SQL.findall(text)
    assert len(queries) >= 5
    updated = text
    for sql, shown in queries:
        results = _run_sql(sql)
        for _columns, rows in results:
            assert rows, f"no rows: {sql}"  # a question id of another protocol gives none
        drawn = "\n\n".join("\n".join(_box(c, r)) for c, r in results) + "\n"
        if os.environ.get("REFLECT_WRITE_DOCS"):
            updated = updated.replace(f"{sql}```\n```\n{shown}", f"{sql}```\n```\n{drawn}", 1)
            continue
        assert _cells(shown) == _cells(drawn), sql
    if updated != text:
        PAGE.write_text(updated, encoding="utf-8")


def test_the_pandas_script_runs_and_prints_what_is_shown(package: Path) -> None:
    text = PAGE.read_text(encoding="utf-8")
    ((script, shown),) = PYTHON.findall(text)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(script, "docs/data.md", "exec"), {})  # the page's own script
    said = "\n".join(line.rstrip() for line in printed.getvalue().splitlines()) + "\n"
    assert len(said.splitlines()) > 1
    if os.environ.get("REFLECT_WRITE_DOCS"):
        PAGE.write_text(text.replace(f"{script}```\n```\n{shown}", f"{script}```\n```\n{said}"))
        return
    assert shown == said
