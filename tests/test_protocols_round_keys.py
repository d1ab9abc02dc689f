"""Protocol round keys: round questions and scale bands, and their one-line errors."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from reflect_cli.errors import ProtocolError
from reflect_cli.model import Band, RoundKind
from reflect_cli.protocols import catalog

WriteYaml = Callable[[str, str], Path]
HEAD = "id: x\ntitle: T\ndomains:\n  - id: a\n    title: A\n    questions:\n"
SCALE = "        kind: scale\n        scale: {min: 1, max: 5}\n"


def test_round_questions_and_bands_load(write_yaml: WriteYaml) -> None:
    path = write_yaml(
        "rounds.yaml",
        HEAD
        + "      - {id: trust, prompt: Trust?, kind: scale, round: named,"
        + " bands: [{min: 1, label: Concern}, {min: 4, label: Strength},"
        + " {min: 3, label: Borderline}]}\n"
        + "      - {id: kind, prompt: Kind?, kind: choice, choices: [A, B], round: anonymous}\n"
        + "      - {id: ready, prompt: Ready?, kind: yes-no, round: true}\n"
        + "      - {id: plain, prompt: Plain?, kind: yes-no, round: false}\n"
        + "      - {id: other, prompt: Other?, kind: scale}\n",
    )
    questions = {q.id: q for _, q in catalog.load_file(path).questions()}
    assert questions["trust"].round is RoundKind.NAMED
    assert questions["trust"].bands == (
        Band(4, "Strength"),
        Band(3, "Borderline"),
        Band(1, "Concern"),
    )
    assert questions["kind"].round is RoundKind.ANONYMOUS
    assert questions["ready"].round is RoundKind.NAMED
    assert questions["plain"].round is None
    assert questions["other"].round is None and questions["other"].bands == ()


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        ("      - {id: q, prompt: P, round: named}\n", 7, "a text question takes no 'round'"),
        (
            "      - {id: q, prompt: P, kind: multi, choices: [A], round: named}\n",
            7,
            "a multi question takes no 'round'",
        ),
        (
            "      - id: q\n        prompt: P\n" + SCALE + "        round: sometimes\n",
            11,
            "question 'round' must be named or anonymous, not 'sometimes'",
        ),
        (
            "      - id: q\n        prompt: P\n        kind: choice\n        choices: [A]\n"
            + "        bands: [{min: 1, label: Low}]\n",
            11,
            "a choice question takes no 'bands'",
        ),
        (
            "      - id: q\n        prompt: P\n" + SCALE + "        bands:\n"
            "          - {min: 9, label: Off}\n",
            12,
            "band min 9 is not on the scale (1 to 5)",
        ),
        (
            "      - id: q\n        prompt: P\n" + SCALE + "        bands:\n"
            "          - {label: Low}\n",
            12,
            "band is missing 'min'",
        ),
        (
            "      - id: q\n        prompt: P\n" + SCALE + "        bands:\n"
            "          - {min: 2, label: Low}\n          - {min: 2, label: Lower}\n",
            13,
            "two bands start at 2",
        ),
        (
            "      - id: q\n        prompt: P\n" + SCALE + "        bands:\n"
            "          - {min: 2, lable: Low}\n",
            12,
            "unknown key 'lable' in band (did you mean 'label'?)",
        ),
        (
            "      - id: q\n        prompt: P\n" + SCALE + "        bands: {min: 2}\n",
            11,
            "question 'bands' must be a list",
        ),
    ],
)
def test_round_and_band_problems_name_file_and_line(
    write_yaml: WriteYaml, body: str, line: int, message: str
) -> None:
    path = write_yaml("bad.yaml", HEAD + body)
    with pytest.raises(ProtocolError) as caught:
        catalog.load_file(path)
    found = caught.value.problems
    assert any(p.startswith(f"{path}:{line}:") and message in p for p in found), found


def test_equitable_partnerships_takes_the_types_and_hallmarks_as_named_rounds() -> None:
    builtin = catalog.load_file(catalog.builtin_dir() / "equitable-partnerships.yaml")
    rounds = {q.id: q.round for _, q in builtin.questions() if q.round}
    assert rounds == dict.fromkeys(
        [
            "partnership-type-now",
            "partnership-type-wanted",
            "shared-leadership",
            "effective-coordination",
            "synergy",
        ],
        RoundKind.NAMED,
    )
    assert builtin.version == 2
