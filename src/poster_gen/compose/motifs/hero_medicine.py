"""Hero: new medicine and life health: a DNA double helix that grows into a plum branch.

The Yangtze runs along the foot: rows of paired wave lines, each pair a helix laid flat.
One pair lifts out and twists into a DNA double helix that sweeps above the river under
the name and rises on the right; its base pairs swell into rose buds and open into plum
blossoms, and at the top the strands part like a replication fork into the plum's boughs.
"""
from __future__ import annotations

import math
import random
from contextlib import ExitStack
from itertools import accumulate, groupby

from ...page_model import Box
from .base import MotifInfo
from .frame import Frame, Paint
from .pen import Affine, circle_union_arcs, draw_arcs, ribbon, smoothstep

PHI = 0.8 * math.pi  # the phase between the two strands: a major and a minor groove

PAINT = {  # river, helix, flowers: in painting order
    "water": Paint("fill", "tint", f=0.55), "wave_f": Paint("stroke", "@colour", "fine"),
    "swell_f": Paint("stroke", "secondary", "fine", 0.8), "swell": Paint("stroke", "secondary", "regular", 0.8),
    "wave": Paint("stroke", "@colour", "regular"),
    "back": Paint("fill", "secondary", f=0.7), "rung": Paint("stroke", "@colour", "regular"),
    "pair": Paint("stroke", "blossom", "regular"), "halo": Paint("fill", "ground"), "front": Paint("fill", "@colour"),
    "petal": Paint("fill", "blossom", f=0.5), "outline": Paint("stroke", "blossom", "regular"),
    "stamen": Paint("stroke", "blossom", "fine"), "anther": Paint("stroke", "@accent", "bold"),
    "bud": Paint("fill", "blossom"), "calyx": Paint("fill", "deep"),
}


def _clearance(fr, x, y) -> float:
    """How far (x, y) is from the nearest text the drawing keeps clear of."""
    return min((math.hypot(max(k.x - x, 0.0, x - k.right), max(k.y - y, 0.0, y - k.bottom))
                for k in fr.keep_out), default=1e9)


def _heading(a, b) -> float:
    return math.degrees(math.atan2(b[1] - a[1], b[0] - a[0]))


def _toward(p, deg, L):
    return (p[0] + L * math.cos(math.radians(deg)), p[1] + L * math.sin(math.radians(deg)))


def _runs(flags):
    """(start, end) of each run of equal flags, end exclusive."""
    return [(g[0], g[-1] + 1) for g in (list(v) for _, v in groupby(range(len(flags)), flags.__getitem__))]


def _band(fr, pen, pts, widths, step=3.0):
    """A tapering ribbon, filled in overlapping pieces as long as their bounds stay clear
    of the text: the Sheet drops a filled piece whose bounds reach into it."""
    fine, fw = [pts[0]], [widths[0]]
    for a, b, wa, wb in zip(pts, pts[1:], widths, widths[1:]):
        n = max(1, math.ceil(math.dist(a, b) / step))
        fine += [(a[0] + (b[0] - a[0]) * j / n, a[1] + (b[1] - a[1]) * j / n) for j in range(1, n + 1)]
        fw += [wa + (wb - wa) * j / n for j in range(1, n + 1)]
    n, out = len(fine), ribbon(fine, fw)
    left, right = out[:n], out[n:][::-1]
    i = 0
    while i < n - 1:
        j, (x0, y0, x1, y1) = i, (math.inf, math.inf, -math.inf, -math.inf)
        while j < n:
            xs, ys = (x0, left[j][0], right[j][0]), (y0, left[j][1], right[j][1])
            q = (min(xs), min(ys), max(x1, *xs[1:]), max(y1, *ys[1:]))
            if j > i + 1 and not fr.free(Box(q[0], q[1], q[2] - q[0], q[3] - q[1])):
                break
            (x0, y0, x1, y1), j = q, j + 1
        pen.poly(left[i:j] + right[i:j][::-1], closed=True)
        i = j - 1


