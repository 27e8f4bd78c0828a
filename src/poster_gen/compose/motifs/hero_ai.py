"""Hero: artificial intelligence: the Purple Mountain made of a neural network whose nodes
are plum blossoms.

Zijin Shan seen across Xuanwu Lake: the long eastern foothills, Xiaomao Shan, the main peak
(Beigaofeng), Tianbao Shan. The mountain IS the network: its layers are the mountain's
contour lines, from a flat input layer on the lake shore to the skyline; the nodes are plum
blossoms that open as the signal rises (buds at the foot, full bloom on the ridge); the
edges, fine S-curves, make the mountain's mass; activation paths carry the signal up to
the three summits, rose blossoms. The ridge is fitted under the text it frames
(``ctx.keep_out``): as high as the name leaves room for, highest on the right.
"""
from __future__ import annotations

import bisect
import math

from .base import MotifInfo
from .frame import Frame, Paint
from .pen import Affine, Pen, circle_union_arcs, draw_arcs, transform_ops

PAINT = {
    "mass": Paint("fill", "secondary", f=0.45),
    "crest": Paint("fill", "secondary", f=0.8),
    "edge": Paint("stroke", "@colour", "fine", 0.85),
    "ridge": Paint("stroke", "@colour", "bold"),
    "ripple": Paint("stroke", "@colour", "fine", 0.7),
    "hot": Paint("stroke", "@accent", "bold"),
    "petal": Paint("fill", "paper"),
    "petal_hot": Paint("fill", "blossom"),
    "outline": Paint("stroke", "@colour", "regular"),
    "outline_hot": Paint("stroke", "blossom", "regular"),
    "stamen": Paint("stroke", "deep", "fine"),
    "stamen_hot": Paint("stroke", "paper", "fine"),
    "anther": Paint("stroke", "deep", "regular"),
    "anther_hot": Paint("stroke", "paper", "regular"),
}

# The skyline west to east as bumps (offset from the main peak and left and right
# half-widths in box widths, height): the eastern foothills, a shoulder, Xiaomao Shan, the
# main peak, Tianbao Shan, the western spur, and the massif under the three.
_PEAKS = ((-0.66, 0.14, 0.26, 0.16), (-0.42, 0.30, 0.14, 0.10), (-0.21, 0.64, 0.10, 0.08),
          (0.0, 1.0, 0.15, 0.13), (0.18, 0.60, 0.08, 0.10), (0.32, 0.30, 0.08, 0.14),
          (0.0, 0.62, 0.26, 0.22))
_SUMMITS = (2, 3, 4)  # the three peaks that carry a summit blossom
_LAYERS = 6


def _mm(fr):
    """The drawing's millimetre: sizes are designed on the A2 hero (420 x 300 mm)."""
    return max(fr.u, fr.box.w / 140) / 3


def _window(vals, w, op=lambda q: sum(q) / len(q)):
    """A moving window (``op`` over the 2w+1 values around each; the mean by default)."""
    return [op(vals[max(0, k - w):k + w + 1]) for k in range(len(vals))]


def _y_at(xs, ys, x):
    k = max(1, min(len(xs) - 1, bisect.bisect_left(xs, x)))
    return ys[k - 1] + (x - xs[k - 1]) / ((xs[k] - xs[k - 1]) or 1.0) * (ys[k] - ys[k - 1])


def _profile(us, stretch):
    """Skyline height (0..1) at offsets ``us`` from the main peak (box widths): a soft
    maximum of the ridge masses; ``stretch`` spaces the peaks (and widens them less)."""
    k, ws, out = 10.0, stretch ** 0.5, []
    for u in us:
        bumps = (pk * math.exp(-((u - c * stretch) / (wl if u < c * stretch else wr) / ws) ** 2)
                 for c, pk, wl, wr in _PEAKS)
        soft_max = math.log(sum(math.exp(k * h) for h in bumps)) - 0.55 * math.log(len(_PEAKS))
        out.append(max(0.0, soft_max / k))
    top = max(out) or 1.0
    return [v / top for v in out]


