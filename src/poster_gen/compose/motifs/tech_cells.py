"""Technology motifs of energy and life: battery cells (new energy vehicles) and the DNA
double helix with molecules (new medicine and life health)."""
from __future__ import annotations

import math
import random
from typing import NamedTuple

from .base import MotifContext, MotifInfo
from .frame import Frame, Paint
from .pen import Affine, Pen

# -- battery cells and charging ------------------------------------------------------------------

_BOLT = ((0.42, 0.0), (0.78, 0.0), (0.58, 0.38), (0.86, 0.38), (0.3, 1.0), (0.44, 0.55), (0.14, 0.55))


def _bolt(pen: Pen, x: float, y: float, w: float, h: float) -> None:
    pen.poly([(x + u * w, y + v * h) for u, v in _BOLT], closed=True)


BATTERY_PAINT = {
    "empty": Paint("stroke", "@colour", "fine", 0.5),  # empty level slots
    "bars": Paint("stroke", "@colour", "bold"),  # level bars
    "shells": Paint("stroke", "@colour", "regular"),
    "links": Paint("stroke", "@colour", "regular"),  # series links between terminals
    "rail": Paint("stroke", "@colour", "fine"),  # the current rail below each row
    "chevrons": Paint("stroke", "@colour", "regular", join="miter"),
    "arc0": Paint("stroke", "@accent", "regular"),  # charging arcs, fading outwards
    "arc1": Paint("stroke", "@accent", "regular", 0.75),
    "arc2": Paint("stroke", "@accent", "regular", 0.5),
    "bolts": Paint("fill", "@accent"),
}
_N_BARS = 4  # level slots in a cell


class _Cells(NamedTuple):
    hc: float  # cell height
    wc: float  # cell width
    pitch: float  # cell spacing
    rows: int
    row_h: float
    lw: float  # the regular line width (mm): the terminal overlaps the shell by it


def _cell_size(fr: Frame) -> _Cells:
    """Cell size from the box and the density; rows of cells filling the height."""
    b = fr.box
    hc = min(b.h * 0.58, max(5.0, math.sqrt(b.w * b.h) / 4.5)) / (fr.ink.density ** 0.5)
    wc = hc * 0.46
    rows = max(1, int(b.h / (hc * 1.5)))
    return _Cells(hc, wc, wc * 1.75, rows, b.h / rows, fr.mm("regular"))


def _charger(fr: Frame, c: _Cells, x: float, y0: float) -> None:
    """A gap in the row: charging arcs radiating from a bolt, the rail running through."""
    hc, wc, pitch = c.hc, c.wc, c.pitch
    cx, cy = x + wc / 2, y0 + hc * 0.55
    _bolt(fr["bolts"], cx - wc * 0.3, cy - hc * 0.2, wc * 0.6, hc * 0.4)
    for j, rr in enumerate((0.5, 0.72, 0.94)):
        for a0 in (-35, 145):
            fr[f"arc{j}"].arc(cx, cy, rr * pitch * 0.6, a0, a0 + 70)
    fr["rail"].line(x - pitch + wc, y0 + hc * 1.1, x + pitch, y0 + hc * 1.1)


def _cell(fr: Frame, c: _Cells, x: float, y0: float, level: int) -> None:
    """A cell with its terminal and level bars from the bottom; the top empty slot of a
    charging cell holds a bolt instead of empty slots."""
    hc, wc = c.hc, c.wc
    top = y0 + hc * 0.07
    tw = wc * 0.38
    fr["shells"].round_rect(x, top, wc, hc * 0.93, wc * 0.14)
    fr["shells"].round_rect(x + (wc - tw) / 2, y0, tw, hc * 0.07 + c.lw, wc * 0.05)
    pad = wc * 0.16
    bh = (hc * 0.93 - 2 * pad) / _N_BARS
    charging = level < _N_BARS and fr.rng.random() < 0.35
    for i in range(_N_BARS):
        by = top + hc * 0.93 - pad - (i + 0.5) * bh
        if i < level:
            fr["bars"].line(x + pad * 1.3, by, x + wc - pad * 1.3, by)
        elif not charging:
            fr["empty"].line(x + pad * 1.3, by, x + wc - pad * 1.3, by)
    if charging:
        by = top + pad
        hh = hc * 0.93 - 2 * pad - level * bh
        bw = min(wc * 0.36, hh * 0.45)
        _bolt(fr["bolts"], x + (wc - bw) / 2, by + hh * 0.5 - bw, bw, bw * 2)


