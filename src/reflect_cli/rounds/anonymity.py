"""What an anonymous round may show, decided in one place: pure functions, no I/O.

An anonymous round with fewer than ``MIN_ANONYMOUS`` ratings is ``withheld``: a single
rating would be its author's, so no value, median, distribution or organization line
comes out of it anywhere (the terminal, ``show``, every export). The record keeps the
rating (0600), so a round resumed later can add the others and then show them all.
The same holds for a group: in an anonymous round, a rating of an organization with
fewer than ``MIN_GROUP`` (three) ratings counts under ``OTHER_ORGANIZATIONS`` (pooled with
the others like it), and the round is shown by organization only when every group then
holds at least ``MIN_GROUP`` ratings (``by_organization_shown``). Otherwise (a pool of one
or two) it is shown ``overall_only``: no organization line, no organization on any
rating, and divergence on the spread rule alone, so that no group, and no total minus
the groups shown, is one person's rating, and no one in a group of two can read the
other's. (The overall result of a round of two still lets each of the two work out the
other's rating: that is inherent, and docs/rounds.md says so.)

The record stores an anonymous round already in that form (``stored_ratings``): lone
organizations pooled, or no organization at all, so what is on disk obeys the rule by
construction, and reading it back gives the same result. An anonymous round whose
ratings carry no organization at all is therefore shown overall only.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from reflect_cli.model import AnswerRecord, Rating, RoundKind

#: The organization a rating counts for when the person gave none.
NO_ORGANIZATION = "No organization given"

#: The fewest ratings an anonymous round shows anything of: one rating is one person's.
MIN_ANONYMOUS = 2

#: The fewest ratings an anonymous round shows or stores as one group (an organization,
#: the pool, a sector): in a group of two, each of the two can work out the other's rating
#: from the group's median or counts.
MIN_GROUP = 3

#: Where an anonymous rating counts when too few others share its organization.
OTHER_ORGANIZATIONS = "Organizations with fewer than three ratings"


def withheld(round_kind: RoundKind | None, n: int) -> bool:
    """Whether an anonymous round has too few ratings to show any of them."""
    return round_kind is RoundKind.ANONYMOUS and 0 < n < MIN_ANONYMOUS


def pooled(organizations: Sequence[str]) -> list[str]:
    """Each anonymous rating's organization as it may be shown: an organization with
    fewer than ``MIN_GROUP`` ratings becomes ``OTHER_ORGANIZATIONS``."""
    named = [org.strip() or NO_ORGANIZATION for org in organizations]
    return [org if named.count(org) >= MIN_GROUP else OTHER_ORGANIZATIONS for org in named]


def by_organization_shown(organizations: Sequence[str]) -> bool:
    """Whether an anonymous round may be shown by organization: every group, small
    organizations pooled, holds at least ``MIN_GROUP`` ratings. A pool of one would be
    its author's rating (the roster says which organization is alone), and so would the
    total minus every group shown; in a group of two each can read the other's."""
    if organizations and not any(org.strip() for org in organizations):
        return False  # stored overall only: the record keeps no organization at all
    shown = pooled(organizations)
    if set(shown) == {OTHER_ORGANIZATIONS}:
        return False  # every rating pooled: the pool is the overall, under a misleading name
    return all(shown.count(org) >= MIN_GROUP for org in shown)


def anonymous_organizations(organizations: Sequence[str]) -> list[str]:
    """Each anonymous rating's organization as it may be shown: pooled, or ``""`` for
    every rating when the round is shown overall only."""
    if not by_organization_shown(organizations):
        return ["" for _x in organizations]
    return pooled(organizations)


def under_way(record: AnswerRecord) -> bool:
    """An anonymous round not yet ended: nothing of it is shown (a record written before
    rounds under way were kept in the state folder may hold some of its entries)."""
    return record.round is RoundKind.ANONYMOUS and record.in_progress and not record.round_ended


def begun(record: AnswerRecord, turns_taken: Collection[str] = ()) -> bool:
    """Whether the round on this question has begun, so its kind can no longer change:
    decided only by what is stored, never by what a running meeting remembers. Begun
    when the record holds a rating, a pass or a withheld count, or says a named entry
    was made (``round_begun``: kept after ``/back`` took it out, and through a pause and
    ``resume``), or when someone had their turn in the anonymous round under way
    (``turns_taken``, from the private state folder's ``rounds/``)."""
    return record.rated or bool(record.passed_by) or record.round_begun or bool(turns_taken)


def stored_ratings(record: AnswerRecord) -> list[Rating]:
    """The ratings as the record stores them: an anonymous rating of an organization
    with fewer than ``MIN_GROUP`` ratings under ``OTHER_ORGANIZATIONS``, no organization
    at all on any rating of a round shown overall only (a withheld round included: its
    one rating names nothing), and no handle; named ratings as they are."""
    if record.round is not RoundKind.ANONYMOUS:
        return list(record.ratings)
    shown = anonymous_organizations([r.organization for r in record.ratings])
    return [Rating(r.value, organization=org) for r, org in zip(record.ratings, shown, strict=True)]


def shown_ratings(record: AnswerRecord) -> list[Rating]:
    """The ratings a summary or export may show: none of a withheld anonymous round,
    the others as stored (``stored_ratings``; an older record is pooled here)."""
    if withheld(record.round, len(record.ratings)) or under_way(record):
        return []
    return stored_ratings(record)
