"""Nanjing landscape motifs: the Yangtze's layered waves (turning into signal lines) and
the Purple Mountain skyline."""
from __future__ import annotations

import math
import random

from .base import Ink, MotifContext, MotifInfo, ParamSpec, Sheet, common_params
from .pen import Pen, offset_polyline, smoothstep

# -- Yangtze waves ---------------------------------------------------------------------------


def _wave_line(pen: Pen, pts: list, blends: list, step: int) -> None:
    """Draw a sampled line: smooth (Catmull-Rom through every ``step``-th sample) where
    it is still a wave, straight segments where it has become a signal."""
    i, n = 0, len(pts)
    while i < n - 1:
        j = i
        wave = blends[i] < 0.02
        while j < n - 1 and (blends[j + 1] < 0.02) == wave:
            j += 1
        j = min(n - 1, j + 1)
        run = pts[i:j + 1]
        if wave:
            pen.smooth(run[::step] + ([run[-1]] if (len(run) - 1) % step else []), start=(i == 0))
        else:
            if i == 0:
                pen.M(*run[0])
            keep = [run[0]]
            for q, nxt in zip(run[1:], run[2:] + [None]):
                if nxt is not None:  # drop points on a straight stretch (pulse tops)
                    (ax, ay), (bx, by) = keep[-1], q
                    if abs((bx - ax) * (nxt[1] - ay) - (by - ay) * (nxt[0] - ax)) < 1e-9:
                        continue
                keep.append(q)
            for q in keep[1:]:
                pen.L(*q)
        i = j


def draw_waves(ctx: MotifContext):
    ink, p = Ink(ctx), ctx.params
    rng = random.Random(ctx.seed)
    b, a = ctx.box, ctx.area
    g = max(2.0, min(12.0, math.sqrt(b.w * b.h) / 32.0)) / ink.density
    g = min(g, b.h / 4.0)
    s_in = g * 0.42  # line spacing inside a band of three
    amp0 = g * p["amplitude"] * 0.9
    lam = g * 11.0 * rng.uniform(0.9, 1.1)
    dphi = 0.45
    pitch = 2 * s_in + g * 0.9 + 2 * amp0 * math.sin(dphi / 2)
    sig = p["signal"]
    a_sig = max(0.2 * g, min(0.8 * amp0, (pitch - 2 * s_in - 0.4 * g) / 2))
    to_right = p["signal_side"] == "right"
    start, full = 1.0 - sig, 1.0 - sig * 0.3
    x0, x1 = a.x - lam * 0.1, a.right + lam * 0.1
    env_l = lam * rng.uniform(3.0, 4.0)

    def blend(x: float) -> float:
        if sig <= 0:
            return 0.0
        t = (x - b.x) / b.w if to_right else (b.right - x) / b.w
        return smoothstep((t - start) / max(full - start, 1e-6))

    # sample positions: 12-24 per wavelength within an op budget (risers are inserted
    # exactly where pulses flip)
    rows_est = (a.h + 2 * amp0) / pitch + 1
    per_lam = max(12, min(24, int(4500 / (rows_est * 3 * (x1 - x0) / lam * max(sig, 0.1)))))
    n = max(16, int((x1 - x0) / lam * per_lam))
    xs = [x0 + (x1 - x0) * k / n for k in range(n + 1)]
    bl = [blend(x) for x in xs]
    ys = []
    y = b.y + pitch * 0.5
    while y - pitch > a.y - amp0:
        y -= pitch
    while y < a.bottom + amp0 + s_in:
        ys.append(y)
        y += pitch
    pens = {(cls, f): Pen() for cls in ("regular", "fine") for f in (1.0, 0.55)}
    dots = Pen()
    for i, yb in enumerate(ys):
        phase = i * dphi + rng.uniform(-0.08, 0.08)
        env_p = i * 0.35 + rng.uniform(-0.2, 0.2)
        data = rng.random() < 0.6
        bits = [rng.random() < 0.5 for _ in range(int((x1 - x0) / (lam / 2)) + 4)]
        f = 1.0 if i % 2 == 0 else 0.55
        centre, cbl = [], []
        prev_q = None
        for x, w in zip(xs, bl):
            th = 2 * math.pi * (x - x0) / lam + phase
            env = 0.35 + 0.65 * (0.5 + 0.5 * math.sin(2 * math.pi * (x - x0) / env_l + env_p))
            A = amp0 * env * (1 - w) + a_sig * w
            if w >= 0.999:
                v = math.sin(th)
                if data:
                    v = 1.0 if bits[int((x - x0) / (lam / 2))] else -1.0
                q = 1.0 if v >= 0 else -1.0
                if prev_q is not None and q != prev_q:
                    centre.append((x, yb - A * prev_q))
                    cbl.append(w)
                prev_q = q
                centre.append((x, yb - A * q))
                cbl.append(w)
            else:
                k = 0.2 + 14.0 * w * w
                v = math.tanh(k * math.sin(th)) / math.tanh(k)
                centre.append((x, yb - A * v))
                cbl.append(w)
                prev_q = None
        for j, d in enumerate((-s_in, 0.0, s_in)):
            line = offset_polyline(centre, d, miter=3.0) if sig > 0 else [(x, yv - d) for x, yv in centre]
            _wave_line(pens[("regular" if j == 1 else "fine", f)], line, cbl, max(1, round(per_lam / 6)))
            at_end = bl[-1 if to_right else 0] > 0.99
            if sig > 0 and j == 1 and ctx.bleed[1 if to_right else 3] <= 0 and at_end:
                edge = b.right if to_right else b.x
                yy = line[-1][1] if to_right else line[0][1]
                dots.dot(edge, yy)
    sh = Sheet(ctx, ink)
    tok = p["colour"]
    for (cls, f), pen in sorted(pens.items(), key=lambda kv: (kv[0][1], kv[0][0] == "regular")):
        sh.stroke(pen.ops, tok, cls, f, join="miter")
    sh.stroke(dots.ops, tok, "bold")
    return sh.items()


