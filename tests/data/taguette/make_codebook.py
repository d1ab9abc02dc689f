"""Make codebook.qdc here with Taguette's own code (taguette 1.5.2, which cannot be
installed beside the test extra: its chardet<6 excludes frictionless 5.21's chardet>=6).

    python3 -m venv /tmp/taguette && /tmp/taguette/bin/pip install taguette==1.5.2
    /tmp/taguette/bin/python tests/data/taguette/make_codebook.py \\
        > tests/data/taguette/codebook.qdc

A project in Taguette's own database with its tags, exported as Taguette's web handler
exports a codebook (``export.codebook_xml(list(project.tags), file)``)."""

import io
import sys

from taguette import database, export  # type: ignore[import-not-found]

TAGS = [
    ("trust-and-relationships", "Relationships and trust as the foundation"),
    ("Family Engagement", "Matches reflect's code by name in another case"),
    ("power & <voice>", "Who decides"),
    ("familias / gia đình", "Spanish and Vietnamese for families"),
    ("Nguye\u0302\u0303n family outreach", "A family name first, its accents decomposed"),
    ("Hope", "A name that is a word"),
    ("language access 🗣", "Interpreters, translated notices"),
]

db = database.connect("sqlite://")()
project = database.Project(name="Rainier Vista equity", description="")
db.add(project)
for path, description in TAGS:
    db.add(database.Tag(project=project, path=path, description=description))
db.commit()
written = io.BytesIO()
export.codebook_xml(list(project.tags), written)
sys.stdout.buffer.write(written.getvalue())
