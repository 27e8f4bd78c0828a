"""Every save of a data file kept as a version: when, who (when known), and a one-line
account of what changed; any version can be put back (which is itself a new version,
so nothing is ever lost).

Versions live beside the file, in ``.history/<name>.versions/``: ``<n>.yaml`` holds the
bytes as saved and ``<n>.json`` what is known of the save (a landmark's in
``data/landmarks/.history/``, the campaign's in ``data/.history/``). The build reads only
the ``*.yaml`` files of its folders themselves (``load.folders``), never what is in a
hidden folder. At most ``KEEP`` versions are kept per file (the oldest go first).
"""
from __future__ import annotations

import json
import stat
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from . import yamlsave
from .yamlsave import HISTORY, StaleError, etag, lock_for

KEEP = 200
_SHOWN = 32  # characters of a value shown in a summary


@dataclass(frozen=True)
class Version:
    number: int
    when: str  # UTC, ISO 8601 to the second
    who: str  # the name the studio was given, or ""
    etag: str  # of the bytes saved
    summary: str  # "key_figures[0].value: 200+ → 250+ (and 2 more)"

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def folder(path: Path) -> Path:
    return path.parent / HISTORY / f"{path.name}.versions"


def versions(path: Path) -> list[Version]:
    """The kept versions of ``path``, newest first."""
    found = []
    for meta in folder(path).glob("*.json"):
        try:
            found.append(Version(**json.loads(meta.read_text(encoding="utf-8"))))
        except (OSError, ValueError, TypeError):
            continue  # a damaged record is skipped, never fatal
    return sorted(found, key=lambda v: -v.number)


def data_of(path: Path, number: int) -> bytes | None:
    """The bytes of version ``number``, or None when it is not kept."""
    try:
        return (folder(path) / f"{number}.yaml").read_bytes()
    except OSError:
        return None


def record(path: Path, data: bytes, who: str = "", note: str = "") -> Version:
    """Keep ``data`` (what ``path`` now holds) as the next version. The first version
    recorded for a file is the file as it was found, so the first save has something
    to go back to: call ``baseline`` before changing it."""
    from ..atomic import atomic_write

    kept = versions(path)
    previous = data_of(path, kept[0].number) if kept else None
    number = kept[0].number + 1 if kept else 1
    summary = note or describe(previous, data)
    version = Version(number, time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), who[:80], etag(data), summary)
    where = folder(path)
    where.mkdir(parents=True, exist_ok=True)
    atomic_write(where / f"{number}.yaml", data)
    atomic_write(where / f"{number}.json", json.dumps(version.as_json(), ensure_ascii=False).encode())
    for old in kept[KEEP - 1:]:
        for suffix in (".yaml", ".json"):
            (where / f"{old.number}{suffix}").unlink(missing_ok=True)
    return version


def baseline(path: Path, data: bytes) -> None:
    """Record the file as found, once, before the first save the studio makes."""
    if not versions(path):
        record(path, data, note="as found")


def describe(old: bytes | None, new: bytes) -> str:
    """What changed from ``old`` to ``new``, in one line, by data field."""
    if old is None:
        return "first version"
    before, after = _fields(old), _fields(new)
    if before is None or after is None:
        return "the text changed" if old != new else "no change"
    changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    if not changed:
        return "layout of the file only (comments, spacing)" if old != new else "no change"
    first = changed[0]
    line = f"{first}: {_short(before.get(first))} → {_short(after.get(first))}"
    return line + (f" (and {len(changed) - 1} more)" if len(changed) > 1 else "")


def _short(value: str | None) -> str:
    if value is None:
        return "—"
    return value if len(value) <= _SHOWN else value[: _SHOWN - 1] + "…"


def _fields(data: bytes) -> dict[str, str] | None:
    """Every scalar of a YAML document by its field path (``key_figures[0].value``),
    walked without recursion; None when the text is not valid YAML."""
    import yaml

    try:
        doc = yaml.load(data, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return None
    out: dict[str, str] = {}
    stack: list[tuple[str, Any]] = [("", doc)]
    while stack:
        where, value = stack.pop()
        if isinstance(value, dict):
            stack += [(f"{where}.{k}" if where else str(k), v) for k, v in value.items()]
        elif isinstance(value, list):
            stack += [(f"{where}[{i}]", v) for i, v in enumerate(value)]
        else:
            out[where] = "" if value is None else str(value)
    return out


# -- saving through the history ------------------------------------------------------------
def save(path: Path, new: Any, expected_etag: str, who: str = "") -> str:
    """``yamlsave.save``, with the file as found and the file as saved both kept."""
    with lock_for(path):
        before = path.read_bytes()
        if etag(before) == expected_etag:
            baseline(path, before)
        tag = yamlsave.save(path, new, expected_etag)
        if tag != etag(before):
            record(path, path.read_bytes(), who)
        return tag


def undo(path: Path, expected_etag: str, who: str = "") -> str:
    """``yamlsave.undo`` (the last save swapped back), kept as a version."""
    with lock_for(path):
        tag = yamlsave.undo(path, expected_etag)
        record(path, path.read_bytes(), who, note="undo of the last save")
        return tag


def restore(path: Path, number: int, expected_etag: str, who: str = "") -> str:
    """Put version ``number`` back as the file's text (itself a new version; the text
    it replaces stays a version, and is what Undo brings back). Raises ``KeyError``
    when no such version is kept and ``StaleError`` when the file changed meanwhile."""
    from ..atomic import atomic_write

    with lock_for(path):
        data = data_of(path, number)
        if data is None:
            raise KeyError(number)
        current = path.read_bytes()
        if etag(current) != expected_etag:
            raise StaleError(str(path))
        baseline(path, current)
        if data == current:
            return expected_etag
        prev = yamlsave.history_path(path)
        prev.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(prev, current)  # Undo after a restore brings back what was replaced
        atomic_write(path, data, mode=stat.S_IMODE(path.stat().st_mode), durable=True)
        record(path, data, who, note=f"version {number} put back")
        return etag(data)
