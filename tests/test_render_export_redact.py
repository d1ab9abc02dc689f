"""`export --redact`: every person and place the selection knows, gone from every format."""

from __future__ import annotations

import html
import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import make_session
from labels import PERSON, PLACE, uncoded
from reflect_cli.model import (
    Action,
    AnswerRecord,
    Choice,
    DomainRecord,
    Kind,
    Note,
    Participant,
    ProtocolRef,
    Rating,
    RoundKind,
    Scale,
    Session,
)
from reflect_cli.render import export as exporting

#: "Northgate PTA" redacted: "Northgate" is the collaborative's (Northgate Elementary OST).
PTA = rf"Collaborative {PLACE} PTA"
ZOE_DECOMPOSED = "Zoe\u0308"

LEAKS = [
    "Monica", "Haugen", "Kwame", "Mensah", "kwame", "Alex", "Rivera", "Zoë", "Zoe", "Yılmaz",
    "Yilmaz", "O’Neil", "O'Neil", "Neil", "López", "Lopez", "Ana", "María", "Maria", "monika",
    "Shana", "Beckwith", "mh", "Shana’s Place",
]  # fmt: skip


#: Cyrillic and Greek letters a reader takes for Latin ones, and the Latin letter.
LOOKALIKES = {"а": "a", "е": "e", "о": "o", "с": "c", "р": "p", "К": "K", "М": "M"}
LOOKALIKES |= {"Н": "H", "Т": "T", "В": "B", "У": "Y", "α": "a", "ο": "o", "Μ": "M"}
LOOKALIKES |= {"Ζ": "Z", "Κ": "K", "Β": "B", "Υ": "Y"}


def lookalike(name: str, greek: bool) -> str:
    """A name typed with Cyrillic or Greek letters that look like its Latin ones."""
    back = {latin: other for other, latin in LOOKALIKES.items() if (other >= "\u0400") != greek}
    back |= {latin: other for other, latin in LOOKALIKES.items() if latin not in back}
    return "".join(back.get(c, c) for c in name)


#: Letters that show nothing (not format characters): Hangul fillers, Khmer inherent vowels.
SHOW_NOTHING = "\u115f\u1160\u3164\uffa0\u17b4\u17b5"


def folded(text: str) -> str:
    """The test's own folding: no accents, one apostrophe, one case, dotless i as i, no
    invisible (format) characters, "_" as a space, look-alike letters as the Latin."""
    text = "".join(LOOKALIKES.get(c, c) for c in text)
    text = unicodedata.normalize("NFKD", text.replace("’", "'").replace("ı", "i"))
    text = "".join(c for c in text if unicodedata.category(c) not in ("Cf", "Mn", "Me"))
    text = "".join(c for c in text if c not in SHOW_NOTHING)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold().replace("_", " ")


#: Endings other languages give a family name, as the test plants them (folded).
ENDINGS = ["ova", "ovou", "in", "ille", "em"]


def spelled_whole(text: str) -> str:
    """Words spelled out letter by letter read whole, as a reader reads them: "M o n i c
    a" and "H-a-u-g-e-n" are "Monica" and "Haugen"."""
    return re.sub(
        r"(?<!\w)\w(?:[ .\-]{1,2}\w(?!\w)){2,}", lambda m: re.sub(r"[ .\-]", "", m[0]), text
    )


def leaked(out: str, names: list[str], endings: bool = False) -> list[str]:
    """The names a reader finds in ``out``; ``endings``: with another language's ending
    too ("Haugenová")."""
    # Emphasis marks do not hide a name from a reader ("*Mon*ica"), nor spaces.
    plain = folded(out.replace("\\", "").replace("*", "").replace("~", ""))
    plain = f"{plain}\n{spelled_whole(plain)}"
    after = f"(?:{'|'.join(ENDINGS)})?" if endings else ""
    return [n for n in names if re.search(rf"(?<!\w){re.escape(folded(n))}{after}(?!\w)", plain)]


def family_of(name: str) -> str:
    """The test's own idea of a family name that takes an ending: the last word, four
    letters or more, letters only."""
    last = name.split(" ")[-1]
    return last if len(name.split(" ")) > 1 and len(last) >= 4 and last.isalpha() else ""


@pytest.fixture
def partnership(sessions_dir: Path) -> list[str]:
    return two_sessions(sessions_dir)


