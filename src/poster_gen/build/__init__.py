"""The build stage: plans the outputs of a project, runs one job per output (compose,
render, finish, preflight) in a pool of workers, writes each file atomically under the
output lock, and records what it was made from so an unchanged output is not made again.

Entry points (imported lazily, so a no-op build imports only the standard library):
``build`` and ``BuildResult`` from ``build.run``.
"""
from __future__ import annotations

from ..lazy import entry_points

ENTRY_POINTS = {"build": "run", "BuildResult": "run", "BuildFailed": "run"}
__all__ = list(ENTRY_POINTS)
__getattr__ = entry_points(__name__, ENTRY_POINTS)
