"""``build --from-release N --out DIR``: build a release again from its snapshot, with
the print options it was built with, and compare every file with the one released.

The snapshot is loaded as a project where it lies (read only: the build writes into
``DIR`` alone, which may not be inside ``releases/``). A release is rebuilt only when
it is intact (its checksums hold). The files are byte for byte the released ones when
this poster-gen is the one that made them; when it is another, the result says so, and
which files differ.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .. import __version__
from ..errors import InputError, MachineError, Problem
from .store import SNAPSHOT, Refusal, Release, find, releases_dir, shown
from .sums import intact


@dataclass
class Reprint:
    release: Release
    out: Path
    same: list[str] = field(default_factory=list)
    differ: list[str] = field(default_factory=list)
    tool: dict = field(default_factory=dict)  # the release's {"version", "digest"}
    same_tool: bool = True

    @property
    def identical(self) -> bool:
        return not self.differ


def parse_options(key: str):
    """The print options a build record's options string stands for (``PrintOptions.key``)."""
    from ..build.options import EDITIONS, PrintOptions

    raw = dict(part.partition("=")[::2] for part in key.split(";") if part)
    try:
        size = None if raw.get("size", "None") == "None" else raw["size"]
        bleed = None if raw.get("bleed", "None") == "None" else float(raw["bleed"])
        marks, draft = raw.get("marks", "True") == "True", raw.get("draft", "False") == "True"
        lang = raw.get("lang", "zh-en")
    except ValueError:
        raise ValueError(key) from None
    if lang not in EDITIONS:
        raise ValueError(key)
    options = PrintOptions(size=size, bleed=bleed, marks=marks, draft=draft, lang=lang)
    if options.key() != key:  # anything not understood: not this tool's record
        raise ValueError(key)
    return options


def reprint(root: Path, number: int, out: Path, warn: Callable[[str], None] | None = None) -> Reprint:
    from ..build.options import PrintOptions
    from ..build.run import build
    from ..tool_identity import tool_digest

    root = Path(root).resolve()
    release = find(root, number)
    out = Path(out).resolve()
    if out.is_relative_to(releases_dir(root)):
        raise Refusal(shown(out, root), "is inside releases/, and releases are never changed; "
                                        "give --out a folder elsewhere")
    record = intact(release, root)
    snap = release.path / SNAPSHOT
    if not snap.is_dir():
        raise Refusal(shown(release.path, root), f"has no {SNAPSHOT}/ folder, so it cannot be rebuilt")
    try:
        options = parse_options(str(record.get("options", "")))
    except ValueError:
        raise Refusal(shown(release.path / "release.json", root),
                      f"options: {record.get('options')!r} are not print options this poster-gen knows") from None
    kinds = {f.get("kind") for f in record["files"]}
    try:
        for fmt in ("print", "screen", "social"):
            if fmt in kinds:
                build(snap, out, options=PrintOptions(options.size, options.bleed, options.marks, options.draft,
                                                      options.lang, fmt), force=True, warn=warn)
    except MachineError:
        raise
    except InputError as exc:  # the snapshot's problems, located in the snapshot
        where = shown(snap, root)
        raise InputError([Problem(f"{where}/{p.file}" if p.file and not p.file.startswith("/") else p.file,
                                  p.line, p.column, p.field, p.message) for p in exc.problems]) from None
    tool = record.get("tool") or {}
    result = Reprint(release, out, tool=tool,
                     same_tool=tool.get("version") == __version__ and tool.get("digest") == tool_digest())
    for f in record["files"]:
        path = out / f["path"]
        got = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""
        (result.same if got == f["sha256"] else result.differ).append(f["path"])
    return result
