"""Nanjing motifs of the built city: the Ming city wall and the Yangtze River Bridge."""
from __future__ import annotations

import math
from dataclasses import replace
from typing import NamedTuple

from .base import MotifContext, MotifInfo
from .frame import Frame, Paint
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


WALL_PAINT = {
    "body": Paint("fill", "@colour", f=0.0, even_odd=True),  # f: the fill parameter (see _wall_paint)
    "masonry": Paint("stroke", "@colour", "fine", 0.7),
    "fine": Paint("stroke", "@colour", "fine"),
    "outline": Paint("stroke", "@colour", "regular", join="miter", cap="butt"),
    "bold": Paint("stroke", "@colour", "bold", cap="butt"),
}


class _Wall(NamedTuple):
    top: float  # merlon tops
    mh: float  # merlon height
    mw: float  # merlon width
    gap: float  # crenel width
    pitch: float
    phase: float  # a merlon's left edge
    cornice: float  # the string course under the parapet
    base_y: float  # the wall's foot
    k0: int  # the merlons across the drawable area
    k1: int


class _Gate(NamedTuple):
    on: bool
    cx: float
    r: float = 0.0  # tunnel radius
    ring: float = 0.0  # voussoir ring depth
    spring: float = 0.0  # springing line of the arch
    outer: float = 0.0  # outer radius of the rings


def _wall_paint(p) -> dict[str, Paint]:
    """The paint table with the body's tint from the fill parameter."""
    return {**WALL_PAINT, "body": replace(WALL_PAINT["body"], f=p["fill"])}


def _wall_size(fr: Frame) -> _Wall:
    """Wall height and merlon size from the box; the pattern is aligned so that a crenel
    (or the gate) sits on the centre line."""
    b, a, p = fr.box, fr.area, fr.p
    H = min(b.h, max(0.38 * b.w, 0.2 * b.h))
    top = b.bottom - H
    mh = min(H * 0.2, b.w * 0.12) / (fr.ink.density ** 0.5)
    mw, gap = mh * 1.15, mh * 0.6
    pitch = mw + gap
    phase = (b.x + b.w * p["gate_at"] if p["gate"] else b.cx) + gap / 2
    base_y = b.bottom if fr.ctx.bleed[2] <= 0 else a.bottom
    k0, k1 = math.floor((a.x - phase) / pitch), math.ceil((a.right - phase) / pitch)
    return _Wall(top, mh, mw, gap, pitch, phase, top + mh + mh * 0.55, base_y, k0, k1)


def _parapet(fr: Frame, w: _Wall) -> None:
    """The battlements (outline and wall body), a loophole in each merlon, and the
    cornice: a bold string course with a fine shadow line."""
    a, fine = fr.area, fr["fine"]
    prof = battlement_profile(a.x, a.right, w.top, w.mh, w.mw, w.gap, w.phase)
    fr["body"].poly(prof + [(a.right + w.mw + w.gap, w.base_y), (a.x - w.mw - w.gap, w.base_y)], closed=True)
    fr["outline"].poly(prof)
    for k in range(w.k0, w.k1 + 1):
        mx = w.phase + k * w.pitch + w.mw / 2
        fine.rect(mx - w.mw * 0.11, w.top + w.mh * 0.42, w.mw * 0.22, w.mh * 0.3)
    fr["bold"].line(a.x, w.cornice, a.right, w.cornice)
    fine.line(a.x, w.cornice + w.mh * 0.16, a.right, w.cornice + w.mh * 0.16)


def _gate(fr: Frame, w: _Wall) -> _Gate:
    """The gate (when asked for): a round-headed tunnel cut from the body, with a ring of
    voussoirs between two outlines."""
    gcx = fr.box.x + fr.box.w * fr.p["gate_at"]
    if not fr.p["gate"]:
        return _Gate(False, gcx)
    fine, outline, base_y = fr["fine"], fr["outline"], w.base_y
    room = base_y - w.cornice
    g_r = min(room * 0.4, fr.box.w * 0.1)
    ring = g_r * 0.16
    spring = max(w.cornice + w.mh * 0.7 + g_r + 2 * ring, base_y - room * 0.5)
    fr["body"].M(gcx - g_r, base_y).L(gcx - g_r, spring)
    fr["body"].arc(gcx, spring, g_r, 180, 360, start=False).L(gcx + g_r, base_y).Z()
    for j, rr in enumerate((g_r, g_r + ring, g_r + 2 * ring)):
        pen = fine if j == 1 else outline
        pen.M(gcx - rr, base_y).L(gcx - rr, spring)
        pen.arc(gcx, spring, rr, 180, 360, start=False).L(gcx + rr, base_y)
    n = max(9, round(math.pi * g_r / (ring * 1.1)))
    for i in range(1, n):
        t = math.radians(180 + 180 * i / n)
        fine.line(gcx + g_r * math.cos(t), spring + g_r * math.sin(t),
                  gcx + (g_r + ring) * math.cos(t), spring + (g_r + ring) * math.sin(t))
    return _Gate(True, gcx, g_r, ring, spring, g_r + 2 * ring)


