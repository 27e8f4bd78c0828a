"""poster-gen impose: the brochure as printer's spreads for saddle-stitch binding."""
from __future__ import annotations

import argparse
from pathlib import Path

from .common import project_arg
from ..build.options import EDITIONS

HELP = "impose the built brochure on spreads in booklet order, for saddle-stitch binding"


def add_arguments(p: argparse.ArgumentParser) -> None:
    project_arg(p)
    p.add_argument("--out", type=Path, metavar="DIR", help="the build's output folder (default: <project>/output)")
    p.add_argument("--lang", choices=EDITIONS, default="zh-en", help="which edition to impose")
    p.add_argument("--sheet", choices=["SRA3", "A3"], default="SRA3",
                   help="SRA3 (default): A3 spreads with bleed, crop and fold marks, for a print shop; "
                        "A3: spreads edge to edge, for an office duplex printer")
    p.add_argument("--creep", type=float, default=0.0, metavar="MM",
                   help="move the innermost sheet's pages this far towards the spine (default 0)")


def run(args: argparse.Namespace) -> int:
    from ..errors import InputError, Problem
    from ..finish.impose import booklet_order, impose
    from ..build.formats import BROCHURE, output_name
    from ..build.options import PrintOptions

    root = args.project.resolve()
    out = (args.out or root / "output").resolve()
    ed = PrintOptions(lang=args.lang).edition
    src = out / output_name("print", BROCHURE, ed)
    if not src.is_file():
        raise InputError([Problem(str(src), 0, 0, "", "not found; run `poster-gen build` first")])
    if not 0 <= args.creep <= 5:
        raise InputError([Problem("--creep", 0, 0, "", f"{args.creep:g} mm is not a creep (0-5 mm)")])
    dest = out / output_name("imposed", BROCHURE, ed)
    import io
    import os

    from ..build.job import write_temp

    buf = io.BytesIO()
    sides = impose(src, buf, args.sheet, args.creep)
    tmp = write_temp(dest, buf.getvalue())
    os.replace(tmp, dest)
    n = sides * 2
    order = booklet_order(n)
    pairs = ", ".join(f"{s.left}|{s.right}" for s in order[:4])
    print(f"wrote {dest}: {sides} sides on {args.sheet} ({n} pages; {pairs}, ...)")
    return 0
