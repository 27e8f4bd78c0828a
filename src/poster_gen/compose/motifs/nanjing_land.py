"""Nanjing landscape motifs: the Yangtze's layered waves (turning into signal lines) and
the Purple Mountain skyline."""
from __future__ import annotations

import math
from dataclasses import replace
from typing import NamedTuple

from .base import MotifContext, MotifInfo
from .frame import Frame, Paint
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


WAVES_PAINT = {  # odd rows are set back (0.55); the centre line of each band of three is regular
    "fine_back": Paint("stroke", "@colour", "fine", 0.55, join="miter"),
    "line_back": Paint("stroke", "@colour", "regular", 0.55, join="miter"),
    "fine": Paint("stroke", "@colour", "fine", join="miter"),
    "line": Paint("stroke", "@colour", "regular", join="miter"),
    "ends": Paint("stroke", "@colour", "bold"),  # a dot where a signal line meets the box edge
}


class _Waves(NamedTuple):
    s_in: float  # line spacing inside a band of three
    amp0: float  # wave amplitude
    lam: float  # wavelength
    dphi: float  # phase step from row to row
    pitch: float  # row spacing
    a_sig: float  # signal amplitude
    x0: float  # the sampled span
    x1: float
    env_l: float  # envelope wavelength
    per_lam: int  # samples per wavelength


def _wave_size(fr: Frame) -> _Waves:
    """Spacing, amplitude and wavelength from the box; samples 12-24 a wavelength within
    an op budget (risers are inserted exactly where pulses flip)."""
    b, a, rng, sig = fr.box, fr.area, fr.rng, fr.p["signal"]
    g = max(2.0, min(12.0, math.sqrt(b.w * b.h) / 32.0)) / fr.ink.density
    g = min(g, b.h / 4.0)
    s_in = g * 0.42
    amp0 = g * fr.p["amplitude"] * 0.9
    lam = g * 11.0 * rng.uniform(0.9, 1.1)
    dphi = 0.45
    pitch = 2 * s_in + g * 0.9 + 2 * amp0 * math.sin(dphi / 2)
    a_sig = max(0.2 * g, min(0.8 * amp0, (pitch - 2 * s_in - 0.4 * g) / 2))
    x0, x1 = a.x - lam * 0.1, a.right + lam * 0.1
    env_l = lam * rng.uniform(3.0, 4.0)
    rows_est = (a.h + 2 * amp0) / pitch + 1
    per_lam = max(12, min(24, int(4500 / (rows_est * 3 * (x1 - x0) / lam * max(sig, 0.1)))))
    return _Waves(s_in, amp0, lam, dphi, pitch, a_sig, x0, x1, env_l, per_lam)


def _wave_samples(fr: Frame, w: _Waves) -> tuple[list[float], list[float]]:
    """Sample positions and, at each, how far the wave has turned into a signal (0..1)."""
    b, sig = fr.box, fr.p["signal"]
    to_right = fr.p["signal_side"] == "right"
    start, full = 1.0 - sig, 1.0 - sig * 0.3

    def blend(x: float) -> float:
        if sig <= 0:
            return 0.0
        t = (x - b.x) / b.w if to_right else (b.right - x) / b.w
        return smoothstep((t - start) / max(full - start, 1e-6))

    n = max(16, int((w.x1 - w.x0) / w.lam * w.per_lam))
    xs = [w.x0 + (w.x1 - w.x0) * k / n for k in range(n + 1)]
    return xs, [blend(x) for x in xs]


def _wave_rows(fr: Frame, w: _Waves) -> list[float]:
    """Row centres, one pitch apart, covering the drawable area and the waves' reach."""
    ys = []
    y = fr.box.y + w.pitch * 0.5
    while y - w.pitch > fr.area.y - w.amp0:
        y -= w.pitch
    while y < fr.area.bottom + w.amp0 + w.s_in:
        ys.append(y)
        y += w.pitch
    return ys


