"""Stable pseudonyms: --redact's labels and ids come from the evaluator's key, so exports
a year apart line up, another key gives others, and the key never lands in the folder."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import make_session
from evaluation_fixture import PARTNERSHIPS, Built
from labels import PERSON, PLACE, uncoded
from reflect_cli.render.export.pseudonyms import Kind, Pseudonyms

YEAR_ONE = [
    "Nguyễn Thị Lan | Kent Youth and Family Services | Counselor",
    "Hope Diaz | Rainier Beach Youth Council | Youth member",
    "Lee Chen | Northgate PTA | Parent",
]
#: Year two: two of the same people, one new, and another Lee (a first name shared).
YEAR_TWO = [
    "Nguyễn Thị Lan | Kent Youth and Family Services | Counselor",
    "Lee Chen | Northgate PTA | Parent",
    "Lee Okafor | Northgate PTA | Parent",
]


def _folder(sessions_dir: Path) -> None:
    make_session(sessions_dir, "partnership-reflection", date="2024-10-01", people=YEAR_ONE)
    make_session(sessions_dir, "partnership-reflection", date="2025-10-01", people=YEAR_TWO)
    # Another partnership, only in the second year: it changes what each export selects
    # and what the folder holds, never a label.
    make_session(
        sessions_dir,
        "partnership-reflection",
        date="2025-11-01",
        collaborative="Rainier Beach Partners",
        site="Rainier Beach High",
        people=["Grace Lee | Library | Staff"],
    )


def _people(cli: Any, *args: str) -> tuple[dict[str, str], list[dict[str, Any]]]:
    """Each redacted session's participants (label → id), and the records."""
    result = cli("export", "--redact", "-f", "json", *args)
    assert result.exit_code == 0, result.stderr
    records = json.loads(result.stdout)
    people = {p["name"]: p["handle"] for r in records for p in r["participants"]}
    return people, records


def test_two_exports_a_year_apart_line_up_with_one_key(cli: Any, sessions_dir: Path) -> None:
    _folder(sessions_dir)
    first, first_records = _people(cli, "--until", "2025-07-31")
    second, second_records = _people(cli, "--since", "2025-08-01", "--collaborative", "north")
    # Lan and Lee Chen are in both years (and, as regrets, a parent who came only in the
    # first): the same label and the same id.
    both = set(first) & set(second)
    assert len(both) >= 2, (first, second)
    assert {first[label] for label in both} == {second[label] for label in both}
    lan = next(label for label in both if label.startswith("Kent Youth"))
    assert lan.startswith("Kent Youth and Family Services (Counselor ")
    # The collaborative and site too.
    assert first_records[0]["collaborative"] == second_records[0]["collaborative"]
    assert first_records[0]["site"] == second_records[0]["site"]
    assert first_records[0]["collaborative"].startswith("Collaborative ")
    # Two parents of one PTA are two people, with two codes.
    # (The PTA is named for the place: "Northgate" is the collaborative's.)
    parents = [label for label in second if uncoded(label).startswith("Collaborative PTA (Par")]
    assert len(parents) >= 2 and len({second[p] for p in parents}) == len(parents)
    # The same export again gives the same document.
    again = cli("export", "--redact", "-f", "json", "--until", "2025-07-31")
    assert json.loads(again.stdout) == first_records


def test_another_key_gives_other_labels(cli: Any, sessions_dir: Path, tmp_path: Path) -> None:
    _folder(sessions_dir)
    # Two fixed keys, so that no run can draw two keys whose short codes happen to meet
    # (a place's code is one of 67,600): the labels compared are these keys' own.
    my_key = tmp_path / "config" / "reflect" / "pseudonym-key"
    my_key.parent.mkdir(parents=True, exist_ok=True)
    my_key.write_text("1" * 64 + "\n", encoding="ascii")
    my_key.chmod(0o600)
    mine, mine_records = _people(cli)
    other_key = tmp_path / "elsewhere" / "project-key"
    other_key.parent.mkdir()
    other_key.write_text("2" * 64 + "\n", encoding="ascii")
    other_key.chmod(0o600)
    theirs, theirs_records = _people(cli, "--pseudonym-key", str(other_key))
    assert set(mine.values()).isdisjoint(theirs.values())
    assert set(mine).isdisjoint(theirs)
    assert mine_records[0]["collaborative"] != theirs_records[0]["collaborative"]
    # Named again, that key gives what it gave.
    assert _people(cli, "--pseudonym-key", str(other_key))[0] == theirs


