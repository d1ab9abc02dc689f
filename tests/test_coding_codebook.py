"""The codebook: validated at load with one line naming file and line; hostile YAML
bounded as records are; the starter codebook quotes the seeds exactly."""

from __future__ import annotations

import os
import re
import stat
import textwrap
from pathlib import Path

import pytest

from conftest import BOMB
from reflect_cli.coding import codebook, codings, starter
from reflect_cli.coding.codebook import Code
from reflect_cli.coding.passages import Address
from reflect_cli.errors import InputError, StoreError

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def _write(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "codebook.yaml"
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


GOOD = """
    codebook: 1
    codes:
      - id: trust
        name: Trust
        colour: "#2A7AB0"
        keywords: [trust, relationship]
      - id: trust-repair
        name: Trust repaired
        parent: trust
"""


def test_a_codebook_loads_typed(sessions_dir: Path) -> None:
    _write(sessions_dir, GOOD)
    book = codebook.load(sessions_dir)
    assert book.ids == ("trust", "trust-repair")
    assert book.codes[0].colour == "#2a7ab0" and book.codes[0].keywords == ("trust", "relationship")
    assert book.depth(book.codes[1]) == 1
    assert book.find("TRUST repaired") == book.codes[1] and book.find("nope") is None


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("codes:\n  - id: Trust\n    name: T\n", 2, "lowercase"),
        ("codes:\n  - id: a\n    name: A\n  - id: a\n    name: B\n", 4, "earlier code"),
        ("codes:\n  - id: a\n    name: Same\n  - id: b\n    name: same\n", 5, "already the name"),
        ("codes:\n  - id: a\n    name: A\n    parent: b\n", 4, "not a code"),
        ("codes:\n  - id: a\n    name: A\n    parent: b\n  - id: b\n    name: B\n    parent: a\n",
         4, "own ancestor"),
        ("codes:\n  - id: a\n    name: A\n    colour: red\n", 4, "colour"),
        ("codes:\n  - id: a\n    nme: A\n", 3, "unknown key"),
        ("codes:\n  - id: a\n", 2, "missing 'name'"),
        ("codes:\n  - id: a\n    name: A\n  - id: a\n    name: A\n", 4, "earlier code"),
        ("codes:\n  - id: a\n    name: !!python/object:os.system x\n", 3, "tag"),
        ("codes: [1\n", 2, "syntax"),
        ("codes:\n  - id: a\n    name: A\n    name: B\n", 4, "duplicate"),
    ],
)  # fmt: skip
def test_each_problem_is_one_line_with_file_and_line(
    sessions_dir: Path, text: str, line: int, words: str
) -> None:
    path = _write(sessions_dir, text)
    with pytest.raises(InputError) as caught:
        codebook.load(sessions_dir)
    message = str(caught.value)
    assert "\n" not in message and message.startswith(f"{path}:{line}")
    assert words in message


def test_hostile_files_are_refused_without_hanging(sessions_dir: Path) -> None:
    _write(sessions_dir, BOMB)
    with pytest.raises(InputError):
        codebook.load(sessions_dir)
    _write(sessions_dir, "codes:\n" + "  " * 0 + "[" * 5000 + "]" * 5000 + "\n")
    with pytest.raises(InputError):
        codebook.load(sessions_dir)
    path = sessions_dir / "codebook.yaml"
    path.unlink()
    os.mkfifo(path)  # a FIFO: refused at once, never read (which would block)
    with pytest.raises(InputError, match="not read"):
        codebook.load(sessions_dir)
    path.unlink()
    target = sessions_dir.parent / "elsewhere.yaml"
    target.write_text(GOOD, encoding="utf-8")
    path.symlink_to(target)
    with pytest.raises(InputError, match="link"):
        codebook.load(sessions_dir)


def test_the_codebook_is_no_record(sessions_dir: Path, cli) -> None:  # type: ignore[no-untyped-def]
    from conftest import make_session

    make_session(sessions_dir, "partnership-reflection")
    _write(sessions_dir, GOOD)
    result = cli("list")
    assert result.exit_code == 0 and "codebook" not in result.stderr


def test_written_files_are_owner_only_and_never_through_a_link(sessions_dir: Path) -> None:
    sessions_dir.mkdir()
    path = codebook.save(sessions_dir, starter.CODES)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    mine = codings.Codings("ana")
    mine.put(codings.Coding(Address("s", "q", 1), "f", ("turnover",)))
    written = codings.save(sessions_dir, mine)
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    assert codings.load(sessions_dir, "ana").by_address == mine.by_address
    # A codings folder that is a link elsewhere is refused, nothing written there.
    elsewhere = sessions_dir.parent / "elsewhere"
    elsewhere.mkdir()
    (sessions_dir / "codings" / "ana.yaml").unlink()
    (sessions_dir / "codings").rmdir()
    (sessions_dir / "codings").symlink_to(elsewhere)
    with pytest.raises((StoreError, InputError), match=r"symbolic link|not a folder"):
        codings.save(sessions_dir, mine)  # refused, this run's codings kept aside
    assert list(elsewhere.iterdir()) == []


def test_a_coder_name_names_only_a_file_in_codings(sessions_dir: Path) -> None:
    for bad in ("../x", "a/b", "", ".hidden", "x" * 41, "ana k"):
        with pytest.raises(InputError):
            codings.path_of(sessions_dir, bad)
    assert codings.path_of(sessions_dir, "Ana-K").name == "ana-k.yaml"


def test_a_codings_file_is_validated_with_its_line(sessions_dir: Path) -> None:
    folder = sessions_dir / "codings"
    folder.mkdir(parents=True)
    (folder / "ana.yaml").write_text(
        "codings:\n  - passage: s/q/1\n    codes: [a]\n  - passage: nowhere\n", encoding="utf-8"
    )
    with pytest.raises(InputError, match=r"ana.yaml:4: codings\[1\].passage"):
        codings.load(sessions_dir, "ana")


def _seed_text() -> str:
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    return " ".join(text.split())


def test_the_starter_codebook_quotes_the_seeds_exactly() -> None:
    seeds = _seed_text()
    assert len(starter.CODES) == 10
    for code in starter.CODES:
        quotes = re.findall(r"“([^”]+)”", code.description)
        assert quotes, code.id
        for quote in quotes:
            assert " ".join(quote.split()) in seeds, quote
    codebook.decode(codebook.to_data(starter.CODES))  # valid as written


def test_add_refuses_what_a_reader_would_refuse(sessions_dir: Path) -> None:
    sessions_dir.mkdir()
    codebook.add(sessions_dir, Code("trust", "Trust"))
    with pytest.raises(InputError, match=r"codebook\.yaml"):
        codebook.add(sessions_dir, Code("sub", "Sub", parent="missing"))
    assert codebook.load(sessions_dir).ids == ("trust",)