def _wave_centre(w: _Waves, xs, bl, yb: float, phase: float, env_p: float, bits) -> tuple[list, list]:
    """One row's centre line: a wave under a slow envelope that sharpens, where it blends
    into a signal, into steps, and fully blended into square pulses (``bits``: data
    pulses, or None for a square wave). Returns the points and the blend at each."""
    x0, lam, env_l, amp0, a_sig = w.x0, w.lam, w.env_l, w.amp0, w.a_sig
    centre, cbl = [], []
    prev_q = None
    for x, wb in zip(xs, bl):
        th = 2 * math.pi * (x - x0) / lam + phase
        env = 0.35 + 0.65 * (0.5 + 0.5 * math.sin(2 * math.pi * (x - x0) / env_l + env_p))
        A = amp0 * env * (1 - wb) + a_sig * wb
        if wb >= 0.999:
            v = math.sin(th)
            if bits is not None:
                v = 1.0 if bits[int((x - x0) / (lam / 2))] else -1.0
            q = 1.0 if v >= 0 else -1.0
            if prev_q is not None and q != prev_q:
                centre.append((x, yb - A * prev_q))
                cbl.append(wb)
            prev_q = q
            centre.append((x, yb - A * q))
            cbl.append(wb)
        else:
            k = 0.2 + 14.0 * wb * wb
            v = math.tanh(k * math.sin(th)) / math.tanh(k)
            centre.append((x, yb - A * v))
            cbl.append(wb)
            prev_q = None
    return centre, cbl


def _wave_band(fr: Frame, w: _Waves, i: int, centre: list, cbl: list, bl: list) -> None:
    """Row ``i`` as a band of three parallel lines (offsets of the centre line where it is
    a signal), and a dot where the signal line ends at the box edge."""
    sig, to_right = fr.p["signal"], fr.p["signal_side"] == "right"
    back = "" if i % 2 == 0 else "_back"
    for j, d in enumerate((-w.s_in, 0.0, w.s_in)):
        line = offset_polyline(centre, d, miter=3.0) if sig > 0 else [(x, yv - d) for x, yv in centre]
        _wave_line(fr[("line" if j == 1 else "fine") + back], line, cbl, max(1, round(w.per_lam / 6)))
        at_end = bl[-1 if to_right else 0] > 0.99
        if sig > 0 and j == 1 and fr.ctx.bleed[1 if to_right else 3] <= 0 and at_end:
            edge = fr.box.right if to_right else fr.box.x
            yy = line[-1][1] if to_right else line[0][1]
            fr["ends"].dot(edge, yy)


def draw_waves(ctx: MotifContext):
    fr = Frame(ctx, WAVES_PAINT)
    rng = fr.rng
    rng.seed(ctx.seed)  # the drawing's own seeding, kept so the pictures stay the same
    w = _wave_size(fr)
    xs, bl = _wave_samples(fr, w)
    for i, yb in enumerate(_wave_rows(fr, w)):
        phase = i * w.dphi + rng.uniform(-0.08, 0.08)
        env_p = i * 0.35 + rng.uniform(-0.2, 0.2)
        data = rng.random() < 0.6
        bits = [rng.random() < 0.5 for _ in range(int((w.x1 - w.x0) / (w.lam / 2)) + 4)]
        centre, cbl = _wave_centre(w, xs, bl, yb, phase, env_p, bits if data else None)
        _wave_band(fr, w, i, centre, cbl, bl)
    return fr.items()


WAVES = MotifInfo.of("yangtze-waves", draw_waves)



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


MOUNTAIN_PAINT = {  # each contour is set back a little more than the one above (see _contour_paint)
    "crest": Paint("stroke", "@colour", "bold"),  # the highest ridge
    "ridge": Paint("stroke", "@colour", "regular"),  # the upper third
    "foot": Paint("stroke", "@colour", "fine"),  # the rest
    "domes": Paint("stroke", "@colour", "regular", join="miter"),
}


class _Mountain(NamedTuple):
    n_layers: int  # contours
    d: float  # spacing of the contours at the foot
    h_peak: float  # height of the highest ridge above its foot
    base0: float  # the highest ridge's foot


def _contour_paint(n_layers: int) -> dict[str, Paint]:
    """The paint table with one entry per contour, in drawing order: the crest bold,
    the upper third regular, the rest fine, each tinted 1 - 0.7 t down the slope."""
    out = {}
    for i in range(n_layers):
        t = i / max(1, n_layers - 1)
        kind = "crest" if i == 0 else ("ridge" if t < 0.34 else "foot")
        out[f"contour{i}"] = replace(MOUNTAIN_PAINT[kind], f=1.0 - 0.7 * t)
    out["domes"] = MOUNTAIN_PAINT["domes"]
    return out


