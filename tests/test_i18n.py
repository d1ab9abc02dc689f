"""Languages: BCP 47 tags, fingerprints, the program's words through gettext, and the
shipped catalogs (every message translated, the same placeholders, compiled as written)."""

from __future__ import annotations

import ast
import gettext
import io
import string
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reflect_cli.i18n import messages, tags
from reflect_cli.i18n.fingerprint import fingerprint

SRC = Path(__file__).resolve().parents[1] / "src" / "reflect_cli"
LOCALE = SRC / "locale"


@pytest.mark.parametrize(
    ("typed", "tag"),
    [
        ("es", "es"),
        ("ES-mx", "es-MX"),
        ("zh-hant-tw", "zh-Hant-TW"),
        ("so", "so"),
        ("am-ET", "am-ET"),
        ("vi", "vi"),
        ("es-419", "es-419"),
        ("sr-latn", "sr-Latn"),
        ("en-x-plain", "en-x-plain"),
    ],
)
def test_well_formed_tags_read_in_their_usual_case(typed: str, tag: str) -> None:
    assert tags.parse(typed) == tag


@pytest.mark.parametrize("typed", ["spanish", "es_MX", "e", "", "es-", "-es", "12", "es mx"])
def test_what_is_not_a_tag_is_refused(typed: str) -> None:
    with pytest.raises(ValueError, match="BCP 47"):
        tags.parse(typed)


_SUBTAG = st.from_regex(r"[a-z]{2,3}", fullmatch=True)
_REGION = st.from_regex(r"[A-Za-z]{2}|[0-9]{3}", fullmatch=True)
_SCRIPT = st.from_regex(r"[A-Za-z]{4}", fullmatch=True)


@given(_SUBTAG, st.none() | _SCRIPT, st.none() | _REGION)
def test_a_tag_read_again_is_itself(language: str, script: str | None, region: str | None) -> None:
    typed = "-".join(p for p in (language, script, region) if p)
    once = tags.parse(typed)
    assert tags.parse(once) == once
    assert once.lower() == typed.lower()


def test_lookup_falls_back_to_the_language_and_locales_read_as_tags() -> None:
    assert tags.lookup("es-MX", ["en", "es"]) == "es"
    assert tags.lookup("zh-Hant-TW", ["zh-Hant", "zh"]) == "zh-Hant"
    assert tags.lookup("vi", ["es"]) is None
    assert tags.from_locale("es_MX.UTF-8") == "es-MX"
    assert tags.from_locale("C.UTF-8") is None and tags.from_locale("POSIX") is None


def test_a_fingerprint_ignores_spacing_and_composition_but_not_words() -> None:
    text = "¿Qué valores compartimos?"
    assert fingerprint(text) == fingerprint("  ¿Qué   valores\ncompartimos? ")
    decomposed = "¿Que\u0301 valores compartimos?"
    assert fingerprint(decomposed) == fingerprint(text)
    assert fingerprint("¿Qué valores compartimos hoy?") != fingerprint(text)


def test_the_language_comes_from_the_option_then_reflect_lang_then_the_locale(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("REFLECT_LANG", "es")
    assert messages.wanted("vi") == "vi"
    assert messages.wanted() == "es"
    monkeypatch.delenv("REFLECT_LANG")
    for variable in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "es_MX.UTF-8")
    assert messages.wanted() == "es-MX"
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert messages.wanted() == "en"


def test_spanish_is_spoken_when_asked_english_otherwise_and_empty_stays_empty() -> None:
    assert messages.use("es-MX") == "es"
    assert messages._("Who took part") == "Quiénes participaron"
    assert messages.ngettext("{count} session", "{count} sessions", 2) == "{count} sesiones"
    assert messages._("") == ""
    assert messages.use("so") == "en"  # no Somali catalog: English, never a crash
    assert messages._("Who took part") == "Who took part"
    with messages.speaking("es"):
        assert messages._("Voices: {voices}") == "Voces: {voices}"
    assert messages._("Voices: {voices}") == "Voices: {voices}"


# -- the shipped catalogs ------------------------------------------------------------


def _catalog(language: str) -> object:
    from babel.messages.pofile import read_po

    with (LOCALE / language / "LC_MESSAGES" / "reflect.po").open("rb") as stream:
        return read_po(stream, locale=language)