def _plan(fr):
    """The water line and its rows, the top of the column the helix rises in (under the
    lowest text above it), and the axis from a row of the river to the fork, sampled
    every 1.5 units."""
    b, a = fr.box, fr.area
    s = min(b.w / 420.0, b.h / 300.0)
    xc = b.x + b.w * 0.86
    y_top = max([b.y + 6 * s] + [k.bottom + 3 * s for k in fr.keep_out if k.right > xc - 62 * s])
    y_w = b.y + b.h * 0.875
    rows = [y_w + (6.5 + 7.2 * k) * s for k in range(5)]
    ctrl = ((a.x - 2 * s, rows[1]), (b.x + b.w * 0.45, rows[1] - 38 * s), (xc - 8 * s, y_w - 40 * s),
            (xc + 4 * s, y_top + (y_w - y_top) * 0.48))
    curve = [tuple((1 - t) ** 3 * p + 3 * (1 - t) ** 2 * t * q + 3 * (1 - t) * t * t * r + t ** 3 * u
                   for p, q, r, u in zip(*ctrl)) for t in (i / 120 for i in range(121))]
    axis, carry = [curve[0]], 0.0
    for p, q in zip(curve, curve[1:]):
        seg, t = math.dist(p, q), 1.5 * s - carry
        while t <= seg:
            axis.append((p[0] + (q[0] - p[0]) * t / seg, p[1] + (q[1] - p[1]) * t / seg))
            t += 1.5 * s
        carry = seg - (t - 1.5 * s)
    return dict(s=s, y_w=y_w, y_top=y_top, rows=rows, row=1, lam0=44 * s, A0=2.4 * s, axis=axis)


def _axis(fr, pl):
    """Along the axis: normal, amplitude (growing out of the water, narrowing where the
    text comes near), twist phase (the pitch grows to B-DNA's 3.4 radii), strand width."""
    s, pts = pl["s"], pl["axis"]
    n, A0, A1 = len(pts), pl["A0"], 27 * s
    ax = dict(pts=pts, nor=[], A=[], th=[], w=[], sl=[], s=s, y_w=pl["y_w"])
    th = 0.0
    for i, (x, y) in enumerate(pts):
        (x0, y0), (x1, y1) = pts[max(0, i - 1)], pts[min(n - 1, i + 1)]
        ln = math.hypot(x1 - x0, y1 - y0) or 1.0
        u = i / (n - 1)
        g = smoothstep((u - 0.08) / 0.5)
        ax["nor"].append(((y1 - y0) / ln, (x0 - x1) / ln))
        ax["A"].append(max(A0, min(A0 + (A1 - A0) * g, _clearance(fr, x, y) - 6 * s)))
        ax["sl"].append(1.5 * s * i)
        ax["w"].append((0.55 + 4.8 * smoothstep((u - 0.04) / 0.8)) * s)
        ax["th"].append(th)
        th += 2 * math.pi * 1.5 * s / (pl["lam0"] + (3.4 * A1 - pl["lam0"]) * g)
    end = ax["th"][-1]  # phased to end with the strands far apart: the fork
    shift = math.floor((end + PHI / 2) / (2 * math.pi)) * 2 * math.pi - PHI / 2 - end
    ax["th"] = [t + shift for t in ax["th"]]
    # how far it has grown towards the branch, 0 to 1: over the second half of the axis
    ax["g"] = [smoothstep((sl - 0.5 * ax["sl"][-1]) / (0.5 * ax["sl"][-1])) for sl in ax["sl"]]
    return ax


