"""Replace several files all together or not at all.

An import changes a landmark's file and the campaign's in one go; half an import (one
file with its Japanese, the other without) is data no one asked for. So every new file
is first written in full beside its destination (``atomic.write_temp``, flushed to the
disk), each destination is checked to be still the version that was read (an edit in
the studio or an editor meanwhile is never overwritten), and only then are the files
moved into place. Should a move fail half way (a disk pulled out), the files already
replaced get their old bytes back.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..atomic import atomic_write, write_temp
from ..errors import InputError, Problem


@dataclass(frozen=True)
class Change:
    """One file to replace: its path, as the user reads it, the bytes it had when read
    and the bytes it gets."""

    path: Path
    shown: str
    old: bytes
    new: bytes


def replace_all(changes: list[Change]) -> None:
    """Write every change or none; ``InputError`` when a file changed since it was read."""
    staged: list[tuple[Change, Path]] = []
    try:
        for change in changes:
            staged.append((change, write_temp(change.path, change.new, mode=_mode(change.path), durable=True)))
        stale = [c for c in changes if c.path.read_bytes() != c.old]
        if stale:
            raise InputError([Problem(c.shown, 0, 0, "", "changed while the import was running (saved in the studio "
                                      "or an editor?); nothing was imported: run the import again") for c in stale])
        done: list[Change] = []
        try:
            for change, tmp in staged:
                os.replace(tmp, change.path)
                done.append(change)
        except BaseException:
            for change in done:  # put back what was replaced
                atomic_write(change.path, change.old, mode=_mode(change.path), durable=True)
            raise
    finally:
        for _, tmp in staged:
            tmp.unlink(missing_ok=True)


def _mode(path: Path) -> int:
    import stat

    return stat.S_IMODE(path.stat().st_mode)