def _gate_hole(g: _Gate, y0: float, y1: float) -> list[tuple[float, float]]:
    """The x-interval the gate's outer ring takes out of a course from y0 to y1."""
    low = max(y0, y1)
    if not g.on or low <= g.spring - g.outer:
        return []
    dy = max(0.0, g.spring - low)
    hw = math.sqrt(max(0.0, g.outer * g.outer - dy * dy))
    return [(g.cx - hw, g.cx + hw)]


def _bastions(fr: Frame, w: _Wall, g: _Gate) -> list[tuple[float, float]]:
    """Bastions (mamian): projecting sections, clear of the gate, marked by an edge and
    its shadow line. Returns their x-extents."""
    a, mh = fr.area, w.mh
    bast = []
    every = max(8, round(12 / fr.ink.density))
    for k in range(w.k0 - every, w.k1 + every):
        if k % every == 3:
            x0 = w.phase + k * w.pitch - w.gap / 2
            x1 = x0 + 4 * w.pitch
            if g.on and not (x1 < g.cx - g.outer - w.pitch or x0 > g.cx + g.outer + w.pitch):
                continue
            bast.append((x0, x1))
            for x, sgn in ((x0, 1), (x1, -1)):
                if a.x < x < a.right:
                    fr["outline"].line(x, w.cornice, x, w.base_y)
                    fr["fine"].line(x + sgn * mh * 0.16, w.cornice + mh * 0.16, x + sgn * mh * 0.16, w.base_y)
    return bast


def _masonry(fr: Frame, w: _Wall, g: _Gate, bast: list[tuple[float, float]]) -> None:
    """Large stone courses at the foot, brick courses above, in running bond; joints
    keep clear of the gate's ring and the bastion edges."""
    rng, a, mh, masonry = fr.rng, fr.area, w.mh, fr["masonry"]
    ch = mh * 0.42
    y = w.cornice + mh * 0.16 + ch
    stone_from = w.base_y - ch * 2 * 2
    row = 0
    while y < w.base_y - ch * 0.5:
        stone = y >= stone_from - 1e-6
        course_h = ch * (2.0 if stone else 1.0)
        brick = course_h * (1.6 if stone else 2.3)
        off = (row % 2) * brick / 2 + (rng.uniform(0, brick) if stone else 0.0)
        row += 1
        for s0, e0 in _hsplit(a.x, a.right, _gate_hole(g, y, y)):
            masonry.line(s0, y, e0, y)
        ye = min(y + course_h, w.base_y)
        hole = _gate_hole(g, y, ye)
        xj = w.phase - off - brick * math.ceil((w.phase - a.x) / brick + 1)
        while xj < a.right:
            if rng.random() < 0.85 and a.x < xj < a.right and \
                    not any(ga - mh * 0.1 <= xj <= gb + mh * 0.1 for ga, gb in hole) and \
                    not any(abs(xj - bx) < mh * 0.3 for b2 in bast for bx in b2):
                masonry.line(xj, y, xj, ye)
            xj += brick
        y += course_h


def _unpainted(fr: Frame) -> None:
    """Empty the pens the parameters leave unpainted: the body without a fill; all but
    the outline (and body) for the silhouette alone, a crenellated edge for a colour field."""
    off = ([] if fr.p["fill"] > 0 else ["body"]) + ([] if fr.p["detail"] else ["masonry", "fine", "bold"])
    for name in off:
        fr[name].ops.clear()


def draw_wall(ctx: MotifContext):
    fr = Frame(ctx, _wall_paint(ctx.params))
    fr.rng.seed(ctx.seed)  # the drawing's own seeding, kept so the pictures stay the same
    w = _wall_size(fr)
    _parapet(fr, w)
    g = _gate(fr, w)
    bast = _bastions(fr, w, g)
    if fr.p["detail"]:  # the courses are the last use of the random: skipped, nothing moves
        _masonry(fr, w, g, bast)
    if ctx.bleed[2] <= 0:
        fr["bold"].line(fr.area.x, w.base_y, fr.area.right, w.base_y)
    _unpainted(fr)
    return fr.items()


