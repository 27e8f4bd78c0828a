"""Region composers that only the brochure uses: folios, the contents, the series
index of the five landmarks, the policy page and titled lists.
"""
from __future__ import annotations

from dataclasses import replace

from ..load.layout_models import Region
from ..load.models import Institutions, Policy, Titled
from .blocks import bilingual, composer, set_paras
from .context import Ctx, palette_of
from .evidence import caption_text, node_list
from .geometry import Box, Item, Rect
from .text import Para, line_top, single_line, text_width


@composer("folio")
def folio(region: Region, box: Box, ctx: Ctx) -> list[Item]:
    """Page number and running head, on the outer edge of the spread."""
    n = ctx.page_number
    entries = ctx.extras.get("sections", [])
    head = None
    for e in entries:
        if e.page <= n:
            head = e.title
    num_st = ctx.region_style(region, "number")
    head_st = ctx.region_style(region, "zh")
    left = n % 2 == 0  # even pages are left-hand pages
    base = box.bottom
    gap = ctx.mm(4)
    head_text = ctx.joined(head) if head else ""
    if left:
        num = single_line(f"{n:02d}", num_st, ctx.fonts, box.x, base, "left", region.id)
        items: list[Item] = [num]
        if head_text:
            items.append(single_line(head_text, head_st, ctx.fonts, box.x + num.width + gap, base, "left", region.id))
    else:
        num = single_line(f"{n:02d}", num_st, ctx.fonts, box.right, base, "right", region.id)
        items = [num]
        if head_text:
            items.append(single_line(head_text, head_st, ctx.fonts, box.right - num.width - gap, base, "right",
                                     region.id))
    return items


@composer("contents")
def contents(region: Region, box: Box, ctx: Ctx) -> list[Item]:
    """One row per section: page number, a colour chip for landmarks, the two titles."""
    entries = [e for e in ctx.extras.get("contents", []) if e.page != ctx.page_number]
    if not entries:
        return []
    num_st = ctx.region_style(region, "number")
    zh_st, en_st = ctx.region_style(region, "zh"), ctx.region_style(region, "en")
    themes = ctx.extras.get("themes", {})
    row_h = min(box.h / len(entries), ctx.mm(region.size or 24))
    fn = ctx.fonts[num_st.font]
    num_w = text_width("00", fn, num_st.size, num_st.tracking) + ctx.mm(6)
    items: list[Item] = []
    for i, entry in enumerate(entries):
        title, number, lm = entry.title, entry.page, entry.landmark
        top = box.y + i * row_h
        label = f"{number:02d}"
        pal = palette_of(themes[lm.theme]) if lm is not None else None
        colour = pal["primary"] if pal else ctx.colour(region.colour, 1, "primary")  # the chip: the bright colour
        base = top + line_top(fn, label, num_st.size)
        items.append(single_line(label, num_st, ctx.fonts, box.x, base, "left", region.id,
                                 colour=pal["deep"] if pal else None))  # the number: the readable one
        tbox = Box(box.x + num_w, top, box.w - num_w, row_h)
        paras = bilingual(region, ctx, title, entry.field)
        lines, block = set_paras(region, tbox, ctx, paras, height=row_h, align="left")
        items.extend(lines)
        if lm is not None:
            items.append(Rect(Box(box.x + num_w - ctx.mm(3.5), top, ctx.mm(1.2), block.height),
                              fill=colour, role=f"{region.id}-chip"))
    return items


