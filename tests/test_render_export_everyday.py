"""`export --redact` and names that are everyday words: never kept silently, never
replaced silently; the facilitator decides once per word for the folder."""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import make_session
from labels import uncoded
from reflect_cli.model import (
    Action,
    AnswerRecord,
    DomainRecord,
    Participant,
    ProtocolRef,
    Session,
    SessionStatus,
)
from reflect_cli.records.home import where_home as private_home
from reflect_cli.records.word_choices import WordChoices
from reflect_cli.render import export as exporting
from reflect_cli.render.export.everyday import COMMON_WORDS_TEXT, PLACE_KINDS

SAID = "We talked about racial justice; we don't agree yet.\nshared power matters."


def everyday(sessions_dir: Path, said: str = SAID, **given: Any) -> str:
    return make_session(
        sessions_dir,
        "partnership-reflection",
        people=[
            "Justice Williams | Rainier Beach High | School Counselor | jw",
            "Don Ruiz | Metro Transit | Driver | dr",
            "Samantha Power | Rainier Beach High | Principal | sp",
        ],
        answers={"shared-values": said},
        **given,
    )


@pytest.mark.parametrize("fmt", ["md", "html", "csv", "json"])
def test_everyday_words_in_lower_case_are_what_people_said(
    cli: Any, sessions_dir: Path, fmt: str
) -> None:
    everyday(sessions_dir, SAID + "\nWilliams and Ruiz agreed with Samantha Power.")
    result = cli("export", "--redact", "-f", fmt)
    assert result.exit_code == 0, result.stderr
    out = json.dumps(json.loads(result.stdout)) if fmt == "json" else result.stdout
    out = html.unescape(out) if fmt == "html" else out
    for said in ("racial justice", "we don't agree", "shared power matters"):
        assert said in out.replace("\\", ""), (fmt, said)
    for name in ("Williams", "Ruiz", "Samantha", "Power."):
        assert name not in out, (fmt, name)


NOTE = "d Hope joined the Nov 3 planning call"


def stopped(result: Any) -> list[str]:
    assert result.exit_code == 2, result.stdout
    return [line.removeprefix("reflect: ") for line in result.stderr.splitlines()]


def test_a_capitalised_everyday_name_stops_the_export_and_lists_each_place(
    cli: Any, sessions_dir: Path, tmp_path: Path
) -> None:
    make_session(
        sessions_dir,
        "partnership-reflection",
        people=[
            "Hope Diaz | Rainier Youth Soccer | Youth member | hd",
            "Grace Lee | Library | Staff | gl",
        ],
        answers={"shared-values": "Grace said the gym is open. In May we met."},
        # A status note as typed in a real meeting (Hope is a youth member).
        actions=[Action("call the office", "gl", "2026-12-01", note=NOTE)],
    )
    target = tmp_path / "out.md"
    lines = stopped(cli("export", "--redact", "-o", str(target)))
    assert not target.exists()
    places = [line for line in lines if line.startswith("Session 1")]
    assert places[0] == 'Session 1, question shared-values: "Grace" in: Grace said the gym is open.'
    assert places[1] == f'Session 1, question commitments: "Hope" in: {NOTE}'
    assert any("--name Grace" in line and "--word Grace" in line for line in lines)
    assert not any("May" in line for line in places)  # "In May": the month


def test_the_decision_is_kept_for_the_folder_and_obeyed(cli: Any, sessions_dir: Path) -> None:
    make_session(
        sessions_dir,
        "partnership-reflection",
        people=[
            "Hope Diaz | Rainier Youth Soccer | Youth member | hd",
            "Grace Lee | Library | Staff | gl",
        ],
        answers={"shared-values": "Grace said the gym is open. Later, Hope joined. We hope so."},
    )
    first = stopped(cli("export", "--redact"))
    assert sum(line.startswith("Session 1") for line in first) == 2
    result = cli("export", "--redact", "--name", "Hope", "--word", "grace")
    assert result.exit_code == 0, result.stderr
    assert "Grace said the gym is open. Later, Rainier Youth Soccer (Youth member) joined." in (
        uncoded(result.stdout)
    )
    assert "We hope so." in result.stdout
    kept = json.loads((private_home(sessions_dir) / "redaction.json").read_text())
    assert kept["names"] == ["hope"] and kept["words"] == ["grace"]
    assert (private_home(sessions_dir) / "redaction.json").stat().st_mode & 0o077 == 0
    assert not (sessions_dir / ".reflect").exists()  # never in the shared folder
    again = cli("export", "--redact")  # decided once: no flags needed again
    assert again.exit_code == 0 and again.stdout == result.stdout
    changed = cli("export", "--redact", "--name", "Grace")  # a later decision replaces it
    assert "Library (Staff) said the gym is open" in uncoded(changed.stdout)