def _helix(fr, ax):
    """The backbones as ribbons, in front in the main colour, behind set back, with a
    gap of ground where the front one crosses over. Returns (points, widths) of each."""
    ends, zs, th = [], [], ax["th"]
    for off in (0.0, PHI):
        pts, z, w = [], [], []
        for (x, y), (nx, ny), A, t, wb in zip(ax["pts"], ax["nor"], ax["A"], th, ax["w"]):
            v, c = A * math.sin(t + off), math.cos(t + off)
            pts.append((x + nx * v, y + ny * v))
            z.append(abs(c) + 1e-6 if t > th[-1] - math.pi else c)  # the last half-turn comes forward
            w.append(wb * (0.78 + 0.22 * c))
        for i, j in _runs([v > 0 for v in z]):  # and a sliver left behind by that too
            if z[i] < 0 and j < len(z) and th[j - 1] - th[i] < 0.3 * math.pi:
                z[i:j] = [1e-6] * (j - i)
        for i, j in _runs([v > 0 for v in z]):
            _band(fr, fr["front" if z[i] > 0 else "back"], pts[i:j + 1], w[i:j + 1])
        ends.append((pts, w))
        zs.append(z)
    (p0, w0), (p1, w1) = ends
    side = [(a[0] - b[0]) * nx + (a[1] - b[1]) * ny for a, b, (nx, ny) in zip(p0, p1, ax["nor"])]
    for i in range(1, len(p0)):
        if side[i - 1] * side[i] < 0 and ax["pts"][i][1] < ax["y_w"]:  # under water: wave lines
            pts, w = (p0, w0) if zs[0][i] > 0 else (p1, w1)
            reach = int(2.2 * max(w) / (1.5 * ax["s"])) + 2
            lo, hi = max(0, i - reach), min(len(pts), i + reach + 1)
            _band(fr, fr["halo"], pts[lo:hi], [x + 2.4 * fr.mm("regular") for x in w[lo:hi]])
    return ends


def _windows(fr, ax, ends, taken):
    """In the last turns, a blossom in the middle of each window between crossings (the
    helix ends on one: the fork's crotch), sized to the room: half open, then open."""
    near = [(p, w / 2) for pts, ws in ends for p, w in zip(pts[::2], ws[::2])]
    for i in range(1, len(ax["pts"])):
        k0, k1 = (math.floor((ax["th"][j] + PHI / 2) / math.pi + 1e-9) for j in (i - 1, i))
        if k0 == k1 or ax["g"][i] <= 0.62:
            continue
        m, s = ax["pts"][i], ax["s"]
        R = min(15 * s, min(math.dist(m, p) - hw for p, hw in near) - 2.5 * s)
        if R > 7 * s and all(math.dist(m, (x, y)) > R + r + 2 * s for x, y, r in taken):
            if ax["g"][i] > 0.82:
                _blossom(fr, m[0], m[1], R, fr.rng.uniform(0, 72))
            else:
                _half(fr, m[0], m[1], R, math.degrees(math.atan2(ax["nor"][i][0], -ax["nor"][i][1])))
            taken.append((m[0], m[1], R))


