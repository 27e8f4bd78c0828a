"""Worker processes: the one place that knows how work fans out across cores.

Workers are forked, not spawned, so each starts with what its parent has loaded (the
project, the prepared fonts, the imports) instead of loading it again. Where fork is
not available (Windows) the work runs in the calling process, one task after another.

Every pool is made by ``process_pool``: its workers die with the process that started
them (killed with -9, or by the out-of-memory killer, it cannot stop them itself), do
not hold its output lock, and leave Ctrl-C's message to it.
"""
from __future__ import annotations

import os
import sys
import time
TYPE_CHECKING = False  # typing's own flag without importing typing: the no-op build imports this module
if TYPE_CHECKING:  # annotations only
    from typing import Any, Callable, Sequence, TypeVar

    T = TypeVar("T")


def fork_context() -> Any:
    """The multiprocessing context that forks, or None where there is none."""
    import multiprocessing

    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return None


def can_fork() -> bool:
    return fork_context() is not None


def worker_count(asked: int, tasks: int) -> int:
    """How many workers to start: ``asked`` (0: one per core), never more than tasks."""
    return max(1, min(asked or os.cpu_count() or 1, tasks))


def process_pool(workers: int, ctx: Any = None) -> Any:
    """A ``ProcessPoolExecutor`` of ``workers`` processes (forked: ``ctx`` defaults to
    ``fork_context()``) whose workers die with this process and leave its lock alone."""
    from concurrent.futures import ProcessPoolExecutor

    _prctl()  # looked up here, once: forked workers inherit it
    return ProcessPoolExecutor(workers, mp_context=ctx if ctx is not None else fork_context(),
                               initializer=_worker_start, initargs=(os.getpid(),))


#: Called first in every worker: what a worker must give up of its parent's (the build's
#: output lock registers itself here). Downstream stages add to it; this module knows none.
AT_WORKER_START: list[Callable[[], None]] = []

PR_SET_PDEATHSIG = 1  # linux/prctl.h
_PRCTL: list = []


def _prctl() -> Any:
    """Linux's ``prctl`` through ctypes, or None elsewhere (or where it cannot be had)."""
    if not _PRCTL:
        fn = None
        if sys.platform.startswith("linux"):
            try:
                import ctypes

                fn = ctypes.CDLL(None, use_errno=True).prctl
            except (OSError, AttributeError):
                pass
        _PRCTL.append(fn)
    return _PRCTL[0]


def _worker_start(parent: int) -> None:
    """A worker's first act: be killed when ``parent`` dies, and give up what it
    inherited from it (the output lock, the temporary files, the Ctrl-C message)."""
    import signal

    prctl = _prctl()
    if prctl is None or prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) != 0:
        _watch_parent(parent)
    if os.getppid() != parent:  # the parent died before the death signal was set
        os._exit(1)
    for hook in AT_WORKER_START:
        hook()


def _watch_parent(parent: int) -> None:
    """Where the kernel cannot kill a worker with its parent: look every half second."""
    import threading

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="poster-gen-parent-watch", daemon=True).start()


_TASKS: Sequence[Callable[[], Any]] = ()


def _run(i: int) -> tuple[bool, Any]:
    try:
        return True, _TASKS[i]()
    except Exception:  # reported by the caller, which runs the task again itself
        return False, None


def fork_map(tasks: Sequence[Callable[[], T]], workers: int = 0) -> list[tuple[bool, T | None]]:
    """Run each task (a function of nothing) in forked workers and return, in order,
    ``(True, result)`` or ``(False, None)`` for a task that raised: the caller runs that
    one again in its own process, where the error surfaces as it would have without
    workers (an exception need not survive pickling). The tasks are closures: they
    reach the workers by the fork, never pickled; their results are pickled back."""
    global _TASKS
    workers = worker_count(workers, len(tasks))
    ctx = fork_context()
    if workers <= 1 or ctx is None:
        return [_call(t) for t in tasks]
    from concurrent.futures.process import BrokenProcessPool

    _TASKS = tasks
    try:
        with process_pool(workers, ctx) as pool:
            return list(pool.map(_run, range(len(tasks))))
    except BrokenProcessPool:  # a worker died (out of memory, killed): nothing is lost but time
        return [(False, None)] * len(tasks)
    finally:
        _TASKS = ()


def _call(task: Callable[[], T]) -> tuple[bool, T | None]:
    try:
        return True, task()
    except Exception:
        return False, None