def _extracted() -> set[str | tuple[str, ...]]:
    """Every message the package marks (``_``, ``N_``, ``ngettext``) and every command's
    docstring (its ``--help``), as Babel extracts them with ``babel.cfg``."""
    from babel.messages.extract import extract_from_dir
    from babel.messages.frontend import parse_mapping_cfg

    with (SRC.parents[1] / "babel.cfg").open() as stream:
        method_map, options_map = parse_mapping_cfg(stream)
    keywords = {"_": None, "N_": None, "ngettext": (1, 2)}
    found: set[str | tuple[str, ...]] = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(SRC), method_map, options_map, keywords=keywords, comment_tags=()
    ):
        found.add(message if isinstance(message, str) else tuple(message))
    found.discard("")
    return found


def test_spanish_is_shipped_compiled_in_the_package() -> None:
    assert messages.shipped() == ["es"]


@pytest.mark.parametrize("language", messages.shipped())
def test_every_marked_message_has_a_translation_in_each_shipped_catalog(language: str) -> None:
    catalog = _catalog(language)
    have = {m.id if isinstance(m.id, str) else tuple(m.id): m for m in catalog if m.id}  # type: ignore[attr-defined]
    missing = [m for m in _extracted() if m not in have]
    empty = [
        key
        for key, m in have.items()
        if not (all(m.string) if isinstance(m.string, tuple | list) else m.string)
        or "fuzzy" in m.flags
    ]
    assert not missing, f"not in the {language} catalog (run pybabel update): {missing}"
    assert not empty, f"untranslated or fuzzy in the {language} catalog: {empty}"


def _fields(text: str) -> list[str]:
    """A message's ``{placeholders}``, as ``str.format`` reads them (sorted)."""
    return sorted(name for _t, name, _s, _c in string.Formatter().parse(text) if name is not None)


@pytest.mark.parametrize("language", messages.shipped())
def test_every_translation_has_the_source_placeholders(language: str) -> None:
    wrong = []
    for message in _catalog(language):  # type: ignore[attr-defined]
        if not message.id:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        want = _fields(ids[-1])
        for said in strings:
            try:
                if _fields(said) != want:
                    wrong.append((ids[0], said))
            except ValueError:  # an unbalanced brace: format() would crash on it
                wrong.append((ids[0], said))
    assert not wrong


def test_a_placeholder_check_fails_on_a_changed_placeholder() -> None:
    # The check above would see a translator's slip: the test can fail.
    assert _fields("Voces: {voces}") != _fields("Voices: {voices}")
    with pytest.raises(ValueError):
        _fields("Voces: {voices")


@pytest.mark.parametrize("language", messages.shipped())
def test_the_compiled_catalog_is_the_catalog_as_written(language: str) -> None:
    """The .mo in the package says what the .po says (compile again: pybabel compile)."""
    from babel.messages.mofile import write_mo

    compiled = io.BytesIO()
    write_mo(compiled, _catalog(language))  # type: ignore[arg-type]
    compiled.seek(0)
    fresh = gettext.GNUTranslations(compiled)
    with (LOCALE / language / "LC_MESSAGES" / "reflect.mo").open("rb") as stream:
        shipped = gettext.GNUTranslations(stream)
    assert shipped._catalog == fresh._catalog  # type: ignore[attr-defined]


def test_no_module_that_translates_rebinds_the_underscore() -> None:
    """``for _, x in …`` or ``a, _ = …`` in a module that imports ``_`` would make every
    later ``_("…")`` in that function call something else."""
    offenders = []
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imports = any(
            isinstance(node, ast.ImportFrom)
            and node.module == "reflect_cli.i18n.messages"
            and any(alias.name == "_" for alias in node.names)
            for node in ast.walk(tree)
        )
        if not imports:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Name) and node.id == "_" and isinstance(node.ctx, ast.Store):
                offenders.append(f"{path.relative_to(SRC)}:{node.lineno}")
    assert not offenders


def test_a_stored_status_keeps_its_own_spanish_word() -> None:
    """A stored word (``i18n/words.py``) shares its msgid with any message that says the
    same English word: "open" as a disk action once made every open commitment "abrir"."""
    with messages.speaking("es"):
        said = {word: messages._(word) for word in ("open", "done", "dropped", "complete")}
    assert said == {
        "open": "abierto",
        "done": "hecho",
        "dropped": "descartado",
        "complete": "completa",
    }
