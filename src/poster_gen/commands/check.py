"""poster-gen check: validate everything a build would use, and write nothing."""
from __future__ import annotations

import argparse

import sys

from .common import project_arg
from .build import print_arguments

HELP = "check the data, layouts and themes (and that every text fits) without writing anything"


def add_arguments(p: argparse.ArgumentParser) -> None:
    project_arg(p)
    p.add_argument("--only", action="append", metavar="SLUG", default=[],
                   help="check only this landmark (repeatable); 'brochure' for the brochure")
    print_arguments(p)


def run(args: argparse.Namespace) -> int:
    from ..build.run import BuildFailed, build
    from .build import print_options, print_summary

    try:
        result = build(args.project, None, args.only, write=False, options=print_options(args),
                       warn=lambda m: print(m, file=sys.stderr))
    except BuildFailed as exc:
        print_summary(exc.result)
        raise
    n = len(result.outputs)
    print(f"all good: {n} output(s) checked, every text fits, in {result.seconds:.2f}s")
    return 0
