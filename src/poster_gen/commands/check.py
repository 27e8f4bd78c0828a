"""poster-gen check: validate everything a build would use, and write nothing."""
from __future__ import annotations

import argparse

from ..cli import project_arg

HELP = "check the data, layouts and themes (and that every text fits) without writing anything"


def add_arguments(p: argparse.ArgumentParser) -> None:
    project_arg(p)
    p.add_argument("--only", action="append", metavar="SLUG", default=[],
                   help="check only this landmark (repeatable); 'brochure' for the brochure")


def run(args: argparse.Namespace) -> int:
    from ..builder import BuildFailed, build
    from .build import print_summary

    try:
        result = build(args.project, None, args.only, write=False)
    except BuildFailed as exc:
        print_summary(exc.result)
        raise
    n = len(result.outputs)
    print(f"all good: {n} output(s) checked, every text fits, in {result.seconds:.2f}s")
    return 0
