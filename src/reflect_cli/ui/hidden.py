"""Hidden entry (an anonymous rating) and the screen around it.

``getpass`` turns echo off and puts it back when Python sees an exception, but a signal
whose default is to end or stop the process (Ctrl-\\ is SIGQUIT, Ctrl-Z is SIGTSTP, a
``kill``) never reaches that: the terminal was left with echo off. While a hidden line is
read, every such signal first puts the terminal back as it was; then an ending signal
ends the entry as Ctrl-C does (the draft is saved), and Ctrl-Z stops with echo on. On
``fg`` (SIGCONT, after Ctrl-Z or any other stop) the terminal is hidden again and the
prompt drawn again: the shell's lines stand where it was.

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
def terminal_restored(redraw: Callable[[], None] = lambda: None) -> Iterator[None]:
    """While a hidden line is read: any signal puts the terminal back first; after a
    stop, ``fg`` hides it again and calls ``redraw`` (the prompt shown again)."""
    try:
        import termios

        fd = sys.stdin.fileno()
        saved = termios.tcgetattr(fd)
    except (ImportError, OSError, ValueError, AttributeError):
        yield  # not a terminal: nothing to put back
        return
    import termios

    # What getpass sets: the terminal as it was, without echo.
    hidden_mode = [*saved[:6], list(saved[6])]
    hidden_mode[3] = saved[3] & ~termios.ECHO

    def put_back() -> list[Any] | None:
        with contextlib.suppress(termios.error, OSError):
            now = termios.tcgetattr(fd)
            termios.tcsetattr(fd, termios.TCSADRAIN, saved)
            return now
        return None

    previous: dict[int, Handler] = {}
    stopping = [False]

    def resume() -> None:
        """Hidden again, and the prompt drawn again (the shell's lines stand where it
        was, and the shell may have put echo back on)."""
        with contextlib.suppress(termios.error, OSError):
            termios.tcsetattr(fd, termios.TCSADRAIN, hidden_mode)
        redraw()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        hidden = put_back()
        handler = previous.get(signum)
        if signum == getattr(signal, "SIGTSTP", None) and handler == signal.SIG_DFL:
            stopping[0] = True
            try:
                signal.signal(signum, signal.SIG_DFL)
                os.kill(os.getpid(), signum)  # stopped here with echo on, until `fg`
                signal.signal(signum, on_signal)
            finally:
                stopping[0] = False
            resume()  # after `fg`, or at once when the stop was ignored (no job control)
            return
        if signum == getattr(signal, "SIGTSTP", None) or handler == signal.SIG_IGN:
            if hidden is not None:  # the entry goes on, hidden again
                with contextlib.suppress(termios.error, OSError):
                    termios.tcsetattr(fd, termios.TCSADRAIN, hidden)
            return
        if callable(handler):  # Ctrl-C's KeyboardInterrupt, the hang-up that saves
            handler(signum, frame)
        raise KeyboardInterrupt  # ended like Ctrl-C: the draft is saved

    def on_continue(signum: int, frame: FrameType | None) -> None:
        # Continued after a stop that was not Ctrl-Z's (SIGSTOP, then `fg` or SIGCONT).
        if not stopping[0]:
            resume()

    try:
        for sig in _SIGNALS:
            previous[sig] = signal.signal(sig, on_signal)
        if hasattr(signal, "SIGCONT"):
            previous[signal.SIGCONT] = signal.signal(signal.SIGCONT, on_continue)
    except ValueError:  # not the main thread: signals cannot be caught here
        pass
    try:
        yield
    finally:
        for sig, handler in previous.items():
            if signal.getsignal(sig) in (on_signal, on_continue):  # else a handler set its own
                signal.signal(sig, handler if handler is not None else signal.SIG_DFL)
        put_back()
