"""Nanjing motifs drawn from nature and brocade: the plum blossom (the city flower) and
Yunjin auspicious clouds."""
from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import NamedTuple

from .base import MotifContext, MotifInfo, overlaps
from .frame import Frame, Paint
from .pen import Affine, Pen, circle_union_arcs, draw_arcs, ribbon

# -- plum blossom --------------------------------------------------------------------------


@dataclass
class _Bough:
    pts: list
    widths: list
    level: int


def _grow(rng, p, heading, length, w0, w1, seg, level, lim, wobble):
    """An angular branch: straight segments with alternating kinks, tapering."""
    x0, y0, x1, y1 = lim
    pts, total, side = [p], 0.0, rng.choice((-1, 1))
    base = heading
    while total < length - 1e-6:
        L = min(seg * rng.uniform(0.7, 1.3), length - total)
        if L < seg * 0.25 and len(pts) > 1:
            break
        found = None
        for delta in (0, 12, -12, 24, -24, 36, -36, 50, -50, 65, -65):
            for sd in (side, -side):
                h = base + delta + sd * rng.uniform(*wobble)
                nx = pts[-1][0] + L * math.cos(math.radians(h))
                ny = pts[-1][1] + L * math.sin(math.radians(h))
                if x0 <= nx <= x1 and y0 <= ny <= y1:
                    found = (nx, ny, delta, sd)
                    break
            if found:
                break
        if not found:
            break
        nx, ny, delta, side = found
        base += delta * 0.7
        pts.append((nx, ny))
        total += L
        base += rng.uniform(-6, 6) + (heading - base) * 0.25
        if rng.random() < 0.8:
            side = -side
    n = len(pts)
    cum = [0.0]
    for a, b in zip(pts, pts[1:]):
        cum.append(cum[-1] + math.dist(a, b))
    tot = cum[-1] or 1.0
    widths = [(w0 + (w1 - w0) * (c / tot) ** 0.8) * (1.0 if k in (0, n - 1) else rng.uniform(1.05, 1.3))
              for k, c in enumerate(cum)]
    return _Bough(pts, widths, level) if n > 1 else None


def _heading_at(b: _Bough, i: int) -> float:
    a, c = b.pts[max(0, i - 1)], b.pts[min(len(b.pts) - 1, max(1, i))]
    return math.degrees(math.atan2(c[1] - a[1], c[0] - a[0]))


def _face(pen_fill: Pen, pen_line: Pen, pen_fine: Pen, pen_dot: Pen, rng, x, y, R, rot):
    """An open five-petal blossom seen from the front."""
    circles = []
    for k in range(5):
        a = math.radians(rot + 72 * k + rng.uniform(-4, 4))
        dc, rp = R * 0.57 * rng.uniform(0.97, 1.03), R * 0.43 * rng.uniform(0.95, 1.05)
        circles.append((x + dc * math.cos(a), y + dc * math.sin(a), rp))
    for cx, cy, r in circles:
        pen_fill.circle(cx, cy, r)
    pen_fill.circle(x, y, R * 0.6)
    draw_arcs(pen_line, circle_union_arcs(circles))
    pen_fine.circle(x, y, R * 0.11)
    n = 11
    for k in range(n):
        a = math.radians(rot + 36 + k * 360 / n + rng.uniform(-7, 7))
        r1 = R * rng.uniform(0.38, 0.52)
        r0 = R * 0.11
        ex, ey = x + r1 * math.cos(a), y + r1 * math.sin(a)
        pen_fine.line(x + r0 * math.cos(a), y + r0 * math.sin(a), ex, ey)
        pen_dot.dot(ex, ey)


