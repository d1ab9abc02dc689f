"""`reflect codes report` in the terminal: the counts as tables (one per grouping, codes
down, groups across), codes that come together, excerpts and agreement."""

from __future__ import annotations

from reflect_cli.coding.codebook import Codebook
from reflect_cli.coding.report import Report, Section, Showing
from reflect_cli.i18n.messages import N_, _
from reflect_cli.ui import screen, terminal

_TITLES = {  # translated where shown
    Section.PERIOD: N_("by period"),
    Section.SITE: N_("by site"),
    Section.SECTOR: N_("by the speaker's sector"),
    Section.QUESTION: N_("by question"),
}


def _cell(passages: int, partnerships: int) -> str:
    return f"{passages} ({partnerships})" if passages else "·"


def show(report: Report, codebook: Codebook, shown: Showing, differences: int = 20) -> None:
    """The report, drawn; user text only as inert text."""
    coders = ", ".join(report.coders) or _("no one")
    screen.data(
        _(
            "{decided} of {passages} passages coded (by {coders}); cells: passages (partnerships)"
        ).format(decided=report.decided, passages=report.passages, coders=coders)
        + "\n"
    )
    totals = {c.code: c for c in report.counts if c.section is Section.CODE}
    names = {c.id: c.name for c in codebook.codes}
    names.update({c: _("(not in the codebook)") for c in report.not_in_codebook})
    ids = report.codes(codebook)
    rows = [
        [code, names[code], str(totals[code].passages), str(totals[code].partnerships)]
        for code in ids
        if code in totals
    ]
    terminal.table([_("code"), _("name"), _("passages"), _("partnerships")], rows)
    for section, title in _TITLES.items():
        cells = {(c.code, c.group): c for c in report.counts if c.section is section}
        groups = sorted({g for _x, g in cells})
        heads = [shown.place(g) if section is Section.SITE else g for g in groups]
        if not groups:
            continue
        codes = [c for c in ids if any((c, g) in cells for g in groups)]
        table = [
            [code]
            + [
                _cell(cells[(code, g)].passages, cells[(code, g)].partnerships)
                if (code, g) in cells
                else "·"
                for g in groups
            ]
            for code in codes
        ]
        screen.data(f"\n{_(title)}\n")
        if section is Section.SECTOR:
            heads = [_(h) for h in heads]  # sectors are stored in English
        terminal.table([_("code"), *heads], table)
    if report.together:
        screen.data("\n" + _("codes given together") + "\n")
        terminal.table(
            [_("codes"), _("passages")],
            [[f"{t.first} + {t.second}", str(t.passages)] for t in report.together[:15]],
        )
    if report.excerpts:
        screen.data("\n" + _("excerpts") + "\n")
        for excerpt in report.excerpts:
            p = excerpt.passage
            screen.data(
                f"  [{excerpt.code}] {shown.text(p.text, p.address)}\n"
                f"      {shown.place(p.collaborative)} · {p.date} · {shown.address(p.address)}\n"
            )
    found = report.agreement
    if found is None:
        return
    alpha = _("undefined") if found.alpha is None else f"{found.alpha:.3f}"
    screen.data(
        "\n"
        + _(
            "agreement on {shared} passages decided by two coders or more: "
            "Krippendorff's alpha {alpha}"
        ).format(shared=found.shared, alpha=alpha)
        + "\n"
    )
    for pair in found.pairs:
        rows = [
            [code, _("undefined") if k is None else f"{k:.3f}"] for code, k in pair.kappa.items()
        ]
        both = _("{first} and {second}: {passages} passages both decided").format(
            first=pair.first, second=pair.second, passages=pair.passages
        )
        screen.data(f"\n{both}\n")
        terminal.table([_("code"), _("Cohen's kappa")], rows)
        for d in pair.differences[:differences]:
            first = ", ".join(d.first) or _("none")
            second = ", ".join(d.second) or _("none")
            screen.data(
                f"  {shown.address(d.address)}\n"
                f"      {pair.first}: {first}\n      {pair.second}: {second}\n"
            )
        more = len(pair.differences) - differences
        if more > 0:
            screen.data(
                "  " + _("… and {more} more (--json lists every one)").format(more=more) + "\n"
            )