def _pairs(fr, ax, ends, taken):
    """Ten base pairs a turn, each split in its two bases; as the helix rises the pairs
    carry buds that swell towards the blossoms."""
    s, inset, gp = ax["s"], fr.mm("regular") * 1.1, fr.mm("regular") * 0.6
    (p0, w0), (p1, w1) = ends
    for i in range(1, len(p0)):
        g = ax["g"][i]
        if math.floor(ax["th"][i] * 5 / math.pi) == math.floor(ax["th"][i - 1] * 5 / math.pi) or g > 0.62:
            continue
        (a, b), L = (p0[i], p1[i]), max(math.dist(p0[i], p1[i]), 1e-9)
        room = L - w0[i] / 2 - w1[i] / 2 - 2 * inset
        ux, uy = (b[0] - a[0]) / L, (b[1] - a[1]) / L
        ra = (a[0] + ux * (w0[i] / 2 + inset), a[1] + uy * (w0[i] / 2 + inset))
        rb = (b[0] - ux * (w1[i] / 2 + inset), b[1] - uy * (w1[i] / 2 + inset))
        m = ((ra[0] + rb[0]) / 2, (ra[1] + rb[1]) / 2)
        if room < 3 * s or any(math.dist(m, (x, y)) < r + 3 * s for x, y, r in taken):
            continue
        if g <= 0.1:
            fr["rung"].line(*ra, m[0] - ux * gp, m[1] - uy * gp)
            fr["pair"].line(m[0] + ux * gp, m[1] + uy * gp, *rb)
            continue
        r = (2.0 + 3.0 * (g - 0.1) / 0.52) * s
        fr["rung"].line(*ra, *rb)
        clear = min(math.dist(m, P[j]) - W[j] / 2 for P, W in ends for j in range(max(0, i - 40), min(len(P), i + 40)))
        if clear > 1.3 * r + 1.5 * s and all(math.dist(m, (x, y)) > 1.6 * r + rr + 1.5 * s for x, y, rr in taken):
            up = math.degrees(math.atan2(ax["nor"][i][0], -ax["nor"][i][1]))
            _bud(fr, m[0], m[1], r, (up - 90) / 2)  # leaning skywards
            taken.append((m[0], m[1], 1.3 * r))


def _grow(fr, p, goal, w0, w1, seg, top, kink=(8.0, 18.0)):
    """An angular plum bough from ``p`` towards ``goal``: straight segments kinking to
    alternate sides, tapering; it stops short of the text and of ``top``."""
    s, rng = min(fr.box.w / 420.0, fr.box.h / 300.0), fr.rng
    pts, side = [p], rng.choice((-1, 1))
    while math.dist(pts[-1], goal) > seg * 0.4 and len(pts) < 12:
        L, base = min(seg * rng.uniform(0.8, 1.2), math.dist(pts[-1], goal)), _heading(pts[-1], goal)
        for d in (0, 12, -12, 25, -25, 40, -40):
            q = _toward(pts[-1], base + side * rng.uniform(*kink) + d, L)
            probe = [(pts[-1][0] + (q[0] - pts[-1][0]) * t, pts[-1][1] + (q[1] - pts[-1][1]) * t)
                     for t in (0.25, 0.5, 0.75, 1.0)]
            if min(_clearance(fr, *c) for c in probe) > w0 + 3 * s and q[1] > top:
                break
        else:
            break
        pts.append(q)
        side = -side
    cum = list(accumulate((math.dist(a, b) for a, b in zip(pts, pts[1:])), initial=0.0))
    return pts, [w0 + (w1 - w0) * (c / (cum[-1] or 1.0)) ** 0.8 for c in cum]


def _crown(fr, pl):
    """The replication fork is the plum's fork: each strand runs on into an angular
    bough, one climbing beside the text, one leaning out towards the edge; twigs leave
    their kinks and spurs leave the twigs. Returns the wood: (points, widths, level)."""
    s, rng, a = pl["s"], fr.rng, fr.area
    ends = sorted(pl["ends"], key=lambda e: e[0][-1][0])
    fy = min(e[0][-1][1] for e in ends)
    x_l = max([k.right for k in fr.keep_out if k.bottom > pl["y_top"] and k.y < fy] + [a.x]) + 4 * s
    y_t, W = pl["y_top"] + 5 * s, a.right - x_l
    goals = ((x_l + 0.12 * W, y_t + 0.3 * (fy - y_t)), (a.right - 0.1 * W, y_t + 2 * s))
    wood = []
    for (pts, w), goal in zip(ends, goals):
        bp, bw = _grow(fr, pts[-1], goal, w[-1] * 1.1, 1.0 * s, 22 * s, y_t)
        wood.append((pts[-6:-1] + bp, w[-6:-1] + bw, 0))
    for i, (pts, w, lvl) in enumerate(wood):  # grows while it is read: twigs get spurs
        side = 1 if lvl == 0 and i == 0 else rng.choice((-1, 1))
        for k in range(5 if lvl == 0 else 1, len(pts) - 1):
            if lvl >= 2 or (lvl == 1 and rng.random() < 0.6):
                continue
            ln = (rng.uniform(26, 42) if lvl == 0 else rng.uniform(9, 16)) * s
            turn = _heading(pts[k], pts[k + 1]) + side * rng.uniform(38, 52)
            tp, tw = _grow(fr, pts[k], _toward(pts[k], turn, ln), max(w[k] * 0.6, 0.8 * s), 0.6 * s,
                           (14 if lvl == 0 else 8) * s, y_t, (4.0, 10.0))
            if len(tp) > 1:
                wood.append((tp, tw, lvl + 1))
            side = -side
    for pts, w, _ in wood:
        _band(fr, fr["front"], pts, w)
    return wood


