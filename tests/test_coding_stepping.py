"""The coding loop, scripted: codes by number or name, none, suggestions, memo, skip,
back, pause; every decision in the coder's file before the next passage is shown."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import make_session
from reflect_cli.coding import codebook, codings, passages, starter, stepping
from reflect_cli.records.store import Store
from reflect_cli.session.console import ScriptedConsole

LINES = "\n".join(
    [
        "lan: Turnover hit us: a new principal in March.",
        "hope: We share the gym now.",
        "grace: Families were not asked.",
        "maria: Nothing to add.",
    ]
)
PEOPLE = [
    "Nguyễn Thị Lan | Rainier Vista Elementary | Principal | lan",
    "Hope Ellis | Hope Ellis Tutoring | Owner | hope",
    "Grace Kim | Rainier Vista PTA | Parent | grace",
    "Maria Alemu | Rainier Vista PTA | Parent | maria",
]


def _setup(folder: Path) -> tuple[codebook.Codebook, list[passages.Passage]]:
    sid = make_session(
        folder, "partnership-reflection", people=PEOPLE, answers={"equity-issues": LINES}
    )
    codebook.save(folder, starter.CODES)
    found = list(passages.of_session(Store(folder).load(sid), "equity-issues"))
    return codebook.load(folder), found


def _run(
    folder: Path, lines: list[str], review: str = ""
) -> tuple[stepping.Outcome, ScriptedConsole]:
    if (folder / "codebook.yaml").exists():
        store = Store(folder)
        book = codebook.load(folder)
        found = [
            p
            for s in store.read(store.summaries()[0])
            for p in passages.of_session(s, "equity-issues")
        ]
    else:
        book, found = _setup(folder)
    mine = codings.load(folder, "ana")
    port = ScriptedConsole(lines)
    loop = stepping.Loop(port, book, mine, lambda c: codings.save(folder, c))
    return loop.run(stepping.queue(found, mine, review)), port


def test_codes_by_number_name_suggestion_and_none(sessions_dir: Path) -> None:
    outcome, port = _run(sessions_dir, ["", "7, Family engagement", "3 5", "-"])
    assert outcome.ended is stepping.Ended.DONE and outcome.decided == 4
    saved = codings.load(sessions_dir, "ana").all()
    assert [c.codes for c in saved] == [
        ("turnover",),  # suggested by its keywords, taken with Enter
        ("resource-sharing", "family-engagement"),
        ("power-dynamics", "family-engagement"),
        (),
    ]
    assert any("suggested: 2 turnover" in line for line in port.shown)


def test_unknown_codes_and_odd_numbers_ask_again(sessions_dir: Path) -> None:
    outcome, port = _run(sessions_dir, ["42", "①", "nonsense", "/what", "1", "/pause"])
    assert outcome.ended is stepping.Ended.PAUSED and outcome.decided == 1
    shown = "\n".join(port.shown)
    assert "no code number 42" in shown and "no code 'nonsense'" in shown
    assert "not a digit" in shown and "no command '/what'" in shown


def test_memo_back_skip_pause_and_resume(sessions_dir: Path) -> None:
    outcome, _ = _run(
        sessions_dir,
        [
            "/memo new principal",
            "2",
            "/skip",
            "/back",
            "/back",
            "/memo turnover, not trust",
            "/pause",
        ],
    )
    assert outcome.ended is stepping.Ended.PAUSED
    saved = codings.load(sessions_dir, "ana").all()
    assert len(saved) == 1 and saved[0].codes == ("turnover",)
    assert saved[0].memo == "turnover, not trust"  # a memo on a decided passage: saved at once
    # Resumed: the decided passage is not asked again; the skipped one is.
    outcome, port = _run(sessions_dir, ["1", "/pause"])
    assert outcome.decided == 1
    assert "hope: We share the gym now." in "\n".join(port.shown)
    assert len(codings.load(sessions_dir, "ana").all()) == 2


def test_review_one_code(sessions_dir: Path) -> None:
    _run(sessions_dir, ["2", "2, 5", "5", "-"])
    outcome, _ = _run(sessions_dir, ["-", "5"], review="turnover")
    assert outcome.decided == 2
    by = {c.address.line: c.codes for c in codings.load(sessions_dir, "ana").all()}
    assert by == {1: (), 2: ("family-engagement",), 3: ("family-engagement",), 4: ()}


@pytest.mark.parametrize("ending", [EOFError, KeyboardInterrupt])
def test_an_interruption_keeps_every_decision_made(sessions_dir: Path, ending: type) -> None:
    book, found = _setup(sessions_dir)
    mine = codings.load(sessions_dir, "ana")

    class Ends(ScriptedConsole):
        def ask(self, prompt: str, default: str = "") -> str:
            if not self.lines:
                raise ending
            return super().ask(prompt, default)

    loop = stepping.Loop(Ends(["1", "2"]), book, mine, lambda c: codings.save(sessions_dir, c))
    with pytest.raises(ending):
        loop.run(stepping.queue(found, mine))
    assert len(codings.load(sessions_dir, "ana").all()) == 2


def test_a_code_by_the_start_of_its_name_in_any_case(sessions_dir: Path) -> None:
    outcome, port = _run(sessions_dir, ["FAM", "trust", "s", "stu", "coord, POWER"])
    assert outcome.decided == 4
    saved = [c.codes for c in codings.load(sessions_dir, "ana").all()]
    assert saved == [
        ("family-engagement",),
        ("trust-relationships",),
        ("student-leadership",),
        ("coordination-communication", "power-dynamics"),
    ]
    # "s" begins two codes: asked again, naming both with their numbers.
    assert "'s' could be 4 shared-leadership, 6 student-leadership: which?" in port.shown


def test_enter_keeps_the_codes_a_passage_has(sessions_dir: Path) -> None:
    _run(sessions_dir, ["3", "-", "3", "/pause"])
    # Reviewing, and /back: the prompt says Enter keeps a passage's codes, and it does
    # (passage 1's suggestion, turnover, is not taken).
    _run(sessions_dir, ["2"])  # the last passage
    outcome, port = _run(sessions_dir, ["", "/back", "", "5"], review="power-dynamics")
    assert port.shown.count("codes (Enter keeps them)>") == 4  # passages 1, 3, 1, 3
    assert port.shown.count("kept: power-dynamics") == 2
    assert outcome.decided == 1
    after = codings.load(sessions_dir, "ana").by_address
    assert {a.line: c.codes for a, c in after.items()} == {
        1: ("power-dynamics",),
        2: (),
        3: ("family-engagement",),
        4: ("turnover",),
    }


def test_a_codebook_changed_while_coding_is_reloaded(sessions_dir: Path) -> None:
    """Another coder pulled between two passages: a code removed, one added. The next
    passage is coded with the new codebook, said in one line; the coding already given
    the removed code keeps it."""
    book, found = _setup(sessions_dir)
    mine = codings.load(sessions_dir, "ana")
    pulled = [c for c in starter.CODES if c.id != "trust-relationships"]
    pulled.append(codebook.Code("bus-routes", "Bus routes"))

    class Pulls(ScriptedConsole):
        def ask(self, prompt: str, default: str = "") -> str:
            typed = super().ask(prompt, default)
            if typed == "1":  # while passage 1 is on screen
                codebook.save(sessions_dir, pulled)
            if typed == "4":
                (sessions_dir / "codebook.yaml").write_text("codes: [", encoding="utf-8")
            return typed

    port = Pulls(["1", "bus", "4", "2", "/pause"])
    loop = stepping.Loop(
        port, book, mine, lambda c: codings.save(sessions_dir, c), stepping.watch(sessions_dir)
    )
    loop.run(stepping.queue(found, mine))
    said = [line for line in port.shown if "codebook.yaml" in line]
    assert said[0] == (
        "codebook.yaml changed: reloaded, 10 codes (/codes lists them); "
        "your codings keep trust-relationships, no longer in it"
    )
    # A codebook broken mid-pull: said once, the codes as they were stay in use.
    assert len(said) == 2 and said[1].endswith("coding on with the codes as they were")
    saved = [c.codes for c in codings.load(sessions_dir, "ana").all()]
    # Numbers are the new codebook's: 4 is family-engagement now, 2 power-dynamics.
    assert saved == [
        ("trust-relationships",),
        ("bus-routes",),
        ("family-engagement",),
        ("power-dynamics",),
    ]
