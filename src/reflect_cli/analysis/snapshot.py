"""The one-page data snapshot's figures for one period, every count of partnerships
already made safe to print (``cells``): how many partnerships at how many sites, the
sessions held, the type distribution and its transitions from the period before, the
hallmarks' medians and spread, the factors named most, and the commitments kept.

A partnership counts once, by its latest complete session in the period (as in
`reflect trends`); transitions compare that with its latest in the period before. Each
question's denominator is what ``trends`` counts for it: the partnerships whose counted
session asked and answered it (a skip is counted apart, as "no answer" under the types,
and one never asked it is in no count of it), so a figure here is the figure `trends`
shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from reflect_cli.analysis import trends
from reflect_cli.analysis.cells import Cell, of_total, one, suppress
from reflect_cli.analysis.commitments import Entry, kept
from reflect_cli.analysis.periods import Period, partnership_key
from reflect_cli.folding import fold
from reflect_cli.i18n.messages import N_
from reflect_cli.model import Kind, Session

#: The built-in protocol whose questions the page is built from: in a folder of several
#: protocols, the one the page counts unless --protocol chooses.
PROTOCOL = "equitable-partnerships"
#: The questions the page is built from, as the built-in protocol names them.
TYPE_QUESTION = "partnership-type-now"
HALLMARKS = ("shared-leadership", "effective-coordination", "synergy")
FACTORS = ("helping-factors", "hindering-factors")
#: How many factors of each question the page names: the three named most, and any
#: named as often as the third (a tie is shown, never resolved), up to ``MOST_FACTORS``;
#: beyond that the page says how many more share the third's count.
TOP_FACTORS = 3
MOST_FACTORS = 5


@dataclass(frozen=True, slots=True)
class Share:
    """A labelled count of partnerships."""

    label: str
    count: Cell
    #: The label is reflect's own words ("no answer"), translated where it is shown;
    #: else a protocol's option, shown as the sessions asked it.
    ours: bool = False


@dataclass(frozen=True, slots=True)
class Move:
    """How many partnerships went from one type to another."""

    before: str
    after: str
    count: Cell


@dataclass(frozen=True, slots=True)
class Hallmark:
    """A scale question's ratings in the period: shown only when at least ``min_cell``
    partnerships rated it."""

    id: str
    prompt: str
    partnerships: Cell
    stats: trends.Stats | None
    scale: tuple[int, int]


@dataclass(frozen=True, slots=True)
class Factors:
    """A multi question: its factors named most, each by how many partnerships."""

    id: str
    prompt: str
    named: list[Share]
    #: How many partnerships answered it: what each count is "of".
    answered: Cell
    #: How many more factors were named as often as the last one shown (a tie at the
    #: cut-off too wide for the page): said, not dropped.
    more: int = 0


@dataclass(frozen=True, slots=True)
class Commitments:
    """The commitments made in the period, and what later meetings said of them."""

    partnerships: Cell
    made: int
    kept: int
    on_time: int
    owed: int
    #: How many a later meeting has said anything of (done, dropped, still under way):
    #: none, in the latest year, means "kept" cannot be told yet, not that none were.
    followed_up: int = 0


@dataclass(slots=True)
class Quote:
    """An answer the evaluator picked, by session and question, as printed (redacted)."""

    question: str
    text: str
    when: str


@dataclass(slots=True)
class Snapshot:
    """Everything the page shows."""

    period: str
    before: str
    min_cell: int
    partnerships: Cell
    sites: Cell
    sessions: int
    type_prompt: str = ""
    types: list[Share] = field(default_factory=list)
    moves: list[Move] = field(default_factory=list)
    moved_between: Cell | None = None
    #: Of the partnerships that answered in both periods: kept their type, changed it.
    stayed: Cell | None = None
    changed: Cell | None = None
    hallmarks: list[Hallmark] = field(default_factory=list)
    factors: list[Factors] = field(default_factory=list)
    commitments: Commitments | None = None
    quotes: list[Quote] = field(default_factory=list)
    #: The folder mixes protocols: the one counted, and how many of the period's
    #: sessions (of other protocols) are left out; said in the page's caption.
    protocol: str = ""
    left_out: int = 0


def snapshot(
    period: Period,
    held: int,
    latest: Sequence[Session],
    before: tuple[Period, Sequence[Session]] | None,
    commitments: Sequence[Entry],
    as_of: str,
    min_cell: int,
) -> Snapshot:
    """The figures of one period: ``held`` how many complete sessions it holds, ``latest`` each
    partnership's latest of them, ``before`` the period before and its partnerships'
    latest sessions (for transitions), ``commitments`` as recorded by any session."""
    count = len(latest)
    sites = {" ".join(fold(s.site).split()) for s in latest if s.site.strip()}
    result = Snapshot(
        period.label,
        before[0].label if before else "",
        min_cell,
        one(count, min_cell),
        one(len(sites), min_cell),
        held,
    )
    now = {period: list(latest)}
    found = trends.trend(TYPE_QUESTION, now, now)
    if found is not None and found.counts:
        result.type_prompt = found.prompt
        counts = found.counts[0]
        labels = [*found.options, *sorted(set(counts.counts) - set(found.options))]
        values = [counts.counts.get(label, 0) for label in labels]
        asked = counts.answered + counts.skipped  # skipped: "no answer"; never asked: none
        cells = suppress([*values, counts.skipped], asked, min_cell)
        result.types = [Share(lab, c) for lab, c in zip(labels, cells, strict=False)]
        result.types.append(Share(N_("no answer"), cells[-1], ours=True))
        if before is not None:
            moves, both, stayed, changed = _moves(period, latest, before, min_cell)
            result.moves, result.moved_between = moves, both
            result.stayed, result.changed = stayed, changed
    for question_id in HALLMARKS:
        found = trends.trend(question_id, now, now)
        if found is None or not found.scales:
            continue
        scale = found.scales[0]
        if not scale.answered:
            continue  # not rated in the period: nothing to show
        rated = one(scale.answered, min_cell)
        stats = scale.overall if rated.exact else None
        result.hallmarks.append(Hallmark(found.id, found.prompt, rated, stats, found.scale_range))
    for question_id in FACTORS:
        found = trends.trend(question_id, now, now)
        if found is None or found.kind is not Kind.MULTI or not found.counts:
            continue
        counts = found.counts[0]
        if not counts.answered:
            continue  # asked of none counted, or skipped by all: no "of N" to say
        named = counts.counts
        ranked, more = top_factors(named)
        shares = [Share(lab, of_total(named[lab], counts.answered, min_cell)) for lab in ranked]
        answered = one(counts.answered, min_cell)
        result.factors.append(Factors(found.id, found.prompt, shares, answered, more))
    result.commitments = _commitments(period, latest, commitments, as_of, min_cell)
    return result


def top_factors(named: dict[str, int]) -> tuple[list[str], int]:
    """The factors the page names, most named first (a tie in the order of the labels),
    and how many more were named as often as the last of them: the top ``TOP_FACTORS``
    and every one tied with the last, up to ``MOST_FACTORS``."""
    ranked = sorted(named, key=lambda label: (-named[label], label))
    if len(ranked) <= TOP_FACTORS:
        return ranked, 0
    cut = named[ranked[TOP_FACTORS - 1]]
    reaching = [label for label in ranked if named[label] >= cut]
    shown = reaching[:MOST_FACTORS]
    return shown, len(reaching) - len(shown)


def _moves(
    period: Period,
    latest: Sequence[Session],
    before: tuple[Period, Sequence[Session]],
    min_cell: int,
) -> tuple[list[Move], Cell, Cell, Cell]:
    """Of the partnerships that answered in both periods (how many): how many kept their
    type and how many changed it, and each change. The changes add up to the changed
    count, so they are shown only when it is, and suppressed against it."""
    found = trends.transitions(TYPE_QUESTION, {before[0]: list(before[1]), period: list(latest)})
    both = sum(t.partnerships for t in found)
    changes = [t for t in found if t.value_before != t.value_after]
    changed = sum(t.partnerships for t in changes)
    stayed, moved = suppress([both - changed, changed], both, min_cell)
    moves = []
    if moved.exact:
        cells = suppress([t.partnerships for t in changes], changed, min_cell)
        moves = [
            Move(t.value_before, t.value_after, c) for t, c in zip(changes, cells, strict=True)
        ]
    return moves, one(both, min_cell), stayed, moved


def _commitments(
    period: Period,
    latest: Sequence[Session],
    recorded: Sequence[Entry],
    as_of: str,
    min_cell: int,
) -> Commitments | None:
    """What became of the commitments made in the period's sessions (of the partnerships
    counted), as any later meeting recorded it."""
    keys = {partnership_key(s.collaborative) for s in latest}
    made_here = {
        e.session
        for e in recorded
        if e.origin == e.session and period.start.isoformat() <= e.date <= period.last.isoformat()
    }
    chosen = [
        e for e in recorded if e.origin in made_here and partnership_key(e.collaborative) in keys
    ]
    rows = kept(chosen, as_of)
    if not rows:
        return None
    made = {(e.origin, e.text) for e in chosen if e.origin == e.session}
    followed = {(e.origin, e.text) for e in chosen if e.origin != e.session} & made
    return Commitments(
        one(len(rows), min_cell),
        sum(r.made for r in rows),
        sum(r.kept for r in rows),
        sum(r.on_time for r in rows),
        sum(r.owed for r in rows),
        len(followed),
    )
