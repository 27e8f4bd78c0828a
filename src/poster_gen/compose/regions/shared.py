"""Region composers for the shared kinds: bands, rules, motifs, the series header,
titles, bilingual text, the QR code and the contact block.

Each composer takes a region, its box and the page context and returns geometry
items; none draws anything. Figures, plan, chain and voice live in ``evidence.py``,
the brochure's own kinds in ``brochure_blocks.py``.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Callable

from ...load.layout_models import Region
from ...load.models import Contact, Text
from ...disk_cache import memoised
from ..motifs import MotifContext, draw_motif
from ..page_context import PageContext
from ...page_model import CMYK, Box, Image, Item, Link, Path, Rect, Stroke, TextLine
from ..qr import qr_code
from .. import overflow
from ..text import FittedBlock, Para, capacity, fit_block, over_lines, place_block, single_line

QR_DARK = CMYK(0, 0, 0, 100, "Black")  # solid black modules read best on any scanner
Composer = Callable[[Region, Box, PageContext], list[Item]]
REGISTRY: dict[str, Composer] = {}


def composer(kind: str) -> Callable[[Composer], Composer]:
    def register(fn: Composer) -> Composer:
        REGISTRY[kind] = fn
        return fn
    return register


def bilingual(region: Region, ctx: PageContext, text: Text, path: tuple[str | int, ...], *, balance: bool = False,
              zh_role: str = "zh", en_role: str = "en") -> list[Para]:
    """``text`` in the edition's languages: the first in the primary style (the "zh"
    role), the second, if any, in the secondary one. A one-language edition sets its
    language in the primary style, using the room the other language left."""
    roles = (zh_role, en_role)
    return [Para(text.get(lang), ctx.region_style(region, roles[i]), ctx.dist(region.gap) if i else 0.0,
                 balance, (*path, lang), lang=lang) for i, lang in enumerate(ctx.langs)]


def set_paras(region: Region, box: Box, ctx: PageContext, paras: list[Para], *, top: float | None = None,
              height: float | None = None, align: str | None = None,
              valign: str | None = None) -> tuple[list[TextLine], FittedBlock]:
    """Fit and place paragraphs in ``box``; returns the lines and the fitted block.
    ``valign`` "bottom" sets the block so its last line sits on the box's bottom. In a
    draft, a block too long runs from the box's top past its bottom, marked."""
    top = box.y if top is None else top
    height = box.bottom - top if height is None else height
    block = fit_block(paras, ctx.fonts, box.w, height, region.id, ctx.words)
    ctx.capacity.update(capacity(block, height))
    if (valign or region.valign) == "bottom" and block.overflow is None:
        top += height - block.height
    lines = place_block(block, ctx.fonts, box.x, top, box.w, align or region.align, region.id,
                        ctx.next_para(len(block.paras)))
    if block.overflow is not None:
        lines = overflow.mark_lines(lines, over_lines(block, lines, top + height), Box(box.x, top, box.w, height),
                                    ctx.width)
    return lines, block


@composer("band")
def band(region: Region, box: Box, ctx: PageContext) -> list[Item]:
    return [Rect(ctx.bleed_box(region.box), fill=ctx.colour(region.colour, region.tint, "primary"),
                 role=region.id)]


@composer("rule")
def rule(region: Region, box: Box, ctx: PageContext) -> list[Item]:
    """A hairline, or ``count`` of them spread evenly from the top to the bottom of the box."""
    width_pt = ctx.mm(region.size or 0.3) * 72 / 25.4
    n = region.count
    step = box.h / (n - 1) if n > 1 else 0.0
    ops = []
    for i in range(n):
        ops += [("M", box.x, box.y + i * step), ("L", box.right, box.y + i * step)]
    return [Path(tuple(ops), stroke=Stroke(ctx.colour(region.colour, region.tint, "deep"), width_pt, cap="butt"),
                 role=region.id)]


@composer("motif")
def motif(region: Region, box: Box, ctx: PageContext) -> list[Item]:
    photo = ctx.resolve(region.image) if region.image else None
    if photo:  # a photo or illustration takes the place of the drawing, below the text it frames
        box = ctx.bleed_box(region.box)
        clear = max((k.bottom for k in keep_out(region, ctx)), default=box.y)
        if clear > box.y:
            box = Box(box.x, clear, box.w, max(0.0, box.bottom - clear))
        focus = ctx.resolve(region.image_focus) if region.image_focus else None
        at = (focus.x, focus.y) if focus is not None else (0.5, 0.5)
        return [Image(box, str(ctx.root / photo), role=region.id, focus=at)] if box.h > 1 else []
    items: list[Item] = []
    for i, layer in enumerate(region.layers):
        name = ctx.resolve(layer.motif) if "." in layer.motif else layer.motif
        if not name:
            continue  # the landmark chose fewer motifs than the layout has slots
        spec = layer.box or region.box
        lbox = ctx.box(spec)
        if lbox.w <= 0.5 or lbox.h <= 0.5:
            continue  # a flowing region the content above has left no room: nothing to draw
        params = dict(layer.params)
        lm = ctx.data.get("landmark")
        if lm is not None:  # the landmark's own settings for this motif (e.g. a fusion variant)
            params.update(lm.motifs.params.get(name, {}))
        params.setdefault("colour", layer.colour)
        params.setdefault("density", layer.density)
        params.setdefault("weight", layer.weight)
        params["strength"] = layer.strength
        seed = layer.seed + 7919 * ctx.extras.get("series_index", 0) + 104729 * i
        # faintness without transparency: colours blend towards the ground they lie on
        mctx = MotifContext(box=lbox, palette=ctx.palette, seed=seed,
                            stroke_pt=ctx.layout.motif_stroke * ctx.scale, params=params,
                            bleed=ctx.bleed_sides(spec, lbox), ground=ctx.palette[layer.ground],
                            keep_out=keep_out(region, ctx))
        # a motif is a pure function of its context: drawn once, then read back from the cache
        key = (name, lbox, sorted(ctx.palette.items()), seed, mctx.stroke_pt, sorted(params.items()),
               mctx.bleed, mctx.ground, mctx.keep_out)
        items.extend(memoised("motifs", key, lambda: draw_motif(name, mctx)))
    return items


