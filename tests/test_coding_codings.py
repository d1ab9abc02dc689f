"""A coder's file is read from the folder's own ``codings/``: a ``codings`` that is a
link (committed by anyone) is never read through (its target's text never shown)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from reflect_cli.coding import codings
from reflect_cli.errors import InputError


def test_a_linked_codings_folder_is_never_read_through(
    sessions_dir: Path, tmp_path: Path, cli: Any
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "victim.yaml").write_text("secret words of someone else\n")
    sessions_dir.mkdir()
    (sessions_dir / "codings").symlink_to(outside)
    with pytest.raises(InputError, match="symbolic link"):
        codings.load(sessions_dir, "victim")
    done = cli("codes", "report", "--json")
    assert "secret words" not in done.stdout + done.stderr
    assert (outside / "victim.yaml").read_text() == "secret words of someone else\n"