def _flowers(fr, wood, pl):
    """Blossoms clustered at the kinks of the young wood (the largest that fits), buds
    at its tips; none touches another flower, the helix, the text or the trim."""
    s, rng, taken = pl["s"], fr.rng, pl["taken"]
    ys = [y for pts, _, _ in wood for _, y in pts]
    strand = [p for pts, _ in pl["ends"] for p in pts[:-8:2] if min(ys) - 20 * s < p[1] < max(ys) + 20 * s]

    def place(x, y, r, kind, rot):
        ok = (_clearance(fr, x, y) > r + 3 * s and fr.area.x + r < x < fr.box.right - r - 2 * s
              and y > pl["y_top"] + r * 0.6
              and all(math.hypot(x - ox, y - oy) > r + orr + 2 * s for ox, oy, orr in taken)
              and all(math.hypot(x - px, y - py) > r + 4 * s for px, py in strand))
        if ok:
            taken.append((x, y, r))
            kind(fr, x, y, r, rot)
        return ok

    for pts, w, lvl in sorted(wood, key=lambda e: e[2]):
        for k in range(1 if lvl else 5, len(pts) - 1):
            h = _heading(pts[k - 1], pts[k + 1])
            for t in (0.0, 0.5):
                p = (pts[k][0] + (pts[k + 1][0] - pts[k][0]) * t, pts[k][1] + (pts[k + 1][1] - pts[k][1]) * t)
                for R in (15.5 * s, 14 * s, 12.5 * s, 11 * s, 9.5 * s):
                    ang = h + rng.choice((-1, 1)) * rng.uniform(45, 135)
                    d = w[k] / 2 + R * rng.uniform(0.2, 0.55)
                    kind = _half if rng.random() < 0.18 else _blossom
                    if place(*_toward(p, ang, d), R, kind, ang if kind is _half else rng.uniform(0, 72)):
                        break
    for pts, w, lvl in wood:
        place(*_toward(pts[-1], _heading(pts[-2], pts[-1]), 2 * s), 2.8 * s, _bud, _heading(pts[-2], pts[-1]))


def _blossom(fr, x, y, R, rot):
    """An open five-petal plum blossom: petals, stamens, anthers."""
    rng, circles = fr.rng, []
    for k in range(5):
        t = math.radians(rot + 72 * k + rng.uniform(-3, 3))
        circles.append((x + 0.56 * R * math.cos(t), y + 0.56 * R * math.sin(t), 0.44 * R * rng.uniform(0.96, 1.04)))
    for cx, cy, r in circles + [(x, y, 0.6 * R)]:
        fr["petal"].circle(cx, cy, r)
    draw_arcs(fr["outline"], circle_union_arcs(circles))
    fr["stamen"].circle(x, y, 0.1 * R)
    for k in range(9):
        t = math.radians(rot + 20 + 40 * k + rng.uniform(-6, 6))
        c, sn, r1 = math.cos(t), math.sin(t), R * rng.uniform(0.36, 0.5)
        fr["stamen"].line(x + 0.1 * R * c, y + 0.1 * R * sn, x + r1 * c, y + r1 * sn)
        fr["anther"].dot(x + r1 * c, y + r1 * sn)


