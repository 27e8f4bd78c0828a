"""SHA256SUMS: the checksum of every file of a release, in the format of GNU
``sha256sum`` (``<hex>  <relative path>``, sorted by path; a name holding a backslash or
a line break is escaped as sha256sum escapes it, the line then starting with ``\\``),
so ``sha256sum -c SHA256SUMS`` in the release folder checks it without poster-gen.

``verify`` compares a release with its checksums: files altered, missing or added.
"""
from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from .store import SUMS, Refusal, Release, read_record, shown

LINE = re.compile(r"^(\\?)([0-9a-f]{64})  (.+)$")


def files_of(folder: Path) -> list[str]:
    """Every file under ``folder`` but the checksums, folder-relative, sorted."""
    found = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames.sort()
        for name in filenames:
            rel = Path(dirpath, name).relative_to(folder).as_posix()
            if rel != SUMS:
                found.append(rel)
    return sorted(found)


def digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def line(hexdigest: str, rel: str) -> str:
    if "\\" in rel or "\n" in rel:
        return "\\" + hexdigest + "  " + rel.replace("\\", "\\\\").replace("\n", "\\n")
    return f"{hexdigest}  {rel}"


def sums_text(folder: Path, known: dict[str, str] | None = None) -> str:
    """SHA256SUMS of ``folder`` (``known``: digests already taken, by relative path)."""
    known = known or {}
    return "".join(line(known.get(rel) or digest(folder / rel), rel) + "\n" for rel in files_of(folder))


def parse(text: str, where: str) -> dict[str, str]:
    """relative path -> hex digest; a ``Refusal`` at the first line not in the format."""
    sums: dict[str, str] = {}
    for n, raw in enumerate(text.split("\n"), 1):
        if not raw:
            continue
        m = LINE.match(raw)
        if not m:
            raise Refusal(f"{where}:{n}", "is not '<sha256>  <path>' (the checksums were edited by hand)")
        rel = m.group(3)
        if m.group(1):
            rel = re.sub(r"\\(.)", lambda g: "\n" if g.group(1) == "n" else g.group(1), rel)
        if rel.startswith("/") or ".." in rel.split("/"):
            raise Refusal(f"{where}:{n}", f"names {rel!r}, outside the release (the checksums were edited by hand)")
        sums[rel] = m.group(2)
    return sums


@dataclass
class Check:
    release: Release
    checked: int = 0
    altered: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.altered or self.missing or self.added)

    def summary(self) -> str:
        parts = [f"{len(v)} {k}" for k, v in (("altered", self.altered), ("missing", self.missing),
                                              ("added", self.added)) if v]
        return ", ".join(parts)


def verify(release: Release, root: Path) -> Check:
    """Compare every file of ``release`` with its SHA256SUMS."""
    path = release.path / SUMS
    where = shown(path, root)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise Refusal(where, "not found: the release's checksums are gone, so it cannot be checked") from None
    except (OSError, UnicodeDecodeError) as err:
        raise Refusal(where, f"cannot be read ({getattr(err, 'strerror', None) or err})") from None
    sums = parse(text, where)
    check = Check(release, len(sums))
    present = set(files_of(release.path))
    for rel, hexdigest in sums.items():
        if rel not in present:
            check.missing.append(rel)
        elif digest(release.path / rel) != hexdigest:
            check.altered.append(rel)
    check.added = sorted(present - set(sums))
    return check


def intact(release: Release, root: Path) -> dict:
    """The record of a release that is exactly as released (else a ``Refusal`` saying
    what changed): what --zip and --from-release start from."""
    check = verify(release, root)
    if not check.ok:
        first = (check.altered or check.missing or check.added)[0]
        raise Refusal(shown(release.path, root), f"was changed since it was released ({check.summary()}, "
                                                 f"e.g. {first}); poster-gen release --verify {release.number} "
                                                 "lists them")
    return read_record(release, root)
