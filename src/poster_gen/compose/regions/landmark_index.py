"""The series index on the brochure's cover: every landmark, its number and names.

Two arrangements, tried in turn, so the cover takes as many landmarks as the data has:

- **columns**: one column per landmark under a band of colour chips (the series as a
  row of colours; the arrangement the five were designed in);
- **grid**: when the columns grow too narrow for the names, the entries stack in
  fewer columns and several rows, each with its number hanging left of a chip.

When no arrangement holds them all the region has a real capacity: ``IndexFull``
says how many landmarks it holds at its type sizes and what to change, located in
the layout (the region's size), not in a landmark file that nobody edited.
"""
from __future__ import annotations

import math
from dataclasses import replace

from ...load.layout_models import Region
from .. import overflow
from .shared import bilingual, composer, set_paras
from ..page_context import PageContext, palette_of
from ...page_model import Box, Item, Rect
from ..text import FitError, Para, fit_block, line_top, single_line, text_width


class IndexFull(Exception):
    """More landmarks than the region holds in any arrangement at its type sizes."""


@composer("landmark-index")
def landmark_index(region: Region, box: Box, ctx: PageContext) -> list[Item]:
    with overflow.strict():  # the arrangements are tried by their FitErrors, in a draft too
        return _arranged(region, box, ctx)


def _arranged(region: Region, box: Box, ctx: PageContext) -> list[Item]:
    landmarks = ctx.extras.get("landmarks", [])
    n = len(landmarks)
    if not n:
        return []
    try:
        return _columns(region, box, ctx, landmarks, n)
    except FitError:
        pass
    for rows in range(2, n + 1):
        try:
            return _grid(region, box, ctx, landmarks, math.ceil(n / rows))
        except FitError:
            continue
    raise IndexFull(f"the brochure's cover index ('{region.id}') holds at most {capacity(region, box, ctx, landmarks)} "
                    f"landmarks at its type sizes; you have {n}: give the region more room or its index "
                    f"styles smaller")


def _names(region: Region, ctx: PageContext, i: int, lm) -> list[Para]:
    pair = bilingual(region, ctx, lm.name, ("landmarks", i, "name"))
    pair[0] = replace(pair[0], space_before=ctx.dist(region.between or 1.5))
    return pair


def _columns(region: Region, box: Box, ctx: PageContext, landmarks: list, cols: int) -> list[Item]:
    """One column per landmark under its chip: number, Chinese name, English name."""
    themes = ctx.extras.get("themes", {})
    gut = ctx.dist(region.gap or 3)
    colw = (box.w - gut * (cols - 1)) / cols
    chip_h = ctx.mm(region.size or 6)
    text_h = box.h - chip_h - ctx.mm(3)
    items: list[Item] = []
    for i, lm in enumerate(landmarks):
        x = box.x + i * (colw + gut)
        palette = palette_of(themes[lm.theme])
        items.append(Rect(Box(x, box.y, colw, chip_h), fill=palette["primary"], role=f"{region.id}-chip"))
        number = Para(f"{i + 1:02d}", replace(ctx.region_style(region, "number"), colour=palette["deep"]),
                      0.0, False, ("landmarks", i, "order"))
        top = box.y + chip_h + ctx.mm(3)
        lines, _ = set_paras(region, Box(x, top, colw, text_h), ctx, [number, *_names(region, ctx, i, lm)],
                             height=text_h, align="left")
        items.extend(lines)
    return items


def _grid(region: Region, box: Box, ctx: PageContext, landmarks: list, cols: int) -> list[Item]:
    """``cols`` columns filled top to bottom; each entry a chip, its number, the names."""
    themes = ctx.extras.get("themes", {})
    gut = ctx.dist(region.gap or 3)
    colw = (box.w - gut * (cols - 1)) / cols
    rows = math.ceil(len(landmarks) / cols)
    row_gap = ctx.mm(1.5)
    row_h = (box.h - row_gap * (rows - 1)) / rows
    num_st = ctx.region_style(region, "number")
    fn = ctx.fonts[num_st.font]
    hang = text_width("00", fn, num_st.size, num_st.tracking) + ctx.mm(3)
    items: list[Item] = []
    for i, lm in enumerate(landmarks):
        col, row = divmod(i, rows)
        x, top = box.x + col * (colw + gut), box.y + row * (row_h + row_gap)
        palette = palette_of(themes[lm.theme])
        label = f"{i + 1:02d}"
        items.append(single_line(label, num_st, ctx.fonts, x, top + line_top(fn, label, num_st.size), "left",
                                 region.id, colour=palette["deep"]))
        paras = [replace(p, space_before=0.0) if j == 0 else p for j, p in enumerate(_names(region, ctx, i, lm))]
        lines, block = set_paras(region, Box(x + hang, top, colw - hang, row_h), ctx, paras, height=row_h,
                                 align="left")
        items.extend(lines)
        items.append(Rect(Box(x + hang - ctx.mm(1.8), top, ctx.mm(0.9), block.height), fill=palette["primary"],
                          role=f"{region.id}-chip"))
    return items


def capacity(region: Region, box: Box, ctx: PageContext, landmarks: list) -> int:
    """The most landmarks with these names the region holds in either arrangement."""
    best = 0
    for cols in range(1, len(landmarks) + 1):
        try:
            _columns(region, box, ctx, landmarks[:cols], cols)
            best = max(best, cols)
        except FitError:
            pass
        best = max(best, cols * _rows_that_fit(region, box, ctx, landmarks, cols))
    return best


def _rows_that_fit(region: Region, box: Box, ctx: PageContext, landmarks: list, cols: int) -> int:
    """How many entries a grid column ``cols`` wide stacks, sized by the tallest entry."""
    gut = ctx.dist(region.gap or 3)
    colw = (box.w - gut * (cols - 1)) / cols
    num_st = ctx.region_style(region, "number")
    hang = text_width("00", ctx.fonts[num_st.font], num_st.size, num_st.tracking) + ctx.mm(3)
    if colw <= hang:
        return 0
    tallest = 0.0
    for i, lm in enumerate(landmarks):
        paras = [replace(p, space_before=0.0) if j == 0 else p for j, p in enumerate(_names(region, ctx, i, lm))]
        try:
            tallest = max(tallest, fit_block(paras, ctx.fonts, colw - hang, box.h, region.id, ctx.words).height)
        except FitError:
            return 0
    row_gap = ctx.mm(1.5)
    return int((box.h + row_gap) // (tallest + row_gap)) if tallest else 0
