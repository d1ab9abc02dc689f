"""Time the two evaluator targets and print their ratios.

    python benchmarks/targets.py                      # generates 1,000 and 10,000 sessions
    python benchmarks/targets.py --folders /tmp/bench # keeps them there (reused when present)

1. A redacted export costs at most 1.5 times a plain one (one session, and all complete
   sessions, of a folder of 1,000, Markdown), with memory that does not grow with the
   folder: the same one-session redacted export at 1,000 and at 10,000 sessions.
2. `reflect trends` (the terminal tables and --json) over 10,000 sessions answers within
   twice `reflect list -n 10`, once the index is built.

Each figure is the median of several runs of the real command in a fresh process (CPU
time of the command and the processes it waited for, which is what to compare on a
shared machine; wall time; peak memory as max RSS). Runs of the two commands compared
alternate, so a burst of other work on the machine falls on both.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from run import REFLECT, run

HERE = Path(__file__).parent
Figure = tuple[float, float, float]


def folder_of(size: int, base: Path) -> Path:
    """A folder of ``size`` generated sessions with its index built."""
    folder = base / f"s{size}"
    if len(list(folder.glob("*.yaml"))) != size:
        shutil.rmtree(folder, ignore_errors=True)
        subprocess.run(
            [sys.executable, str(HERE / "generate.py"), str(size), str(folder)], check=True
        )
    time.sleep(0.5)  # past the index's settle window
    env = {**os.environ, "REFLECT_SESSIONS_DIR": str(folder)}
    run([*REFLECT, "list", "-n", "10"], env)  # builds (or checks) the index
    return folder


def medians(commands: dict[str, list[str]], env: dict[str, str], times: int) -> dict[str, Figure]:
    """Each command's median wall and CPU seconds and its peak MB, runs interleaved."""
    runs: dict[str, list[Figure]] = {label: [] for label in commands}
    for _ in range(times):
        for label, command in commands.items():
            runs[label].append(run(command, env))
    return {
        label: (
            statistics.median(r[0] for r in figures),
            statistics.median(r[1] for r in figures),
            max(r[2] for r in figures),
        )
        for label, figures in runs.items()
    }


def line(label: str, figure: Figure) -> str:
    return "| `reflect {}` | {:.2f} s | {:.2f} s | {:.0f} MB |".format(label, *figure)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folders", type=Path, help="keep generated folders here")
    parser.add_argument("--times", type=int, default=5, help="runs of each command")
    args = parser.parse_args()
    # Every module byte-compiled first: where PYTHONDONTWRITEBYTECODE is set (CI, some
    # containers) each run would otherwise compile the changed modules again, a few
    # tenths of a second that fall on one command more than on another.
    import reflect_cli

    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(Path(reflect_cli.__file__).parent)],
        check=True,
    )
    with tempfile.TemporaryDirectory() as temp:
        base = args.folders or Path(temp)
        config = base / "config"  # the pseudonym key: a throwaway, never the user's own
        small, large = folder_of(1000, base), folder_of(10000, base)
        env = {**os.environ, "COLUMNS": "200", "XDG_CONFIG_HOME": str(config)}
        export = [*REFLECT, "export", "--format", "md"]
        at_small = {**env, "REFLECT_SESSIONS_DIR": str(small)}
        at_large = {**env, "REFLECT_SESSIONS_DIR": str(large)}
        run([*export, "last", "--redact"], at_small)  # creates the key once, outside the timing
        exports = medians(
            {"export --format md (all)": export, "export --format md --redact (all)": [
                *export, "--redact"]},
            at_small,
            args.times,
        )  # fmt: skip
        one = [*export, "last", "--redact"]
        pairs = {"plain": [*export, "last"], "one": one}  # alternating, like the rest
        at_each = {
            "1,000": medians(pairs, at_small, args.times),
            "10,000": medians(pairs, at_large, args.times),
        }
        memory = {size: figures["one"] for size, figures in at_each.items()}
        trends = ["trends", "--protocol", "equitable-partnerships"]
        rollup = medians(
            {
                "list -n 10": [*REFLECT, "list", "-n", "10"],
                "trends --protocol equitable-partnerships": [*REFLECT, *trends],
                "trends --protocol equitable-partnerships --json": [*REFLECT, *trends, "--json"],
            },
            at_large,
            args.times,
        )
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    load = f"load average {os.getloadavg()[0]:.1f}"
    print(f"Machine: {machine}, {load}; medians of {args.times} runs.")
    print()
    print("| what | wall | CPU | peak memory |")
    print("| --- | --- | --- | --- |")
    for label, figure in exports.items():
        print(line(f"{label}, 1,000 sessions", figure))
    for size, figures in at_each.items():
        print(line(f"export last (one session), {size} sessions", figures["plain"]))
        print(line(f"export last --redact (one session), {size} sessions", figures["one"]))
    for label, figure in rollup.items():
        print(line(f"{label}, 10,000 sessions", figure))
    print()
    plain, redacted = exports.values()
    print(
        f"- redacted against plain export (1,000 sessions): {redacted[1] / plain[1]:.2f}x CPU, "
        f"{redacted[0] / plain[0]:.2f}x wall, {redacted[2] / plain[2]:.2f}x memory "
        "(target: at most 1.5x)"
    )
    for size, figures in at_each.items():
        plain_one, redacted_one = figures["plain"], figures["one"]
        print(
            f"- one session redacted against plain, folder of {size}: "
            f"{redacted_one[1] / plain_one[1]:.2f}x CPU, {redacted_one[0] / plain_one[0]:.2f}x "
            "wall (target: at most 1.5x)"
        )
    print(
        f"- one session redacted, folder of 10,000 against 1,000: "
        f"{memory['10,000'][2]:.0f} MB against {memory['1,000'][2]:.0f} MB"
    )
    base_figure = rollup["list -n 10"]
    for label, figure in list(rollup.items())[1:]:
        print(
            f"- `{label}` against `list -n 10` (10,000 sessions): "
            f"{figure[1] / base_figure[1]:.2f}x CPU, {figure[0] / base_figure[0]:.2f}x wall "
            "(target: at most 2x)"
        )


if __name__ == "__main__":
    main()
