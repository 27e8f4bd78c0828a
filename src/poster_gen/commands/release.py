"""poster-gen release: freeze the print set now built as the next numbered release
(``releases/<n>-<date>/``, see poster_gen.release), check one (``--verify N``), or
write the print shop's hand-off ZIP of one (``--zip N``).

Exit codes: 0 done (or the release is intact), 2 refused or a release was changed
(one line saying why; nothing written).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .common import project_arg

HELP = "freeze the outputs now built as the next numbered release (or check one, or zip it for the print shop)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    project_arg(p)
    p.add_argument("--note", default="", metavar="TEXT", help="why this release: what changed, who approved it")
    p.add_argument("--by", metavar="NAME", help="who releases it (default: your login name)")
    g = p.add_mutually_exclusive_group()
    g.add_argument("--verify", type=int, metavar="N", help="check release N against its checksums; "
                   "say which files were altered, are missing or were added")
    g.add_argument("--zip", type=int, metavar="N", help="write the print shop's hand-off of release N: its print "
                   "PDFs, preflight report, job ticket and checksums in one ZIP")
    p.add_argument("--out", type=Path, metavar="FILE",
                   help="with --zip: the ZIP to write (default: output/release-<n>-<date>.zip)")
    from ..build.options import EDITIONS
    from ..finish.sizes import PAPER

    p.add_argument("--lang", choices=EDITIONS, default="zh-en",
                   help="the edition to release, as it was built (default: the bilingual one)")
    p.add_argument("--size", choices=list(PAPER), help="release the posters built at this sheet size (--size of build)")


def run(args: argparse.Namespace) -> int:
    from ..release.store import Refusal

    if args.out is not None and args.zip is None:
        raise Refusal("--out", "names the ZIP of --zip N; a release is made from the output folder")
    if args.verify is not None:
        return _verify(args)
    if args.zip is not None:
        from ..release.handoff import write_zip
        from ..release.store import find, shown

        dest = write_zip(args.project, find(args.project, args.zip), args.out)
        print(f"wrote {shown(dest, Path(args.project).resolve())}: the print shop's hand-off of release {args.zip} "
              "(print PDFs, preflight.txt, job.json, SHA256SUMS)")
        return 0
    from ..release.create import release
    from ..release.store import shown

    edition = "" if args.lang == "zh-en" else f".{args.lang}"
    made = release(args.project, note=args.note, by=args.by, edition=edition, size=args.size)
    for warning in made.warnings:
        print(warning, file=sys.stderr)
    files = made.record["files"]
    counts = ", ".join(f"{sum(1 for f in files if f['kind'] == k)} {k}" for k in ("print", "screen", "social")
                       if any(f["kind"] == k for f in files))
    n = made.release.number
    print(f"release {n}: {shown(made.release.path, Path(args.project).resolve())} ({counts}; preflight passed)")
    print(f"hand-off for the print shop: poster-gen release --zip {n}")
    return 0


def _verify(args: argparse.Namespace) -> int:
    from ..release.store import Refusal, find, shown
    from ..release.sums import verify

    root = Path(args.project).resolve()
    check = verify(find(root, args.verify), root)
    for label, names in (("altered", check.altered), ("missing", check.missing), ("added", check.added)):
        for name in names:
            print(f"{label:<8} {name}")
    where = shown(check.release.path, root)
    if not check.ok:
        sys.stdout.flush()
        raise Refusal(where, f"does not match its checksums ({check.summary()} of {check.checked} files)")
    print(f"release {args.verify} is intact: {check.checked} files match {where}/SHA256SUMS")
    return 0


def rebuild(args: argparse.Namespace) -> int:
    """``build --from-release N --out DIR`` (called by the build command)."""
    from ..release.reprint import reprint
    from ..release.store import Refusal

    others = [flag for flag, given in (("--only", args.only), ("--force", args.force), ("--size", args.size),
                                       ("--bleed", args.bleed is not None), ("--no-marks", not args.marks),
                                       ("--draft", args.draft), ("--format", args.fmt != "print"),
                                       ("--lang", args.lang != "zh-en"), ("--events", args.events)) if given]
    if others:
        raise Refusal(others[0], "does not go with --from-release: a release is rebuilt with its own options")
    if args.out is None:
        raise Refusal("--from-release", "needs --out DIR: the folder to rebuild the release into")
    n = args.from_release
    print(f"rebuilding release {n} from its snapshot into {args.out} ...", flush=True)
    result = reprint(args.project, n, args.out, warn=lambda m: print(m, file=sys.stderr))
    for name in result.same:
        print(f"identical  {name}")
    for name in result.differ:
        print(f"differs    {name}")
    if not result.same_tool:
        was, now = result.tool.get("version", "?"), _version()
        made = f"another copy of poster-gen {was} (its code differs)" if was == now else f"poster-gen {was}"
        print(f"note: release {n} was made by {made}, not by this poster-gen {now}; "
              "what it makes differently differs")
    if result.identical:
        print(f"every file of release {n} rebuilt byte for byte ({len(result.same)} files) -> {result.out}")
        return 0
    print(f"{len(result.differ)} of {len(result.same) + len(result.differ)} files differ from release {n} "
          f"-> {result.out}", file=sys.stderr)
    return 1


def _version() -> str:
    from .. import __version__

    return __version__