WAVES = MotifInfo(
    "yangtze-waves", "nanjing",
    "Layered Yangtze wave lines; with signal > 0 they turn, towards one side, into sampled "
    "step signals and finally square data pulses.",
    common_params(
        "primary",
        signal=ParamSpec(float, 0.0, 0.0, 1.0,
                         doc="share of the width over which waves become digital signal lines"),
        signal_side=ParamSpec(str, "right", choices=("right", "left"), doc="where the signal ends"),
        amplitude=ParamSpec(float, 1.0, 0.3, 1.6, doc="wave height relative to the line spacing"),
    ),
    draw_waves,
)



# -- Purple Mountain ------------------------------------------------------------------------

# Zijin Shan seen from the city: (position, height, width) of its ridge masses, west to
# east: the western spur, Tianbao Shan (the observatory), the main peak, Xiaomao Shan and
# the eastern foothills above the Mausoleum.
_PEAKS = ((0.11, 0.30, 0.06, 0.08), (0.27, 0.60, 0.09, 0.06), (0.46, 1.0, 0.13, 0.09),
          (0.65, 0.78, 0.07, 0.11), (0.84, 0.38, 0.06, 0.09))


def _ridge(u: float, noise) -> float:
    """Skyline height (0..1) at u in 0..1 of the mountain's width: a soft maximum of the
    ridge masses on a broad massif, with a little fractal unevenness."""
    k = 14.0
    terms = [math.exp(k * pk * math.exp(-1.1 * abs((u - c) / (wl if u < c else wr)) ** 1.5))
             for c, pk, wl, wr in _PEAKS]
    terms.append(math.exp(k * 0.55 * math.exp(-((u - 0.48) / 0.27) ** 2)))
    h = math.log(sum(terms)) / k - math.log(len(terms)) / k * math.exp(-((u - 0.5) / 0.6) ** 2)
    h *= 1 - 0.06 * ((u - 0.5) * 2) ** 2
    return max(0.0, h + noise(u) * (0.2 + h))


