"""No lost updates: edits check the record did not change, live sessions hold a lock."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pexpect
import pytest
import yaml

from conftest import make_session
from reflect_cli.records.holding import RecordBusy, RecordChanged
from reflect_cli.records.home import where_home as private_home
from reflect_cli.records.store import Store

ENV_KEYS = {"NO_COLOR": "1", "COLUMNS": "200"}


def spawn(sessions: Path, *args: str) -> pexpect.spawn:
    env = {**os.environ, "REFLECT_SESSIONS_DIR": str(sessions), **ENV_KEYS}
    return pexpect.spawn(
        sys.executable, ["-m", "reflect_cli", *args], env=env, encoding="utf-8", timeout=20
    )


def test_two_stores_editing_one_record(sessions_dir: Path) -> None:
    sid = make_session(sessions_dir, "partnership-reflection")
    first, second = Store(sessions_dir), Store(sessions_dir)
    mine, theirs = first.load(sid), second.load(sid)
    theirs.site = "Their change"
    assert second.save(theirs)
    mine.facilitator = "My change"
    with pytest.raises(RecordChanged, match="changed on disk"):
        first.save(mine)
    assert yaml.safe_load(first.path(sid).read_text())["site"] == "Their change"


def write_editor(tmp_path: Path, record: Path) -> str:
    """An $EDITOR that edits its file while someone else saves the record meanwhile."""
    script = tmp_path / "editor.sh"
    script.write_text(
        textwrap.dedent(f"""\
            #!/bin/sh
            sed -i 's/Alex Rivera/Sam Lee/' "$1"
            {sys.executable} - <<'EOF'
            from pathlib import Path
            p = Path({str(record)!r})
            p.write_text(p.read_text().replace("site: Northgate Elementary", "site: Other"))
            EOF
            """)
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return str(script)


def test_edit_refuses_when_the_record_changed_meanwhile(
    cli: Any, sessions_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sid = make_session(sessions_dir, "partnership-reflection")
    record = sessions_dir / f"{sid}.yaml"
    monkeypatch.setenv("EDITOR", write_editor(tmp_path, record))
    monkeypatch.delenv("VISUAL", raising=False)
    result = cli("edit", sid)
    assert result.exit_code == 2
    (line,) = result.stderr.strip().splitlines()
    assert "changed on disk" in line and "kept in" in line
    kept = Path(line.rsplit("kept in ", 1)[1])
    assert kept.parent == private_home(sessions_dir) / "kept"  # not /tmp
    assert "facilitator: Sam Lee" in kept.read_text()
    assert kept.stat().st_mode & 0o777 == 0o600
    now = yaml.safe_load(record.read_text())
    assert now["site"] == "Other" and now["facilitator"] == "Alex Rivera"  # theirs, not lost


def start_live(sessions_dir: Path) -> tuple[pexpect.spawn, Path]:
    child = spawn(sessions_dir, "start", "--collaborative", "Live Collab", "--date", "2026-11-22")
    for prompt, reply in (("Site", "Northgate"), ("Facilitator", "Alex Rivera")):
        child.expect_exact(prompt)
        child.sendline(reply)
    child.expect_exact("participant> ")
    child.sendline("Monica Haugen | Seattle Parks and Recreation | Site lead | mh | other")
    child.expect_exact("participant> ")
    child.sendline("")
    child.expect_exact("Done (n to skip)?")
    child.sendline("y")
    child.expect_exact("question 1 of 8")
    child.expect_exact("> ")
    (record,) = sessions_dir.glob("*.yaml")
    return child, record


@pytest.mark.slow
def test_edit_of_a_live_session_is_refused_until_it_ends(
    cli: Any, sessions_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    child, record = start_live(sessions_dir)
    monkeypatch.setenv("EDITOR", f"{shutil.which('sed')} -i 's/Alex Rivera/Sam Lee/'")
    monkeypatch.delenv("VISUAL", raising=False)
    refused = cli("edit", "last")
    assert refused.exit_code == 2 and "live session" in refused.stderr
    child.sendline("mh: still typing")  # the session goes on saving, lock and all
    child.expect_exact("> ")
    assert cli("edit", "last").exit_code == 2
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    done = cli("edit", "last")
    assert done.exit_code == 0, done.stderr
    saved = yaml.safe_load(record.read_text())
    assert saved["facilitator"] == "Sam Lee"
    assert saved["domains"][0]["questions"][0]["answer"] == "mh: still typing"


@pytest.mark.slow
def test_a_live_session_whose_record_changed_stops_without_overwriting(
    sessions_dir: Path,
) -> None:
    child, record = start_live(sessions_dir)
    text = record.read_text().replace("site: Northgate", "site: Changed by git pull")
    temp = record.with_name(".incoming")
    temp.write_text(text)
    os.replace(temp, record)  # as git does: a new file in its place
    child.sendline("mh: typed after the change")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 2
    assert "changed on disk" in child.before
    kept = Path(child.before.split("kept in ")[1].split()[0])
    assert "mh: typed after the change" in kept.read_text()  # nothing typed is lost
    assert yaml.safe_load(record.read_text())["site"] == "Changed by git pull"


def test_store_lock_is_held_while_live_and_released_after(sessions_dir: Path) -> None:
    sid = make_session(sessions_dir, "partnership-reflection")
    path = sessions_dir / f"{sid}.yaml"
    live = Store(sessions_dir)
    with live.live():
        live.hold(path)
        session = live.load_path(path)
        with pytest.raises(RecordBusy):
            Store(sessions_dir).check_free(path)
        session.site = "Saved while live"
        assert live.save(session)
        with pytest.raises(RecordBusy):  # the lock moved to the new file with the save
            Store(sessions_dir).check_free(path)
        other = Store(sessions_dir)
        theirs = other.load_path(path)
        theirs.site = "Not while live"
        with pytest.raises(RecordBusy):
            other.save(theirs)
    Store(sessions_dir).check_free(path)
    assert yaml.safe_load(path.read_text())["site"] == "Saved while live"


ANSWERS = """\
collaborative: Busy Collaborative {n}
facilitator: Alex Rivera
date: 2026-11-{day:02d}
participants: ["Monica Haugen | Seattle Parks and Recreation | Site lead | mh"]
answers:
  shared-values: "mh: said in session {n}"
"""


@pytest.mark.slow
def test_lists_while_sessions_are_written(sessions_dir: Path, tmp_path: Path) -> None:
    env = {**os.environ, "REFLECT_SESSIONS_DIR": str(sessions_dir), **ENV_KEYS}
    reflect = [sys.executable, "-m", "reflect_cli"]
    Store(sessions_dir).ensure()
    processes = []
    for n in range(20):
        answers = tmp_path / f"answers-{n}.yaml"
        answers.write_text(ANSWERS.format(n=n, day=n + 1))
        start = [*reflect, "start", "--no-input", "--answers", str(answers)]
        for command in (start, [*reflect, "list", "--json"]):
            processes.append(
                subprocess.Popen(
                    command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
                )
            )
    for process in processes:
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, (process.args, err)
        assert "Traceback" not in err
    final = subprocess.run(
        [*reflect, "list", "--json"], env=env, capture_output=True, text=True, check=True
    )
    assert len(json.loads(final.stdout)) == 20
    assert final.stderr == ""
