"""Time `reflect start` for a partnership that owes thousands of commitments.

    python benchmarks/follow_up.py                # 1,000 and 2,000 open commitments
    python benchmarks/follow_up.py --counts 5000

One complete earlier meeting is written through the real record writer with N open
commitments; then the real `reflect start --no-input` (a fresh process) carries every
one of them into a new session, as a meeting that keeps them all does. Each figure is
the median of three runs: seconds, CPU seconds, peak MB. A save rewrites the whole
record, so saving once per commitment made this quadratic (1,000: 17 s; 2,000: 66 s).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

from reflect_cli.model import Action, Participant, SessionStatus
from reflect_cli.protocols import catalog
from reflect_cli.records.store import Store
from reflect_cli.session.snapshot import new_session

sys.path.insert(0, str(Path(__file__).parent))
from run import REFLECT, run

COLLABORATIVE = "Northgate Elementary OST Collaborative"


def owing(folder: Path, count: int) -> None:
    """One complete meeting of the collaborative that made ``count`` commitments."""
    protocol, _ = catalog.find("partnership-reflection")
    session = new_session(protocol, COLLABORATIVE, "2026-10-01")
    session.facilitator = "Alex Rivera"
    session.participants = [
        Participant("Monica Haugen", "Seattle Parks and Recreation", "Site lead", "monica"),
        Participant("Nguyễn Thị Lan", "Northgate PTA", "Parent", "lan"),
    ]
    session.actions = [
        Action(f"Call family {n} about the spring schedule", ("monica", "lan")[n % 2], "2026-10-20")
        for n in range(count)
    ]
    session.status = SessionStatus.COMPLETE
    Store(folder).create(session)


def start_once(folder: Path) -> tuple[float, float, float]:
    """One `reflect start --no-input` in the folder; the new session is removed after."""
    before = {p for p in folder.iterdir() if p.is_file()}
    env = {**os.environ, "REFLECT_SESSIONS_DIR": str(folder)}
    command = [*REFLECT, "start", "--no-input", "--collaborative", COLLABORATIVE]
    command += ["--facilitator", "Alex Rivera", "--date", "2026-11-05"]
    command += ["-p", "Monica Haugen | Seattle Parks and Recreation | Site lead"]
    figures = run(command, env)
    for path in {p for p in folder.iterdir() if p.is_file()} - before:
        path.unlink()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts", type=int, nargs="+", default=[1000, 2000])
    args = parser.parse_args()
    print("| open commitments | `reflect start --no-input` |")
    print("| --- | --- |")
    for count in args.counts:
        with tempfile.TemporaryDirectory() as temp:
            folder = Path(temp)
            owing(folder, count)
            runs = [start_once(folder) for _ in range(3)]
        seconds = statistics.median(r[0] for r in runs)
        cpu = statistics.median(r[1] for r in runs)
        peak = max(r[2] for r in runs)
        print(f"| {count:,} | {seconds:.2f} s ({cpu:.2f} s CPU), {peak:.0f} MB |")


if __name__ == "__main__":
    main()