def two_sessions(sessions_dir: Path) -> list[str]:
    """Two sessions of one collaborative named after a person; Kwame is only in the first
    and owns a commitment carried into the second; the second mentions everyone loosely."""
    place = {"collaborative": "Monica Haugen Family Collaborative", "site": "Shana’s Place"}
    first = make_session(
        sessions_dir,
        "partnership-reflection",
        date="2026-09-01",
        people=[
            "Monica Haugen | Seattle Parks and Recreation | Site lead | mh",
            "Kwame Mensah | Rainier Youth Soccer | Coach | kwame",
            "Zoë Yılmaz | Family Center | Parent | zy",
        ],
        answers={"shared-values": "mh: Kids first.\nkwame: Open gyms."},
        actions=[Action("Kwame shares the calendar", "kwame", "2026-10-01")],
        **place,
    )
    second = make_session(
        sessions_dir,
        "partnership-reflection",
        date="2026-10-01",
        people=[
            "Monica Haugen | Seattle Parks and Recreation | Site lead | mh",
            "Seán O’Neil | Northgate PTA | Parent | so",
            "Ana-María López | Rainier Beach High | Counselor | aml",
            f"{ZOE_DECOMPOSED} Yılmaz | Family Center | Parent | zy",
        ],
        answers={
            "shared-values": (
                "Kwame said the gym is open. Alex Rivera moderated.\n"
                "Zoe, ZOË and O'Neil agreed with Yilmaz and Lopez; Ana nodded.\n"
                "monika: a typo'd speaker\n"
                "In May we met at Shana's Place."
            ),
            "equity-issues": "so: We hear from Haugen most.",
        },
        actions=[Action("Ana-María López asks Kwame about May", "aml", "2026-12-01")],
        notes=[Note("Private: Monica seemed tired", "shared-values")],
        **place,
    )
    return [first, second]


def export(cli: Any, *args: str) -> Any:
    return cli("export", "--redact", *args)


@pytest.mark.parametrize("fmt", ["md", "html", "csv", "json"])
def test_redact_leaves_nobody_in_any_format(cli: Any, partnership: list[str], fmt: str) -> None:
    result = export(cli, "-f", fmt, "--include-private")
    assert result.exit_code == 0, result.stderr
    out = reader_text(result.stdout, fmt)
    assert leaked(out, LEAKS) == []
    assert "In May we met" in out
    assert re.search(rf"Collaborative {PLACE}\b", out) and re.search(rf"Site {PLACE}\b", out)
    assert all(sid not in out for sid in partnership)
    assert "Seattle Parks and Recreation (Site lead)" in uncoded(out)
    assert "Rainier Youth Soccer (Coach)" in uncoded(out)  # Kwame, in the first session only


def test_a_redacted_csv_says_so_on_every_row(cli: Any, partnership: list[str]) -> None:
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(export(cli, "-f", "csv").stdout)))
    assert rows and {r["redacted"] for r in rows} == {"yes"}
    plain = list(csv.DictReader(io.StringIO(cli("export", "-f", "csv").stdout)))
    assert {r["redacted"] for r in plain} == {"no"}
    assert len(plain) == len(rows) and list(rows[0]) == list(plain[0])


def test_redacted_json_keeps_structure(cli: Any, partnership: list[str]) -> None:
    records = json.loads(export(cli, "-f", "json").stdout)
    # Data: each session by its stable id from the key (documents say "Session 1").
    ids = [r["id"] for r in records]
    assert all(re.fullmatch(r"session-(?:[a-z]\d){3}", i) for i in ids) and len(set(ids)) == 2
    carried = records[1]["follow_up"][0]
    # Kwame, not at the second meeting, is on its roster as not present (his regrets):
    # the owner is his pseudonym there, shown by his label.
    regrets = [p for p in records[1]["participants"] if not p["present"]]
    assert [(uncoded(p["name"]), p["handle"]) for p in regrets] == [
        ("Rainier Youth Soccer (Coach)", carried["owner"])
    ]
    assert carried["from"] == ids[0]
    assert uncoded(carried["text"]) == "Rainier Youth Soccer (Coach) shares the calendar"
    assert records[0]["facilitator"] == ""
    answer = records[1]["domains"][0]["questions"][0]["answer"]
    assert "Participant: a typo'd speaker" in answer
    assert "Rainier Youth Soccer (Coach) said the gym is open. Facilitator moderated." in uncoded(
        answer
    )
    assert records[0]["redaction"].startswith("Redacted:")


def test_redacted_documents_say_so_at_the_top(cli: Any, partnership: list[str]) -> None:
    md = export(cli).stdout.splitlines()
    assert md[2].startswith("> Redacted:")
    html = export(cli, "-f", "html").stdout
    assert html.index('class="notice"') < html.index("<h2>")


def test_keep_places(cli: Any, partnership: list[str]) -> None:
    # The collaborative holds a person's name: keeping it would leak, so it is refused.
    result = export(cli, "--keep-places")
    assert result.exit_code == 2 and result.stdout == ""
    assert uncoded(result.stderr.strip().splitlines()[-1]) == (
        "reflect: --keep-places would leak a name: the collaborative of Session 1 holds the "
        "name of the person shown as Seattle Parks and Recreation (Site lead); run reflect "
        'export without --keep-places (it becomes "Collaborative" and "Site" with a code), or '
        "rename it in the record with `reflect edit`; nothing was written"
    )
    assert "Monica" not in result.stderr


