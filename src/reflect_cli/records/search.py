"""Find what people mean across sessions: answers, commitments, names and (if asked) notes.

Words are looked up in the index's full-text table (FTS5, ``unicode61 remove_diacritics
2``) over each text folded by ``reflect_cli.folding`` (any case, any accent, and letters
such as ı, ł, ø, ß typed plainly; an apostrophe inside a word joins it, "O’Neil" is
"oneil"; a control character parts two words), the words searched for folded the same
way; ranked
by bm25 with the newest session first among equals. The query language is small: words
(all must be there), ``"exact phrase"``, ``prefix*``, ``OR`` between alternatives,
``-word`` to exclude. ``--regex`` (and a SQLite without FTS5) reads every text of the
index instead, matched in Python, newest session first.

Which texts a search may return is decided in one place, ``_allowed``, for every path:
a private note never unless asked, only the chosen sessions, one question's when asked.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field

from reflect_cli.errors import InputError
from reflect_cli.folding import fold_words, fold_words_mapped
from reflect_cli.i18n.messages import _
from reflect_cli.records.index import NOTE_BIT, ROW_BITS, Index
from reflect_cli.records.rows import Where

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
    collaborative: str = ""
    site: str = ""
    #: The question it answers (or that a commitment or note was made at); "" for a
    #: participant.
    question: str = ""
    #: The session's status (draft or complete): a draft's words may never have been
    #: agreed, and search finds them unless --status complete.
    status: str = ""
    #: The session's protocol id: where a reader's translation of the place is found.
    protocol: str = ""


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
            raise InputError(_("search for what? give at least one word to find"))
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
        raise InputError(_("search for what? give some text"))
    try:
        return re.compile(text, re.IGNORECASE)
    except re.error as exc:
        raise InputError(_("not a regular expression: {exc}").format(exc=exc)) from None


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


def find(
    index: Index,
    matcher: Query | re.Pattern[str],
    where: str = "",
    params: Iterable[object] = (),
    include_private: bool = False,
    limit: int | None = 20,
    question: str = "",
) -> Found:
    """The best hits of a search and how many matched in all: words through the index's
    full-text table when it has one, else (and for a regular expression) every text of
    the index read and matched here. ``where`` filters the files table (the selection
    options); ``question``: only texts of that question."""
    allowed, arguments = _allowed(include_private, where, params, question)
    try:
        if isinstance(matcher, Query) and index.fulltext:
            return _fulltext(index, matcher, allowed, arguments, limit)
        return _scanned(index, matcher, allowed, arguments, limit)
    except sqlite3.OperationalError as exc:
        raise InputError(_("cannot search for that: {exc}").format(exc=exc)) from None


def answered(index: Index, question: str) -> bool:
    """Whether any text of the folder (an answer, a commitment, a note) is of this
    question: a --question that none is gives no hits only because it was mistyped."""
    return bool(index.query("SELECT 1 FROM texts WHERE question = ? LIMIT 1", (question,)))


def _allowed(
    include_private: bool, where: str, params: Iterable[object], question: str
) -> tuple[str, tuple[object, ...]]:
    """The one place that says which texts a search may return, whichever way it looks:
    private notes (their row numbers carry ``NOTE_BIT``, set from ``Where.private``) only
    when asked, texts of readable files the selection chose, one question's when asked.
    SQL to follow a WHERE clause over the texts table, and its parameters."""
    sql = "" if include_private else f" AND (rowid & {NOTE_BIT}) = 0"
    sql += f" AND (rowid >> {ROW_BITS}) IN (SELECT fid FROM files WHERE error = ''{where})"
    arguments = tuple(params)
    if question:
        sql += " AND question = ?"
        arguments += (question,)
    return sql, arguments


def _fulltext(
    index: Index, query: Query, allowed: str, params: tuple[object, ...], limit: int | None
) -> Found:
    """Best hits from the index's full-text table, and the number of all hits. Only the
    full-text table is read for every match (a word in every session still answers at
    once); the files table only for the hits shown."""
    matching = f"FROM texts WHERE texts MATCH ?{allowed}"
    arguments = (query.fts(), *params)
    while True:
        generation = index.generation
        total = index.query(f"SELECT count(*) {matching}", arguments)[0][0]
        best = _best(index, matching, arguments, limit)
        found = _shown(index, query, best, limit)
        if generation == index.generation:
            break  # else the index was rebuilt meanwhile: its rows are numbered anew
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
    files = _files(index, {rowid >> ROW_BITS for rowid, _rank in best})
    by_date = sorted(best, key=lambda item: files[item[0] >> ROW_BITS], reverse=True)
    chosen = sorted(by_date, key=lambda item: item[1])[:limit]  # stable: newest first in ties
    if not chosen:
        return []
    marks = ",".join("?" * len(chosen))
    marked = {
        rowid: (kind, place, text, folded, question)
        for rowid, kind, place, text, folded, question in index.query(
            f"SELECT rowid, kind, place, text, highlight(texts, 0, '{_OPEN}', '{_CLOSE}'), "
            f"question FROM texts WHERE texts MATCH ? AND rowid IN ({marks})",
            (query.fts(), *[rowid for rowid, _rank in chosen]),
        )
    }
    hits = []
    for rowid, _rank in chosen:
        kind, place, text, folded, question = marked[rowid]
        spans = _unfolded(text, folded)
        hits.append(_hit(files[rowid >> ROW_BITS], kind, place, text, spans, question))
    return hits


#: What a hit shows of its file: date, started, id, file name, collaborative, site, status,
#: protocol.
_FileRow = tuple[str, str, str, str, str, str, str, str]


def _files(index: Index, fids: Iterable[int]) -> dict[int, _FileRow]:
    """The files table's rows of these file ids."""
    wanted = sorted(fids)
    files: dict[int, _FileRow] = {}
    for number in range(0, len(wanted), 500):  # SQLite's limit on parameters
        part = wanted[number : number + 500]
        marks = ",".join("?" * len(part))
        for fid, *row in index.query(
            "SELECT fid, date, started, id, name, collaborative, site, status, protocol FROM files "
            f"WHERE fid IN ({marks})",
            part,
        ):
            files[fid] = tuple(row)
    return files


