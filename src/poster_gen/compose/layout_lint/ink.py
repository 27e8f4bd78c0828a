"""Ink gaps: every text keeps clear of every other text and of every graphic, measured
on the ink (glyph boxes, flattened outlines), not on frames.

- two texts of different paragraphs keep ``ink_gap`` ems of the smaller one's size
  between their ink (lines of one paragraph are spaced by its leading instead);
- a text keeps the same distance (``ink_gap`` ems of its size) from motifs, rules and
  dividers, bullets and nodes of other regions and QR codes, measured to the outline
  (curves flattened, half the stroke width counted); a motif crossing a text runs behind
  it, which is never allowed. A text inside a filled shape with that clearance to every
  edge is on its ground and passes. A region's own bullets, nodes, chips and marks are
  part of its text and are not compared with it;
- bands, tiles and photos are grounds: a text lies wholly on one, with the clearance to
  its edges, or wholly off it; one that is partly on it runs over its edge.
"""
from __future__ import annotations

import math
from bisect import bisect_right

from ...page_model import Circle, Image, Link, Path, QRCode, Rect, TextLine
from ..ink import box_distance, outline, point_box
from .kit import PageLint, excerpt

DECORATIONS = ("-bullet", "-node", "-line", "-chip", "-mark")  # a region's marks that go with its own text
EPS = 1e-3  # mm


def check(pl: PageLint) -> None:
    texts = [(i, t, b) for i, t in pl.texts if (b := pl.ink(t)) is not None]
    graphics, grounds = _classify(pl)
    _texts(pl, texts)
    _graphics(pl, texts, graphics)
    _grounds(pl, texts, grounds)


def _classify(pl: PageLint):
    """(region, item, name, half stroke mm, decoration) for graphics; (region, item, name) for grounds."""
    graphics, grounds = [], []
    for i, items in pl.by_region.items():
        region = pl.region(i)
        for it in items:
            if isinstance(it, (TextLine, Link)):
                continue
            role = getattr(it, "role", "")
            deco = next((d for d in DECORATIONS if role.endswith(d)), "")
            half = it.stroke.width_pt * 25.4 / 72.0 / 2 if getattr(it, "stroke", None) else 0.0
            if isinstance(it, Image):
                grounds.append((i, it, f"the photo of '{region.id}'"))
            elif isinstance(it, Rect) and not deco:
                if role != "background" and it.fill is not None:
                    part = role[len(region.id) + 1:] if role.startswith(region.id + "-") else "ground"
                    grounds.append((i, it, f"band '{region.id}'" if region.kind == "band" else
                                    f"the {part} of '{region.id}'"))
                elif it.stroke is not None:
                    graphics.append((i, it, f"a frame of '{region.id}'", half, False))
            else:
                graphics.append((i, it, _name(region, it, deco), half, bool(deco)))
    return graphics, grounds


def _name(region, it, deco: str) -> str:
    if isinstance(it, QRCode):
        return f"the QR code of '{region.id}'"
    if deco:
        return f"a {deco[1:]} of '{region.id}'"
    if region.kind == "motif":
        return f"the motif '{region.id}'"
    if region.kind == "rule":
        return f"the rule '{region.id}'"
    if getattr(it, "role", "").endswith("-rule"):
        return f"a divider of '{region.id}'"
    return f"a shape of '{region.id}'"


def _texts(pl: PageLint, texts) -> None:
    """Texts of different paragraphs: a sweep down the page by ink top."""
    order = sorted(texts, key=lambda x: x[2].y)
    reach = max((pl.gap(t.size_pt) for _, t, _ in texts), default=0.0)
    seen: set[tuple[int, int]] = set()
    for k, (i, a, ab) in enumerate(order):
        for j, b, bb in order[k + 1:]:
            if bb.y > ab.bottom + reach:
                break
            if a.para and a.para == b.para and i == j:
                continue  # one paragraph: its leading spaces its lines
            need = pl.gap(min(a.size_pt, b.size_pt))
            d = box_distance(ab, bb)
            if d + EPS >= need:
                continue
            lo, hi = sorted((i, j))
            if (lo, hi) in seen:
                continue
            seen.add((lo, hi))
            first, second = (a, b) if i <= j else (b, a)
            where = "" if lo == hi else f" of '{pl.region(lo).id}'"
            how = "overlap" if d <= 0 else f"are {d:.1f} mm apart"
            pl.issue(hi, f"the text {excerpt(second.text)} and the text {excerpt(first.text)}{where} {how} "
                         f"({pl.at(ab.union(bb))}); keep at least {need:.1f} mm between their ink "
                         f"({_rule(pl, min(a.size_pt, b.size_pt))}): add space or move one")


