"""`export --redact` knows the discarded sessions' people, and refuses when a record in the
folder cannot be read (its people would be unknown) unless told to go on without it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import make_session
from labels import uncoded
from reflect_cli.model import Action

KWAME = "Kwame Mensah | Rainier Youth Soccer | Coach | kwame"


def _live(sessions_dir: Path) -> str:
    return make_session(
        sessions_dir,
        "partnership-reflection",
        date="2026-10-01",
        people=["Monica Haugen | Seattle Parks and Recreation | Site lead | mh"],
        answers={"shared-values": "mh: Kwame Mensah said the gym is open."},
    )


def _other(sessions_dir: Path, **given: Any) -> str:
    return make_session(
        sessions_dir,
        "partnership-reflection",
        date="2026-09-01",
        collaborative="Rainier Beach",
        people=[KWAME],
        actions=[Action("Book the gym", "kwame", "2026-10-01")],
        **given,
    )


def test_people_of_a_discarded_session_are_known(cli: Any, sessions_dir: Path) -> None:
    draft = _other(sessions_dir, status="draft")
    live = _live(sessions_dir)
    discarded = cli("discard", draft, "--yes")
    assert discarded.exit_code == 0, discarded.stderr
    assert (sessions_dir / ".trash" / f"{draft}.yaml").exists()
    result = cli("export", "--redact", live)
    assert result.exit_code == 0, result.stderr
    assert "Kwame" not in result.stdout and "Mensah" not in result.stdout
    assert "Rainier Youth Soccer (Coach) said the gym is open." in uncoded(result.stdout)


BROKEN = {
    "newer schema": lambda text: text.replace("/session-v1", "/session-v2"),
    "conflict marker": lambda text: "<<<<<<< HEAD\n" + text + "=======\n>>>>>>> theirs\n",
    "duplicate key": lambda text: text.replace("status: complete", "status: complete\nstatus: x"),
}


@pytest.mark.parametrize("how", list(BROKEN))
@pytest.mark.parametrize("where", ["folder", "trash"])
def test_an_unreadable_record_refuses_the_redacted_export(
    cli: Any, sessions_dir: Path, tmp_path: Path, how: str, where: str
) -> None:
    other = _other(sessions_dir)
    live = _live(sessions_dir)
    record = sessions_dir / f"{other}.yaml"
    text = record.read_text(encoding="utf-8")
    assert "schema: reflect/session-v1" in text and "status: complete" in text
    broken = BROKEN[how](text)
    record.unlink()
    (sessions_dir / f"{other}.md").unlink()
    if where == "trash":
        (sessions_dir / ".trash").mkdir()
        target = sessions_dir / ".trash" / f"{other}.yaml"
    else:
        target = sessions_dir / f"{other}.yaml"
    target.write_text(broken, encoding="utf-8")
    out = tmp_path / "out.md"
    result = cli("export", "--redact", live, "-o", str(out))
    assert result.exit_code == 2
    refusal = [line for line in result.stderr.splitlines() if "cannot be promised" in line]
    assert len(refusal) == 1 and f"{other}.yaml" in refusal[0]
    assert "--ignore-unreadable" in refusal[0]
    assert not out.exists() and result.stdout == ""
    # Told to go on: it redacts what it knows, and says which file it went without.
    result = cli("export", "--redact", "--ignore-unreadable", live)
    assert result.exit_code == 0, result.stderr
    assert f"redacted without {target}" in result.stderr
    assert "Haugen" not in result.stdout
    # Without --redact nothing is promised: the export goes on as before.
    assert cli("export", live).exit_code == 0


@pytest.mark.parametrize("kind", ["fifo", "link", "folder"])
def test_an_entry_named_like_a_record_that_is_no_file_refuses_it(
    cli: Any, sessions_dir: Path, tmp_path: Path, kind: str
) -> None:
    """A FIFO, a symbolic link or a folder named like a record may hold anyone's name:
    its people are unknown, so the redacted export is refused (one line naming it), as
    for a record that cannot be parsed."""
    import os

    live = _live(sessions_dir)
    entry = sessions_dir / "2026-09-02-elsewhere.yaml"
    if kind == "fifo":
        os.mkfifo(entry)
    elif kind == "link":
        entry.symlink_to(tmp_path / "outside.yaml")
    else:
        entry.mkdir()
    result = cli("export", "--redact", live)
    assert result.exit_code == 2
    refusal = [line for line in result.stderr.splitlines() if "cannot be promised" in line]
    assert len(refusal) == 1 and entry.name in refusal[0]
    assert result.stdout == ""
    result = cli("export", "--redact", "--ignore-unreadable", live)
    assert result.exit_code == 0, result.stderr
    assert entry.name in result.stderr and "Haugen" not in result.stdout


def test_a_place_of_a_session_outside_the_export_is_replaced(cli: Any, sessions_dir: Path) -> None:
    """Every collaborative and site the folder knows is replaced, as every person is: a
    partial year's export names another partnership's place nowhere (an answer, an
    organization named for it), not only the places of the sessions it holds."""
    make_session(
        sessions_dir,
        "partnership-reflection",
        date="2025-09-01",
        collaborative="Beacon Hill Family Collaborative",
        site="Kimball Elementary",
        people=["Hope Tran | Kimball Elementary | Principal | hope"],
    )
    live = make_session(
        sessions_dir,
        "partnership-reflection",
        date="2026-10-01",
        people=["Monica Haugen | Beacon Hill Family Collaborative Council | Parent | mh"],
        answers={"shared-values": "mh: we visited Kimball Elementary with Beacon Hill Family."},
    )
    for fmt in ("md", "json", "csv"):
        result = cli("export", "--redact", "--format", fmt, live)
        assert result.exit_code == 0, result.stderr
        for place in ("Kimball", "Beacon Hill"):
            assert place not in result.stdout, (fmt, place)
