"""job.json: the print shop's ticket for a release's print files.

Per file: its trim size and bleed in millimetres (read from the PDF's TrimBox and
BleedBox with pikepdf, not taken from the layout: the ticket describes the file sent),
its page count, its colour standard (the PDF's GTS_PDFXVersion), its output intent
(the PDF's), the inks it prints with (the four process inks and every spot or finishing
plate the preflight's walk finds painted in it, each finishing plate with its kind), its
finishing (the layout's ``print.finishing``: saddle stitch for the brochure) and, where
the campaign data gives one (``quantities``), how many to print.
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
        got["spot_plates"] = spot_plates(pdf)
    return got


def spot_plates(pdf) -> list[str]:
    """The spot and finishing plates painted in ``pdf`` (an open pikepdf document), in
    the order first met: the preflight's content walk is what finds them."""
    from ..preflight import PreflightOptions
    from ..preflight.collect import collect

    try:
        return list(collect(pdf, PreflightOptions()).separations.plates)
    except Exception:  # a file the walk cannot follow: the preflight report says so
        return []


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
        kinds = {f.name: f.kind for f in layout.print.finishes}
        row["inks"] = ["Cyan", "Magenta", "Yellow", "Black", *row.pop("spot_plates")]
        row["finishing_plates"] = [{"plate": name, "kind": kinds[name]} for name in row["inks"] if name in kinds]
        rows.append(row)
    series = project.campaign.series
    return {"release": record["number"], "date": record["date"], "by": record["by"], "note": record["note"],
            "campaign": {"zh": series.zh, "en": series.en}, "files": rows}
