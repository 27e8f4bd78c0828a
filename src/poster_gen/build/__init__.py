"""The build stage: plans the outputs of a project, runs one job per output (compose,
render, finish, preflight) in a pool of workers, writes each file atomically under the
output lock, and records what it was made from so an unchanged output is not made again.

Entry points (imported lazily, so a no-op build imports only the standard library):
``build`` and ``BuildResult`` from ``build.run``.
"""
from __future__ import annotations

__all__ = ["build", "BuildResult"]


def __getattr__(name: str):
    if name in __all__:
        from . import run

        return getattr(run, name)
    raise AttributeError(name)
