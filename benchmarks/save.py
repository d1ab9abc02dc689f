"""Print the median milliseconds to save a 40-question session after one answer changes.

    python benchmarks/save.py

This is the per-answer cost the facilitator waits on: the YAML record and the Markdown
beside it, each written atomically (temporary file, fsync, rename).
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from reflect_cli.model import Domain, Protocol, Question
from reflect_cli.records.store import Store
from reflect_cli.session.snapshot import new_session


def main(questions: int = 40, saves: int = 200) -> None:
    domains = tuple(
        Domain(
            f"d{d}", f"Domain {d}", tuple(Question(f"q{d}-{q}", f"Question {q}?") for q in range(8))
        )
        for d in range(questions // 8)
    )
    protocol = Protocol("bench", 1, "Benchmark", domains)
    with tempfile.TemporaryDirectory() as temp:
        store = Store(Path(temp))
        session = new_session(protocol, "Save Benchmark", "2026-11-22")
        store.create(session)
        records = [q for _, q in session.answers()]
        for record in records:  # a full session: every question answered, about 9 KB
            record.answer = "monica: " + "we talked about the space calendar " * 6
        timings = []
        for number in range(saves):
            records[number % len(records)].answer = f"shana: answer {number} " + "words " * 30
            started = time.perf_counter()
            store.save(session)
            timings.append((time.perf_counter() - started) * 1000)
    print(f"{statistics.median(timings):.3f}")


if __name__ == "__main__":
    main()
