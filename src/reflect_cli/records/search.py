"""Find what people mean across sessions: answers, commitments, names and (if asked) notes.

Words are looked up in the index's full-text table (FTS5, ``unicode61 remove_diacritics
2``: any case, any accent), ranked by bm25 with the newest session first among equals.
The query language is small: words (all must be there), ``"exact phrase"``, ``prefix*``,
``OR`` between alternatives, ``-word`` to exclude. ``--regex`` (and a SQLite without FTS5)
scans the records instead.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from reflect_cli.errors import InputError
from reflect_cli.model import Session
from reflect_cli.records.index import ROW_BITS, Index
from reflect_cli.records.rows import Where, texts_of
from reflect_cli.records.summary import Summary

_OPEN, _CLOSE = "\x02", "\x03"
_TOKEN = re.compile(r'-?"[^"]*"\*?|\S+')


@dataclass
class Hit:
    """One text that matches: where it was found and where the matches are in it."""

    session_id: str
    date: str
    file: str
    where: Where
    place: str
    text: str
    spans: list[tuple[int, int]]


@dataclass
class Found:
    """The best hits and how many matched in all."""

    hits: list[Hit] = field(default_factory=list)
    total: int = 0


@dataclass
class Query:
    """A search as typed, split into alternatives of terms and excluded terms."""

    groups: list[list[str]]
    excluded: list[str]
    prefixes: set[str]

    @classmethod
    def parse(cls, text: str) -> Query:
        groups: list[list[str]] = [[]]
        excluded: list[str] = []
        prefixes: set[str] = set()
        tokens = _TOKEN.findall(text)
        for number, token in enumerate(tokens):
            if token == "OR" and groups[-1] and number < len(tokens) - 1:
                groups.append([])  # between two terms: an alternative, else just a word
                continue
            negative = token.startswith("-") and len(token) > 1
            token = token[1:] if negative else token
            prefix = token.endswith("*") and len(token) > 1
            term = token.rstrip("*") if prefix else token
            term = term[1:-1] if len(term) >= 2 and term[0] == term[-1] == '"' else term
            if not any(c.isalnum() for c in term):
                continue
            if prefix:
                prefixes.add(term)
            (excluded if negative else groups[-1]).append(term)
        groups = [g for g in groups if g]
        if not groups:
            raise InputError("search for what? give at least one word to find")
        return cls(groups, excluded, prefixes)

    def fts(self) -> str:
        """The query in FTS5's syntax: every term quoted, so punctuation is just a break."""

        def term(t: str) -> str:
            return '"' + t.replace('"', '""') + '"' + ("*" if t in self.prefixes else "")

        wanted = " OR ".join("(" + " ".join(term(t) for t in g) + ")" for g in self.groups)
        return f"({wanted})" + "".join(f" NOT {term(t)}" for t in self.excluded)


def compile_pattern(text: str) -> re.Pattern[str]:
    """A case-insensitive regular expression, or one clear error."""
    if not text:
        raise InputError("search for what? give some text")
    try:
        return re.compile(text, re.IGNORECASE)
    except re.error as exc:
        raise InputError(f"not a regular expression: {exc}") from None


def _spans(marked: str) -> tuple[str, list[tuple[int, int]]]:
    """Text with FTS5's highlight marks taken out, and where they were."""
    plain: list[str] = []
    spans, size, start = [], 0, 0
    for piece in re.split(f"([{_OPEN}{_CLOSE}])", marked):
        if piece == _OPEN:
            start = size
        elif piece == _CLOSE:
            spans.append((start, size))
        else:
            plain.append(piece)
            size += len(piece)
    return "".join(plain), spans


def fulltext(
    index: Index,
    query: Query,
    where: str = "",
    params: Iterable[object] = (),
    include_private: bool = False,
    limit: int | None = 20,
) -> Found:
    """Best hits from the index's full-text table, and the number of all hits. ``where``
    filters the files table (its columns are not ambiguous beside the texts table's)."""
    notes = "" if include_private else f" AND t.kind != '{Where.NOTE.value}'"
    base = (
        f"FROM texts t JOIN files f ON f.fid = (t.rowid >> {ROW_BITS}) "
        f"WHERE texts MATCH ?{notes}{where}"
    )
    arguments = (query.fts(), *params)
    try:
        total = index.db.execute(f"SELECT count(*) {base}", arguments).fetchone()[0]
        found = index.db.execute(
            f"SELECT f.id, f.date, f.name, t.kind, t.place, "
            f"highlight(texts, 0, '{_OPEN}', '{_CLOSE}'), bm25(texts) AS score {base} "
            "ORDER BY round(score, 6), f.date DESC, f.started DESC, f.id DESC LIMIT ?",
            (*arguments, -1 if limit is None else limit),
        ).fetchall()
    except sqlite3.OperationalError as exc:
        raise InputError(f"cannot search for that: {exc}") from None
    hits = []
    for sid, date, name, kind, place, marked, _ in found:
        text, spans = _spans(marked)
        hits.append(Hit(sid, date, name, Where(kind), place, text, spans))
    return Found(hits, total)


def _fold(text: str) -> tuple[str, list[int]]:
    """Text without case or accents, and for each of its characters, where it came from."""
    folded, origin = [], []
    for position, char in enumerate(text):
        plain = "".join(
            c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
        ).casefold()
        folded.append(plain)
        origin.extend([position] * len(plain))
    return "".join(folded), origin


def scan(
    sessions: Iterable[tuple[Summary, Session]],
    matcher: re.Pattern[str] | Query,
    include_private: bool = False,
    limit: int | None = 20,
) -> Found:
    """Hits found by reading the records, newest session first: a regular expression,
    or (without FTS5) the words of a query, any case and accent."""
    found = Found()
    for summary, session in sessions:
        for kind, place, text in texts_of(session):
            if kind == Where.NOTE.value and not include_private:
                continue
            spans = _match(matcher, text)
            if spans is None:
                continue
            found.total += 1
            if limit is None or len(found.hits) < limit:
                hit = Hit(summary.id, summary.date, summary.file, Where(kind), place, text, spans)
                found.hits.append(hit)
    return found


def _match(matcher: re.Pattern[str] | Query, text: str) -> list[tuple[int, int]] | None:
    if isinstance(matcher, re.Pattern):
        spans = [m.span() for m in matcher.finditer(text) if m.end() > m.start()]
        return spans or None
    folded, origin = _fold(text)
    if any(_fold(t)[0] in folded for t in matcher.excluded):
        return None
    for group in matcher.groups:
        terms = [_fold(t)[0] for t in group]
        if all(t in folded for t in terms):
            spans = []
            for term in terms:
                for m in re.finditer(re.escape(term), folded):
                    spans.append((origin[m.start()], origin[m.end() - 1] + 1))
            return sorted(spans)
    return None
