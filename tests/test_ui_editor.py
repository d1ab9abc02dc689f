"""The editor's file holds private text: it is made in the sessions folder's private folder
(0600, never through a link), never in /tmp, and removed after; text the editor saved
that cannot be taken is kept aside in its kept/ and the message names where."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path
from typing import Any

import pytest
import yaml

from reflect_cli.errors import InputError
from reflect_cli.records.home import where_home as private_home
from reflect_cli.ui.rich_console import RichConsole

NOTE = "Nguyễn Thị Lan: Jo seemed hesitant, ask Ravi privately"


def _editor(tmp_path: Path, status: int = 0, append: str = NOTE) -> Path:
    """A real editor substitute: notes the file it was given and its mode, appends a
    line (as a person would), and exits with ``status``."""
    script = tmp_path / "editor.sh"
    seen = tmp_path / "seen.txt"
    script.write_text(
        "#!/bin/sh\n"
        f'printf "%s %s\\n" "$1" "$(stat -c %a "$1")" > "{seen}"\n'
        f"printf '%s\\n' '{append}' >> \"$1\"\n"
        f"exit {status}\n",
        encoding="utf-8",
    )
    script.chmod(0o700)
    return script


def _seen(tmp_path: Path) -> tuple[Path, str]:
    path, mode = (tmp_path / "seen.txt").read_text(encoding="utf-8").split()
    return Path(path), mode


@pytest.fixture
def folder(sessions_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The sessions folder, and an empty TMPDIR that must stay empty."""
    sessions_dir.mkdir(mode=0o700)
    (tmp_path / "tmp").mkdir()
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    monkeypatch.delenv("EDITOR", raising=False)
    return sessions_dir


def test_the_editor_s_file_is_private_in_reflect_and_removed_after(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VISUAL", str(_editor(tmp_path)))
    edited = RichConsole(folder).edit("mh: first line")
    assert edited == f"mh: first line\n{NOTE}"
    path, mode = _seen(tmp_path)
    assert path.parent == private_home(folder) / "editing" and mode == "600"
    assert not path.exists() and list(path.parent.iterdir()) == []
    assert list((tmp_path / "tmp").iterdir()) == []  # nothing in the temporary folder


def test_a_private_folder_that_is_a_link_is_never_written_through(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reflect_cli.errors import StoreError

    outside = tmp_path / "outside"
    outside.mkdir()
    private_home(folder).parent.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(private_home(folder), ignore_errors=True)
    private_home(folder).symlink_to(outside)
    monkeypatch.setenv("VISUAL", str(_editor(tmp_path)))
    with pytest.raises(StoreError, match="no private place"):
        RichConsole(folder).edit("x")
    assert list(outside.iterdir()) == []


def test_an_editor_that_fails_after_saving_keeps_the_text_aside(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VISUAL", str(_editor(tmp_path, status=1)))
    with pytest.raises(InputError) as caught:
        RichConsole(folder).edit("mh: first line")
    (kept,) = (private_home(folder) / "kept").iterdir()
    assert f"exited with status 1; what it saved is kept in {kept}" in str(caught.value)
    assert kept.read_text(encoding="utf-8") == f"mh: first line\n{NOTE}\n"
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert list((private_home(folder) / "editing").iterdir()) == []


def test_an_editor_that_fails_without_saving_keeps_nothing(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VISUAL", "false")
    with pytest.raises(InputError, match="exited with status 1; nothing changed"):
        RichConsole(folder).edit("mh: first line")
    assert not (private_home(folder) / "kept").exists()


def test_a_refused_edit_not_taken_up_again_is_kept_and_named(
    cli: Any, sessions: dict[str, str], sessions_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`reflect edit`: the edited YAML is refused (invalid) and, with no terminal to ask
    again on, the facilitator's edit is kept in the private kept/, named in the message."""
    path = sessions_dir / f"{sessions['first']}.yaml"
    before = path.read_bytes()
    sed = shutil.which("sed")
    monkeypatch.setenv("VISUAL", f"{sed} -i 's/^status:.*/status: [broken\\n# {NOTE}/'")
    result = cli("edit", sessions["first"])
    assert result.exit_code == 2 and path.read_bytes() == before
    (kept,) = (private_home(sessions_dir) / "kept").iterdir()
    assert f"your edit is kept in {kept}" in " ".join(result.stderr.split())
    text = kept.read_text(encoding="utf-8")
    assert f"# {NOTE}" in text and "status: [broken" in text
    assert yaml.safe_load(before.decode())["id"] in text
    assert os.listdir(private_home(sessions_dir) / "editing") == []


def test_edit_in_a_meeting_uses_the_folder_s_private_file(folder: Path, tmp_path: Path) -> None:
    """The meeting's /edit, in a real pseudo-terminal, with an editor script: the file it
    is given is in the private editing/ (0600), the answer takes the added line, and the
    file is gone afterwards; nothing is left in the temporary folder."""
    import pexpect
    import yaml as yaml_module

    from conftest import MINIMAL_PROTOCOL
    from test_typed_input_tty import _setup, _spawn

    protocol = tmp_path / "tiny.yaml"
    protocol.write_text(MINIMAL_PROTOCOL.replace("\n    ", "\n").lstrip("\n"), encoding="utf-8")
    editor = _editor(tmp_path)
    child, _ = _spawn(folder, protocol, "C.UTF-8", VISUAL=str(editor), TMPDIR=str(tmp_path / "tmp"))
    _setup(child)
    child.expect_exact(b"> ")
    child.send(b"mh: we share the gym\r")
    child.expect_exact(b"> ")
    child.send(b"/edit\r")
    child.expect_exact(b"Answer updated")
    child.expect_exact(b"> ")
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    path, mode = _seen(tmp_path)
    assert path.parent == private_home(folder) / "editing" and mode == "600"
    assert not path.exists()
    assert list((tmp_path / "tmp").iterdir()) == []
    (record,) = folder.glob("*.yaml")
    answer = yaml_module.safe_load(record.read_text(encoding="utf-8"))["domains"][0]
    assert answer["questions"][0]["answer"] == f"mh: we share the gym\n{NOTE}"