def test_keep_places_without_names_keeps_them(cli: Any, sessions_dir: Path) -> None:
    make_session(sessions_dir, "partnership-reflection", answers={"shared-values": "jo: Yes."})
    result = export(cli, "--keep-places")
    assert result.exit_code == 0, result.stderr
    assert "Northgate Elementary OST, Northgate Elementary," in result.stdout
    assert "Collaborative " not in result.stdout and "Jo Park" not in result.stdout


def test_refused_export_writes_nothing(cli: Any, partnership: list[str], tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    assert export(cli, "--keep-places", "-o", str(target)).exit_code == 2
    assert not target.exists()


def test_may_survives_when_nobody_is_called_may(cli: Any, sessions_dir: Path) -> None:
    make_session(
        sessions_dir,
        "partnership-reflection",
        people=["May Chen | Northgate PTA | Parent | mc", "Hope Diaz | Library | Staff | hd"],
        answers={"shared-values": "In May we met. May Chen spoke; Diaz, Hope agreed.\nmay: yes"},
    )
    out = export(cli).stdout
    # (The PTA is named for the place: "Northgate" is the collaborative's.)
    assert "In May we met. Collaborative PTA (Parent) spoke; Library (Staff) agreed." in (
        uncoded(out)
    )
    assert "Collaborative PTA (Parent): yes" in uncoded(out)


INVISIBLE = [
    "Mon\u00adica Haugen",  # soft hyphen
    "Mon\u200bica",  # zero-width space
    "monica_haugen",
    "HAU\u2060GEN",  # word joiner
    "Moni\ufe0fca",  # variation selector
    "mh_notes",
    # Default-ignorable code points that are not format characters: Hangul fillers,
    # Khmer inherent vowels, the Mongolian vowel separator.
    "Mon\u115fica",
    "Mon\u1160ica",
    "Hau\u3164gen",
    "Hau\uffa0gen",
    "Mon\u17b4ica",
    "Mon\u17b5ica",
    "Hau\u180egen",
    # Letters spelled apart by no-break and other spaces.
    "M\u00a0o\u00a0n\u00a0i\u00a0c\u00a0a",
    "H\u202fa\u202fu\u202fg\u202fe\u202fn",
    "M\u3000o\u3000n\u3000i\u3000c\u3000a",
    "M\u200b o\u200b n\u200b i\u200b c\u200b a",
    # Words run together, with a character that shows nothing at the capital (found by
    # a tester: the hashtag was kept, "#TeamHaugen" replaced).
    "#Team\u200bHaugen",
    "#Team\u00adHaugen",
    "#Go\u2060Monica",
    # Letters spelled apart by tabs, dashes, or up to three separators (a tester's).
    "M\to\tn\ti\tc\ta",
    "M\u2010o\u2010n\u2010i\u2010c\u2010a",
    "M \u2013 o \u2013 n \u2013 i \u2013 c \u2013 a",
    "H   a   u   g   e   n",
]


@pytest.mark.parametrize("fmt", ["md", "html", "csv", "json"])
def test_names_written_with_invisible_characters_or_underscores(
    cli: Any, sessions_dir: Path, fmt: str
) -> None:
    make_session(
        sessions_dir,
        "partnership-reflection",
        people=["Monica Haugen | Seattle Parks and Recreation | Site lead | mh"],
        answers={"shared-values": "Thanks to " + ", ".join(INVISIBLE) + "."},
        actions=[Action("monica_haugen books the gym", "mh", "2026-10-01")],
    )
    result = export(cli, "-f", fmt)
    assert result.exit_code == 0, result.stderr
    assert leaked(reader_text(result.stdout, fmt), ["Monica", "Haugen", "mh"]) == []
    if fmt != "csv":  # CSV has no commitments
        assert "Seattle Parks and Recreation (Site lead) books the gym" in uncoded(result.stdout)


@pytest.mark.parametrize("hidden", INVISIBLE)
def test_the_check_after_rendering_sees_invisible_characters(hidden: str) -> None:
    session = Session(
        id="2026-09-01-x",
        protocol=ProtocolRef("tiny", 1, "Tiny"),
        collaborative="Northgate",
        site="",
        date="2026-09-01",
        status="complete",
        participants=[Participant("Monica Haugen", "Parks", "Lead", "mh")],
    )
    found = exporting.redactor([session])
    with pytest.raises(exporting.redact.RedactionError, match="line 2 of the md export"):
        found.check(f"fine\nsaid {hidden} today", "md")


def test_same_first_name_in_two_organizations(cli: Any, sessions_dir: Path) -> None:
    make_session(
        sessions_dir,
        "partnership-reflection",
        people=[
            "Ana Ruiz | Rainier Beach High | Counselor | ar",
            "Ana Soto | Library | Staff | as",
        ],
        answers={"shared-values": "Ana Ruiz and Ana Soto agreed; Ana left early."},
    )
    out = export(cli).stdout
    assert (
        "Rainier Beach High (Counselor) and Library (Staff) agreed; Participant left early."
        in uncoded(out)
    )


# -- property: random rosters over several sessions -----------------------------------

GIVEN = ["Zoë", "José", "Ana-María", "Seán", "Björn", "Chloé", "Kwame", "Siobhán", "Yusuf"]
FAMILY = ["O’Neil", "Yılmaz", "López", "de la Cruz", "Haugen", "Nakamura", "D'Angelo", "Müller"]
FAMILY += ["Wu", "Ng", "Xu"]  # two-letter family names
FAMILY += ["Chan", "Chang", "Chin", "Rand", "Mann"]  # the start of everyday words
ORGS = ["Parks Department", "Family Center", "Northgate PTA", "Library", ""]
ROLES = ["Parent", "Coach", "Director", ""]


#: Words that start like a family name of the rosters (Müller, Haugen, Nakamura, López)
#: or of the everyday-word fixtures, and are words: kept as said.
EVERYDAY = "We change the channel by chance at random; a ravine in China, a manner."


def variants(name: str, handle: str) -> list[str]:
    """Ways a name turns up in typed text."""
    given, *rest = name.split(" ")
    stripped = "".join(
        c for c in unicodedata.normalize("NFD", name) if not unicodedata.combining(c)
    ).replace("ı", "i")
    hidden = given[:2] + "\u00ad" + given[2:]  # a soft hyphen: invisible when printed
    return [
        name,
        given,
        hidden,
        given[:1] + "\u200b" + given[1:],  # a zero-width space
        given[:3] + "\ufe0f" + given[3:],  # a variation selector
        "_".join(stripped.lower().split()),  # monica_haugen
        f"{hidden} {rest[-1]}" if rest else hidden,
        rest[-1] if rest else given,
        given.split("-")[0],
        name.upper(),
        unicodedata.normalize("NFD", name),
        name.replace("’", "'").replace("'", "’"),
        stripped,
        f"{given}’s",
        handle,
        # An address, an initial run into the family name, endings typed without an
        # apostrophe, Markdown emphasis inside the name.
        f"{stripped[:1].lower()}{''.join(stripped.split()[-1:]).lower()}@parks.org",
        f"{given[:1].lower()}.{rest[-1].lower() if rest else given.lower()}",
        f"{rest[-1] if rest else given}s",
        f"{given}s",
        f"*{given[:2]}*{given[2:]}",
        f"**{rest[-1] if rest else given}**",
        # Letters that look Latin and are not: a Cyrillic "о", a Greek "α".
        lookalike(given, greek=False),
        lookalike(f"{given} {rest[-1]}" if rest else given, greek=True),
        # Spelled apart letter by letter; a domain named for the family; a family name
        # with another language's ending.
        " ".join(given),
        "-".join(rest[-1] if rest else given),
        ".".join(stripped.split()[0]),
        f"someone@{re.sub(r'[^a-z]', '', stripped.split()[-1].lower())}-family.org",
        *(f"{family_of(name)}{ending}" for ending in ("ová", "in", "ille") if family_of(name)),
    ]


@st.composite
def rosters(draw: st.DrawFn) -> tuple[list[tuple[str, str, str, str]], list[list[int]]]:
    count = draw(st.integers(2, 6))
    people = []
    for number in range(count):
        name = f"{draw(st.sampled_from(GIVEN))} {draw(st.sampled_from(FAMILY))}"
        handle = draw(st.text("qxzjkv", min_size=2, max_size=3)) + str(number)
        people.append((name, draw(st.sampled_from(ORGS)), draw(st.sampled_from(ROLES)), handle))
    sessions = draw(
        st.lists(
            st.lists(st.integers(0, count - 1), min_size=1, max_size=count, unique=True),
            min_size=2,
            max_size=4,
        )
    )
    return people, sessions


def build_sessions(
    people: list[tuple[str, str, str, str]], attendance: list[list[int]], seed: int
) -> list[Session]:
    import random

    chooser = random.Random(seed)
    built = []
    for index, present in enumerate(attendance):
        # Anyone who is in some session, in any session's text; the owner (maybe from a
        # session outside the selection) is known only by a handle.
        known = sorted({p for present in attendance for p in present})
        owner = people[chooser.randrange(len(people))][3]
        mentions = [chooser.choice(variants(people[p][0], people[p][3])) for p in known]
        mentions.append(owner)
        lines = [
            f"{people[p][3]}: we agree with {m}." for p, m in zip(present, mentions, strict=False)
        ]
        lines += ["In May we met.", f"{chooser.choice(['monika', 'Someone'])}: a stray prefix"]
        lines += [EVERYDAY]
        # A participant written in a script without spaces, named inside a sentence.
        lines += ["王芳说好。", "山田さんが来た。太郎くんも。"]
        lines += [f"Then {m} spoke" for m in mentions]
        session = Session(
            id=f"2026-0{index + 1}-01-{slug(people[0][0])}-x",
            protocol=ProtocolRef("tiny", 1, "Tiny"),
            collaborative=f"{people[0][0]} Collaborative",
            site="Northgate Elementary",
            date=f"2026-0{index + 1}-01",
            status="complete",
            facilitator=people[-1][0],
            participants=[
                *(Participant(*people[p]) for p in present),
                Participant("王芳", "Family Center", "Parent", "wf"),
                Participant("山田太郎", "Family Center", "Grandparent", "yt"),
            ],
            domains=[
                DomainRecord(
                    "d",
                    "Domain",
                    [
                        AnswerRecord(
                            "q", "What happened?", answer="\n".join(lines),
                            credits=[people[p][3] for p in present],
                        ),
                        AnswerRecord(
                            "m",
                            "Which?",
                            Kind.MULTI,
                            (Choice("A, with comma"), Choice("B")),
                            ["B"],
                        ),
                        AnswerRecord(
                            "r",
                            "How strong?",
                            Kind.SCALE,
                            scale=Scale(1, 5),
                            round=RoundKind.NAMED,
                            ratings=[Rating(3, people[p][3]) for p in present],
                            passed_by=[owner],
                            passed=1,
                        ),
                    ],
                )
            ],
            actions=[Action(f"{mentions[0]} calls {mentions[-1]}", owner)],
            follow_up=[
                Action(f"{mentions[-1]} shares", owner, origin="2026-00-01-old", note=mentions[0])
            ]
            if index
            else [],
            notes=[Note(f"{mentions[0]} was quiet", "q")],
        )  # fmt: skip
        built.append(session)
    return built


def slug(text: str) -> str:
    return re.sub(r"[^a-z]+", "-", folded(text)).strip("-")


def reader_text(document: str, fmt: str) -> str:
    """What a reader (or a program) sees: escapes undone, strings pulled out of JSON."""
    if fmt == "html":
        return html.unescape(document)
    if fmt == "md":
        return document.replace("\\", "")
    if fmt == "json":
        found: list[str] = []

        def walk(value: object) -> None:
            if isinstance(value, str):
                found.append(value)
            elif isinstance(value, list):
                for item in value:
                    walk(item)
            elif isinstance(value, dict):
                for key, item in value.items():
                    walk(key)
                    walk(item)

        walk(json.loads(document))
        return "\n".join(found)
    return document


def forbidden(people: list[tuple[str, str, str, str]], attendance: list[list[int]]) -> list[str]:
    words = {handle for _, _, _, handle in people}
    for name, _, _, _ in (people[p] for p in {p for present in attendance for p in present}):
        parts = re.split(r"[\s\-]+", name)
        for part in parts:
            for piece in (part, *re.split(r"['’]", part)):
                if sum(c.isalpha() for c in piece) > 2:
                    words.add(piece)
        # A two-letter family name, first or last ("Wu", "Ng").
        words.update(p for p in (parts[0], parts[-1]) if len(p) == 2 and p[0].isupper())
    return sorted(words)


def elsewhere(person: tuple[str, str, str, str]) -> Session:
    """A session of another collaborative, not selected: its one participant is known to
    the folder only through it."""
    return Session(
        id="2025-01-01-elsewhere-x",
        protocol=ProtocolRef("tiny", 1, "Tiny"),
        collaborative="Elsewhere",
        site="",
        date="2025-01-01",
        status="complete",
        participants=[Participant(*person)],
    )


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rosters(), st.integers(0, 10_000), st.sampled_from(GIVEN), st.sampled_from(FAMILY))
def test_redaction_property(
    roster: tuple[list[tuple[str, str, str, str]], list[list[int]]],
    seed: int,
    given_name: str,
    family: str,
) -> None:
    people, attendance = roster
    outsider = (f"{given_name} {family}", "Elsewhere Club", "Coach", "zzq9")
    mention = variants(outsider[0], outsider[3])[seed % len(variants(outsider[0], "zzq9"))]

    def selected() -> list[Session]:
        built = build_sessions(people, attendance, seed)
        question = built[-1].domains[0].questions[0]
        question.answer = f"{question.answer}\nWe met {mention} of another collaborative."
        return built

    for fmt in ("md", "html", "csv", "json"):
        found = exporting.redactor(selected(), [elsewhere(outsider)])
        options = exporting.Options(redact=True, include_private=True)
        document = "".join(exporting.render(selected(), fmt, options, found))
        text = reader_text(document, fmt)
        assert leaked(text, forbidden([*people, outsider], [*attendance, [len(people)]])) == [], fmt
        families = [family_of(name) for name, *_ in [*people, outsider] if family_of(name)]
        assert leaked(text, families, endings=True) == [], fmt
        # An address whose domain holds a name is that person's, as a whole.
        assert "family.org" not in text, fmt
        # Everyday words that start like a known family name stay as they were said.
        assert EVERYDAY in text, fmt
        assert "In May we met." in text
        assert "王芳" not in text and "说好。" in text, fmt
        assert "山田" not in text and "太郎" not in text and "が来た。" in text, fmt
        assert re.search(rf"Collaborative {PLACE}\b", text) and re.search(rf"Site {PLACE}\b", text)
        assert "monika" not in text and "Someone:" not in text


