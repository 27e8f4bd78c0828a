"""A small on-disk memo for pure, costly results (motif geometry, QR matrices), and the
seal every entry of the tool's cache carries.

A result is stored under a hash of everything that determines it plus the tool's own
source digest, so a change to the code or to any argument is a different entry. Writes
are atomic. Set POSTER_GEN_NO_MEMO=1 to bypass.

A cache is a cache: nothing read from it is trusted unchecked. Every entry the tool
keeps under its cache folder (these pickles, the prepared fonts' checksums, the font
coverage, jieba's dictionary shards) ends in a *seal*: ``SEAL`` and the SHA-256 of the
bytes before it (``seal``, ``unseal``). An entry that is truncated, altered, or whose
payload cannot be parsed is *damaged*: it is removed, computed again, and the run says
so in one warning line on stderr (``read_entry``). A pickle stops at its STOP opcode,
so a sealed pickle is still a pickle. SHA-256 costs about 0.7 ms per MB here, a few
milliseconds for everything a warm build reads.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import secrets
import sys
from pathlib import Path

from .tool_identity import tool_digest
TYPE_CHECKING = False  # typing's own flag without importing typing: the no-op build imports this module
if TYPE_CHECKING:  # annotations only
    from typing import Any, Callable, TypeVar

    T = TypeVar("T")


#: Ends every cache entry's payload, followed by the payload's SHA-256 (32 bytes).
SEAL = b"\n#pgseal1"
_TAIL = len(SEAL) + 32


class Damaged(ValueError):
    """A cache entry whose bytes are not the ones written (the message says how)."""


def seal(payload: bytes) -> bytes:
    """``payload`` as stored: followed by ``SEAL`` and its SHA-256."""
    return payload + SEAL + hashlib.sha256(payload).digest()


def unseal(data: bytes) -> bytes:
    """The payload of a stored entry, checked; ``Damaged`` if it is not what was written."""
    if len(data) < _TAIL or data[-_TAIL:-32] != SEAL:
        raise Damaged("truncated or not sealed")
    payload = data[:-_TAIL]
    if hashlib.sha256(payload).digest() != data[-32:]:
        raise Damaged("checksum mismatch")
    return payload


def read_entry(path: Path, what: str, redo: str, parse: Callable[[bytes], T]) -> T | None:
    """``parse`` of the checked payload of the entry at ``path``; None when there is no
    entry (a miss) or it was damaged: then it is removed and reported (``damaged``).
    Any exception ``parse`` raises counts as damage. ``what`` names the entry in the
    warning ("the cached font"), ``redo`` says what is done instead ("prepared it again")."""
    try:
        with open(path, "rb") as fh:
            data = fh.read()
            st = os.fstat(fh.fileno())
    except OSError:
        return None  # absent or unreadable: a miss (writing it will be tried, quietly)
    try:
        return parse(unseal(data))
    except Exception as exc:  # a damaged pickle can raise anything: OverflowError, MemoryError...
        why = str(exc) if isinstance(exc, Damaged) else f"unreadable: {type(exc).__name__}"
        damaged(path, (st.st_dev, st.st_ino), f"{what} {path.name} in {path.parent}", redo, why)
        return None


def write_entry(path: Path, payload: bytes) -> None:
    """Store ``payload`` sealed, atomically (``OSError`` if the folder cannot be written)."""
    from .atomic import atomic_write

    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, seal(payload))


def damaged(path: Path, ident: tuple[int, int], what: str, redo: str, why: str) -> None:
    """Remove the damaged file at ``path`` (the file read, known by ``ident``: device and
    inode) and print one warning line: "warning: <what> was damaged (<why>); <redo>".
    Forked workers may read the same damaged entry: only the process that removes it
    warns, and a good entry another process has written meanwhile is left in place."""
    aside = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(3)}.tmp")
    try:
        os.rename(path, aside)
    except FileNotFoundError:
        return  # another process took it away
    except OSError as exc:  # a read-only cache: it cannot be mended, only worked around
        _tell(path.parent, f"{what} is damaged ({why}) and cannot be removed ({exc.strerror}); {redo}")
        return
    try:
        st = os.stat(aside)
        if (st.st_dev, st.st_ino) != ident:  # already written again by another process
            os.replace(aside, path)
            return
        os.unlink(aside)
    except OSError:
        pass
    _tell(path.parent, f"{what} was damaged ({why}); {redo}")


#: Damaged entries of one folder warned of one by one, per process; then one line for the rest.
TELL = 3
_TOLD: dict[Path, int] = {}


def _tell(folder: Path, message: str) -> None:
    told = _TOLD[folder] = _TOLD.get(folder, 0) + 1
    if told <= TELL:
        warn(message)
    elif told == TELL + 1:  # a folder damaged wholesale is one problem, not a screenful
        warn(f"more cached entries in {folder} are damaged; each is computed again as it is needed")


def warn(message: str) -> None:
    """One warning line on stderr (forked workers share it, so flushed at once)."""
    print(f"warning: {message}", file=sys.stderr, flush=True)


def _folder(kind: str) -> Path:
    return default_cache_dir() / kind


KEEP = 1000  # entries per kind; the least recently used beyond this are removed


def _path(kind: str, key: Any) -> Path:
    digest = hashlib.sha256(repr((tool_digest(), key)).encode()).hexdigest()[:40]
    return _folder(kind) / f"{digest}.pickle"


def stored(kind: str, key: Any) -> bool:
    """Whether a result for ``key`` is stored (so asking for it costs a file read)."""
    return not os.environ.get("POSTER_GEN_NO_MEMO") and _path(kind, key).is_file()


def memoised(kind: str, key: Any, compute: Callable[[], Any]) -> Any:
    """``compute()``, or the stored result for ``key`` (checked: a damaged one is
    computed again, with a warning)."""
    if os.environ.get("POSTER_GEN_NO_MEMO"):
        return compute()
    path = _path(kind, key)
    box = read_entry(path, f"the cached {kind} entry", "computed it again", lambda b: [pickle.loads(b)])
    if box is not None:
        try:
            os.utime(path)  # recently used: kept when the folder is pruned
        except OSError:
            pass
        return box[0]
    value = compute()
    try:
        write_entry(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
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


def default_cache_dir() -> Path:
    """The cache root: $POSTER_GEN_CACHE, else $XDG_CACHE_HOME/poster-gen, else ~/.cache."""
    env = os.environ.get("POSTER_GEN_CACHE")
    if env:
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "poster-gen"
