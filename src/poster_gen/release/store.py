"""The releases folder: its names, the list of releases, one found by number, the lock
that serialises releases, and the one way a release comes into being (a temporary
folder filled, made durable and renamed into place; see the package's docstring).
"""
from __future__ import annotations

import json
import os
import re
import shutil
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Callable, Iterator

from ..errors import MachineError, display_path

RELEASES = "releases"
RECORD = "release.json"
FILES = "files"
SNAPSHOT = "snapshot"
PREFLIGHT = "preflight.txt"
JOB = "job.json"
SUMS = "SHA256SUMS"
TEMP_PREFIX, TEMP_SUFFIX = ".release-", ".tmp"
FOLDER = re.compile(r"^([0-9]+)-([0-9]{4}-[0-9]{2}-[0-9]{2})$")
KINDS = ("print", "screen", "social")


class Refusal(MachineError):
    """A release refused or a release that cannot be used: one line naming the file or
    folder concerned, exit code 2, nothing written (printed as the CLI prints the
    machine's faults: one line, nothing more to say)."""


@dataclass(frozen=True)
class Release:
    number: int
    date: str  # YYYY-MM-DD, from the folder's name
    path: Path

    @property
    def name(self) -> str:
        return self.path.name


def releases_dir(root: Path) -> Path:
    return Path(root).resolve() / RELEASES


def shown(path: Path, root: Path) -> str:
    return display_path(path, Path(root))


def listing(root: Path) -> list[Release]:
    """Every release folder, by number (temporaries and other names are not releases)."""
    where = releases_dir(root)
    try:
        entries = list(os.scandir(where))
    except FileNotFoundError:
        return []
    except OSError as err:
        raise Refusal(shown(where, root), f"cannot be read ({(err.strerror or str(err)).lower()})") from None
    found = []
    for e in entries:
        m = FOLDER.match(e.name)
        if m and e.is_dir(follow_symlinks=False):
            found.append(Release(int(m.group(1)), m.group(2), Path(e.path)))
    return sorted(found, key=lambda r: (r.number, r.date))


def find(root: Path, number: int) -> Release:
    """Release ``number``, or a refusal naming the releases there are."""
    every = listing(root)
    hits = [r for r in every if r.number == number]
    where = shown(releases_dir(root), root)
    if not hits:
        have = ", ".join(str(r.number) for r in every)
        tail = f"the releases are {have}" if have else "there are no releases yet (poster-gen release makes the first)"
        raise Refusal(where, f"no release {number}; {tail}")
    if len(hits) > 1:
        raise Refusal(where, f"release {number} has {len(hits)} folders ({', '.join(r.name for r in hits)}); "
                             "folders were copied or renamed by hand: keep the one that was released")
    return hits[0]


def next_number(root: Path) -> int:
    return max((r.number for r in listing(root)), default=0) + 1


def read_record(release: Release, root: Path) -> dict:
    """``release.json`` of a release, checked for the fields the contract names."""
    path = release.path / RECORD
    where = shown(path, root)
    try:
        data = json.loads(path.read_bytes())
    except FileNotFoundError:
        raise Refusal(where, "not found: this folder is not a release (or it was damaged)") from None
    except (OSError, ValueError) as err:
        raise Refusal(where, f"cannot be read ({getattr(err, 'strerror', None) or err}); "
                             f"poster-gen release --verify {release.number} says what changed") from None
    files = data.get("files") if isinstance(data, dict) else None
    ok = isinstance(files, list) and all(isinstance(f, dict) and isinstance(f.get("path"), str) and
                                         isinstance(f.get("sha256"), str) for f in files)
    if not ok or data.get("number") != release.number:
        raise Refusal(where, f"is not the record of release {release.number} (edited by hand?); "
                             f"poster-gen release --verify {release.number} says what changed")
    return data


@contextmanager
def locked(root: Path, wait: float = 120.0) -> Iterator[Path]:
    """Hold the releases folder's lock (made if need be); what killed releases left
    behind is swept first (only the holder may: nobody else is writing)."""
    from ..build.lock import output_lock

    where = releases_dir(root)
    with output_lock(where, wait=wait):
        sweep(where)
        yield where


def sweep(where: Path) -> list[Path]:
    """Remove the temporary folders of releases that never finished (lock held)."""
    gone = []
    try:
        names = [e.name for e in os.scandir(where) if e.name.startswith(TEMP_PREFIX) and e.name.endswith(TEMP_SUFFIX)]
    except OSError:
        return gone
    for name in names:
        shutil.rmtree(where / name, ignore_errors=True)
        gone.append(where / name)
    return gone


def create(root: Path, fill: Callable[[Path, int, datetime], None]) -> Release:
    """Make the next release: ``fill(folder, number, now)`` writes it into a temporary
    folder, which is made durable and renamed into place; on any failure (or a kill)
    no release folder exists and the temporary one is removed (or swept next time)."""
    import tempfile

    with locked(root) as where:
        number = next_number(root)
        now = datetime.now().astimezone().replace(microsecond=0)
        final = where / f"{number}-{now.date().isoformat()}"
        tmp = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=where))
        try:
            os.chmod(tmp, 0o777 & ~_umask())  # mkdtemp makes it private; a release is an ordinary folder
            fill(tmp, number, now)
            _sync_tree(tmp)
            if os.path.lexists(final):  # a folder of that name made by hand: never replace it
                raise Refusal(shown(final, root), "is in the way of the next release; move it away")
            os.rename(tmp, final)
            _sync(where)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
    return Release(number, now.date().isoformat(), final)


def write_file(path: Path, data: bytes) -> None:
    """One file of a release being made (its folder made if need be)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "xb") as fh:
        fh.write(data)


def _umask() -> int:
    from ..atomic import _UMASK

    return _UMASK


def _sync_tree(folder: Path) -> None:
    """Flush every file and folder of a release to the disk before it is renamed into
    place: a power cut must not leave a release with empty files."""
    for dirpath, _, filenames in os.walk(folder):
        for name in filenames:
            fd = os.open(os.path.join(dirpath, name), os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        _sync(Path(dirpath))


def _sync(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:  # some file systems cannot sync a folder
        pass
    finally:
        os.close(fd)
