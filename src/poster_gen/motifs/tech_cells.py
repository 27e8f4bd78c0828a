"""Technology motifs of energy and life: battery cells (new energy vehicles) and the DNA
double helix with molecules (new medicine and life health)."""
from __future__ import annotations

import math
import random

from .base import Ink, MotifContext, MotifInfo, ParamSpec, Sheet, common_params, token
from .pen import Affine, Pen

# -- battery cells and charging ------------------------------------------------------------------

_BOLT = ((0.42, 0.0), (0.78, 0.0), (0.58, 0.38), (0.86, 0.38), (0.3, 1.0), (0.44, 0.55), (0.14, 0.55))


def _bolt(pen: Pen, x: float, y: float, w: float, h: float) -> None:
    pen.poly([(x + u * w, y + v * h) for u, v in _BOLT], closed=True)


def draw_battery(ctx: MotifContext):
    ink, p = Ink(ctx), ctx.params
    rng = random.Random(ctx.seed)
    b, a = ctx.box, ctx.area
    hc = min(b.h * 0.58, max(5.0, math.sqrt(b.w * b.h) / 4.5)) / (ink.density ** 0.5)
    wc = hc * 0.46
    pitch = wc * 1.75
    rows = max(1, int(b.h / (hc * 1.5)))
    row_h = b.h / rows
    lw = ink.mm("regular")
    shell, bars, empty, bus, flow, bolts, dots = (Pen() for _ in range(7))
    arcs = [Pen(), Pen(), Pen()]
    n_bars = 4
    for r in range(rows):
        y0 = b.y + r * row_h + (row_h - hc) / 2 + hc * 0.06
        # cells in modules of 2-4, separated by a charging emitter or a current wave
        x = b.x + (pitch - wc) / 2 + (b.w - (pitch - wc)) % pitch / 2
        if r % 2:
            x += pitch * 0.5 if x + pitch * 0.5 + wc <= b.right else 0
        k = 0
        group = rng.randint(2, 4)
        level = rng.randint(1, n_bars)
        prev_top = None
        while x + wc <= b.right + 1e-6:
            if k == group:
                # a gap in the row: charging arcs radiating from a bolt
                if x + pitch + wc <= b.right + 1e-6:
                    cx, cy = x + wc / 2, y0 + hc * 0.55
                    _bolt(bolts, cx - wc * 0.3, cy - hc * 0.2, wc * 0.6, hc * 0.4)
                    for j, rr in enumerate((0.5, 0.72, 0.94)):
                        for a0 in (-35, 145):
                            arcs[j].arc(cx, cy, rr * pitch * 0.6, a0, a0 + 70)
                    flow.line(x - pitch + wc, y0 + hc * 1.1, x + pitch, y0 + hc * 1.1)
                x += pitch
                k, group = 0, rng.randint(2, 4)
                prev_top = None
                continue
            top = y0 + hc * 0.07
            tw = wc * 0.38
            shell.round_rect(x, top, wc, hc * 0.93, wc * 0.14)
            shell.round_rect(x + (wc - tw) / 2, y0, tw, hc * 0.07 + lw, wc * 0.05)
            # level bars from the bottom; the top empty slot of a charging cell holds a bolt
            pad = wc * 0.16
            bh = (hc * 0.93 - 2 * pad) / n_bars
            charging = level < n_bars and rng.random() < 0.35
            for i in range(n_bars):
                by = top + hc * 0.93 - pad - (i + 0.5) * bh
                if i < level:
                    bars.line(x + pad * 1.3, by, x + wc - pad * 1.3, by)
                elif not charging:
                    empty.line(x + pad * 1.3, by, x + wc - pad * 1.3, by)
            if charging:
                by = top + pad
                hh = hc * 0.93 - 2 * pad - level * bh
                bw = min(wc * 0.36, hh * 0.45)
                _bolt(bolts, x + (wc - bw) / 2, by + hh * 0.5 - bw, bw, bw * 2)
            # series links between neighbouring terminals, and the current rail below
            tx = x + wc / 2
            if prev_top is not None:
                yb = y0 - hc * 0.05
                bus.M(prev_top, y0).L(prev_top, yb).L(tx, yb).L(tx, y0)
            prev_top = tx
            flow.line(x - (pitch - wc), y0 + hc * 1.1, x + wc, y0 + hc * 1.1)
            level = level % n_bars + 1 if rng.random() < 0.7 else rng.randint(1, n_bars)
            x += pitch
            k += 1
        # chevrons: the direction of the current along the rail
        yr = y0 + hc * 1.1
        xs = b.x + pitch * 0.25
        while xs < b.right - pitch * 0.1:
            s = hc * 0.035
            dots.M(xs - s, yr - s).L(xs, yr).L(xs - s, yr + s)
            xs += pitch / 2
    sh = Sheet(ctx, ink)
    tok, acc = p["colour"], p["accent"]
    sh.stroke(empty.ops, tok, "fine", 0.5)
    sh.stroke(bars.ops, tok, "bold", cap="round")
    sh.stroke(shell.ops, tok, "regular")
    sh.stroke(bus.ops, tok, "regular", join="round")
    sh.stroke(flow.ops, tok, "fine")
    sh.stroke(dots.ops, tok, "regular", join="miter")
    for j, pen in enumerate(arcs):
        sh.stroke(pen.ops, acc, "regular", 1.0 - 0.25 * j)
    sh.fill(bolts.ops, acc)
    return sh.items()


