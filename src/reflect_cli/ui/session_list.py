"""`reflect list` as a table that fits the terminal: one line per session, never a word
folded, never a heading cut. Narrow terminals drop whole columns in a fixed order; the
free text (the collaborative, the site) is what gives way, cut at a word boundary with an
ellipsis; ids are the shortest unique prefixes (whole with ``--long``), so what is shown
can be copied into `reflect show`. Widths are terminal cells, not characters: a CJK
name takes two cells a character, and a control character is measured as the escape
shown for it.

No text is shown twice on a row: an id begins with its date, so the date has no column
of its own when every id shown begins with it (the session column reads as the date),
and a site named like its collaborative is left blank.

It draws typed rows (``ListRow``), whatever reads them: the cache today, an index later.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reflect_cli.i18n.messages import N_, _
from reflect_cli.ui import terminal

if TYPE_CHECKING:
    from rich.console import Console


@dataclass(frozen=True)
class ListRow:
    """One session as `reflect list` shows it."""

    date: str
    id: str
    collaborative: str
    site: str
    protocol: str
    status: str
    answered: int
    questions: int
    people: int
    open: int


#: Every column, left to right, with its header.
COLUMNS = (  # the headers are translated where shown (``_(header)``)
    ("date", N_("date")),
    ("id", N_("session")),
    ("collaborative", N_("collaborative")),
    ("site", N_("site")),
    ("protocol", N_("protocol")),
    ("status", N_("status")),
    ("answered", N_("answered")),
    ("people", N_("people")),
    ("open", N_("open")),
)
#: Which columns go first when the terminal is too narrow (the id and collaborative stay).
DROP_ORDER = ("site", "protocol", "people", "date", "answered", "status", "open")
#: The columns that go before the collaborative is cut below ``COLLABORATIVE_MIN``.
EXTRAS = ("site", "protocol", "people", "date")
#: The collaborative keeps at least this many cells before the extras go.
COLLABORATIVE_MIN = 30
#: The columns of free text: cut to fit, where every other column is shown whole.
FREE = ("collaborative", "site")
#: The site keeps at least this many cells (or its whole width) or goes.
SITE_MIN = 12
#: What Rich adds to each column: a space either side and a one-space divider (plus one
#: more edge for the whole table).
_PAD = 3


def short_ids(ids: Sequence[str], minimum: int = 10) -> dict[str, str]:
    """Each id's shortest prefix that no other id starts with (at least ``minimum``
    characters: an id starts with its date)."""
    ordered = sorted(set(ids))

    def common(a: str, b: str) -> int:
        count = 0
        for x, y in zip(a, b, strict=False):
            if x != y:
                break
            count += 1
        return count

    shortest = {}
    for index, this in enumerate(ordered):
        neighbours = ordered[max(0, index - 1) : index] + ordered[index + 1 : index + 2]
        need = max([minimum] + [common(this, other) + 1 for other in neighbours])
        shortest[this] = this[:need]
    return shortest


def width_of(text: str) -> int:
    """How many terminal cells ``text`` takes (a CJK character two)."""
    from rich.cells import cell_len

    return cell_len(text)


def ellipsize(text: str, width: int) -> str:
    """``text`` in at most ``width`` cells, cut after a whole word, with "…"."""
    text = " ".join(text.split())
    if width_of(text) <= width:
        return text
    if width <= 1:
        return "…"[:width]
    used, end = 0, 0  # the most whole characters that fit before the "…"
    while used + width_of(text[end]) <= width - 1:
        used += width_of(text[end])
        end += 1
    cut = text[:end]
    if " " in cut and text[end] != " ":
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:-") + "…"


def _cells(row: ListRow, ids: dict[str, str]) -> dict[str, str]:
    """Each column's text as shown: control characters as their escapes, and any line
    break or tab a space (a row is one line), so that its width is what is drawn."""
    cells = {
        "date": row.date,
        "id": ids.get(row.id, row.id),
        "collaborative": row.collaborative,
        "site": "" if _same(row.site, row.collaborative) else row.site,
        "protocol": row.protocol,
        "status": _(row.status),  # stored in English
        "answered": f"{row.answered}/{row.questions}",
        "people": str(row.people),
        "open": str(row.open),
    }
    return {name: " ".join(terminal.visible(cell).split()) for name, cell in cells.items()}


def _same(one: str, other: str) -> bool:
    """Whether two names read the same (case and spacing aside)."""
    return " ".join(one.split()).casefold() == " ".join(other.split()).casefold()


def _redundant(rows: Sequence[dict[str, str]]) -> set[str]:
    """Columns that would only repeat what another shows: the date when every id shown
    begins with it, the site when no row has one of its own."""
    gone = set()
    if all(r["id"].startswith(r["date"]) for r in rows):
        gone.add("date")
    if not any(r["site"] for r in rows):
        gone.add("site")
    return gone


def layout(rows: Sequence[dict[str, str]], width: int | None) -> tuple[list[str], dict[str, int]]:
    """The columns that fit ``width`` (all of them when None) and the width of each
    column of free text shown (``FREE``): every other column and every heading whole."""
    gone = _redundant(rows)
    names = [name for name, _header in COLUMNS if name not in gone]
    widths = _widths(rows)
    if width is None:
        return names, {n: widths[n] for n in FREE if n in names}
    rooms: dict[str, int] = {}
    for index, dropped in enumerate((None, *DROP_ORDER)):
        if dropped in names:
            names.remove(dropped)
        free = [n for n in FREE if n in names]
        fixed = sum(widths[n] + _PAD for n in names if n not in free)
        room = width - fixed - _PAD * len(free) - 1
        # Extra columns give way to a readable collaborative; the counts only to one that
        # at least shows its first words.
        upcoming = next((d for d in DROP_ORDER[index:] if d in names), "")
        need = COLLABORATIVE_MIN if upcoming in EXTRAS else width_of(_("collaborative"))
        rooms = _shared(room, widths, "site" in free)
        if rooms["collaborative"] >= min(need, widths["collaborative"]):
            return names, {n: rooms[n] for n in free}
    # Only the id and the collaborative are left: the id stays whole (it is copied), and
    # a collaborative with no room for its heading goes too (the id holds its slug).
    if rooms["collaborative"] < width_of(_("collaborative")):
        return [n for n in names if n != "collaborative"], {}
    return names, {"collaborative": rooms["collaborative"]}


def _shared(room: int, widths: dict[str, int], site: bool) -> dict[str, int]:
    """The room for free text shared: the site whole when it fits beside the whole
    collaborative, else at least ``SITE_MIN`` cells (never less than its heading),
    the collaborative the rest. Without a site, all of it the collaborative's."""
    if not site:
        return {"collaborative": min(room, widths["collaborative"]), "site": 0}
    least = min(widths["site"], max(SITE_MIN, width_of(_("site"))))
    shown = min(widths["site"], max(least, room - widths["collaborative"]))
    return {"collaborative": min(room - shown, widths["collaborative"]), "site": shown}


