"""poster-gen preflight: judge PDFs for print (PDF/X-1a:2003 or PDF/X-4, and house rules).

Any PDF can be checked, not only ours; with no PDF arguments, every PDF the build
wrote (under <project>/output or --out, previews excepted) is checked. Each file is
judged against the PDF/X standard it claims, or the one ``--standard`` names.

Exit codes: 0 every file passed, 1 a PDF failed a check, 2 something could not be
checked at all (not found, unreadable, not a PDF, nothing to check): one ``error:``
line naming the file each.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..pdfx_standards import STANDARDS
from .common import project_arg

HELP = "check PDFs for print: PDF/X-1a or X-4, boxes and bleed, fonts, CMYK, ink, plates, black text, images"

# not for the press, so not judged as print when no file is named: pictures, the screen
# editions (RGB, no bleed) and the sign-off proof (poster-gen proof)
SKIPPED_FOLDERS = ("previews", "screen")
SKIPPED_FILES = ("proof.pdf",)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("pdfs", nargs="*", type=Path, metavar="PDF",
                   help="files to check (default: every print PDF under the output folder: not screen/, not proof.pdf)")
    project_arg(p)
    p.add_argument("--out", type=Path, metavar="DIR", help="the output folder to check instead of <project>/output")
    p.add_argument("--standard", choices=list(STANDARDS), metavar="|".join(STANDARDS),
                   help="the PDF/X standard to judge every file against: "
                        + "; ".join(f"{key} = {s.name}" for key, s in STANDARDS.items())
                        + " (default: the one each file claims, PDF/X-1a:2003 when it claims none)")
    p.add_argument("--no-pdfx", action="store_true",
                   help="do not require the PDF/X identification (Info keys, OutputIntent, XMP)")


def _targets(args: argparse.Namespace) -> list[tuple[Path, str]] | str:
    """(path, name shown) per file, or why there is nothing to check."""
    if args.pdfs:
        return [(p, str(p)) for p in args.pdfs]
    out = args.out if getattr(args, "out", None) is not None else Path(args.project) / "output"
    if not out.is_dir():
        return f"{out}: {'not a folder' if out.exists() else 'not found'}; build first (poster-gen build), " \
               "or name the PDFs to check"
    found = []
    for path in sorted(out.rglob("*.pdf")):
        relative = path.relative_to(out)
        if any(part in SKIPPED_FOLDERS for part in relative.parts[:-1]) or relative.as_posix() in SKIPPED_FILES:
            continue
        found.append((path, relative.as_posix()))
    return found or f"{out}: no PDF files to check"


# the first bytes of what is most often mistaken for a PDF
SIGNATURES = ((b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
              (b"II*\x00", "a TIFF image"), (b"MM\x00*", "a TIFF image"), (b"PK\x03\x04", "a ZIP archive"),
              (b"%!PS", "PostScript"), (b"{\\rtf", "an RTF document"))


def unreadable(path: Path) -> str | None:
    """Why ``path`` cannot be checked as a PDF (read without pikepdf), or None."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(1024)
    except FileNotFoundError:
        return "not found"
    except IsADirectoryError:
        return "is a folder, not a PDF"
    except PermissionError as err:
        return f"cannot be read ({(err.strerror or 'permission denied').lower()}); check its permissions"
    except OSError as err:
        return f"cannot be read ({(err.strerror or str(err)).lower()})"
    if not head:
        return "not a PDF (the file is empty)"
    if b"%PDF-" not in head:  # readers accept the header anywhere in the first 1024 bytes
        kind = next((what for sig, what in SIGNATURES if head.startswith(sig)), "")
        return f"not a PDF ({'it is ' + kind if kind else 'it does not start with %PDF-'})"
    return None


def _not_opened(results) -> str | None:
    """Why the checks could not open a file that starts like a PDF, or None."""
    if len(results) != 1 or results[0].check != "open" or results[0].ok:
        return None
    if "password" in results[0].detail:
        return "encrypted with a password; remove it to check the file"
    return "not a PDF (it starts like one but is damaged or truncated)"


def run(args: argparse.Namespace) -> int:
    targets = _targets(args)
    if isinstance(targets, str):  # nothing was checked: that is not a green preflight
        print(f"error: {targets}", file=sys.stderr, flush=True)
        return 2
    from ..preflight import PreflightOptions, preflight_pdf

    options = PreflightOptions(pdfx=not getattr(args, "no_pdfx", False), standard=getattr(args, "standard", None))
    passed = failed = unchecked = 0
    for path, shown in targets:
        why = unreadable(path)
        results = [] if why else preflight_pdf(path, options, shown=shown)
        why = why or _not_opened(results)
        if why:
            print(f"error: {shown}: {why}", file=sys.stderr, flush=True)
            unchecked += 1
            continue
        for r in results:
            print(f"{'PASS' if r.ok else 'FAIL'}  {r.file}  {r.check}: {r.detail}")
        if all(r.ok for r in results):
            passed += 1
        else:
            failed += 1
    print(f"{passed} passed, {failed} failed" + (f", {unchecked} not checked" if unchecked else ""), flush=True)
    return 2 if unchecked else 1 if failed else 0
