"""Words the program stores in English and shows in the reader's language: each is
marked here for the catalogs and shown with ``_(value)``.

Statuses, round kinds, sectors and intro steps are recorded as these English words
(records, CSV and JSON keep them so, and count them so); only what people read says them
in their language.
"""

from __future__ import annotations

from reflect_cli.i18n.messages import N_

STORED = (
    # A session's status.
    N_("draft"),
    N_("complete"),
    # A commitment's status.
    N_("open"),
    N_("in progress"),
    N_("done"),
    N_("dropped"),
    # A round's kind.
    N_("named"),
    N_("anonymous"),
    # What became of a step before the questions.
    N_("skipped"),
    # An organization's sector.
    N_("school"),
    N_("district"),
    N_("community organization"),
    N_("family"),
    N_("youth"),
    N_("funder"),
    N_("other"),
    # A question's kind.
    N_("text"),
    N_("choice"),
    N_("multi"),
    N_("scale"),
    N_("yes-no"),
)
