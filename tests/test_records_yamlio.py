"""The one safe YAML reader: the same limits for records, answers files and protocols.

Alias bombs and deep nesting run in a subprocess under an address-space limit, with
its time and peak memory measured, so a regression fails instead of eating the machine
or crashing the test run.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import BOMB
from reflect_cli.model import ProtocolRef, Session
from reflect_cli.records import codec, yamlio

DEEP = {
    "flow": "[" * 30_000 + "]" * 30_000 + "\n",
    "block": "- " * 30_000 + "x\n",
    "mapping": "{a: " * 30_000 + "1" + "}" * 30_000 + "\n",
}


def problem(text: str) -> yamlio.YamlProblem:
    with pytest.raises(yamlio.YamlProblem) as caught:
        yamlio.load(text)
    with pytest.raises(yamlio.YamlProblem) as located:
        yamlio.load_located(text)
    assert (located.value.message, located.value.line) == (caught.value.message, caught.value.line)
    return caught.value


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("a: 1\nb: [\n", "YAML syntax error", 3),
        ("a: 1\na: 2\n", "duplicate key 'a'", 2),
        ("a: &x {b: 1}\nc:\n  <<: *x\n", "merge keys ('<<') are not supported", 3),
        ("a: !!python/object:os.system x\n", "unsupported tag", 1),
        ("a: !!binary aGk=\n", "unsupported tag", 1),
        ("a: !!set {b: null}\n", "unsupported tag", 1),
        ("x: 1\nwhen: 2026-02-30\n", "'2026-02-30' is not a real date", 2),
        ("n: " + "1" * 4301 + "\n", "number too long (4,301 characters)", 1),
        ("a: &a [*a]\n", "an alias refers to a collection that contains it", 1),
        ("[" * 101 + "]" * 101, "nested more than 100 levels deep", 1),
        (BOMB, "expands to more than 100,000 values", 6),
    ],
)
def test_what_is_refused_and_where(text: str, message: str, line: int) -> None:
    found = problem(text)
    assert message in found.message and found.line == line


def test_the_key_is_named_when_a_value_is_refused() -> None:
    assert problem("date: 2026-02-30\n").where("f.yaml") == (
        "f.yaml:1: date: '2026-02-30' is not a real date (YYYY-MM-DD)"
    )


def test_plain_yaml_at_the_limits_still_reads() -> None:
    assert yamlio.load("[" * 100 + "]" * 100) == eval("[" * 99 + "[]" + "]" * 99)
    text = "ok: &a [1, 2]\nagain: *a\nat: AT&T\nindented:\n" + "    " * 30 + "deep text\n"
    assert yamlio.load(text)["again"] == [1, 2]
    assert yamlio.load("v: .inf\n")["v"] == float("inf")  # a number: the decoder decides


def test_read_file_refuses_what_is_not_a_regular_file(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    started = time.monotonic()
    for path in (fifo, Path("/dev/zero"), tmp_path):
        with pytest.raises(yamlio.YamlProblem, match=r"not a regular file|is a folder"):
            yamlio.read_file(path)
    assert time.monotonic() - started < 5  # a blocking open would never return
    big = tmp_path / "big.yaml"
    big.write_bytes(b"#" * (yamlio.MAX_BYTES + 1))
    with pytest.raises(yamlio.YamlProblem, match="file is too large"):
        yamlio.read_file(big)
    with pytest.raises(FileNotFoundError):
        yamlio.read_file(tmp_path / "missing.yaml")


# The child limits its own address space, runs reflect, and reports its own peak memory.
# Not from getrusage: Linux carries ru_maxrss across exec, so a child of a big pytest
# process reports the parent's size (and RUSAGE_CHILDREN is the largest child of the whole
# run, browsers included). VmHWM belongs to the child's own address space.
CHILD = """
import resource, runpy, sys
resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
sys.argv = ["reflect", *sys.argv[1:]]
try:
    runpy.run_module("reflect_cli", run_name="__main__")
finally:
    with open("/proc/self/status") as status:
        peak = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
    print(f"peak-kb {peak}", file=sys.stderr)
"""


def bounded(args: list[str], cwd: Path) -> tuple[int, str, float, float]:
    """Run `reflect ARGS` in a child limited to 1 GB of address space and 20 s: its exit
    status, standard error, seconds and peak memory (MB)."""
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-c", CHILD, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,  # a hang guard; speed lives in benchmarks/, not here
    )
    seconds = time.monotonic() - started
    lines = result.stderr.strip().splitlines()
    assert lines and lines[-1].startswith("peak-kb "), f"died ({result.returncode}): {lines}"
    *lines, last = lines
    return result.returncode, "\n".join(lines), seconds, int(last.split()[1]) / 1024


def inputs(tmp_path: Path, text: str) -> dict[str, tuple[list[str], int]]:
    """The same text as a record (a warning, exit 0), an answers file and a protocol
    (exit 2): each with the command that reads it."""
    sessions = tmp_path / "sessions"
    sessions.mkdir(exist_ok=True)
    (sessions / "2026-01-01-bad-0000.yaml").write_text(text, encoding="utf-8")
    good = Session("2026-01-02-good-0000", ProtocolRef("p", 1, "P"), "Good", "2026-01-02")
    (sessions / "2026-01-02-good-0000.yaml").write_text(codec.dump(good), encoding="utf-8")
    (tmp_path / "answers.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "protocol.yaml").write_text(text, encoding="utf-8")
    return {
        "record": (["--sessions-dir", str(sessions), "list"], 0),
        "answers file": (["start", "--answers", "answers.yaml", "--no-input"], 2),
        "protocol": (["protocols", "validate", "protocol.yaml"], 2),
    }


@pytest.mark.parametrize("case", ["bomb", *DEEP])
def test_bombs_and_deep_nesting_are_refused_fast_and_small(tmp_path: Path, case: str) -> None:
    text = BOMB if case == "bomb" else DEEP[case]
    expected = "alias bomb" if case == "bomb" else "nested more than 100 levels deep"
    for name, (args, status) in inputs(tmp_path, text).items():
        code, stderr, _seconds, peak = bounded(args, tmp_path)
        assert code == status, (name, stderr)
        assert expected in stderr and "Traceback" not in stderr, (name, stderr)
        assert peak < 100, (name, peak)


@pytest.mark.parametrize("case", sorted(DEEP))
def test_deep_nesting_is_told_in_our_words_whichever_parser_refuses_first(case: str) -> None:
    # libyaml's own nesting limit (PyYAML 6.0.4) refuses before it yields an event; what a
    # person is told must not depend on the library's release.
    assert problem(DEEP[case]).message == "nested more than 100 levels deep"
    from reflect_cli.records import yaml_checks

    with pytest.raises(yamlio.YamlProblem, match="nested more than 100 levels deep"):
        yaml_checks._walk_events(DEEP[case], yaml_checks._PureLoader)
