"""Writing files atomically: a temporary file beside the target, flushed and fsynced, then renamed over it.

The one writer of every file the tool makes (glossaries, exports, mined tables, the lookup index, the
dictionary cache): nothing half-written is ever left where a reader could find it, a new file gets the
user's umask and a replaced one keeps its mode, a symbolic link is written through, and the temporaries
of a killed writer are removed by the next one.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import stat
import tempfile
from pathlib import Path
from typing import Callable

from ..errors import GlossaryError
from .reading import os_reason, shown


def write_atomically(path: Path, text: str) -> None:
    """Write text to a temporary file beside the target, fsync it, then rename it over the target."""

    def produce(temporary: Path) -> None:
        with os.fdopen(os.open(temporary, os.O_WRONLY | os.O_TRUNC), "w", encoding="utf-8", newline="") as handle:
            handle.write(text)

    produce_atomically(path, produce)


def produce_atomically(path: Path, produce: Callable[[Path], None]) -> None:
    """Let `produce(temporary_path)` write a file beside the target, then fsync and rename it over the target
    (keeping the target's permissions, else the user's umask); nothing half-written is left on failure, and
    an operating-system error (a full disk, a read-only folder) is a GlossaryError saying so.

    A target that is a symbolic link is written through: the file it points to is replaced, the link
    stays (teams link one glossary into many projects). A target that is not a regular file (a terminal,
    /dev/stdout, a pipe) gets the finished bytes copied into it."""
    path = Path(path)
    target = real_path(path)
    directory = target.parent if str(target.parent) else Path(".")
    special = target.exists() and not target.is_file()
    if special:
        directory = path.parent if str(path.parent) and path.parent.is_dir() else Path(tempfile.gettempdir())
    temporary = None
    try:
        remove_stale_temporaries(directory, target.name)
        temporary = _new_temporary(directory, target.name)
        produce(temporary)
        if special:
            _copy_into(temporary, target)
            return
        with open(temporary, "rb+") as handle:
            os.fsync(handle.fileno())
        try:
            mode = stat.S_IMODE(target.stat().st_mode)
        except FileNotFoundError:
            mode = new_file_mode()
        os.chmod(temporary, mode)
        os.replace(temporary, target)
        temporary = None
    except BaseException as error:
        cause = error if isinstance(error, OSError) else error.__context__  # XlsxWriter wraps what the OS said
        if isinstance(cause, OSError):
            raise GlossaryError(f"cannot write {shown(path)}: {os_reason(cause)} (nothing was changed)") from None
        raise
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
    _fsync_directory(directory)


def real_path(path: Path) -> Path:
    """The file a path names once symbolic links are followed (the path itself when it is no link)."""
    return Path(os.path.realpath(path)) if os.path.islink(path) else path


def _copy_into(source: Path, target: Path) -> None:
    """Copy a finished file's bytes into a target that is not a regular file (a terminal, a pipe)."""
    with open(source, "rb") as reader, open(target, "wb") as writer:
        shutil.copyfileobj(reader, writer)


# Temporary files are named .NAME.PID-RANDOM.tmp: a file whose process is gone was left by a killed writer.
_TEMPORARY = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)-[0-9a-f]{8}\.tmp(?:\..*)?$")


def _new_temporary(directory: Path, name: str) -> Path:
    """An empty new file beside the target, named for this process, created with the user's umask applied."""
    while True:
        temporary = directory / f".{name}.{os.getpid()}-{secrets.token_hex(4)}.tmp"
        try:
            os.close(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
            return temporary
        except FileExistsError:
            continue


def remove_stale_temporaries(directory: Path, name: str) -> None:
    """Remove the temporary files a killed writer of this target left behind (their process is gone)."""
    with contextlib.suppress(OSError):
        for entry in os.scandir(directory):
            found = _TEMPORARY.match(entry.name)
            if found and found["name"] == name and not _process_alive(int(found["pid"])):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def _process_alive(pid: int) -> bool:
    """Whether a process with this id runs (one we may not signal counts as running)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def new_file_mode() -> int:
    """The permissions a new file gets under the process's umask (0o644 under umask 022)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            mask = next(int(line.split()[1], 8) for line in status if line.startswith("Umask:"))
    except (OSError, StopIteration, ValueError, IndexError):
        mask = os.umask(0)  # no other way to read it: set and restore at once
        os.umask(mask)
    return 0o666 & ~mask


def _fsync_directory(directory: Path) -> None:
    """Make the rename durable (where the platform allows opening a folder)."""
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