def test_the_key_is_made_once_owner_only_and_never_in_the_folder(
    cli: Any, sessions_dir: Path, tmp_path: Path
) -> None:
    _folder(sessions_dir)
    first = cli("export", "--redact")
    key = tmp_path / "config" / "reflect" / "pseudonym-key"
    assert first.exit_code == 0 and "created pseudonym key" in first.stderr
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    secret = key.read_bytes().strip()
    assert len(secret) >= 32
    second = cli("export", "--redact")
    assert "created" not in second.stderr and key.read_bytes().strip() == secret
    # Nothing in the sessions folder holds the key, under any name.
    for path in sessions_dir.rglob("*"):
        if path.is_file():
            assert secret not in path.read_bytes(), path
            assert path.name != "pseudonym-key", path


def test_a_key_inside_the_sessions_folder_is_refused(
    cli: Any, sessions_dir: Path, tmp_path: Path, monkeypatch: Any
) -> None:
    _folder(sessions_dir)
    before = sorted(p.relative_to(sessions_dir) for p in sessions_dir.rglob("*"))
    for inside in (
        sessions_dir / "key",
        sessions_dir / ".reflect" / "key",
        tmp_path / "elsewhere" / ".." / "sessions" / "k",
    ):
        result = cli("export", "--redact", "--pseudonym-key", str(inside))
        assert result.exit_code == 2 and result.stdout == ""
        assert "inside the sessions folder" in result.stderr
    # A link to the folder is the folder.
    (tmp_path / "link").symlink_to(sessions_dir)
    result = cli("export", "--redact", "--pseudonym-key", str(tmp_path / "link" / "k"))
    assert result.exit_code == 2, result.stderr
    # So is a default place inside it (XDG_CONFIG_HOME pointed into the folder).
    monkeypatch.setenv("XDG_CONFIG_HOME", str(sessions_dir / "config"))
    assert cli("export", "--redact").exit_code == 2
    assert cli("commitments", "--redact").exit_code == 2
    after = sorted(p.relative_to(sessions_dir) for p in sessions_dir.rglob("*"))
    assert [p for p in after if p not in before and not str(p).startswith(".reflect")] == []
    assert not any("key" in str(p) or "config" in str(p) for p in after)


def test_a_key_inside_the_git_clone_that_holds_the_folder_is_refused(
    cli: Any, sessions_dir: Path, tmp_path: Path, monkeypatch: Any
) -> None:
    # The evaluator's clone: the records in clone/sessions, the key beside them would be
    # one `git add .` from everyone the clone is pushed to.
    clone = tmp_path / "clone"
    folder = clone / "sessions"
    make_session(folder, "partnership-reflection")
    (clone / ".git").mkdir()  # all git itself looks for: a work tree's .git
    monkeypatch.setenv("REFLECT_SESSIONS_DIR", str(folder))
    for inside in (clone / "pkey", clone / "keys" / "pkey", folder / ".." / "k"):
        for args in (("export", "--redact"), ("commitments", "--redact"), ("check-names",)):
            if args == ("check-names",):
                (tmp_path / "doc.txt").write_text("nothing\n")
                args = ("check-names", str(tmp_path / "doc.txt"))
            result = cli(*args, "--pseudonym-key", str(inside))
            assert result.exit_code == 2 and result.stdout == "", (args, result.output)
            assert "inside the git work tree" in result.stderr and str(clone) in result.stderr
            assert len(result.stderr.strip().splitlines()) == 1
    assert not (clone / "pkey").exists() and not (clone / "keys").exists()
    assert not (clone / "k").exists()
    # Outside the clone it is made as ever.
    result = cli("export", "--redact", "--pseudonym-key", str(tmp_path / "mine" / "pkey"))
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "mine" / "pkey").exists()


def test_a_key_file_that_is_a_link_or_too_short_is_refused(cli: Any, tmp_path: Path) -> None:
    make_session(tmp_path / "sessions", "partnership-reflection")
    short = tmp_path / "short"
    short.write_text("abc\n")
    result = cli("export", "--redact", "--pseudonym-key", str(short))
    assert result.exit_code == 2 and "at least 16" in result.stderr
    good = tmp_path / "good"
    good.write_text("x" * 40)
    link = tmp_path / "link"
    link.symlink_to(good)
    result = cli("export", "--redact", "--pseudonym-key", str(link))
    assert result.exit_code == 2 and "symbolic link" in result.stderr
    assert cli("export", "--pseudonym-key", str(good)).exit_code == 2  # needs --redact


