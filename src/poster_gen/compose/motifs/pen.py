"""Drawing helpers for motifs: an affine transform, a small path builder with Bézier
circles, arcs, ellipses, Catmull-Rom smoothing and parametric curves, polyline offsets
and ribbons, and the outline of a union of circles (petals, cloud lobes). Clipping to
the drawable area lives in :mod:`.clip`.

Path ops are tuples: ("M", x, y), ("L", x, y), ("C", x1, y1, x2, y2, x3, y3), ("Z",).
Units are millimetres, y grows downwards; angles are degrees (so, with y down, a
positive angle turns clockwise on the page).
"""
from __future__ import annotations

import math
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterable, Sequence

Pt = tuple[float, float]


@dataclass(frozen=True)
class Affine:
    """x' = a*x + c*y + e, y' = b*x + d*y + f."""

    a: float = 1.0
    b: float = 0.0
    c: float = 0.0
    d: float = 1.0
    e: float = 0.0
    f: float = 0.0

    @staticmethod
    def translate(dx: float, dy: float) -> "Affine":
        return Affine(1, 0, 0, 1, dx, dy)

    @staticmethod
    def scale(sx: float, sy: float | None = None) -> "Affine":
        return Affine(sx, 0, 0, sx if sy is None else sy, 0, 0)

    @staticmethod
    def rotate(deg: float, cx: float = 0.0, cy: float = 0.0) -> "Affine":
        r = math.radians(deg)
        co, si = math.cos(r), math.sin(r)
        rot = Affine(co, si, -si, co, 0, 0)
        return Affine.translate(cx, cy) @ rot @ Affine.translate(-cx, -cy)

    def __matmul__(self, o: "Affine") -> "Affine":
        """self @ o applies o first, then self."""
        return Affine(self.a * o.a + self.c * o.b, self.b * o.a + self.d * o.b,
                      self.a * o.c + self.c * o.d, self.b * o.c + self.d * o.d,
                      self.a * o.e + self.c * o.f + self.e, self.b * o.e + self.d * o.f + self.f)

    def __call__(self, x: float, y: float) -> Pt:
        return (self.a * x + self.c * y + self.e, self.b * x + self.d * y + self.f)

    def ops(self, ops: Iterable[tuple]) -> list[tuple]:
        return transform_ops(ops, self)


IDENTITY = Affine()


def transform_ops(ops: Iterable[tuple], tf: Affine) -> list[tuple]:
    out = []
    for op in ops:
        if op[0] == "Z":
            out.append(op)
            continue
        v = list(op[1:])
        for i in range(0, len(v), 2):
            v[i], v[i + 1] = tf(v[i], v[i + 1])
        out.append((op[0], *v))
    return out


def arc_segments(cx: float, cy: float, rx: float, ry: float, a0: float, a1: float) -> list[tuple]:
    """Cubic segments (each <= 90 degrees) of an elliptical arc from a0 to a1 (degrees)."""
    sweep = a1 - a0
    n = max(1, math.ceil(abs(sweep) / 90.0 - 1e-9))
    step = math.radians(sweep / n)
    k = 4.0 / 3.0 * math.tan(step / 4.0)
    out = []
    t = math.radians(a0)
    for _ in range(n):
        t2 = t + step
        c0, s0, c1, s1 = math.cos(t), math.sin(t), math.cos(t2), math.sin(t2)
        out.append(("C", cx + rx * (c0 - k * s0), cy + ry * (s0 + k * c0),
                    cx + rx * (c1 + k * s1), cy + ry * (s1 - k * c1), cx + rx * c1, cy + ry * s1))
        t = t2
    return out


