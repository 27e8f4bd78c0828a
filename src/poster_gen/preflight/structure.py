"""The checks on document structure: version (and encryption), page boxes, annotations.

These read dictionaries only, never content streams.
"""
from __future__ import annotations

from typing import Any

import pikepdf

from ..pdfx_standards import Standard
from .geometry import Rect, as_rect, bleed_box, inherited, inside, overlaps
from ..units import PT_PER_MM
from .model import CheckResult, Findings, PreflightOptions, plural, result, text

PRINT_ANNOTATIONS = ("/PrinterMark", "/TrapNet")


def _version(text: str) -> tuple[int, int]:
    try:
        major, minor = text.strip().lstrip("/").split(".")[:2]
        return int(major), int(minor)
    except ValueError:
        return (99, 0)


def mm_rect(r: Rect) -> str:
    return "[" + " ".join(f"{v / PT_PER_MM:.1f}" for v in r) + "] mm"


def check_version(file: str, pdf: pikepdf.Pdf, standard: Standard) -> CheckResult:
    """The PDF version the standard is based on (header and catalog), compressed
    cross-reference and object streams only where it allows them, no encryption."""
    findings = Findings()
    header, most = pdf.pdf_version, standard.version
    if _version(header) > most:
        findings.add(f"header says PDF {header} ({standard.name} allows at most {standard.version_text})")
    catalog = pdf.Root.get("/Version")
    if catalog is not None and _version(text(catalog)) > most:
        findings.add(f"the catalog's /Version {text(catalog).lstrip('/')} raises the version above "
                     f"{standard.version_text} ({standard.name})")
    trailer = pdf.trailer
    if not standard.object_streams and ("/XRefStm" in trailer or text(trailer.get("/Type", "")) == "/XRef"):
        # object streams need a cross-reference stream: one finding covers both
        findings.add(f"uses a cross-reference stream (PDF 1.5, not allowed in {standard.name})")
    if pdf.is_encrypted:
        findings.add("the file is encrypted (PDF/X forbids encryption)")
    return result(file, "version", findings, f"PDF {header}, not encrypted (judged as {standard.name})")


def _page_boxes(n: int, page: Any, options: PreflightOptions, findings: Findings) -> float | None:
    """Judge one page's boxes; return its smallest bleed in mm (None if not measurable)."""
    media = as_rect(inherited(page, "/MediaBox"))
    trim = as_rect(page.get("/TrimBox"))
    bleed = as_rect(page.get("/BleedBox"))
    missing = [name for name, box in (("MediaBox", media), ("TrimBox", trim), ("BleedBox", bleed)) if box is None]
    if missing:
        findings.add(f"page {n}: no {' and '.join(missing)}")
    if trim is not None and "/ArtBox" in page:
        findings.add(f"page {n}: has both TrimBox and ArtBox (PDF/X allows only one)")
    crop = as_rect(inherited(page, "/CropBox"))
    if crop is not None and media is not None and not (inside(crop, media) and inside(media, crop)):
        findings.add(f"page {n}: CropBox {mm_rect(crop)} differs from MediaBox {mm_rect(media)}")
    if bleed is not None and media is not None and not inside(bleed, media):
        findings.add(f"page {n}: BleedBox {mm_rect(bleed)} is not inside the MediaBox {mm_rect(media)}")
    if trim is None or bleed is None:
        return None
    if not inside(trim, bleed):
        findings.add(f"page {n}: TrimBox {mm_rect(trim)} is not inside the BleedBox {mm_rect(bleed)}")
    sides = {"left": trim[0] - bleed[0], "bottom": trim[1] - bleed[1],
             "right": bleed[2] - trim[2], "top": bleed[3] - trim[3]}
    side, smallest = min(sides.items(), key=lambda kv: kv[1])
    smallest_mm = smallest / PT_PER_MM
    if smallest_mm < options.min_bleed_mm - 0.01:
        findings.add(f"page {n}: bleed is {smallest_mm:.2f} mm on the {side} (min {options.min_bleed_mm:g} mm)")
    return smallest_mm


def check_boxes(file: str, pdf: pikepdf.Pdf, options: PreflightOptions) -> CheckResult:
    findings = Findings()
    bleeds = []
    for n, page in enumerate(pdf.pages, 1):
        value = _page_boxes(n, page.obj, options, findings)
        if value is not None:
            bleeds.append(value)
    if len(pdf.pages) == 0:
        findings.add("the file has no pages")
    summary = plural(len(pdf.pages), "page")
    trim = as_rect(pdf.pages[0].obj.get("/TrimBox")) if len(pdf.pages) else None
    if trim is not None:
        summary += f", TrimBox {(trim[2] - trim[0]) / PT_PER_MM:.1f} x {(trim[3] - trim[1]) / PT_PER_MM:.1f} mm"
    if bleeds:
        summary += f", bleed at least {min(bleeds):.1f} mm"
    return result(file, "boxes", findings, summary)


def check_annotations(file: str, pdf: pikepdf.Pdf) -> CheckResult:
    findings = Findings()
    total = 0
    for n, page in enumerate(pdf.pages, 1):
        bleed = bleed_box(page.obj)
        for annot in page.obj.get("/Annots", None) or []:
            if not isinstance(annot, pikepdf.Dictionary):
                continue
            total += 1
            subtype = text(annot.get("/Subtype", "/?"))
            if subtype in PRINT_ANNOTATIONS:
                continue
            rect = as_rect(annot.get("/Rect"))
            if rect is None:
                findings.add(f"page {n}: {subtype} annotation has no /Rect")
            elif bleed is None or overlaps(rect, bleed):
                findings.add(f"page {n}: {subtype} annotation at {mm_rect(rect)} is inside the BleedBox "
                             "(only PrinterMark and TrapNet may be)")
    summary = "no annotations" if total == 0 else f"{plural(total, 'annotation')}, none inside the BleedBox"
    return result(file, "annotations", findings, summary)
