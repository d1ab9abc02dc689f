"""`reflect start` / `reflect resume` through CliRunner: answers files, --no-input, errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

FULL_ANSWERS = """
collaborative: Northgate Elementary OST Collaborative
site: Northgate Elementary
facilitator: Alex Rivera
date: 2026-11-22
participants:
  - {name: Monica Haugen, organization: Seattle Parks and Recreation, role: Site lead}
  - {name: Shana Beckwith, organization: SPIN, role: Director}
answers:
  shared-values: {answer: "monica: We both want every kid to have a place.", credits: [monica]}
  equity-issues: "shana: Access for families furthest from opportunity."
actions:
  - {text: Share the space calendar, owner: shana, due: 2026-12-01}
notes:
  - {text: Follow up with Jo privately, question: equity-issues}
"""

EQUITABLE_ANSWERS = """
collaborative: Rainier Beach Partners
facilitator: Sam Lee
participants: ["Ana Ruiz | Rainier Beach High | Counselor"]
answers:
  partnership-type-now: Collaborative
  partnership-type-wanted: 3
  shared-leadership: 2
  effective-coordination: "4"
  synergy: 5
  helping-factors: [Strong relationships and trust, "3"]
  hindering-factors: Power dynamics within schools
"""


def start_args(collaborative: str) -> list[str]:
    """`reflect start` with everything but the roster given as options, and an answers
    file (without one, typed lines cannot come through a pipe)."""
    Path("meta.yaml").write_text("site: S\n", encoding="utf-8")
    return [
        "start",
        "--answers",
        "meta.yaml",
        "--collaborative",
        collaborative,
        "--date",
        "2026-11-22",
        "--site",
        "S",
        "--facilitator",
        "F",
    ]


def record_of(sessions: Path) -> dict[str, Any]:
    (path,) = sessions.glob("*.yaml")
    return yaml.safe_load(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_answers_file_no_input_partnership_reflection(
    cli: Any, write_yaml: Any, sessions_dir: Path
) -> None:
    answers = write_yaml("answers.yaml", FULL_ANSWERS)
    result = cli("start", "--answers", str(answers), "--no-input")
    assert result.exit_code == 0, result.stderr
    path = Path(result.stdout.strip())
    assert path.parent == sessions_dir and path.exists()
    record = record_of(sessions_dir)
    assert record["status"] == "complete" and str(record["date"]) == "2026-11-22"
    first = record["domains"][0]["questions"][0]
    assert first["answer"] == "monica: We both want every kid to have a place."
    assert first["credits"] == ["monica"]
    equity = record["domains"][1]["questions"][0]
    assert equity["credits"] == ["shana"]  # credited from the speaker line
    assert record["actions"][0]["owner"] == "shana"
    assert record["notes"] == [{"text": "Follow up with Jo privately", "question": "equity-issues"}]
    assert record["intro"] == {"watch-video": "skipped"}
    assert (path.stat().st_mode & 0o777) == 0o600
    assert (sessions_dir.stat().st_mode & 0o777) == 0o700
    assert "Follow up with Jo" not in path.with_suffix(".md").read_text(encoding="utf-8")


def test_answers_file_no_input_equitable_partnerships(
    cli: Any, write_yaml: Any, sessions_dir: Path
) -> None:
    answers = write_yaml("answers.yaml", EQUITABLE_ANSWERS)
    result = cli("start", "equitable-partnerships", "--answers", str(answers), "--no-input")
    assert result.exit_code == 0, result.stderr
    got = {q["id"]: q["answer"] for d in record_of(sessions_dir)["domains"] for q in d["questions"]}
    assert got["partnership-type-now"] == "Collaborative"
    assert got["partnership-type-wanted"] == "Integrated"
    assert (got["shared-leadership"], got["effective-coordination"], got["synergy"]) == (2, 4, 5)
    assert got["helping-factors"] == [
        "Strong relationships and trust",
        "Efforts to increase parent engagement",
    ]
    assert got["hindering-factors"] == ["Power dynamics within schools"]


def test_no_input_names_every_missing_required_field(cli: Any, sessions_dir: Path) -> None:
    result = cli("start", "equitable-partnerships", "--no-input")
    assert result.exit_code == 2
    assert "--collaborative" in result.stderr and "--facilitator" in result.stderr
    assert "'partnership-type-now'" in result.stderr
    assert not sessions_dir.exists() or not list(sessions_dir.iterdir())


def test_no_input_without_a_required_answer_saves_a_draft_and_says_so(
    cli: Any, write_yaml: Any, sessions_dir: Path
) -> None:
    answers = write_yaml("a.yaml", "collaborative: C\nfacilitator: F\n")
    result = cli("start", "equitable-partnerships", "--answers", str(answers), "--no-input")
    assert result.exit_code == 2
    assert "saved as a draft, missing answer to 'partnership-type-now'" in result.stderr
    record = record_of(sessions_dir)
    assert record["status"] == "draft"
    assert f"reflect resume {record['id']}" in result.stderr


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ("partnership-type-now: Sometimes", "'Sometimes' is not one of the choices"),
        ("partnership-type-now: 7", "'7' is not one of the choices"),
        ("shared-leadership: 9", "9 is outside 1 to 5"),
        ("helping-factors: [Luck]", "'Luck' is not one of the choices"),
        ("no-such-question: hi", "no question 'no-such-question'"),
    ],
)
def test_invalid_answers_are_refused(
    cli: Any, write_yaml: Any, sessions_dir: Path, answer: str, message: str
) -> None:
    text = "collaborative: C\nfacilitator: F\nanswers:\n  partnership-type-now: 1\n"
    text = text.replace("  partnership-type-now: 1\n", f"  {answer}\n")
    if "partnership-type-now" not in answer:
        text += "  partnership-type-now: 1\n"
    answers = write_yaml("answers.yaml", text)
    result = cli("start", "equitable-partnerships", "--answers", str(answers), "--no-input")
    assert result.exit_code == 2 and message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_bad_answers_file_is_one_line(cli: Any, write_yaml: Any) -> None:
    answers = write_yaml("answers.yaml", "collaborative: [unclosed\n")
    result = cli("start", "--answers", str(answers), "--no-input")
    assert result.exit_code == 2 and "answers.yaml:" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_piped_input_with_hostile_text_is_stored_exactly_and_shown_inert(
    cli: Any, sessions_dir: Path
) -> None:
    hostile = "jo: [bold]x[/] \x1b[31mred\x1b[0m <script>alert(1)</script> # h"
    typed = "\n".join(["n", hostile, "", "/back", "/pause"]) + "\n"  # /back shows it again
    result = cli(
        *start_args("Pipe"),
        "-p",
        "Jo Park | PTA | Parent",
        input=typed,
    )
    assert result.exit_code == 0, result.stderr
    assert "reflect resume" in result.stderr
    assert "\x1b[31m" not in result.stderr and "\\x1b[31m" in result.stderr
    record = record_of(sessions_dir)
    assert record["domains"][0]["questions"][0]["answer"] == hostile
    assert record["status"] == "draft"


def test_resume_refuses_a_complete_session(cli: Any, write_yaml: Any, sessions_dir: Path) -> None:
    cli("start", "--answers", str(write_yaml("a.yaml", FULL_ANSWERS)), "--no-input")
    result = cli("resume", "2026-11-22")
    assert result.exit_code == 2 and "already complete" in result.stderr


def test_piped_input_without_an_answers_file_is_refused(cli: Any, sessions_dir: Path) -> None:
    result = cli("start", input="Northgate\nx\n")
    assert result.exit_code == 2 and not sessions_dir.exists()
    assert result.stderr == (
        "reflect: standard input is not a terminal: to run a session from a script, "
        "use --answers FILE --no-input\n"
    )


def test_unknown_protocol_and_bad_date(cli: Any) -> None:
    assert "no protocol with id" in cli("start", "nope", "--no-input").stderr
    result = cli("start", "--date", "22/11/2026", "--no-input")
    assert result.exit_code == 2 and "not a date" in result.stderr


def test_discard_moves_a_draft_to_the_trash_and_keeps_complete_ones(
    cli: Any, sessions: dict[str, str], sessions_dir: Path
) -> None:
    draft = sessions["other"]
    result = cli("discard", draft)
    assert result.exit_code == 2 and "confirm with --yes" in result.stderr
    assert (sessions_dir / f"{draft}.yaml").exists()
    result = cli("discard", draft, "--yes")
    assert result.exit_code == 0, result.stderr
    trash = sessions_dir / ".trash"
    assert not (sessions_dir / f"{draft}.yaml").exists()
    assert (trash / f"{draft}.yaml").exists() and (trash / f"{draft}.md").exists()
    assert oct(trash.stat().st_mode & 0o777) == "0o700"
    assert draft not in cli("list").stdout  # gone from every listing
    complete = sessions["first"]
    result = cli("discard", complete, "--yes")
    assert result.exit_code == 2 and "is complete; discard it with --force" in result.stderr
    assert cli("discard", complete, "--yes", "--force").exit_code == 0
    assert (trash / f"{complete}.yaml").exists()


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ("kind: text", "kind: essay", ".kind: 'essay' is not one of"),
        ("- name: Jo Park", "- name: ''", "participants[0].name: is empty"),
    ],
)
def test_resume_of_a_damaged_draft_names_file_and_key(
    cli: Any, sessions_dir: Path, old: str, new: str, key: str
) -> None:
    cli(*start_args("Damaged"), "-p", "Jo Park | PTA | Parent", input="y\njo: first\n")
    (path,) = sessions_dir.glob("*.yaml")
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    for args in (["resume"], ["resume", path.stem]):
        result = cli(*args)
        assert result.exit_code == 2 and "Traceback" not in result.stderr
        assert f"{path.name}:" in result.stderr and key in result.stderr, result.stderr


def test_resume_from_a_pipe_is_refused_in_one_line(cli: Any, sessions_dir: Path) -> None:
    cli(*start_args("Piped"), "-p", "Jo Park | PTA | Parent", input="y\njo: first\n")
    for drafts in (1, 2):  # one draft: after it is read; several: before asking which
        result = cli("resume", input="jo: more\n\n")
        assert result.exit_code == 2, result.stderr
        assert result.stderr.splitlines() == [
            "reflect: standard input is not a terminal: reflect resume needs someone "
            "typing; run it in a terminal"
        ]
        first = yaml.safe_load(min(sessions_dir.glob("*-piped-*.yaml")).read_text("utf-8"))
        assert first["domains"][0]["questions"][0]["answer"] == "jo: first"
        assert len(list(sessions_dir.glob("*.yaml"))) == drafts
        cli(*start_args("Second"), input="y\n")  # a second draft


def test_resume_or_discard_of_a_session_open_elsewhere_says_so(
    cli: Any, sessions_dir: Path
) -> None:
    from reflect_cli.records.store import Store

    cli(*start_args("Busy"), "-p", "Jo Park | PTA | Parent", input="y\njo: first\n")
    (path,) = sessions_dir.glob("*.yaml")
    store = Store(sessions_dir)
    with store.live():
        store.hold(path)  # a live session in another terminal holds it
        for args in (["resume"], ["resume", path.stem], ["discard", path.stem, "--yes"]):
            result = cli(*args)
            assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1
            assert "open in" in result.stderr and "edit" not in result.stderr, result.stderr
            assert "/pause or finish it there" in result.stderr
    assert path.exists()
