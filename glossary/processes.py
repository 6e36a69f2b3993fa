"""Worker processes that leave Ctrl-C to the command.

A Ctrl-C at the terminal reaches every process of the command. Workers started inside `ctrl_c_ignored()` ignore it
from their first instruction (an ignored signal stays ignored across exec, and Python then leaves it so), so that
the command alone answers it, in one line, and stops them; never a traceback from a worker still importing its
modules.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from typing import Iterator


@contextlib.contextmanager
def ctrl_c_ignored() -> Iterator[None]:
    """Ignore Ctrl-C in this process while worker processes start inside (a few milliseconds each), so that they
    ignore it for good. Signals are set from the main thread only: elsewhere nothing changes."""
    if threading.current_thread() is not threading.main_thread() or signal.getsignal(signal.SIGINT) is None:
        yield
        return
    before = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, before)


def deaf_to_ctrl_c() -> None:
    """In a worker process, first thing: ignore Ctrl-C (its command answers it), also when it was started outside
    ctrl_c_ignored (from another thread)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
