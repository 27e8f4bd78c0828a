"""The one way the tool writes a file that others may read at the same time (outputs,
the build record, cache entries, the studio's saves): a temporary file beside the
destination (``.<name>.<random>.tmp``, on the same file system), then ``os.replace``.
A reader sees the old file or the new one, never half of one, and a failed write
leaves no temporary behind.

One policy for all: the temporary has an ordinary file's permissions (0o666 under the
umask) unless ``mode`` is given; ``durable`` writes are flushed to the disk (fsync)
before they may replace anything, so a power cut cannot leave an empty file where a
good one was (outputs and saves are durable; cache entries, which are checked when
read and made again when damaged, are not, for speed).
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Callable

_UMASK = os.umask(0)  # read once, at import (the only way to read it), and put back at once
os.umask(_UMASK)
ORDINARY = 0o666 & ~_UMASK


def write_temp(dest: Path, data: bytes, *, mode: int | None = None, durable: bool = True,
               track: Callable[[str], object] | None = None) -> Path:
    """``data`` in a new temporary file beside ``dest`` (its folder made if need be), for
    the caller to move into place. ``track`` is told the temporary's name as soon as it
    exists (so an interrupted process can remove it). On any failure the temporary is
    removed; an ``OSError`` is raised again naming ``dest``."""
    tmp = None
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=dest.parent)
        if track is not None:
            track(tmp)
        with os.fdopen(fd, "wb") as fh:
            os.fchmod(fh.fileno(), ORDINARY if mode is None else mode)  # mkstemp makes it private
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        return Path(tmp)
    except OSError as exc:
        _unlink_quietly(tmp)
        raise OSError(exc.errno, exc.strerror or str(exc), str(dest)) from exc
    except BaseException:
        _unlink_quietly(tmp)
        raise


def atomic_write(path: Path, data: bytes, *, mode: int | None = None, durable: bool = False) -> None:
    """Replace ``path`` with ``data`` in one step (see the module's policy). On failure
    nothing is left behind and an ``OSError`` naming ``path`` is raised: the caller says
    what the folder is and what to do."""
    tmp = write_temp(path, data, mode=mode, durable=durable)
    try:
        os.replace(tmp, path)
    except OSError as exc:
        _unlink_quietly(tmp)
        raise OSError(exc.errno, exc.strerror or str(exc), str(path)) from exc
    except BaseException:
        _unlink_quietly(tmp)
        raise


def _unlink_quietly(path: str | Path | None) -> None:
    if path is None:
        return
    try:
        os.unlink(path)
    except OSError:
        pass
