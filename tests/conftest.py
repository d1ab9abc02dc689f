"""Shared fixtures: every test gets its own sessions folder and a YAML-writing helper."""

from __future__ import annotations

import os
import signal
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from reflect_cli.model import Participant
from reflect_cli.records.word_choices import WordChoices
from reflect_cli.render.export.redact import Redactor

REPO = Path(__file__).resolve().parents[1]
#: The domain titles of the built-in partnership-reflection protocol, in order.
PARTNERSHIP_DOMAINS = [
    "Alignment of Goals, Values, & Vision",
    "Equity",
    "Leadership",
    "Coordination",
    "Navigating Conflict",
]
SEEDS = REPO.parent / "shared" / "seeds"
#: The evaluation's fixture (``evaluation_folder``, ``evaluation_sessions``).
pytest_plugins = ["evaluation_fixture"]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """Under CI a skip is a failure: .ci/run installs everything a test needs (Chromium,
    poppler-utils, fonts, git), so a skip there could only hide a test that never ran."""
    outcome = yield
    report = outcome.get_result()
    if os.environ.get("CI") and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.longrepr = f"skipped under CI, where nothing may be: {reason}"


_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGHUP", "SIGTERM", "SIGTSTP", "SIGQUIT")
)


@pytest.fixture(autouse=True)
def signal_handlers() -> Iterator[None]:
    """Commands run in-process (CliRunner) install signal handlers for the meeting; one
    left behind (SIGINT ignored) would be inherited by every later pexpect child, whose
    Ctrl-C would then do nothing. Each test starts and ends with the same handlers."""
    saved = {sig: signal.getsignal(sig) for sig in _SIGNALS}
    yield
    for sig, handler in saved.items():
        if handler is not None:
            signal.signal(sig, handler)


@pytest.fixture(autouse=True)
def sessions_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point REFLECT_SESSIONS_DIR at tmp_path so no test touches a real folder."""
    folder = tmp_path / "sessions"
    monkeypatch.setenv("REFLECT_SESSIONS_DIR", str(folder))
    # The pseudonym key (--redact) is made on first use: never in the user's own config.
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    # Kept text and the editor's file fall back to the state folder: never the user's own.
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.delenv("REFLECT_QUESTIONS_PATH", raising=False)
    monkeypatch.chdir(tmp_path)
    return folder


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test starts in English, whatever the machine's locale, and a command run
    in-process that chose another language (``--lang es``) leaves none behind."""
    from reflect_cli.i18n import messages

    monkeypatch.setenv("REFLECT_LANG", "en")
    messages.forget()
    yield
    messages.forget()


