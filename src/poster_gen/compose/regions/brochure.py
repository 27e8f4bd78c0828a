"""Region composers that only the brochure uses: folios, the contents, the policy
page and titled lists (the cover's series index is ``landmark_index``).
"""
from __future__ import annotations

from ...load.layout_models import Region
from ...load.models import Institutions, Policy, Text, Titled
from .shared import bilingual, composer, set_paras
from ..page_context import PageContext, palette_of
from .evidence import node_list
from ...page_model import Box, Item, Path, Rect, Stroke
from ..text import line_top, single_line, text_width


@composer("folio")
def folio(region: Region, box: Box, ctx: PageContext) -> list[Item]:
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
def contents(region: Region, box: Box, ctx: PageContext) -> list[Item]:
    """One row per section: page number, a colour chip for landmarks, the two titles."""
    entries = [e for e in ctx.extras.get("contents", []) if e.page != ctx.page_number]
    if not entries:
        return []
    num_st = ctx.region_style(region, "number")
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
        rule_y = top + row_h - ctx.mm(3)  # a hairline across the column under each entry
        items.append(Path((("M", box.x, rule_y), ("L", box.right, rule_y)),
                          stroke=Stroke(ctx.colour(region.colour, 0.35, "deep"), 0.5 * ctx.scale, cap="butt"),
                          role=f"{region.id}-line"))
    return items


@composer("list")
def titled_list(region: Region, box: Box, ctx: PageContext) -> list[Item]:
    value, path = ctx.value(region)
    if isinstance(value, Titled):
        return node_list(region, box, ctx, value.title, value.items, (*path, "items"), region.colour or "primary")
    if isinstance(value, Institutions):
        return node_list(region, box, ctx, value.title, value.names, (*path, "names"), region.colour or "primary")
    if isinstance(value, list):
        return node_list(region, box, ctx, ctx.label(region.label), value, path or (region.id,),
                          region.colour or "primary")
    return []


@composer("policy")
def policy(region: Region, box: Box, ctx: PageContext) -> list[Item]:
    """The policy areas set as type in ``columns`` columns, each under a short accent
    bar (no boxes: the brief rules out form-like frames), then every landmark's plan
    on a timeline: its year, its name."""
    p: Policy = ctx.value(region)[0]
    path = ctx.value(region)[1] or ("policy",)
    n = len(p.areas)
    cols = max(1, region.columns)
    gut = ctx.mm(ctx.layout.grid.gutter)
    col_w = (box.w - gut * (cols - 1)) / cols
    rows = (n + cols - 1) // cols
    row_h = ctx.mm(region.size or 22)
    items: list[Item] = []
    bar = ctx.colour(region.colour, 1.0, "accent")
    for i, area in enumerate(p.areas):
        r, c = divmod(i, cols)
        x, y = box.x + c * (col_w + gut), box.y + r * row_h
        items.append(Rect(Box(x, y, ctx.mm(8), ctx.mm(1.2)), fill=bar, role=f"{region.id}-mark"))
        lines, _ = set_paras(region, Box(x, y + ctx.mm(4), col_w, row_h - ctx.mm(4)), ctx,
                             bilingual(region, ctx, area, (*path, "areas", i), zh_role="tile_zh", en_role="tile_en"))
        items.extend(lines)
    labels = ctx.data["labels"]
    entries = []
    for lm in ctx.extras.get("landmarks", []):
        plan = lm.plan
        when = str(plan.year) if plan.year and plan.status == "issued" else \
            labels["forthcoming"].get(ctx.langs[0]) if "forthcoming" in labels else ""
        entries.append(Text(zh=f"{when}　{plan.name.zh}" if when else plan.name.zh,
                            en=f"{when}  {plan.name.en}" if when and ctx.langs[0] == "en" else plan.name.en))
    top = box.y + rows * row_h + ctx.dist(region.between or 6)
    items += node_list(region, Box(box.x, top, box.w, box.bottom - top), ctx, ctx.label(region.label), entries,
                       (*path, "plans"), region.colour or "primary")
    return items


@composer("series-wall")
def series_wall(region: Region, box: Box, ctx: PageContext) -> list[Item]:
    """The series' shared thread on one line: the Ming wall's battlements across the box,
    one stretch in each landmark's colour, in series order (the posters' footers)."""
    from ..motifs.clip import clip_ops
    from ..motifs.nanjing_city import battlement_profile

    landmarks = ctx.extras.get("landmarks", [])
    themes = ctx.extras.get("themes", {})
    n = len(landmarks)
    if not n:
        return []
    mh = min(box.h * 0.45, box.w / n / 5)
    mw, gap = mh * 1.15, mh * 0.6
    crest = battlement_profile(box.x, box.right, box.y, mh, mw, gap, box.x + gap / 2)
    outline = (("M", crest[0][0], box.bottom), *(("L", x, y) for x, y in crest),
               ("L", crest[-1][0], box.bottom), ("Z",))
    area = ctx.bleed_box(region.box)
    step = (area.right - area.x) / n
    items: list[Item] = []
    for i, lm in enumerate(landmarks):
        part = Box(area.x + i * step, area.y, step + (0.01 if i < n - 1 else 0), area.h)
        ops = clip_ops(outline, part, filled=True)
        if ops:
            items.append(Path(tuple(ops), fill=palette_of(themes[lm.theme])["primary"], role=f"{region.id}-wall"))
    return items
