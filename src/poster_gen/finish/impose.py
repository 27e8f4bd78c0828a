"""Impose the brochure for saddle-stitch binding: its pages paired in booklet order on
spreads, ready for a print shop or an office duplex printer.

A booklet of n pages (a multiple of 4) is n/4 sheets folded into each other. The
outermost sheet's front carries the last and the first page, its back the second and
the second-to-last; each sheet further in takes the next pair (16 pages: 16|1, 2|15,
14|3, 4|13, ...). Inner sheets stick out at the fore-edge once folded (creep); their
pages are moved towards the spine to compensate.

Each spread is the two A4 trims side by side (an A3 spread). On "SRA3" the spread
keeps its outer bleed and gets crop and fold marks; on "A3" it fills the sheet edge to
edge, for an office printer (no room for marks).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..units import PT_PER_MM

SHEETS = {"SRA3": (450.0, 320.0), "A3": (420.0, 297.0)}


@dataclass(frozen=True)
class Side:
    left: int  # 1-based page numbers
    right: int
    sheet: int  # 0 = the outermost sheet
    front: bool


def booklet_order(n: int) -> list[Side]:
    """The printed sides, in the order a duplex printer takes them."""
    if n <= 0 or n % 4:
        raise ValueError(f"a saddle-stitched booklet needs a multiple of 4 pages, not {n}")
    sides = []
    for i in range(n // 4):
        sides.append(Side(n - 2 * i, 2 * i + 1, i, True))
        sides.append(Side(2 * i + 2, n - 2 * i - 1, i, False))
    return sides


def impose(src: Path, dest_bytes_sink, sheet: str = "SRA3", creep: float = 0.0) -> int:
    """Write the imposed booklet of ``src`` (our brochure PDF) to ``dest_bytes_sink``
    (a binary file); returns the number of sides."""
    import pikepdf
    from pikepdf import Array, Dictionary, Name

    with pikepdf.open(src) as pdf:
        n = len(pdf.pages)
        order = booklet_order(n)
        trims = [_box(p.obj, "/TrimBox") for p in pdf.pages]
        bleeds = [_box(p.obj, "/BleedBox") for p in pdf.pages]
        tw, th = trims[0][2] - trims[0][0], trims[0][3] - trims[0][1]  # one page, pt
        bleed = trims[0][0] - bleeds[0][0]
        sw, sh = (v * PT_PER_MM for v in SHEETS[sheet])
        marks = sheet != "A3"
        out = pikepdf.new()
        forms = [out.copy_foreign(pikepdf.Page(p).as_form_xobject()) for p in pdf.pages]
        sheets = max(1, n // 4 - 1)
        for side in order:
            shift = creep * PT_PER_MM * side.sheet / sheets  # towards the spine
            x0, y0 = (sw - 2 * tw) / 2, (sh - th) / 2  # the spread's trim, bottom-left
            ops, res = [], {}
            for k, (num, half) in enumerate(((side.left, 0), (side.right, 1))):
                name = f"/P{k}"
                res[name] = forms[num - 1]
                tx, ty = trims[num - 1][0], trims[num - 1][1]
                # what of this page shows: its half of the spread, plus bleed on the outer sides
                cx0 = x0 + half * tw - (bleed if (half == 0 and marks) else 0)
                cx1 = x0 + (half + 1) * tw + (bleed if (half == 1 and marks) else 0)
                cy0, cy1 = y0 - (bleed if marks else 0), y0 + th + (bleed if marks else 0)
                dx = x0 + half * tw - tx + (shift if half == 0 else -shift)
                ops.append(f"q {cx0:.3f} {cy0:.3f} {cx1 - cx0:.3f} {cy1 - cy0:.3f} re W n "
                           f"1 0 0 1 {dx:.3f} {y0 - ty:.3f} cm {name} Do Q")
            if marks:
                ops.append(_marks(x0, y0, 2 * tw, th, bleed))
            page = pikepdf.Dictionary(
                Type=Name.Page, MediaBox=Array([0, 0, sw, sh]),
                TrimBox=Array([x0, y0, x0 + 2 * tw, y0 + th]),
                BleedBox=Array([x0 - bleed, y0 - bleed, x0 + 2 * tw + bleed, y0 + th + bleed]) if marks
                else Array([x0, y0, x0 + 2 * tw, y0 + th]),
                Resources=Dictionary(XObject=Dictionary(res)),
                Contents=out.make_stream(" ".join(ops).encode()))
            out.pages.append(pikepdf.Page(page))
        out.docinfo[Name.Title] = f"{pdf.docinfo.get('/Title', '')} (imposed for saddle stitch)"
        out.save(dest_bytes_sink, deterministic_id=True)
        return len(order)


def _box(page, key: str) -> tuple[float, float, float, float]:
    box = page.get(key) or page.MediaBox
    return tuple(float(v) for v in box)  # type: ignore[return-value]


def _marks(x: float, y: float, w: float, h: float, bleed: float) -> str:
    """Crop marks at the spread's corners and fold marks at the spine, clear of the bleed,
    in registration colour (every plate)."""
    off, length = bleed + 2 * PT_PER_MM, 6 * PT_PER_MM
    segs = []
    for cx, sx in ((x, -1), (x + w, 1)):
        for cy, sy in ((y, -1), (y + h, 1)):
            segs.append((cx + sx * off, cy, cx + sx * (off + length), cy))
            segs.append((cx, cy + sy * off, cx, cy + sy * (off + length)))
    mid = x + w / 2
    segs.append((mid, y - off, mid, y - off - length))  # the fold, top and bottom
    segs.append((mid, y + h + off, mid, y + h + off + length))
    path = " ".join(f"{a:.3f} {b:.3f} m {c:.3f} {d:.3f} l" for a, b, c, d in segs)
    return f"q 1 1 1 1 K 0.25 w {path} S Q"
