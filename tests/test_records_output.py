"""Writing -o PATH: a regular file is replaced atomically; a device or a pipe is never
replaced by a file; a link is never written through; a folder, YAML and `.reflect/` are
refused."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reflect_cli.errors import InputError
from reflect_cli.records.output import check_output, write_output


def test_a_new_file_is_written_owner_only(tmp_path: Path) -> None:
    target = tmp_path / "summary.md"
    write_output(target, ["# a\n", "b\n"], force=False)
    assert target.read_text() == "# a\nb\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_an_existing_file_needs_force(tmp_path: Path) -> None:
    target = tmp_path / "summary.md"
    target.write_text("old")
    with pytest.raises(InputError, match="exists; use --force"):
        check_output(target, force=False)
    with pytest.raises(InputError, match="exists; use --force"):
        write_output(target, "new", force=False)
    assert target.read_text() == "old"
    write_output(target, b"%PDF new", force=True)
    assert target.read_bytes() == b"%PDF new"


def test_a_device_is_written_into_never_replaced(tmp_path: Path) -> None:
    # A private /dev/null: as root, replacing the real one breaks the whole machine.
    null = tmp_path / "null"
    os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    write_output(null, "anything", force=False)
    write_output(null, "anything", force=True)
    assert stat.S_ISCHR(os.lstat(null).st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["null"]  # no temporary left beside it


@pytest.mark.parametrize("force", [False, True])
def test_a_link_is_never_written_through(tmp_path: Path, force: bool) -> None:
    record = tmp_path / "sessions" / "2026-11-22-northgate-1a2b.yaml"
    record.parent.mkdir()
    record.write_text("schema: reflect/session-v1\n")
    outside = tmp_path / "outside"
    outside.mkdir()
    to_record = tmp_path / "sessions" / "record.md"
    to_record.symlink_to(record)
    dangling = tmp_path / "sessions" / "summary.md"  # committed: ../outside/authorized_keys
    dangling.symlink_to(Path("..") / "outside" / "authorized_keys")
    for link in (to_record, dangling):
        with pytest.raises(InputError, match="symbolic link"):
            check_output(link, force=force)
        with pytest.raises(InputError, match="symbolic link"):
            write_output(link, "monica: an answer, word for word\n", force=force)
        assert link.is_symlink()
    assert record.read_text() == "schema: reflect/session-v1\n"
    assert list(outside.iterdir()) == []


def test_a_link_to_a_device_or_to_our_own_output_is_written_into(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    null = tmp_path / "null"
    os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    link = tmp_path / "to-null.md"
    link.symlink_to(null)
    write_output(link, "anything", force=False)
    assert link.is_symlink() and stat.S_ISCHR(os.lstat(null).st_mode)
    # /dev/stdout is a link to this process's standard output (a file, under pytest).
    write_output(Path("/dev/stdout"), "to standard output\n", force=False)
    assert capfd.readouterr().out == "to standard output\n"


def test_a_name_swapped_for_a_regular_file_is_never_written_into(tmp_path: Path) -> None:
    from reflect_cli.records import output
    from reflect_cli.records.output_place import opened

    kept = tmp_path / "summary.md"
    kept.write_text("kept")
    with pytest.raises(InputError, match="changed while writing"), opened(kept) as place:
        os.close(output._open_into(place, False))  # the check on the opened descriptor
    assert kept.read_text() == "kept"


@pytest.mark.parametrize("name", ["x.yaml", "x.YML", ".reflect/kept/x.md", ".reflect"])
def test_a_record_or_reflects_own_folder_is_never_written(tmp_path: Path, name: str) -> None:
    (tmp_path / ".reflect" / "kept").mkdir(parents=True)
    target = tmp_path / name
    with pytest.raises(InputError):
        write_output(target, "x", force=True)
    assert not target.is_file()


RECORD_ID = "2026-11-22-northgate-1a2b"


def _record_pair(folder: Path, suffix: str = ".yaml") -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    record, markdown = folder / f"{RECORD_ID}{suffix}", folder / f"{RECORD_ID}.md"
    record.write_text("schema: reflect/session-v1\n")
    markdown.write_text("# the record's own rendering\n")
    return record, markdown


#: Ways to go on from a path naming the sessions folder that still name it: ``.``, out
#: and back in, out through a sibling and back in.
_DETOURS = st.lists(st.sampled_from(["/.", "/../sessions", "/../other/../sessions"]), max_size=3)


@settings(max_examples=60, deadline=None)
@given(
    detours=_DETOURS,
    absolute=st.booleans(),
    suffix=st.sampled_from([".md", ".MD", ".Md"]),
    record_suffix=st.sampled_from([".yaml", ".yml"]),
    force=st.booleans(),
    exists=st.booleans(),
)
def test_a_records_own_markdown_is_never_written_however_it_is_spelled(
    detours: list[str],
    absolute: bool,
    suffix: str,
    record_suffix: str,
    force: bool,
    exists: bool,
) -> None:
    """``sessions/<id>.md`` beside ``sessions/<id>.yaml`` is the record's pair: refused
    through ``..``, ``./``, an absolute path or another case of the suffix, with or
    without --force, there yet or not; nothing in the folder changes."""
    import tempfile

    with tempfile.TemporaryDirectory() as top:
        root = Path(top)
        (root / "other").mkdir()
        sessions = root / "sessions"
        record, markdown = _record_pair(sessions, record_suffix)
        if not exists:
            markdown.unlink()
        typed = Path("sessions" + "".join(detours)) / f"{RECORD_ID}{suffix}"
        previous = os.getcwd()
        os.chdir(root)
        try:
            for target in (root / typed if absolute else typed,):
                with pytest.raises(InputError, match="Markdown of the record"):
                    check_output(target, force=force)
                with pytest.raises(InputError, match="Markdown of the record"):
                    write_output(target, "an export over the record's pair\n", force=force)
        finally:
            os.chdir(previous)
        assert record.read_text() == "schema: reflect/session-v1\n"
        if exists:
            assert markdown.read_text() == "# the record's own rendering\n"
        names = {p.name for p in sessions.iterdir()}
        assert names == {record.name, markdown.name} if exists else {record.name}


@pytest.mark.parametrize("name", [f"{RECORD_ID}.md", f"{RECORD_ID}.MD", "tables.yaml"])
def test_a_data_package_folder_never_takes_a_records_name(tmp_path: Path, name: str) -> None:
    from reflect_cli.records.output_folder import write_folder

    _, markdown = _record_pair(tmp_path / "sessions")
    markdown.unlink()  # not there yet: the name is still the record's
    for force in (False, True):
        with pytest.raises(InputError, match=r"Markdown of the record|never writes YAML"):
            write_folder(tmp_path / "sessions" / name, {"a.csv": "x\n"}, force=force)
    assert [p.name for p in (tmp_path / "sessions").iterdir()] == [f"{RECORD_ID}.yaml"]


def test_a_markdown_file_with_no_record_beside_it_is_written(tmp_path: Path) -> None:
    _, markdown = _record_pair(tmp_path / "sessions")
    for name in ("summary.md", f"{RECORD_ID}-summary.md", f"{RECORD_ID}.html"):
        write_output(tmp_path / "sessions" / name, "x\n", force=False)
    (tmp_path / "elsewhere").mkdir()  # the same name in another folder is not the pair
    write_output(tmp_path / "elsewhere" / markdown.name, "x\n", force=False)
    assert markdown.read_text() == "# the record's own rendering\n"


@pytest.mark.parametrize(
    "typed", ["kept/x.md", "x.md", "folders/s/index.sqlite", "../x/../reflect/k.md"]
)
def test_reflects_private_state_folder_is_never_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, typed: str
) -> None:
    """The index, rounds under way and kept text live in the state folder: ``-o`` into
    it (however the path is spelled, from inside it too) is refused."""
    from reflect_cli.records.home import state_root
    from reflect_cli.records.output_folder import write_folder

    (state_root() / "kept").mkdir(parents=True)
    (state_root() / "folders" / "s").mkdir(parents=True)
    (state_root().parent / "x").mkdir()
    before = sorted(state_root().rglob("*"))
    with pytest.raises(InputError, match="state folder"):
        write_output(state_root() / typed, "x", force=True)
    with pytest.raises(InputError, match="state folder"):
        write_folder(state_root() / typed, {"a.csv": "x\n"}, force=True)
    monkeypatch.chdir(state_root())
    with pytest.raises(InputError, match="state folder"):
        write_output(Path(typed), "x", force=True)
    assert sorted(state_root().rglob("*")) == before


@pytest.mark.parametrize(
    "typed", ["sessions/.git/config", "sessions/.git/hooks/x", "sessions/.git"]
)
def test_a_git_folder_is_never_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, typed: str
) -> None:
    """A repository's config runs commands (core.pager, hooks): ``-o`` never writes there."""
    from reflect_cli.records.output_folder import write_folder

    (tmp_path / "sessions" / ".git" / "hooks").mkdir(parents=True)
    (tmp_path / "sessions" / ".git" / "config").write_text("[core]\n")
    monkeypatch.chdir(tmp_path)
    for target in (Path(typed), tmp_path / typed, Path("sessions/../" + typed)):
        with pytest.raises(InputError, match=r"\.git"):
            write_output(target, "x", force=True)
        with pytest.raises(InputError, match=r"\.git"):
            write_folder(target, {"a.csv": "x\n"}, force=True)
    assert (tmp_path / "sessions" / ".git" / "config").read_text() == "[core]\n"
    assert sorted(p.name for p in (tmp_path / "sessions" / ".git").rglob("*")) == [
        "config",
        "hooks",
    ]


