"""The one error family of reflect: raised below the CLI, reported once by it."""

from __future__ import annotations

from reflect_cli.i18n.messages import _


class ReflectError(Exception):
    """A problem the user can act on; the CLI prints it as one line and exits 2."""

    exit_code = 2


class ProtocolError(ReflectError):
    """A protocol file is missing, unreadable or invalid.

    ``problems`` holds one ``file:line: message`` string per problem found.
    """

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


class RecordError(ReflectError):
    """A session record cannot be read or written."""


class StoreError(ReflectError):
    """The sessions folder cannot be used (permissions, full disk, missing id)."""


class InputError(ReflectError):
    """Options or an answers file are missing or invalid."""


class SessionInterrupted(ReflectError):
    """The facilitator stopped a session (Ctrl-C, Ctrl-D, /pause); the draft is saved."""

    def __init__(self, session_id: str, exit_code: int, reason: str) -> None:
        self.session_id = session_id
        self.exit_code = exit_code
        self.reason = reason
        super().__init__(
            _("{reason}. Session saved as a draft; continue with: reflect resume {id}").format(
                reason=reason, id=session_id
            )
        )
