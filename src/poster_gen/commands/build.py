"""poster-gen build: every poster and the brochure, or a subset."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .common import project_arg
from ..build.options import EDITIONS

HELP = "build the posters and the brochure into output/"


def add_arguments(p: argparse.ArgumentParser) -> None:
    project_arg(p)
    p.add_argument("--out", type=Path, metavar="DIR", help="write here instead of <project>/output")
    p.add_argument("--only", action="append", metavar="SLUG", default=[],
                   help="build only this landmark's poster (repeatable); 'brochure' for the brochure")
    p.add_argument("--keep-going", action="store_true",
                   help="write the outputs that are fine even when others fail (exit code 2 all the same)")
    p.add_argument("--force", action="store_true", help="make every output again, changed or not")
    p.add_argument("--jobs", "-j", type=jobs_count, default=0, metavar="N",
                   help="build in N processes (default, or 0: one per core)")
    p.add_argument("--events", action="store_true",
                   help="report progress as JSON lines on stdout (for programs; see commands/events.py)")
    p.add_argument("--from-release", type=int, metavar="N",
                   help="build release N again from its snapshot into --out DIR and say whether every file "
                        "is byte for byte the one released")
    print_arguments(p)


def jobs_count(text: str) -> int:
    """--jobs: a whole number of processes, 1 or more; 0 (the default) is one per core."""
    try:
        n = int(text)
    except ValueError:
        n = -1
    if n < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of processes "
                                         "(1 or more, or 0 for one per core)")
    return n


def print_arguments(p: argparse.ArgumentParser) -> None:
    from ..finish.sizes import PAPER  # a plain table: cheap to import

    g = p.add_argument_group("print")
    g.add_argument("--size", choices=list(PAPER), help="print the posters at this sheet size "
                   "(written as posters/<slug>-<size>.pdf)")
    g.add_argument("--bleed", type=float, metavar="MM", help="bleed on every side (default: the layout's, 3 mm)")
    g.add_argument("--no-marks", dest="marks", action="store_false",
                   help="no crop marks: the sheet ends at the bleed")
    g.add_argument("--draft", action="store_true",
                   help="build even when a photo is below 300 ppi (with a warning)")
    from ..pdfx_standards import STANDARDS

    g.add_argument("--standard", choices=list(STANDARDS),
                   help="the PDF/X standard of the print files: x1a (PDF/X-1a:2003) or x4 (PDF/X-4, live "
                        "transparency; needs the printing condition's ICC profile); default: the layout's")
    from ..build.formats import CHOICES

    p.add_argument("--format", dest="fmt", choices=list(CHOICES), default="print",
                   help="print (default): PDF/X for the press; screen: RGB PDFs for e-mail in screen/; "
                        "social: PNG cards in social/; all: every one")
    p.add_argument("--lang", choices=EDITIONS, default="zh-en",
                   help="the edition: bilingual (default), or Chinese or English only "
                        "(written as <name>.zh.pdf / <name>.en.pdf)")


def print_options(args: argparse.Namespace):
    from ..build.options import PrintOptions

    if args.bleed is not None and not 0 <= args.bleed <= 20:
        from ..errors import InputError, Problem
        raise InputError([Problem("--bleed", 0, 0, "", f"{args.bleed:g} mm is not a bleed (0-20 mm)")])
    return PrintOptions(size=args.size, bleed=args.bleed, marks=args.marks, draft=args.draft, lang=args.lang,
                        fmt=getattr(args, "fmt", "print"), standard=getattr(args, "standard", None))


def size_text(n: int) -> str:
    return f"{n / 1024:.0f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MB"


def print_summary(result) -> None:
    """One row per output: its status, pages, size and time; then the totals."""
    width = max((len(o.name) for o in result.outputs), default=10)
    print(f"{'file':<{width}}  {'status':<11}  pages      size    time")
    for o in result.outputs:
        size = size_text(o.size) if o.size else "-"
        pages = str(o.pages) if o.pages else "-"
        print(f"{o.name:<{width}}  {o.status:<11}  {pages:>5}  {size:>8}  {o.seconds:>5.2f}s")
    written = [o for o in result.outputs if o.status == "written"]
    skipped = [o for o in result.outputs if o.status == "up to date"]
    total = sum(o.size for o in written)
    kept = f" ({len(skipped)} up to date, skipped)" if skipped else ""
    print(f"{len(written)} file(s) written{kept}, {size_text(total)}, in {result.seconds:.2f}s -> {result.out}",
          flush=True)


def run(args: argparse.Namespace) -> int:
    from ..build.lock import sweep_if_idle

    if getattr(args, "from_release", None) is not None:
        from .release import rebuild

        return rebuild(args)

    out = args.out if args.out is not None else args.project / "output"
    _check_out(out)
    sweep_if_idle(out)  # what a killed build left, whichever path this build takes
    if not args.force and _nothing_to_do(args):
        return 0
    if getattr(args, "events", False):
        return _run_with_events(args)
    from ..build.run import BuildFailed, build
    from ..build.progress import Progress

    bars: Progress | None = None

    def progress(key: str, phase: str) -> None:
        if bars is not None:  # the outputs are known once the project is loaded
            bars(key, phase)

    def on_start(names: dict[str, str]) -> None:
        nonlocal bars
        bars = Progress(names)

    try:
        result = build(args.project, args.out, args.only, keep_going=args.keep_going,
                       options=print_options(args), force=args.force, jobs=args.jobs,
                       progress=progress, warn=lambda m: print(m, file=sys.stderr), on_start=on_start)
    except BuildFailed as exc:
        print_summary(exc.result)
        raise
    print_summary(result)
    return 0


def _run_with_events(args: argparse.Namespace) -> int:
    """The build reported as JSON lines (``--events``); problems also go to stderr
    through the CLI's one printer, and the exit codes are the same."""
    from ..build.run import BuildFailed, build
    from ..errors import BuildError, InputError
    from .events import Events

    ev = Events()

    def summary(result) -> None:
        rows = [(o.name, o.status, o.pages, o.size) for o in result.outputs]
        ev.summary(rows, sum(1 for o in result.outputs if o.status == "written"), result.seconds)

    try:
        result = build(args.project, args.out, args.only, keep_going=args.keep_going,
                       options=print_options(args), force=args.force, jobs=args.jobs,
                       progress=ev.progress, warn=ev.warn, on_start=ev.on_start)
    except BuildFailed as exc:
        ev.problems(exc.problems)
        summary(exc.result)
        raise
    except InputError as exc:
        ev.problems(exc.problems)
        raise
    except BuildError as exc:
        ev.error(str(exc))
        raise
    summary(result)
    return 0


