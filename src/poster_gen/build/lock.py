"""One build at a time per output folder, and no temporary files left behind.

Builds write ``.<name>.<random>.tmp`` next to each output and rename it into place.
The lock serialises builds of the same output folder; whoever holds it may remove
temporary files, since no other build can be writing them (they are what a killed
build left behind). Every build sweeps them first, when no other build holds the lock
(even one with nothing to do), and a failed build sweeps again before letting go.

The lock is an ``flock`` on ``.poster-gen.lock``, which records the holder (pid, start
time, pid namespace, host). Worker processes close their inherited copy at start, so
only the build holds it; a lock still held although the recorded holder is gone (its
workers outlived it) is taken over at once by replacing the file. The short steps that
check and replace the file are serialised by an ``flock`` on the folder itself.

Ctrl-C and kill (SIGTERM) stop the build at once: it stops its workers (each removes
its own temporary files), removes its own, and says so once; the workers say nothing.
"""
from __future__ import annotations

import errno
import os
import sys
import time
from contextlib import contextmanager
from pathlib import Path

TYPE_CHECKING = False  # importing typing costs the no-op build ~5 ms; annotations are strings here
if TYPE_CHECKING:
    from typing import Iterator

from ..errors import MachineError, machine_error
from ..parallel import AT_WORKER_START
from .formats import FORMATS

LOCK_NAME = ".poster-gen.lock"
# the folders under an output folder that builds write into (and so may leave temporaries in)
OUTPUT_FOLDERS = tuple(sorted({os.path.dirname(t) for f in FORMATS.values() for t in (f.poster, f.brochure) if t}))
# Temporary files being written right now: removed by the exit handlers below.
TEMPORARIES: set[str] = set()
_HELD: dict[int, Path] = {}  # lock fd -> output folder: the locks this process holds now
_MAIN_PID = 0  # the process that installed the exit handlers: the only one that speaks
STOP_GRACE = 2.0  # seconds the workers get to remove their temporaries when stopped


def install_exit_handlers() -> None:
    """Ctrl-C and kill (SIGTERM) end the process at once, after stopping its workers and
    removing the temporary files being written. Raising an exception from a signal
    handler instead can land inside a C extension's initialisation and abort the
    interpreter."""
    global _MAIN_PID
    _MAIN_PID = os.getpid()

    def stop(signum, frame):  # pragma: no cover - exercised by the subprocess tests
        if os.getpid() != _MAIN_PID:  # a worker forked before it installed its own handler
            _quiet_exit(signum)
        try:
            stop_children()
            remove_temporaries()
            for folder in list(_HELD.values()):  # what the stopped workers could not remove
                remove_stale_temporaries(folder)
            os.write(2, b"interrupted; the previous output files are unchanged.\n")
        finally:
            os._exit(_exit_code(signum))

    _handle(stop)


def worker_started() -> None:
    """A forked worker's first act: the parent's locks and temporaries are not its own
    (its copy of the lock's descriptor is closed, not unlocked: that would free the
    parent's lock), and Ctrl-C or kill ends it quietly, removing only what it writes."""
    for fd in list(_HELD):
        try:
            os.close(fd)
        except OSError:
            pass
    _HELD.clear()
    TEMPORARIES.clear()
    _handle(lambda signum, frame: _quiet_exit(signum))


AT_WORKER_START.append(worker_started)


def _handle(handler) -> None:
    import signal

    for sig in (signal.SIGTERM, signal.SIGINT):
        try:
            signal.signal(sig, handler)
        except ValueError:  # not the main thread (an embedding application): leave them be
            pass


def _quiet_exit(signum: int) -> None:  # pragma: no cover - runs in workers being stopped
    remove_temporaries()
    os._exit(_exit_code(signum))


def _exit_code(signum: int) -> int:
    import signal

    return 130 if signum == signal.SIGINT else 143


