"""A small on-disk memo for pure, costly results (motif geometry, QR matrices).

A result is stored under a hash of everything that determines it plus the tool's own
source digest, so a change to the code or to any argument is a different entry. Writes
are atomic; an unreadable entry is recomputed. Set POSTER_GEN_NO_MEMO=1 to bypass.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import secrets
from pathlib import Path
from typing import Any, Callable


def _folder(kind: str) -> Path:
    from .fonts.prepare import default_cache_dir

    return default_cache_dir() / kind


KEEP = 1000  # entries per kind; the least recently used beyond this are removed


def _path(kind: str, key: Any) -> Path:
    from .incremental import tool_digest

    digest = hashlib.sha256(repr((tool_digest(), key)).encode()).hexdigest()[:40]
    return _folder(kind) / f"{digest}.pickle"


def stored(kind: str, key: Any) -> bool:
    """Whether a result for ``key`` is stored (so asking for it costs a file read)."""
    return not os.environ.get("POSTER_GEN_NO_MEMO") and _path(kind, key).is_file()


def memoised(kind: str, key: Any, compute: Callable[[], Any]) -> Any:
    """``compute()``, or the stored result for ``key``."""
    if os.environ.get("POSTER_GEN_NO_MEMO"):
        return compute()
    path = _path(kind, key)
    try:
        with open(path, "rb") as fh:
            value = pickle.load(fh)
        try:
            os.utime(path)  # recently used: kept when the folder is pruned
        except OSError:
            pass
        return value
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, ImportError):
        pass
    value = compute()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(3)}.tmp")
        with open(tmp, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        prune(path.parent)
    except OSError:
        pass  # a read-only cache still works, it just recomputes
    return value


def prune(folder: Path, keep: int = KEEP) -> None:
    """Remove the least recently used entries beyond ``keep`` (every data edit and every
    new version of the tool adds entries; the cache must not grow without end)."""
    with os.scandir(folder) as it:
        entries = [e for e in it if e.name.endswith(".pickle")]
    if len(entries) <= keep * 1.1:  # some slack, so that not every miss lists the folder twice
        return
    entries.sort(key=lambda e: e.stat().st_mtime_ns)
    for e in entries[: len(entries) - keep]:
        try:
            os.unlink(e.path)
        except OSError:
            pass