@pytest.mark.parametrize("name", [".gitignore", ".gitattributes", ".GITMODULES", ".mailmap"])
def test_gits_own_files_in_the_tree_are_never_written(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_text("*.yaml\n")
    for force in (False, True):
        with pytest.raises(InputError, match="git's own files"):
            write_output(tmp_path / name, "<html>", force=force)
    assert (tmp_path / name).read_text() == "*.yaml\n"


def test_a_pipe_is_written_when_read_and_refused_when_not(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="no one is reading"):
        write_output(fifo, "x", force=False)  # would hang if opened blocking
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # someone reading, before
    try:
        write_output(fifo, "through the pipe", force=False)
        assert os.read(reader, 100) == b"through the pipe"  # small: all in the pipe
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a folder"):
        write_output(tmp_path, "x", force=True)


def test_export_and_handout_to_a_device_keep_it_a_device(cli: Any, tmp_path: Path) -> None:
    null = tmp_path / "null.html"
    os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    result = cli("protocols", "handout", "partnership-reflection", "-o", str(null))
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISCHR(os.lstat(null).st_mode)
    result = cli("export", "-o", str(null), "--force")
    assert result.exit_code == 2 and "no sessions" in result.stderr  # checked, not replaced
    assert stat.S_ISCHR(os.lstat(null).st_mode)


def test_export_never_follows_a_committed_link(
    cli: Any, sessions: dict[str, str], sessions_dir: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    summary = sessions_dir / "summary.md"
    summary.symlink_to(Path("..") / "outside" / "authorized_keys")
    result = cli("export", "last", "-o", str(summary))
    assert result.exit_code == 2 and "symbolic link" in result.stderr
    assert list(outside.iterdir()) == []
    record = sessions_dir / f"{sessions['first']}.yaml"
    before = record.read_bytes()
    to_record = sessions_dir / "to-record.md"
    to_record.symlink_to(record.name)
    result = cli("export", "last", "-o", str(to_record), "--force")
    assert result.exit_code == 2 and "symbolic link" in result.stderr
    assert record.read_bytes() == before
    result = cli("export", "last", "-o", str(record), "--format", "md", "--force")
    assert result.exit_code == 2 and record.read_bytes() == before


def test_export_never_overwrites_a_records_own_markdown(
    cli: Any, sessions: dict[str, str], sessions_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    markdown = sessions_dir / f"{sessions['second']}.md"
    before = markdown.read_bytes()
    monkeypatch.chdir(sessions_dir.parent)
    for typed in (
        f"sessions/{markdown.name}",
        f"sessions/../sessions/./{markdown.name}",
        str(markdown),
    ):
        result = cli("export", "last", "-o", typed, "--force")
        assert result.exit_code == 2, result.stdout
        assert result.stderr.count("\n") == 1 and "Markdown of the record" in result.stderr
        assert result.stdout == ""
    assert markdown.read_bytes() == before


def test_a_linked_folder_on_the_way_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``sessions/reports -> ../outside`` committed: no -o through it, new file or not,
    relative or absolute below the current folder, nor through ``reports/..``."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (tmp_path / "sessions").mkdir()
    (tmp_path / "sessions" / "reports").symlink_to(Path("..") / "outside")
    monkeypatch.chdir(tmp_path)
    for typed in (
        Path("sessions/reports/summary.md"),
        Path("sessions/reports/../x.md"),
        tmp_path / "sessions" / "reports" / "summary.md",
    ):
        for force in (False, True):
            with pytest.raises(InputError, match="symbolic link"):
                write_output(typed, "x\n", force=force)
    assert list(outside.iterdir()) == []
    write_output(Path("sessions/summary.md"), "x\n", force=False)  # real folders: written
    assert (tmp_path / "sessions" / "summary.md").read_text() == "x\n"


@pytest.mark.parametrize(
    "command",
    [
        ("export", "last", "-f", "md"),
        ("export", "last", "-f", "html"),
        ("export", "last", "-f", "csv"),
        ("export", "last", "-f", "json"),
        ("snapshot",),
        ("codes", "export"),
    ],
)
def test_every_command_with_o_refuses_a_linked_folder(
    cli: Any,
    sessions: dict[str, str],
    sessions_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: tuple[str, ...],
) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (sessions_dir / "reports").symlink_to(outside)
    monkeypatch.chdir(sessions_dir.parent)
    name = "codes.qdc" if command[0] == "codes" else "summary.md"
    result = cli(*command, "-o", str(Path(sessions_dir.name) / "reports" / name))
    assert result.exit_code == 2 and "symbolic link" in result.stderr, result.stderr
    assert list(outside.iterdir()) == []


def _cwd_elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The current folder is not above the paths written: absolute paths, typed whole."""
    elsewhere = tmp_path / "cwd"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)


@pytest.mark.parametrize("names_lie", [False, True], ids=["", "name checks fooled"])
def test_absolute_paths_outside_the_current_folder_never_pass_a_link(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, names_lie: bool
) -> None:
    """Real links under tmp_path, the current folder elsewhere: a linked folder on the way,
    a dangling link and a link to a record as the file, for a file and a data package.
    With ``os.path.islink`` and ``realpath`` made to say there is no link at all, the
    refusal still holds: it comes from the descriptors opened, not from names checked."""
    from reflect_cli.records.output_folder import write_folder

    _cwd_elsewhere(tmp_path, monkeypatch)
    outside, shared = tmp_path / "outside", tmp_path / "shared"
    outside.mkdir()
    shared.mkdir()
    record = shared / "2026-11-22-x.yaml"
    record.write_text("kept")
    (shared / "reports").symlink_to(outside)
    (shared / "dangling.md").symlink_to(outside / "authorized_keys")
    (shared / "to-record.md").symlink_to(record)
    (shared / "package").symlink_to(outside)
    if names_lie:
        monkeypatch.setattr(os.path, "islink", lambda _p: False)
        monkeypatch.setattr(os.path, "realpath", lambda p, **_k: os.fspath(p))
    for force in (False, True):
        for typed in (shared / "reports" / "summary.md", shared / "reports" / ".." / "x.md"):
            with pytest.raises(InputError, match="symbolic link"):
                write_output(typed, "x\n", force=force)
            with pytest.raises(InputError, match="link"):
                write_folder(typed.with_suffix(""), {"a.csv": "x\n"}, force=force)
        for link in (shared / "dangling.md", shared / "to-record.md"):
            with pytest.raises(InputError, match="symbolic link"):
                write_output(link, "x\n", force=force)
        with pytest.raises(InputError, match="symbolic link"):
            write_folder(shared / "package", {"a.csv": "x\n"}, force=force)
    assert list(outside.iterdir()) == [] and record.read_text() == "kept"
    write_output(shared / "summary.md", "x\n", force=False)  # a real folder: written
    write_folder(shared / "tables", {"a.csv": "x\n"}, force=False)
    assert (shared / "tables" / "a.csv").read_text() == "x\n"


def test_a_data_package_is_never_written_inside_reflects_own_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reflect_cli.records.output_folder import write_folder

    _cwd_elsewhere(tmp_path, monkeypatch)
    (tmp_path / "sessions" / ".reflect" / "kept").mkdir(parents=True)
    for typed in ("sessions/.reflect/tables", "sessions/.reflect/kept/tables"):
        with pytest.raises(InputError, match=r"\.reflect"):
            write_folder(tmp_path / typed, {"a.csv": "x\n"}, force=True)
    monkeypatch.chdir(tmp_path / "sessions" / ".reflect" / "kept")
    with pytest.raises(InputError, match=r"\.reflect"):
        write_folder(Path("tables"), {"a.csv": "x\n"}, force=True)
    with pytest.raises(InputError, match=r"\.reflect"):
        write_output(Path("../../summary.md").parent / ".reflect" / "x.md", "x\n", force=True)
    assert [p.name for p in (tmp_path / "sessions").rglob("*")] == [".reflect", "kept"]


@pytest.mark.parametrize("holds", ["record.yaml", "codebook.yaml", "old.YML", ".reflect"])
@pytest.mark.parametrize("force", [False, True])
def test_a_data_package_is_never_written_among_records(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, holds: str, force: bool
) -> None:
    from reflect_cli.records.output_folder import check_folder, write_folder

    sessions = tmp_path / "sessions"
    sessions.mkdir()
    if holds == ".reflect":
        (sessions / holds).mkdir()
    else:
        (sessions / holds).write_text("schema: reflect/session-v1\n")
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    for typed in (
        sessions,
        Path("../sessions"),
        Path("../sessions/../sessions"),
        Path("..") / ".." / tmp_path.name / "sessions",
    ):
        with pytest.raises(InputError, match="holds session records"):
            check_folder(typed, force=force)
        with pytest.raises(InputError, match="holds session records"):
            write_folder(typed, {"answers.csv": "x\n"}, force=force)
    assert sorted(p.name for p in sessions.iterdir()) == [holds]
    write_folder(sessions / "tables", {"answers.csv": "x\n"}, force=force)  # its own folder
    assert (sessions / "tables" / "answers.csv").read_text() == "x\n"


def test_export_of_a_data_package_into_the_sessions_folder_is_refused(
    cli: Any, sessions: dict[str, str], sessions_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = sorted(p.name for p in sessions_dir.iterdir())
    monkeypatch.chdir(sessions_dir.parent)
    for force in ((), ("--force",)):
        result = cli("export", "-f", "datapackage", "-o", "sessions", *force)
        assert result.exit_code == 2, result.stdout
        assert result.stderr.count("\n") == 1 and "holds session records" in result.stderr
    assert sorted(p.name for p in sessions_dir.iterdir()) == before
    result = cli("export", "-f", "datapackage", "-o", "sessions/tables")
    assert result.exit_code == 0, result.stderr
    assert (sessions_dir / "tables" / "datapackage.json").is_file()


#: How a generated path is built: each folder real, or a link to a folder outside, a
#: dangling link, or a link to a record.
LINKS = ["folder", "dangling", "record"]


@settings(max_examples=60, deadline=None)
@given(
    depth=st.integers(0, 3),
    linked=st.integers(0, 4),
    kind=st.sampled_from(LINKS),
    absolute=st.booleans(),
    force=st.booleans(),
    package=st.booleans(),
)
def test_a_generated_path_through_any_link_writes_nothing_outside(
    depth: int, linked: int, kind: str, absolute: bool, force: bool, package: bool
) -> None:
    """Any chain of folders, one of them (or the file's own name) a link of any kind,
    typed absolute or relative: refused, and nothing outside or in the record changes."""
    import tempfile

    from reflect_cli.records.output_folder import write_folder

    with tempfile.TemporaryDirectory() as top:
        root = Path(top)
        outside, record = root / "outside", root / "record.yaml"
        outside.mkdir()
        record.write_text("kept")
        here = root / "shared"
        here.mkdir()
        parts = []
        for level in range(depth + 1):
            name = f"f{level}"
            if level == min(linked, depth):
                target = {"folder": outside, "dangling": outside / "nothing", "record": record}
                (here / name).symlink_to(target[kind])
                parts.append(name)
                break
            (here / name).mkdir()
            here, parts = here / name, [*parts, name]
        tail = Path(*parts)
        typed = (root / "shared" / tail) if absolute else Path("shared") / tail
        if linked <= depth:
            typed = typed / "summary.md"  # the link is a folder on the way
        previous = os.getcwd()
        os.chdir(root if not absolute else outside)
        try:
            with pytest.raises(InputError, match="link"):
                if package:
                    write_folder(typed, {"a.csv": "x\n"}, force=force)
                else:
                    write_output(typed, "x\n", force=force)
        finally:
            os.chdir(previous)
        assert list(outside.iterdir()) == [] and record.read_text() == "kept"