def test_the_data_package_and_commitments_use_the_same_ids(
    cli: Any, sessions_dir: Path, tmp_path: Path
) -> None:
    _folder(sessions_dir)
    people, _ = _people(cli)
    package = tmp_path / "package"
    result = cli("export", "--redact", "-f", "datapackage", "-o", str(package))
    assert result.exit_code == 0, result.stderr
    import csv

    with (package / "people.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert {r["person_id"] for r in rows} == set(people.values())
    assert {r["name"] for r in rows} == set(people)
    listed = cli("commitments", "--redact", "--json", "--all")
    assert listed.exit_code == 0, listed.stderr
    fingerprint = next(line for line in result.stderr.splitlines() if "pseudonym key" in line)
    assert fingerprint.split("pseudonym key ")[-1] in listed.stderr


def test_strict_shows_organizations_by_sector_and_drops_roles(cli: Any, sessions_dir: Path) -> None:
    # A partnership of five: each organization and role names one person.
    make_session(
        sessions_dir,
        "partnership-reflection",
        people=[
            "Amina Yusuf | Somali Family Association | Parent",
            "Tesfaye Bekele | Rainier Beach Youth Council | Youth member",
            "Hope Diaz | Rainier Beach High | Counselor",
        ],
        answers={"shared-values": "Somali Family Association hosts; tesfayebekele: agreed."},
    )
    result = cli("export", "--strict", "-f", "json")
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    for revealing in ("Somali", "Youth Council", "Rainier Beach High", "Parent", "Counselor"):
        assert revealing not in text, revealing
    (record,) = json.loads(text)
    import re

    for person in record["participants"]:
        assert re.fullmatch(rf"Organization {PLACE} \(Participant {PERSON}\)", person["name"])
        assert person["role"] == ""
        assert re.fullmatch(rf"Organization {PLACE}", person["organization"])
    # No sector is recorded here: it says so.
    assert 'no sector recorded: shown as "Organization"' in result.stderr
    answer = record["domains"][0]["questions"][0]["answer"]
    assert re.match(rf"Organization {PLACE} hosts; Organization {PLACE} \(Participant", answer)
    # The same person has the same code strict or not: a code follows a person.
    plain = json.loads(cli("export", "--redact", "-f", "json").stdout)[0]
    assert [p["handle"] for p in plain["participants"]] == [
        p["handle"] for p in record["participants"]
    ]


@settings(max_examples=40, deadline=None)
@given(st.text(min_size=1, max_size=30), st.text(min_size=0, max_size=30))
def test_codes_never_spell_a_word_and_fold_like_names(name: str, organization: str) -> None:
    keyed = Pseudonyms(b"k" * 32)
    code = keyed.code(Kind.PERSON, name, organization)
    assert len(code) == 6
    # Letters and digits in turn: no two letters together, so no name fits inside one.
    assert all(c.isalpha() for c in code[::2]) and all(c.isdigit() for c in code[1::2])
    assert code == keyed.code(Kind.PERSON, name.upper(), f"  {organization} ")
    assert keyed.code(Kind.PERSON, name, organization, length=5).startswith(code)


def test_a_new_key_file_is_created_owner_only(tmp_path: Path) -> None:
    from reflect_cli.records import pseudonym_key

    made = pseudonym_key.load(tmp_path / "sessions", tmp_path / "keys" / "k")
    assert made.created and stat.S_IMODE(os.stat(made.path).st_mode) == 0o600
    again = pseudonym_key.load(tmp_path / "sessions", tmp_path / "keys" / "k")
    assert not again.created and again.secret == made.secret


def test_strict_names_each_recorded_sector(cli: Any, sessions_dir: Path) -> None:
    make_session(
        sessions_dir,
        "partnership-reflection",
        people=[
            "Amina Yusuf | Somali Family Association | Parent | amina | community organization",
            "Tesfaye Bekele | Rainier Beach Youth Council | Youth member | tb | youth",
            "Hope Diaz | Rainier Beach High | Counselor | hd | school",
            "Lan Tran | Rainier Beach High | Teacher | lt | school",
        ],
    )
    # Another session of the folder knows someone else of the youth council: from the
    # index, with its sector too.
    make_session(
        sessions_dir,
        "partnership-reflection",
        date="2026-01-10",
        people=["Abdi Noor | Rainier Beach Youth Council | Youth member | an | youth"],
    )
    result = cli("export", "--strict", "-f", "json", "last")
    assert result.exit_code == 0, result.stderr
    (record,) = json.loads(result.stdout)
    import re

    names = [p["name"] for p in record["participants"]]
    assert re.fullmatch(rf"Community organization {PLACE} \(Participant {PERSON}\)", names[0])
    assert re.fullmatch(rf"Youth {PLACE} \(Participant {PERSON}\)", names[1])
    assert re.fullmatch(rf"School {PLACE} \(Participant {PERSON}\)", names[2])
    # Two people of one school: one organization label, two people.
    assert names[2].split(" (")[0] == names[3].split(" (")[0] and names[2] != names[3]
    assert "no sector recorded" not in result.stderr
    for revealing in ("Somali", "Youth Council", "Rainier Beach High", "Parent", "Teacher"):
        assert revealing not in result.stdout, revealing


def _session_id(key: bytes, recorded: str) -> str:
    """A session's redacted id worked out here from the key, as docs/exports.md says:
    HMAC-SHA256 of "session", a unit separator and the record's id, its number written
    as three letter-digit pairs (Crockford's letters), lower case."""
    import hashlib
    import hmac

    letters, digits = "ABCDEFGHJKMNPQRSTVWXYZ", "0123456789"
    message = f"session\x1f{recorded}".encode()
    number = int.from_bytes(hmac.new(key, message, hashlib.sha256).digest(), "big")
    code = ""
    for _ in range(3):
        number, letter = divmod(number, len(letters))
        number, digit = divmod(number, len(digits))
        code += letters[letter] + digits[digit]
    return f"session-{code.lower()}"


def _session_ids(cli: Any, package: Path, *args: str) -> set[str]:
    """A redacted data package's (a zip's) session ids, after its statement says how
    they are shown."""
    import csv
    import io
    import zipfile

    result = cli("export", "--redact", "-f", "datapackage", "-o", str(package), *args)
    assert result.exit_code == 0, result.stderr
    assert "session ids shown as session-CODE (from the pseudonym key)" in result.stderr
    with zipfile.ZipFile(package) as tables:
        text = tables.read("sessions.csv").decode("utf-8")
    return {row["session_id"] for row in csv.DictReader(io.StringIO(text))}


def test_packages_of_overlapping_years_join_on_session_ids(
    cli: Any, evaluation_sessions: Built, tmp_path: Path
) -> None:
    """Two packages of overlapping dates made with one key: a session both hold has one
    id in both ("Session 5" in one and "Session 1" in the other, before), the id its key
    gives; another key gives others; check-names finds no name in either."""
    key_file = tmp_path / "evaluator.key"
    keyed = ("--pseudonym-key", str(key_file), "--word", "Hope", "--word", "Báo")
    first = _session_ids(
        cli, tmp_path / "first.zip", "--since", "2024-08-01", "--until", "2025-07-31", *keyed
    )
    second = _session_ids(cli, tmp_path / "second.zip", "--since", "2025-01-01", *keyed)
    key = key_file.read_bytes().strip()
    drafts = {(p.collaborative, m.date) for p in PARTNERSHIPS for m in p.meetings if m.draft}

    def expected(since: str, until: str = "9999") -> set[str]:
        return {
            _session_id(key, recorded)
            for (collaborative, date), recorded in evaluation_sessions.ids.items()
            if since <= date <= until and (collaborative, date) not in drafts
        }

    assert first == expected("2024-08-01", "2025-07-31")
    assert second == expected("2025-01-01")
    both = expected("2025-01-01", "2025-07-31")
    assert both and first & second == both
    other = _session_ids(cli, tmp_path / "other.zip", "--pseudonym-key", str(tmp_path / "k2"))
    assert other.isdisjoint(first | second)
    checked = cli("check-names", str(tmp_path / "first.zip"), str(tmp_path / "second.zip"))
    assert checked.exit_code == 0, checked.stdout + checked.stderr


def test_a_document_people_read_keeps_session_numbers(cli: Any, sessions_dir: Path) -> None:
    _folder(sessions_dir)
    result = cli("export", "--redact", "-f", "md")
    assert result.exit_code == 0, result.stderr
    assert "session ids shown as Session 1 to 3" in result.stderr
    assert "session-" not in result.stdout