def test_people_of_the_collaboratives_other_sessions(cli: Any, partnership: list[str]) -> None:
    # Only the second session is exported; Kwame was only at the first, and is still known.
    result = export(cli, partnership[1])
    assert result.exit_code == 0, result.stderr
    assert leaked(reader_text(result.stdout, "md"), ["Kwame", "kwame", "Mensah"]) == []
    assert "Rainier Youth Soccer (Coach) said the gym is open" in uncoded(result.stdout)


def test_people_known_anywhere_in_the_folder(cli: Any, sessions_dir: Path) -> None:
    # Dana and Ines are on another collaborative's roster, Tomasz only in a draft: all
    # are known to the folder, so all are replaced.
    make_session(
        sessions_dir,
        "partnership-reflection",
        collaborative="Rainier Beach Partners",
        date="2026-08-01",
        people=["Dana Okafor | Boys and Girls Club | Director | dok", "Ines Varga | | | iv"],
        actions=[Action("Ines calls the district", "iv", "2026-09-01")],
    )
    make_session(
        sessions_dir,
        "partnership-reflection",
        collaborative="Lakewood",
        date="2026-08-02",
        status="draft",
        people=["Tomasz Wójcik | Lakewood Library | Librarian | tw"],
    )
    selected = make_session(
        sessions_dir,
        "partnership-reflection",
        date="2026-09-01",
        people=["Jo Park | Northgate PTA | Parent | jp"],
        answers={"shared-values": "jp: Dana Okafor, Ines and Tomasz Wojcik visited; Okafor spoke."},
    )
    result = export(cli, selected, "-f", "md")
    assert result.exit_code == 0, result.stderr
    text = reader_text(result.stdout, "md")
    assert leaked(text, ["Dana", "Okafor", "Ines", "Varga", "Tomasz", "Wójcik", "dok"]) == []
    # Lakewood, a collaborative of the folder's, is a place wherever it is written: in
    # an organization named for it too.
    assert (
        "Boys and Girls Club (Director), Participant and Collaborative Library (Librarian)"
        in uncoded(text)
    )
    assert "Rainier Beach" not in text and "Lakewood" not in text