BATTERY = MotifInfo(
    "battery-charging", "technology",
    "Battery cells with level bars and terminals in linked modules, lightning bolts, charging "
    "arcs and a current rail with direction chevrons.",
    common_params(
        "primary",
        accent=token("accent", "palette token of the bolts and charging arcs"),
    ),
    draw_battery,
)



# -- DNA double helix and molecules ---------------------------------------------------------


def _molecule(rng, bonds: Pen, doubles: Pen, atoms: Pen, m: float) -> float:
    """A small aromatic molecule around (0, 0) in the pen's frame: one to three fused
    hexagons with alternate double bonds and a few substituents. Returns its radius."""
    rings = rng.choice((1, 2, 2, 3))
    centres = [(0.0, 0.0)]
    dx = m * math.sqrt(3)
    for i in range(1, rings):
        cx, cy = centres[-1]
        turn = rng.choice((0, 60)) if i == 2 else 0
        a = math.radians(turn)
        centres.append((cx + dx * math.cos(a), cy + dx * math.sin(a)))
    ox = sum(c[0] for c in centres) / rings
    oy = sum(c[1] for c in centres) / rings
    centres = [(x - ox, y - oy) for x, y in centres]
    verts_all = []
    for j, (cx, cy) in enumerate(centres):
        vs = [(cx + m * math.cos(math.radians(30 + 60 * k)), cy + m * math.sin(math.radians(30 + 60 * k)))
              for k in range(6)]
        bonds.poly(vs, closed=True)
        verts_all.extend(vs)
        for k in range(j % 2, 6, 2):
            a, b2 = vs[k], vs[(k + 1) % 6]
            # the inner line of a double bond: parallel, inset and shortened
            ix, iy = (a[0] + b2[0]) / 2 - cx, (a[1] + b2[1]) / 2 - cy
            ln = math.hypot(ix, iy)
            sx, sy = -ix / ln * m * 0.2, -iy / ln * m * 0.2
            doubles.line(a[0] + sx + (b2[0] - a[0]) * 0.2, a[1] + sy + (b2[1] - a[1]) * 0.2,
                         b2[0] + sx - (b2[0] - a[0]) * 0.2, b2[1] + sy - (b2[1] - a[1]) * 0.2)
    # substituents on outer vertices (those not shared by two rings)
    outer = [v for v in verts_all if sum(1 for w in verts_all if math.dist(v, w) < 1e-6) == 1]
    reach = max(math.hypot(*v) for v in verts_all)
    rng.shuffle(outer)
    for vx, vy in outer[:rng.randint(1, 3)]:
        ln = math.hypot(vx, vy) or 1.0
        ux, uy = vx / ln, vy / ln
        ex, ey = vx + ux * m * 0.85, vy + uy * m * 0.85
        r = m * 0.22
        bonds.line(vx, vy, ex - ux * r, ey - uy * r)
        atoms.circle(ex, ey, r)
        reach = max(reach, math.hypot(ex, ey) + r)
    return reach