def _check_out(out: Path) -> None:
    """The output folder, or where it is to be made, is not a file (said before any work)."""
    from ..errors import FILE_IN_THE_WAY, MachineError, file_in_the_way

    blocker = file_in_the_way(out)
    if blocker is not None:
        raise MachineError(str(blocker), FILE_IN_THE_WAY)


def _nothing_to_do(args: argparse.Namespace) -> bool:
    """The no-op fast path: no YAML is parsed and nothing heavy imported when every
    requested output is exactly as the last build left it."""
    from ..build import manifest as inc
    from ..build.formats import BROCHURE, CHOICES, output_name
    from ..load.folders import yaml_files

    root = args.project.resolve()
    out = (args.out or root / "output").resolve()
    landmarks = root / "data" / "landmarks"
    only = args.only
    try:
        slugs = [s for s in only if s != BROCHURE] if only else [p.stem for p in yaml_files(landmarks)]
    except OSError:
        return False
    options = print_options(args)
    targets = [*slugs, *([BROCHURE] if not only or BROCHURE in only else [])]
    names = [n for fmt in CHOICES[options.fmt] for t in targets
             if (n := output_name(fmt, t, options.edition, options.size)) is not None]
    if not names:
        return False
    opts = options.key()
    manifest = inc.nothing_to_do(root, out, names, opts)
    if manifest is None:
        return False
    if getattr(args, "events", False):
        from .events import Events

        Events.summary([(n, "up to date", manifest.outputs[n].pages, manifest.outputs[n].size) for n in names],
                       0, 0.0)
        return True
    width = max(len(n) for n in names)
    print(f"{'file':<{width}}  {'status':<11}  pages      size    time")
    for n in names:
        e = manifest.outputs[n]
        print(f"{n:<{width}}  {'up to date':<11}  {e.pages:>5}  {size_text(e.size):>8}  {0:>5.2f}s")
    print(f"nothing to do: {len(names)} file(s) up to date in {out} (--force builds them again)")
    return True