def _cell_row(fr: Frame, c: _Cells, r: int) -> float:
    """Row ``r``: cells in modules of 2-4 linked in series, separated by a charging
    emitter; the current rail below. Returns the row's top."""
    rng, b, pitch, wc, hc = fr.rng, fr.box, c.pitch, c.wc, c.hc
    y0 = b.y + r * c.row_h + (c.row_h - hc) / 2 + hc * 0.06
    x = b.x + (pitch - wc) / 2 + (b.w - (pitch - wc)) % pitch / 2
    if r % 2:
        x += pitch * 0.5 if x + pitch * 0.5 + wc <= b.right else 0
    k, group, level = 0, rng.randint(2, 4), rng.randint(1, _N_BARS)
    prev_top = None
    while x + wc <= b.right + 1e-6:
        if k == group:
            if x + pitch + wc <= b.right + 1e-6:
                _charger(fr, c, x, y0)
            x += pitch
            k, group = 0, rng.randint(2, 4)
            prev_top = None
            continue
        _cell(fr, c, x, y0, level)
        tx = x + wc / 2
        if prev_top is not None:
            yb = y0 - hc * 0.05
            fr["links"].M(prev_top, y0).L(prev_top, yb).L(tx, yb).L(tx, y0)
        prev_top = tx
        fr["rail"].line(x - (pitch - wc), y0 + hc * 1.1, x + wc, y0 + hc * 1.1)
        level = level % _N_BARS + 1 if rng.random() < 0.7 else rng.randint(1, _N_BARS)
        x += pitch
        k += 1
    return y0


def _chevrons(fr: Frame, c: _Cells, y0: float) -> None:
    """The direction of the current along a row's rail."""
    yr = y0 + c.hc * 1.1
    xs = fr.box.x + c.pitch * 0.25
    while xs < fr.box.right - c.pitch * 0.1:
        s = c.hc * 0.035
        fr["chevrons"].M(xs - s, yr - s).L(xs, yr).L(xs - s, yr + s)
        xs += c.pitch / 2


def draw_battery(ctx: MotifContext):
    fr = Frame(ctx, BATTERY_PAINT)
    fr.rng.seed(ctx.seed)  # the drawing's own seeding, kept so the pictures stay the same
    c = _cell_size(fr)
    for r in range(c.rows):
        _chevrons(fr, c, _cell_row(fr, c, r))
    return fr.items()


BATTERY = MotifInfo.of("battery-charging", draw_battery)



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


DNA_PAINT = {
    "back": Paint("stroke", "@colour", "regular", 0.45),  # the strand passing behind
    "rung_a": Paint("stroke", "@colour", "fine", 0.8),  # one base of each pair
    "rung_b": Paint("stroke", "@accent", "fine"),  # the other
    "front": Paint("stroke", "@colour", "bold"),
    "doubles": Paint("stroke", "@colour", "fine"),  # inner lines of double bonds
    "bonds": Paint("stroke", "@colour", "regular"),
    "atoms": Paint("stroke", "@accent", "regular"),
}


class _Helix(NamedTuple):
    A: float  # amplitude
    k: float  # wave number (2 pi / wavelength)
    phi: float  # phase between the strands
    tf: Affine  # the helix's frame: its axis along u through the box centre
    th0: float  # the phase range covering the box
    th1: float
    short: float  # the box's short side


def _helix_size(fr: Frame) -> _Helix:
    """Amplitude and wavelength from the box; the axis along the long side, tilted."""
    b, p = fr.box, fr.p
    wide = b.w >= b.h
    long_, short = (b.w, b.h) if wide else (b.h, b.w)
    A = min(short * 0.3, max(long_ * 0.09, short * 0.16)) * p["scale"]
    lam = 3.4 * A * 1.3 / fr.ink.density ** 0.5
    k = 2 * math.pi / lam
    tf = Affine.translate(b.cx, b.cy) @ Affine.rotate((0.0 if wide else 90.0) + p["angle"])
    half = math.hypot(b.w, b.h) / 2 + lam
    return _Helix(A, k, 0.8 * math.pi, tf, -k * half, k * half, short)


def _strand_cuts(h: _Helix, s_i: int, off: float, gap: float) -> list[tuple[float, str]]:
    """Where strand ``s_i`` (phase ``off``) changes between front and back ("z"), and the
    gaps ("g0" to "g1") where it passes behind the other strand, in phase order."""
    th0, th1, phi = h.th0, h.th1, h.phi
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
    return sorted(c for c in cuts if th0 < c[0] < th1)