@composer("landmark-index")
def landmark_index(region: Region, box: Box, ctx: Ctx) -> list[Item]:
    """The series: one colour chip per landmark, its number and names beneath."""
    landmarks = ctx.extras.get("landmarks", [])
    themes = ctx.extras.get("themes", {})
    n = len(landmarks)
    if not n:
        return []
    gut = ctx.dist(region.gap or 3)
    colw = (box.w - gut * (n - 1)) / n
    chip_h = ctx.mm(region.size or 6)
    items: list[Item] = []
    paras_all = [[Para(f"{i + 1:02d}", ctx.region_style(region, "number"), 0.0, False, "order"),
                  *bilingual(region, ctx, lm.name, f"landmarks[{i}].name")] for i, lm in enumerate(landmarks)]
    text_h = box.h - chip_h - ctx.mm(3)
    for i, lm in enumerate(landmarks):
        x = box.x + i * (colw + gut)
        palette = palette_of(themes[lm.theme])
        items.append(Rect(Box(x, box.y, colw, chip_h), fill=palette["primary"], role=f"{region.id}-chip"))
        paras = [replace(p, style=replace(p.style, colour=palette["deep"])) if j == 0 else p
                 for j, p in enumerate(paras_all[i])]
        top = box.y + chip_h + ctx.mm(3)
        lines, _ = set_paras(region, Box(x, top, colw, text_h), ctx, paras, height=text_h, align="left")
        items.extend(lines)
    return items


@composer("list")
def titled_list(region: Region, box: Box, ctx: Ctx) -> list[Item]:
    value, path = ctx.value(region)
    if isinstance(value, Titled):
        return node_list(region, box, ctx, value.title, value.items, f"{path}.items", region.colour or "primary")
    if isinstance(value, Institutions):
        return node_list(region, box, ctx, value.title, value.names, f"{path}.names", region.colour or "primary")
    if isinstance(value, list):
        return node_list(region, box, ctx, ctx.label(region.label), value, path or region.id,
                          region.colour or "primary")
    return []


@composer("policy")
def policy(region: Region, box: Box, ctx: Ctx) -> list[Item]:
    """The policy areas as tiles, then each landmark's plan with its year."""
    p: Policy = ctx.value(region)[0]
    path = ctx.value(region)[1] or "policy"
    n = len(p.areas)
    cols = max(1, region.columns)
    gut = ctx.mm(ctx.layout.grid.gutter)
    tile_w = (box.w - gut * (cols - 1)) / cols
    rows = (n + cols - 1) // cols
    tile_h = ctx.mm(region.size or 22)
    items: list[Item] = []
    tile_fill = ctx.colour(region.colour, region.tint, "tint")
    for i, area in enumerate(p.areas):
        r, c = divmod(i, cols)
        tb = Box(box.x + c * (tile_w + gut), box.y + r * (tile_h + gut), tile_w, tile_h)
        items.append(Rect(tb, fill=tile_fill, role=f"{region.id}-tile"))
        inner = tb.inset(ctx.mm(4))
        lines, _ = set_paras(region, inner, ctx, bilingual(region, ctx, area, f"{path}.areas[{i}]",
                                                           zh_role="tile_zh", en_role="tile_en"))
        items.extend(lines)
    # the five plans, one row each
    top = box.y + rows * (tile_h + gut) + ctx.mm(6)
    paras: list[Para] = [Para(caption_text(ctx, ctx.label(region.label)), ctx.region_style(region, "caption"),
                              0.0, False, region.label or "label")]
    labels = ctx.data["labels"]
    for i, lm in enumerate(ctx.extras.get("landmarks", [])):
        plan = lm.plan
        first = ctx.langs[0]
        when = str(plan.year) if plan.year and plan.status == "issued" else \
            labels["forthcoming"].get(first) if "forthcoming" in labels else ""
        for j, lang in enumerate(ctx.langs):
            text = f"{when}　{plan.name.get(lang)}" if j == 0 else plan.name.get(lang)
            paras.append(Para(text, ctx.region_style(region, ("zh", "en")[j]),
                              ctx.dist(region.gap) if j else ctx.dist(region.between or 3), False,
                              f"landmarks[{i}].plan.name.{lang}", lang=lang))
    lines, _ = set_paras(region, Box(box.x, top, box.w, box.bottom - top), ctx, paras)
    return items + list(lines)
