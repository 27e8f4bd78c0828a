"""The print shop's hand-off: one ZIP with a release's print PDFs, its preflight report,
its job ticket and their checksums, written atomically.

Inside, everything sits in one folder named after the release (``release-<n>-<date>/``):
the PDFs at their output-relative paths (as job.json names them), ``preflight.txt``,
``job.json`` and a ``SHA256SUMS`` over these files only, so the print shop can check
what it received with ``sha256sum -c SHA256SUMS``. The release is checked against its
own checksums first: an altered release is not handed off.
"""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

from .store import FILES, JOB, PREFLIGHT, SUMS, Refusal, Release, releases_dir, shown
from .sums import intact, line, parse

def default_path(root: Path, release: Release) -> Path:
    return Path(root).resolve() / "output" / f"release-{release.name}.zip"


def write_zip(root: Path, release: Release, dest: Path | None = None) -> Path:
    from ..atomic import atomic_write

    root = Path(root).resolve()
    dest = Path(dest).resolve() if dest is not None else default_path(root, release)
    if dest.is_relative_to(releases_dir(root)):
        raise Refusal(shown(dest, root), "is inside releases/, which holds the releases only (they are never "
                                         "changed); write the ZIP elsewhere (--out FILE)")
    record = intact(release, root)
    sums = parse((release.path / SUMS).read_text(encoding="utf-8"), shown(release.path / SUMS, root))
    prints = [f["path"] for f in record["files"] if f.get("kind") == "print"]
    members = [(f"{FILES}/{p}", p) for p in prints] + [(PREFLIGHT, PREFLIGHT), (JOB, JOB)]
    top = f"release-{release.name}"
    when = _when(record.get("date", ""))  # every entry dated by the release: one release, one ZIP
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for src, name in members:
            info = zipfile.ZipInfo(f"{top}/{name}", when)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, (release.path / src).read_bytes())
        text = "".join(line(sums[src], name) + "\n" for src, name in sorted(members, key=lambda m: m[1]))
        info = zipfile.ZipInfo(f"{top}/{SUMS}", when)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        z.writestr(info, text)
    try:
        atomic_write(dest, buf.getvalue(), durable=True)
    except OSError as err:
        from ..errors import machine_error

        raise (machine_error(err, dest.parent) or err) from None
    return dest


def _when(date: str) -> tuple[int, int, int, int, int, int]:
    """The release's local date and time as a ZIP entry's (1980 at the earliest)."""
    from datetime import datetime

    try:
        d = datetime.fromisoformat(date)
    except ValueError:
        return (1980, 1, 1, 0, 0, 0)
    return (max(d.year, 1980), d.month, d.day, d.hour, d.minute, d.second)
