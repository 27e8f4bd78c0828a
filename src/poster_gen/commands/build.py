"""poster-gen build: every poster and the brochure, or a subset."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..cli import project_arg

HELP = "build the posters and the brochure into output/"


def add_arguments(p: argparse.ArgumentParser) -> None:
    project_arg(p)
    p.add_argument("--out", type=Path, metavar="DIR", help="write here instead of <project>/output")
    p.add_argument("--only", action="append", metavar="SLUG", default=[],
                   help="build only this landmark's poster (repeatable); 'brochure' for the brochure")


def _size(n: int) -> str:
    return f"{n / 1024:.0f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MB"


def run(args: argparse.Namespace) -> int:
    from ..builder import build

    result = build(args.project, args.out, args.only)
    root = (args.out or args.project / "output").resolve()
    width = max((len(o.name) for o in result.outputs), default=10)
    print(f"{'file':<{width}}  pages      size    time")
    for o in result.outputs:
        print(f"{o.name:<{width}}  {o.pages:>5}  {_size(o.size):>8}  {o.seconds:>5.2f}s")
    total = sum(o.size for o in result.outputs)
    print(f"{len(result.outputs)} file(s), {_size(total)}, in {result.seconds:.2f}s -> {root}")
    sys.stdout.flush()
    return 0
