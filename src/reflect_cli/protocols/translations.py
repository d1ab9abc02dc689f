"""Translations of a protocol: every text a person reads, keyed by ids, each entry with
a fingerprint of the source text it translates.

A translation lives in the protocol file (``translations:``, a list) or in a file beside
it named ``<protocol file stem>.<language>.yaml``::

    translates: partnership-reflection
    language: es                      # a BCP 47 tag
    translator: Who translated it
    note: Not an official translation; review before use.
    texts:
      questions.shared-values.prompt: {source: 3f2a9c1d, text: ¿Qué valores …?}

The keys (``texts.keys`` below) are the protocol's ids: ``title``, ``summary``,
``intro.<step>.title|text``, ``domains.<domain>.title|help``,
``questions.<question>.prompt|help``, ``questions.<q>.choices.<choice>`` and
``….choices.<choice>.help``, ``questions.<q>.scale.<point>``, ``questions.<q>.bands.<min>``.
A choice's id is its label in kebab-case. ``source`` is ``i18n.fingerprint`` of the
text translated: when the protocol's text changes, the entry is out of date and the
protocol's own text is shown until a translator checks it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reflect_cli.i18n import tags
from reflect_cli.i18n.fingerprint import fingerprint
from reflect_cli.i18n.messages import _, not_a_tag
from reflect_cli.model import Band, Choice, Domain, Protocol, Question, Scale
from reflect_cli.protocols.checker import Checker
from reflect_cli.protocols.schema import kebab
from reflect_cli.records.decoding import LocatedDict, LocatedList, to_text
from reflect_cli.records.yamlio import YamlProblem, decode, load_located, read_file

#: Says a text in the translation's language: ``say(key, source_text)``.
Say = Callable[[str, str], str]

_FILE_KEYS = ("translates", "language", "translator", "note", "texts")
_EMBEDDED_KEYS = ("language", "translator", "note", "texts")
_ENTRY_KEYS = ("source", "text")


@dataclass(frozen=True, slots=True)
class Entry:
    """One translated text, with the fingerprint of the source text it translates."""

    text: str
    source: str
    line: int = 0


@dataclass(slots=True)
class Translation:
    """A protocol's texts in one language."""

    language: str
    translator: str = ""
    note: str = ""
    entries: dict[str, Entry] = field(default_factory=dict)
    path: str = ""


def choice_ids(choices: tuple[Choice, ...]) -> list[str]:
    """Each choice's id: its label in kebab-case (its position when that is empty or
    taken, as for a label in a script kebab-case drops)."""
    found: list[str] = []
    for number, choice in enumerate(choices, 1):
        ident = kebab(choice.label)
        found.append(ident if ident and ident not in found else f"choice-{number}")
    return found


def sources(protocol: Protocol) -> dict[str, str]:
    """Every text of the protocol a person reads, by its key, in order."""
    found: dict[str, str] = {"title": protocol.title, "summary": protocol.summary}
    for step in protocol.intro:
        found[f"intro.{step.id}.title"] = step.title
        found[f"intro.{step.id}.text"] = step.text
    for domain in protocol.domains:
        found[f"domains.{domain.id}.title"] = domain.title
        found[f"domains.{domain.id}.help"] = domain.help
    for _domain, question in protocol.questions():
        found.update(question_sources(question))
    return {key: text for key, text in found.items() if text}


def question_sources(question: Question) -> dict[str, str]:
    """A question's texts by key (empty ones included)."""
    base = f"questions.{question.id}"
    found = {f"{base}.prompt": question.prompt, f"{base}.help": question.help}
    for ident, choice in zip(choice_ids(question.choices), question.choices, strict=True):
        found[f"{base}.choices.{ident}"] = choice.label
        found[f"{base}.choices.{ident}.help"] = choice.help
    if question.scale is not None:
        for point, label in sorted(question.scale.labels.items()):
            found[f"{base}.scale.{point}"] = label
    for band in question.bands:
        found[f"{base}.bands.{band.min}"] = band.label
    return found


