"""The checks judged from the content walk: colour, ink, black-text, images
(``separations`` and ``transparency`` have modules of their own).

Each function turns the collected ``Facts`` into one ``CheckResult``; the only new
work done here is decoding CMYK rasters for the ink check (once per image object).
"""
from __future__ import annotations

from ..pdfx_standards import Standard
from .facts import Facts, Placement
from .geometry import x_scale, y_scale
from ..units import PT_PER_MM
from .model import CheckResult, Findings, PreflightOptions, plural, result
from .rasters import NotMeasured, filters_of, image_ink


def check_colour(file: str, facts: Facts) -> CheckResult:
    findings = Findings()
    findings.extend(facts.colour)
    findings.extend(facts.content)
    images = len({_key(p) for p in facts.placements})
    summary = "DeviceCMYK, DeviceGray and spot colour only"
    return result(file, "colour", findings, summary + (f", {plural(images, 'image')} included" if images else ""))


def _key(p: Placement) -> object:
    return id(p.image) if p.inline else p.image.objgen


def check_ink(file: str, facts: Facts, options: PreflightOptions) -> CheckResult:
    findings = Findings()
    findings.extend(facts.ink)
    measured, unmeasured, raster_worst = 0, 0, 0.0
    seen: set[object] = set()
    for p in facts.placements:
        key = _key(p)
        if key in seen:
            continue
        seen.add(key)
        try:
            value = image_ink(p.image, p.inline, p.space, options.max_ink)
        except NotMeasured:
            unmeasured += 1
            continue
        except Exception:  # undecodable data: not this check's verdict (the file may still print)
            unmeasured += 1
            continue
        if value is None:
            continue
        measured += 1
        raster_worst = max(raster_worst, value)
        if value > options.max_ink + 0.05:
            d = p.image.obj if p.inline else p.image
            findings.add(f"{p.where}: image {p.name} ({d.get('/Width')}x{d.get('/Height')} px) has pixels "
                         f"with {value:.0f}% ink (max {options.max_ink:g}%)")
    best = max(facts.ink_worst, facts.overprint_worst)  # a colour alone, or paints combined by overprint
    parts = [f"4-colour max {best[0]:.0f}% overprint included" + (f" ({best[1]})" if best[1] else "")]
    bound, near = facts.overprint_bound
    if near and bound > best[0]:  # pages where no overprint can pass the limit are not measured
        parts.append(f"where overprint was only bounded: at most {bound:.0f}% ({near}, the most ink "
                     "painted before it on that page)")
    if measured:
        parts.append(f"{plural(measured, 'CMYK image')} at most {raster_worst:.0f}%")
    if unmeasured:
        parts.append(f"{plural(unmeasured, 'image')} not measured")
    if facts.shadings_unmeasured:
        parts.append(f"{plural(facts.shadings_unmeasured, 'shading')} not measured")
    if facts.registration_exempt:
        parts.append(f"registration colour 100/100/100/100 exempt outside the BleedBox "
                     f"({plural(facts.registration_exempt, 'path')})")
    return result(file, "ink", findings, "; ".join(parts))


def check_black_text(file: str, facts: Facts, options: PreflightOptions) -> CheckResult:
    runs = facts.black_text_runs
    if runs == 0:
        summary = f"no near-black text below {options.small_text_pt:g} pt"
    else:
        summary = f"{plural(runs, 'near-black text run')} below {options.small_text_pt:g} pt, all K100 overprint"
        if facts.knockouts_accepted:
            summary = (f"{plural(runs, 'near-black text run')} below {options.small_text_pt:g} pt, K100 overprint; "
                       f"{facts.knockouts_accepted} {'run knocks' if facts.knockouts_accepted == 1 else 'runs knock'} "
                       f"out over a colour where overprint would exceed {options.max_ink:g}%")
        if facts.black_text_opm0:
            summary += (f" (note: {facts.black_text_opm0} with overprint mode 0, where a PDF-conformant RIP "
                        "knocks out C/M/Y under them; /OPM 1 makes them truly overprint)")
    findings = Findings()
    findings.extend(facts.black_text)
    findings.extend(facts.knockouts_refused)
    return result(file, "black-text", findings, summary)


def check_images(file: str, facts: Facts, options: PreflightOptions, standard: Standard) -> CheckResult:
    findings = Findings()
    lowest: float | None = None
    jpx = standard.version >= (1, 5)  # JPEG 2000 came with PDF 1.5
    for p in facts.placements:
        d = p.image.obj if p.inline else p.image
        if not jpx and "/JPXDecode" in filters_of(d):
            findings.add(f"{p.where}: image {p.name} is JPEG 2000 (JPXDecode, PDF 1.5), "
                         f"not allowed in {standard.name}")
        w, h = int(d.get("/Width", 0)), int(d.get("/Height", 0))
        width_pt, height_pt = x_scale(p.ctm), y_scale(p.ctm)
        if width_pt < 1e-6 or height_pt < 1e-6 or w <= 0 or h <= 0:
            continue  # painted at no size: nothing shows
        ppi_x, ppi_y = w / (width_pt / 72), h / (height_pt / 72)
        ppi = min(ppi_x, ppi_y)
        lowest = ppi if lowest is None else min(lowest, ppi)
        if ppi < options.min_image_ppi - 0.5:
            findings.add(f"{p.where}: image {p.name} {w}x{h} px placed at {width_pt / PT_PER_MM:.1f} x "
                         f"{height_pt / PT_PER_MM:.1f} mm = {ppi_x:.0f} x {ppi_y:.0f} ppi "
                         f"(min {options.min_image_ppi:g})")
    n = len(facts.placements)
    summary = "no images" if lowest is None else f"{plural(n, 'image placement')}, lowest {lowest:.0f} ppi"
    return result(file, "images", findings, summary)