class Pen:
    """Accumulates path ops; every point goes through the current transform."""

    def __init__(self, tf: Affine = IDENTITY):
        self.ops: list[tuple] = []
        self.tf = tf

    @contextmanager
    def frame(self, tf: Affine):
        old = self.tf
        self.tf = old @ tf
        try:
            yield self
        finally:
            self.tf = old

    # primitives ---------------------------------------------------------------
    def M(self, x, y):
        self.ops.append(("M", *self.tf(x, y)))
        return self

    def L(self, x, y):
        self.ops.append(("L", *self.tf(x, y)))
        return self

    def C(self, x1, y1, x2, y2, x3, y3):
        self.ops.append(("C", *self.tf(x1, y1), *self.tf(x2, y2), *self.tf(x3, y3)))
        return self

    def Z(self):
        self.ops.append(("Z",))
        return self

    def extend(self, ops: Iterable[tuple]):
        self.ops.extend(transform_ops(ops, self.tf))
        return self

    # shapes ---------------------------------------------------------------------
    def poly(self, pts: Sequence[Pt], closed: bool = False):
        if len(pts) < 2:
            return self
        self.M(*pts[0])
        for p in pts[1:]:
            self.L(*p)
        if closed:
            self.Z()
        return self

    def line(self, x0, y0, x1, y1):
        return self.M(x0, y0).L(x1, y1)

    def dot(self, x, y):
        """A point: stroke it with round caps to get a round dot of the stroke width."""
        return self.M(x, y).L(x + 0.002, y)

    def rect(self, x, y, w, h):
        return self.poly([(x, y), (x + w, y), (x + w, y + h), (x, y + h)], closed=True)

    def round_rect(self, x, y, w, h, r):
        r = max(0.0, min(r, w / 2, h / 2))
        if r <= 0:
            return self.rect(x, y, w, h)
        self.M(x + r, y).L(x + w - r, y)
        self.arc(x + w - r, y + r, r, -90, 0, start=False)
        self.L(x + w, y + h - r)
        self.arc(x + w - r, y + h - r, r, 0, 90, start=False)
        self.L(x + r, y + h)
        self.arc(x + r, y + h - r, r, 90, 180, start=False)
        self.L(x, y + r)
        self.arc(x + r, y + r, r, 180, 270, start=False)
        return self.Z()

    def ellipse(self, cx, cy, rx, ry):
        self.M(cx + rx, cy)
        for seg in arc_segments(cx, cy, rx, ry, 0, 360):
            self.C(*seg[1:])
        return self.Z()

    def circle(self, cx, cy, r):
        return self.ellipse(cx, cy, r, r)

    def arc(self, cx, cy, r, a0, a1, start: bool = True, ry: float | None = None):
        """Arc from angle a0 to a1 (degrees); ``start`` moves to its first point, else the
        arc continues from the current point (which should be the arc's start)."""
        ry = r if ry is None else ry
        if start:
            t = math.radians(a0)
            self.M(cx + r * math.cos(t), cy + ry * math.sin(t))
        for seg in arc_segments(cx, cy, r, ry, a0, a1):
            self.C(*seg[1:])
        return self

    def smooth(self, pts: Sequence[Pt], closed: bool = False, tension: float = 1.0,
               start: bool = True):
        """A Catmull-Rom spline through ``pts`` as cubic Béziers."""
        n = len(pts)
        if n < 3:
            if start:
                return self.poly(pts)
            for p in pts[1:]:
                self.L(*p)
            return self
        if start:
            self.M(*pts[0])
        k = tension / 6.0
        rng = range(n) if closed else range(n - 1)
        for i in rng:
            p0 = pts[(i - 1) % n] if (closed or i > 0) else pts[0]
            p1, p2 = pts[i], pts[(i + 1) % n]
            p3 = pts[(i + 2) % n] if (closed or i + 2 < n) else pts[-1]
            self.C(p1[0] + (p2[0] - p0[0]) * k, p1[1] + (p2[1] - p0[1]) * k,
                   p2[0] - (p3[0] - p1[0]) * k, p2[1] - (p3[1] - p1[1]) * k, p2[0], p2[1])
        if closed:
            self.Z()
        return self

    def curve_fn(self, fn, t0: float, t1: float, n: int, start: bool = True, h: float = 1e-4):
        """A parametric curve fn(t) -> (x, y) as ``n`` cubic Hermite segments."""
        def d(t):
            a, b = fn(t - h), fn(t + h)
            return ((b[0] - a[0]) / (2 * h), (b[1] - a[1]) / (2 * h))
        p = fn(t0)
        if start:
            self.M(*p)
        dp = d(t0)
        for i in range(1, n + 1):
            t = t0 + (t1 - t0) * i / n
            q, dq = fn(t), d(t)
            s = (t1 - t0) / n / 3.0
            self.C(p[0] + dp[0] * s, p[1] + dp[1] * s, q[0] - dq[0] * s, q[1] - dq[1] * s, q[0], q[1])
            p, dp = q, dq
        return self


# polylines --------------------------------------------------------------------------
def offset_polyline(pts: Sequence[Pt], d: float | Sequence[float], miter: float = 4.0) -> list[Pt]:
    """The polyline shifted ``d`` to the left of travel (y down: left is the visual
    left when walking along it); ``d`` may vary per vertex. Miter joins, limited."""
    n = len(pts)
    ds = [d] * n if isinstance(d, (int, float)) else list(d)
    norms = []
    for i in range(n - 1):
        dx, dy = pts[i + 1][0] - pts[i][0], pts[i + 1][1] - pts[i][1]
        ln = math.hypot(dx, dy) or 1.0
        norms.append((dy / ln, -dx / ln))
    out = []
    for i in range(n):
        if i == 0:
            nx, ny = norms[0]
            s = 1.0
        elif i == n - 1:
            nx, ny = norms[-1]
            s = 1.0
        else:
            ax, ay = norms[i - 1]
            bx, by = norms[i]
            mx, my = ax + bx, ay + by
            ml = math.hypot(mx, my)
            if ml < 1e-9:
                nx, ny, s = ax, ay, 1.0
            else:
                nx, ny = mx / ml, my / ml
                cos_half = nx * ax + ny * ay
                s = min(1.0 / max(cos_half, 1e-9), miter)
        out.append((pts[i][0] + nx * ds[i] * s, pts[i][1] + ny * ds[i] * s))
    return out