def test_a_deep_redaction_file_is_one_line_exit_2(cli: Any, sessions_dir: Path) -> None:
    """A damaged decisions file: 100,000 brackets are refused, not a RecursionError."""
    make_session(sessions_dir, "partnership-reflection")
    kept = private_home(sessions_dir) / "redaction.json"
    kept.parent.mkdir(mode=0o700, exist_ok=True, parents=True)
    kept.write_text("[" * 100_000 + "]" * 100_000)
    result = cli("export", "--redact")
    assert result.exit_code == 2, result.stderr
    assert "redaction.json" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_name_and_word_go_with_redact_and_not_together(cli: Any, sessions_dir: Path) -> None:
    everyday(sessions_dir)
    assert "--redact" in stopped(cli("export", "--name", "Hope"))[0]
    assert "both" in stopped(cli("export", "--redact", "--name", "Hope", "--word", "hope"))[0]
    assert "one word" in stopped(cli("export", "--redact", "--name", "Hope Diaz"))[0]


# -- property: an everyday name in every position, and the decision obeyed ---------------

#: (Justice, Don and Power are other people here: in lower case, in FIXED.)
WORDS = ["Hope", "Grace", "May", "Will", "Art", "Joy", "Faith", "Rose"]
FIXED = "We talked about racial justice; we don't agree yet. shared power matters."


def sentence(kind: str, word: str) -> str:
    return {
        "lower": f"we talk about {word.lower()} a lot.",
        "capital": f"then {word} spoke.",
        "start": f"{word} spoke first.",
        "full": f"{word} Diaz was there.",
        # Plural or possessive typed without an apostrophe: a word until decided a name.
        "plural": f"then {word}s plan was read.",
        "lower plural": f"we have {word.lower()}s here.",
    }[kind]


def meeting(answer: str, word: str) -> Session:
    return Session(
        id="2026-09-01-x",
        protocol=ProtocolRef("tiny", 1, "Tiny"),
        collaborative="Northgate",
        date="2026-09-01",
        status=SessionStatus.COMPLETE,
        participants=[
            Participant(f"{word} Diaz", "Rainier Youth Soccer", "Youth member", "yd"),
            Participant("Justice Williams", "Rainier Beach High", "Counselor", "jw"),
            Participant("Don Ruiz", "Metro Transit", "Driver", "dr"),
            Participant("Samantha Power", "Rainier Beach High", "Principal", "sp"),
        ],
        domains=[DomainRecord("d", "Domain", [AnswerRecord("q", "What happened?", answer=answer)])],
    )


def redacted(answer: str, word: str, choices: WordChoices | None = None) -> str:
    found = exporting.redactor([meeting(answer, word)], decisions=choices)
    options = exporting.Options(redact=True)
    document = "".join(exporting.render([meeting(answer, word)], "md", options, found))
    return uncoded(document.replace("\\", ""))


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(WORDS),
    st.lists(
        st.sampled_from(["lower", "capital", "start", "full", "plural", "lower plural"]),
        min_size=1,
        max_size=6,
    ),
)
def test_everyday_names_stop_list_each_place_and_obey_the_decision(
    word: str, kinds: list[str]
) -> None:
    said = [sentence(kind, word) for kind in kinds]
    answer = FIXED + "\n" + "\n".join(said)
    asked = ("capital", "start", "plural")  # "then Graces plan": the text cannot tell
    unsure = [s for kind, s in zip(kinds, said, strict=True) if kind in asked]
    if unsure:
        with pytest.raises(exporting.UndecidedWords) as stop:
            redacted(answer, word)
        assert [p.sentence for p in stop.value.places] == unsure
        assert all(p.session == "Session 1" and p.question == "q" for p in stop.value.places)
    as_name = redacted(answer, word, WordChoices(names={word.lower()}))
    as_word = redacted(answer, word, WordChoices(words={word.lower()}))
    label = "Rainier Youth Soccer (Youth member)"
    for kind, text in zip(kinds, said, strict=True):
        if kind in ("lower", "lower plural"):  # what people said, in both
            assert text in as_name and text in as_word
        elif kind == "plural":  # decided a name, "Graces plan" is hers: no second stop
            assert text in as_word and text.replace(f"{word}s", label) in as_name
        elif kind == "full":  # plainly the person, in both
            assert f"{label} was there." in as_name and f"{label} was there." in as_word
        else:
            assert text in as_word and text.replace(word, label) in as_name
    for text in (as_name, as_word):
        assert FIXED in text and "Diaz" not in text