def _side(pen_fill, pen_line, pen_fine, pen_dot, pen_calyx, rng, x, y, R, rot):
    """A blossom turned away, seen at an angle: the open face foreshortened, its calyx
    cupping the petals on the stalk side."""
    tf = Affine.translate(x, y) @ Affine.rotate(rot + 90)
    with pen_calyx.frame(tf):
        _calyx(pen_calyx, 0, 0.62 * R * 0.55, R * 0.6)
    tf = tf @ Affine.scale(1.0, 0.62)
    with pen_fill.frame(tf), pen_line.frame(tf), pen_fine.frame(tf), pen_dot.frame(tf):
        _face(pen_fill, pen_line, pen_fine, pen_dot, rng, 0, 0, R, rng.uniform(0, 72))


def _calyx(pen: Pen, x, y, s, down: bool = False):
    """Three small pointed sepals at (x, y) pointing up (or down), local frame."""
    for a in (-55, 0, 55):
        t = math.radians(a + (90 if down else -90))
        tx, ty = x + s * 0.6 * math.cos(t), y + s * 0.6 * math.sin(t)
        nx, ny = -math.sin(t) * s * 0.22, math.cos(t) * s * 0.22
        pen.M(x, y).C(x + nx, y + ny, tx + nx * 0.6, ty + ny * 0.6, tx, ty)
        pen.C(tx - nx * 0.6, ty - ny * 0.6, x - nx, y - ny, x, y).Z()


def _bud(pen_fill, pen_line, pen_fine, pen_calyx, x, y, r, rot):
    """A closed bud with the seam of its wrapped petals and its calyx; ``rot`` points
    from the stalk to the tip."""
    tf = Affine.translate(x, y) @ Affine.rotate(rot + 90)
    with pen_fill.frame(tf), pen_line.frame(tf), pen_fine.frame(tf), pen_calyx.frame(tf):
        pen_fill.ellipse(0, -r * 1.1, r, r * 1.15)
        pen_line.ellipse(0, -r * 1.1, r, r * 1.15)
        pen_fine.M(-0.55 * r, -0.35 * r).C(-0.15 * r, -0.75 * r, 0.15 * r, -1.5 * r, 0.05 * r, -2.2 * r)
        _calyx(pen_calyx, 0, 0.2 * r, r * 1.7)


PLUM_PAINT = {
    "wood": Paint("fill", "@branch_colour"),
    "moss": Paint("fill", "@branch_colour"),
    "stalks": Paint("stroke", "@branch_colour", "regular"),
    "petals": Paint("fill", "@colour", f=0.15),  # f: the petal_fill parameter (see _plum_paint)
    "outline": Paint("stroke", "@colour", "regular"),
    "stamens": Paint("stroke", "@colour", "fine"),
    "anthers": Paint("stroke", "@accent", "bold"),
    "calyces": Paint("fill", "@branch_colour"),
}


class _PlumSize(NamedTuple):
    R: float  # blossom radius
    s: float  # the box's shorter side
    lim: tuple[float, float, float, float]  # where blossoms may sit (box inset by R)
    w_base: float  # trunk width
    w_tip: float  # twig tip width


def _plum_paint(p) -> dict[str, Paint]:
    """The paint table with the petal fill at the tint the parameter gives."""
    return {**PLUM_PAINT, "petals": replace(PLUM_PAINT["petals"], f=p["petal_fill"])}


def _plum_size(fr: Frame) -> _PlumSize:
    """Blossom size from the box (and the scale parameter); the wood's widths."""
    b = fr.box
    s, A = min(b.w, b.h), b.w * b.h
    R = min(0.16 * s, max(0.1 * s, 0.04 * math.sqrt(A) + 0.03 * s)) * fr.p["scale"]
    lim = (b.x + R, b.y + R, b.right - R, b.bottom - R)
    return _PlumSize(R, s, lim, max(fr.mm("bold") * 1.5, R * 0.42), fr.mm("regular"))


