"""A damaged record is one warning naming its file, line and key; the rest of the folder
is still listed, shown, searched and exported."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import BOMB, build_sessions
from reflect_cli.errors import RecordError
from reflect_cli.model import Kind
from reflect_cli.records import codec

BAD = "2026-01-01-bad-0000.yaml"


def _sub(pattern: str, replacement: str) -> Any:
    return lambda text: re.sub(pattern, replacement, text, count=1, flags=re.MULTILINE)


# (what changes in the record, what the warning must say: the key and the problem)
CASES = {
    "wrong type": (_sub(r"^site: .*", "site: [1, 2]"), ":11: site: must be text, not a list"),
    "impossible date": (
        _sub(r"^date: .*", "date: 2026-02-30"),
        ":12: date: '2026-02-30' is not a real date",
    ),
    "null collaborative": (
        _sub(r"^collaborative: .*", "collaborative: null"),
        ":10: collaborative: must be the collaborative's name, not null",
    ),
    "empty collaborative key": (
        _sub(r"^collaborative: .*", "collaborative:"),
        ":10: collaborative: must be the collaborative's name, not null",
    ),
    "a date far in the future": (
        _sub(r"^date: .*", "date: 9999-12-31"),
        ":12: date: 9999-12-31 is more than a year from today",
    ),
    "4,301-digit integer": (
        _sub(r"^  version: .*", "  version: " + "9" * 4301),
        ":6: version: number too long (4,301 characters)",
    ),
    ".inf": (
        _sub(r"^  version: .*", "  version: .inf"),
        ":6: protocol.version: must be a whole number, not .inf",
    ),
    ".nan": (
        _sub(r"^    skipped: .*", "    skipped: .nan"),
        ".skipped: must be true or false, not .nan",
    ),
    "unknown kind": (
        _sub(r"^    kind: text", "    kind: essay"),
        ".kind: 'essay' is not one of: text, choice, multi, scale, yes-no",
    ),
    "empty participant name": (
        _sub(r"^- name: .*", "- name: ''"),
        ": participants[0].name: is empty",
    ),
    "duplicate key": (_sub(r"^(site: .*)", r"\1\nsite: again"), ":12: duplicate key 'site'"),
    "participants: 5": (
        _sub(r"^participants:\n(?:[- ].*\n)*", "participants: 5\n"),
        ": participants: must be a list, not the number 5",
    ),
    "participants: Alice": (
        _sub(r"^participants:\n(?:[- ].*\n)*", "participants: Alice\n"),
        ": participants: must be a list, not 'Alice'",
    ),
    "domains: [a]": (
        _sub(r"^domains:\n(?:[- ].*\n)*", "domains: [a]\n"),
        ": domains[0]: must be a mapping of keys to values, not 'a'",
    ),
    "intro: hello": (
        _sub(r"^intro: .*", "intro: hello"),
        ": intro: must be a mapping of keys to values, not 'hello'",
    ),
    "an answer that does not fit": (
        _sub(r"^    answer: 2$", "    answer: lots"),
        ".answer: 'lots' does not fit a scale question",
    ),
    # 200 levels: deeper input is checked in a subprocess (test_records_yamlio.py), as a
    # broken guard there would crash libyaml's composer rather than fail a test.
    "deep nesting": (lambda text: "[" * 200 + "]" * 200, ":1: nested more than 100 levels"),
    "alias bomb": (lambda text: BOMB, "values (an alias bomb?)"),
    "too large": (lambda text: text + "#" * 2_000_001 + "\n", ": too large for a record"),
}


def check_folder(cli: Any, sessions: dict[str, str], expected: str) -> None:
    """Every command still serves the four good sessions; the bad file is one warning."""
    result = cli("list", "--json")
    assert result.exit_code == 0, result.stderr
    assert sorted(r["id"] for r in json.loads(result.stdout)) == sorted(sessions.values())
    (warning,) = result.stderr.strip().splitlines()
    assert warning.startswith("reflect: warning: ") and BAD in warning, warning
    assert expected in warning, warning
    for args in (["show", sessions["first"]], ["search", "gym"], ["export", "-f", "md"]):
        other = cli(*args)
        assert other.exit_code == 0, (args, other.stderr)
        assert "Traceback" not in other.stderr + other.stdout
    exported = cli("export", "-f", "json", "--include-drafts")
    assert exported.exit_code == 0 and len(json.loads(exported.stdout)) == len(sessions)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """The shared sessions folder, built once for this module's many cases."""
    folder = tmp_path_factory.mktemp("built") / "sessions"
    return folder, build_sessions(folder)


