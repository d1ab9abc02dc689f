"""The check after a redacted export ignores the template's and reflect's own protocols'
words (CSS, headings, titles, prompts, help, choice labels, source) but not what people
said, nor a name in a protocol anyone wrote."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import make_session
from labels import PERSON, uncoded
from reflect_cli.model import Action, Participant, ProtocolRef, Session
from reflect_cli.render import export as exporting

FORMATS = ["md", "html", "csv", "json"]
#: Names that are also CSS words (max-width, Georgia, li::before) or protocol words
#: ("Best Starts for Kids", "Strong relationships and trust").
WORDY = [
    "Max Ortiz | Parks | Lead | max",
    "Li Wei | Library | Staff | li",
    "Georgia Banks | Northgate PTA | Parent | georgia",
    "Best Okafor | Rainier Youth Soccer | Coach | best",
    "Pat Strong | Family Center | Parent | strong",
]


def export(cli: Any, fmt: str, *args: str) -> Any:
    return cli("export", "--redact", "-f", fmt, "--include-private", *args)


@pytest.mark.parametrize("fmt", FORMATS)
def test_names_that_are_css_or_protocol_words_do_not_block_the_export(
    cli: Any, sessions_dir: Path, fmt: str
) -> None:
    make_session(
        sessions_dir,
        "equitable-partnerships",
        people=WORDY,
        answers={
            "partnership-type-now": "Cooperative",
            "partnership-type-wanted": "Integrated",
            "helping-factors": ["Strong relationships and trust"],
            "helping-factors-story": "max: fine. georgia: Li and Best agreed with Strong.",
        },
        actions=[Action("Georgia Banks calls Max", "max", "2026-10-01")],
    )
    result = export(cli, fmt)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "Parks (Lead): fine" in uncoded(out)
    assert "Strong relationships and trust" in out  # the protocol's own label, kept
    assert "Best Starts for Kids" in out  # the protocol's source and prompts
    for name in ("Ortiz", "Banks", "Okafor", "Wei", "Li and", "Best agreed", "with Strong"):
        assert name not in out, name


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_prompt_that_names_a_participant_is_redacted_in_a_protocol_anyone_wrote(
    cli: Any, sessions_dir: Path, write_yaml: Callable[[str, str], Path], fmt: str
) -> None:
    write_yaml(
        "questions/team.yaml",
        """
        id: team
        version: 1
        title: Team check-in
        domains:
          - id: how
            title: How it went
            questions:
              - id: quigley
                prompt: How did Quigley's team do?
                help: Ask Quigley's partners first.
        """,
    )
    answers = write_yaml(
        "answers.yaml",
        """
        collaborative: X Club
        facilitator: Jo Bell
        participants: [{name: Ann Quigley, organization: Parks, role: Lead}]
        answers: {quigley: "Quigley did well."}
        """,
    )
    start = cli("start", "team", "--answers", str(answers), "--no-input")
    assert start.exit_code == 0, start.stderr
    result = export(cli, fmt)
    assert result.exit_code == 0, result.stderr
    # The record's own copy of a protocol anyone can write: redacted as people's text.
    assert "How did Parks (Lead)" in uncoded(result.stdout).replace("&#x27;", "'")
    assert "Parks (Lead) did well." in uncoded(result.stdout)
    assert "Quigley" not in result.stdout


def _session(answer: str) -> Session:
    from reflect_cli.model import AnswerRecord, DomainRecord

    return Session(
        id="2026-09-01-x",
        protocol=ProtocolRef("tiny", 1, "Tiny: Best practice"),
        collaborative="X Club",
        date="2026-09-01",
        status="complete",
        participants=[Participant("Max Ortiz", "Parks", "Lead", "max")],
        domains=[
            DomainRecord("d", "Max effort", [AnswerRecord("q", "Max or min?", answer=answer)])
        ],
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_name_people_wrote_is_still_caught_beside_the_same_word_in_the_template(
    fmt: str,
) -> None:
    session = _session("fine")
    found = exporting.redactor([session])
    prepared = exporting.prepare.prepare(session, exporting.Options(), found)
    # The redactor missed one (as if broken): the answer holds the name again.
    prepared.domains[0].questions[0].answer = "Max said so"
    module = __import__(f"reflect_cli.render.export.{exporting.FORMATS[fmt]}", fromlist=["x"])
    from reflect_cli.render.export.static import stripped

    static = "".join(module.render([stripped(prepared)], exporting.Options(redact=True)))
    document = "".join(module.render([prepared], exporting.Options(redact=True)))
    plain = exporting.PLAIN[fmt]
    with pytest.raises(exporting.redact.RedactionError, match=rf"Parks \(Lead {PERSON}\)"):
        found.check(plain(document), fmt, plain(static))
    prepared.domains[0].questions[0].answer = "fine"
    document = "".join(module.render([prepared], exporting.Options(redact=True)))
    found.check(plain(document), fmt, plain(static))  # the prompt's "Max" is not a leak


def test_the_check_counts_a_term_beyond_the_template() -> None:
    found = exporting.redactor([_session("fine")])
    static = "body { max-width: 48rem; font: Georgia }\n"
    found.check(static, "html", static)
    with pytest.raises(exporting.redact.RedactionError, match="line 2 of the html"):
        found.check(static + "max said hi", "html", static)


@pytest.mark.slow
def test_a_pdf_for_people_named_like_css_words(
    cli: Any, sessions_dir: Path, tmp_path: Path
) -> None:
    from test_render_export_pdf import needs_tools, pdf_text

    if needs_tools.args[0]:
        pytest.skip("chromium and pdftotext are not installed")
    make_session(
        sessions_dir,
        "partnership-reflection",
        people=WORDY,
        answers={"shared-values": "max: fine. georgia: Li agreed."},
    )
    target = tmp_path / "summary.pdf"
    result = cli("export", "--redact", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    text = " ".join(pdf_text(target).split())
    # (The PTA is named for the place: "Northgate" is the collaborative's.)
    said = "Parks (Lead): fine. Collaborative PTA (Parent): Library (Staff) agreed."
    assert said in uncoded(text)
    assert "Ortiz" not in text and "Georgia" not in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_name_left_in_a_protocol_anyone_wrote_is_caught(fmt: str) -> None:
    session = _session("fine")
    found = exporting.redactor([session])
    from reflect_cli.render.export.prepare import prepare

    prepared = prepare(session, exporting.Options(), found)
    # The redactor missed one (as if broken): the record's copy of a prompt names Max.
    prepared.domains[0].questions[0].prompt = "What did Max Ortiz say?"
    module = __import__(f"reflect_cli.render.export.{exporting.FORMATS[fmt]}", fromlist=["x"])
    from reflect_cli.render.export.static import stripped

    static = "".join(module.render([stripped(prepared)], exporting.Options(redact=True)))
    document = "".join(module.render([prepared], exporting.Options(redact=True)))
    plain = exporting.PLAIN[fmt]
    with pytest.raises(exporting.redact.RedactionError, match=rf"Parks \(Lead {PERSON}\)"):
        found.check(plain(document), fmt, plain(static))
