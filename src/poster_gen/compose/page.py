"""Compose one page template with one set of data into a ``Page`` of geometry."""
from __future__ import annotations

from ..load.layout_models import Template
from . import blocks, brochure_blocks, evidence  # noqa: F401  (register the composers)
from .context import Ctx
from .geometry import Box, Page, Rect


def compose_page(template: Template, ctx: Ctx, label: str = "") -> Page:
    page = Page(ctx.width, ctx.height, ctx.bleed, label=label)
    e = ctx.bleed
    page.add(Rect(Box(-e, -e, ctx.width + 2 * e, ctx.height + 2 * e),
                  fill=ctx.palette[template.background], role="background"))
    # layered regions (colour fields, motifs) go behind everything else
    ordered = [r for r in template.regions if r.layered] + [r for r in template.regions if not r.layered]
    for region in ordered:
        box = ctx.box(region.box)
        page.frames[region.id] = box
        items = blocks.REGISTRY[region.kind](region, box, ctx)
        page.extend(items)
        ctx.used[region.id] = max((i.bounds().bottom for i in items), default=box.y)
    return page
