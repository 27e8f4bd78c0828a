"""poster-gen watch: build, then rebuild what a save affects, until Ctrl-C."""
from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from pathlib import Path

from .common import print_problems, project_arg
from ..build.manifest import SOURCE_FOLDERS as FOLDERS, snapshot
from .build import print_arguments, print_options

HELP = "build, then watch data/, layouts/ and assets/ and rebuild what each save affects"


def add_arguments(p: argparse.ArgumentParser) -> None:
    project_arg(p)
    p.add_argument("--out", type=Path, metavar="DIR", help="write here instead of <project>/output")
    p.add_argument("--only", action="append", metavar="SLUG", default=[], help="watch only these outputs")
    p.add_argument("--previews", action="store_true", help="refresh the PNG previews of what was rebuilt")
    p.add_argument("--interval", type=float, default=0.2, metavar="S", help="seconds between looks (0.2)")
    print_arguments(p)


def run(args: argparse.Namespace) -> int:
    from ..build.run import BuildFailed, build
    from ..errors import BuildError, InputError
    from .build import print_summary

    from ..build.lock import remove_temporaries

    root = args.project.resolve()

    def stop(signum, frame):
        remove_temporaries()  # empty between builds; mid-build, what is being written
        print("\nstopped watching.", flush=True)
        os._exit(0)

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)

    def once() -> None:
        try:
            result = build(root, args.out, args.only, options=print_options(args),
                           warn=lambda m: print(m, file=sys.stderr))
            print_summary(result)
            rebuilt = [o for o in result.outputs if o.status == "written"]
            if args.previews and rebuilt:
                _previews(root, result.out, rebuilt)
        except BuildFailed as exc:
            print_summary(exc.result)
            _problems(exc)
        except InputError as exc:
            _problems(exc)
        except BuildError as exc:
            print(f"error: {exc}", file=sys.stderr, flush=True)

    last = snapshot(root)  # before the first build: a save made while it runs is seen after it
    once()
    print(f"watching {', '.join(f + '/' for f in FOLDERS)} in {root} (Ctrl-C to stop)", flush=True)
    while True:
        time.sleep(args.interval)
        now = snapshot(root)
        if now == last:
            continue
        time.sleep(0.05)  # let an editor finish writing
        now = snapshot(root)
        changed = sorted(os.path.relpath(p, root) for p in set(now) ^ set(last) | {
            p for p in now.keys() & last.keys() if now[p] != last[p]})
        last = now
        stamp = time.strftime("%H:%M:%S")
        print(f"\n[{stamp}] changed: {', '.join(changed[:5])}{' ...' if len(changed) > 5 else ''}", flush=True)
        once()


def _problems(exc) -> None:
    print_problems(exc.problems, "the previous files are unchanged. Still watching.")


def _previews(root: Path, out: Path, outputs) -> None:
    from ..render.raster import rasterise, save_pages

    previews = out / "previews"
    previews.mkdir(parents=True, exist_ok=True)
    for o in outputs:
        if o.path.suffix == ".pdf":  # social images are pictures already
            save_pages(rasterise(o.path, dpi=36), previews / Path(o.name).stem)
    print(f"previews refreshed in {previews}", flush=True)
