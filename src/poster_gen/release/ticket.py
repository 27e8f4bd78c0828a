"""job.json: the print shop's ticket for a release's print files.

Per file: its trim size and bleed in millimetres (read from the PDF's TrimBox and
BleedBox with pikepdf, not taken from the layout: the ticket describes the file sent),
its page count, its colour standard (the PDF's GTS_PDFXVersion), its output intent
(the PDF's), its finishing (the layout's ``print.finishing``: saddle stitch for the
brochure) and, where the campaign data gives one (``quantities``), how many to print.
"""
from __future__ import annotations

from pathlib import Path

from ..units import PT_PER_MM
from .built import Item


def _mm(v: float) -> float:
    return round(float(v) / PT_PER_MM, 1)


def boxes(path: Path) -> dict:
    """Trim size, bleed, page count, colour standard and output intent of one PDF."""
    import pikepdf

    with pikepdf.open(path) as pdf:
        page = pdf.pages[0]
        trim = [float(v) for v in page.obj.get("/TrimBox", page.mediabox)]
        bleed = [float(v) for v in page.obj.get("/BleedBox", page.obj.get("/TrimBox", page.mediabox))]
        info = pdf.docinfo
        intent = next((i for i in pdf.Root.get("/OutputIntents", []) if str(i.get("/S", "")) == "/GTS_PDFX"), None)
        got = {
            "pages": len(pdf.pages),
            "trim_mm": {"width": _mm(trim[2] - trim[0]), "height": _mm(trim[3] - trim[1])},
            "bleed_mm": {"left": _mm(trim[0] - bleed[0]), "bottom": _mm(trim[1] - bleed[1]),
                         "right": _mm(bleed[2] - trim[2]), "top": _mm(bleed[3] - trim[3])},
            "colour": str(info.get("/GTS_PDFXVersion", "")) or None,
            "output_intent": None,
        }
        if intent is not None:
            got["output_intent"] = {key: str(intent.get(f"/{name}", "")) or None for key, name in (
                ("identifier", "OutputConditionIdentifier"), ("condition", "OutputCondition"),
                ("registry", "RegistryName"))}
    return got


def job(record: dict, items: list[Item], files: Path, project) -> dict:
    """The ticket for the print files among ``items`` (their copies are under ``files``)."""
    quantities = getattr(project.campaign, "quantities", None) or {}
    rows = []
    for item in items:
        if item.kind != "print":
            continue
        layout = project.layouts[item.layout]
        finishing = getattr(layout.print, "finishing", None)
        row = {"path": item.name, "target": item.target, **boxes(files / item.name),
               "finishing": {"zh": finishing.zh, "en": finishing.en} if finishing else None,
               "quantity": quantities.get(item.target)}
        rows.append(row)
    series = project.campaign.series
    return {"release": record["number"], "date": record["date"], "by": record["by"], "note": record["note"],
            "campaign": {"zh": series.zh, "en": series.en}, "files": rows}