def _main_bough(fr: Frame, sz: _PlumSize) -> list[_Bough]:
    """The main branch: it enters from an edge (a band: the side; a column: the top; else
    a corner) at the bleed edge and crosses the box."""
    rng, b, ar = fr.rng, fr.box, fr.area
    R, lim, w_base, w_tip = sz.R, sz.lim, sz.w_base, sz.w_tip
    wide = b.w / b.h
    if wide >= 2.2:
        y = b.y + b.h * rng.uniform(0.6, 0.78)
        bo = _grow(rng, (ar.x, y), rng.uniform(-12, -4), b.w * 1.05, w_base, w_base * 0.3,
                   2.6 * R, 0, (ar.x - R, lim[1], ar.right + R, lim[3]), (8, 22))
    elif wide <= 1 / 2.2:
        start = (b.x + b.w * rng.uniform(0.2, 0.45), ar.y)
        bo = _grow(rng, start, 80 + rng.uniform(-12, 12), b.h * 0.95, w_base * 1.2, w_tip,
                   2.6 * R, 0, (lim[0], ar.y - R, lim[2], lim[3]), (12, 30))
    else:
        corner = rng.randrange(4)
        sx = ar.x if corner in (0, 3) else ar.right
        sy = b.y + b.h * rng.uniform(0.6, 0.85) if corner in (0, 1) else b.y + b.h * rng.uniform(0.15, 0.4)
        heading = math.degrees(math.atan2(b.cy - sy, b.cx - sx)) + rng.uniform(-10, 10)
        bo = _grow(rng, (sx, sy), heading, math.hypot(b.w, b.h) * 0.72, w_base * 1.3, w_tip,
                   2.4 * R, 0, (ar.x - R, lim[1], ar.right + R, lim[3]), (12, 30))
    return [bo] if bo else []


