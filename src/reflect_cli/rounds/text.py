"""How a round reads: the round of a recorded question, and its lines of plain text
(headline, per-organization lines, the divergence flag, a bar chart) that the terminal,
``show`` and the Markdown summaries all use."""

from __future__ import annotations

from collections.abc import Sequence

from reflect_cli.i18n.messages import N_, _, ngettext
from reflect_cli.model import AnswerRecord, Participant, Rating, RoundKind, Sector
from reflect_cli.rounds.analysis import RoundResult, analyse, number, option_label
from reflect_cli.rounds.anonymity import shown_ratings, under_way


def sectors_of(record: AnswerRecord, participants: Sequence[Participant]) -> list[Sector | None]:
    """Each rating's sector: a named rating its person's; an anonymous one its
    organization's when everyone of that organization on the roster has that one sector."""
    by_handle = {p.handle: p.sector for p in participants}
    by_organization: dict[str, set[Sector | None]] = {}
    for person in participants:
        by_organization.setdefault(person.organization, set()).add(person.sector)
    found: list[Sector | None] = []
    for rating in record.ratings:
        if rating.participant:
            found.append(by_handle.get(rating.participant))
            continue
        sectors = by_organization.get(rating.organization, {None})
        found.append(next(iter(sectors)) if len(sectors) == 1 else None)
    return found


def has_round(record: AnswerRecord) -> bool:
    """Whether a question has a round to show: one that took place (someone rated or
    passed), or an anonymous one under way, which every output shows as only "under
    way: shown when the round ends" (an export's view keeps none of its entries)."""
    return bool(record.round) and (record.rated or under_way(record))


def of_record(record: AnswerRecord, participants: Sequence[Participant]) -> RoundResult:
    """The round of a question record: a named rating counts for its person's
    organization and sector."""
    organizations = {p.handle: p.organization for p in participants}
    pairs = [
        (
            organizations.get(r.participant, r.organization) if r.participant else r.organization,
            r.value,
        )
        for r in record.ratings
    ]
    if under_way(record):  # an older draft's entries: shown when the round has ended
        return RoundResult(record.kind, len(pairs), record.passed, withheld=True, under_way=True)
    if record.withheld:  # stored without its value: only how many
        return RoundResult(record.kind, len(pairs) + record.withheld, record.passed, withheld=True)
    scale = record.scale
    low, high = (scale.min, scale.max) if scale is not None else (1, 5)
    return analyse(
        record.kind,
        pairs,
        round_kind=record.round,
        passed=record.passed,
        low=low,
        high=high,
        options=[c.label for c in record.choices],
        bands=record.bands,
        sectors=[str(s) if s else "" for s in sectors_of(record, participants)],
    )


def scale_labels(record: AnswerRecord) -> dict[int, str]:
    """A scale question's point labels, as the session asked it."""
    return dict(record.scale.labels) if record.scale is not None else {}


def median_text(result: RoundResult, labels: dict[int, str]) -> str:
    """``3.5 (Borderline)``: the median with its band, else its scale label."""
    shown = number(result.median)
    extra = result.band
    if not extra and result.median is not None and float(result.median).is_integer():
        extra = labels.get(int(result.median), "")
    return f"{shown} ({extra})" if extra else shown


def headline(result: RoundResult, labels: dict[int, str]) -> str:
    """One line: how many rated and passed, the median and range (or the top option)."""
    passed = (
        ngettext(", {count} passed", ", {count} passed", result.passed).format(count=result.passed)
        if result.passed
        else ""
    )
    if result.under_way:
        return _("under way: shown when the round ends")
    if result.withheld:
        return _("not enough ratings to show anonymously (n={n}){passed}").format(
            n=result.n, passed=passed
        )
    rated = ngettext("{n} rated{passed}", "{n} rated{passed}", result.n).format(
        n=result.n, passed=passed
    )
    if not result.n:
        return rated
    if result.is_scale:
        spread = (
            f"{result.min}"
            if result.min == result.max
            else _("{low} to {high}").format(low=result.min, high=result.max)
        )
        line = _("{rated} · median {median} · range {spread}").format(
            rated=rated, median=median_text(result, labels), spread=spread
        )
        return line + spread_text(result)
    top = max(result.counts.values())
    leaders = [k for k, v in result.counts.items() if v == top]
    return (
        f"{rated} · "
        + ", ".join(f"{k} {v}" for k, v in result.counts.items() if v)
        + (_(" · chosen most: {option}").format(option=leaders[0]) if len(leaders) == 1 else "")
    )


