"""What the coding says: passages and partnerships per code, per period, per site,
per sector (the speaker's) and per question; codes that come together; excerpts; agreement.

Pure: passages and each coder's codings (already anchored) in, a typed report out, so
the terminal, ``--json`` and CSV show one computation. A passage counts for a code when
any of the chosen coders gave it that code; a partnership is a collaborative (any case
or accent), counted once per cell.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import combinations
from typing import Protocol

from reflect_cli.analysis.periods import By, period_of
from reflect_cli.coding.agreement import Agreement, agreement
from reflect_cli.coding.codebook import Codebook, missing
from reflect_cli.coding.codings import Coding
from reflect_cli.coding.passages import Address, Passage
from reflect_cli.folding import fold


class Showing(Protocol):
    """How passages are shown outside the folder (``render/coding/shown.Shown``: as
    recorded, or redacted)."""

    def address(self, address: Address) -> str: ...

    def text(self, text: str, at: Address | None = None) -> str: ...

    def place(self, place: str) -> str: ...


class Section(StrEnum):
    """What a row of counts is grouped by."""

    CODE = "code"
    PERIOD = "period"
    SITE = "site"
    SECTOR = "sector"
    QUESTION = "question"


@dataclass(frozen=True)
class Count:
    """Passages and partnerships of one code in one group (``""`` for all)."""

    section: Section
    code: str
    group: str
    passages: int
    partnerships: int


@dataclass(frozen=True)
class Together:
    """Two codes given to the same passages."""

    first: str
    second: str
    passages: int


@dataclass(frozen=True)
class Excerpt:
    code: str
    passage: Passage


@dataclass
class Report:
    coders: list[str]
    passages: int
    decided: int
    counts: list[Count] = field(default_factory=list)
    together: list[Together] = field(default_factory=list)
    excerpts: list[Excerpt] = field(default_factory=list)
    agreement: Agreement | None = None
    #: Codes the codings give that the codebook lacks (removed or renamed since): counted
    #: under their ids, after the codebook's.
    not_in_codebook: list[str] = field(default_factory=list)

    def codes(self, codebook: Codebook) -> list[str]:
        """Every code the report counts: the codebook's, then those it lacks."""
        return [*codebook.ids, *self.not_in_codebook]


def merged(by_coder: Mapping[str, Mapping[Address, Coding]]) -> dict[Address, set[str]]:
    """Each decided passage's codes, from any of the coders."""
    codes: dict[Address, set[str]] = defaultdict(set)
    for codings in by_coder.values():
        for address, coding in codings.items():
            codes[address].update(coding.codes)
    return codes


def report(
    passages: Sequence[Passage],
    by_coder: Mapping[str, Mapping[Address, Coding]],
    codebook: Codebook,
    by: By = By.SCHOOL_YEAR,
    excerpts: int = 3,
) -> Report:
    """The report over the passages given (the selection's)."""
    here = {p.address: p for p in passages}
    chosen = {c: {a: x for a, x in m.items() if a in here} for c, m in by_coder.items()}
    codes_of = merged(chosen)
    out = Report(sorted(chosen), len(passages), len(codes_of))
    groups: dict[Section, defaultdict[tuple[str, str], list[Passage]]] = {
        s: defaultdict(list) for s in Section
    }
    for address, codes in codes_of.items():
        passage = here[address]
        period = period_of(dt.date.fromisoformat(passage.date), by).label
        for code in codes:
            groups[Section.CODE][(code, "")].append(passage)
            groups[Section.PERIOD][(code, period)].append(passage)
            groups[Section.SITE][(code, passage.site or "(no site)")].append(passage)
            groups[Section.SECTOR][(code, passage.sector or "(no sector)")].append(passage)
            groups[Section.QUESTION][(code, address.question)].append(passage)
    order = {c: n for n, c in enumerate(codebook.ids)}
    for section, cells in groups.items():
        for (code, group), found in sorted(
            cells.items(), key=lambda i: (order.get(i[0][0], len(order)), i[0][0], i[0][1])
        ):
            partnerships = {" ".join(fold(p.collaborative).split()) for p in found}
            out.counts.append(Count(section, code, group, len(found), len(partnerships)))
    pairs: Counter[tuple[str, str]] = Counter()
    for codes in codes_of.values():
        ranked = sorted(codes, key=lambda c: (order.get(c, len(order)), c))
        pairs.update(combinations(ranked, 2))
    out.together = [Together(a, b, n) for (a, b), n in pairs.most_common()]
    out.not_in_codebook = missing(codebook, (c for codes in codes_of.values() for c in codes))
    for code in out.codes(codebook):
        found = sorted(groups[Section.CODE].get((code, ""), []), key=lambda p: p.address)
        out.excerpts += [Excerpt(code, p) for p in found[:excerpts]]
    if len(chosen) >= 2:
        out.agreement = agreement(chosen, codebook.ids)
    return out