def _fit(fr, xs, base, gap):
    """Place the mountain: where its main peak stands, how far apart the peaks, how high
    (a plateau, the relief above it): the upper peaks as high as the keep-out allows; the
    room under the text (eroded, then smoothed: never above it) caps the rest."""
    b, side = fr.box, 8 * _mm(fr)
    wide = [k.bottom for k in fr.keep_out if k.w > 0.8 * b.w]  # the header: nothing above it
    floor = max(wide) if wide else b.y + 0.2 * b.h
    room = [base - gap - max([floor] + [k.bottom for k in fr.keep_out if k.x - side <= x <= k.right + side])
            for x in xs]
    room = _window(_window(room, 9, min), 9)
    plateau = min(0.15 * b.h, 0.8 * min(room))
    coarse = range(0, len(xs), 4)

    def lift(px, stretch, idx):
        v = _profile([(xs[i] - b.x) / b.w - px for i in idx], stretch)
        return v, min([(room[i] - plateau) / vv for i, vv in zip(idx, v) if vv > 0.45] + [0.62 * b.h])

    def score(px, st):
        return lift(px, st, coarse)[1] - 150 * max(0.0, abs(px - 0.78) - 0.02) - 30 * abs(st - 0.85), px, st

    _, px, stretch = max(score(0.66 + 0.04 * i, st) for i in range(7) for st in (0.6, 0.8, 1.0))
    _, px, stretch = max(score(px + dx, stretch + ds) for dx in (-0.02, 0, 0.02) for ds in (-0.1, 0, 0.1))
    v, relief = lift(px, stretch, range(len(xs)))
    return v, plateau, relief, [b.x + b.w * (px + _PEAKS[i][0] * stretch) for i in _SUMMITS], room


def _layers(fr, xs, v, base, plateau, relief, room):
    """The network's layers: contour lines of the mountain, flat at the foot, the skyline
    (a little uneven) at the top, lower layers smoother; all pressed down together where
    the ridge would reach into the room of the text (a soft minimum)."""
    b = fr.box
    waves = [(f, fr.rng.uniform(0, 6.3), amp) for f, amp in ((23, 0.014), (57, 0.008), (131, 0.004))]
    v = [q + (0.3 + q) * sum(amp * math.sin(f * (x - b.x) / b.w + ph) for f, ph, amp in waves)
         for q, x in zip(v, xs)]
    soft = _window(_window(v, 7), 7)
    d = plateau / (_LAYERS - 1)
    hs = []
    for i in range(_LAYERS):
        t = i / (_LAYERS - 1)
        h = [i * d + relief * t ** 1.15 * (t * a + (1 - t) * sv) for a, sv in zip(v, soft)]
        hs.append([max(q, p + 0.7 * d) for q, p in zip(h, hs[-1])] if hs else h)
    k = 0.05 * b.h
    press = [(h + r - math.sqrt((h - r) ** 2 + k * k)) / 2 / max(h, 1e-9) for h, r in zip(hs[-1], room)]
    return [[base - h * f for h, f in zip(layer, press)] for layer in hs]


def _summits(fr, xs, top, peaks):
    """Each summit: the skyline's highest point near its peak."""
    out = []
    for p in peaks:
        q = min(max(p, xs[0]), xs[-1])
        near = [(x, y) for x, y in zip(xs, top) if abs(x - p) < 0.04 * fr.box.w]
        out.append(min(near, key=lambda c: c[1], default=(q, _y_at(xs, top, q))))
    return out


def _spacing(fr, i):
    """The nodes' spacing along layer ``i``: wider up the mountain (the network narrows
    towards the summits); never more than about 36 across."""
    return max(24 * _mm(fr) / fr.ink.density, fr.area.w / 36) * (1 + 0.45 * i / (_LAYERS - 1))


def _nodes(fr, xs, layers, peaks, base):
    """Blossom nodes along each layer, (x, y, r, bloom, layer), the skyline's through the
    summits (the largest): buds at the foot, full bloom on the ridge; nothing touching."""
    mm, placed = _mm(fr), []
    for i in reversed(range(_LAYERS)):
        t, sp = i / (_LAYERS - 1), _spacing(fr, i)
        if i == _LAYERS - 1:
            at = list(peaks)
            at += [peaks[0] - q * sp for q in range(1, int((peaks[0] - xs[0]) / sp) + 1)]
            at += [peaks[-1] + q * sp for q in range(1, int((xs[-1] - peaks[-1]) / sp) + 1)]
            for s0, s1 in zip(peaks, peaks[1:]):
                m = max(1, round((s1 - s0) / sp))
                at += [s0 + (s1 - s0) * q / m for q in range(1, m)]
        else:
            phase = (0.5 * (i % 2) + 0.25) * sp
            at = [xs[0] + phase + j * sp for j in range(int((xs[-1] - xs[0] - phase) / sp) + 1)]
        for x in sorted(at):
            y = _y_at(xs, layers[i], x)
            room = (base - _y_at(xs, layers[-1], x)) / (_LAYERS - 1)  # the layers' spacing here
            r = min((3.0 + 3.0 * t) * mm, 0.4 * room) * fr.rng.uniform(0.85, 1.12)
            if i == _LAYERS - 1 and x in peaks:
                r = (12.5 if x == peaks[1] else 8.5) * mm
            for o in placed:
                r = min(r, math.hypot(x - o[0], y - o[1]) - o[2] - 1.2 * mm)
            if r >= 1.8 * mm:
                placed.append((x, y, r, min(1.0, max(0.0, t + fr.rng.uniform(-0.15, 0.15))), i))
    return placed


