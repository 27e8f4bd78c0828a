"""Printer's marks as geometry in the slug outside the bleed: crop marks at the corners,
registration targets on the sides and a CMYK control strip, never inside the bleed.

Coordinates are the page's (mm from the trim's top-left corner); everything here lies
at least ``mark_offset`` mm outside the trim, which the layout keeps beyond the bleed.
"""
from __future__ import annotations

from ..page_model import CMYK, Box, Circle, Item, Path, Rect, Stroke, colours
from ..load.layout_models import PrintSpec

REGISTRATION = CMYK(100, 100, 100, 100, "Registration")  # on every plate, by definition
# where a file has spot or finishing plates, "every plate" is more than C, M, Y and K: PDF's
# Separation /All paints every plate there is
ALL_PLATES = CMYK(100, 100, 100, 100, "Registration", spot="All")
# A control strip: solids, two-colour overprints and tints, all within 300 % ink.
STRIP = [
    (100, 0, 0, 0), (0, 100, 0, 0), (0, 0, 100, 0), (0, 0, 0, 100),
    (100, 100, 0, 0), (100, 0, 100, 0), (0, 100, 100, 0), (50, 40, 40, 0),
    (75, 0, 0, 0), (0, 75, 0, 0), (0, 0, 75, 0), (0, 0, 0, 75),
    (50, 0, 0, 0), (0, 50, 0, 0), (0, 0, 50, 0), (0, 0, 0, 50),
    (25, 0, 0, 0), (0, 25, 0, 0), (0, 0, 25, 0), (0, 0, 0, 25),
]


def crop_marks(width: float, height: float, spec: PrintSpec, reg: CMYK = REGISTRATION) -> list[Item]:
    """Two short hairlines at each corner, on the trim lines, starting ``mark_offset`` out."""
    a, b = spec.mark_offset, spec.mark_offset + spec.mark_length
    ops = []
    for x in (0.0, width):
        sx = -1 if x == 0 else 1
        for y in (0.0, height):
            sy = -1 if y == 0 else 1
            ops += [("M", x + sx * a, y), ("L", x + sx * b, y),  # horizontal, on the trim line y
                    ("M", x, y + sy * a), ("L", x, y + sy * b)]  # vertical, on the trim line x
    return [Path(tuple(ops), stroke=Stroke(reg, spec.mark_weight, cap="butt"), role="crop-marks")]


def _slug_band(bleed: float, spec: PrintSpec) -> tuple[float, float]:
    """Where marks may go, as distances from the trim: clear of the bleed and of the edge."""
    start = max(spec.mark_offset, bleed + 1.0)
    return start, bleed + spec.slug - start


def registration_marks(width: float, height: float, bleed: float, spec: PrintSpec,
                       reg: CMYK = REGISTRATION) -> list[Item]:
    """A circle with a cross in the middle of each side's slug."""
    start, room = _slug_band(bleed, spec)
    r = max(1.0, min(3.0, room / 2 - 0.5))
    d = start + room / 2
    items: list[Item] = []
    st = Stroke(reg, spec.mark_weight, cap="butt")
    for cx, cy in ((width / 2, -d), (width / 2, height + d), (-d, height / 2), (width + d, height / 2)):
        items.append(Circle(cx, cy, r * 0.6, stroke=st, role="registration"))
        items.append(Path((("M", cx - r, cy), ("L", cx + r, cy), ("M", cx, cy - r), ("L", cx, cy + r)),
                          stroke=st, role="registration"))
    return items


def colour_bar(width: float, height: float, bleed: float, spec: PrintSpec) -> list[Item]:
    """Patches of solids and tints along the bottom slug, between the left crop mark and
    the registration target in the middle."""
    start, room = _slug_band(bleed, spec)
    x0 = width * 0.08
    size = min(5.0, room - 1.0, (width / 2 - 8.0 - x0) / len(STRIP))
    y = height + start + (room - size) / 2
    return [Rect(Box(x0 + i * size, y, size, size), fill=CMYK(c, m, yy, k), role="colour-bar")
            for i, (c, m, yy, k) in enumerate(STRIP)]


def printer_marks(width: float, height: float, bleed: float, spec: PrintSpec, spots: bool = False) -> list[Item]:
    """The marks of one sheet; ``spots``: the file has spot or finishing plates, which the
    crop and registration marks reach too."""
    reg = ALL_PLATES if spots else REGISTRATION
    items = crop_marks(width, height, spec, reg)
    if spec.registration:
        items += registration_marks(width, height, bleed, spec, reg)
    if spec.colour_bar:
        items += colour_bar(width, height, bleed, spec)
    return items


def add_marks(doc, spec: PrintSpec, marks: bool) -> None:
    """Give every page of ``doc`` its printer's marks (none with ``marks`` off) and the
    document the slug they need outside the bleed; on every plate the document has."""
    doc.slug_mm = spec.slug if marks else 0.0
    spots = any(c.spot for page in doc.pages for item in page.items for c in colours(item))
    for page in doc.pages:
        page.marks = printer_marks(page.width, page.height, page.bleed, spec, spots) if marks else []