WALL = MotifInfo.of("city-wall", draw_wall)



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


BRIDGE_PAINT = {
    "banners": Paint("fill", "@accent"),
    "fine": Paint("stroke", "@colour", "fine"),
    "line": Paint("stroke", "@colour", "regular", join="miter"),
    "bold": Paint("stroke", "@colour", "bold", cap="butt"),
    "lamps": Paint("stroke", "@colour", "bold"),
}


class _Bridge(NamedTuple):
    u: float  # the truss depth: the unit of every part
    y_water: float
    y_bc: float  # bottom chord
    y_tc: float  # top chord
    y_road: float
    y_ground: float
    span: float
    x0: float  # first and last pier
    x1: float
    n: int  # spans
    towers: tuple  # (x, side) of each bridgehead tower: -1 left, 1 right
    x_bank1: float
    x_bank2: float


def _bridge_size(fr: Frame) -> _Bridge:
    """Levels from the box; the left tower with the main spans to its right, and a second
    tower when the box is wide enough (then the spans are centred between them)."""
    b, a = fr.box, fr.area
    u = min(b.h / 7.0, b.w / 22.0) * fr.p["scale"] / fr.ink.density ** 0.5
    u = min(u, b.h / 6.95)
    y_water = b.bottom - 0.6 * u
    y_bc = y_water - 1.5 * u
    y_tc = y_bc - 1.0 * u
    span, pw = 10.0 * u, 1.0 * u
    both = b.w >= 44 * u
    xt1 = b.x + (6.0 * u if both else 4.0 * u)
    gap = pw + 1.0 * u  # tower centre to the first pier: podium, bank, cutwater room
    if both:
        xt2 = b.right - 6.0 * u
        n = max(1, math.floor((xt2 - xt1 - 2 * gap) / span))
        x0 = (xt1 + xt2) / 2 - n * span / 2
        towers = ((x0 - gap, -1), (x0 + n * span + gap, 1))
        x_bank2 = x0 + n * span + 0.85 * u
    else:
        x0 = xt1 + gap
        n = math.ceil((a.right - x0) / span) + 1
        towers = ((xt1, -1),)
        x_bank2 = a.right + span
    return _Bridge(u, y_water, y_bc, y_tc, y_tc - 0.14 * u, y_water - 0.35 * u, span, x0, x0 + n * span, n,
                   towers, x0 - 0.85 * u, x_bank2)


def _truss(fr: Frame, s: _Bridge) -> None:
    """Parallel chords, Warren diagonals and verticals, eight panels a span."""
    u, x0, x1, reg, fine = s.u, s.x0, s.x1, fr["line"], fr["fine"]
    fr["bold"].line(x0 - 0.3 * u, s.y_tc, x1 + 0.3 * u, s.y_tc).line(x0 - 0.3 * u, s.y_bc, x1 + 0.3 * u, s.y_bc)
    pl = s.span / 8
    for i in range(s.n * 8):
        xa, xb = x0 + i * pl, x0 + (i + 1) * pl
        if i % 2 == 0:
            reg.line(xa, s.y_bc, xb, s.y_tc)
        else:
            reg.line(xa, s.y_tc, xb, s.y_bc)
        fine.line(xb, s.y_tc, xb, s.y_bc)
    fine.line(x0, s.y_tc, x0, s.y_bc)


def _deck(fr: Frame, s: _Bridge) -> None:
    """The road deck with its parapet and magnolia lamps; short approach girders to the
    towers."""
    u, x0, x1, y_road, reg, fine = s.u, s.x0, s.x1, s.y_road, fr["line"], fr["fine"]
    pw = 1.0 * u
    for xt, side in s.towers:
        xe = x0 if side < 0 else x1
        reg.line(xt - side * pw, y_road, xe, y_road)
        reg.line(xt - side * pw, y_road + 0.3 * u, xe, y_road + 0.3 * u)
    reg.line(x0, y_road, x1, y_road)
    fine.line(x0, y_road - 0.16 * u, x1, y_road - 0.16 * u)
    lamp = s.span / 5
    xl = x0 + lamp / 2
    while xl < x1:
        fine.line(xl, y_road - 0.16 * u, xl, y_road - 0.55 * u)
        fr["lamps"].dot(xl, y_road - 0.58 * u)
        xl += lamp


