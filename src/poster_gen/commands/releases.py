"""poster-gen releases: the project's releases, oldest first: number, date, who, files, note."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .common import project_arg

HELP = "list the releases: number, date, who released it, files, note"


def add_arguments(p: argparse.ArgumentParser) -> None:
    project_arg(p)


def run(args: argparse.Namespace) -> int:
    from ..release.store import Refusal, listing, read_record, releases_dir, shown

    root = Path(args.project).resolve()
    every = listing(root)
    if not every:
        print(f"no releases yet in {shown(releases_dir(root), root)}; poster-gen release makes the first")
        return 0
    rows, damaged = [], []
    for rel in every:
        try:
            record = read_record(rel, root)
        except Refusal as exc:
            damaged.append(exc)
            continue
        files = record["files"]
        kinds = [k for k in ("print", "screen", "social") if any(f.get("kind") == k for f in files)]
        counted = ", ".join(f"{sum(1 for f in files if f.get('kind') == k)} {k}" for k in kinds)
        date = str(record.get("date", rel.date)).replace("T", " ")
        rows.append((str(rel.number), date, str(record.get("by") or "-"), counted, str(record.get("note") or "")))
    head = ("#", "date", "by", "files", "note")
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(4)]
    for r in [head, *rows]:
        print("  ".join(c.ljust(w) for c, w in zip(r[:4], widths)) + "  " + r[4])
    for exc in damaged:
        print(f"error: {exc.problems[0]}", file=sys.stderr)
    return 2 if damaged else 0
