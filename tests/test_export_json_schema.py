"""The JSON export's published schema (``render/export/export.schema.json``, shipped in
the package) holds for real exports: plain, redacted, private, drafts, rounds of every
kind; and it is strict enough to refuse what reflect never writes."""

from __future__ import annotations

import copy
import json
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

import datapackage_fixture as fixture


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fixture.built_once(tmp_path_factory.mktemp("evaluation"))


@pytest.fixture
def folder(built: Path, sessions_dir: Path) -> Path:
    return fixture.copied(built, sessions_dir)


def schema() -> dict[str, Any]:
    shipped = resources.files("reflect_cli.render.export") / "export.schema.json"
    return json.loads(shipped.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def exported(cli: Any, *args: str) -> Any:
    result = cli("export", "-f", "json", *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_the_schema_is_a_valid_schema() -> None:
    Draft202012Validator.check_schema(schema())


@pytest.mark.parametrize(
    "options",
    [
        (),
        ("--redact", "--word", "Hope", "--name", "district"),
        ("--include-private", "--include-drafts"),
        ("--redact", "--word", "Hope", "--name", "district", "--include-private"),
    ],
)
def test_real_exports_hold_to_it(cli: Any, folder: Path, options: tuple[str, ...]) -> None:
    data = exported(cli, *options)
    assert len(data) >= 3
    Draft202012Validator(schema()).validate(data)
    rounds = [
        q["round"] for r in data for d in r["domains"] for q in d["questions"] if "round" in q
    ]
    assert {r["kind"] for r in rounds} == {"named", "anonymous"}
    assert any(r.get("withheld") for r in rounds)  # the lone anonymous rating


def test_the_builtin_protocols_exports_hold_to_it(cli: Any, sessions: dict[str, str]) -> None:
    Draft202012Validator(schema()).validate(exported(cli, "--include-drafts", "--include-private"))


def test_it_refuses_what_reflect_never_writes(cli: Any, folder: Path) -> None:
    validator = Draft202012Validator(schema())
    good = exported(cli)
    question = good[0]["domains"][1]["questions"][0]  # the anonymous round
    assert question["ratings"]
    broken = []
    for change in (
        # a handle on an anonymous rating (this round has no group of three: no organization)
        lambda q: q["ratings"][0].update(participant="lan", organization="Parks"),
        lambda q: q.pop("answer"),
        lambda q: q.update(kind="essay"),
        lambda q: q["round"].pop("divergent"),
    ):
        data = copy.deepcopy(good)
        change(data[0]["domains"][1]["questions"][0])
        broken.append(not validator.is_valid(data))
    assert broken == [True, True, True, True]
