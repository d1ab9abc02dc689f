"""How an interactive command (`start`, `resume`, `code`) stops: always as Ctrl-C does.

The one place their signals are set up. Ctrl-C raises ``KeyboardInterrupt``, which each
command turns into a save, a way to go on (``reflect resume ID``) and status 130. Ctrl-\\
(SIGQUIT) would otherwise end the process at once with a core-dump status (131) and no
word of how to go on; a closed terminal (SIGHUP) or ``kill`` (SIGTERM) likewise without a
save. All of them are taken as Ctrl-C. The hidden rating prompt (``ui/hidden.py``) sets
its own handlers for the moment it reads, and puts these back after.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

#: Sent when the terminal closes or by `kill`: a second one must not cut the save short.
_HANG_UPS = (signal.SIGHUP, signal.SIGTERM)


def _hang_up(signum: int, frame: FrameType | None) -> None:
    # A closed terminal or `kill` saves like Ctrl-C; a second hang-up (a closing
    # terminal may send more than one) must not cut that save short.
    for sig in _HANG_UPS:
        signal.signal(sig, signal.SIG_IGN)
    raise KeyboardInterrupt


def _quit(signum: int, frame: FrameType | None) -> None:
    # Ctrl-\ is a second Ctrl-C key, as people press it to get out: the same save,
    # the same line saying how to go on, the same status.
    raise KeyboardInterrupt


@contextmanager
def like_ctrl_c() -> Iterator[None]:
    """While an interactive command runs: Ctrl-\\, a hang-up and `kill` stop it as
    Ctrl-C does (``KeyboardInterrupt``); the handlers before are put back after."""
    previous = {sig: signal.signal(sig, _hang_up) for sig in _HANG_UPS}
    previous[signal.SIGQUIT] = signal.signal(signal.SIGQUIT, _quit)
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
