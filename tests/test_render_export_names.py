"""Names run together or with a digit stuck to them are still names (render/export/names)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from conftest import make_session
from labels import uncoded
from reflect_cli.model import Action, Participant, ProtocolRef, Session
from reflect_cli.render import export as exporting
from reflect_cli.render.export.disguised import SPELLED, SPELLED_ANYWHERE
from reflect_cli.render.export.in_word import IN_WORD, JOINERS
from reflect_cli.render.export.names import name_terms

JOINED = ["MonicaHaugen", "monicahaugen", "HaugenMonica", "monica2", "Monica's", "AnaMaría"]


def test_consecutive_parts_run_together_are_whole_forms() -> None:
    whole, single = name_terms("Ana-María de la Cruz")
    assert {"anamaria", "anamariadelacruz", "delacruz", "mariade"} <= whole
    assert "cruzana" in whole  # family name first
    assert {"ana", "maria", "cruz"} <= single


@pytest.mark.parametrize("fmt", ["md", "html", "csv", "json"])
def test_joined_and_suffixed_forms_are_replaced(cli: Any, sessions_dir: Path, fmt: str) -> None:
    make_session(
        sessions_dir,
        "partnership-reflection",
        people=[
            "Monica Haugen | Seattle Parks and Recreation | Site lead | mh",
            "Ana-María López | Rainier Beach High | Counselor | aml",
            "Sam Taylor | Northgate PTA | Parent | st",
        ],
        answers={"shared-values": "Thanks " + ", ".join(JOINED) + ". We met on the 1st."},
        actions=[Action("monicahaugen and mh2 book the gym", "mh", "2026-10-01")],
    )
    result = cli("export", "--redact", "-f", fmt)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    for form in [*JOINED, "mh2", "Haugen", "monica"]:
        assert form.lower() not in out.lower(), form
    assert "Seattle Parks and Recreation (Site lead)2" in uncoded(out)
    assert "on the 1st." in out  # "st" is Sam's handle, but "1st" is a word


@pytest.mark.parametrize("form", [*JOINED, "mh2"])
def test_the_check_finds_joined_forms(form: str) -> None:
    session = Session(
        id="2026-09-01-x",
        protocol=ProtocolRef("tiny", 1, "Tiny"),
        collaborative="Northgate",
        date="2026-09-01",
        status="complete",
        participants=[
            Participant("Monica Haugen", "Parks", "Lead", "mh"),
            Participant("Ana-María López", "Library", "Staff", "aml"),
        ],
    )
    found = exporting.redactor([session])
    with pytest.raises(exporting.redact.RedactionError, match="line 2 of the md export"):
        found.check(f"fine\nsaid {form} today", "md")
    found.check("fine\nmet on the 1st and 2nd", "md")


#: How the issue found names leaking: an address, joined to an initial, endings typed
#: without an apostrophe, Markdown emphasis, a script without spaces, a two-letter
#: family name.
TYPED = [
    "write to mhaugen@parks.org",
    "m.haugen is away",
    "The Haugens came",
    "Monicas plan",
    "*Mon*ica said so",
    "**Hau**gen too",
    "李雷说好。",
    "Wu agreed",
    "then NG spoke",
    # Found by an attacker later: another language's ending on a family name, letters
    # spelled apart, a domain named for a family.
    "Haugenová said so",
    "Haugenin idea",
    "the Haugens' plan",
    "M o n i c a agreed",
    "H-a-u-g-e-n too",
    "M.o.n.i.c.a as well",
    "write to someone@haugen.net",
    "or lan@nguyen-family.org",
    "or info@nguyen-family.org",
]


#: Everyday words that start like a family name, with a word after the name or an
#: initial: kept as said (with Emily Chang, "change" is not "Chang" and an "e").
#: Only a family name takes another language's ending: "vanilla" is not Vani's.
KEPT = "We change the channel by chance; racial justice, we don't, shared power; vanilla."


@pytest.mark.parametrize("fmt", ["md", "html", "csv", "json"])
def test_names_however_typed_are_replaced_in_every_format(
    cli: Any, sessions_dir: Path, fmt: str
) -> None:
    make_session(
        sessions_dir,
        "partnership-reflection",
        people=[
            "Monica Haugen | Seattle Parks and Recreation | Site lead | mh",
            "李雷 | Family Center | Parent | ll",
            "Wu Mei | Library | Staff | wm",
            "Kevin Ng | Northgate PTA | Parent | kn",
            "Nguyễn Thị Lan | Family Center | Parent | lan",
            "Emily Chang | Library | Staff | ec",
            "Vani Rao | Library | Staff | vr",
            "Justice Williams | Rainier Beach High | Counselor | jw",
            "Don Ruiz | Metro Transit | Driver | dr",
            "Samantha Power | Rainier Beach High | Principal | sp",
        ],
        answers={"shared-values": "\n".join(TYPED) + "\nWe do it in the drawing room. " + KEPT},
        actions=[Action("mhaugen@parks.org books the gym", "mh", "2026-10-01")],
    )
    result = cli("export", "--redact", "-f", fmt)
    assert result.exit_code == 0, result.stderr
    out = result.stdout.lower()
    # As a reader sees it: escapes and emphasis marks do not hide a name.
    out = out.replace("\\", "").replace("*", "").replace("&#x27;", "'")
    leaks = ("haugen", "monica", "李雷", "wu ", "wu agreed", "ng spoke", "mei", "kevin", "nguyen")
    for leak in (*leaks, "m o n i c a", "h-a-u-g-e-n", "m.o.n", "someone@", "lan@", ".net"):
        assert leak not in out, (fmt, leak)
    assert KEPT.lower() in out  # "change" is not Emily Chang's, "China" not Chin's
    assert "we do it in the drawing room." in out  # "do", "ng" inside a word: not names
    assert "说好" in result.stdout


ATTACKER = TYPED[-9:]


@pytest.mark.parametrize("typed", ATTACKER)
def test_the_check_after_rendering_finds_the_attackers_forms(typed: str) -> None:
    session = Session(
        id="2026-09-01-x",
        protocol=ProtocolRef("tiny", 1, "Tiny"),
        collaborative="Northgate",
        date="2026-09-01",
        status="complete",
        participants=[
            Participant("Monica Haugen", "Parks", "Lead", "mh"),
            Participant("Nguyễn Thị Lan", "Family Center", "Parent", "lan"),
            Participant("Emily Chang", "Library", "Staff", "ec"),
        ],
    )
    found = exporting.redactor([session])
    with pytest.raises(exporting.redact.RedactionError, match="line 2 of the md export"):
        found.check(f"fine\n{typed}", "md")
    found.check(f"fine\n{KEPT}\nWe met in China; a brand new grand plan.", "md")


def test_name_terms_of_the_issues_cases() -> None:
    whole, _ = name_terms("Monica Haugen")
    assert {"mhaugen", "monicah", "haugenm"} <= whole
    assert name_terms("Wu Mei")[1] == {"wu", "mei"}
    assert "de" not in name_terms("Ana de la Cruz")[1]  # a particle, not a family name
    assert "李雷" in name_terms("李雷")[1]
    # An initial run into an everyday word, or an "s" after a part, is an English word:
    # Sam Park is not in "Seattle Parks" nor in "spark".
    assert not {"parks", "spark"} & name_terms("Sam Park")[0]


#: Leaks a tester found (the person each names, and the text as typed), with --word Grace
#: decided: an address holding an everyday name part, a family name and an everyday given
#: name with a comma between in lower case, a speaker prefix in the middle of a line, a
#: family or given name inside Japanese text, letters that look Latin but are not.
TESTER = [
    "write to grace.kim@school.org today",
    "kim, grace was late",
    "ruiz, don agreed",
    "We started. grace: lower prefix.",
    "山田さんが来た",
    "太郎くんも",
    "Мonica said so",  # a Cyrillic М
    "Μonica said so",  # a Greek Μ
    "ask Hαugen",  # a Greek α
]
TESTER_PEOPLE = [
    "Grace Kim | School | Teacher | gk",
    "Don Ruiz | District | Lead | dr",
    "山田太郎 | Family Center | Parent | yt",
    "Monica Haugen | Parks | Lead | mh",
]


@pytest.mark.parametrize("fmt", ["md", "html", "csv", "json"])
def test_the_testers_leaks_are_replaced_in_every_format(
    cli: Any, sessions_dir: Path, fmt: str
) -> None:
    make_session(
        sessions_dir,
        "partnership-reflection",
        people=TESTER_PEOPLE,
        answers={"shared-values": "\n".join(TESTER) + "\nShe said grace before lunch."},
    )
    result = cli("export", "--redact", "--word", "Grace", "-f", fmt)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    leaks = ("grace.", "kim", "grace was", "ruiz", "don agreed", "grace:", "山田", "太郎")
    for leak in (*leaks, "onica", "αugen"):
        assert leak not in out.lower(), (fmt, leak)
    assert "@school.org" not in out  # the whole address is the person
    assert "said grace before lunch" in out  # still a word where the text says so


def redactor_of_the_testers_people() -> Any:
    from reflect_cli.render.export.names import Decisions

    people = [Participant(*(f.strip() for f in p.split("|"))) for p in TESTER_PEOPLE]
    session = Session(
        id="2026-09-01-x",
        protocol=ProtocolRef("tiny", 1, "Tiny"),
        collaborative="Northgate",
        date="2026-09-01",
        status="complete",
        participants=people,
    )
    return exporting.redactor([session], decisions=Decisions(words={"grace"}))


@pytest.mark.parametrize("typed", TESTER)
def test_the_check_after_rendering_finds_the_testers_leaks(typed: str) -> None:
    with pytest.raises(exporting.redact.RedactionError, match="line 2 of the md export"):
        redactor_of_the_testers_people().check(f"fine\n{typed}", "md")


def test_grace_is_still_a_word_where_the_text_says_so() -> None:
    found = redactor_of_the_testers_people()
    found.check("fine\nshe said grace. We need hope: a plan. Write to info@school.org", "md")


def test_a_name_in_han_ideographs_has_its_parts_inside_it() -> None:
    _, single = name_terms("山田太郎")
    assert {"山田", "太郎"} <= single
    assert "小明" in name_terms("王小明")[1]
    # One character alone is too often part of another word: only with an honorific.
    whole, single = name_terms("李雷")
    assert "李" not in single and "李先生" in whole and "雷さん" in whole


#: Texts made of the pieces a word spelled out is made of, and of what stops one.
PIECES = ["M", "o", "é", "ab", "Zoë", " ", "  ", ".", "-", "·", "*", "_", "~", "1", "\n", "中"]
PIECES += ["\u00a0", "\u202f", "\u3000", "\u2009", "\u200b", "\u3164"]


@settings(max_examples=400)
@example("M  o n i c a")
@example("H-a-u-g-e-n")
@example("x M. o. b")
@example("M *o* b")
@example("M\u00a0o\u00a0n")
@given(st.lists(st.sampled_from(PIECES), max_size=12).map("".join) | st.text(max_size=12))
def test_a_word_spelled_out_is_seen_where_the_full_pattern_sees_it(text: str) -> None:
    """The quick sweep for words spelled apart ("M o n i c a") finds one exactly where
    the pattern that reads them does: it may skip no text that holds one."""
    assert (SPELLED_ANYWHERE.search(text) is None) == (SPELLED.search(text) is None)


@given(st.text(st.sampled_from(list("aMé1_*~=+ \n-\u00b4\u00b7")) | st.characters(), max_size=24))
def test_emphasis_inside_a_word_is_seen_where_a_reader_sees_it(text: str) -> None:
    """An emphasis mark between two letters or digits ("*Mon*ica"), a joiner between two
    letters ("Hau-gen"): found as the plain reading ``letter, marks, letter`` finds it."""
    marks = f"[*_~=+{JOINERS}]*"
    plain = re.search(rf"[^\W_][*_~=+]{marks}[^\W_]|[^\W\d_][{JOINERS}]{marks}[^\W\d_]", text)
    assert (IN_WORD.search(text) is None) == (plain is None)


def _redactor_of(*names: str) -> Any:
    people = [Participant(n, "Library", "Staff", f"p{i}") for i, n in enumerate(names)]
    session = Session(
        id="2026-09-01-x",
        protocol=ProtocolRef("tiny", 1, "Tiny"),
        collaborative="Northgate",
        date="2026-09-01",
        status="complete",
        participants=people,
    )
    return exporting.redactor([session])


_POSSESSIVE_PEOPLE = ["Monica Haugen", "Nguyễn Thị Lan", "Ana-María López", "Kevin Ng"]


@settings(max_examples=200)
@given(
    who=st.sampled_from(["Haugen", "HAUGEN", "Monica", "López", "Lopez", "Nguyễn", "Nguyen"]),
    apostrophe=st.sampled_from(["'", "’", "ʼ", "′"]),
    before=st.sampled_from(["", "the ", "The ", "(", "both "]),
    after=st.sampled_from([" plan", " plan.", "", ", then", ")", "\n"]),
)
def test_a_plural_possessive_is_replaced_whole(
    who: str, apostrophe: str, before: str, after: str
) -> None:
    """ "the Haugens' plan": the label takes the name, its "s" and the apostrophe after
    it; no stray apostrophe is left and nothing else changes."""
    redactor = _redactor_of(*_POSSESSIVE_PEOPLE)
    shown = redactor.text(f"{before}{who}s{apostrophe}{after}")
    assert shown.startswith(before) and shown.endswith(after)
    label = shown[len(before) : len(shown) - len(after)]
    assert apostrophe not in label and label == redactor.text(who)


def test_a_name_of_a_hundred_words_is_known_by_a_bounded_number_of_forms() -> None:
    # Parts run together at most ``RUN`` at a time: a name pasted as a paragraph makes
    # terms in proportion to its words, not to their square.
    from reflect_cli.render.export.name_forms import RUN

    words = [f"Lorimer{chr(97 + i % 26)}{chr(97 + i // 26)}" for i in range(100)]
    whole, single = name_terms(" ".join(words))
    assert len(whole) + len(single) < 100 * RUN * 6
    assert "lorimeraa lorimerba" not in single
    assert "lorimeraalorimerba" in whole  # two parts run together, as people type them