@pytest.fixture
def copied(built: tuple[Path, dict[str, str]], sessions_dir: Path) -> dict[str, str]:
    """A fresh copy of the built folder's records in this test's sessions folder."""
    folder, ids = built
    shutil.copytree(folder, sessions_dir, ignore=shutil.ignore_patterns(".*"))
    return ids


@pytest.mark.parametrize("case", list(CASES))
def test_a_damaged_record_is_one_warning_and_the_rest_still_serve(
    cli: Any, copied: dict[str, str], sessions_dir: Path, case: str
) -> None:
    sessions = copied
    change, expected = CASES[case]
    good = (sessions_dir / f"{sessions['first']}.yaml").read_text(encoding="utf-8")
    damaged = change(good)
    assert damaged != good, "the change must apply"
    (sessions_dir / BAD).write_text(damaged, encoding="utf-8")
    check_folder(cli, sessions, expected)


@pytest.mark.parametrize("special", ["fifo", "symlink to /dev/zero"])
def test_a_fifo_or_device_in_the_folder_never_blocks(
    cli: Any, sessions: dict[str, str], sessions_dir: Path, special: str
) -> None:
    path = sessions_dir / BAD
    if special == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero")
    result = cli("list", "--json")  # would hang on a blocking open or read
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)) == len(sessions)
    with pytest.raises(RecordError, match="not a record; not read"):
        from reflect_cli.records.store import Store

        Store(sessions_dir).load_path(path)


def test_an_old_record_without_the_snapshot_still_reads(sessions: dict[str, str]) -> None:
    from reflect_cli.records.store import Store

    session = Store.at(Path(os.environ["REFLECT_SESSIONS_DIR"])).load(sessions["first"])
    data = codec.to_dict(session)
    for domain in data["domains"]:
        for question in domain["questions"]:
            for key in ("scale", "required", "help"):
                question.pop(key, None)
            if "choices" in question:
                question["choices"] = [
                    c if isinstance(c, str) else c["label"] for c in question["choices"]
                ]
    old = codec.parse(codec.dump_dict(data), "old.yaml")
    scales = [q for _, q in old.answers() if q.kind is Kind.SCALE]
    assert scales and all(
        q.scale is not None and (q.scale.min, q.scale.max) == (1, 5) for q in scales
    )


def test_a_cached_scale_reads_back_with_number_labels() -> None:
    from reflect_cli.model import AnswerRecord, DomainRecord, ProtocolRef, Scale, Session

    session = Session(
        "2026-11-22-x-0000",
        ProtocolRef("p", 1, "P"),
        "C",
        "2026-11-22",
        domains=[
            DomainRecord(
                "d", "D", [AnswerRecord("s", "How?", Kind.SCALE, scale=Scale(0, 10, {0: "No"}))]
            )
        ],
    )
    through_json = json.loads(json.dumps(codec.to_dict(session)))  # as the cache keeps it
    assert codec.from_dict(through_json, "cached") == session


PLAIN = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=8)
    | st.dates()
    | st.datetimes(),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)


def _paths(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*path, index))
    return found


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_any_value_anywhere_in_a_record_reads_or_is_one_record_error(data: st.DataObject) -> None:
    from conftest import make_record

    record = make_record()
    paths = _paths(record)[1:]
    path = data.draw(st.sampled_from(paths))
    value = data.draw(PLAIN)
    target = record
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    try:
        session = codec.from_dict(record, "r.yaml")
    except RecordError as exc:
        assert str(exc).startswith("r.yaml") and "\n" not in str(exc)
    else:
        codec.to_dict(session)  # what was read can be written again