def spread_text(result: RoundResult) -> str:
    """`` · IQR 0.25 · 1 of 4 away from the median · sectors' medians 1 apart``: how far
    apart a scale round is, as numbers."""
    if result.iqr is None or result.n < 2:
        return ""
    text = _(" · IQR {iqr} · {away} of {n} away from the median").format(
        iqr=number(result.iqr), away=result.away, n=result.n
    )
    if result.gap is not None:
        apart = (
            _(" · sectors' medians {gap} apart")
            if len(result.by_sector) > 1
            else _(" · organizations' medians {gap} apart")
        )
        text += apart.format(gap=number(result.gap))
    return text


def organization_lines(result: RoundResult) -> list[str]:
    """One line per organization: its median and count, or what its people chose."""
    lines = []
    for org, group in result.by_organization.items():
        if result.is_scale:
            lines.append(
                _("{organization}: median {median} (n {n})").format(
                    organization=org, median=number(group.median), n=group.n
                )
            )
        else:
            chosen = ", ".join(f"{k} {v}" for k, v in group.counts.items() if v)
            lines.append(f"{org}: {chosen}")
    return lines


def flag(result: RoundResult) -> str:
    """The divergence line, or ``""`` when partners broadly agree."""
    if not result.divergent:
        return ""
    return _("Partners see this differently: {reasons}").format(reasons="; ".join(result.reasons))


#: Said where an anonymous round's organization lines would be, when it has none.
OVERALL_ONLY = N_(
    "Not shown by organization: a group would hold fewer than three ratings, and in a "
    "group of one or two each person's rating could be worked out."
)


def overall_note(result: RoundResult) -> str:
    """Why an anonymous round has no organization lines, or ``""``."""
    return _(OVERALL_ONLY) if result.overall_only else ""


def chart_rows(result: RoundResult, labels: dict[int, str]) -> list[tuple[str, int]]:
    """(label, count) for each bar of the distribution, in order."""
    if not result.is_scale:
        return list(result.counts.items())
    return [
        (f"{point} {labels[int(point)]}" if int(point) in labels else point, n)
        for point, n in result.counts.items()
    ]


def bar_chart(result: RoundResult, labels: dict[int, str], width: int = 20) -> list[str]:
    """The distribution as text bars, one line per option or scale point."""
    rows = chart_rows(result, labels)
    if not rows:
        return []
    name_width = max(len(name) for name, _x in rows)
    top = max((n for _x, n in rows), default=0) or 1
    return [
        f"{name:<{name_width}} │{'█' * round(width * n / top) if n else ''}{f' {n}' if n else ''}"
        for name, n in rows
    ]


def distribution(result: RoundResult, labels: dict[int, str]) -> str:
    """The ratings given, as one line: ``1 Not yet ×1 · 4 Mostly ×2`` (rated points only)."""
    return " · ".join(f"{name} ×{n}" for name, n in chart_rows(result, labels) if n)


def over_time_cell(result: RoundResult) -> str:
    """A round in one cell of a table over time: ``3.5 (1–5)``, or the top option."""
    if result.withheld:
        return _("n={n}, not shown").format(n=result.n)
    if not result.n:
        return "·"
    if result.is_scale:
        spread = "" if result.min == result.max else f" ({result.min}–{result.max})"
        return f"{number(result.median)}{spread}" + (" ⚑" if result.divergent else "")
    top = max(result.counts.values())
    leaders = [k for k, v in result.counts.items() if v == top]
    of_n = _(" ({count} of {n})").format(count=top, n=result.n)
    return " / ".join(leaders) + of_n + (" ⚑" if result.divergent else "")


def heard_on(question: AnswerRecord) -> set[str]:
    """The handles heard on a question: its credits and its named ratings (a pass is not
    a rating; an anonymous round keeps no names, so it counts no one)."""
    heard = set(question.credits)
    if question.round is RoundKind.NAMED:
        heard |= {r.participant for r in question.ratings if r.participant}
    return heard


def rating_lines(record: AnswerRecord, participants: Sequence[Participant]) -> list[str]:
    """A round's ratings as lines of text, for search and indexes to treat like answers:
    ``Monica Haugen: 4`` (named), ``Northgate Elementary: Collaborative`` (anonymous) or
    ``Anonymous: Integrated`` (anonymous, shown overall only)."""
    names = {p.handle: p.name for p in participants}

    def who(rating: Rating) -> str:
        if rating.participant:
            return names.get(rating.participant, rating.participant)
        return rating.organization or "Anonymous"

    return [f"{who(r)}: {option_label(r.value)}" for r in shown_ratings(record)]