def stop_children(grace: float = STOP_GRACE) -> None:
    """Ask this process's worker processes to stop (each removes its own temporary
    files on the way out) and kill those still running after ``grace`` seconds."""
    mp = sys.modules.get("multiprocessing")
    if mp is None:  # no worker was ever started
        return
    import signal

    pids = [p.pid for p in mp.active_children() if p.pid]
    for pid in pids:
        _signal(pid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    while any(pid_alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.02)
    for pid in pids:
        if pid_alive(pid):
            _signal(pid, signal.SIGKILL)
    deadline = time.monotonic() + 1.0  # SIGKILL is immediate; the kernel needs a moment
    while any(pid_alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.01)


def _signal(pid: int, sig: int) -> None:
    try:
        os.kill(pid, sig)
    except OSError:
        pass


def remove_temporaries(under: Path | None = None) -> None:
    """Remove the temporary files being written (an interrupted process's last act), or
    only those in the folder ``under``."""
    prefix = os.path.join(str(under), "") if under is not None else ""
    for path in list(TEMPORARIES):
        if not path.startswith(prefix):
            continue
        TEMPORARIES.discard(path)
        try:
            os.unlink(path)
        except OSError:
            pass


@contextmanager
def output_lock(folder: Path, wait: float = 120.0) -> Iterator[None]:
    """Hold the output folder's lock; wait up to ``wait`` seconds for another build.

    A fault of the machine while taking it or writing under it (the folder cannot be
    made or written, the disk is full) is raised as a ``MachineError`` naming the
    folder; whatever the failure, every temporary file in the folder is removed first.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise _fault(err, folder) from None
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: no lock, but still atomic writes
        yield
        return
    fd = _acquire(fcntl, folder, wait)
    _HELD[fd] = folder
    try:
        remove_stale_temporaries(folder)
        try:
            yield
        except OSError as err:
            fault = _concerning(err, folder)
            if fault is None:
                raise
            raise fault from err
    except BaseException:
        remove_temporaries(folder)
        raise
    finally:
        remove_stale_temporaries(folder)  # whatever is left now is debris (the workers are gone)
        _HELD.pop(fd, None)
        try:
            os.ftruncate(fd, 0)
        except OSError:
            pass
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def _acquire(fcntl, folder: Path, wait: float) -> int:
    """The descriptor of the lock file, locked and holding this process's record."""
    path = folder / LOCK_NAME
    deadline = None
    holder: tuple[str, ...] | None = None
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as err:
            raise _fault(err, folder) from None
        try:
            if _try_lock(fcntl, fd):
                if _claim(fcntl, fd, path, folder):
                    return fd
                continue  # locked a file a takeover had just replaced: try the new one
            holder = _holder(fd)
            stale = holder is not None and not holder_alive(holder) and _take_over(fcntl, fd, path, folder)
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)
        if stale:
            continue
        shown = holder[0] if holder else "?"
        if deadline is None:
            print(f"waiting for another poster-gen build of {folder} (pid {shown}) to finish...",
                  file=sys.stderr, flush=True)
            deadline = time.monotonic() + wait
        elif time.monotonic() > deadline:
            raise MachineError(str(folder), f"another poster-gen build (pid {shown}) is still writing here "
                                            f"after {wait:.0f} s; try again when it has finished")
        time.sleep(0.1)


def _claim(fcntl, fd: int, path: Path, folder: Path) -> bool:
    """Make the lock just taken this process's: record it, unless the file was replaced
    meanwhile (then unlock, close and say so)."""
    try:
        with _guard(fcntl, folder):
            if not _same_file(fd, path):
                fcntl.flock(fd, fcntl.LOCK_UN)
                os.close(fd)
                return False
            os.ftruncate(fd, 0)
            try:
                os.pwrite(fd, " ".join(_identity(os.getpid())).encode() + b"\n", 0)
            except OSError as err:  # a full disk may not take even these few bytes: the
                if err.errno not in (errno.ENOSPC, errno.EDQUOT):  # first output written says how much it needs
                    raise
            return True
    except OSError as err:
        fcntl.flock(fd, fcntl.LOCK_UN)
        raise _fault(err, folder) from None


def _take_over(fcntl, fd: int, path: Path, folder: Path) -> bool:
    """The lock is held but its recorded holder is gone: worker processes it left
    behind hold it. Remove the file they hold so the next try locks a new one. True to
    try again at once, False when the holder turned out to be alive."""
    with _guard(fcntl, folder):
        if not _same_file(fd, path):
            return True  # replaced by another build's takeover already
        if _try_lock(fcntl, fd):
            fcntl.flock(fd, fcntl.LOCK_UN)  # released meanwhile: take it the usual way
            return True
        holder = _holder(fd)
        if holder is None or holder_alive(holder):
            return False
        try:
            os.unlink(path)
        except FileNotFoundError:
            return True
        except OSError:
            return False  # cannot replace it: wait, and say so after ``wait`` seconds
        print(f"warning: the build that held {folder} (pid {holder[0]}) is gone; taking over its lock",
              file=sys.stderr, flush=True)
        return True