def _strands(fr: Frame, h: _Helix) -> None:
    """The two strands, bold in front and set back behind, broken where they pass behind
    (by a half-gap in phase of a few stroke widths)."""
    A, k = h.A, h.k
    gap = (fr.mm("bold") * 2.0 + A * 0.06) / math.hypot(1 / k, A * math.cos(math.pi / 2 - h.phi / 2))
    front, back = fr["front"], fr["back"]
    for s_i, off in enumerate((0.0, h.phi)):
        def strand(th, off=off):
            return (th / k, A * math.sin(th + off))
        t, hidden = h.th0, False
        for tc, kind in _strand_cuts(h, s_i, off, gap) + [(h.th1, "end")]:
            if not hidden and tc - t > 1e-6:
                mid = (t + tc) / 2
                pen = front if math.cos(mid + off) > 0 else back
                pen.curve_fn(strand, t, tc, max(1, math.ceil((tc - t) / (math.pi / 4))))
            hidden = kind == "g0"
            t = tc


def _rungs(fr: Frame, h: _Helix) -> None:
    """Base pairs: ten per turn, each split in two halves with a hairline gap between."""
    A, phi = h.A, h.phi
    step = 2 * math.pi / 10
    th = math.ceil(h.th0 / step) * step
    inset = fr.mm("bold") * 0.9
    while th < h.th1:
        v1, v2 = A * math.sin(th), A * math.sin(th + phi)
        if abs(v1 - v2) > 4 * inset:
            u = th / h.k
            sgn = 1 if v2 > v1 else -1
            mid = (v1 + v2) / 2
            ga = inset * 0.6
            pa, pb = (fr["rung_a"], fr["rung_b"]) if fr.rng.random() < 0.5 else (fr["rung_b"], fr["rung_a"])
            pa.line(u, v1 + sgn * inset, u, mid - sgn * ga)
            pb.line(u, mid + sgn * ga, u, v2 - sgn * inset)
        th += step


def _helix_clear(h: _Helix, inv, x: float, y: float, R: float, m: float) -> bool:
    """Whether a disc of radius R at (x, y) stays clear of the helix's envelope."""
    u, v = inv(x, y)
    us = [u + R * t for t in (-1, -0.5, 0, 0.5, 1)]
    env = max(abs(h.A * math.sin(h.k * uu + o)) for uu in us for o in (0.0, h.phi))
    return abs(v) - R >= env + m * 0.5


def _molecules(fr: Frame, h: _Helix) -> None:
    """Molecules in the free space beside the helix, not overlapping one another; each
    drawn from a random number of its own, so a rejected trial moves nothing else."""
    rng, b = fr.rng, fr.box
    m = max(fr.mm("bold") * 3, min(h.short * 0.05, h.A * 0.3)) * fr.p["scale"]
    n_mol = max(0, round(fr.p["molecules"] * fr.ink.density))
    placed = []
    inv = _inverse(h.tf)
    for _ in range(n_mol * 60):
        if len(placed) >= n_mol:
            break
        trial = (Pen(), Pen(), Pen())
        R = _molecule(random.Random(rng.random()), *trial, m) + m * 0.3
        if b.w <= 2 * R or b.h <= 2 * R:
            break
        x, y = rng.uniform(b.x + R, b.right - R), rng.uniform(b.y + R, b.bottom - R)
        if not _helix_clear(h, inv, x, y, R, m) or any(math.dist((x, y), q) < R + qr for q, qr in placed):
            continue
        mt = Affine.translate(x, y) @ Affine.rotate(rng.choice((0, 30, 90)))
        for name, part in zip(("bonds", "doubles", "atoms"), trial):
            fr[name].extend(mt.ops(part.ops))
        placed.append(((x, y), R))


def draw_dna(ctx: MotifContext):
    fr = Frame(ctx, DNA_PAINT)
    fr.rng.seed(ctx.seed)  # the drawing's own seeding, kept so the pictures stay the same
    h = _helix_size(fr)
    with fr["front"].frame(h.tf), fr["back"].frame(h.tf), fr["rung_a"].frame(h.tf), fr["rung_b"].frame(h.tf):
        _strands(fr, h)
        _rungs(fr, h)
    _molecules(fr, h)
    return fr.items()

def _inverse(tf: Affine):
    det = tf.a * tf.d - tf.b * tf.c

    def inv(x, y):
        x, y = x - tf.e, y - tf.f
        return ((tf.d * x - tf.c * y) / det, (-tf.b * x + tf.a * y) / det)
    return inv


DNA = MotifInfo.of("dna-helix", draw_dna)

INFOS = [BATTERY, DNA]