def read(data: Any, path: str, line: int, embedded: bool) -> tuple[Translation | None, list[str]]:
    """One translation document (a file's, or one of a protocol's ``translations:``)."""
    check = Checker(path)
    keys = _EMBEDDED_KEYS if embedded else _FILE_KEYS
    if not check.mapping(data, line, _("the translation"), keys):
        return None, check.problems
    if not embedded:
        check.text(data, "translates", _("translation"), required=True)
    written = check.text(data, "language", _("translation"), required=True)
    try:
        language = tags.parse(written) if written else ""
    except ValueError:
        check.wrong(data, "language", _("translation"), not_a_tag(written))
        language = ""
    translation = Translation(
        language=language,
        translator=check.text(data, "translator", _("translation"), required=True),
        note=check.text(data, "note", _("translation")),
        path=path,
    )
    texts = data.get("texts")
    if not isinstance(texts, LocatedDict):
        check.wrong(data, "texts", _("translation"), _("must map keys to entries"))
        return None, check.problems
    for key, value in texts.items():
        at = texts.key_lines.get(key, texts.line)
        entry = _("entry '{key}'").format(key=key)
        if not check.mapping(value, at, entry, _ENTRY_KEYS):
            continue
        try:
            text = to_text(value.get("text", "")).strip()
            source = to_text(value.get("source", "")).strip()
        except ValueError as exc:
            check.problem(at, _("{what} {problem}").format(what=entry, problem=exc))
            continue
        translation.entries[str(key)] = Entry(text, source, at)
    return (translation if not check.problems else None), check.problems


def beside(protocol_path: str | Path) -> list[Path]:
    """The translation files beside a protocol file (``<stem>.<language>.yaml``)."""
    path = Path(protocol_path)
    if not path.parent.is_dir():
        return []
    found = []
    for candidate in sorted(path.parent.iterdir()):
        stem, _dot, suffix = candidate.name.rpartition(".")
        if suffix not in ("yaml", "yml") or not stem.startswith(path.stem + "."):
            continue
        if tags.is_tag(stem[len(path.stem) + 1 :]) and candidate.is_file():
            found.append(candidate)
    return found


def is_translation_file(path: Path) -> bool:
    """Whether a file's name says it is a translation (``name.es.yaml``)."""
    stem = path.name.rpartition(".")[0]
    return "." in stem and tags.is_tag(stem.rpartition(".")[2])


def load_file(path: Path) -> tuple[Translation | None, list[str]]:
    name = str(path)
    try:
        data = load_located(decode(read_file(path)))
    except OSError as exc:
        return None, [
            _("{file}: cannot read: {reason}").format(file=name, reason=exc.strerror or exc)
        ]
    except YamlProblem as exc:
        return None, [exc.where(name, column=True)]
    translation, problems = read(data, name, getattr(data, "line", 1), embedded=False)
    named = path.name.rpartition(".")[0].rpartition(".")[2]
    if translation is not None and tags.parse(named) != translation.language:
        line = data.key_lines.get("language", 1) if isinstance(data, LocatedDict) else 1
        problems.append(
            _("{file}:{line}: the file's name says {named}, its 'language' {language}").format(
                file=name, line=line, named=named, language=translation.language
            )
        )
        return None, problems
    return translation, problems


def load_all(protocol: Protocol) -> tuple[dict[str, Translation], list[str]]:
    """Every translation of a protocol (its own ``translations:`` and the files beside
    it), by language, and the problems found reading them."""
    found: dict[str, Translation] = {}
    problems: list[str] = []
    if not protocol.path:
        return found, problems
    try:
        data = load_located(decode(read_file(Path(protocol.path))))
    except (OSError, YamlProblem):
        data = None  # the protocol itself was read: it changed since; no translations then
    if isinstance(data, LocatedDict) and isinstance(data.get("translations"), LocatedList):
        listed = data["translations"]
        for item, line in zip(listed, listed.item_lines, strict=True):
            translation, trouble = read(item, protocol.path, line, embedded=True)
            problems += trouble
            if translation is not None:
                _add(found, translation, line, problems)
    for path in beside(protocol.path):
        translation, trouble = load_file(path)
        problems += trouble
        if translation is not None:
            _add(found, translation, 1, problems)
    return found, problems