def _rule(pl: PageLint, size: float) -> str:
    return f"ink_gap {pl.ctx.layout.lint.ink_gap:g} em of {size:g} pt"


def _graphics(pl: PageLint, texts, graphics) -> None:
    """Texts against graphics; a graphic's bounds pick the few texts near enough to measure
    (motif paths hold thousands of points, and most lie far from any text)."""
    order = sorted(texts, key=lambda x: x[2].y)
    tops = [tb.y for _, _, tb in order]
    reach = max((pl.gap(t.size_pt) for _, t, _ in texts), default=0.0)
    outlines: dict[int, object] = {}
    seen: set[tuple[int, int]] = set()
    for g, item, name, half, deco in graphics:
        gb = item.bounds()
        x0, y0, x1, y1 = gb.x - half - reach, gb.y - half - reach, gb.right + half + reach, gb.bottom + half + reach
        for i, t, tb in order[:bisect_right(tops, y1)]:
            if tb.bottom < y0 or tb.x > x1 or tb.right < x0 or (deco and g == i) or (i, g) in seen:
                continue
            need = pl.gap(t.size_pt)
            if box_distance(tb, gb) - half + EPS >= need:
                continue
            d, inside = _distance(item, tb, need + half, outlines)
            d -= half
            if d + EPS >= need:
                continue
            seen.add((i, g))
            at = pl.at(tb)
            if d <= 0 and pl.region(g).kind == "motif":
                msg = (f"{name} runs behind the text {excerpt(t.text)} ({at}): motifs never behind text; "
                       f"move the text or the motif so {need:.1f} mm of plain ground surround the text")
            elif inside:
                msg = (f"the text {excerpt(t.text)} sits on {name} {max(d, 0):.1f} mm from its edge ({at}); "
                       f"keep {need:.1f} mm of plain ground around it ({_rule(pl, t.size_pt)})")
            elif d <= 0:
                msg = f"the text {excerpt(t.text)} touches {name} ({at}); keep {need:.1f} mm between them " \
                      f"({_rule(pl, t.size_pt)})"
            else:
                msg = (f"the text {excerpt(t.text)} is {d:.1f} mm from {name} ({at}); keep at least {need:.1f} mm "
                       f"({_rule(pl, t.size_pt)})")
            pl.issue(i, msg)


def _distance(item, tb, stop: float, outlines: dict) -> tuple[float, bool]:
    """Distance from the text box to the item's outline, and whether the text's centre
    lies inside the item's filled area."""
    if isinstance(item, Path):
        o = outlines.get(id(item))
        if o is None:
            o = outlines[id(item)] = outline(item)
        d = o.distance(tb, stop)
        return d, bool(item.fill) and o.contains(tb.cx, tb.cy, item.even_odd)
    if isinstance(item, Circle):  # to the circle's outline: from outside, or from within
        near = point_box(tb, item.cx, item.cy)
        far = max(math.hypot(x - item.cx, y - item.cy) for x in (tb.x, tb.right) for y in (tb.y, tb.bottom))
        d = near - item.r if near >= item.r else (item.r - far if far <= item.r else 0.0)
        return d, item.fill is not None and far <= item.r
    return box_distance(tb, item.bounds()), False  # rects and QR codes


def _grounds(pl: PageLint, texts, grounds) -> None:
    seen: set[tuple[int, int]] = set()
    for g, item, name in grounds:
        gb = item.bounds()
        for i, t, tb in texts:
            need = pl.gap(t.size_pt)
            if (i, g) in seen or box_distance(tb, gb) + EPS >= need:
                continue
            at = pl.at(tb)
            if gb.contains(tb):
                room = min(tb.x - gb.x, gb.right - tb.right, tb.y - gb.y, gb.bottom - tb.bottom)
                if room + EPS >= need:
                    continue
                msg = (f"the text {excerpt(t.text)} sits {room:.1f} mm from the edge of {name} ({at}); keep "
                       f"{need:.1f} mm of it around the text ({_rule(pl, t.size_pt)})")
            elif tb.intersects(gb):
                msg = (f"the text {excerpt(t.text)} runs over the edge of {name} ({at}): set it wholly on the "
                       f"ground with {need:.1f} mm to spare, or wholly off it")
            else:
                msg = (f"the text {excerpt(t.text)} is {box_distance(tb, gb):.1f} mm from the edge of {name} "
                       f"({at}); keep at least {need:.1f} mm ({_rule(pl, t.size_pt)})")
            seen.add((i, g))
            pl.issue(i, msg)
