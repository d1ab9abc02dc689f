"""Find what people mean across sessions: answers, commitments, names and (if asked) notes.

Words are looked up in the index's full-text table (FTS5, ``unicode61 remove_diacritics
2``) over each text folded by ``reflect_cli.folding`` (any case, any accent, and letters
such as ı, ł, ø, ß typed plainly; an apostrophe inside a word joins it, "O’Neil" is
"oneil"; a control character parts two words), the words searched for folded the same
way; ranked
by bm25 with the newest session first among equals. The query language is small: words
(all must be there), ``"exact phrase"``, ``prefix*``, ``OR`` between alternatives,
``-word`` to exclude. ``--regex`` (and a SQLite without FTS5) scans the records instead.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field

from reflect_cli.errors import InputError
from reflect_cli.folding import fold_words, fold_words_mapped
from reflect_cli.model import Session
from reflect_cli.records.index import NOTE_BIT, ROW_BITS, Index
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
        """The query in FTS5's syntax, over folded text: every term folded and quoted, so
        punctuation is just a break."""

        def term(t: str) -> str:
            return (
                '"' + fold_words(t).replace('"', '""') + '"' + ("*" if t in self.prefixes else "")
            )

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
    filters the files table. Only the full-text table is read for every match (a word in
    every session still answers at once); the files table only for the hits shown."""
    filters = "" if include_private else f" AND (rowid & {NOTE_BIT}) = 0"
    if where:
        filters += f" AND (rowid >> {ROW_BITS}) IN (SELECT fid FROM files WHERE error = ''{where})"
    matching = f"FROM texts WHERE texts MATCH ?{filters}"
    arguments = (query.fts(), *params)
    try:
        while True:
            generation = index.generation
            total = index.query(f"SELECT count(*) {matching}", arguments)[0][0]
            best = _best(index, matching, arguments, limit)
            found = _shown(index, query, best, limit)
            if generation == index.generation:
                break  # else the index was rebuilt meanwhile: its rows are numbered anew
    except sqlite3.OperationalError as exc:
        raise InputError(f"cannot search for that: {exc}") from None
    return Found(found, total)


def _best(
    index: Index, matching: str, arguments: tuple[object, ...], limit: int | None
) -> list[tuple[int, float]]:
    """The rows of the best hits with their scores, every row tied with the last one."""
    ranked = f"SELECT rowid, round(bm25(texts), 6) AS score {matching} ORDER BY score"
    if limit is None:
        return index.query(ranked, arguments)
    best = index.query(f"{ranked} LIMIT ?", (*arguments, limit + 1))
    if len(best) > limit and best[limit - 1][1] == best[limit][1]:
        # Equally relevant hits beyond the cut: the newest of them must be shown.
        tie = best[limit - 1][1]
        tied = index.query(
            f"SELECT rowid, score FROM ({ranked}) WHERE score = ?", (*arguments, tie)
        )
        best = [b for b in best if b[1] < tie] + tied
    return best


def _shown(
    index: Index, query: Query, best: list[tuple[int, float]], limit: int | None
) -> list[Hit]:
    """The hits to show, most relevant first and the newest first among equals."""
    fids = sorted({rowid >> ROW_BITS for rowid, _ in best})
    files: dict[int, tuple[str, str, str, str]] = {}
    for number in range(0, len(fids), 500):  # SQLite's limit on parameters
        part = fids[number : number + 500]
        marks = ",".join("?" * len(part))
        for fid, *row in index.query(
            f"SELECT fid, date, started, id, name FROM files WHERE fid IN ({marks})", part
        ):
            files[fid] = (row[0], row[1], row[2], row[3])

    by_date = sorted(best, key=lambda item: files[item[0] >> ROW_BITS], reverse=True)
    chosen = sorted(by_date, key=lambda item: item[1])[:limit]  # stable: newest first in ties
    if not chosen:
        return []
    marks = ",".join("?" * len(chosen))
    marked = {
        rowid: (kind, place, text, folded)
        for rowid, kind, place, text, folded in index.query(
            f"SELECT rowid, kind, place, text, highlight(texts, 0, '{_OPEN}', '{_CLOSE}') "
            f"FROM texts WHERE texts MATCH ? AND rowid IN ({marks})",
            (query.fts(), *[rowid for rowid, _ in chosen]),
        )
    }
    hits = []
    for rowid, _ in chosen:
        kind, place, text, folded = marked[rowid]
        date, _, sid, name = files[rowid >> ROW_BITS]
        hits.append(Hit(sid, date, name, Where(kind), place, text, _unfolded(text, folded)))
    return hits


def _unfolded(text: str, marked: str) -> list[tuple[int, int]]:
    """Where the matches FTS5 marked in the folded text are in the text as written."""
    _, spans = _spans(marked)
    origin = fold_words_mapped(text)[1]
    if origin is None:  # one character for one
        return spans
    return [(origin[start], origin[end - 1] + 1) for start, end in spans if end > start]


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
    folded, mapped = fold_words_mapped(text)
    origin = mapped if mapped is not None else range(len(text))
    if any(fold_words(t) in folded for t in matcher.excluded):
        return None
    for group in matcher.groups:
        terms = [fold_words(t) for t in group]
        if all(t in folded for t in terms):
            spans = []
            for term in terms:
                for m in re.finditer(re.escape(term), folded):
                    spans.append((origin[m.start()], origin[m.end() - 1] + 1))
            return sorted(spans)
    return None
