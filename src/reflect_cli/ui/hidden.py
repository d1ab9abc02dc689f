"""Hidden entry (an anonymous rating) and the screen around it.

``getpass`` turns echo off and puts it back when Python sees an exception, but a signal
whose default is to end or stop the process (Ctrl-\\ is SIGQUIT, Ctrl-Z is SIGTSTP, a
``kill``) never reaches that: the terminal was left with echo off. While a hidden line is
read, every such signal first puts the terminal back as it was; then an ending signal
ends the entry as Ctrl-C does (the draft is saved), and Ctrl-Z stops with echo on and
hides again on ``fg``.

``CLEAR`` is what the screen is cleared with between two people: the screen and the
scrollback (``ESC[3J``), so scrolling up shows neither the facilitator's notes nor the
last person's screen.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Callable, Iterator
from types import FrameType
from typing import Any

#: Home, clear the screen, clear the scrollback.
CLEAR = "\x1b[H\x1b[2J\x1b[3J"

#: Signals that end or stop a process by default, and the two a terminal sends.
_SIGNALS = tuple(
    getattr(signal, name)
    for name in (
        "SIGINT",
        "SIGQUIT",
        "SIGTERM",
        "SIGHUP",
        "SIGTSTP",
        "SIGUSR1",
        "SIGUSR2",
        "SIGALRM",
        "SIGPIPE",
    )
    if hasattr(signal, name)
)

Handler = Callable[[int, FrameType | None], Any] | int | signal.Handlers | None


@contextlib.contextmanager
def terminal_restored() -> Iterator[None]:
    """While a hidden line is read: any signal puts the terminal back first."""
    try:
        import termios

        fd = sys.stdin.fileno()
        saved = termios.tcgetattr(fd)
    except (ImportError, OSError, ValueError, AttributeError):
        yield  # not a terminal: nothing to put back
        return
    import termios

    def put_back() -> list[Any] | None:
        with contextlib.suppress(termios.error, OSError):
            now = termios.tcgetattr(fd)
            termios.tcsetattr(fd, termios.TCSADRAIN, saved)
            return now
        return None

    previous: dict[int, Handler] = {}

    def on_signal(signum: int, frame: FrameType | None) -> None:
        hidden = put_back()
        handler = previous.get(signum)
        if signum == getattr(signal, "SIGTSTP", None) and handler == signal.SIG_DFL:
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)  # stopped here, echo on; `fg` goes on below
            signal.signal(signum, on_signal)
        if signum == getattr(signal, "SIGTSTP", None) or handler == signal.SIG_IGN:
            if hidden is not None:  # the entry goes on, hidden again
                with contextlib.suppress(termios.error, OSError):
                    termios.tcsetattr(fd, termios.TCSADRAIN, hidden)
            return
        if callable(handler):  # Ctrl-C's KeyboardInterrupt, the hang-up that saves
            handler(signum, frame)
        raise KeyboardInterrupt  # ended like Ctrl-C: the draft is saved

    try:
        for sig in _SIGNALS:
            previous[sig] = signal.signal(sig, on_signal)
    except ValueError:  # not the main thread: signals cannot be caught here
        pass
    try:
        yield
    finally:
        for sig, handler in previous.items():
            if signal.getsignal(sig) is on_signal:  # a handler that ran (hang-up) set its own
                signal.signal(sig, handler if handler is not None else signal.SIG_DFL)
        put_back()
