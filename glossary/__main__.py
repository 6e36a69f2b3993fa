"""The `glossary` command and `python -m glossary`: start the command line so that Ctrl-C at any moment,
even while the modules are still loading, ends with one line and exit code 130."""

from __future__ import annotations

import os
import signal
import sys

EXIT_INTERRUPTED = 130


def main() -> None:
    """Run the command line and exit with its code."""
    sys.unraisablehook = _interrupt_later
    try:
        from .cli import main as run

        if _SWALLOWED:
            raise KeyboardInterrupt
        code = run()
    except KeyboardInterrupt:
        code = interrupted()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # done: a late Ctrl-C must not print a traceback on the way out
    _flush_or_forget(sys.stdout)
    sys.exit(code)


def _interrupt_later(unraisable) -> None:
    """A Ctrl-C that came while Python ran code it cannot raise from (a module lock's callback while the modules
    load) is kept for the command to end on once the modules are loaded; anything else is reported as usual."""
    if issubclass(unraisable.exc_type, KeyboardInterrupt):
        _SWALLOWED.append(unraisable.exc_type)
        return
    sys.__unraisablehook__(unraisable)


_SWALLOWED: list[type] = []  # Ctrl-Cs Python could not raise where they came


def interrupted() -> int:
    """Say so in one line; the exit code of an interrupted command."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        sys.stderr.write("glossary: interrupted\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    return EXIT_INTERRUPTED


def _flush_or_forget(stream) -> None:
    """Flush a stream whose reader may have gone (`glossary list | head`): then drop what is left quietly."""
    try:
        stream.flush()
    except (BrokenPipeError, ValueError):
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())
        except (OSError, ValueError):
            pass


if __name__ == "__main__":
    main()