def _layer_count(p) -> int:
    """Contours: the layers parameter times the density (read as the stroke system reads
    it); needed before the Frame opens, since each contour has its own tint."""
    return max(2, round(p["layers"] * float(p.get("density", 1.0))))


def _mountain_size(fr: Frame, n_layers: int) -> _Mountain:
    """The mountain's height from the box; contour spacing and the highest ridge's height."""
    b = fr.box
    Hm = min(b.h, max(0.42 * b.w, 0.25 * b.h))
    d = Hm * 0.32 / n_layers
    h_peak = Hm - d * (n_layers - 1) - max(Hm * 0.03, fr.mm("bold"))
    return _Mountain(n_layers, d, h_peak, b.bottom - d * (n_layers - 1) - Hm * 0.015)


def _ridge_noise(rng):
    """A little fractal unevenness of the skyline: three sines of random phase."""
    waves = [(rng.uniform(20, 30), rng.uniform(0, 6.3), 0.016),
             (rng.uniform(45, 70), rng.uniform(0, 6.3), 0.01),
             (rng.uniform(100, 140), rng.uniform(0, 6.3), 0.005)]

    def noise(u):
        return sum(amp * math.sin(f * u + ph) for f, ph, amp in waves)
    return noise


def _contours(m: _Mountain, prof: list[float]) -> list[list[float]]:
    """The contours' heights at the samples: each lower one a little flatter and
    smoother than the one above it, and never closer to it than a third of the spacing."""
    n = len(prof) - 1
    prev = None
    lines = []
    cur = prof[:]
    for i in range(m.n_layers):
        t = i / max(1, m.n_layers - 1)
        kf = (1 - t) ** 1.25 * 0.92 + 0.08 * (1 - t)
        ys = [m.base0 + i * m.d - m.h_peak * kf * v for v in cur]
        if prev is not None:
            ys = [max(y, py + m.d * 0.35) for y, py in zip(ys, prev)]
        lines.append(ys)
        prev = ys
        cur = [(cur[max(0, k - 2)] + 2 * cur[max(0, k - 1)] + 3 * cur[k] + 2 * cur[min(n, k + 1)]
                + cur[min(n, k + 2)]) / 9 for k in range(n + 1)]
    return lines


def _observatory(fr: Frame, m: _Mountain, xs: list[float], ys0: list[float]) -> None:
    """The Purple Mountain Observatory's domes on Tianbao Shan's crest."""
    n = len(xs) - 1
    xc = fr.box.x + _PEAKS[1][0] * fr.box.w
    k = min(range(n + 1), key=lambda j: abs(xs[j] - xc))
    k = min(range(max(0, k - 4), min(n + 1, k + 5)), key=lambda j: ys0[j])
    r = max(m.h_peak * 0.022, fr.mm("bold") * 1.5)
    dome = fr["domes"]
    for dx, rr in ((-2.2, 0.7), (0.0, 1.0), (2.0, 0.55)):
        x = xs[k] + dx * r
        j = min(range(n + 1), key=lambda q: abs(xs[q] - x))
        yb = min(ys0[max(0, j - 1):j + 2]) - fr.mm("bold") * 0.4
        dome.M(x - rr * r * 1.25, yb).L(x + rr * r * 1.25, yb)
        dome.M(x - rr * r, yb).L(x - rr * r, yb - rr * r * 0.35)
        dome.arc(x, yb - rr * r * 0.35, rr * r, 180, 360, start=False).L(x + rr * r, yb)


def draw_mountain(ctx: MotifContext):
    n_layers = _layer_count(ctx.params)
    fr = Frame(ctx, _contour_paint(n_layers))
    fr.rng.seed(ctx.seed)  # the drawing's own seeding, kept so the pictures stay the same
    m = _mountain_size(fr, n_layers)
    noise = _ridge_noise(fr.rng)
    a, b = fr.area, fr.box
    xs = [a.x + (a.right - a.x) * u for u in (k / 120 for k in range(121))]
    lines = _contours(m, [_ridge((x - b.x) / b.w, noise) for x in xs])
    for i, ys in enumerate(lines):
        fr[f"contour{i}"].smooth(list(zip(xs, ys)))
    if fr.p["observatory"]:
        _observatory(fr, m, xs, lines[0])
    return fr.items()

MOUNTAIN = MotifInfo.of("purple-mountain", draw_mountain)

INFOS = [WAVES, MOUNTAIN]