def _hit(
    file: _FileRow, kind: str, place: str, text: str, spans: list[tuple[int, int]], question: str
) -> Hit:
    date, _time, sid, name, collaborative, site, status, protocol = file
    return Hit(
        sid, date, name, Where(kind), place, text, spans, collaborative, site, question, status,
        protocol or "",
    )  # fmt: skip


def _unfolded(text: str, marked: str) -> list[tuple[int, int]]:
    """Where the matches FTS5 marked in the folded text are in the text as written."""
    _found, spans = _spans(marked)
    origin = fold_words_mapped(text)[1]
    if origin is None:  # one character for one
        return spans
    return [(origin[start], origin[end - 1] + 1) for start, end in spans if end > start]


def _scanned(
    index: Index,
    matcher: re.Pattern[str] | Query,
    allowed: str,
    params: tuple[object, ...],
    limit: int | None,
) -> Found:
    """Hits found by matching every allowed text of the index here (a regular
    expression, or without FTS5 the words of a query, any case and accent), newest
    session first and in each session in the order of its record."""

    def matches(text: str) -> bool:
        return _match(matcher, text) is not None

    for _attempt in range(3):  # a rebuild mid-query gives a database without our function
        generation = index.generation
        index.functions.register(index.db, "reflect_matches", matches)
        try:
            rows = index.query(
                "SELECT rowid, kind, place, text, question FROM texts "
                f"WHERE reflect_matches(text){allowed}",
                params,
            )
        except sqlite3.OperationalError:
            if generation != index.generation:
                continue
            raise
        if generation == index.generation:
            break
    else:
        raise sqlite3.OperationalError("the index kept being rebuilt")
    files = _files(index, {row[0] >> ROW_BITS for row in rows})
    rows.sort(key=lambda row: row[0])
    rows.sort(key=lambda row: files[row[0] >> ROW_BITS][:4], reverse=True)  # stable
    shown = rows if limit is None else rows[:limit]
    hits = [
        _hit(files[rowid >> ROW_BITS], kind, place, text, _match(matcher, text) or [], question)
        for rowid, kind, place, text, question in shown
    ]
    return Found(hits, len(rows))


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