def _branch_out(fr: Frame, boughs: list[_Bough], sz: _PlumSize) -> list[_Bough]:
    """Secondary branches off the main one, young shoots and spurs off those (in place:
    new boughs are appended and branch in turn, down to level 2)."""
    rng, R, w_tip, dens = fr.rng, sz.R, sz.w_tip, fr.ink.density
    i = 0
    while i < len(boughs):
        bo = boughs[i]
        i += 1
        if bo.level >= 2:
            continue
        rest = sum(math.dist(a, c) for a, c in zip(bo.pts, bo.pts[1:]))
        side = rng.choice((-1, 1))
        for k in range(1, len(bo.pts) - 1):
            must = bo.level == 0 and k in (1, len(bo.pts) // 2)
            if not must and rng.random() > (0.6 if bo.level == 0 else 0.35) * min(1.5, dens):
                continue
            side = -side if rng.random() < 0.7 else side
            h = _heading_at(bo, k) + side * rng.uniform(28, 50)
            if bo.level == 0:
                ln = min(rest * rng.uniform(0.22, 0.4), sz.s * rng.uniform(0.45, 0.7))
                tw = _grow(rng, bo.pts[k], h, ln, bo.widths[k] * 0.55, w_tip, 2.0 * R, 1, sz.lim, (6, 18))
            else:
                tw = _grow(rng, bo.pts[k], h, R * rng.uniform(1.2, 2.4), bo.widths[k] * 0.6, w_tip,
                           1.6 * R, 2, sz.lim, (2, 6))
            if tw:
                boughs.append(tw)
    return boughs


def _spot_free(x: float, y: float, r: float, sz: _PlumSize, taken: list) -> bool:
    """Whether a blossom of reach ``r`` at (x, y) stays in bounds and clear of the others."""
    lim, R = sz.lim, sz.R
    return (lim[0] - R * 0.05 <= x <= lim[2] + R * 0.05 and lim[1] - R * 0.05 <= y <= lim[3] + R * 0.05
            and all(math.hypot(x - ox, y - oy) > r + orr + R * 0.12 for ox, oy, orr in taken))


def _try_spot(fr: Frame, bo: _Bough, k: int, a, c, t: float, frac: float, sz: _PlumSize, taken: list):
    """A flower at ``t`` along segment ``k`` (a to c) of a bough: its kind (an open face,
    a side view or a bud), size and place beside the wood; None where it has no room."""
    rng, R = fr.rng, sz.R
    h = math.degrees(math.atan2(c[1] - a[1], c[0] - a[0]))
    px, py = a[0] + (c[0] - a[0]) * t, a[1] + (c[1] - a[1]) * t
    side = rng.choice((-1, 1))
    roll = rng.random()
    kind = "bud" if (frac > 0.8 and bo.level > 0) or roll < 0.2 else (
        "side" if roll < 0.38 else "face")
    r = {"face": R * rng.uniform(0.8, 1.1), "side": R * 0.85, "bud": R * 0.24}[kind]
    off = (bo.widths[k] * 0.5 + (r * 0.55 if kind == "face" else 0.0))
    ang = h + side * rng.uniform(55, 95)
    fx = px + off * math.cos(math.radians(ang))
    fy = py + off * math.sin(math.radians(ang))
    reach = r if kind == "face" else r * 1.1
    if rng.random() < 0.9 * min(1.6, fr.ink.density) and _spot_free(fx, fy, reach, sz, taken):
        taken.append((fx, fy, reach))
        return (kind, fx, fy, r, ang, px, py)
    return None


def _blossom_spots(fr: Frame, boughs: list[_Bough], sz: _PlumSize) -> list[tuple]:
    """Flowers along the young wood, never overlapping: (kind, x, y, r, angle, stalk x, y)."""
    rng, R = fr.rng, sz.R
    spots: list[tuple] = []
    taken: list[tuple[float, float, float]] = []
    for bo in boughs:
        cum = 0.0
        total = sum(math.dist(a, c) for a, c in zip(bo.pts, bo.pts[1:]))
        for k, (a, c) in enumerate(zip(bo.pts, bo.pts[1:])):
            L = math.dist(a, c)
            t = 0.35
            while t < 1.0:
                frac = (cum + t * L) / total
                if bo.level > 0 or frac > 0.18:
                    spot = _try_spot(fr, bo, k, a, c, t, frac, sz, taken)
                    if spot:
                        spots.append(spot)
                t += rng.uniform(0.35, 0.7) * R * 2.0 / max(L, 1e-6)
            cum += L
    return spots


def _paint_wood(fr: Frame, boughs: list[_Bough]) -> None:
    """The branches as tapering ribbons, and moss dots beside the main branch's knots."""
    rng, wood, moss = fr.rng, fr["wood"], fr["moss"]
    for bo in boughs:
        wood.poly(ribbon(bo.pts, bo.widths), closed=True)
    for bo in boughs:
        if bo.level == 0:
            for k in range(1, len(bo.pts) - 1):
                if rng.random() < 0.5:
                    a = math.radians(_heading_at(bo, k) + rng.choice((-90, 90)))
                    d = bo.widths[k] * 0.5
                    moss.circle(bo.pts[k][0] + d * math.cos(a), bo.pts[k][1] + d * math.sin(a),
                                max(fr.mm("regular") * 0.9, bo.widths[k] * 0.09))


def _paint_blossoms(fr: Frame, spots: list[tuple]) -> None:
    """Open faces, side views and buds on their stalks. Without a petal fill the petal
    discs go to a scratch pen (they take no random numbers, so nothing else moves)."""
    rng = fr.rng
    petals = fr["petals"] if fr.p["petal_fill"] > 0 else Pen()
    line, fine, dots, calyx = fr["outline"], fr["stamens"], fr["anthers"], fr["calyces"]
    for kind, x, y, r, ang, px, py in spots:
        if kind != "face":
            fr["stalks"].line(px, py, x, y)
        if kind == "face":
            _face(petals, line, fine, dots, rng, x, y, r, rng.uniform(0, 72))
        elif kind == "side":
            _side(petals, line, fine, dots, calyx, rng, x, y, r, ang)
        else:
            _bud(petals, line, fine, calyx, x, y, r, ang)


def draw_plum(ctx: MotifContext):
    fr = Frame(ctx, _plum_paint(ctx.params))
    fr.rng.seed(ctx.seed)  # the drawing's own seeding, kept so the pictures stay the same
    sz = _plum_size(fr)
    boughs = _branch_out(fr, _main_bough(fr, sz), sz)
    spots = _blossom_spots(fr, boughs, sz)
    _paint_wood(fr, boughs)
    _paint_blossoms(fr, spots)
    return fr.items()


PLUM = MotifInfo.of("plum-blossom", draw_plum)



# -- Yunjin auspicious clouds ---------------------------------------------------------------


def _meet(c1, c2):
    """The upper intersection point of two circles (x, y, r)."""
    (x1, y1, r1), (x2, y2, r2) = c1, c2
    d = math.hypot(x2 - x1, y2 - y1)
    a = (r1 * r1 - r2 * r2 + d * d) / (2 * d)
    h = math.sqrt(max(0.0, r1 * r1 - a * a))
    mx, my = x1 + a * (x2 - x1) / d, y1 + a * (y2 - y1) / d
    p1 = (mx + h * (y2 - y1) / d, my - h * (x2 - x1) / d)
    p2 = (mx - h * (y2 - y1) / d, my + h * (x2 - x1) / d)
    return min(p1, p2, key=lambda q: q[1])


def _scroll(pen: Pen, c, a0: float, sweep: float, hold: float = 0.45, end: float = 0.3):
    """A cloud scroll: round the circle ``c`` from angle a0, then spiralling inwards."""
    cx, cy, r0 = c

    def f(t):
        k = 0.0 if t < hold else (t - hold) / (1 - hold)
        r = r0 * (1 - (1 - end) * k * k * (3 - 2 * k))
        a = math.radians(a0 + sweep * t)
        return (cx + r * math.cos(a), cy + r * math.sin(a))
    pen.curve_fn(f, 0.0, 1.0, max(2, int(abs(sweep) / 40) + 1))


_L, _R, _T = (-0.5, -0.45, 0.5), (0.5, -0.45, 0.5), (0.0, -0.92, 0.36)


def _ruyi(pen: Pen, echo: Pen) -> None:
    """A ruyi cloud head pointing up, unit size: a crown lobe between two scrolls that
    curl inwards; spans x -1..1, y -1.28..0.05 (local frame)."""
    for c, sgn in ((_L, -1), (_R, 1)):
        q = _meet(c, _T)
        a = math.degrees(math.atan2(q[1] - c[1], q[0] - c[0]))
        _scroll(pen, c, a, sgn * 420, end=0.26)
    ql, qr = _meet(_L, _T), _meet(_R, _T)
    tl = math.degrees(math.atan2(ql[1] - _T[1], ql[0] - _T[0]))
    tr = math.degrees(math.atan2(qr[1] - _T[1], qr[0] - _T[0]))
    pen.arc(_T[0], _T[1], _T[2], tl - 360 if tl > tr else tl, tr)
    mid = (tl + tr) / 2 + (180 if tr < tl else 0)
    echo.arc(_T[0], _T[1], _T[2] * 0.6, mid - 60, mid + 60)


def _tail(pen: Pen, echo: Pen, length: float, side: int = 1) -> None:
    """A streaming tail from under a ruyi head, to the right (side=1) or left."""
    s = side
    x0, x1 = 0.5 * s, (0.5 + length) * s
    pen.M(-0.5 * s, 0.05).C(0.2 * s, 0.6, x1 * 0.55, 0.05, x1, 0.38)
    pen.M(x0, 0.05).C(0.9 * s, 0.22, x1 * 0.6, -0.08, x1, 0.38)
    echo.M(0.55 * s, 0.22).C(0.95 * s, 0.36, x1 * 0.55, 0.1, x1 * 0.9, 0.33)




CLOUDS_PAINT = {
    "echo": Paint("stroke", "@colour", "fine"),
    "line": Paint("stroke", "@colour", "regular"),
}


def _cloud_pattern(fr: Frame) -> None:
    """The brocade repeat: rows of ruyi heads linked by swags, alternate rows offset by
    half a repeat; the seed shifts the repeat."""
    b, a, pen, echo = fr.box, fr.area, fr["line"], fr["echo"]
    target = max(4.0, min(40.0, math.sqrt(b.w * b.h) / 14.0)) / fr.ink.density
    rows = max(1, round(b.h / (2.1 * target)))
    s = b.h / (rows * 2.1)
    pitch = 2.7 * s
    phase = fr.rng.uniform(0.0, 1.0) * pitch
    for r in range(-1, rows + 1):
        yb = b.y + (r + 0.5) * 2.1 * s + 0.6 * s
        off = (r % 2) * pitch / 2 + (b.cx - pitch / 2 + phase) % pitch
        k0 = math.floor((a.x - off) / pitch) - 1
        k1 = math.ceil((a.right - off) / pitch) + 1
        for k in range(k0, k1):
            xc = off + k * pitch
            with pen.frame(Affine.translate(xc, yb) @ Affine.scale(s)), \
                    echo.frame(Affine.translate(xc, yb) @ Affine.scale(s)):
                _ruyi(pen, echo)
                # the linking swag to the next head
                span = pitch / s
                pen.M(0.5, 0.05).C(0.95, 0.5, span - 0.95, 0.5, span - 0.5, 0.05)
                echo.M(0.8, 0.3).C(1.1, 0.47, span - 1.1, 0.47, span - 0.8, 0.3)


def _cloud_spot(fr: Frame, s: float, first: bool):
    """A trial cloud: (x, y, scale, tail side, tail length, its box), shrunk to fit."""
    rng, b = fr.rng, fr.box
    sc = s if first else s * rng.uniform(0.75, 1.0)
    side = rng.choice((-1, 1))
    ln = rng.uniform(1.6, 2.6)
    w_l = (1.0 if side > 0 else 1.1 + ln) * sc
    w_r = (1.1 + ln if side > 0 else 1.0) * sc
    if b.w < w_l + w_r or b.h < 1.45 * sc:
        sc = min(b.w / (w_l + w_r) * sc, b.h / 1.45) * 0.98
        w_l, w_r = w_l * sc / s, w_r * sc / s
    x = rng.uniform(b.x + w_l, max(b.x + w_l, b.right - w_r))
    y = rng.uniform(b.y + 1.3 * sc, max(b.y + 1.3 * sc, b.bottom - 0.45 * sc))
    return x, y, sc, side, ln, (x - w_l, y - 1.3 * sc, x + w_r, y + 0.45 * sc)


def _cloud_scatter(fr: Frame) -> None:
    """A few large clouds with streaming tails, placed at random without overlapping."""
    b, pen, echo = fr.box, fr["line"], fr["echo"]
    n = max(1, round(fr.p["count"] * fr.ink.density))
    s = min(b.h / (1.6 * max(1, n * 0.75)), b.w / 5.2)
    placed = []
    for _ in range(n * 12):
        if len(placed) >= n:
            break
        x, y, sc, side, ln, box = _cloud_spot(fr, s, not placed)
        if any(overlaps(box, o) for o in placed):
            continue
        placed.append(box)
        tf = Affine.translate(x, y) @ Affine.scale(sc)
        with pen.frame(tf), echo.frame(tf):
            _ruyi(pen, echo)
            _tail(pen, echo, ln, side)


def draw_clouds(ctx: MotifContext):
    fr = Frame(ctx, CLOUDS_PAINT)
    fr.rng.seed(ctx.seed)  # the drawing's own seeding, kept so the pictures stay the same
    if fr.p["layout"] == "pattern":
        _cloud_pattern(fr)
    else:
        _cloud_scatter(fr)
    return fr.items()


CLOUDS = MotifInfo.of("yunjin-clouds", draw_clouds)

INFOS = [PLUM, CLOUDS]