def _s_curve(x0, y0, x1, y1, t):
    """An edge: leaving its node upwards, arriving at the next from below."""
    u, m = 1 - t, 0.45 * (y0 - y1)
    return (u * u * (1 + 2 * t) * x0 + t * t * (3 - 2 * t) * x1,
            u ** 3 * y0 + 3 * u * u * t * (y0 - m) + 3 * u * t * t * (y1 + m) + t ** 3 * y1)


def _edges(fr, nodes, xs, ridge):
    """Each node feeds the nodes of the layer above within reach (crossing fans, like a
    network diagram), every edge rising and inside the mountain; each node keeps at least
    one edge up and one down where it can."""
    by = [[k for k, n in enumerate(nodes) if n[4] == i] for i in range(_LAYERS)]
    mm, edges = _mm(fr), set()

    def inside(a, b):
        (x0, y0), (x1, y1) = nodes[a][:2], nodes[b][:2]
        on = (_s_curve(x0, y0, x1, y1, t) for t in (0.2, 0.4, 0.6, 0.8))
        rises = y0 - y1 > max(3 * mm, 0.3 * abs(x1 - x0))
        return rises and all(q[1] > _y_at(xs, ridge, q[0]) + 1.5 * mm for q in on)

    def near(pool, k):
        return [min(pool, key=lambda q: abs(nodes[q][0] - nodes[k][0]))] if pool else []

    for lo, hi, sp in zip(by, by[1:], (_spacing(fr, i + 1) for i in range(_LAYERS))):
        for a in lo:
            edges.update((a, b) for b in hi if abs(nodes[a][0] - nodes[b][0]) <= 1.8 * sp and inside(a, b))
        for a in lo:
            edges.update((a, b) for b in near([b for b in hi if inside(a, b)], a))
        for b in hi:
            edges.update((a, b) for a in near([a for a in lo if inside(a, b)], b))
    return edges, by


def _paths(fr, nodes, edges, by, summits):
    """Activation paths: from inputs along the foot up to the summits (one far from the
    west to Xiaomao Shan, two to the main peak, one to Tianbao Shan), each step heading for
    its summit along the edges that can still reach it."""
    up = {}
    for a, b in edges:
        up.setdefault(a, []).append(b)
    ends = [min(by[-1], key=lambda k: math.hypot(nodes[k][0] - sx, nodes[k][1] - sy)) for sx, sy in summits]
    b, hot_edges, hot_nodes = fr.box, set(), set()
    for dx, s in ((-0.7, 0), (-0.36, 1), (-0.06, 1), (-0.05, 2)):  # where each starts, from its summit
        target = ends[s]
        can = [set() for _ in range(_LAYERS - 1)] + [{target}]
        for i in range(_LAYERS - 2, -1, -1):
            can[i] = {a for a in by[i] if any(q in can[i + 1] for q in up.get(a, ()))}
        start = b.x + b.w * max(0.04, min(0.96, (nodes[target][0] - b.x) / b.w + dx))
        a = min(can[0], key=lambda k: abs(nodes[k][0] - start), default=None)
        while a is not None:
            hot_nodes.add(a)
            if a == target:
                break
            want = nodes[a][0] + (nodes[target][0] - nodes[a][0]) / (_LAYERS - 1 - nodes[a][4])
            nxt = min((q for q in up[a] if q in can[nodes[a][4] + 1]), key=lambda k: abs(nodes[k][0] - want))
            hot_edges.add((a, nxt))
            a = nxt
    return hot_edges, hot_nodes


def _blossom_shape(rng, bloom):
    """A five-petal plum blossom of radius 1, opening with ``bloom`` (0: a round bud, 1:
    full open): the petals' outline, and (opened) the stamens and their anthers."""
    dc, rp = 0.22 + 0.35 * bloom, 0.30 + 0.13 * bloom
    circles = []
    for k in range(5):
        a = math.radians(72 * k + rng.uniform(-4, 4))
        circles.append((dc * math.cos(a), dc * math.sin(a), rp * rng.uniform(0.95, 1.05)))
    rim, fine, dots = Pen(), Pen(), Pen()
    draw_arcs(rim, circle_union_arcs(circles))
    if bloom >= 0.3:
        fine.circle(0, 0, 0.1)
        n = 5 + round(6 * bloom)
        for k in range(n):
            a = math.radians(36 + k * 360 / n + rng.uniform(-7, 7))
            r1 = (0.22 + 0.28 * bloom) * rng.uniform(0.85, 1.1)
            (fine.M if k == 0 else fine.L)(0.1 * math.cos(a), 0.1 * math.sin(a))  # one zigzag
            fine.L(r1 * math.cos(a), r1 * math.sin(a))
            dots.dot(r1 * math.cos(a), r1 * math.sin(a))
    return rim.ops, fine.ops, dots.ops