def _half(fr, x, y, R, rot):
    """A blossom opening, seen at an angle: the face foreshortened over its calyx."""
    tf = Affine.translate(x, y) @ Affine.rotate(rot + 90)
    with ExitStack() as stack:
        _calyx(stack.enter_context(fr["calyx"].frame(tf)), 0, 0.5 * R, 0.45 * R)
        for name in ("petal", "outline", "stamen", "anther"):
            stack.enter_context(fr[name].frame(tf @ Affine.scale(1.0, 0.6)))
        _blossom(fr, 0, 0, R, fr.rng.uniform(0, 72))


def _bud(fr, x, y, r, rot):
    """A closed rose bud pointing ``rot``, cupped by its calyx."""
    tf = Affine.translate(x, y) @ Affine.rotate(rot + 90)
    with fr["bud"].frame(tf), fr["calyx"].frame(tf):
        fr["bud"].ellipse(0, -0.3 * r, r * 0.92, r * 1.05)
        _calyx(fr["calyx"], 0, 0.55 * r, r * 1.05)


def _calyx(pen, x, y, size):
    """Three pointed sepals spreading from (x, y) towards +y."""
    for t in (math.radians(35), math.radians(90), math.radians(145)):
        tx, ty = x + size * 0.6 * math.cos(t), y + size * 0.6 * math.sin(t)
        nx, ny = -math.sin(t) * size * 0.22, math.cos(t) * size * 0.22
        pen.M(x, y).C(x + nx, y + ny, tx + nx * 0.6, ty + ny * 0.6, tx, ty)
        pen.C(tx - nx * 0.6, ty - ny * 0.6, x - nx, y - ny, x, y).Z()


def _river(fr, pl):
    """The Yangtze: rows of paired wave lines (the helix laid flat; one row has lifted
    out), leaning downstream, swelling, finer with depth, over a band of water."""
    b, a, s, y_w, lam = fr.box, fr.area, pl["s"], pl["y_w"], pl["lam0"]
    xs = [a.x - 2 * s + k * lam / 10 for k in range(int((a.w + 4 * s) / (lam / 10)) + 2)]
    surf = [(x, y_w + 1.2 * s * math.sin(2 * math.pi * x / (2.3 * lam))) for x in xs]
    fr["water"].smooth(surf).L(surf[-1][0], b.bottom).L(surf[0][0], b.bottom).Z()
    for row, y in enumerate(pl["rows"]):
        for off, pen in ((0.0, "wave"), (PHI, "swell")) if row != pl["row"] else ():
            line = []
            for x in xs:
                th = 2 * math.pi * (x - row * 11 * s) / lam + off + row * 1.3
                swell = 0.6 + 0.4 * math.sin(2 * math.pi * x / (5.3 * lam) + row * 0.9)
                line.append((x, y - pl["A0"] * math.sin(th + 0.25 * math.sin(th)) * swell))
            fr[pen + ("" if row < 3 else "_f")].smooth(line)


def draw_hero_helix_plum(ctx):
    fr = Frame(ctx, PAINT)
    streams = [random.Random(fr.rng.random()) for _ in range(2)]  # one a step: tuning one keeps the other
    pl = _plan(fr)
    ax = _axis(fr, pl)
    pl["ends"], pl["taken"] = _helix(fr, ax), []
    _river(fr, pl)
    fr.rng = streams[0]
    _windows(fr, ax, pl["ends"], pl["taken"])
    _pairs(fr, ax, pl["ends"], pl["taken"])
    fr.rng = streams[1]
    _flowers(fr, _crown(fr, pl), pl)
    return fr.items()


INFOS = (MotifInfo.of("hero-helix-plum", draw_hero_helix_plum),)
