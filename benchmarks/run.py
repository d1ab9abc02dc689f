"""Time reflect's start-up, list, search, export (plain and redacted), trends and save at
1,000 and 10,000 sessions.

    python benchmarks/run.py            # both sizes (about two minutes)
    python benchmarks/run.py --sizes 1000

Sessions are generated with benchmarks/generate.py into a temporary folder. Each figure
is the median of several runs of the real `reflect` command (a fresh process each time),
with its peak memory (max RSS); "cold" means before the index beside the records is
built (every record parsed, in a process pool). This driver imports nothing of
reflect's and keeps no sessions in memory, so a child's peak memory is its own. The
package is byte-compiled first, as `pip install` does, so start-up is measured as users
get it.
Prints a Markdown table, as in the README.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent
REFLECT = [
    shutil.which("reflect") or sys.executable,
    *([] if shutil.which("reflect") else ["-m", "reflect_cli"]),
]


def run(command: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Seconds, CPU seconds (the command and the processes it waited for) and peak MB of
    one run of a command, its output discarded. CPU time is what to compare on a shared
    machine: wall time there also counts waiting for other people's work."""
    # As installed: bytecode cached. A shell with PYTHONDONTWRITEBYTECODE would compile
    # every module of reflect from source in every run (about 0.3 s here, more for the
    # commands that import more), which no user pays.
    env = {name: value for name, value in env.items() if name != "PYTHONDONTWRITEBYTECODE"}
    started = time.perf_counter()
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def median(command: list[str], env: dict[str, str], times: int) -> tuple[float, float, float]:
    runs = [run(command, env) for _ in range(times)]
    return (
        statistics.median(r[0] for r in runs),
        statistics.median(r[1] for r in runs),
        max(r[2] for r in runs),
    )


def save_median_ms() -> float:
    """Median ms to save after one answer on a 40-question session (benchmarks/save.py)."""
    done = subprocess.run(
        [sys.executable, str(HERE / "save.py")], capture_output=True, text=True, check=True
    )
    return float(done.stdout.strip())


def measure(size: int, base: Path) -> dict[str, tuple[float, float, float]]:
    folder = base / f"s{size}"
    if len(list(folder.glob("*.yaml"))) != size:  # --folders: generated once, kept
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, str(HERE / "generate.py"), str(size), str(folder)], check=True
        )
        print(
            f"generated {size} sessions in {time.perf_counter() - started:.0f} s", file=sys.stderr
        )
    state = base / "state"  # reflect's private state (the index): removed for a cold start
    shutil.rmtree(state, ignore_errors=True)
    time.sleep(0.5)  # past the index's settle window, as for any folder not written this instant
    env = {**os.environ, "REFLECT_SESSIONS_DIR": str(folder), "COLUMNS": "200"}
    env["XDG_STATE_HOME"] = str(state)
    figures = {"list -n 10, cold (builds the index)": run([*REFLECT, "list", "-n", "10"], env)}
    figures["list -n 10"] = median([*REFLECT, "list", "-n", "10"], env, 7)
    figures["list --json (all)"] = median([*REFLECT, "list", "--json"], env, 3)
    figures["search, broad (both words in most answers)"] = median(
        [*REFLECT, "search", "space calendar"], env, 5
    )
    figures["search, narrow (no match)"] = median([*REFLECT, "search", "no such phrase"], env, 5)
    figures["export --format md (all)"] = median([*REFLECT, "export", "--format", "md"], env, 3)
    figures["export --format html (all)"] = median([*REFLECT, "export", "--format", "html"], env, 3)
    figures["export --format csv (all)"] = median([*REFLECT, "export", "--format", "csv"], env, 3)
    # The evaluator's rollup: every question of the protocol by school year, commitments.
    evaluation = ["trends", "--protocol", "equitable-partnerships"]
    figures["trends --protocol equitable-partnerships"] = median([*REFLECT, *evaluation], env, 5)
    figures["trends --protocol equitable-partnerships --json"] = median(
        [*REFLECT, *evaluation, "--json"], env, 5
    )
    # Redacted: the pseudonym key in a throwaway config folder, never the user's own.
    env["XDG_CONFIG_HOME"] = str(base / "config")
    figures["export --format md --redact (all)"] = median(
        [*REFLECT, "export", "--format", "md", "--redact"], env, 3
    )
    figures["export last (one session)"] = median([*REFLECT, "export", "last"], env, 5)
    figures["export last --redact (one session)"] = median(
        [*REFLECT, "export", "last", "--redact"], env, 5
    )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument(
        "--folders", type=Path, help="keep generated folders here (reused when present)"
    )
    args = parser.parse_args()
    env = dict(os.environ)
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import compileall, pathlib, reflect_cli; "
            "compileall.compile_dir(pathlib.Path(reflect_cli.__file__).parent, quiet=1)",
        ],
        check=True,
    )
    typer_s, typer_cpu, _ = median([sys.executable, "-c", "import typer"], env, 15)
    version_s, version_cpu, version_mb = median([*REFLECT, "--version"], env, 15)
    help_s, help_cpu, _ = median([*REFLECT, "--help"], env, 15)
    with tempfile.TemporaryDirectory() as temp:
        base = args.folders or Path(temp)
        save_ms = save_median_ms()
        results = {size: measure(size, base) for size in args.sizes}

    print("| what | " + " | ".join(f"{size:,} sessions" for size in args.sizes) + " |")
    print("| --- |" + " --- |" * len(args.sizes))
    for label in results[args.sizes[0]]:
        cells = [
            "{:.2f} s ({:.2f} s CPU), {:.0f} MB".format(*results[s][label]) for s in args.sizes
        ]
        print(f"| `reflect {label}` | " + " | ".join(cells) + " |")
    print()
    print(f"- `python -c 'import typer'`: {typer_s * 1000:.0f} ms ({typer_cpu * 1000:.0f} ms CPU)")
    print(
        f"- `reflect --version`: {version_s * 1000:.0f} ms ({version_cpu * 1000:.0f} ms CPU), "
        f"{version_mb:.0f} MB"
    )
    print(f"- `reflect --help`: {help_s * 1000:.0f} ms ({help_cpu * 1000:.0f} ms CPU)")
    print(f"- saving after an answer, 40-question session: {save_ms:.2f} ms median")
    for size in args.sizes:
        ratios = ", ".join(
            f"{label}: {results[size][label][0] / version_s:.2f}x wall, "
            f"{results[size][label][1] / version_cpu:.2f}x CPU"
            for label in ("list -n 10", "search, broad (both words in most answers)",
                          "search, narrow (no match)")
        )  # fmt: skip
        print(f"- at {size:,} sessions, against `reflect --version`: {ratios}")
        base = results[size]["list -n 10"]
        trends = ", ".join(
            f"{label}: {results[size][label][0] / base[0]:.2f}x wall, "
            f"{results[size][label][1] / base[1]:.2f}x CPU"
            for label in ("trends --protocol equitable-partnerships",
                          "trends --protocol equitable-partnerships --json")
        )  # fmt: skip
        print(f"- at {size:,} sessions, against `reflect list -n 10`: {trends}")


if __name__ == "__main__":
    main()
