"""Nanjing motifs of the built city: the Ming city wall and the Yangtze River Bridge."""
from __future__ import annotations

import math
import random

from .base import Ink, MotifContext, MotifInfo, ParamSpec, Sheet, common_params, token
from .pen import Pen

# -- the Ming city wall ---------------------------------------------------------------------


def battlement_profile(x0: float, x1: float, top: float, mh: float, mw: float, gap: float,
                       phase: float) -> list[tuple[float, float]]:
    """The crenellated skyline covering x0..x1 (it overshoots by up to one merlon; the
    sheet clips it): merlons of width ``mw`` and height ``mh`` on the parapet line
    ``top + mh``, crenels of width ``gap``; ``phase`` is one merlon's left edge."""
    pitch = mw + gap
    base = top + mh
    k = math.floor((x0 - phase) / pitch) - 1
    pts = []
    while phase + k * pitch < x1 + pitch:
        left = phase + k * pitch
        pts += [(left, base), (left, top), (left + mw, top), (left + mw, base)]
        k += 1
    return pts


def _hsplit(x0, x1, holes):
    """Split [x0, x1] around the (a, b) intervals in ``holes``."""
    segs = [(x0, x1)]
    for a, b in holes:
        nxt = []
        for s, e in segs:
            if b <= s or a >= e:
                nxt.append((s, e))
                continue
            if a > s:
                nxt.append((s, a))
            if b < e:
                nxt.append((b, e))
        segs = nxt
    return [(s, e) for s, e in segs if e - s > 1e-6]