PARKS = [
    "Rosa Parks | Library | Librarian | rp",
    "Monica Haugen | Seattle Parks and Recreation | Site lead | mh",
]


@pytest.mark.parametrize("fmt", ["md", "json"])
def test_a_family_name_that_is_a_place_kind_is_a_place_next_to_a_place_word(
    cli: Any, sessions_dir: Path, fmt: str
) -> None:
    """ "Parks" of Rosa Parks: "Seattle Parks" and "the Parks department" are places, never
    Rosa silently; an organization holding "Parks" is not taken for her name."""
    said = "Seattle Parks runs the gym; the Parks department pays. Rosa Parks spoke."
    make_session(
        sessions_dir, "partnership-reflection", people=PARKS, answers={"shared-values": said}
    )
    result = cli("export", "--redact", "-f", fmt)
    assert result.exit_code == 0, result.stderr
    out = uncoded(result.stdout)
    assert "the Parks department pays. Library (Librarian) spoke." in out
    assert "Seattle Parks runs the gym;" in out
    assert "Seattle Parks and Recreation (Site lead)" in out
    assert "Rosa" not in result.stdout


def test_a_family_name_that_is_a_place_kind_alone_stops_and_asks(
    cli: Any, sessions_dir: Path
) -> None:
    make_session(
        sessions_dir, "partnership-reflection", people=PARKS,
        answers={"shared-values": "The gym is open. Later, Parks joined us."},
    )  # fmt: skip
    lines = stopped(cli("export", "--redact"))
    assert any('"Parks" in: Later, Parks joined us.' in line for line in lines)
    named = cli("export", "--redact", "--name", "Parks")
    assert named.exit_code == 0, named.stderr
    assert "Later, Library (Librarian) joined us." in uncoded(named.stdout)
    # Decided a name, "Parks" still does not make Monica's organization hold Rosa's name.
    assert "Seattle Parks and Recreation (Site lead)" in uncoded(named.stdout)


def parks_redactor(kind: str, choices: WordChoices | None = None) -> Any:
    session = meeting("", "Hope")
    session.participants = [
        Participant(f"Rosa {kind.capitalize()}", "Library", "Librarian", "rk"),
        Participant("Monica Haugen", f"Seattle {kind.capitalize()} Services", "Site lead", "mh"),
    ]
    return exporting.redactor([session], decisions=choices)


#: Kinds of place that are not on the everyday list of names, as the attacker used them.
PLACE_ONLY = sorted(PLACE_KINDS - set(COMMON_WORDS_TEXT.split()))


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(PLACE_ONLY), st.sampled_from(["Seattle {} runs it.", "The {} Office pays."]))
def test_a_name_part_that_is_a_place_kind_is_never_replaced_silently(
    kind: str, template: str
) -> None:
    word = kind.capitalize()
    found = parks_redactor(kind)
    # Next to a place word it is the place's; Monica's organization is hers to show.
    assert found.text(template.format(word)) == template.format(word)
    assert found.undecided == []
    assert found.shown_organization(f"Seattle {word} Services") in found.label([1])
    assert not found.names_someone(f"Seattle {word} Services")
    assert found.names_someone(f"Rosa {word} Foundation")
    # Alone, capitalised inside a sentence: the facilitator decides, never silently.
    found.text(f"Then {word} spoke.")
    assert [u.term for u in found.undecided] == [kind]
    # Beside the other part of the name: the person, always.
    assert "Rosa" not in found.text(f"Then Rosa {word} spoke.")