def test_two_people_with_one_label_stay_two_and_a_shared_handle_is_this_sessions(
    cli: Any, sessions_dir: Path
) -> None:
    # Another collaborative has its own Lee (handle lee too): "lee:" here is this Lee.
    make_session(
        sessions_dir,
        "partnership-reflection",
        collaborative="Rainier Beach Partners",
        date="2026-08-01",
        people=["Lee Okafor | Library | Staff | lee"],
    )
    selected = make_session(
        sessions_dir,
        "partnership-reflection",
        date="2026-09-01",
        people=[
            "Lee Chen | Northgate PTA | Parent | lee",
            "Ana García | Northgate PTA | Parent | ana",
        ],
        answers={"shared-values": "lee: We agree.\nana: So do I; Lee Chen said so."},
    )
    text = export(cli, selected).stdout
    # Two parents of one PTA are two people: two codes. (The PTA is named for the place:
    # "Northgate" is the collaborative's, shown by its label.)
    both = re.search(rf"- {PTA} \(Parent ({PERSON})\)\n- {PTA} \(Parent ({PERSON})\)\n", text)
    assert both and both[1] != both[2]
    lee, ana = both[1], both[2]
    pta = re.search(PTA, text)
    assert pta is not None
    assert f"{pta[0]} (Parent {lee}): We agree." in text
    assert f"{pta[0]} (Parent {ana}): So do I; {pta[0]} (Parent {lee}) said so." in text


