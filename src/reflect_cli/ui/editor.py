"""Text edited in the facilitator's editor ($VISUAL, else $EDITOR, else vi), for
``reflect edit`` and the meeting's ``/edit``.

The editor's file is private and lives in the sessions folder's private state folder
(records/editing.py), never in ``/tmp``. Nothing typed in the editor is lost: when the
editor fails after saving something new, that text is kept aside (records/kept.py) and
the message names where.
"""

from __future__ import annotations

import os
import shlex
import subprocess
from collections.abc import Callable
from pathlib import Path

from reflect_cli import typed_text
from reflect_cli.errors import InputError
from reflect_cli.i18n.messages import _
from reflect_cli.records import editing, kept


def editor_command() -> str:
    """The editor the facilitator chose."""
    return os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"


def edit(text: str, folder: Path | None, warn: Callable[[str], None]) -> str:
    """``text`` as the facilitator left it in their editor (``warn`` says when bytes were
    not UTF-8); ``InputError`` when the editor cannot run or fails (what it saved, if
    anything new, kept aside and named)."""
    editor = editor_command()
    before = text + "\n" if text else ""
    with editing.edit_file(folder, before) as file:
        try:
            done = subprocess.run([*shlex.split(editor), str(file.path)], check=False)
        except (OSError, ValueError) as exc:  # not found, or unbalanced quotes in $EDITOR
            reason = getattr(exc, "strerror", None) or exc
            raise InputError(
                _("cannot run the editor {editor}: {reason}").format(
                    editor=repr(editor), reason=reason
                )
            ) from None
        decoded = typed_text.from_bytes(file.read())
    if decoded.undecodable:
        warn(decoded.warning)
    if done.returncode != 0:
        failed = _("the editor ({editor}) exited with status {status}").format(
            editor=editor, status=done.returncode
        )
        if decoded.text == before:
            raise InputError(_("{failed}; nothing changed").format(failed=failed))
        where = kept.keep_aside(folder, decoded.text, "edited")
        raise InputError(
            _("{failed}; what it saved is kept in {place}").format(failed=failed, place=where)
        )
    # Editors end a file with one newline; that is not part of the answer. Every other
    # line break (CRLF too) is kept exactly.
    return decoded.text.removesuffix("\n").removesuffix("\r")
