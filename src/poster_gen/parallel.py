"""Worker processes: the one place that knows how work fans out across cores.

Workers are forked, not spawned, so each starts with what its parent has loaded (the
project, the prepared fonts, the imports) instead of loading it again. Where fork is
not available (Windows) the work runs in the calling process, one task after another.
"""
from __future__ import annotations

import os
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
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    _TASKS = tasks
    try:
        with ProcessPoolExecutor(workers, mp_context=ctx) as pool:
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
