"""Space: what groups, what lines up and what is left empty.

- a Chinese paragraph followed by its English one is a pair; the ink gap inside the
  pair is at most ``pair_ratio`` times the ink gap to the next paragraph below it in the
  region, so pairs read as pairs;
- the columns of a row (regions with the same ``row``) end within ``column_balance``
  of the row's height (its boxes' top to their lowest bottom) of the deepest column,
  measured at each column's lowest ink; a column marked ``short`` may end higher;
- the share of the page inside its margins that no region's content covers (the
  bounds of its items, layered bands and motifs included) is at most ``max_blank``;
  a template marked ``image_page`` (a designed full-bleed image) is exempt.
"""
from __future__ import annotations

from ...page_model import Box, Link, TextLine
from .kit import PageLint, excerpt

EPS = 1e-3  # mm


def check(pl: PageLint) -> None:
    _pairs(pl)
    _columns(pl)
    _blank(pl)


def _pairs(pl: PageLint) -> None:
    ratio = pl.ctx.layout.lint.pair_ratio
    by_region: dict[int, list] = {}
    for p in pl.paragraphs:
        by_region.setdefault(p.region, []).append(p)
    for i, paras in by_region.items():
        for k in range(len(paras) - 2):
            zh, en, nxt = paras[k], paras[k + 1], paras[k + 2]
            if zh.lang != "zh" or en.lang != "en":
                continue
            a, b, c = pl.ink_of(zh.lines), pl.ink_of(en.lines), pl.ink_of(nxt.lines)
            if a is None or b is None or c is None:
                continue
            pair = a.union(b)
            if c.y < pair.bottom - EPS or c.x >= pair.right or c.right <= pair.x:
                continue  # the next paragraph is beside the pair, not below it
            inside, after = b.y - a.bottom, c.y - pair.bottom
            if inside > ratio * after + EPS:
                pl.issue(i, f"the pair {excerpt(zh.text(), 10)} / {excerpt(en.text(), 14)} is {inside:.1f} mm apart "
                            f"inside but {after:.1f} mm from the next paragraph {excerpt(nxt.text(), 10)} "
                            f"({pl.at(pair)}); the gap inside a pair is at most {ratio:g} of the gap after it "
                            f"({ratio * after:.1f} mm here): tighten the region's gap or widen its between")


def _lowest(pl: PageLint, i: int, top: float) -> float:
    low = top
    for it in pl.by_region.get(i, []):
        if isinstance(it, Link):
            continue
        b = pl.ink(it) if isinstance(it, TextLine) else it.bounds()
        if b is not None:
            low = max(low, b.bottom)
    return low


def _columns(pl: PageLint) -> None:
    spec = pl.ctx.layout.lint
    share = spec.column_balance_single if len(pl.ctx.langs) == 1 else spec.column_balance
    if share >= 1:
        return
    rows: dict[str, list[int]] = {}
    for i, region in enumerate(pl.template.regions):
        if region.row and region.id in pl.page.frames and pl.by_region.get(i):
            rows.setdefault(region.row, []).append(i)  # an empty column gave its room away: not judged
    for row, cols in rows.items():
        if len(cols) < 2:
            continue
        boxes = {i: pl.page.frames[pl.region(i).id] for i in cols}
        top, bottom = min(b.y for b in boxes.values()), max(b.bottom for b in boxes.values())
        ends = {i: _lowest(pl, i, boxes[i].y) for i in cols}
        deepest = max(cols, key=lambda i: ends[i])
        allowed = share * (bottom - top)
        for i in cols:
            short = ends[deepest] - ends[i]
            if pl.region(i).short or short <= allowed + EPS:
                continue
            pl.issue(i, f"ends {short:.1f} mm above '{pl.region(deepest).id}' in the row '{row}' (its lowest ink is "
                        f"at y {ends[i]:.1f} mm); the columns of a row end within {share:g} of its height "
                        f"({allowed:.1f} mm): balance the texts, or mark this column short: true")


def _blank(pl: PageLint) -> None:
    spec = pl.ctx.layout.lint
    single = len(pl.ctx.langs) == 1
    limit, name = (spec.max_blank_single, "max_blank_single") if single else (spec.max_blank, "max_blank")
    if limit >= 1 or pl.template.image_page:
        return
    ctx, m = pl.ctx, pl.ctx.layout.margins
    inner = Box(ctx.mm(m.left), ctx.mm(m.top), ctx.width - ctx.mm(m.left + m.right),
                ctx.height - ctx.mm(m.top + m.bottom))
    if inner.w <= 0 or inner.h <= 0:
        return
    covered: dict[int, Box] = {}
    for i, items in pl.by_region.items():
        boxes = [it.bounds() for it in items if not isinstance(it, Link)]
        if not boxes:
            continue
        b = _union(boxes)
        frame = pl.page.frames.get(pl.region(i).id)
        if frame is not None and not pl.region(i).layered:
            # a text block is as wide as its column: a ragged line or a short heading
            # leaves its column's measure set, not blank
            x0, x1 = min(b.x, frame.x), max(b.right, frame.right)
            b = Box(x0, b.y, x1 - x0, b.h)
        b = _clip(b, inner)
        if b is not None:
            covered[i] = b
    blank = 1 - _area(list(covered.values())) / (inner.w * inner.h)
    if blank <= limit + 1e-6:
        return
    emptiest = max((i for i in pl.by_region if not pl.region(i).layered and pl.region(i).id in pl.page.frames),
                   key=lambda i: _room(pl.page.frames[pl.region(i).id], covered.get(i), inner), default=0)
    pl.issue(emptiest, f"the page is {blank:.0%} blank inside its margins; the layout allows {limit:.0%} "
                       f"(lint.{name}): this region leaves the most of its frame empty; fill it, give its room "
                       "to a neighbour, or mark the template image_page")


def _room(frame: Box, content: Box | None, inner: Box) -> float:
    f = _clip(frame, inner)
    return (f.w * f.h if f else 0.0) - (content.w * content.h if content else 0.0)


def _union(boxes: list[Box]) -> Box:
    out = boxes[0]
    for b in boxes[1:]:
        out = out.union(b)
    return out


def _clip(b: Box, to: Box) -> Box | None:
    x0, y0, x1, y1 = max(b.x, to.x), max(b.y, to.y), min(b.right, to.right), min(b.bottom, to.bottom)
    return Box(x0, y0, x1 - x0, y1 - y0) if x1 > x0 and y1 > y0 else None


def _area(boxes: list[Box]) -> float:
    """The area of a union of boxes, on the grid their edges make."""
    xs = sorted({v for b in boxes for v in (b.x, b.right)})
    ys = sorted({v for b in boxes for v in (b.y, b.bottom)})
    total = 0.0
    for x0, x1 in zip(xs, xs[1:]):
        cx = (x0 + x1) / 2
        col = [b for b in boxes if b.x <= cx <= b.right]
        for y0, y1 in zip(ys, ys[1:]):
            cy = (y0 + y1) / 2
            if any(b.y <= cy <= b.bottom for b in col):
                total += (x1 - x0) * (y1 - y0)
    return total