def draw_wall(ctx: MotifContext):
    ink, p = Ink(ctx), ctx.params
    rng = random.Random(ctx.seed)
    b, a = ctx.box, ctx.area
    H = min(b.h, max(0.38 * b.w, 0.2 * b.h))
    top = b.bottom - H
    mh = min(H * 0.2, b.w * 0.12) / (ink.density ** 0.5)
    mw = mh * 1.15
    gap = mh * 0.6
    pitch = mw + gap
    gate = p["gate"]
    gcx = b.x + b.w * p["gate_at"]
    # align the pattern so a crenel (or the gate) sits on the centre line
    phase = (gcx if gate else b.cx) + gap / 2
    parapet = top + mh
    cornice = parapet + mh * 0.55
    base_y = b.bottom if ctx.bleed[2] <= 0 else a.bottom
    sh = Sheet(ctx, ink)
    tok = p["colour"]
    outline, fine, bold, masonry = Pen(), Pen(), Pen(), Pen()
    prof = battlement_profile(a.x, a.right, top, mh, mw, gap, phase)
    body = Pen().poly(prof + [(a.right + mw + gap, base_y), (a.x - mw - gap, base_y)], closed=True)
    outline.poly(prof)
    # embrasures: a small loophole in each merlon
    k0 = math.floor((a.x - phase) / pitch)
    k1 = math.ceil((a.right - phase) / pitch)
    for k in range(k0, k1 + 1):
        mx = phase + k * pitch + mw / 2
        fine.rect(mx - mw * 0.11, top + mh * 0.42, mw * 0.22, mh * 0.3)
    # parapet foot and cornice: a bold string course with a fine shadow line
    bold.line(a.x, cornice, a.right, cornice)
    fine.line(a.x, cornice + mh * 0.16, a.right, cornice + mh * 0.16)
    # the gate: a round-headed tunnel with a ring of voussoirs
    g_r = ring = spring = 0.0
    if gate:
        room = base_y - cornice
        g_r = min(room * 0.4, b.w * 0.1)
        ring = g_r * 0.16
        spring = max(cornice + mh * 0.7 + g_r + 2 * ring, base_y - room * 0.5)
        body.M(gcx - g_r, base_y).L(gcx - g_r, spring)
        body.arc(gcx, spring, g_r, 180, 360, start=False).L(gcx + g_r, base_y).Z()
        for j, rr in enumerate((g_r, g_r + ring, g_r + 2 * ring)):
            pen = fine if j == 1 else outline
            pen.M(gcx - rr, base_y).L(gcx - rr, spring)
            pen.arc(gcx, spring, rr, 180, 360, start=False).L(gcx + rr, base_y)
        n = max(9, round(math.pi * g_r / (ring * 1.1)))
        for i in range(1, n):
            t = math.radians(180 + 180 * i / n)
            fine.line(gcx + g_r * math.cos(t), spring + g_r * math.sin(t),
                      gcx + (g_r + ring) * math.cos(t), spring + (g_r + ring) * math.sin(t))
    outer = g_r + 2 * ring

    def gate_hole(y0, y1):
        """The x-interval the gate's outer ring takes out of a course from y0 to y1."""
        low = max(y0, y1)
        if not gate or low <= spring - outer:
            return []
        dy = max(0.0, spring - low)
        hw = math.sqrt(max(0.0, outer * outer - dy * dy))
        return [(gcx - hw, gcx + hw)]
    # bastions (mamian): projecting sections marked by an edge and its shadow line
    bast = []
    every = max(8, round(12 / ink.density))
    for k in range(k0 - every, k1 + every):
        if k % every == 3:
            x0 = phase + k * pitch - gap / 2
            x1 = x0 + 4 * pitch
            if gate and not (x1 < gcx - outer - pitch or x0 > gcx + outer + pitch):
                continue
            bast.append((x0, x1))
            for x, sgn in ((x0, 1), (x1, -1)):
                if a.x < x < a.right:
                    outline.line(x, cornice, x, base_y)
                    fine.line(x + sgn * mh * 0.16, cornice + mh * 0.16, x + sgn * mh * 0.16, base_y)
    # masonry: large stone courses at the foot, brick courses above, running bond
    ch = mh * 0.42
    y = cornice + mh * 0.16 + ch
    stone_from = base_y - ch * 2 * 2
    row = 0
    while y < base_y - ch * 0.5:
        stone = y >= stone_from - 1e-6
        course_h = ch * (2.0 if stone else 1.0)
        brick = course_h * (1.6 if stone else 2.3)
        off = (row % 2) * brick / 2 + (rng.uniform(0, brick) if stone else 0.0)
        row += 1
        for s0, e0 in _hsplit(a.x, a.right, gate_hole(y, y)):
            masonry.line(s0, y, e0, y)
        ye = min(y + course_h, base_y)
        hole = gate_hole(y, ye)
        xj = phase - off - brick * math.ceil((phase - a.x) / brick + 1)
        while xj < a.right:
            if rng.random() < 0.85 and a.x < xj < a.right and \
                    not any(ga - mh * 0.1 <= xj <= gb + mh * 0.1 for ga, gb in hole) and \
                    not any(abs(xj - bx) < mh * 0.3 for b2 in bast for bx in b2):
                masonry.line(xj, y, xj, ye)
            xj += brick
        y += course_h
    if ctx.bleed[2] <= 0:
        bold.line(a.x, base_y, a.right, base_y)
    if p["fill"] > 0:
        sh.fill(body.ops, tok, p["fill"], even_odd=True)
    if not p["detail"]:  # the silhouette alone: a crenellated edge for a colour field
        sh.stroke(outline.ops, tok, "regular", join="miter", cap="butt")
        return sh.items()
    sh.stroke(masonry.ops, tok, "fine", 0.7)
    sh.stroke(fine.ops, tok, "fine")
    sh.stroke(outline.ops, tok, "regular", join="miter", cap="butt")
    sh.stroke(bold.ops, tok, "bold", cap="butt")
    return sh.items()


WALL = MotifInfo(
    "city-wall", "nanjing",
    "The Ming city wall: a band of merlons with loopholes, cornice, brick and stone courses, "
    "bastions and optionally a Zhonghua Gate style arch.",
    common_params(
        "deep",
        gate=ParamSpec(bool, False, doc="draw a round-headed gate arch"),
        gate_at=ParamSpec(float, 0.5, 0.1, 0.9, doc="gate centre as a fraction of the box width"),
        fill=ParamSpec(float, 0.0, 0.0, 1.0, doc="tint of a solid wall body behind the lines; 0 = none"),
        detail=ParamSpec(bool, True, doc="loopholes, courses and bastions; false draws the silhouette only"),
    ),
    draw_wall,
)



# -- the Nanjing Yangtze River Bridge ------------------------------------------------------


_BANNERS = ((-28, 0.95, -1), (0, 1.15, 1), (28, 0.95, 1))  # pole lean, height (u), fly side