def _piers(fr: Frame, s: _Bridge) -> None:
    """Each pier: a cap, a shaft widening towards the water, the cutwater line."""
    u, y_bc, reg = s.u, s.y_bc, fr["line"]
    cw, sw, bw = 0.55 * u, 0.36 * u, 0.46 * u
    for k in range(s.n + 1):
        xp = s.x0 + k * s.span
        reg.poly([(xp - cw, y_bc + 0.06 * u), (xp - cw, y_bc + 0.3 * u), (xp + cw, y_bc + 0.3 * u),
                  (xp + cw, y_bc + 0.06 * u)], closed=True)
        reg.line(xp - sw, y_bc + 0.3 * u, xp - bw, s.y_water)
        reg.line(xp + sw, y_bc + 0.3 * u, xp + bw, s.y_water)
        fr["fine"].line(xp, y_bc + 0.45 * u, xp, s.y_water - 0.1 * u)


def _approach(fr: Frame, s: _Bridge, xt: float, side: int) -> None:
    """The bank on one side, and the approach viaduct: the road descends from the tower
    on a row of arches."""
    u, y_road, y_ground, reg = s.u, s.y_road, s.y_ground, fr["line"]
    pw = 1.0 * u
    xb_edge = (s.x_bank1 if side < 0 else s.x_bank2)
    far = fr.area.x if side < 0 else fr.area.right
    reg.line(far, y_ground, xb_edge, y_ground).L(xb_edge - side * 0.25 * u, s.y_water)
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
        fr["fine"].line(xb2, yr, xb2, y_ground)
        reg.arc((xa + xb2) / 2, y_ground, aw * 0.44, 180, 360, ry=min(ry, aw * 0.4))
        xa = xb2


def _tower(fr: Frame, s: _Bridge, xt: float) -> None:
    """A bridgehead tower: podium, shaft with ribs, stepped crown and the three banners."""
    u, y_road, y_ground, reg, fine = s.u, s.y_road, s.y_ground, fr["line"], fr["fine"]
    pw, tw = 1.0 * u, 0.62 * u
    top = y_road - 2.2 * u
    pod = y_road - 0.5 * u
    reg.poly([(xt - pw, y_ground), (xt - pw, pod), (xt + pw, pod), (xt + pw, y_ground)])
    reg.poly([(xt - tw, pod), (xt - tw, top), (xt + tw, top), (xt + tw, pod)])
    fr["bold"].line(xt - tw - 0.1 * u, top, xt + tw + 0.1 * u, top)
    reg.poly([(xt - tw * 0.6, top), (xt - tw * 0.6, top - 0.22 * u), (xt + tw * 0.6, top - 0.22 * u),
              (xt + tw * 0.6, top)])
    fine.line(xt - tw, top + 0.2 * u, xt + tw, top + 0.2 * u)
    for j in (-2, -1, 0, 1, 2):
        xs = xt + j * tw * 0.33
        fine.line(xs, top + 0.4 * u, xs, pod - 0.2 * u)
    for j in (-1, 1):
        fine.line(xt + j * pw * 0.55, pod + 0.25 * u, xt + j * pw * 0.55, y_ground - 0.1 * u)
    fine.line(xt - pw, pod + 0.15 * u, xt + pw, pod + 0.15 * u)
    _flags(fr["banners"], xt, top - 0.22 * u, u)
    _poles(reg, xt, top - 0.22 * u, u)


def _river(fr: Frame, s: _Bridge) -> None:
    """The river: a water line between the banks and rows of drifting strokes."""
    rng, u = fr.rng, s.u
    right = min(s.x_bank2, fr.area.right)
    fr["line"].line(s.x_bank1, s.y_water, right, s.y_water)
    yy = s.y_water + 0.22 * u
    while yy < fr.area.bottom - 0.05 * u:
        x = s.x_bank1 + rng.uniform(0, 1.5) * u
        while x < right:
            ln = rng.uniform(0.8, 3.0) * u
            fr["fine"].line(x, yy, min(x + ln, right), yy)
            x += ln + rng.uniform(0.6, 2.5) * u
        yy += 0.22 * u


def draw_bridge(ctx: MotifContext):
    fr = Frame(ctx, BRIDGE_PAINT)
    fr.rng.seed(ctx.seed)  # the drawing's own seeding, kept so the pictures stay the same
    s = _bridge_size(fr)
    _truss(fr, s)
    _deck(fr, s)
    _piers(fr, s)
    for xt, side in s.towers:
        _approach(fr, s, xt, side)
        _tower(fr, s, xt)
    _river(fr, s)
    return fr.items()


BRIDGE = MotifInfo.of("yangtze-bridge", draw_bridge)

INFOS = [WALL, BRIDGE]
