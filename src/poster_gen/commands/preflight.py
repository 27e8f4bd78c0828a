"""poster-gen preflight: judge PDFs for print (PDF/X-1a:2003 and house rules).

Any PDF can be checked, not only ours; with no PDF arguments, every PDF the build
wrote (under <project>/output or --out, previews excepted) is checked.
"""
from __future__ import annotations

import argparse
from pathlib import Path

from ..cli import project_arg

HELP = "check PDFs for print: PDF/X-1a, boxes and bleed, fonts, CMYK, ink, black text, images"

SKIPPED_FOLDERS = ("previews",)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("pdfs", nargs="*", type=Path, metavar="PDF",
                   help="files to check (default: every PDF under the output folder)")
    project_arg(p)
    p.add_argument("--out", type=Path, metavar="DIR", help="the output folder to check instead of <project>/output")
    p.add_argument("--no-pdfx", action="store_true",
                   help="do not require the PDF/X-1a identification (Info keys, OutputIntent, XMP)")


def _targets(args: argparse.Namespace) -> list[tuple[Path, str]] | str:
    """(path, name shown) per file, or the reason there is nothing to check."""
    if args.pdfs:
        return [(p, str(p)) for p in args.pdfs]
    out = args.out if getattr(args, "out", None) is not None else Path(args.project) / "output"
    if not out.exists():
        return [(out, str(out))]  # reported as a failing file: "not found"
    found = []
    for path in sorted(out.rglob("*.pdf")):
        relative = path.relative_to(out)
        if any(part in SKIPPED_FOLDERS for part in relative.parts[:-1]):
            continue
        found.append((path, relative.as_posix()))
    return found or f"{out}: no PDF files to check"


def run(args: argparse.Namespace) -> int:
    from ..preflight import PreflightOptions, preflight_pdf

    targets = _targets(args)
    if isinstance(targets, str):  # nothing was checked: that is not a green preflight
        print(f"error: {targets}")
        print("0 passed, 0 failed")
        return 1
    options = PreflightOptions(pdfx=not getattr(args, "no_pdfx", False))
    passed = failed = 0
    for path, shown in targets:
        results = preflight_pdf(path, options, shown=shown)
        for r in results:
            print(f"{'PASS' if r.ok else 'FAIL'}  {r.file}  {r.check}: {r.detail}")
        if all(r.ok for r in results):
            passed += 1
        else:
            failed += 1
    print(f"{passed} passed, {failed} failed", flush=True)
    return 1 if failed else 0
