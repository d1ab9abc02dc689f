"""Sectors: given once per organization (the answers file, ``-p``'s fifth field, or asked
at the roster step), kept in the record, and carried by the partnership to everyone of
that organization at later meetings. Older records read with none."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import MINIMAL_PROTOCOL, make_record
from reflect_cli.errors import InputError, RecordError
from reflect_cli.model import Protocol, Sector
from reflect_cli.protocols import catalog
from reflect_cli.records import codec
from reflect_cli.records.store import Store
from reflect_cli.session.console import ScriptedConsole
from reflect_cli.session.flow import Facilitator
from reflect_cli.session.prefill import Plan, add_participants
from reflect_cli.session.typed_lines import sector_of

REST = ["", "1", "3", "yes", "red", ""]  # the tiny protocol's five questions, then review


@pytest.fixture
def tiny(write_yaml: Any) -> Protocol:
    return catalog.load_file(write_yaml("tiny.yaml", MINIMAL_PROTOCOL))


@pytest.mark.parametrize(
    ("typed", "sector"),
    [
        ("school", Sector.SCHOOL),
        ("  Community   Organization ", Sector.COMMUNITY_ORGANIZATION),
        ("community-organization", Sector.COMMUNITY_ORGANIZATION),
        ("comm", Sector.COMMUNITY_ORGANIZATION),
        ("FAM", Sector.FAMILY),
        ("", None),
    ],
)
def test_a_sector_is_read_as_people_type_it(typed: str, sector: Sector | None) -> None:
    assert sector_of(typed) == sector


@pytest.mark.parametrize("typed", ["f", "parent", "schools", "other stuff"])
def test_a_sector_that_is_not_one_or_could_be_two_is_refused(typed: str) -> None:
    with pytest.raises(InputError, match="one of school, district, community organization"):
        sector_of(typed)


def test_a_record_keeps_its_sector_and_an_older_one_has_none(tmp_path: Path) -> None:
    data = make_record()
    older = codec.from_dict(data, "r.yaml")
    assert older.participants[0].sector is None
    assert "sector" not in codec.to_dict(older)["participants"][0]  # older bytes kept
    data["participants"][0]["sector"] = "youth"  # type: ignore[index]
    assert codec.from_dict(data, "r.yaml").participants[0].sector is Sector.YOUTH
    assert codec.to_dict(codec.from_dict(data, "r.yaml")) == data


def test_a_record_with_a_sector_reflect_never_writes_names_the_key(tmp_path: Path) -> None:
    data = make_record()
    data["participants"][0]["sector"] = "Schools"  # type: ignore[index]
    with pytest.raises(RecordError, match=r"participants\[0\]\.sector: not a sector"):
        codec.parse(yaml.safe_dump(data), "r.yaml")


def test_answers_file_and_p_take_a_sector(cli: Any, write_yaml: Any, sessions_dir: Path) -> None:
    answers = write_yaml(
        "a.yaml",
        """
        collaborative: Lake Hills Partners
        facilitator: Alex Rivera
        date: 2025-10-09
        participants:
          - {name: Nguyễn Thị Lan, organization: Lake Hills PTA, role: Parent, sector: Family}
        answers: {partnership-type-now: Collaborative}
        """,
    )
    result: Any = cli(
        "start", "equitable-partnerships", "--answers", str(answers), "--no-input",
        "-p", "Hope Tesfaye | Lake Hills Elementary | Principal | | school",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    (session,) = Store(sessions_dir).read(Store(sessions_dir).summaries()[0])
    assert [(p.name, p.sector) for p in session.participants] == [
        ("Nguyễn Thị Lan", Sector.FAMILY),
        ("Hope Tesfaye", Sector.SCHOOL),
    ]
    bad = cli(
        "start", "equitable-partnerships", "--answers", str(answers), "--no-input",
        "-p", "Grace Kim | Boys & Girls Club | Director | grace | club",
    )  # fmt: skip
    assert bad.exit_code == 2
    assert "sector 'club': one of school" in bad.stderr


def _meeting(tiny: Protocol, folder: Path, date: str, people: list[str], lines: list[str]) -> Any:
    plan = Plan(collaborative="Lake Hills", site="LH", facilitator="Alex", date=date)
    add_participants(plan, people)
    console = ScriptedConsole(lines)
    return Facilitator(console, Store(folder), tiny, plan).start(), console


def test_asked_once_per_new_organization_and_kept_for_the_partnership(
    tiny: Protocol, sessions_dir: Path
) -> None:
    first, console = _meeting(
        tiny,
        sessions_dir,
        "2025-10-09",
        [],
        [
            "Grace Kim | Boys & Girls Club | Site director",
            "youth club",  # not a sector: asked again
            "community organization",
            "Grace Lee | Boys & Girls Club | Coach",  # the same organization: not asked
            "Hope Tesfaye | Lake Hills Elementary | Principal | hope | school",  # given
            "May Chen | Lake Hills PTA | Parent",
            "",  # Enter: none
            "",
            *REST,
        ],
    )
    asked = [line for line in console.shown if line.startswith("Sector of ")]
    assert [a.split(" (")[0] for a in asked] == [
        "Sector of Boys & Girls Club",
        "Sector of Boys & Girls Club",
        "Sector of Lake Hills PTA",
    ]
    assert [p.sector for p in first.participants] == [
        Sector.COMMUNITY_ORGANIZATION,
        Sector.COMMUNITY_ORGANIZATION,
        Sector.SCHOOL,
        None,
    ]
    # Next time: the known people carry theirs, someone new of a known organization
    # takes it without a question, a scripted roster too.
    second, console = _meeting(
        tiny,
        sessions_dir,
        "2026-10-09",
        [
            "Grace Kim | Boys & Girls Club | Site director",
            "Justice Amadi | BOYS & GIRLS CLUB | Mentor",
        ],
        REST,
    )
    assert not [line for line in console.shown if line.startswith("Sector of ")]
    assert [p.sector for p in second.participants if p.present] == [
        Sector.COMMUNITY_ORGANIZATION
    ] * 2