def draw_mountain(ctx: MotifContext):
    ink, p = Ink(ctx), ctx.params
    rng = random.Random(ctx.seed)
    b, a = ctx.box, ctx.area
    Hm = min(b.h, max(0.42 * b.w, 0.25 * b.h))
    waves = [(rng.uniform(20, 30), rng.uniform(0, 6.3), 0.016),
             (rng.uniform(45, 70), rng.uniform(0, 6.3), 0.01),
             (rng.uniform(100, 140), rng.uniform(0, 6.3), 0.005)]

    def noise(u):
        return sum(amp * math.sin(f * u + ph) for f, ph, amp in waves)

    n_layers = max(2, round(p["layers"] * ink.density))
    d = Hm * 0.32 / n_layers  # spacing of the contours at the foot
    h_peak = Hm - d * (n_layers - 1) - max(Hm * 0.03, ink.mm("bold"))
    base0 = b.bottom - d * (n_layers - 1) - Hm * 0.015
    n = 120
    us = [k / n for k in range(n + 1)]
    xs = [a.x + (a.right - a.x) * u for u in us]
    prof = [_ridge((x - b.x) / b.w, noise) for x in xs]
    sh = Sheet(ctx, ink)
    tok = p["colour"]
    prev = None
    lines = []
    cur = prof[:]
    for i in range(n_layers):
        t = i / max(1, n_layers - 1)
        kf = (1 - t) ** 1.25 * 0.92 + 0.08 * (1 - t)
        ys = [base0 + i * d - h_peak * kf * v for v in cur]
        if prev is not None:
            ys = [max(y, py + d * 0.35) for y, py in zip(ys, prev)]
        lines.append(ys)
        prev = ys
        # each lower contour is a little smoother than the one above it
        cur = [(cur[max(0, k - 2)] + 2 * cur[max(0, k - 1)] + 3 * cur[k] + 2 * cur[min(n, k + 1)]
                + cur[min(n, k + 2)]) / 9 for k in range(n + 1)]
    for i, ys in enumerate(lines):
        t = i / max(1, n_layers - 1)
        cls = "bold" if i == 0 else ("regular" if t < 0.34 else "fine")
        sh.stroke(Pen().smooth(list(zip(xs, ys))).ops, tok, cls, 1.0 - 0.7 * t)
    if p["observatory"]:
        # the Purple Mountain Observatory's domes on Tianbao Shan's crest
        ys0 = lines[0]
        xc = b.x + _PEAKS[1][0] * b.w
        k = min(range(n + 1), key=lambda j: abs(xs[j] - xc))
        k = min(range(max(0, k - 4), min(n + 1, k + 5)), key=lambda j: ys0[j])
        r = max(h_peak * 0.022, ink.mm("bold") * 1.5)
        dome = Pen()
        for dx, rr in ((-2.2, 0.7), (0.0, 1.0), (2.0, 0.55)):
            x = xs[k] + dx * r
            j = min(range(n + 1), key=lambda q: abs(xs[q] - x))
            yb = min(ys0[max(0, j - 1):j + 2]) - ink.mm("bold") * 0.4
            dome.M(x - rr * r * 1.25, yb).L(x + rr * r * 1.25, yb)
            dome.M(x - rr * r, yb).L(x - rr * r, yb - rr * r * 0.35)
            dome.arc(x, yb - rr * r * 0.35, rr * r, 180, 360, start=False).L(x + rr * r, yb)
        sh.stroke(dome.ops, tok, "regular", join="miter")
    return sh.items()


MOUNTAIN = MotifInfo(
    "purple-mountain", "nanjing",
    "The Purple Mountain (Zijin Shan) skyline as layered ridge contours, the highest ridge "
    "boldest and most saturated; the observatory domes on its western summit.",
    common_params(
        "primary",
        layers=ParamSpec(int, 10, 2, 30, doc="number of ridge contours (times density)"),
        observatory=ParamSpec(bool, True, doc="draw the observatory domes"),
    ),
    draw_mountain,
)

INFOS = [WAVES, MOUNTAIN]
