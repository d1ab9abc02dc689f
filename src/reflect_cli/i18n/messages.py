"""The program's own words in the reader's language, through the standard library's
gettext (compiled catalogs ship in the package: ``reflect_cli/locale``).

Which language: ``use()`` when a command is told (``--lang``, a session's language),
else ``REFLECT_LANG``, else the locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``), else
English. Nothing is read until the first word is translated, so a command that prints
no words pays nothing at start-up.

Mark text with ``_("…")`` where it is shown; a constant that must be translated later is
marked with ``N_("…")`` and passed through ``_()`` when shown. Placeholders are named
(``_("{count} questions").format(count=n)``), so a translation can move them.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from reflect_cli.i18n import tags

DOMAIN = "reflect"
LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"
ENV = "REFLECT_LANG"
_LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


class _State:
    chosen: str | None = None  # the program's own --lang, for every command of the run
    language: str | None = None
    catalog: gettext.NullTranslations = gettext.NullTranslations()


def shipped() -> list[str]:
    """The languages with a compiled catalog in the package (English is the source)."""
    if not LOCALE_DIR.is_dir():
        return []
    return sorted(
        p.name for p in LOCALE_DIR.iterdir() if (p / "LC_MESSAGES" / f"{DOMAIN}.mo").is_file()
    )


def wanted(option: str | None = None) -> str:
    """The language asked for: the option, the program's (``choose``), ``REFLECT_LANG``,
    the locale, or English.
    ``ValueError`` for an option or ``REFLECT_LANG`` that is not a language tag."""
    if option:
        return tags.parse(option)
    if _State.chosen:
        return _State.chosen
    env = os.environ.get(ENV, "").strip()
    if env:
        return tags.parse(env)
    for variable in _LOCALE_VARIABLES:
        value = os.environ.get(variable, "")
        if value:
            return tags.from_locale(value) or tags.SOURCE
    return tags.SOURCE


def asked(option: str | None = None) -> str | None:
    """The language the reader asked for (as ``wanted``), or None when nothing asked
    (no option, ``REFLECT_LANG`` nor locale other than ``C``): then what is read speaks
    its own language (a session, its recorded one).
    ``ValueError`` for an option or ``REFLECT_LANG`` that is not a language tag."""
    if option or _State.chosen or os.environ.get(ENV, "").strip():
        return wanted(option)
    for variable in _LOCALE_VARIABLES:
        value = os.environ.get(variable, "")
        if value:
            return tags.from_locale(value)
    return None


def use(language: str) -> str:
    """Speak ``language`` from now on (the nearest shipped catalog, else English);
    the tag actually used."""
    found = tags.lookup(language, shipped())
    if found is None:
        _State.catalog = gettext.NullTranslations()
    else:
        path = LOCALE_DIR / found / "LC_MESSAGES" / f"{DOMAIN}.mo"
        with path.open("rb") as stream:
            _State.catalog = gettext.GNUTranslations(stream)
    _State.language = language
    return found or tags.SOURCE


def choose(option: str) -> str:
    """``reflect --lang es COMMAND``: ``option`` is the language of every command from now
    on, before ``REFLECT_LANG`` and the locale; the tag. ``ValueError`` when not a tag."""
    _State.chosen = tags.parse(option)
    use(_State.chosen)
    return _State.chosen


def current() -> str:
    """The language the program speaks now (its tag as asked)."""
    if _State.language is None:
        try:
            use(wanted())
        except ValueError:
            use(tags.SOURCE)  # a bad REFLECT_LANG is reported by the command that reads it
    assert _State.language is not None
    return _State.language


def forget() -> None:
    """Forget the language chosen: the next word reads the environment again."""
    _State.chosen = None
    _State.language = None
    _State.catalog = gettext.NullTranslations()


@contextmanager
def speaking(language: str) -> Iterator[str]:
    """Speak ``language`` for a while (an export in the reader's language), then go back."""
    before = current()
    try:
        yield use(language)
    finally:
        use(before)


def _(message: str) -> str:
    """``message`` in the current language (``""`` stays empty: gettext would give the
    catalog's header)."""
    if not message:
        return message
    if _State.language is None:
        current()
    return _State.catalog.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of a message for ``count`` in the current language."""
    if _State.language is None:
        current()
    return _State.catalog.ngettext(singular, plural, count)


def not_a_tag(text: str) -> str:
    """What is wrong with ``text`` typed as a language (``tags.parse`` refused it)."""
    return _("{text} is not a BCP 47 language tag (like 'es', 'es-MX', 'vi')").format(
        text=repr(text)
    )


def N_(message: str) -> str:
    """Marks a constant for translation; it is translated where shown, with ``_()``."""
    return message