def test_redacted_session_table_has_no_empty_facilitator_column(
    cli: Any, partnership: list[str]
) -> None:
    text = export(cli).stdout
    assert "| Date | Collaborative | Site | Protocol | Status | Intro |" in text
    assert "Facilitator" not in text.split("## Who took part")[0]


def test_an_organization_that_names_someone_is_not_a_label(cli: Any, sessions_dir: Path) -> None:
    make_session(
        sessions_dir,
        "partnership-reflection",
        people=[
            "Monica Haugen | Seattle Parks and Recreation | Site lead | mh",
            "Jo Park | Monica Haugen Family Services | Parent | jp",
        ],
        answers={"shared-values": "jp: We agree."},
    )
    result = export(cli, "-f", "json")
    assert result.exit_code == 0, result.stderr
    people = json.loads(result.stdout)[0]["participants"]
    assert [uncoded(p["name"]) for p in people] == [
        "Seattle Parks and Recreation (Site lead)",
        "Participant",
    ]
    assert people[1]["organization"] == "" and "Monica" not in result.stdout


@given(
    before=st.sampled_from(["", "At ", "Nguyễn Thị Lan: at ", "Zoe\u0308 said "]),
    after=st.sampled_from([" met Monica today", ", monica_haugen wrote", " — Haugen’s plan"]),
)
def test_a_name_after_a_replaced_place_is_found_in_the_text_as_it_now_reads(
    before: str, after: str
) -> None:
    """A place replaced makes the text another: the names are looked for in that one
    (its own folding and positions), so each is replaced whole, wherever the label put it."""
    session = Session(
        id="2026-09-01-x",
        protocol=ProtocolRef("tiny", 1, "Tiny"),
        collaborative="Lake Hills Elementary Partnership",
        site="Lake Hills Elementary",
        date="2026-09-01",
        status="complete",
        participants=[
            Participant("Monica Haugen", "Parks", "Lead", "mh"),
            Participant("Nguyễn Thị Lan", "Hope Family Center", "Parent", "lan"),
            Participant("Zoë Park", "Parks", "Coach", "zp"),
        ],
    )
    found = exporting.redactor([session])
    shown = found.text(f"{before}Lake Hills Elementary{after}")
    site = found.place_label("Lake Hills Elementary")
    assert site in shown
    for name in ("Monica", "monica", "Haugen", "Lake Hills", "Nguyễn", "Lan", "Zoe"):
        assert name not in shown, (name, shown)
    person = found.label(found.names.terms["monica"].owners)
    assert shown.endswith(after.replace("Monica", person).replace("monica_haugen", person)
                          .replace("Haugen", person))  # fmt: skip


