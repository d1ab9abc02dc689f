"""The cache beside the records: never trusted blindly, never needed for correctness."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from conftest import make_session
from reflect_cli.records import cache
from reflect_cli.records.store import Store


@pytest.fixture(autouse=True)
def settle_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files written a moment ago count as settled, so the tests exercise the cache."""
    monkeypatch.setattr(cache, "SETTLE_NS", -(10**12))


def listing(folder: Path) -> list[dict[str, Any]]:
    summaries, _ = Store(folder).summaries()
    return sorted(summaries, key=lambda s: s["id"])


def truth(folder: Path) -> list[dict[str, Any]]:
    """What the YAML files say, read without any cache."""
    from reflect_cli.records import codec

    found = []
    for path in sorted(folder.glob("*.yaml")):
        found.append(codec.summary(codec.parse(path.read_text(encoding="utf-8"), str(path))))
    return sorted(found, key=lambda s: s["id"])


@pytest.fixture
def folder(sessions_dir: Path) -> Path:
    for day in ("2026-09-01", "2026-10-01", "2026-11-01"):
        make_session(
            sessions_dir,
            "partnership-reflection",
            date=day,
            answers={"shared-values": f"monica: said on {day}"},
        )
    return sessions_dir


def test_cache_is_written_ignored_by_git_and_used(folder: Path) -> None:
    assert listing(folder) == truth(folder)
    home = folder / ".reflect"
    assert (home / ".gitignore").read_text().splitlines()[-1] == "*"
    assert (home / "index.json").exists() and (home / "records.jsonl").exists()
    store = Store(folder)
    store.summaries()
    ids = [s["id"] for s in truth(folder)]
    assert [s.id for s in store.sessions(ids)] == ids


def test_deleting_the_cache_changes_nothing(folder: Path) -> None:
    before = listing(folder)
    for path in (folder / ".reflect").iterdir():
        path.unlink()
    assert listing(folder) == before == truth(folder)


@pytest.mark.parametrize(
    "damage",
    [b"", b"garbage\n{}", b'{"format": "someone-else"}\n{}', b"\x00\xff" * 50],
)
def test_corrupted_index_is_rebuilt(folder: Path, damage: bytes) -> None:
    listing(folder)
    (folder / ".reflect" / "index.json").write_bytes(damage)
    assert listing(folder) == truth(folder)


def test_hand_edited_index_is_not_trusted(folder: Path) -> None:
    listing(folder)
    index = folder / ".reflect" / "index.json"
    head, body = index.read_bytes().split(b"\n", 1)
    index.write_bytes(
        head + b"\n" + body.replace(b"Northgate Elementary OST", b"Somewhere Else OST")
    )
    assert listing(folder) == truth(folder)


def test_hand_edited_or_truncated_records_file(folder: Path) -> None:
    listing(folder)
    data = folder / ".reflect" / "records.jsonl"
    data.write_bytes(data.read_bytes().replace(b"said on", b"SAID ON"))
    ids = [s["id"] for s in truth(folder)]
    answers = [s.domains[0].questions[0].answer for s in Store(folder).sessions(ids)]
    assert answers == [f"monica: said on {d}" for d in ("2026-09-01", "2026-10-01", "2026-11-01")]
    data.write_bytes(data.read_bytes()[:100])
    assert listing(folder) == truth(folder)
    assert [s.id for s in Store(folder).sessions(ids)] == ids


def test_changed_added_removed_and_broken_records(folder: Path, sessions_dir: Path) -> None:
    listing(folder)
    first = sorted(folder.glob("*.yaml"))[0]
    text = first.read_text().replace("Northgate Elementary OST", "Renamed Collaborative")
    first.write_text(text)
    os.utime(first, ns=(first.stat().st_atime_ns, first.stat().st_mtime_ns + 5_000_000_000))
    sorted(folder.glob("*.yaml"))[1].unlink()
    make_session(sessions_dir, "partnership-reflection", date="2026-12-01", collaborative="New")
    (folder / "2026-12-02-broken-0000.yaml").write_text("schema: reflect/session-v1\n: [\n")
    summaries, warnings = Store(folder).summaries()
    assert sorted(summaries, key=lambda s: s["id"]) == truth_without_broken(folder)
    assert len(warnings) == 1 and "2026-12-02-broken-0000.yaml" in warnings[0]
    assert any(s["collaborative"] == "Renamed Collaborative" for s in summaries)


def truth_without_broken(folder: Path) -> list[dict[str, Any]]:
    broken = folder / "2026-12-02-broken-0000.yaml"
    kept = broken.read_bytes()
    broken.unlink()
    try:
        return truth(folder)
    finally:
        broken.write_bytes(kept)


def test_same_size_edit_within_clock_granularity_is_seen(
    sessions_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "SETTLE_NS", 10**15)  # everything counts as just written
    make_session(sessions_dir, "partnership-reflection", collaborative="Aaaa")
    assert listing(sessions_dir)[0]["collaborative"] == "Aaaa"
    (path,) = sessions_dir.glob("*.yaml")
    stat = path.stat()
    path.write_text(path.read_text().replace("collaborative: Aaaa", "collaborative: Bbbb"))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same size, same mtime
    assert listing(sessions_dir)[0]["collaborative"] == "Bbbb"


def test_compaction_keeps_every_record(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "COMPACT_BYTES", 0)
    listing(folder)
    data = folder / ".reflect" / "records.jsonl"
    for round_ in range(3):  # every record changes: the old lines are dead
        for path in folder.glob("*.yaml"):
            stat = path.stat()
            os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9 * (round_ + 1)))
        assert listing(folder) == truth(folder)
    assert data.read_bytes().count(b"\n") == 3  # compacted to the live lines
    ids = [s["id"] for s in truth(folder)]
    store = Store(folder)
    store.summaries()
    assert [s.id for s in store.sessions(ids)] == ids


def test_read_only_cache_folder_only_costs_speed(folder: Path) -> None:
    listing(folder)
    (folder / ".reflect" / "index.json").unlink()
    (folder / ".reflect" / "index.json").mkdir()  # cannot be written as a file
    assert listing(folder) == truth(folder)