def _blossom(fr, shapes, x, y, r, bloom, hot):
    """One node: one of the drawing's few blossom shapes (by bloom, in two variants),
    turned and scaled; filled, so the edges stop at its rim."""
    key = (round(bloom * 5), fr.rng.randrange(2))
    if key not in shapes:
        shapes[key] = _blossom_shape(fr.rng, key[0] / 5)
    tf = Affine.translate(x, y) @ Affine.rotate(fr.rng.uniform(0, 72)) @ Affine.scale(r)
    rim, fine, dots = (transform_ops(ops, tf) for ops in shapes[key])
    sfx = "_hot" if hot else ""
    for pen, ops in (("petal", rim), ("outline", rim), ("stamen", fine), ("anther", dots)):
        fr[pen + sfx].ops.extend(ops)


def _paint(fr, xs, layers, base, nodes, edges, hot_edges, hot_nodes):
    """The mountain's mass and its crest band, the ridge (in slabs, so that no fill's box
    reaches a keep-out box), the edges, the activation paths, then the blossoms."""
    a, low, top = fr.area, layers[-2], layers[-1]
    cuts = sorted({a.x, a.right} | {min(a.right, max(a.x, x)) for k in fr.keep_out
                                    for x in (k.x - 8 * _mm(fr), k.right + 8 * _mm(fr))})
    for c0, c1 in zip(cuts, cuts[1:]):
        c0, c1 = max(a.x, c0 - 0.4), min(a.right, c1 + 0.4)
        ridge, under = ([(c0, _y_at(xs, ys, c0))] + [p for p in zip(xs, ys) if c0 < p[0] < c1]
                        + [(c1, _y_at(xs, ys, c1))] for ys in (top, low))
        fr["mass"].poly(ridge + [(c1, base), (c0, base)], closed=True)
        fr["crest"].poly(ridge + under[::-1], closed=True)
        fr["ridge"].smooth(ridge)
    for e in sorted(edges):
        (x0, y0, r0, b0, _), (x1, y1, r1, b1, _) = nodes[e[0]], nodes[e[1]]
        ln = math.hypot(x1 - x0, y1 - y0)
        o0, o1 = r0 * (0.52 + 0.48 * b0), r1 * (0.52 + 0.48 * b1)  # the blossoms' rims
        if ln > o0 + o1:
            fr["hot" if e in hot_edges else "edge"].curve_fn(
                lambda t: _s_curve(x0, y0, x1, y1, t), 0.6 * o0 / ln, 1 - 0.6 * o1 / ln, 1)
    shapes = {}
    for k, (x, y, r, bloom, _) in enumerate(nodes):
        _blossom(fr, shapes, x, y, r, bloom, k in hot_nodes)


def _lake(fr, xs, ridge, base):
    """Xuanwu Lake at the mountain's foot: broken ripple lines, the shore's long, those
    further out shorter and only where they mirror the high ridge."""
    b, a, mm, rng = fr.box, fr.area, _mm(fr), fr.rng
    hi = base - min(ridge) or 1.0
    for row in range(3):
        y = base + (4.5 + 3.4 * row) * mm
        if y > b.bottom - mm:
            break
        x = a.x + rng.uniform(0, 10) * mm
        while x < a.right:
            h = (base - _y_at(xs, ridge, x)) / hi
            ln = rng.uniform(0.3, 1.0) * (30 - 8 * row) * (0.3 + 0.7 * h) * mm
            if rng.random() < (0.9 if row == 0 else h ** (0.6 + row)):
                fr["ripple"].line(x, y, min(a.right, x + ln), y)
            x += ln + rng.uniform(2.5, 8) * mm * (1 + row)


def draw_hero_mountain_network(ctx):
    fr = Frame(ctx, PAINT)
    a = fr.area
    xs = [a.x + a.w * k / 160 for k in range(161)]
    base = fr.box.bottom - 15 * _mm(fr)
    v, plateau, relief, peaks, room = _fit(fr, xs, base, 15 * _mm(fr))
    layers = _layers(fr, xs, v, base, plateau, relief, room)
    top = layers[-1]
    summits = _summits(fr, xs, top, peaks)
    nodes = _nodes(fr, xs, layers, [s[0] for s in summits], base)
    edges, by = _edges(fr, nodes, xs, top)
    hot = _paths(fr, nodes, edges, by, summits)
    _paint(fr, xs, layers, base + 1.5 * _mm(fr), nodes, edges, *hot)
    _lake(fr, xs, top, base)
    return fr.items()


INFOS = (MotifInfo.of("hero-mountain-network", draw_hero_mountain_network),)