@pytest.mark.parametrize("suffix", [".zip", ".json", ".md"])
def test_people_named_in_other_scripts_do_not_stop_a_redacted_export(
    cli: Any, sessions_dir: Path, tmp_path: Path, suffix: str
) -> None:
    """Their handles (p1, p2…) are never a word of reflect's own output ("person-…" ids
    in the data package): the export is written, and no name of theirs is in it."""
    make_session(
        sessions_dir,
        "partnership-reflection",
        people=[
            "김지민 | Korean PTA | Parent",
            "فاطمة الزهراء | Library | Staff",
            "Ana Ruiz | Northgate PTA | Parent",
        ],
        answers={"shared-values": "ana: we agreed with 김지민 and فاطمة"},
    )
    target = tmp_path / f"out{suffix}"
    # No capital tells a name in those scripts: decided once (the export asked).
    done = cli("export", "--redact", "--name", "김지민", "--name", "فاطمة", "-o", str(target))
    assert done.exit_code == 0, done.stderr
    assert cli("check-names", str(target)).exit_code == 0


@pytest.mark.parametrize("dash", ["-", "\u2010", "\u2011", "\u2013", "\u2212"])
def test_a_name_parted_by_any_dash_is_one_label(cli: Any, sessions_dir: Path, dash: str) -> None:
    # "Jo‐Park" (U+2010) was two labels side by side where "Jo-Park" was one.
    make_session(
        sessions_dir,
        "partnership-reflection",
        people=["Jo Park | Northgate PTA | Parent", "Grace Kim | Library | Staff"],
        answers={"shared-values": f"We thanked Jo{dash}Park."},
    )
    out = uncoded(export(cli).stdout)
    assert "We thanked Collaborative PTA (Parent)." in out


@pytest.mark.parametrize(
    "line",
    [
        "We started.\u1680grace: we agreed.",
        "We started.\x1fgrace: we agreed.",
        "We began. grace\u1680: we agreed.",
        "We started.\u2800grace: we agreed.",
    ],
)
def test_a_speaker_prefix_after_any_space_is_the_person(
    cli: Any, sessions_dir: Path, line: str
) -> None:
    # An everyday word decided a word is still the person before a colon at a sentence's
    # start, whatever space stands by it (found by a tester: the ogham space mark, U+001F
    # and the braille blank hid the prefix).
    make_session(
        sessions_dir,
        "partnership-reflection",
        people=["Grace Kim | Family Council | Parent", "Jo Park | Northgate PTA | Parent"],
        answers={"shared-values": f"{line}\nWe have grace here."},
    )
    out = uncoded(export(cli, "--word", "Grace").stdout)
    assert "grace:" not in out.casefold().replace("\u1680", "").replace("\u2800", "")
    assert "Family Council (Parent)" in out
    assert "We have grace here." in out


