"""poster-gen watch: build, then rebuild what a save affects, until Ctrl-C.

Saves are noticed through the operating system's file events (watchfiles: inotify,
FSEvents, ReadDirectoryChangesW), or by looking at the folders every ``--interval``
seconds with ``--poll``, where watchfiles is not installed, where
``WATCHFILES_FORCE_POLLING`` asks for it, or where a source folder does not exist yet.
The process stays warm between builds (``build.warm``): a saved landmark's poster is
written first, then the rest.
"""
from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from pathlib import Path
from typing import Iterator

from .common import print_problems, project_arg
from ..build.manifest import SOURCE_FOLDERS as FOLDERS, snapshot
from .build import print_arguments, print_options

HELP = "build, then watch data/, layouts/ and assets/ and rebuild what each save affects"
STEP_MS = 5  # the events are looked at this often (ms); a save is taken when a look finds nothing new
DEBOUNCE_MS = 400  # and changes arriving without a pause are grouped at most this long
UNCHANGED = "the previous files are unchanged. Still watching."


def add_arguments(p: argparse.ArgumentParser) -> None:
    project_arg(p)
    p.add_argument("--out", type=Path, metavar="DIR", help="write here instead of <project>/output")
    p.add_argument("--only", action="append", metavar="SLUG", default=[], help="watch only these outputs")
    p.add_argument("--previews", action="store_true", help="refresh the PNG previews of what was rebuilt")
    p.add_argument("--poll", action="store_true", help="look at the folders every --interval seconds "
                   "instead of following the system's file events")
    p.add_argument("--interval", type=float, default=0.2, metavar="S",
                   help="seconds between looks when polling (0.2)")
    print_arguments(p)


def run(args: argparse.Namespace) -> int:
    from ..build.lock import remove_temporaries
    from ..build.run import BuildFailed, build
    from ..build.warm import prewarm, stages, targets
    from ..errors import BuildError, InputError
    from .build import print_summary

    root = args.project.resolve()

    def stop(signum, frame):
        remove_temporaries()  # empty between builds; mid-build, what is being written
        print("\nstopped watching.", flush=True)
        os._exit(0)

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    known: set[str] = set()  # the landmarks of the last build: a save of one of them goes first

    def once(only: list[str], kept: str = UNCHANGED) -> bool:
        """One build of ``only`` ([]: everything watched), reported; whether it succeeded."""
        try:
            result = build(root, args.out, only, options=print_options(args),
                           warn=lambda m: print(m, file=sys.stderr))
            known.update(targets(result.outputs))
            print_summary(result)
            rebuilt = [o for o in result.outputs if o.status == "written"]
            if args.previews and rebuilt:
                _previews(root, result.out, rebuilt)
            return True
        except BuildFailed as exc:
            known.update(targets(exc.result.outputs))
            print_summary(exc.result)
            print_problems(exc.problems, kept)
        except InputError as exc:
            print_problems(exc.problems, kept)
        except BuildError as exc:
            print(f"error: {exc}", file=sys.stderr, flush=True)
        return False

    before = snapshot(root)  # before the first build: a save made while it runs is seen after it
    once(args.only)
    folders = [root / f for f in FOLDERS]
    events = not args.poll and _can_follow_events() and all(f.is_dir() for f in folders)
    warm = sorted(known & set(args.only)) or sorted(known)  # a poster this watch may remake
    try:
        prewarm(root, print_options(args), warm[0] if warm else None)
    except Exception as exc:  # noqa: BLE001 - only time is lost: the first save pays what it did not
        print(f"warning: could not warm up ({exc}); the first rebuild will be slower", file=sys.stderr)
    how = "" if events else f" by looking every {args.interval:g} s"
    print(f"watching {', '.join(f + '/' for f in FOLDERS)} in {root}{how} (Ctrl-C to stop)", flush=True)
    changes = _events(root, folders, before) if events else _polls(root, before, args.interval)
    for changed in changes:
        t0 = time.perf_counter()
        shown = sorted(os.path.relpath(p, root) for p in changed)
        stamp = time.strftime("%H:%M:%S")
        print(f"\n[{stamp}] changed: {', '.join(shown[:5])}{' ...' if len(shown) > 5 else ''}", flush=True)
        plan = stages(root, shown, args.only, known)
        done = []
        for i, only in enumerate(plan):  # a mistake stops the rest: it would only be reported again
            kept = f"{', '.join(plan[0])}: written above; the other files are unchanged. Still watching."
            if not once(only, UNCHANGED if i == 0 else kept):
                break
            what = "done" if len(plan) == 1 else ", ".join(only) if i == 0 else "the rest"
            done.append(f"{what} in {time.perf_counter() - t0:.2f}s")
        print(f"watching ({', '.join(done) or 'nothing rebuilt'})", flush=True)
    return 0


def _can_follow_events() -> bool:
    """watchfiles is installed and WATCHFILES_FORCE_POLLING does not ask for polling."""
    force = os.environ.get("WATCHFILES_FORCE_POLLING", "")
    if force and force.lower() not in ("false", "disable", "disabled"):
        return False
    try:
        import watchfiles  # noqa: F401
    except ImportError:
        return False
    return True


def _ignored(path: str) -> bool:
    """Editors' scratch files and hidden files and folders (as ``manifest.snapshot``)."""
    parts = path.split(os.sep)
    return any(p.startswith(".") for p in parts) or path.endswith(("~", ".swp", ".tmp"))


def _events(root: Path, folders: list[Path], before: dict) -> Iterator[list[str]]:
    """The files changed by each save, from the system's file events."""
    from watchfiles import watch

    def wanted(change, path: str) -> bool:
        return not _ignored(os.path.relpath(path, root)) and not os.path.isdir(path)

    first = True
    for batch in watch(*folders, watch_filter=wanted, debounce=DEBOUNCE_MS, step=STEP_MS,
                       rust_timeout=1000, yield_on_timeout=True, raise_interrupt=False):
        changed = {p for _, p in batch}
        if first:  # watching now: what was saved during the first build, before the events
            first = False
            changed |= set(_differ(before, snapshot(root)))
        if changed:
            yield sorted(changed)


def _polls(root: Path, last: dict, interval: float) -> Iterator[list[str]]:
    """The files changed by each save, by comparing the folders every ``interval`` seconds."""
    while True:
        time.sleep(interval)
        now = snapshot(root)
        if now == last:
            continue
        time.sleep(0.05)  # let an editor finish writing
        now = snapshot(root)
        changed, last = _differ(last, now), now
        if changed:
            yield changed


def _differ(last: dict, now: dict) -> list[str]:
    return sorted(set(now) ^ set(last) | {p for p in now.keys() & last.keys() if now[p] != last[p]})


def _previews(root: Path, out: Path, outputs) -> None:
    from ..render.raster import rasterise, save_pages

    previews = out / "previews"
    previews.mkdir(parents=True, exist_ok=True)
    for o in outputs:
        if o.path.suffix == ".pdf":  # social images are pictures already
            save_pages(rasterise(o.path, dpi=36), previews / Path(o.name).stem)
    print(f"previews refreshed in {previews}", flush=True)