def _flags(pen: Pen, x: float, y: float, u: float) -> None:
    """The "three red banners" crowning the bridgehead tower: three waving flags on poles
    fanned from one socket at (x, y); u is the truss depth."""
    for lean, h, side in _BANNERS:
        h *= u
        w, drop, wave = 0.36 * u * side, 0.3 * u, 0.06 * u
        sx, sy = math.sin(math.radians(lean)), math.cos(math.radians(lean))
        tx, ty = x + sx * h, y - sy * h
        bx, by = x + sx * (h - drop), y - sy * (h - drop)
        pen.M(bx, by).L(tx, ty)
        pen.C(tx + w * 0.33, ty - wave * 2, tx + w * 0.66, ty + wave * 2, tx + w, ty + wave)
        pen.L(bx + w, by + wave)
        pen.C(bx + w * 0.66, by + wave * 3, bx + w * 0.33, by - wave, bx, by)
        pen.Z()


def _poles(pen: Pen, x: float, y: float, u: float) -> None:
    for lean, h, _ in _BANNERS:
        pen.line(x, y, x + math.sin(math.radians(lean)) * h * u, y - math.cos(math.radians(lean)) * h * u)


def draw_bridge(ctx: MotifContext):
    ink, p = Ink(ctx), ctx.params
    rng = random.Random(ctx.seed)
    b, a = ctx.box, ctx.area
    u = min(b.h / 7.0, b.w / 22.0) * p["scale"] / ink.density ** 0.5
    u = min(u, b.h / 6.95)
    y_water = b.bottom - 0.6 * u
    y_bc = y_water - 1.5 * u
    y_tc = y_bc - 1.0 * u
    y_road = y_tc - 0.14 * u
    y_ground = y_water - 0.35 * u
    span = 10.0 * u
    panels = 8
    # left tower, main spans to the right; a second tower if the box is wide enough
    pw, tw = 1.0 * u, 0.62 * u
    both = b.w >= 44 * u
    approach = 6.0 * u if both else 4.0 * u
    xt1 = b.x + approach
    xt2 = b.right - approach if both else None
    gap = pw + 1.0 * u  # tower centre to the first pier: podium, bank, cutwater room
    if both:
        n = max(1, math.floor((xt2 - xt1 - 2 * gap) / span))
        x0 = (xt1 + xt2) / 2 - n * span / 2
        xt1, xt2 = x0 - gap, x0 + n * span + gap
        x_bank1, x_bank2 = x0 - 0.85 * u, x0 + n * span + 0.85 * u
    else:
        x0 = xt1 + gap
        x_bank1 = x0 - 0.85 * u
        n = math.ceil((a.right - x0) / span) + 1
        x_bank2 = a.right + span
    x1 = x0 + n * span
    bold, reg, fine, dots = Pen(), Pen(), Pen(), Pen()
    flags = Pen()
    # truss: parallel chords, Warren diagonals, verticals
    bold.line(x0 - 0.3 * u, y_tc, x1 + 0.3 * u, y_tc).line(x0 - 0.3 * u, y_bc, x1 + 0.3 * u, y_bc)
    pl = span / panels
    for i in range(n * panels):
        xa, xb = x0 + i * pl, x0 + (i + 1) * pl
        if i % 2 == 0:
            reg.line(xa, y_bc, xb, y_tc)
        else:
            reg.line(xa, y_tc, xb, y_bc)
        fine.line(xb, y_tc, xb, y_bc)
    fine.line(x0, y_tc, x0, y_bc)
    # road deck with parapet and the magnolia lamps; short approach girders to the towers
    for xt, side in [(xt1, -1)] + ([(xt2, 1)] if both else []):
        xe = x0 if side < 0 else x1
        reg.line(xt - side * pw, y_road, xe, y_road)
        reg.line(xt - side * pw, y_road + 0.3 * u, xe, y_road + 0.3 * u)
    reg.line(x0, y_road, x1, y_road)
    fine.line(x0, y_road - 0.16 * u, x1, y_road - 0.16 * u)
    lamp = span / 5
    xl = x0 + lamp / 2
    while xl < x1:
        fine.line(xl, y_road - 0.16 * u, xl, y_road - 0.55 * u)
        dots.dot(xl, y_road - 0.58 * u)
        xl += lamp
    # piers: a cap, a shaft widening towards the water, the cutwater line
    for k in range(n + 1):
        xp = x0 + k * span
        cw, sw, bw = 0.55 * u, 0.36 * u, 0.46 * u
        reg.poly([(xp - cw, y_bc + 0.06 * u), (xp - cw, y_bc + 0.3 * u), (xp + cw, y_bc + 0.3 * u),
                  (xp + cw, y_bc + 0.06 * u)], closed=True)
        reg.line(xp - sw, y_bc + 0.3 * u, xp - bw, y_water)
        reg.line(xp + sw, y_bc + 0.3 * u, xp + bw, y_water)
        fine.line(xp, y_bc + 0.45 * u, xp, y_water - 0.1 * u)
    # banks, approach arches and the bridgehead towers
    for xt, side in [(xt1, -1)] + ([(xt2, 1)] if both else []):
        xb_edge = (x_bank1 if side < 0 else x_bank2)
        far = a.x if side < 0 else a.right
        reg.line(far, y_ground, xb_edge, y_ground).L(xb_edge - side * 0.25 * u, y_water)
        # approach viaduct: the road descends on a row of arches
        road_far = y_road + 1.2 * u
        xa = xt + side * pw
        reg.M(xa, y_road).L(far, road_far)
        reg.M(xa, y_road + 0.18 * u).L(far, road_far + 0.18 * u)
        aw = 2.2 * u
        slope = (road_far - y_road) / max(abs(far - xa), 1e-6)
        while (xa - far) * side < 0:
            xb2 = xa + side * aw
            yr = y_road + slope * abs(xb2 - (xt + side * pw)) + 0.18 * u
            ry = y_ground - yr - 0.16 * u
            if ry < 0.25 * u:
                break
            fine.line(xb2, yr, xb2, y_ground)
            reg.arc((xa + xb2) / 2, y_ground, aw * 0.44, 180, 360, ry=min(ry, aw * 0.4))
            xa = xb2
        # tower: podium, shaft with ribs, stepped crown and the three banners
        top = y_road - 2.2 * u
        pod = y_road - 0.5 * u
        reg.poly([(xt - pw, y_ground), (xt - pw, pod), (xt + pw, pod), (xt + pw, y_ground)])
        reg.poly([(xt - tw, pod), (xt - tw, top), (xt + tw, top), (xt + tw, pod)])
        bold.line(xt - tw - 0.1 * u, top, xt + tw + 0.1 * u, top)
        reg.poly([(xt - tw * 0.6, top), (xt - tw * 0.6, top - 0.22 * u), (xt + tw * 0.6, top - 0.22 * u),
                  (xt + tw * 0.6, top)])
        fine.line(xt - tw, top + 0.2 * u, xt + tw, top + 0.2 * u)
        for j in (-2, -1, 0, 1, 2):
            xs = xt + j * tw * 0.33
            fine.line(xs, top + 0.4 * u, xs, pod - 0.2 * u)
        for j in (-1, 1):
            fine.line(xt + j * pw * 0.55, pod + 0.25 * u, xt + j * pw * 0.55, y_ground - 0.1 * u)
        fine.line(xt - pw, pod + 0.15 * u, xt + pw, pod + 0.15 * u)
        _flags(flags, xt, top - 0.22 * u, u)
        _poles(reg, xt, top - 0.22 * u, u)
    # the river: a water line and a few drifting strokes
    reg.line(x_bank1, y_water, min(x_bank2, a.right), y_water)
    yy = y_water + 0.22 * u
    while yy < a.bottom - 0.05 * u:
        x = x_bank1 + rng.uniform(0, 1.5) * u
        while x < min(x_bank2, a.right):
            ln = rng.uniform(0.8, 3.0) * u
            fine.line(x, yy, min(x + ln, min(x_bank2, a.right)), yy)
            x += ln + rng.uniform(0.6, 2.5) * u
        yy += 0.22 * u
    sh = Sheet(ctx, ink)
    tok = p["colour"]
    sh.fill(flags.ops, p["accent"])
    sh.stroke(fine.ops, tok, "fine")
    sh.stroke(reg.ops, tok, "regular", join="miter")
    sh.stroke(bold.ops, tok, "bold", cap="butt")
    sh.stroke(dots.ops, tok, "bold")
    return sh.items()


BRIDGE = MotifInfo(
    "yangtze-bridge", "nanjing",
    "The Nanjing Yangtze River Bridge: continuous steel truss spans on river piers, magnolia "
    "lamps on the deck, arched approaches and the bridgehead towers with their three banners.",
    common_params(
        "deep",
        accent=token("accent", "palette token of the banners on the bridgehead towers"),
        scale=ParamSpec(float, 1.0, 0.5, 1.5, doc="bridge size relative to the box"),
    ),
    draw_bridge,
)

INFOS = [WALL, BRIDGE]
