"""Make a release: freeze the outputs now built as the next numbered release folder.

Refused, with nothing written, when the build is not up to date (``built``) or a print
file fails preflight (``report``). The output folder's lock is held throughout, so no
build changes a file between its check and its copy; each copy is checked against the
hash the build recorded all the same. The folder itself is made by ``store.create``
(a temporary folder under the releases' lock, renamed into place).
"""
from __future__ import annotations

import getpass
import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .. import __version__
from . import built, report, snapshot, store, sums, ticket


@dataclass(frozen=True)
class Made:
    release: store.Release
    record: dict
    warnings: tuple[str, ...] = ()


def default_by() -> str:
    """Who releases when --by is not given: the login name ("" when there is none)."""
    try:
        return getpass.getuser()
    except Exception:  # no login name in this environment (a container, a service)
        return ""


def release(root: Path, *, note: str = "", by: str | None = None, out: Path | None = None,
            edition: str = "", size: str | None = None) -> Made:
    """Release the outputs built in ``out`` (default ``<root>/output``)."""
    from ..build.lock import output_lock
    from ..load.project import load_project

    root = Path(root).resolve()
    out = Path(out).resolve() if out is not None else root / "output"
    by = default_by() if by is None else by
    if not out.is_dir():
        raise store.Refusal(store.shown(out, root), "nothing is built here yet; run poster-gen build, then release")
    with output_lock(out):  # no build changes the outputs while they are released
        items, manifest = built.current_set(root, out, edition, size)
        prints = [(out / i.name, i.name) for i in items if i.kind == "print"]
        preflight = report.preflight(prints, store.shown(out, root))
        project = load_project(root)
        inputs = snapshot.input_files(root, items)
        made: dict = {}

        def fill(folder: Path, number: int, now: datetime) -> None:
            record = {"number": number, "date": now.isoformat(), "by": by, "note": note,
                      "tool": {"version": __version__, "digest": manifest.tool},
                      "options": items[0].entry.options, "files": []}
            known: dict[str, str] = {}
            for item in items:
                data = _read_checked(out, item, root)
                rel = f"{store.FILES}/{item.name}"
                store.write_file(folder / rel, data)
                known[rel] = item.entry.output
                record["files"].append({"path": item.name, "sha256": item.entry.output, "size": len(data),
                                        "pages": item.entry.pages, "kind": item.kind})
            store.write_file(folder / store.PREFLIGHT, preflight.encode("utf-8"))
            snapshot.write(root, folder / store.SNAPSHOT, inputs)
            job = ticket.job(record, items, folder / store.FILES, project)
            store.write_file(folder / store.JOB, _json(job))
            store.write_file(folder / store.RECORD, _json(record))
            store.write_file(folder / store.SUMS, sums.sums_text(folder, known).encode("utf-8"))
            made["record"] = record

        rel = store.create(root, fill)
    targets = {i.target for i in items}
    unknown = sorted(set(getattr(project.campaign, "quantities", None) or {}) - targets)
    warnings = tuple(f"warning: data/campaign.yaml: quantities.{k} names no landmark and not the brochure; "
                     "the job ticket leaves it out" for k in unknown)
    return Made(rel, made["record"], warnings)


def _read_checked(out: Path, item: built.Item, root: Path) -> bytes:
    path = out / item.name
    try:
        data = path.read_bytes()
    except OSError as err:
        raise store.Refusal(store.shown(path, root), f"cannot be read ({(err.strerror or str(err)).lower()})") from None
    if hashlib.sha256(data).hexdigest() != item.entry.output:
        raise store.Refusal(store.shown(path, root), "changed while the release was being made; "
                                                     "run poster-gen build, then release")
    return data


def _json(data: dict) -> bytes:
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
