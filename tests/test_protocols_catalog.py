"""Loading and validating protocol files: every error class names file and line."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import MINIMAL_PROTOCOL, SEEDS
from reflect_cli.errors import ProtocolError
from reflect_cli.protocols import catalog

WriteYaml = Callable[[str, str], Path]
HEAD = "id: x\ntitle: T\ndomains:\n  - id: a\n    title: A\n    questions:\n"
HEAD_FLOW = HEAD.replace("questions:\n", "questions: [{id: q, prompt: P}]\n")


def problems_of(path: Path) -> list[str]:
    with pytest.raises(ProtocolError) as caught:
        catalog.load_file(path)
    return caught.value.problems


def test_minimal_protocol_loads(tiny_protocol: Path) -> None:
    loaded = catalog.load_file(tiny_protocol)
    assert loaded.id == "tiny" and loaded.version == 2
    assert [q.kind for _, q in loaded.questions()] == ["text", "choice", "scale", "yes-no", "multi"]
    assert loaded.domains[1].questions[0].scale.labels == {1: "Weak", 5: "Strong"}  # type: ignore[union-attr]
    assert len(loaded.sha256) == 64


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (
            HEAD + "      - id: q\n        promt: Hi\n",
            8,
            "unknown key 'promt' in question (did you mean 'prompt'?)",
        ),
        (
            HEAD + "      - id: q\n        help: no prompt\n",
            7,
            "question is missing 'prompt'",
        ),
        (
            "id: x\ndomains:\n  - id: a\n    title: A\n    questions: [{id: q, prompt: P}]\n",
            1,
            "protocol is missing 'title'",
        ),
        (
            "title: T\ndomains:\n  - id: a\n    title: A\n    questions: [{id: q, prompt: P}]\n",
            1,
            "protocol is missing 'id'",
        ),
        (
            HEAD_FLOW + "  - id: a\n    title: B\n    questions: [{id: r, prompt: P}]\n",
            7,
            "duplicate domain id 'a'",
        ),
        (
            HEAD + "      - {id: q, prompt: P}\n      - {id: q, prompt: P2}\n",
            8,
            "duplicate question id 'q'",
        ),
        (
            HEAD + "      - {id: q, prompt: P, kind: essay}\n",
            7,
            "unknown kind 'essay'",
        ),
        (
            HEAD + "      - {id: q, prompt: P, kind: choice}\n",
            7,
            "a choice question needs 'choices'",
        ),
        (
            HEAD + "      - {id: q, prompt: P, kind: multi}\n",
            7,
            "a multi question needs 'choices'",
        ),
        (
            HEAD
            + "      - id: q\n        prompt: P\n        kind: scale\n"
            + "        scale: {min: 5, max: 5}\n",
            10,
            "scale min (5) must be less than max (5)",
        ),
        (
            HEAD_FLOW.replace("id: a", "id: Bad_Id"),
            4,
            "domain id 'Bad_Id' is not kebab-case",
        ),
        ("- just\n- a list\n", 1, "the protocol must be a mapping"),
        ("id: x\ntitle: [unclosed\n", 3, "YAML syntax error"),
        ("id: x\nid: y\ntitle: T\n", 2, "duplicate key 'id'"),
    ],
)
def test_each_problem_names_file_and_line(
    write_yaml: WriteYaml, text: str, line: int, message: str
) -> None:
    path = write_yaml("bad.yaml", text)
    found = problems_of(path)
    assert any(p.startswith(f"{path}:{line}:") and message in p for p in found), found


def test_every_problem_of_a_file_is_reported(write_yaml: WriteYaml) -> None:
    path = write_yaml(
        "many.yaml",
        """
        id: Not Kebab
        title: T
        colour: blue
        domains:
          - id: a
            title: A
            questions:
              - {id: q, promt: P}
              - {id: r, prompt: P, kind: choice}
        """,
    )
    found = problems_of(path)
    assert len(found) >= 4, found
    assert all(re.match(rf"{re.escape(str(path))}:\d+: ", p) for p in found)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "file is empty"),
        (b"  \n\n", "file is empty"),
        (b"\x00\x01\x02binary", "not a text file"),
        (b"\xff\xfe\xfa bad", "not UTF-8"),
    ],
)
def test_empty_and_binary_files(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "odd.yaml"
    path.write_bytes(content)
    assert message in problems_of(path)[0]


def test_python_tags_are_refused_without_running(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    path = tmp_path / "evil.yaml"
    path.write_text(f'!!python/object/apply:os.system ["touch {marker}"]\n', encoding="utf-8")
    assert "unsupported tag" in problems_of(path)[0]
    assert not marker.exists()


def test_alias_bomb_is_refused(tmp_path: Path) -> None:
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 9):
        prev, name = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]")
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert "alias bomb" in problems_of(path)[0]


def test_missing_file_is_a_protocol_error(tmp_path: Path) -> None:
    assert "cannot read" in problems_of(tmp_path / "nope.yaml")[0]


def test_search_path_order_and_shadow_warning(
    write_yaml: WriteYaml, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = write_yaml("one/tiny.yaml", MINIMAL_PROTOCOL)
    second = write_yaml("two/tiny.yaml", MINIMAL_PROTOCOL.replace("Tiny protocol", "Other"))
    monkeypatch.setenv("REFLECT_QUESTIONS_PATH", str(second.parent))
    found = catalog.catalog([first.parent])
    assert found.protocols["tiny"].title == "Tiny protocol"
    assert any(str(second) in w and str(first) in w for w in found.all_warnings())
    assert "partnership-reflection" in found.protocols


def test_unknown_id_lists_what_is_available() -> None:
    with pytest.raises(ProtocolError, match=r"available: .*partnership-reflection"):
        catalog.find("no-such-protocol")


def _seed_bullets() -> list[str]:
    text = (SEEDS / "000_32fc4276d589c01a.txt").read_text(encoding="utf-8")
    return [line.strip()[1:].strip() for line in text.splitlines() if line.strip().startswith("·")]


def test_partnership_reflection_quotes_every_seed_question() -> None:
    builtin = catalog.load_file(catalog.builtin_dir() / "partnership-reflection.yaml")
    asked = [
        q.prompt + (f" ({q.help})" if q.help.startswith("Such as") else "")
        for _, q in builtin.questions()
    ]
    assert [d.title for d in builtin.domains] == [
        "Alignment of Goals, Values, & Vision",
        "Equity",
        "Leadership",
        "Coordination",
        "Navigating Conflict",
    ]
    assert builtin.intro[0].link == "https://www.youtube.com/watch?v=3TzGTfDYVak"
    assert builtin.intro[0].minutes == 32
    if not SEEDS.is_dir():
        pytest.skip("seed documents are not beside this checkout")
    assert asked == _seed_bullets()


def test_equitable_partnerships_covers_the_snapshot() -> None:
    builtin = catalog.load_file(catalog.builtin_dir() / "equitable-partnerships.yaml")
    questions = {q.id: q for _, q in builtin.questions()}
    assert [c.label for c in questions["partnership-type-now"].choices] == [
        "Cooperative",
        "Collaborative",
        "Integrated",
    ]
    assert questions["partnership-type-wanted"].choices == questions["partnership-type-now"].choices
    assert {q.kind for q in questions.values()} == {"choice", "scale", "text", "multi"}
    if SEEDS.is_dir():
        raw = (SEEDS / "002_e36ee0123db10a65.txt").read_text(encoding="utf-8")
        seed = " ".join(re.sub(r"-\s*\n\s*", "-", raw).split())  # rejoin "semi-" + "regular"
        for question in questions.values():
            for choice in question.choices:
                assert " ".join(choice.help.split()) in seed
            if question.kind == "multi":
                for choice in question.choices:
                    assert choice.label.lower() in seed.lower()


def test_the_same_protocol_found_twice_is_not_shadowed(
    write_yaml: WriteYaml, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Running from a clone: ./questions holds the very files built in.
    first = write_yaml("one/tiny.yaml", MINIMAL_PROTOCOL)
    write_yaml("two/tiny.yaml", MINIMAL_PROTOCOL)
    different = write_yaml("three/tiny.yaml", MINIMAL_PROTOCOL.replace("Tiny protocol", "X"))
    found = catalog.catalog([first.parent, first.parent.parent / "two"])
    assert found.all_warnings() == []
    found = catalog.catalog([first.parent, first.parent.parent / "two", different.parent])
    shadowed = [w for w in found.all_warnings() if "shadowed" in w]
    assert len(shadowed) == 1 and str(different) in shadowed[0]


def test_a_mistyped_id_suggests_the_closest() -> None:
    with pytest.raises(ProtocolError, match="did you mean 'partnership-reflection'"):
        catalog.find("partnership-reflecton")


@pytest.mark.parametrize(("value", "message"), [("0", "1 or more"), ("ten", "whole number")])
def test_domain_minutes_must_be_a_positive_whole_number(
    write_yaml: WriteYaml, value: str, message: str
) -> None:
    text = MINIMAL_PROTOCOL.replace(
        "        title: First domain\n", f"        title: First domain\n        minutes: {value}\n"
    )
    (problem,) = problems_of(write_yaml("bad.yaml", text))
    assert "minutes" in problem and message in problem
