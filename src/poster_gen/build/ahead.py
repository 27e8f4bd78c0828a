"""Compose ahead: on a cold cache, do side by side what the build would otherwise do
one after another.

Every poster's signature holds the series copyfit step, so the step is settled before
any job starts, and settling it composes each landmark's poster (memoised, so only on a
cold cache or after an edit). The brochure, the longest job, does not depend on it.
So when some landmark's need is not stored yet, the build's workers compose those
posters and the brochure at the same time; what they compose lands in the on-disk
compose memo, and the step and the jobs then read it from there. Nothing composed
ahead is used except through the memo: a task that fails is simply done again, and
reported, by the step or the job that needs it.
"""
from __future__ import annotations

from typing import Callable, Mapping

from ..compose.series import SeriesArgs, landmark_step, unprobed
from .job import JobContext, Job, compose_output
from ..parallel import can_fork, fork_map, worker_count


def compose_ahead(ctx: JobContext, series: Mapping[object, SeriesArgs], brochures: list[Job], workers: int) -> int:
    """Compose the unprobed landmarks' posters and ``brochures`` in ``workers`` processes
    (0: one per core); how many tasks ran (0 when there was nothing to gain)."""
    project = ctx.project
    probes = [_probe(project, lm, args) for args in series.values() for lm in unprobed(project, *args)]
    if not probes:
        return 0  # the step is known: the jobs run in parallel anyway
    tasks = [_compose(job, ctx) for job in brochures] + probes  # the longest first
    if len(tasks) < 2 or worker_count(workers, len(tasks)) < 2 or not can_fork():
        return 0
    fork_map(tasks, workers)
    return len(tasks)


def _probe(project, lm, args: SeriesArgs) -> Callable[[], int]:
    return lambda: landmark_step(project, lm, *args)


def _compose(job: Job, ctx: JobContext) -> Callable[[], None]:
    def task() -> None:
        compose_output(job, ctx)  # the pages are memoised; the document itself is not sent back
    return task