def _widths(rows: Sequence[dict[str, str]]) -> dict[str, int]:
    return {
        name: max([width_of(_(header))] + [width_of(r[name]) for r in rows])
        for name, header in COLUMNS
    }


def show(
    rows: Sequence[ListRow],
    caption: str,
    out: Console | None = None,
    long_ids: bool = False,
    fit: bool = True,
    short: dict[str, str] | None = None,
) -> None:
    """Print the sessions table fitted to ``out``'s width; with ``fit`` off (a pipe), every
    column whole, however wide. ``short``: each id's shortest unique prefix over the whole
    folder (else over these rows only)."""
    from rich import box
    from rich.table import Table

    out = out or terminal.console()
    ids = {} if long_ids else (short or short_ids([r.id for r in rows]))
    cells = [_cells(r, ids) for r in rows]
    names, rooms = layout(cells, out.width if fit else None)
    if not fit:
        out.width = max(out.width, sum(w + _PAD for w in _widths(cells).values()) + 1)
    grid = Table(
        box=box.SIMPLE_HEAD,
        title=terminal.visible(caption) or None,
        title_justify="left",
        title_style="",
    )
    headers = dict(COLUMNS)
    widths = _widths(cells)
    for name in names:
        # Free text is cut to its room here; every other column (the id: it is copied)
        # and every heading whole: none is left for Rich to squeeze.
        grid.add_column(
            _(headers[name]),
            no_wrap=True,
            overflow="ellipsis",
            min_width=rooms.get(name, widths[name]),
            max_width=rooms.get(name, widths[name]),
        )
    for row in cells:
        shown = {**row, **{n: ellipsize(row[n], room) for n, room in rooms.items()}}
        grid.add_row(*(terminal.text(shown[name]) for name in names))  # type: ignore[arg-type]
    out.print(grid)
