"""Compose one page template with one set of data into a ``Page`` of geometry."""
from __future__ import annotations

from ..load.layout_models import Template
from . import blocks, brochure_blocks, evidence  # noqa: F401  (register the composers)
from .context import Ctx
from .geometry import Box, Page, QRCode, Rect, TextLine
from .lint import lint_page


class SafeZoneError(Exception):
    """A layout puts text or a QR code where the trimming knife may cut it."""

    def __init__(self, template: str, index: int, region: str, message: str):
        self.template, self.index, self.region = template, index, region
        super().__init__(message)


def row_room(template: Template, ctx: Ctx) -> dict[int, Box]:
    """Columns of a row (regions sharing ``row``) whose data is absent give their room
    to the column before them: a landmark with no chain to show has a wider plan, not
    a hole. Returns the widened boxes."""
    out: dict[int, Box] = {}
    rows: dict[str, list[int]] = {}
    for i, region in enumerate(template.regions):
        if region.row:
            rows.setdefault(region.row, []).append(i)
    for members in rows.values():
        keep = None
        for i in members:
            region = template.regions[i]
            if region.field and ctx.value(region)[0] in (None, [], ""):
                if keep is not None:
                    box = ctx.box(region.box)
                    out[keep] = Box(out[keep].x, out[keep].y, box.right - out[keep].x, out[keep].h)
                continue
            keep = i
            out[i] = ctx.box(region.box)
    return out


def compose_page(template: Template, ctx: Ctx, label: str = "", name: str = "", lint: bool = True) -> Page:
    """Compose every region in the template's order (a region that flows ``after``
    others comes below them in the file), then stack them: layered regions (colour
    fields, motifs) behind the rest. ``lint=False`` skips the layout lint (a fit probe)."""
    page = Page(ctx.width, ctx.height, ctx.bleed, label=label)
    e = ctx.bleed
    page.add(Rect(Box(-e, -e, ctx.width + 2 * e, ctx.height + 2 * e),
                  fill=ctx.palette[template.background], role="background"))
    safe = page.trim.inset(ctx.layout.safe)
    by_region: dict[int, list] = {}
    room = row_room(template, ctx)
    for i, region in enumerate(template.regions):
        box = room.get(i) or ctx.box(region.box)
        page.frames[region.id] = box
        items = blocks.REGISTRY[region.kind](region, box, ctx)
        by_region[i] = items
        for item in items:
            if isinstance(item, (TextLine, QRCode)) and not safe.contains(item.bounds(), tol=0.01):
                what = "a QR code" if isinstance(item, QRCode) else f"the text {item.text[:24]!r}"
                b = item.bounds()
                gap = min(b.x, b.y, page.width - b.right, page.height - b.bottom)
                raise SafeZoneError(name, i, region.id, f"region '{region.id}' puts {what} {gap:.1f} mm from "
                                    f"the trim; the safe zone is {ctx.layout.safe:g} mm")
        ctx.used[region.id] = max((i.bounds().bottom for i in items), default=box.y)
    for layered in (True, False):
        for i, region in enumerate(template.regions):
            if region.layered == layered:
                page.extend(by_region[i])
    if lint:
        page.lint = lint_page(page, ctx, template, name, by_region)
    return page