@contextmanager
def _guard(fcntl, folder: Path) -> Iterator[None]:
    """Serialise the short steps that check and replace the lock file (an ``flock`` on
    the folder: nothing else locks it, and it is held for microseconds)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        yield
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
        except OSError:  # a file system without locks on folders: go without
            pass
        yield
    finally:
        os.close(fd)  # releases the flock


def _same_file(fd: int, path: Path) -> bool:
    try:
        a, b = os.fstat(fd), os.stat(path)
    except OSError:
        return False
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def _try_lock(fcntl, fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False


def _holder(fd: int) -> tuple[str, ...] | None:
    """The record in the lock file: pid [start time, pid namespace, host]; None if empty."""
    try:
        fields = tuple(os.pread(fd, 256, 0).decode(errors="replace").split())
    except OSError:
        return None
    return fields if fields and fields[0].isdigit() else None


def _identity(pid: int) -> tuple[str, str, str, str]:
    """What tells this process from any other on any machine sharing the folder."""
    try:
        ns = os.readlink("/proc/self/ns/pid")
    except OSError:
        ns = "-"
    return str(pid), _start_time(pid) or "-", ns.replace(" ", ""), os.uname().nodename or "-"


def _start_time(pid: int) -> str:
    """The process's start time in clock ticks since boot ("" where /proc has none)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            return fh.read().rsplit(b")", 1)[1].split()[19].decode()
    except (OSError, IndexError):
        return ""


def holder_alive(holder: tuple[str, ...]) -> bool:
    """Whether the process a lock file records still runs. A holder on another host or
    in another pid namespace cannot be seen from here: it counts as alive."""
    pid, start, ns, host = (holder + ("-", "-", "-"))[:4]
    mine = _identity(os.getpid())
    if (ns != "-" and ns != mine[2]) or (host != "-" and host != mine[3]):
        return True
    if not pid_alive(int(pid)):
        return False
    return start == "-" or not _start_time(int(pid)) or _start_time(int(pid)) == start  # else: pid reused


def pid_alive(pid: int) -> bool:
    """The process runs (a zombie, dead but not yet reaped by its parent, does not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    except OSError:
        return False
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            return fh.read().rsplit(b")", 1)[1].split()[0] not in (b"Z", b"X")
    except (OSError, IndexError):
        return True  # no /proc: the signal test is all there is


def sweep_if_idle(folder: Path) -> list[Path]:
    """Remove what killed builds left in ``folder``, unless a build is running there now
    (its temporary files are live). Cheap enough for the no-op build: an open, an
    ``flock`` and a listing of the few folders builds write into."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        return []
    path = folder / LOCK_NAME
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:  # no build ever locked it (so none left anything), or unreadable
        return []
    try:
        if not _try_lock(fcntl, fd):
            return []
        try:
            with _guard(fcntl, folder):  # a takeover may have just replaced the file
                return remove_stale_temporaries(folder) if _same_file(fd, path) else []
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def remove_stale_temporaries(folder: Path) -> list[Path]:
    """Temporary files of builds that were killed before they could clean up (only for
    the holder of the lock, or when nobody holds it)."""
    gone = []
    for sub in OUTPUT_FOLDERS:
        where = os.path.join(folder, sub) if sub else str(folder)
        try:
            names = [e.name for e in os.scandir(where) if e.name.startswith(".") and e.name.endswith(".tmp")]
        except OSError:
            continue
        for name in names:
            p = os.path.join(where, name)
            try:
                os.unlink(p)
                gone.append(Path(p))
            except OSError:  # gone already, or the folder is read-only: nothing to do
                pass
    return gone


def _fault(err: OSError, folder: Path) -> BaseException:
    """``err`` while making or locking ``folder``: the machine's fault, or as it was."""
    return machine_error(err, folder) or err


def _concerning(err: OSError, folder: Path) -> MachineError | None:
    """``err`` raised while writing under the lock, as the machine's fault with the
    folder named: when it names a file in the folder, or names none (a write that
    failed: a full disk, a device error)."""
    names = [n for n in (err.filename, getattr(err, "filename2", None)) if isinstance(n, (str, os.PathLike))]
    inside = [n for n in names if os.path.abspath(n).startswith(os.path.join(os.path.abspath(folder), ""))]
    if names and not inside:
        return None
    at = Path(os.path.dirname(os.path.abspath(inside[0]))) if inside else folder
    return machine_error(err, at)
