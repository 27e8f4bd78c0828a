"""Hero: new energy vehicles: the Yangtze River Bridge drawn whole, its deck a current of energy lines flowing into a charging arc.

The bridge in elevation across the lower hero (arched approaches, bridgehead towers with
the three banners, truss spans on tall piers, the rail deck inside), its road deck a ribbon
of current that turns up past the far tower and wraps round an AC charging inlet right of
the name (``ctx.keep_out``); below, calm waves that square up into signal pulses.
"""
from __future__ import annotations

import math
from types import SimpleNamespace

from ...page_model import Box
from .base import MotifInfo
from .frame import Frame, Paint
from .pen import offset_polyline, smoothstep

# A sheet paints all strokes of one style as one layer, where that style is first used:
# the fills that wear deep outlines (banners, the inlet's face and pins) come first.
PAINT = {
    "pier": Paint("fill", "secondary", f=0.4),
    "disc": Paint("fill", "tint", f=0.7),
    "face": Paint("fill", "secondary"),
    "pin": Paint("fill", "paper"),
    "flag": Paint("fill", "@accent"),
    "wave": Paint("stroke", "secondary", "regular"),
    "wave_fine": Paint("stroke", "secondary", "fine"),
    "web": Paint("stroke", "deep", "regular", join="miter"),
    "fine": Paint("stroke", "deep", "fine"),
    "line": Paint("stroke", "deep", "regular"),
    "mass": Paint("fill", "deep"),
    "rib": Paint("stroke", "tint", "fine", cap="butt"),
    "rail": Paint("stroke", "secondary", "regular", cap="butt"),
    "tick": Paint("stroke", "secondary", "fine", cap="butt"),
    "charge": Paint("stroke", "@accent", "bold"),
    "current": Paint("fill", "@colour"),
    # the rising current, a layer of its own (even-odd changes nothing on abutting pieces): the
    # contrast lint reads a fill's bounds as the ground of a text centred in them, as the name is
    "rise": Paint("fill", "@colour", even_odd=True),
    "strand": Paint("stroke", "paper", "fine"),
    "pulse": Paint("stroke", "@accent", "bold", cap="butt"),
}


def _box_dist(x, y, k):
    return math.hypot(max(k.x - x, 0.0, x - k.right), max(k.y - y, 0.0, y - k.bottom))


def _design_space(fr):
    """Pens draw in a 420 x 300 design space fitted to the box (the A2 hero; A0 and A4 scale
    it whole); the box, the drawable area and the keep-out in design units."""
    tf = fr.fit(420.0, 300.0, ay=1.0)
    for pen in fr.pens.values():
        pen.tf = tf

    def design(k):
        return Box((k.x - tf.e) / tf.a, (k.y - tf.f) / tf.d, k.w / tf.a, k.h / tf.d)
    return design(fr.box), design(fr.area), [design(k) for k in fr.keep_out]


def _ring_spot(g, y_lim, margin, r_max):
    """The largest free circle right of the name and above ``y_lim`` (its centre line
    ``margin`` clear of the keep-out), the rightmost of near-equals: (r, cx, cy)."""
    b, a = g.b, g.a

    def radius(cx, cy):
        return min([_box_dist(cx, cy, k) - margin for k in g.keep]
                   + [a.right - 10.0 - cx, y_lim - cy, cy - b.y - 12.0, r_max])
    best = (0.0, b.right - 60.0, y_lim - 60.0)
    coarse = [(x, y) for x in range(int(b.x + b.w * 0.55), int(a.right), 6)
              for y in range(int(b.y + 30), int(y_lim), 6)]
    for pts in (coarse, None):  # a coarse grid, then the best cell at 1 mm
        pts = pts or [(best[1] + dx, best[2] + dy) for dx in range(-6, 7) for dy in range(-6, 7)]
        for cx, cy in pts:
            r = radius(cx, cy)
            if r > best[0] + 0.5 or (r > best[0] - 0.5 and cx > best[1]):
                best = (r, cx, cy)
    return best


