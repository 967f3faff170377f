"""Ctrl-C and ``SIGTERM``: every command stops cleanly, with one line and 130 or 143.

While a command runs (:func:`stopping_on_signals`, entered by the ``leverage`` group),
``SIGINT`` and ``SIGTERM`` raise :class:`Stopped` in the main thread.  It derives from
:class:`BaseException`, not :class:`Exception`, so no ``except Exception`` swallows it and
click does not turn it into its "Aborted!"; on its way out it runs every ``finally``:
worker processes are terminated (:mod:`leverage.parallel`) and a half-written output
file's temporary file is removed (:func:`leverage.cli.options.write`).  The group then
prints ``leverage: interrupted`` or ``leverage: terminated`` on stderr and exits with
``128 +`` the signal's number, as a shell reports a process it stopped: 130 for
``SIGINT``, 143 for ``SIGTERM``.

For :data:`CLEAN_UP_SECONDS` after one of these signals another is ignored, so that a
second Ctrl-C cannot cut the clean-up short (it is bounded: workers get one second before
``SIGKILL``); a later one raises :class:`Stopped` again (should some code have swallowed
the first, the command can still be stopped).  An exception raised by a signal handler
can be lost: CPython drops it when the signal lands while ``compile()`` turns a module's
source into bytecode (an import with no cached ``.pyc``, as in a fresh checkout).  So a
signal that raised :class:`Stopped` is remembered, and :func:`check` (called before any
output is written) and the end of the command raise it again: the command never ends as
if it had not been stopped.  A signal
that is ignored when the command starts (``SIGINT`` in a background job of a
non-interactive shell) stays ignored.  The handlers are put back as they were when the
command ends, so running the command line in-process (tests, notebooks) leaves the
caller's handlers alone.
"""

from __future__ import annotations

import contextlib
import signal
import threading
import time
from collections.abc import Iterator
from types import FrameType
from typing import Any

__all__ = ["SIGNALS", "Stopped", "check", "stopping_on_signals"]

#: The signals that stop a command, and the word its one line uses for each.
SIGNALS: dict[signal.Signals, str] = {
    signal.SIGINT: "interrupted",
    signal.SIGTERM: "terminated",
}


class Stopped(BaseException):
    """Raised in the main thread by ``SIGINT`` or ``SIGTERM`` while a command runs.

    Parameters
    ----------
    signum
        The signal received.
    """

    def __init__(self, signum: int) -> None:
        self.signum = signal.Signals(signum)
        super().__init__(self.message)

    @property
    def message(self) -> str:
        """What the command line says: ``interrupted`` or ``terminated``."""
        return SIGNALS.get(self.signum, f"stopped by {self.signum.name}")

    @property
    def exit_code(self) -> int:
        """``128 + signum``: 130 for ``SIGINT``, 143 for ``SIGTERM``."""
        return 128 + int(self.signum)


#: Seconds after a signal during which another one is ignored (the clean-up's time).
CLEAN_UP_SECONDS = 3.0
# when the last signal raised Stopped (monotonic clock), while a command runs
_raised: list[float] = []
# the signals that raised Stopped while a command runs
_signums: list[int] = []


def _stop(signum: int, _frame: FrameType | None) -> None:
    now = time.monotonic()
    if _raised and now - _raised[-1] < CLEAN_UP_SECONDS:
        return  # a second Ctrl-C must not interrupt the clean-up
    _raised.append(now)
    _signums.append(signum)
    raise Stopped(signum)


def check() -> None:
    """Raise :class:`Stopped` again if a signal raised it during this command and the
    exception was lost on its way (see the module docstring)."""
    if _signums:
        raise Stopped(_signums[-1])


@contextlib.contextmanager
def stopping_on_signals() -> Iterator[None]:
    """Within the block, ``SIGINT`` and ``SIGTERM`` raise :class:`Stopped` (see the
    module docstring); outside the main thread, where Python cannot handle signals, it
    changes nothing."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous: dict[signal.Signals, Any] = {}
    _raised.clear()
    _signums.clear()
    try:
        for sig in SIGNALS:
            current = signal.getsignal(sig)
            if current != signal.SIG_IGN:
                previous[sig] = current
                signal.signal(sig, _stop)
        yield
        check()  # a signal whose exception was lost still stops the command
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler if handler is not None else signal.SIG_DFL)
