"""Finishing plates: foil, spot varnish and die lines, each a spot plate of its own.

A layout declares them (``print.finishes``) for regions by id; each plate carries what
those regions drew (text, shapes; a photo by its frame), or the trim's outline for a die
line, in the plate's spot colour at full strength. Finishing plates always overprint:
the four colours beneath print whole and the foil or varnish lands on top.

Added to the composed pages after the layout lint, like the printer's marks: a plate is
a second impression of what the page already shows, not more content to check. Only
print output has them; screens and social images show the page as it is.
"""
from __future__ import annotations

from dataclasses import replace

from ..load.layout_models import TRIM, FinishSpec, PrintSpec
from ..page_model import CMYK, Box, Circle, Image, Item, Link, Page, Path, QRCode, Rect, Stroke, TextLine


def plate_colour(fin: FinishSpec) -> CMYK:
    """The plate's ink: its spot name, the proof colour as its alternate, overprinting."""
    return CMYK(*(float(v) for v in fin.cmyk), name=fin.name, spot=fin.name, overprint=True)


def _covers(role: str, element: str, regions) -> bool:
    """Whether an item of ``role`` was drawn by region ``element``: a region's parts are
    named after it (``cover-wall-wall``, ``contents-chip``), unless the name is another
    region's own (``cover-band`` is not a part of ``cover``)."""
    return role == element or (role.startswith(element + "-") and role not in regions)


def _on_plate(item: Item, ink: CMYK) -> Item | None:
    """``item`` drawn on the plate: its shape in the plate's ink."""
    if isinstance(item, TextLine):
        return replace(item, colour=ink, knockout=False)
    if isinstance(item, (Rect, Path, Circle)):
        fill = ink if item.fill is not None else None
        stroke = replace(item.stroke, colour=ink) if item.stroke is not None else None
        return replace(item, fill=fill, stroke=stroke)
    if isinstance(item, (Image, QRCode)):
        return Rect(item.bounds(), fill=ink, role=item.role)
    if isinstance(item, Link):
        return None
    return None


def plate_items(page: Page, fin: FinishSpec) -> list[Item]:
    """What one finishing plate carries on ``page``: an element is a region id (on every
    page that has it) or ``template.region`` (on that template's pages only)."""
    ink = plate_colour(fin)
    out: list[Item] = []
    for element in fin.elements:
        template, _, region = element.rpartition(".")
        if template and template != page.template:
            continue
        element = region
        if element == TRIM:
            out.append(Rect(Box(0.0, 0.0, page.width, page.height), stroke=Stroke(ink, fin.weight, "butt", "miter"),
                            role=f"{fin.kind}-trim"))
            continue
        for item in page.items:
            if _covers(getattr(item, "role", ""), element, page.frames):
                drawn = _on_plate(item, ink)
                if drawn is not None:
                    out.append(drawn)
    return out


def add_finishes(doc, spec: PrintSpec) -> None:
    """Put each finishing plate on every page of ``doc`` where its regions drew something
    (on top of the page: the plates overprint)."""
    for page in doc.pages:
        for fin in spec.finishes:
            page.items = [*page.items, *plate_items(page, fin)]


def plate_names(spec: PrintSpec) -> frozenset[str]:
    return frozenset(f.name for f in spec.finishes)
