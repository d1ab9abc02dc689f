"""Names disguised from a reader's eye but not from a reader: letters that look Latin and
are not (Latin small capitals, Cherokee, Armenian, any letter Unicode's confusables data
gives a Latin prototype). ``--redact`` replaces them in every format and ``check-names``
finds them, with the one matching both use."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import make_session, redactor_of
from reflect_cli.folding import fold
from reflect_cli.look_alikes import ALTERNATES, LOOK_ALIKES
from reflect_cli.model import Participant, ProtocolRef, Session
from reflect_cli.render import export as exporting
from reflect_cli.render.export.disguised import SPELLED_ANYWHERE, SPELLED_IN_LATIN1, beyond_ascii

PEOPLE = ["Monica Haugen | Seattle Parks and Recreation | Site lead | mh"]

#: What a security tester typed: small capitals (U+1D00 block, ʜ, ɢ, ɴ, ɪ), a Cherokee
#: Ꮇ, an Armenian օ and ա.
LOOK_ALIKE_LEAKS = ["ᴍᴏɴɪᴄᴀ ʜᴀᴜɢᴇɴ", "Ꮇonica", "Mօnica Hաugen"]


def _redactor() -> Any:
    people = [Participant("Monica Haugen", "Parks", "Lead", "mh")]
    session = Session(
        id="2026-09-01-x",
        protocol=ProtocolRef("tiny", 1, "Tiny"),
        collaborative="Northgate",
        date="2026-09-01",
        status="complete",
        participants=people,
    )
    return exporting.redactor([session])


REDACTOR = _redactor()


def _no_name(text: str) -> bool:
    """Neither part of the name, read as a reader reads the letters."""
    read = fold(text.translate(str.maketrans(ALTERNATES)))
    return "monica" not in read and "haugen" not in read and "hwugen" not in read


#: For each letter of the name, the letters a reader takes for it.
_TAKEN_FOR: dict[str, list[str]] = {}
for _char, _latin in [*LOOK_ALIKES.items(), *ALTERNATES.items()]:
    _TAKEN_FOR.setdefault(_latin.lower(), []).append(_char)


@st.composite
def disguised(draw: st.DrawFn, name: str = "Monica Haugen") -> str:
    """The name with some of its letters swapped for look-alikes, in its case or not."""
    out = []
    for char in name:
        others = _TAKEN_FOR.get(char.lower(), [])
        if others and draw(st.booleans()):
            out.append(draw(st.sampled_from(others)))
        else:
            out.append(char)
    return "".join(out)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(
    typed=disguised(),
    before=st.sampled_from(["", "Thanks to ", "(", "- "]),
    after=st.sampled_from(["", " said so.", ")", "\n"]),
)
def test_any_look_alike_of_a_known_name_is_found_and_replaced(
    typed: str, before: str, after: str
) -> None:
    """Whatever letters of the name are swapped for any letter the table says looks like
    them, the check after rendering stops on it and the redactor leaves no part of it."""
    text = f"{before}{typed}{after}"
    with pytest.raises(exporting.redact.RedactionError):
        REDACTOR.check(f"fine\n{text}", "md")
    assert _no_name(REDACTOR.text(text)), REDACTOR.text(text)


@pytest.mark.parametrize("typed", LOOK_ALIKE_LEAKS)
def test_the_testers_look_alikes_are_found_by_check_names(
    cli: Any, sessions_dir: Path, tmp_path: Path, typed: str
) -> None:
    make_session(sessions_dir, "partnership-reflection", people=PEOPLE, answers={})
    document = tmp_path / "notes.txt"
    document.write_text(f"Notes\nThanks to {typed} for the gym.\n", encoding="utf-8")
    found = cli("check-names", str(document))
    assert found.exit_code == 2, found.stdout + found.stderr
    (place,) = [line for line in found.stdout.splitlines() if line]
    assert place.startswith(f"{document}:2: ") and "a person" in place


def _written(target: Path) -> str:
    """Every text a written export holds, its zip members too."""
    if zipfile.is_zipfile(target):
        with zipfile.ZipFile(target) as archive:
            return "\n".join(archive.read(n).decode("utf-8") for n in archive.namelist())
    if target.is_dir():
        return "\n".join(p.read_text(encoding="utf-8") for p in sorted(target.rglob("*.*")))
    return target.read_text(encoding="utf-8")


@pytest.mark.parametrize("suffix", ["md", "html", "csv", "json", "qdpx", "zip"])
def test_the_testers_look_alikes_are_replaced_in_every_format(
    cli: Any, sessions_dir: Path, tmp_path: Path, suffix: str
) -> None:
    make_session(
        sessions_dir,
        "partnership-reflection",
        people=PEOPLE,
        answers={"shared-values": "\n".join(f"Thanks to {t}." for t in LOOK_ALIKE_LEAKS)},
    )
    target = tmp_path / f"export.{suffix}"
    made = cli("export", "--redact", "-o", str(target))
    assert made.exit_code == 0, made.stderr
    out = _written(target)
    if suffix == "json":
        out = json.dumps(json.loads(out), ensure_ascii=False)
    assert "Thanks to" in out
    assert _no_name(out)
    for typed in LOOK_ALIKE_LEAKS:
        assert typed not in out


#: Every bidirectional embedding, override, isolate and pop: none reaches a document raw.
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


@pytest.mark.parametrize("redact", [False, True])
@pytest.mark.parametrize("suffix", ["md", "html", "csv", "json", "qdpx", "zip"])
def test_no_export_holds_a_bidirectional_control(
    cli: Any, sessions_dir: Path, tmp_path: Path, suffix: str, redact: bool
) -> None:
    """An answer holding "\\u202eacinoM\\u202c" shows "Monica": every format shows the
    controls as escapes (the project's sources too), redacted or not."""
    make_session(
        sessions_dir,
        "partnership-reflection",
        people=PEOPLE,
        answers={"shared-values": "We thank \u202eacinoM\u202c.\nAll: " + BIDI + " ok"},
    )
    target = tmp_path / f"export.{suffix}"
    made = cli("export", *(["--redact"] if redact else []), "-o", str(target))
    assert made.exit_code == 0, made.stderr
    out = _written(target)
    assert "We thank" in out
    assert not set(BIDI) & set(out)
    if redact:
        assert "acinoM" not in out


@st.composite
def overridden(draw: st.DrawFn) -> tuple[str, str]:
    """Text holding a known name typed backwards after a right-to-left override, ended
    by a pop, an isolate's pop, the line's end or the text's; and the name."""
    name = draw(st.sampled_from(["Monica", "Haugen", "Monica Haugen", "MONICA"]))
    end = draw(st.sampled_from(["\u202c", "\u2069", "\n", ""]))
    before = draw(st.sampled_from(["", "We thank ", "x\n", "(", "\u202b"]))
    after = draw(st.sampled_from(["", " for the gym.", ")"])) if end else ""
    return f"{before}\u202e{name[::-1]}{end}{after}", name


@settings(max_examples=200)
@given(overridden())
def test_a_name_drawn_backwards_by_an_override_is_found_and_replaced(
    given_text: tuple[str, str],
) -> None:
    text, name = given_text
    with pytest.raises(exporting.redact.RedactionError):
        REDACTOR.check(f"fine\n{text}", "md")
    shown = REDACTOR.text(text)
    assert name[::-1] not in shown and fold(name) not in fold(shown)


def test_a_name_drawn_backwards_is_found_by_check_names(
    cli: Any, sessions_dir: Path, tmp_path: Path
) -> None:
    make_session(sessions_dir, "partnership-reflection", people=PEOPLE, answers={})
    document = tmp_path / "notes.txt"
    document.write_text("Notes\nThanks to \u202eacinoM\u202c for the gym.\n", encoding="utf-8")
    found = cli("check-names", str(document))
    assert found.exit_code == 2, found.stdout + found.stderr
    (place,) = [line for line in found.stdout.splitlines() if line]
    assert place.startswith(f"{document}:2: ") and "a person" in place


@st.composite
def percent_encoded(draw: st.DrawFn) -> tuple[str, str]:
    """A URL spelling a known name with some of its characters percent-encoded (as
    UTF-8, in either case of hex, once or twice), and the name."""
    name = draw(st.sampled_from(["Monica", "Haugen", "Monica-Haugen", "Mónica", "monica"]))
    out = []
    for char in name:
        if draw(st.booleans()):
            escaped = "".join(f"%{byte:02X}" for byte in char.encode("utf-8"))
            escaped = escaped.lower() if draw(st.booleans()) else escaped
            out.append(escaped.replace("%", "%25") if draw(st.booleans()) else escaped)
        else:
            out.append(char)
    if out == list(name):
        out[0] = f"%{ord(name[0]):02X}"
    url = draw(st.sampled_from(["https://ex.org/", "http://x.test/p?q=", "", "www.ex.org/a/"]))
    before = draw(st.sampled_from(["", "see ", "(", "[link]("]))
    after = draw(st.sampled_from(["", " today", ")", "/x.html", "&b=1"]))
    return f"{before}{url}{''.join(out)}{after}", name


@settings(max_examples=300)
@given(percent_encoded())
def test_a_percent_encoded_name_is_found_and_the_run_replaced(
    given_text: tuple[str, str],
) -> None:
    text, name = given_text
    with pytest.raises(exporting.redact.RedactionError):
        REDACTOR.check(f"fine\n{text}", "md")
    asked = len(REDACTOR.undecided)
    shown = REDACTOR.text(text)
    if len(REDACTOR.undecided) > asked:
        return  # "monica" in lower case: the export stops and asks, as anywhere
    decoded = fold(unquote(unquote(shown)))
    assert not any(part in decoded for part in fold(name).split("-")), shown
    assert "%" not in shown  # the whole run is the label


def test_a_percent_encoded_name_is_found_by_check_names_and_replaced_in_every_format(
    cli: Any, sessions_dir: Path, tmp_path: Path
) -> None:
    url = "https://ex.org/%4Donica-%48augen"
    make_session(
        sessions_dir,
        "partnership-reflection",
        people=PEOPLE,
        answers={"shared-values": f"See {url} for the plan. 100% agreed, 50%25 off."},
    )
    document = tmp_path / "notes.txt"
    document.write_text(f"Notes\nSee {url}.\n", encoding="utf-8")
    found = cli("check-names", str(document))
    assert found.exit_code == 2, found.stdout + found.stderr
    (place,) = [line for line in found.stdout.splitlines() if line]
    assert place.startswith(f"{document}:2: ") and "a person" in place
    for suffix in ["md", "html", "csv", "json", "qdpx", "zip"]:
        target = tmp_path / f"export.{suffix}"
        made = cli("export", "--redact", "-o", str(target))
        assert made.exit_code == 0, made.stderr
        out = _written(target)
        assert "for the plan" in out and "100% agreed" in out, suffix
        assert "%4Donica" not in out and "%48augen" not in out, suffix


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        st.characters(codec=None, exclude_categories=()),
        max_size=40,
    )
    | st.lists(st.sampled_from(["a", "é", "\u202e", "ǀ", "\ud800", "李", "\U0001f600"])).map(
        "".join
    )
)
def test_the_characters_beyond_ascii_are_found_whatever_the_text(text: str) -> None:
    # What marks a look-alike or an override is looked for among them alone.
    assert beyond_ascii(text) == "".join(c for c in text if ord(c) > 127)


