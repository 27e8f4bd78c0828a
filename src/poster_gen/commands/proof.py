"""poster-gen proof: ``output/proof.pdf``, what changed since a release, for sign-off
(see poster_gen.release.proof).

Exit codes: 0 written, 2 refused (the outputs are not built or not up to date, no
such release, a release changed by hand: one line saying why; nothing written).
"""
from __future__ import annotations

import argparse
from pathlib import Path

from .common import project_arg

HELP = "write output/proof.pdf: what changed since a release, page by page and fact by fact, for sign-off"


def add_arguments(p: argparse.ArgumentParser) -> None:
    project_arg(p)
    p.add_argument("--since", type=int, metavar="N",
                   help="compare with release N (default: the last release; with none, everything is new)")


def run(args: argparse.Namespace) -> int:
    from ..release.proof import write_proof
    from ..release.store import shown

    root = Path(args.project).resolve()
    dest, proof = write_proof(root, since=args.since)
    changed = [o for o in proof.outputs if o.status != "unchanged"]
    pages = sum(len(o.pages) for o in changed if o.kind == "print")
    against = f"release {proof.release.number}" if proof.release else "no release yet: everything is new"
    print(f"wrote {shown(dest, root)}: {len(changed)} of {len(proof.outputs)} outputs changed, "
          f"{_count(len(proof.facts), 'fact')} changed, {_count(pages, 'print page')} side by side ({against})")
    return 0


def _count(n: int, thing: str) -> str:
    return f"{n} {thing}" + ("" if n == 1 else "s")
