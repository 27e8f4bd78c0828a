"""``preflight_pdf``: open a file, walk its content once, run every check in report order.

A preflight judges files it did not write, so nothing a file contains may turn into
a traceback: a file that does not open gives one failing "open" result, and a check
that trips over a malformed structure fails with the reason instead of raising.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

import pikepdf

from .collect import Facts, collect
from .content_checks import check_black_text, check_colour, check_images, check_ink
from .fonts import check_fonts
from .model import CHECKS, PDFX_CHECKS, CheckResult, PreflightOptions
from .pdfx import check_output_intent, check_pdfx, judged_standard
from .separations import check_separations
from .structure import check_annotations, check_boxes, check_version
from .transparency import check_transparency
from .xmp import check_xmp

CONTENT_CHECKS = frozenset({"fonts", "colour", "ink", "separations", "black-text", "transparency", "images"})


def preflight_pdf(path: Path, options: PreflightOptions = PreflightOptions(),
                  shown: str | None = None) -> list[CheckResult]:
    """Every check of ``CHECKS`` on one file, in that order (or one "open" failure)."""
    file = shown if shown is not None else str(path)
    path = Path(path)
    if not path.exists():
        return [CheckResult(file, "open", False, "not found")]
    if not path.is_file():
        return [CheckResult(file, "open", False, "not a file")]
    try:
        pdf = pikepdf.open(path)
    except pikepdf.PasswordError:
        return [CheckResult(file, "open", False, "encrypted with a password; cannot be opened")]
    except Exception as exc:  # PdfError, OSError, anything the parser raises
        reason = str(exc).replace(str(path), "").strip(" :") or type(exc).__name__
        return [CheckResult(file, "open", False, f"cannot be opened as a PDF ({reason})")]
    with pdf:
        return _run_checks(pdf, file, options)


def _run_checks(pdf: pikepdf.Pdf, file: str, options: PreflightOptions) -> list[CheckResult]:
    std = judged_standard(pdf, options)
    facts: Facts | None = None
    walk_error = ""
    try:
        facts = collect(pdf, options)
    except Exception as exc:  # a structure the walk cannot follow: content checks say so
        walk_error = f"content could not be read ({type(exc).__name__}: {exc})"

    checks: dict[str, Callable[[], CheckResult]] = {
        "version": lambda: check_version(file, pdf, std),
        "boxes": lambda: check_boxes(file, pdf, options),
        "fonts": lambda: check_fonts(file, facts),
        "colour": lambda: check_colour(file, facts),
        "ink": lambda: check_ink(file, facts, options),
        "separations": lambda: check_separations(file, facts.separations, options),
        "black-text": lambda: check_black_text(file, facts, options),
        "transparency": lambda: check_transparency(file, facts.transparency, std),
        "images": lambda: check_images(file, facts, options, std),
        "pdfx": lambda: check_pdfx(file, pdf, std),
        "output-intent": lambda: check_output_intent(file, pdf, std),
        "xmp": lambda: check_xmp(file, pdf, std),
        "annotations": lambda: check_annotations(file, pdf),
    }
    results = []
    for name in CHECKS:
        if name in PDFX_CHECKS and not options.pdfx:
            results.append(CheckResult(file, name, True, "not required"))
        elif name in CONTENT_CHECKS and facts is None:
            results.append(CheckResult(file, name, False, walk_error))
        else:
            try:
                results.append(checks[name]())
            except Exception as exc:  # a malformed dictionary this check relies on
                results.append(CheckResult(file, name, False,
                                           f"could not be checked ({type(exc).__name__}: {exc})"))
    return results