def _layout(fr):
    """Where everything goes: the truss depth D from the room under the name, the ring
    in the largest free circle right of it, the spans between the two towers."""
    b, a, keep = _design_space(fr)
    g = SimpleNamespace(b=b, a=a, keep=keep)
    kb = max((k.bottom for k in g.keep), default=b.y)
    g.y_w = b.bottom - 0.085 * b.h
    room = g.y_w - kb - 8.0  # water line to the banners' tips: (10 - 2 squash) D
    g.D = D = min(14.0, max(room / 10.0, min(11.0, room / 8.0)))
    sq = max(0.0, min(1.0, (10.0 - room / D) / 2.0))  # low on room: shorter piers and towers
    g.tower = 3.3 - 0.8 * sq
    g.y_lc = g.y_w - (3.0 - 1.2 * sq) * D
    g.y_tc = g.y_lc - D
    g.W = 0.72 * D  # the current ribbon on the road deck
    g.y_deck = g.y_tc - 0.1 * D - g.W / 2
    g.y_g = g.y_w - 0.35 * D
    g.slope = 0.26
    g.R, g.cx, g.cy = _ring_spot(g, g.y_deck - 2.2 * D, g.W / 2 + 6.0, 5.0 * D)
    g.rho = 1.3 * D
    g.xt1 = b.x + 0.07 * b.w
    g.xt2 = g.cx - g.R - g.rho - 0.9 * D
    g.x0, g.x1 = g.xt1 + 1.5 * D, g.xt2 - 1.5 * D
    g.n = max(4, round((g.x1 - g.x0) / (4.0 * D)))
    g.span = (g.x1 - g.x0) / g.n
    return g


def _river(fr, g):
    """Calm wave lines that square up into signal pulses under the ring (a sine through
    tanh, its knee sharpening from left to right)."""
    b, a = g.b, g.a
    lines = max(2, min(6, round(4 * fr.ink.density)))
    for i in range(lines):
        y = g.y_w + 4.0 + i * (b.bottom - g.y_w - 5.5) / (lines - 1)
        amp, lam, ph = 0.8 + 0.8 * i / lines, 15.0 + 10.0 * i / lines, fr.rng.uniform(0, 2 * math.pi)
        x_s = g.cx - g.R * 0.9 + 10.0 * i
        pts = []
        for j in range(int((a.right - a.x) / 0.6) + 1):
            x = a.x + j * 0.6
            k = 0.2 + 9.0 * smoothstep((x - x_s) / 70.0)
            sig = math.tanh(k * math.sin(2 * math.pi * x / lam + ph)) / math.tanh(k)
            pts.append((x, y - amp * (1 + 0.05 * k) * sig))
        (fr["wave"] if i % 2 == 0 else fr["wave_fine"]).poly(pts)


def _piers(fr, g):
    """River piers: a cap under the lower chord, a tapering shaft, a footing."""
    D = g.D
    for k in range(g.n + 1):
        xp = g.x0 + k * g.span
        cw, tw, bw, y_cap = 0.4 * D, 0.26 * D, 0.36 * D, g.y_lc + 0.1 * D
        y_sh, y_ft = y_cap + 0.28 * D, g.y_w - 0.45 * D
        outline = [(xp - cw, y_cap), (xp + cw, y_cap), (xp + cw, y_sh), (xp + tw, y_sh), (xp + bw, y_ft),
                   (xp + bw + 0.12 * D, y_ft), (xp + bw + 0.12 * D, g.y_w), (xp - bw - 0.12 * D, g.y_w),
                   (xp - bw - 0.12 * D, y_ft), (xp - bw, y_ft), (xp - tw, y_sh), (xp - cw, y_sh)]
        fr["pier"].poly(outline, closed=True)
        fr["line"].poly(outline, closed=True)
        fr["fine"].line(xp, y_sh + 0.35 * D, xp, y_ft - 0.3 * D)


