"""One build at a time per output folder, and no temporary files left behind.

Builds write ``.<name>.<random>.tmp`` next to each output and rename it into place.
The lock serialises builds of the same output folder; whoever holds it may remove
temporary files, since no other build can be writing them (they are what a killed
build left behind).
"""
from __future__ import annotations

import os
import sys
import time
from contextlib import contextmanager
from pathlib import Path

TYPE_CHECKING = False  # importing typing costs the no-op build ~5 ms; annotations are strings here
if TYPE_CHECKING:
    from typing import Iterator

from .errors import BuildError

LOCK_NAME = ".poster-gen.lock"
# Temporary files being written right now: removed by the exit handlers below.
TEMPORARIES: set[str] = set()


def install_exit_handlers() -> None:
    """Ctrl-C and kill (SIGTERM) end the process at once, after removing the temporary
    files being written. Raising an exception from a signal handler instead can land
    inside a C extension's initialisation and abort the interpreter."""
    import signal

    def stop(signum, frame):  # pragma: no cover - exercised by the subprocess tests
        remove_temporaries()
        try:
            os.write(2, b"interrupted; the previous output files are unchanged.\n")
        finally:
            os._exit(130 if signum == signal.SIGINT else 143)

    for sig in (signal.SIGTERM, signal.SIGINT):
        try:
            signal.signal(sig, stop)
        except ValueError:  # not the main thread (an embedding application): leave them be
            pass


def remove_temporaries() -> None:
    """Remove the temporary files being written (an interrupted process's last act)."""
    for path in list(TEMPORARIES):
        try:
            os.unlink(path)
        except OSError:
            pass


@contextmanager
def output_lock(folder: Path, wait: float = 120.0) -> Iterator[None]:
    """Hold the output folder's lock; wait up to ``wait`` seconds for another build."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOCK_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not POSIX: no lock, but still atomic writes
            yield
            return
        if not _try_lock(fcntl, fd):
            other = _holder(fd)
            print(f"waiting for another poster-gen build of {folder} (pid {other}) to finish...",
                  file=sys.stderr, flush=True)
            deadline = time.monotonic() + wait
            while not _try_lock(fcntl, fd):
                if time.monotonic() > deadline:
                    raise BuildError(f"another poster-gen build (pid {other}) is still writing to {folder} "
                                     f"after {wait:.0f} s; try again when it has finished")
                time.sleep(0.1)
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        try:
            remove_stale_temporaries(folder)
            yield
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _try_lock(fcntl, fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False


def _holder(fd: int) -> str:
    try:
        return os.pread(fd, 32, 0).decode().strip() or "?"
    except OSError:
        return "?"


def remove_stale_temporaries(folder: Path) -> list[Path]:
    """Temporary files of builds that were killed before they could clean up."""
    gone = []
    for sub in (folder, folder / "posters"):
        if not sub.is_dir():
            continue
        for p in sub.glob(".*.tmp"):
            try:
                p.unlink()
                gone.append(p)
            except FileNotFoundError:
                pass
    return gone