def test_a_whole_name_wins_over_a_short_part_that_starts_it(cli: Any, sessions_dir: Path) -> None:
    # "Jo" (two letters, kept apart for its look-arounds) once matched before "Jo Park":
    # Jo and Park were labelled apart, Jo as whoever else is called Jo (a tester's
    # "Person5 Testerson" showed another person's code for the family name).
    make_session(
        sessions_dir,
        "partnership-reflection",
        people=["Jo Park | Northgate PTA | Parent", "Jo Smith | Library | Staff"],
        answers={"shared-values": "We thanked Jo Park today."},
    )
    out = uncoded(export(cli).stdout)
    assert "We thanked Collaborative PTA (Parent) today." in out


@pytest.mark.parametrize("mark", ["> ", ">> ", "| ", "# "])
def test_a_speaker_prefix_in_a_quotation_or_heading_is_the_person(
    cli: Any, sessions_dir: Path, mark: str
) -> None:
    # Found by a tester: "> grace: we agreed" (a quoted line) was kept, asked nothing.
    make_session(
        sessions_dir,
        "partnership-reflection",
        people=["Grace Kim | Family Council | Parent", "Jo Park | Northgate PTA | Parent"],
        answers={"shared-values": f"Notes:\n{mark}grace: we agreed to share the gym"},
    )
    out = uncoded(export(cli).stdout)
    assert "Family Council (Parent): we agreed" in out
    assert "grace:" not in out.casefold()


def test_an_everyday_word_with_a_digit_stuck_to_it_is_a_handle(
    cli: Any, sessions_dir: Path
) -> None:
    # "hope2", as "monica2": a handle, not the word (found by a tester).
    make_session(
        sessions_dir,
        "partnership-reflection",
        people=["Hope Diaz | Family Council | Parent | hope", "Jo Park | Northgate PTA | Parent"],
        answers={"shared-values": "We saw hope2 and 2hope today; we hope so."},
    )
    result = export(cli)
    assert result.exit_code == 0, result.stderr
    out = uncoded(result.stdout)
    assert "hope2" not in out and "2hope" not in out
    assert "we hope so." in out


def test_a_notes_heading_before_a_colon_is_kept_a_mistyped_name_is_not(
    cli: Any, sessions_dir: Path
) -> None:
    # A tester's: "Agenda:", "Update:", "Time:" at a line's start all became
    # "Participant:", which destroys the notes; a mistyped speaker still must not show.
    make_session(
        sessions_dir,
        "partnership-reflection",
        people=["Monica Haugen | Parks | Site lead", "Jo Park | Northgate PTA | Parent"],
        answers={
            "shared-values": (
                "Agenda: budget and calendar.\nUpdate: the gym is open.\nTime: 3:30 pm.\n"
                "Roster: see the sheet.\nChildcare: in room 2.\nZoom: the usual link.\n"
                "Monika: a typo'd speaker.\nmonica: the gym."
            )
        },
    )
    out = uncoded(export(cli).stdout)
    assert "Agenda: budget and calendar." in out and "Update: the gym is open." in out
    assert "Time: 3:30 pm." in out and "Roster: see the sheet." in out
    assert "Childcare: in room 2." in out and "Zoom: the usual link." in out
    assert "Participant: a typo'd speaker." in out and "Monika" not in out
    assert "Parks (Site lead): the gym." in out


@pytest.mark.parametrize(
    "said", ["Ms. Garcia and Mr. Brown will co-host.", "Thanks, Coach Hope!", "Dr. May spoke."]
)
def test_an_everyday_word_after_a_title_is_the_name(said: str) -> None:
    # A tester's: "Mr. Brown" stopped the export to ask about "Brown" (the dot after
    # "Mr" read as a sentence's end); after a title a word is a name.
    from conftest import redactor_of

    found = redactor_of("Maria Garcia", "Michael Brown", "Hope Diaz", "May Chen")
    shown = found.text(said)
    assert found.undecided == []
    assert not {"Brown", "Hope", "May", "Garcia"} & set(re.findall(r"\w+", shown)), shown


@pytest.mark.parametrize(
    "said",
    ["The Kims are hosting the potluck.", "The Alis' house hosted.", "We thank the Lees."],
)
def test_a_three_letter_family_name_in_the_plural_after_the_is_the_family(said: str) -> None:
    # A tester's: "the Kims", "the Lees" were kept (a plural counts only from four
    # letters: "this" is not Thị's); after "the", capitalised, it is the family.
    from conftest import redactor_of

    found = redactor_of("David Kim", "Fatima Ali", "Grace Lee", "Nguyễn Thị Lan")
    shown = found.text(said)
    assert not {"Kims", "Alis", "Lees"} & set(re.findall(r"\w+", shown)), shown
    assert found.text("Yes, this took 10 mins; the kims") == "Yes, this took 10 mins; the kims"