def draw_dna(ctx: MotifContext):
    ink, p = Ink(ctx), ctx.params
    rng = random.Random(ctx.seed)
    b = ctx.box
    wide = b.w >= b.h
    long_, short = (b.w, b.h) if wide else (b.h, b.w)
    A = min(short * 0.3, max(long_ * 0.09, short * 0.16)) * p["scale"]
    lam = 3.4 * A * 1.3 / ink.density ** 0.5
    k = 2 * math.pi / lam
    phi = 0.8 * math.pi
    ang = (0.0 if wide else 90.0) + p["angle"]
    tf = Affine.translate(b.cx, b.cy) @ Affine.rotate(ang)
    half = math.hypot(b.w, b.h) / 2 + lam
    th0, th1 = -k * half, k * half
    front, back = Pen(tf), Pen(tf)
    # half-gap (in theta) where a strand passes behind the other: a few stroke widths
    gap = (ink.mm("bold") * 2.0 + A * 0.06) / math.hypot(1 / k, A * math.cos(math.pi / 2 - phi / 2))

    def strand(off):
        def f(th):
            return (th / k, A * math.sin(th + off))
        return f

    for s_i, off in enumerate((0.0, phi)):
        # cut points: front/back changes and the gaps where this strand passes behind
        cuts = []
        n0 = math.floor((th0 + off - math.pi / 2) / math.pi) - 1
        for n in range(n0, n0 + int((th1 - th0) / math.pi) + 4):
            cuts.append((math.pi / 2 + n * math.pi - off, "z"))
        c0 = math.floor((th0 - (math.pi / 2 - phi / 2)) / math.pi) - 1
        for n in range(c0, c0 + int((th1 - th0) / math.pi) + 4):
            tc = math.pi / 2 - phi / 2 + n * math.pi
            behind = (n % 2 == 1) if s_i == 0 else (n % 2 == 0)
            if behind:
                cuts.append((tc - gap, "g0"))
                cuts.append((tc + gap, "g1"))
        cuts = sorted(c for c in cuts if th0 < c[0] < th1)
        t, hidden = th0, False
        for tc, kind in cuts + [(th1, "end")]:
            if not hidden and tc - t > 1e-6:
                mid = (t + tc) / 2
                pen = front if math.cos(mid + off) > 0 else back
                pen.curve_fn(strand(off), t, tc, max(1, math.ceil((tc - t) / (math.pi / 4))))
            hidden = kind == "g0"
            t = tc
    # base pairs: ten per turn, each split in two halves with a hairline gap between
    rung_a, rung_b = Pen(tf), Pen(tf)
    step = 2 * math.pi / 10
    th = math.ceil(th0 / step) * step
    inset = ink.mm("bold") * 0.9
    while th < th1:
        v1, v2 = A * math.sin(th), A * math.sin(th + phi)
        if abs(v1 - v2) > 4 * inset:
            u = th / k
            sgn = 1 if v2 > v1 else -1
            mid = (v1 + v2) / 2
            ga = inset * 0.6
            pa, pb = (rung_a, rung_b) if rng.random() < 0.5 else (rung_b, rung_a)
            pa.line(u, v1 + sgn * inset, u, mid - sgn * ga)
            pb.line(u, mid + sgn * ga, u, v2 - sgn * inset)
        th += step
    # molecules in the free space beside the helix
    bonds, doubles, atoms = Pen(), Pen(), Pen()
    m = max(ink.mm("bold") * 3, min(short * 0.05, A * 0.3)) * p["scale"]
    n_mol = max(0, round(p["molecules"] * ink.density))
    placed = []
    inv = _inverse(tf)
    for _ in range(n_mol * 60):
        if len(placed) >= n_mol:
            break
        trial = (Pen(), Pen(), Pen())
        R = _molecule(random.Random(rng.random()), *trial, m) + m * 0.3
        if b.w <= 2 * R or b.h <= 2 * R:
            break
        x, y = rng.uniform(b.x + R, b.right - R), rng.uniform(b.y + R, b.bottom - R)
        u, v = inv(x, y)
        us = [u + R * t for t in (-1, -0.5, 0, 0.5, 1)]
        env = max(abs(A * math.sin(k * uu + o)) for uu in us for o in (0.0, phi))
        if abs(v) - R < env + m * 0.5 or any(math.dist((x, y), q) < R + qr for q, qr in placed):
            continue
        mt = Affine.translate(x, y) @ Affine.rotate(rng.choice((0, 30, 90)))
        for pen, part in zip((bonds, doubles, atoms), trial):
            pen.extend(mt.ops(part.ops))
        placed.append(((x, y), R))
    sh = Sheet(ctx, ink)
    tok, acc = p["colour"], p["accent"]
    sh.stroke(back.ops, tok, "regular", 0.45)
    sh.stroke(rung_a.ops, tok, "fine", 0.8)
    sh.stroke(rung_b.ops, acc, "fine")
    sh.stroke(front.ops, tok, "bold")
    sh.stroke(doubles.ops, tok, "fine")
    sh.stroke(bonds.ops, tok, "regular", join="round")
    sh.stroke(atoms.ops, acc, "regular")
    return sh.items()


def _inverse(tf: Affine):
    det = tf.a * tf.d - tf.b * tf.c

    def inv(x, y):
        x, y = x - tf.e, y - tf.f
        return ((tf.d * x - tf.c * y) / det, (-tf.b * x + tf.a * y) / det)
    return inv


DNA = MotifInfo(
    "dna-helix", "technology",
    "A DNA double helix (front strand bold, back strand set back and broken where it passes "
    "behind) with split base-pair rungs, and small hexagonal molecules beside it.",
    common_params(
        "primary",
        accent=token("blossom", "palette token of one base of each pair and of the atoms"),
        angle=ParamSpec(float, 0.0, -75.0, 75.0, doc="tilt of the helix axis from the long side, degrees"),
        molecules=ParamSpec(int, 3, 0, 12, doc="number of molecules (times density), where there is room"),
        scale=ParamSpec(float, 1.0, 0.5, 1.6, doc="helix and molecule size"),
    ),
    draw_dna,
)

INFOS = [BATTERY, DNA]
