"""What the verbs share: the --project option, and the one way problems are printed."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def project_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--project", type=Path, default=Path("."), metavar="DIR",
                   help="project folder with data/, layouts/ and assets/ (default: the current folder)")


def print_problems(problems, tail: str) -> None:
    """Every problem on its own line, then the count and what became of the files (``tail``),
    on stderr: how the command line, ``watch`` and ``preflight`` report problems."""
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    n = len(problems)
    print(f"{n} problem{'s' if n != 1 else ''} found; {tail}", file=sys.stderr, flush=True)