def keep_out(region: Region, ctx: PageContext) -> tuple[Box, ...]:
    """The boxes of the regions a drawing frames (``avoid``), grown by its margin."""
    m = ctx.mm(region.avoid_margin)
    return tuple(ctx.drawn[r].inset(-m) for r in region.avoid if r in ctx.drawn)


@composer("series-header")
def series_header(region: Region, box: Box, ctx: PageContext) -> list[Item]:
    """The series name in both languages on the left, "03 / 05" on the right."""
    series: Text = ctx.value(region)[0]
    styles = [ctx.region_style(region, r) for r in ("zh", "en")]
    num = ctx.region_style(region, "number")
    base = box.bottom - ctx.mm(2)
    items: list[Item] = []
    x = box.x
    for i, lang in enumerate(ctx.langs):
        line = single_line(series.get(lang), styles[i], ctx.fonts, x, base, role=region.id, lang=lang)
        items.append(line)
        x = line.x + line.width + ctx.mm(5)
    index, count = ctx.extras.get("series_index"), ctx.extras.get("series_count")
    if index:
        items.append(single_line(f"{index:02d} / {count:02d}", num, ctx.fonts, box.right, base, "right", region.id))
    return items


@composer("title")
def title(region: Region, box: Box, ctx: PageContext) -> list[Item]:
    name, path = ctx.value(region)
    return set_paras(region, box, ctx, bilingual(region, ctx, name, path or ("name",), balance=True))[0]


@composer("text")
def text(region: Region, box: Box, ctx: PageContext) -> list[Item]:
    """A text in the edition's languages, under its label (a caption line) when the
    region names one."""
    value, path = ctx.value(region)
    if value is None:
        return []
    if isinstance(value, Text):
        paras = bilingual(region, ctx, value, path)
    else:
        paras = [Para(str(value), ctx.region_style(region, "zh"), 0.0, False, path or (region.id,))]
    label: Text | None = ctx.label(region.label)
    if label is not None:
        paras[0] = replace(paras[0], space_before=ctx.dist(region.between or 3))
        paras.insert(0, Para(ctx.joined(label), ctx.region_style(region, "caption"), 0.0, False,
                             ctx.label_path(region)))
    return set_paras(region, box, ctx, paras)[0]


@composer("contact")
def contact(region: Region, box: Box, ctx: PageContext) -> list[Item]:
    """Who to contact: the organisation, then the person, each in the edition's
    languages (a pair), then the telephone and e-mail on one line."""
    c: Contact = ctx.value(region)[0]
    paras: list[Para] = []
    for name, text in (("organisation", c.organisation), ("person", c.person)):
        if text is None:
            continue
        pair = bilingual(region, ctx, text, ("campaign", "contact", name))
        if paras:
            pair[0] = replace(pair[0], space_before=ctx.dist(region.between or region.gap))
        paras += pair
    extra = "  ·  ".join(v for v in (c.phone, c.email) if v)
    if extra:
        paras.append(Para(extra, ctx.region_style(region, "en"), ctx.dist(region.between or region.gap), False,
                          ("campaign", "contact", "phone"), lang="en"))
    return set_paras(region, box, ctx, paras)[0]


@composer("qr")
def qr(region: Region, box: Box, ctx: PageContext) -> list[Item]:
    url, _ = ctx.value(region)
    size = max(ctx.mm(region.size or 30), ctx.layout.print.min_qr)  # scannable at every sheet size
    x = box.right - size if region.align == "right" else box.x
    y = box.y + (box.h - size) / 2
    light = ctx.palette["paper"]
    items: list[Item] = [qr_code(url, x, y, size, QR_DARK, light)]
    # the label and the URL beside the code, aligned towards it
    label: Text | None = ctx.label(region.label)
    tbox = Box(box.x, y, box.w - size - ctx.mm(6), size) if region.align == "right" else \
        Box(x + size + ctx.mm(6), y, box.w - size - ctx.mm(6), size)
    align = "right" if region.align == "right" else "left"
    paras: list[Para] = []
    if label is not None:
        paras += bilingual(region, ctx, label, ctx.label_path(region))
    paras.append(Para(_short_url(url), ctx.region_style(region, "url"), ctx.dist(region.between or 3), False,
                      ("qr_url",), lang="en"))
    lines, block = set_paras(region, tbox, ctx, paras, align=align)
    if block.overflow is None:  # sit the text on the code's bottom edge (a draft's overflow stays marked)
        lines = shift(lines, tbox.bottom - ctx.mm(1) - (tbox.y + block.height))
    items.extend(lines)
    # on screen the code and the address are a link (print has no links: the renderer skips it)
    area = items[0].bounds()
    for t in lines:
        area = area.union(t.bounds())
    items.append(Link(area, url, role=f"{region.id}-link"))
    return items


def _short_url(url: str) -> str:
    for prefix in ("https://", "http://"):
        if url.startswith(prefix):
            url = url[len(prefix):]
    return url.rstrip("/")


def shift(lines: list[TextLine], dy: float) -> list[TextLine]:
    return [replace(t, y=t.y + dy) for t in lines]
