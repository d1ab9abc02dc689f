"""Time `reflect check-names` on hostile documents: text made to cost the name matching
as much as possible (an attacker's, or a tool's gone wrong). Each must be read in about
linear time; the figures belong in docs/performance.md, not in unit tests.

    python benchmarks/hostile.py

A folder with one session of four people is made in a temporary directory; each
document is written to a file there and checked with the real command (a fresh process
each time, the median of three runs, CPU seconds). check-names exits 2 when it finds a
name (most of these hold thousands), 0 when clean.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import tempfile
from pathlib import Path

from run import REFLECT


def cpu_of(command: list[str], env: dict[str, str]) -> float:
    """CPU seconds of one run of ``command``, which must exit 0 (clean) or 2 (a name
    found: what check-names says of most of these documents)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 2):
        raise SystemExit(f"failed ({done.returncode}): {' '.join(command)}: {done.stderr!r}")
    return after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


ROSTER = [
    "Monica Haugen | Seattle Parks and Recreation | Site lead | monica",
    "Kwame Mensah | Northgate PTA | Parent | kwame",
    "Zoë Yılmaz | Youth Council | Student | zoe",
    "Jo Park | Library | Staff | jo",
]

#: Each document: what it is, and its text.
DOCUMENTS = {
    "a run of 28,000 letters spelled apart holding 2,000 names": " ".join("xMonicaHaugeny" * 2000),
    "8,000 names spelled apart": "M o n i c a, " * 8000,
    "4,000 full names on one line": "Monica Haugen, " * 4000,
    '"Jo " 30,000 times': "Jo " * 30000,
    "a hashtag of 16,000 capitals before a name": "#" + "Team" * 4000 + "Haugen",
    "100,000 words of plain text, no name": "the partners met at the school " * 16000,
}


def main() -> None:
    with tempfile.TemporaryDirectory() as temp:
        base = Path(temp)
        env = {
            **os.environ,
            "REFLECT_SESSIONS_DIR": str(base / "sessions"),
            "XDG_CONFIG_HOME": str(base / "config"),
            "XDG_STATE_HOME": str(base / "state"),
        }
        answers = base / "answers.yaml"
        answers.write_text("answers:\n  shared-values: We met.\n", encoding="utf-8")
        people = [arg for person in ROSTER for arg in ("-p", person)]
        subprocess.run(
            [
                *REFLECT,
                *("start", "--no-input", "--collaborative", "Rainier Beach Collaborative"),
                *("--site", "Emerson Elementary", "--facilitator", "Alex Rivera"),
                *("--date", "2026-11-20", *people, "--answers", str(answers)),
            ],
            env=env,
            check=True,
            stdin=subprocess.DEVNULL,
            capture_output=True,
        )
        print("| document | size | CPU (median of 3) |")
        print("| --- | --- | --- |")
        for what, text in DOCUMENTS.items():
            path = base / "document.txt"
            path.write_text(text, encoding="utf-8")
            cpu = statistics.median(
                cpu_of([*REFLECT, "check-names", str(path)], env) for _ in range(3)
            )
            print(f"| {what} | {len(text.encode()) // 1000} KB | {cpu:.2f} s |")


if __name__ == "__main__":
    main()