def _truss(fr, g):
    """Parallel chords, Warren diagonals with verticals; the rail deck inside."""
    D = g.D
    t = 0.075 * D
    for y in (g.y_tc, g.y_lc):
        fr["mass"].rect(g.x0 - 0.3 * D, y - t, g.x1 - g.x0 + 0.6 * D, 2 * t)
    panels = max(6, round(g.span / (0.58 * D)) // 2 * 2)
    pl = g.span / panels
    for i in range(g.n * panels):
        xa, xb = g.x0 + i * pl, g.x0 + (i + 1) * pl
        fr["web"].line(xa, g.y_lc if i % 2 == 0 else g.y_tc, xb, g.y_tc if i % 2 == 0 else g.y_lc)
        fr["fine"].line(xb, g.y_tc, xb, g.y_lc)
    fr["fine"].line(g.x0, g.y_tc, g.x0, g.y_lc)
    y_r = g.y_lc - 0.2 * D  # the rail deck: a second, quieter current along the lower chord
    fr["rail"].line(g.xt1 + 0.95 * D, y_r, g.xt2 - 0.95 * D, y_r)


def _approaches(fr, g):
    """Banks and the road approaches descending to the page edges: a viaduct wall on a
    row of shallow arches, then the embankment."""
    a, D = g.a, g.D
    for xt, side in ((g.xt1, -1), (g.xt2, 1)):
        far = a.x if side < 0 else a.right
        xb = (g.x0 - 0.8 * D) if side < 0 else (g.x1 + 0.8 * D)
        fr["line"].M(far, g.y_g).L(xb, g.y_g).L(xb - side * 0.3 * D, g.y_w)
        xs = xt + side * 0.8 * D

        def road(x, y0):  # a road line falling from the tower, down to the ground
            return (x, min(g.y_g, y0 + g.slope * abs(x - xs)))
        y_u = g.y_deck + g.W / 2 + 0.1 * D
        x_end = xs + side * min(abs(far - xs), (g.y_g - y_u) / g.slope)
        if side > 0:  # the far road, which the current has left: a plain band
            y_t = g.y_deck - g.W / 2
            band = [road(xs, y_t), road(far, y_t), road(far, y_u), road(xs, y_u)]
            fr["pier"].poly(band, closed=True)
            fr["line"].poly(band, closed=True)
        aw, pw, x = 2.2 * D, 0.36 * D, xs
        while (x_end - x) * side > 0:
            x2 = x + side * aw
            c, xm = aw - pw, x + side * aw / 2
            h = 0.3 * c
            y_sp = road(xm, y_u)[1] + 0.1 * D + h  # springing line: the crown just under the road
            arched = g.y_g - y_sp >= 0.35 * D
            x2 = x2 if arched else x_end  # the last stretch: the embankment
            wall = [road(x, y_u), road(x2, y_u), (x2, g.y_g), (x, g.y_g)]
            if arched:
                r = (c * c / 4 + h * h) / (2 * h)
                al = math.asin(c / 2 / r)
                arch = [(xm + side * r * math.sin(t), y_sp - h + r - r * math.cos(t))
                        for t in (al * (1 - i / 6) for i in range(13))]
                wall[2:3] = [(x2, g.y_g), (x2 - side * pw / 2, g.y_g)] + arch + [(x + side * pw / 2, g.y_g)]
            fr["pier"].poly(wall, closed=True)
            fr["line"].poly(wall, closed=True)
            x = x2


def _flags(fr, x, y, u, fly):
    """The three banners: abstract waving flags on poles fanned from one socket, the
    outer two flying outwards, the middle one ``fly`` (+1 right, -1 left)."""
    for lean, h, side in ((-28, 0.84, -1), (0, 1.08, fly), (28, 0.84, 1)):
        h *= u
        w, drop, wave = 0.42 * u * side, 0.32 * u, 0.07 * u
        sx, sy = math.sin(math.radians(lean)), math.cos(math.radians(lean))
        tx, ty = x + sx * h, y - sy * h
        bx, by = x + sx * (h - drop), y - sy * (h - drop)
        fr["fine"].line(x, y, tx, ty)
        for pen in (fr["flag"], fr["fine"]):
            pen.M(tx, ty).C(tx + w * 0.33, ty - wave * 2, tx + w * 0.66, ty + wave * 2, tx + w, ty + wave)
            pen.L(bx + w, by + wave).C(bx + w * 0.66, by + wave * 3, bx + w * 0.33, by - wave, bx, by).Z()


def _towers(fr, g):
    """The bridgehead towers: a podium the road passes, a ribbed shaft, a cornice and
    the three banners."""
    D = g.D
    for xt, fly in ((g.xt1, 1), (g.xt2, -1)):
        pw, b0, b1 = 0.8 * D, 0.5 * D, 0.4 * D
        pod, top = g.y_deck - 0.7 * D, g.y_deck - g.tower * D
        fr["pier"].rect(xt - pw, pod, 2 * pw, g.y_g - pod)
        fr["line"].rect(xt - pw, pod, 2 * pw, g.y_g - pod)
        fr["line"].line(xt - pw, pod + 0.2 * D, xt + pw, pod + 0.2 * D)
        fr["mass"].poly([(xt - b0, pod), (xt - b1, top), (xt + b1, top), (xt + b0, pod)], closed=True)
        fr["mass"].rect(xt - b1 - 0.12 * D, top - 0.14 * D, 2 * b1 + 0.24 * D, 0.14 * D)
        fr["mass"].rect(xt - b1 * 0.62, top - 0.36 * D, b1 * 1.24, 0.22 * D)
        for j in (-0.55, -0.18, 0.18, 0.55):
            fr["rib"].line(xt + j * b1, top + 0.3 * D, xt + j * b0, pod - 0.2 * D)
        _flags(fr, xt, top - 0.36 * D, 1.7 * D, fly)


def _steps(v0, v1, d):
    n = max(1, int(abs(v1 - v0) / abs(d)))
    return [v0 + (v1 - v0) * i / n for i in range(n)]


def _current_path(fr, g):
    """The ribbon's centre line: up the left approach, along the deck, turning up past
    the far tower and round the ring, clockwise, 300 degrees."""
    a, D = g.a, g.D
    xs = g.xt1 - 0.8 * D
    pts = [(x, g.y_deck + g.slope * (xs - x)) for x in _steps(a.x, xs, 3.0)]
    xr, rho = g.cx - g.R, g.rho
    pts += [(x, g.y_deck) for x in _steps(xs, xr - rho, 3.0)]
    g.i_rise = len(pts)
    for i in range(13):  # the elbow: heading right, then up
        th = math.radians(90 - 90 * i / 12)
        pts.append((xr - rho + rho * math.cos(th), g.y_deck - rho + rho * math.sin(th)))
    pts += [(xr, y) for y in _steps(g.y_deck - rho, g.cy, 3.0)][1:]
    for i in range(121):
        th = math.radians(180 + 300 * i / 120)
        pts.append((g.cx + g.R * math.cos(th), g.cy + g.R * math.sin(th)))
    return pts


def _current(fr, g):
    """The ribbon: a flat band with conductor strands and pulses of charge; the magnolia
    lamps of the deck stand along it."""
    W, pts = g.W, _current_path(fr, g)
    left, right = offset_polyline(pts, W / 2), offset_polyline(pts, -W / 2)
    (px, py), (ex, ey) = pts[-2], pts[-1]
    th = math.degrees(math.atan2(ey - py, ex - px))
    step = 8  # short abutting pieces: a filled shape is tested against the keep-out as a whole
    for i in range(0, len(pts) - 1, step):
        j = min(len(pts) - 1, i + step)
        fr["current" if i < g.i_rise else "rise"].poly(left[i:j + 1] + right[i:j + 1][::-1], closed=True)
    fr["rise"].M(*left[-1]).arc(ex, ey, W / 2, th - 90, th + 90, start=False).Z()
    for d in (W * 0.2, -W * 0.2):  # in short runs: the keep-out cut tests each run's box first
        strand = offset_polyline(pts, d)
        for i in range(0, len(strand) - 1, 16):
            fr["strand"].poly(strand[i:i + 17])
    acc, nxt = 0.0, fr.rng.uniform(8.0, 21.0)
    for (x0, y0), (x1, y1) in zip(pts, pts[1:]):
        seg = math.hypot(x1 - x0, y1 - y0)
        while acc + seg >= nxt:
            f = (nxt - acc) / seg
            x, y, ux, uy = x0 + (x1 - x0) * f, y0 + (y1 - y0) * f, (x1 - x0) / seg, (y1 - y0) / seg
            fr["pulse"].line(x, y, x + ux * 3.0, y + uy * 3.0)
            nxt += 13.0
        acc += seg
    y_top = g.y_deck - W / 2
    x = g.x0 + g.span / 8
    while x < g.x1:
        fr["fine"].line(x, y_top - 0.15, x, y_top - 0.55 * g.D)
        fr["charge"].dot(x, y_top - 0.62 * g.D)
        x += g.span / 4


def _ring(fr, g):
    """The charging inlet the current wraps round: a gauge of ticks outside, a charge arc
    inside, the seven-pin face of an AC inlet at its heart."""
    cx, cy, R, W = g.cx, g.cy, g.R, g.W
    r0 = R + W / 2 + 2.0
    for i in list(range(0, 24)) + list(range(36, 72)):  # not across the gap the riser leaves
        c, s = math.cos(math.radians(i * 5)), math.sin(math.radians(i * 5))
        ln = 3.2 if i % 6 == 0 else 1.6
        fr["tick"].line(cx + r0 * c, cy + r0 * s, cx + (r0 + ln) * c, cy + (r0 + ln) * s)
    ri = R - W / 2 - 1.8
    fr["disc"].circle(cx, cy, ri)
    fr["charge"].arc(cx, cy, ri - 2.4, -90, 200)
    rp = 0.6 * ri
    half = math.degrees(math.asin(0.78))  # the face's flat top
    for pen in (fr["face"], fr["line"]):
        pen.arc(cx, cy, rp, -half, 180 + half).Z()
    fr["fine"].circle(cx, cy, rp * 1.14)
    for px, py, pr in ((-0.3, -0.46, 0.1), (0.3, -0.46, 0.1), (-0.56, 0.02, 0.17), (0.0, 0.02, 0.17),
                       (0.56, 0.02, 0.17), (-0.3, 0.5, 0.17), (0.3, 0.5, 0.17)):
        fr["pin"].circle(cx + px * rp, cy + py * rp, pr * rp)
        fr["line"].circle(cx + px * rp, cy + py * rp, pr * rp)
        fr["fine"].circle(cx + px * rp, cy + py * rp, pr * rp * 0.42)


STEPS = (_river, _piers, _truss, _approaches, _towers, _current, _ring)


def draw_hero_bridge_current(ctx):
    fr = Frame(ctx, PAINT)
    g = _layout(fr)
    for step in STEPS:
        step(fr, g)
    return fr.items()


INFOS = (MotifInfo.of("hero-bridge-current", draw_hero_bridge_current),)