def _add(
    found: dict[str, Translation], translation: Translation, line: int, problems: list[str]
) -> None:
    first = found.get(translation.language)
    if first is not None:
        problems.append(
            _(
                "{file}:{line}: a second {language} translation (the first is in {first}); "
                "this one is ignored"
            ).format(
                file=translation.path, line=line, language=translation.language, first=first.path
            )
        )
        return
    found[translation.language] = translation


def check(protocol: Protocol, translation: Translation) -> list[str]:
    """Missing, out-of-date and unknown entries, one line each (``FILE:LINE: …``)."""
    where = translation.path
    problems: list[str] = []
    wanted = sources(protocol)
    language = translation.language
    for key, entry in translation.entries.items():
        at = f"{where}:{entry.line}: {language}: "
        if key not in wanted:
            problems.append(at + _("unknown key '{key}'").format(key=key))
        elif not entry.text:
            problems.append(at + _("{key} is empty").format(key=key))
        elif entry.source != fingerprint(wanted[key]):
            problems.append(
                at
                + _(
                    "{key} is out of date (its source text changed; check the translation, "
                    "then set source: {source})"
                ).format(key=key, source=fingerprint(wanted[key]))
            )
    for key in wanted:
        if key not in translation.entries:
            problems.append(f"{where}:1: {language}: " + _("missing {key}").format(key=key))
    return problems


def apply(protocol: Protocol, translation: Translation) -> Protocol:
    """The protocol as read in the translation's language: each text its current
    translation, else (missing or out of date) the protocol's own text."""

    def say(key: str, text: str) -> str:
        entry = translation.entries.get(key)
        if not text or entry is None or not entry.text or entry.source != fingerprint(text):
            return text
        return entry.text

    intro = tuple(
        dataclasses.replace(
            s, title=say(f"intro.{s.id}.title", s.title), text=say(f"intro.{s.id}.text", s.text)
        )
        for s in protocol.intro
    )
    domains = tuple(
        Domain(
            d.id,
            say(f"domains.{d.id}.title", d.title),
            tuple(translate_question(q, say) for q in d.questions),
            say(f"domains.{d.id}.help", d.help),
            d.minutes,
        )
        for d in protocol.domains
    )
    return dataclasses.replace(
        protocol,
        title=say("title", protocol.title),
        summary=say("summary", protocol.summary),
        intro=intro,
        domains=domains,
        language=translation.language,
    )


def translate_question(question: Question, say: Say) -> Question:
    """A question with each text through ``say(key, source_text)``."""
    base = f"questions.{question.id}"
    choices = tuple(
        Choice(say(f"{base}.choices.{i}", c.label), say(f"{base}.choices.{i}.help", c.help))
        for i, c in zip(choice_ids(question.choices), question.choices, strict=True)
    )
    scale = question.scale
    if scale is not None:
        labels = {p: say(f"{base}.scale.{p}", label) for p, label in scale.labels.items()}
        scale = Scale(scale.min, scale.max, labels)
    bands = tuple(Band(b.min, say(f"{base}.bands.{b.min}", b.label)) for b in question.bands)
    return dataclasses.replace(
        question,
        prompt=say(f"{base}.prompt", question.prompt),
        help=say(f"{base}.help", question.help),
        choices=choices,
        scale=scale,
        bands=bands,
    )


def in_language(protocol: Protocol, language: str) -> tuple[Protocol, list[str]]:
    """The protocol as read in ``language`` (the nearest translation), and a warning
    when it has none (its own text is read then)."""
    if tags.same_language(language, protocol.language) and (
        tags.lookup(language, [protocol.language]) or "-" not in language
    ):
        return protocol, []
    found, problems = load_all(protocol)
    chosen = tags.lookup(language, found)
    if chosen is None:
        if tags.same_language(language, protocol.language):
            return protocol, problems
        have = ", ".join(sorted([protocol.language, *found]))
        return protocol, [
            *problems,
            _(
                "protocol '{id}' has no {language} translation (it has: {have}); "
                "its questions are shown as written"
            ).format(id=protocol.id, language=language, have=have),
        ]
    return apply(protocol, found[chosen]), problems
