"""Keys sent to a reflect child in a pseudo-terminal, at a moment it can take them.

CPython's readline loop checks for signals only when its ``select`` is interrupted: a
Ctrl-C that arrives after readline has drawn the prompt but before ``select`` begins is
noted and then waits for the next key (a person presses Ctrl-C again; a test would hang).
Pexpect sees the prompt the moment it is drawn, so a test waits until the child sleeps
reading its terminal before pressing Ctrl-C.
"""

from __future__ import annotations

import time
from pathlib import Path

import pexpect

#: What /proc/PID/wchan says while a process waits in select/poll or a terminal read.
_READING = ("poll_schedule_timeout", "do_select", "do_sys_poll", "wait_woken", "n_tty_read")


def wait_until_reading(child: pexpect.spawn, timeout: float = 10.0) -> None:
    """Until the child sleeps waiting for input (Linux: its wchan); elsewhere a pause."""
    wchan = Path(f"/proc/{child.pid}/wchan")
    if not wchan.exists():
        time.sleep(0.5)
        return
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if wchan.read_text().startswith(_READING):
                return
        except OSError:  # the child has gone: nothing to wait for
            return
        time.sleep(0.01)


def interrupt(child: pexpect.spawn) -> None:
    """Ctrl-C, pressed once the child is waiting at its prompt."""
    wait_until_reading(child)
    child.sendintr()


def quit_key(child: pexpect.spawn) -> None:
    """Ctrl-\\ (SIGQUIT), pressed once the child is waiting at its prompt."""
    wait_until_reading(child)
    child.sendcontrol("\\")
