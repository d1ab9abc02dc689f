"""A partnership's organizations and their sectors: given once per organization (in an
answers file, with ``-p``, or asked when someone of a new organization joins) and kept,
so everyone of that organization, today and at later meetings, carries it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from reflect_cli.errors import InputError
from reflect_cli.i18n.messages import _
from reflect_cli.model import Participant, Sector
from reflect_cli.session.console import Console
from reflect_cli.session.people import fold
from reflect_cli.session.typed_lines import sector_of


def known(people: Iterable[Participant]) -> dict[str, Sector]:
    """Each organization's sector (by its name folded) as the people given say it; the
    last one given wins."""
    return {fold(p.organization): p.sector for p in people if p.organization and p.sector}


def fill(people: Sequence[Participant], others: Iterable[Participant] = ()) -> None:
    """Give each person with no sector their organization's, from today's people and
    the partnership's (``others``)."""
    sectors = {**known(others), **known(people)}
    for person in people:
        if person.sector is None and person.organization:
            person.sector = sectors.get(fold(person.organization))


def ask(
    console: Console, person: Participant, others: Iterable[Participant], ask: bool = True
) -> None:
    """A new person's sector: their organization's when it is known, else asked once
    (Enter for none) when someone is at the keyboard and ``ask`` (the roster step; a
    /join mid-meeting gives it as its fifth field or not at all, never interrupted)."""
    if person.sector is not None or not person.organization:
        return
    person.sector = known(others).get(fold(person.organization))
    if person.sector is not None or not console.interactive or not ask:
        return
    while True:
        reply = console.ask(
            _("Sector of {organization} ({choices}; Enter for none)").format(
                organization=person.organization, choices=", ".join(_(s.value) for s in Sector)
            )
        )
        try:
            person.sector = sector_of(reply)
            return
        except InputError as exc:
            console.say(str(exc), "yellow")