_LATIN1_PIECES = st.sampled_from(
    [
        "M",
        "o",
        "n",
        "a",
        "É",
        "é",
        "ß",
        "ÿ",
        " ",
        "\xa0",
        "\xad",
        "-",
        ".",
        "·",
        "*",
        "_",
        "~",
        ",",
        "1",
        "\t",
        "\n",
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(_LATIN1_PIECES, max_size=24).map("".join)
    | st.text(st.characters(max_codepoint=0xFF), max_size=30)
)
def test_a_text_of_latin1_letters_is_read_alike_by_the_faster_patterns(text: str) -> None:
    # Words spelled apart are found in a text of Latin-1 characters by a pattern of
    # Latin-1 classes: exactly where the whole one finds them.
    def spans(pattern: re.Pattern[str]) -> list[tuple[int, int]]:
        return [m.span() for m in pattern.finditer(text)]

    assert spans(SPELLED_IN_LATIN1) == spans(SPELLED_ANYWHERE)


#: Pieces of text around letters spelled apart: single letters (Latin-1 and beyond),
#: every kind of separator (Latin-1 ones, an en dash, a zero-width space, an ideographic
#: space), words, digits and symbols beyond Latin-1 ("⚑", "李").
_SPELLED_PIECES = st.sampled_from(
    [
        *("M", "o", "é", "ễ", "Ж", "a", "I"),
        *(" ", "  ", ".", "-", "*", "\t", "\xa0", "\xad", "–", "\u200b", "\u3000", "·"),
        *("has", "Monica", "1", "⚑", "李", ",", "\n", "x"),
    ]
)


@settings(max_examples=500, deadline=None)
@given(
    st.lists(_SPELLED_PIECES, max_size=24).map("".join)
    | st.text(max_size=30)
    | st.lists(st.characters(min_codepoint=0x100), min_size=17, max_size=30).map(" a b c ".join)
)
@example("B - e - c - k")  # three separators apart
@example("M\u200b o\u200b n.")  # separators beyond Latin-1
@example("has a majority")  # a letter alone, then a word: not spelled apart
@example("M M M⚑")  # a symbol beyond Latin-1 right after: not a letter
def test_the_quick_look_for_letters_spelled_apart_misses_none(text: str) -> None:
    # The text's shape is looked at first (in C): it may only say "none" where the
    # pattern finds none.
    from reflect_cli.render.export.disguised import marks

    assert marks(text).spelled == (SPELLED_ANYWHERE.search(text) is not None)


@pytest.mark.parametrize("written", ["L e e🎉", "L e e⚑ said", "L-e-e🙂"])
def test_a_short_name_spelled_apart_before_a_symbol_is_replaced(written: str) -> None:
    shown = redactor_of("Ana Lee").text(written)
    assert "L e e" not in shown and "L-e-e" not in shown, shown


@pytest.mark.parametrize("written", ["🅜🅞🅝🅘🅒🅐 said", "Thanks 🅼🅾🅽🅸🅲🅰!", "⒨⒪⒩⒤⒞⒜ ⒣⒜⒰⒢⒠⒩"])
def test_a_name_in_letters_drawn_inside_shapes_is_replaced(written: str) -> None:
    found = redactor_of("Monica Haugen")
    shown = found.text(written)
    assert "monica" not in fold(shown) and "haugen" not in fold(shown), shown
    with pytest.raises(exporting.redact.RedactionError):
        found.check(f"fine\n{written}", "md")