@pytest.fixture
def write_yaml(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write dedented YAML text to tmp_path/NAME and return the path."""

    def write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return write


MINIMAL_PROTOCOL = """
    id: tiny
    version: 2
    title: Tiny protocol
    domains:
      - id: first
        title: First domain
        questions:
          - id: q-one
            prompt: What do we share?
          - id: q-two
            prompt: Pick one
            kind: choice
            choices: [Alpha, Beta]
      - id: second
        title: Second domain
        questions:
          - id: q-three
            prompt: How strong?
            kind: scale
            scale: {min: 1, max: 5, labels: {1: Weak, 5: Strong}}
          - id: q-four
            prompt: Ready?
            kind: yes-no
          - id: q-five
            prompt: Which apply?
            kind: multi
            choices: [Red, Green, Blue]
"""


@pytest.fixture
def tiny_protocol(write_yaml: Callable[[str, str], Path]) -> Path:
    """A small valid protocol of every question kind, in tmp_path/qs/tiny.yaml."""
    return write_yaml("qs/tiny.yaml", MINIMAL_PROTOCOL)


@pytest.fixture
def cli() -> Callable[..., object]:
    """Run `reflect ARGS` in-process with Typer's CliRunner; stdout and stderr kept apart."""
    from typer.testing import CliRunner

    from reflect_cli.cli.app import app

    runner = CliRunner()

    def run(*args: str, input: str | None = None) -> object:
        return runner.invoke(app, list(args), input=input, catch_exceptions=False)

    return run


HOSTILE = "\n".join(
    [
        "monica: <script>document.title='pwned'</script>",
        "shana: <img src=x onerror=\"document.title='pwned'\"> [link](javascript:alert(1))",
        "jo: [bold]loud[/bold] \x1b[31mred\x1b[0m",
        "# not a heading",
        'a | b, "quoted", and a\r\nwindows line',
    ]
)


def make_session(folder: Path, protocol_id: str, **given: object) -> str:
    """Write one complete session through the real flow and writer; return its id."""
    from reflect_cli.protocols import catalog
    from reflect_cli.records.store import Store
    from reflect_cli.session.console import ScriptedConsole
    from reflect_cli.session.flow import Facilitator
    from reflect_cli.session.prefill import Plan, add_participants, check_against

    protocol, _ = catalog.find(protocol_id)
    plan = Plan(
        collaborative=str(given.get("collaborative", "Northgate Elementary OST")),
        site=str(given.get("site", "Northgate Elementary")),
        facilitator="Alex Rivera",
        date=str(given.get("date", "2026-11-22")),
    )
    add_participants(
        plan,
        list(
            given.get(
                "people",
                [  # type: ignore[call-overload]
                    "Monica Haugen | Seattle Parks and Recreation | Site lead",
                    "Shana Beckwith | STEMPaths Innovation Network | Director",
                    "Jo Park | Northgate PTA | Parent",
                ],
            )
        ),
    )
    plan.answers = {k: (v, None) for k, v in dict(given.get("answers", {})).items()}  # type: ignore[call-overload]
    plan.actions = list(given.get("actions", []))  # type: ignore[call-overload]
    plan.notes = list(given.get("notes", []))  # type: ignore[call-overload]
    check_against(plan, protocol, "test")
    session = Facilitator(ScriptedConsole(interactive=False), Store(folder), protocol, plan).start()
    if given.get("status") == "draft":
        session.status = "draft"
        Store(folder).save(session)
    return session.id


@pytest.fixture
def sessions(sessions_dir: Path) -> dict[str, str]:
    """A folder of sessions: both protocols, drafts and complete, several collaboratives."""
    return build_sessions(sessions_dir)


def build_sessions(sessions_dir: Path) -> dict[str, str]:
    """The ``sessions`` fixture's folder, for a module that copies one built once."""
    from reflect_cli.model import Action, Note

    ids = {
        "first": make_session(
            sessions_dir,
            "equitable-partnerships",
            date="2026-09-15",
            answers={
                "partnership-type-now": "Cooperative",
                "partnership-type-wanted": "Integrated",
                "shared-leadership": 2,
                "changes-sought": "monica: Fair access to the gym.",
            },
            actions=[Action("Share the space calendar", "shana", "2026-10-01")],
        ),
        "second": make_session(
            sessions_dir,
            "equitable-partnerships",
            date="2026-11-20",
            answers={
                "partnership-type-now": "Collaborative",
                "partnership-type-wanted": "Integrated",
                "shared-leadership": 4,
                "changes-sought": "shana: Families at the table. Café ☕",
            },
        ),
        "hostile": make_session(
            sessions_dir,
            "partnership-reflection",
            date="2026-11-21",
            answers={
                "shared-values": HOSTILE,
                "equity-issues": "jo: We hear from Monica Haugen most.",
            },
            actions=[Action("Invite <b>families</b>", "jo", "2026-12-05")],
            notes=[Note("Private: Jo seemed upset", "shared-values")],
        ),
        "other": make_session(
            sessions_dir,
            "partnership-reflection",
            date="2026-10-05",
            collaborative="Rainier Beach Partners",
            site="Rainier Beach High",
            people=["Ana Ruiz | Rainier Beach High | Counselor"],
            answers={"shared-values": "ana: Students lead."},
            status="draft",
        ),
    }
    return ids


#: A "billion laughs" YAML text: 300 bytes that expand to 9**9 values if walked.
BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True)
)


