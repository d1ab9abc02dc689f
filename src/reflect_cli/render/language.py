"""A session in the reader's language: what an export, the ``.md`` and ``show`` read.

In the session's own language it is the texts the room read (``asked.as_read``); in
its protocol's own language, the protocol's texts; in another language, the protocol's
translation into it where one is found and still translates what the session asked
(each entry's fingerprint against the record's own text), else the protocol's text.
Answers are recorded with the protocol's labels, so only their display changes.
"""

from __future__ import annotations

import dataclasses
import functools
import os

from reflect_cli import asked
from reflect_cli.errors import ReflectError
from reflect_cli.i18n import tags
from reflect_cli.i18n.fingerprint import fingerprint
from reflect_cli.model import AnswerRecord, Protocol, Question, Session, Wording
from reflect_cli.protocols import catalog, translations
from reflect_cli.protocols.translations import Translation


def in_language(session: Session, language: str) -> Session:
    """A copy of the session as read in ``language`` (a BCP 47 tag), its intro steps
    by their titles (``step_titles``)."""
    return step_titles(_texts_in_language(session, language), language)


def step_titles(session: Session, language: str) -> Session:
    """A copy whose ``intro`` names each step by its title in ``language`` (the
    protocol's, or its translation's where that still translates it), not its id: the
    record keeps only ids. A step the protocol no longer has, or a protocol not found,
    keeps its id."""
    if not session.intro:
        return session
    where = (os.getcwd(), os.environ.get(catalog.ENV_PATH, ""))
    titles = _titles(session.protocol.id, language, where)
    intro: dict[str, str] = {}
    for step, status in session.intro.items():
        title = titles.get(step, step)
        intro[title if title not in intro else step] = status
    return dataclasses.replace(session, intro=intro)


@functools.lru_cache(maxsize=64)
def _titles(protocol_id: str, language: str, where: tuple[str, str]) -> dict[str, str]:
    """Each intro step's title by its id, in ``language`` where the protocol's
    translation has it ({} when the protocol cannot be found)."""
    try:
        protocol = _protocol(protocol_id, where)
    except ReflectError:
        return {}
    found = _translation(protocol_id, language, where)
    titles = {}
    for step in protocol.intro:
        entry = found.entries.get(f"intro.{step.id}.title") if found else None
        translated = entry is not None and entry.text and entry.source == fingerprint(step.title)
        titles[step.id] = entry.text if entry is not None and translated else step.title
    return titles


def _texts_in_language(session: Session, language: str) -> Session:
    if tags.same_language(language, session.language):
        return asked.as_read(session)
    where = (os.getcwd(), os.environ.get(catalog.ENV_PATH, ""))  # the search path's
    found = _translation(session.protocol.id, language, where)
    if found is None:
        return asked.as_written(session)

    def translated(key: str, text: str) -> str:
        entry = found.entries.get(key)
        if not text or entry is None or not entry.text or entry.source != fingerprint(text):
            return text
        return entry.text

    domains = [
        dataclasses.replace(
            d,
            asked_title=translated(f"domains.{d.id}.title", d.title),
            questions=[dataclasses.replace(q, asked=_wording(q, translated)) for q in d.questions],
        )
        for d in session.domains
    ]
    ref = dataclasses.replace(
        session.protocol, asked_title=translated("title", session.protocol.title)
    )
    return asked.as_read(dataclasses.replace(session, domains=domains, protocol=ref))


def _wording(record: AnswerRecord, say: translations.Say) -> Wording | None:
    question = translations.translate_question(record.question(), say)
    if question == record.question():
        return None
    labels = question.scale.labels if question.scale else {}
    return Wording(question.prompt, question.help, question.choices, dict(labels), question.bands)


@functools.lru_cache(maxsize=64)
def _protocol(protocol_id: str, where: tuple[str, str]) -> Protocol:
    """The protocol by its id on the search path ``where`` keys: the catalog read once,
    not once a question or a search hit (a reader in another language asks for each)."""
    return catalog.find(protocol_id)[0]


@functools.lru_cache(maxsize=64)
def _translation(protocol_id: str, language: str, where: tuple[str, str]) -> Translation | None:
    """The protocol's translation nearest ``language`` (None in its own language, or
    when it has none or cannot be found); ``where`` keys the cache to the search path."""
    try:
        protocol = _protocol(protocol_id, where)
    except ReflectError:
        return None
    if tags.same_language(language, protocol.language):
        return None
    found, _ = translations.load_all(protocol)
    chosen = tags.lookup(language, found)
    return found[chosen] if chosen else None


def question_in_language(
    protocol_id: str, question_id: str, language: str
) -> tuple[Question, Question] | None:
    """A protocol's question and the same with its texts in ``language`` where its
    translation still translates them (each entry's fingerprint), for display only: None
    when the protocol, the question or a translation into ``language`` cannot be found.
    The choices of both are in the protocol's order."""
    where = (os.getcwd(), os.environ.get(catalog.ENV_PATH, ""))
    found = _translation(protocol_id, language, where)
    if found is None:
        return None
    protocol = _protocol(protocol_id, where)
    question = next((q for _d, q in protocol.questions() if q.id == question_id), None)
    if question is None:
        return None

    def translated(key: str, text: str) -> str:
        entry = found.entries.get(key)
        if not text or entry is None or not entry.text or entry.source != fingerprint(text):
            return text
        return entry.text

    return question, translations.translate_question(question, translated)


def place_in_language(protocol_id: str, question_id: str, place: str, language: str) -> str:
    """A search hit's place (``domain › prompt`` as the session wrote it) in ``language``
    where the protocol's translation still translates both texts; else as it is."""
    where = (os.getcwd(), os.environ.get(catalog.ENV_PATH, ""))
    found = _translation(protocol_id, language, where) if protocol_id else None
    if found is None or not question_id:
        return place
    protocol = _protocol(protocol_id, where)
    for domain, question in protocol.questions():
        if question.id != question_id or place != f"{domain.title} › {question.prompt}":
            continue
        keys = (f"domains.{domain.id}.title", f"questions.{question.id}.prompt")
        shown = []
        for key, text in zip(keys, (domain.title, question.prompt), strict=True):
            entry = found.entries.get(key)
            fresh = entry is not None and entry.text and entry.source == fingerprint(text)
            shown.append(entry.text if entry is not None and fresh else text)
        return " › ".join(shown)
    return place