def ribbon(pts: Sequence[Pt], widths: Sequence[float]) -> list[Pt]:
    """A closed outline of a polyline with a varying width (for brush-like strokes)."""
    half = [w / 2 for w in widths]
    left = offset_polyline(pts, half, miter=2.5)
    right = offset_polyline(pts, [-h for h in half], miter=2.5)
    return left + right[::-1]


def smoothstep(t: float) -> float:
    t = max(0.0, min(1.0, t))
    return t * t * (3 - 2 * t)


def circle_union_arcs(circles: Sequence[tuple[float, float, float]]) -> list[tuple]:
    """The outline of a union of circles as arcs (cx, cy, r, a0, a1), degrees, a0 < a1,
    chained in drawing order where one arc ends where the next begins."""
    arcs = []
    for i, (cx, cy, r) in enumerate(circles):
        angles = []
        buried = False
        for j, (ox, oy, orad) in enumerate(circles):
            if i == j:
                continue
            d = math.hypot(ox - cx, oy - cy)
            if d + r <= orad + 1e-9 and (d > 1e-9 or r < orad or j < i):
                buried = True
                break
            if d >= r + orad or d <= abs(r - orad) or d < 1e-12:
                continue
            base = math.atan2(oy - cy, ox - cx)
            half = math.acos(max(-1.0, min(1.0, (r * r + d * d - orad * orad) / (2 * r * d))))
            angles += [math.degrees(base - half) % 360, math.degrees(base + half) % 360]
        if buried:
            continue
        if not angles:
            arcs.append((cx, cy, r, 0.0, 360.0))
            continue
        angles.sort()
        for k, a0 in enumerate(angles):
            a1 = angles[(k + 1) % len(angles)] + (360 if k == len(angles) - 1 else 0)
            if a1 - a0 < 1e-6:
                continue
            mid = math.radians((a0 + a1) / 2)
            px, py = cx + r * math.cos(mid), cy + r * math.sin(mid)
            if any(math.hypot(px - ox, py - oy) < orad - 1e-9
                   for j, (ox, oy, orad) in enumerate(circles) if j != i):
                continue
            if arcs and arcs[-1][:3] == (cx, cy, r) and abs(arcs[-1][4] - a0) < 1e-6:
                arcs[-1] = (cx, cy, r, arcs[-1][3], a1)
            else:
                arcs.append((cx, cy, r, a0, a1))
    # merge the wrap-around piece of each circle and chain arcs end-to-start
    def end(a):
        t = math.radians(a[4])
        return (a[0] + a[2] * math.cos(t), a[1] + a[2] * math.sin(t))

    def start(a):
        t = math.radians(a[3])
        return (a[0] + a[2] * math.cos(t), a[1] + a[2] * math.sin(t))

    merged: list[tuple] = []
    for a in arcs:
        for k, b in enumerate(merged):
            if b[:3] == a[:3] and abs((b[3] + 360) - a[4]) < 1e-6:
                merged[k] = (*a[:3], a[3], b[4] + 360)
                break
            if b[:3] == a[:3] and abs((a[3] + 360) - b[4]) < 1e-6:
                merged[k] = (*a[:3], b[3], a[4] + 360)
                break
        else:
            merged.append(a)
    chained: list[tuple] = []
    rest = merged[:]
    while rest:
        cur = rest.pop(0)
        chained.append(cur)
        while True:
            e = end(chained[-1])
            nxt = next((b for b in rest if math.dist(start(b), e) < 1e-5), None)
            if nxt is None:
                break
            rest.remove(nxt)
            chained.append(nxt)
    return chained


def draw_arcs(pen: "Pen", arcs: Sequence[tuple], closed_tol: float = 1e-4) -> None:
    """Stroke chained arcs from :func:`circle_union_arcs` as few subpaths as possible."""
    last = None
    first = None
    for cx, cy, r, a0, a1 in arcs:
        t0 = math.radians(a0)
        p0 = (cx + r * math.cos(t0), cy + r * math.sin(t0))
        if last is None or math.dist(last, p0) > 1e-5:
            if last is not None and first is not None and math.dist(last, first) < closed_tol:
                pen.Z()
            pen.arc(cx, cy, r, a0, a1)
            first = p0
        else:
            pen.arc(cx, cy, r, a0, a1, start=False)
        t1 = math.radians(a1)
        last = (cx + r * math.cos(t1), cy + r * math.sin(t1))
    if last is not None and first is not None and math.dist(last, first) < closed_tol:
        pen.Z()