def make_record() -> dict[str, object]:
    """A record as plain data with something in every key: every kind, a round, roster,
    commitments carried and new, notes."""
    from reflect_cli.model import (
        Action,
        AnswerRecord,
        Choice,
        CommitmentStatus,
        DomainRecord,
        Kind,
        Note,
        Participant,
        ProtocolRef,
        Rating,
        RoundKind,
        Scale,
        Session,
        SessionStatus,
    )
    from reflect_cli.records import codec

    session = Session(
        "2026-11-22-northgate-0a0a",
        ProtocolRef("p", 2, "P", "ab" * 32, "Source"),
        "Northgate",
        "2026-11-22",
        status=SessionStatus.COMPLETE,
        site="Northgate Elementary",
        started="2026-11-22T10:00:00-08:00",
        facilitator="Alex",
        participants=[Participant("Monica Haugen", "Parks", "Lead", "mh")],
        intro={"watch-video": "done"},
        follow_up=[Action("Call", "mh", "2026-12-01", CommitmentStatus.DONE, origin="x")],
        domains=[
            DomainRecord(
                "d",
                "D",
                [
                    AnswerRecord("t", "Text?", Kind.TEXT, answer="mh: yes", credits=["mh"]),
                    AnswerRecord(
                        "c", "Pick?", Kind.CHOICE, (Choice("A", "a"), Choice("B")), answer="A"
                    ),
                    AnswerRecord("m", "Many?", Kind.MULTI, (Choice("A"),), answer=["A"]),
                    AnswerRecord("s", "How?", Kind.SCALE, answer=3, scale=Scale(1, 5, {1: "No"})),
                    AnswerRecord("y", "Ready?", Kind.YES_NO, answer=True, required=True),
                    AnswerRecord(
                        "r",
                        "Trust?",
                        Kind.SCALE,
                        scale=Scale(1, 5),
                        round=RoundKind.NAMED,
                        ratings=[Rating(4, participant="mh")],
                    ),
                ],
            )
        ],
        actions=[Action("Share", "mh", "2026-12-05", question="t")],
        notes=[Note("Quiet", "t")],
    )
    return codec.to_dict(session)


def redactor_of(*people: str | Participant, decisions: WordChoices | None = None) -> Redactor:
    """A redactor that knows ``people`` (a name, met as staff of a library with a handle
    of its own, or a ``Participant`` as given), from one session of Northgate: the
    matching of ``--redact`` through the real ``Redactor``, without a folder."""
    from reflect_cli.model import ProtocolRef, Session, SessionStatus
    from reflect_cli.render import export as exporting

    roster = [
        person
        if isinstance(person, Participant)
        else Participant(str(person), "Library", "Staff", f"p{n}")
        for n, person in enumerate(people)
    ]
    session = Session(
        id="2026-09-01-x",
        protocol=ProtocolRef("tiny", 1, "Tiny"),
        collaborative="Northgate",
        date="2026-09-01",
        status=SessionStatus.COMPLETE,
        participants=roster,
    )
    return exporting.redactor([session], decisions=decisions)


def places(result: Any) -> list[str]:
    """What ``check-names`` printed: one place a line (file, line, the words found)."""
    return [line for line in result.stdout.splitlines() if line]


def planted(cli: Any, folder: Path, name: str, typed: str) -> tuple[Path, list[str]]:
    """A document ``name`` in ``folder`` with ``typed`` on its second line, checked by
    ``check-names``, which must exit 2: its path and the places printed."""
    page = folder / name
    page.write_text(f"Notes\n{typed}\n", encoding="utf-8")
    found = cli("check-names", str(page))
    assert found.exit_code == 2, found.stdout + found.stderr
    return page, places(found)
