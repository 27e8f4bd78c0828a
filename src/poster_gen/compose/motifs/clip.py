"""Clipping for motif geometry: keep every coordinate inside the drawable area.

Subpaths wholly inside are kept verbatim (curves stay curves); subpaths that cross the
edge are clipped, with the crossing curves flattened to short lines.
"""
from __future__ import annotations

import math
from typing import Sequence

Pt = tuple[float, float]


def _subpaths(ops: Sequence[tuple]) -> list[list[tuple]]:
    subs: list[list[tuple]] = []
    for op in ops:
        if op[0] == "M" or not subs:
            subs.append([op if op[0] == "M" else ("M", *op[-2:])])
            if op[0] != "M":
                subs[-1].append(op)
        else:
            subs[-1].append(op)
    return subs


def _extent(sub) -> tuple[float, float, float, float]:
    """A subpath's coordinates' bounds (x0, y0, x1, y1), control points included: the
    x values of an op are its odd fields, the y values its even ones."""
    xs: list[float] = []
    ys: list[float] = []
    for op in sub:
        xs += op[1::2]
        ys += op[2::2]
    return min(xs), min(ys), max(xs), max(ys)


def _flatten_cubic(p0, c1, c2, p3) -> list[Pt]:
    ln = math.dist(p0, c1) + math.dist(c1, c2) + math.dist(c2, p3)
    n = max(4, min(64, math.ceil(ln / 0.6)))
    return [_bez(p0, c1, c2, p3, i / n) for i in range(1, n + 1)]


def _bez(p0, c1, c2, p3, t):
    u = 1 - t
    return (u ** 3 * p0[0] + 3 * u * u * t * c1[0] + 3 * u * t * t * c2[0] + t ** 3 * p3[0],
            u ** 3 * p0[1] + 3 * u * u * t * c1[1] + 3 * u * t * t * c2[1] + t ** 3 * p3[1])


def _split(p0, c1, c2, p3, t):
    """de Casteljau: the two halves of a cubic at t."""
    def mix(a, b):
        return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)
    a, b, c = mix(p0, c1), mix(c1, c2), mix(c2, p3)
    d, e = mix(a, b), mix(b, c)
    f = mix(d, e)
    return (p0, a, d, f), (f, e, c, p3)


def _sub_cubic(seg, ta, tb):
    first, _ = _split(*seg, tb)
    if ta <= 0:
        return first
    return _split(*first, ta / tb)[1]


def _crossings(seg, x0, y0, x1, y1) -> list[float]:
    """Parameters in (0, 1) where a cubic crosses one of the box's edge lines."""
    ts = []
    n = 48
    samples = [_bez(*seg, i / n) for i in range(n + 1)]  # once, for all four edges
    for axis, edge in ((0, x0), (0, x1), (1, y0), (1, y1)):
        prev_t, prev_v = 0.0, seg[0][axis] - edge
        for i in range(1, n + 1):
            t = i / n
            v = samples[i][axis] - edge
            if (prev_v < 0) != (v < 0):
                lo, hi, vlo = prev_t, t, prev_v
                for _ in range(40):
                    mid = (lo + hi) / 2
                    vm = _bez(*seg, mid)[axis] - edge
                    if (vm < 0) == (vlo < 0):
                        lo, vlo = mid, vm
                    else:
                        hi = mid
                ts.append((lo + hi) / 2)
            prev_t, prev_v = t, v
    return sorted(t for t in ts if 1e-9 < t < 1 - 1e-9)


def clip_segment(a: Pt, b: Pt, x0, y0, x1, y1):
    """The part of the segment a-b inside the box x0..x1, y0..y1 (Liang-Barsky), or None."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, a[0] - x0), (dx, x1 - a[0]), (-dy, a[1] - y0), (dy, y1 - a[1])):
        if abs(p) < 1e-12:
            if q < 0:
                return None
        else:
            r = q / p
            if p < 0:
                t0 = max(t0, r)
            else:
                t1 = min(t1, r)
            if t0 > t1:
                return None
    return (a[0] + t0 * dx, a[1] + t0 * dy), (a[0] + t1 * dx, a[1] + t1 * dy)


def _clip_polygon(poly: list[Pt], x0, y0, x1, y1) -> list[Pt]:
    def clip(pts, inside, cross):
        out = []
        for i, cur in enumerate(pts):
            prev = pts[i - 1]
            if inside(cur):
                if not inside(prev):
                    out.append(cross(prev, cur))
                out.append(cur)
            elif inside(prev):
                out.append(cross(prev, cur))
        return out

    def xcut(xv):
        return lambda p, q: (xv, p[1] + (q[1] - p[1]) * (xv - p[0]) / (q[0] - p[0]))

    def ycut(yv):
        return lambda p, q: (p[0] + (q[0] - p[0]) * (yv - p[1]) / (q[1] - p[1]), yv)

    for inside, cross in ((lambda p: p[0] >= x0, xcut(x0)), (lambda p: p[0] <= x1, xcut(x1)),
                          (lambda p: p[1] >= y0, ycut(y0)), (lambda p: p[1] <= y1, ycut(y1))):
        if not poly:
            break
        poly = clip(poly, inside, cross)
    return poly


def clip_ops(ops: Sequence[tuple], box, filled: bool = False) -> list[tuple]:
    """Keep only what lies inside ``box``. Subpaths wholly inside are kept verbatim,
    ones wholly outside dropped; the rest are clipped: strokes piece by piece (curves
    split exactly at the edge, flattened only where a control point would poke out),
    fills as flattened polygons."""
    x0, y0, x1, y1 = box.x, box.y, box.x + box.w, box.y + box.h
    eps = 1e-9

    def inside(p):
        return x0 - eps <= p[0] <= x1 + eps and y0 - eps <= p[1] <= y1 + eps

    out: list[tuple] = []
    for sub in _subpaths(ops):
        sx0, sy0, sx1, sy1 = _extent(sub)
        if sx0 >= x0 - eps and sx1 <= x1 + eps and sy0 >= y0 - eps and sy1 <= y1 + eps:
            out.extend(sub)
            continue
        if sx1 < x0 or sx0 > x1 or sy1 < y0 or sy0 > y1:
            continue
        start = cur = (sub[0][1], sub[0][2])
        segs: list[tuple[str, tuple]] = []  # ("L", (a, b)) or ("C", (p0, c1, c2, p3))
        for op in sub[1:]:
            if op[0] == "L":
                segs.append(("L", (cur, (op[1], op[2]))))
                cur = (op[1], op[2])
            elif op[0] == "C":
                nxt = (op[5], op[6])
                segs.append(("C", (cur, (op[1], op[2]), (op[3], op[4]), nxt)))
                cur = nxt
            elif op[0] == "Z":
                if math.dist(cur, start) > 1e-9:
                    segs.append(("L", (cur, start)))
                cur = start
        if filled:
            poly = [start]
            for kind, s in segs:
                poly.extend([s[1]] if kind == "L" else _flatten_cubic(*s))
            poly = _clip_polygon(poly, x0, y0, x1, y1)
            if len(poly) >= 3:
                out.append(("M", *poly[0]))
                out.extend(("L", *p) for p in poly[1:])
                out.append(("Z",))
            continue
        at = None

        def emit_line(a, b):
            nonlocal at
            c = clip_segment(a, b, x0, y0, x1, y1)
            if c is None:
                at = None
                return
            if at is None or math.dist(at, c[0]) > 1e-6:
                out.append(("M", *c[0]))
            out.append(("L", *c[1]))
            at = c[1] if math.dist(c[1], b) < 1e-9 else None

        for kind, s in segs:
            if kind == "L":
                emit_line(*s)
                continue
            if all(inside(p) for p in s):
                pieces = [s]
            else:
                cuts = [0.0] + _crossings(s, x0, y0, x1, y1) + [1.0]
                pieces = [_sub_cubic(s, ta, tb) for ta, tb in zip(cuts, cuts[1:])
                          if tb - ta > 1e-9 and inside(_bez(*s, (ta + tb) / 2))]
                if len(pieces) == 0:
                    at = None
                    continue
            for q in pieces:
                if all(x0 - 1e-6 <= p[0] <= x1 + 1e-6 and y0 - 1e-6 <= p[1] <= y1 + 1e-6 for p in q):
                    if at is None or math.dist(at, q[0]) > 1e-6:
                        out.append(("M", *q[0]))
                    out.append(("C", *q[1], *q[2], *q[3]))
                    at = q[3]
                else:  # a control point pokes out: fall back to short lines
                    line = [q[0], *_flatten_cubic(*q)]
                    for a, b in zip(line, line[1:]):
                        emit_line(a, b)
    return out


def round_ops(ops: Sequence[tuple], nd: int = 3) -> list[tuple]:
    """Round coordinates and drop empty subpaths (a move with nothing drawn)."""
    out: list[tuple] = []
    k = 10.0 ** nd
    for op in ops:
        if op[0] == "Z":
            if out and out[-1][0] != "M":
                out.append(op)
            continue
        r = (op[0], *[round(v * k) / k for v in op[1:]])  # int rounding: no -0.0, 3x faster
        if r[0] == "M" and out and out[-1][0] == "M":
            out[-1] = r
        else:
            out.append(r)
    if out and out[-1][0] == "M":
        out.pop()
    return out


def cut_ops(ops: Sequence[tuple], boxes: Sequence, filled: bool = False) -> list[tuple]:
    """Take out what lies inside any of ``boxes`` (the text a motif must keep clear of):
    a stroke is cut where it enters a box and resumes where it leaves (curves split
    exactly at the edges); a filled shape that reaches into a box is left out whole."""
    rects = [(b, b.x, b.y, b.x + b.w, b.y + b.h) for b in boxes]
    out: list[tuple] = []
    for sub in _subpaths(ops):  # most subpaths meet no box: one extent each settles them
        sx0, sy0, sx1, sy1 = _extent(sub)
        piece = sub
        for b, x0, y0, x1, y1 in rects:
            if not (sx1 <= x0 or sx0 >= x1 or sy1 <= y0 or sy0 >= y1):
                piece = _cut_one(piece, b, filled)
        out.extend(piece)
    return out


def _cut_one(ops: Sequence[tuple], box, filled: bool) -> list[tuple]:
    x0, y0, x1, y1 = box.x, box.y, box.x + box.w, box.y + box.h

    def inside(p):
        return x0 < p[0] < x1 and y0 < p[1] < y1

    out: list[tuple] = []
    for sub in _subpaths(ops):
        sx0, sy0, sx1, sy1 = _extent(sub)
        if sx1 <= x0 or sx0 >= x1 or sy1 <= y0 or sy0 >= y1:
            out.extend(sub)  # clear of the box
            continue
        if filled:
            if not _fill_meets(sub, x0, y0, x1, y1):
                out.extend(sub)  # its bounding box reaches in, the shape does not
            continue
        at = None
        start = cur = (sub[0][1], sub[0][2])
        for op in sub[1:]:
            if op[0] == "Z":
                seg = ("L", (cur, start))
                nxt = start
            elif op[0] == "L":
                seg, nxt = ("L", (cur, (op[1], op[2]))), (op[1], op[2])
            else:
                nxt = (op[5], op[6])
                seg = ("C", (cur, (op[1], op[2]), (op[3], op[4]), nxt))
            cur = nxt
            if seg[0] == "L":
                a, b = seg[1]
                cubic = (a, a, b, b)
            else:
                cubic = seg[1]
            cuts = [0.0] + _crossings(cubic, x0, y0, x1, y1) + [1.0]
            for ta, tb in zip(cuts, cuts[1:]):
                if tb - ta < 1e-9 or inside(_bez(*cubic, (ta + tb) / 2)):
                    at = None
                    continue
                q = _sub_cubic(cubic, ta, tb)
                if at is None or math.dist(at, q[0]) > 1e-6:
                    out.append(("M", *q[0]))
                if seg[0] == "L":
                    out.append(("L", *q[3]))
                else:
                    out.append(("C", *q[1], *q[2], *q[3]))
                at = q[3]
    return out


def _fill_meets(sub: Sequence[tuple], x0: float, y0: float, x1: float, y1: float) -> bool:
    """Whether a filled subpath (flattened) reaches into the box: an edge crosses it, or
    the box's centre is inside the shape."""
    start = cur = (sub[0][1], sub[0][2])
    poly = [start]
    for op in sub[1:]:
        if op[0] == "L":
            cur = (op[1], op[2])
            poly.append(cur)
        elif op[0] == "C":
            poly.extend(_flatten_cubic(cur, (op[1], op[2]), (op[3], op[4]), (op[5], op[6])))
            cur = (op[5], op[6])
    ring = poly + [poly[0]]
    if any(clip_segment(a, b, x0, y0, x1, y1) is not None for a, b in zip(ring, ring[1:])):
        return True
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    inside = False
    for (ax, ay), (bx, by) in zip(ring, ring[1:]):
        if (ay <= cy) != (by <= cy) and ax + (cy - ay) / (by - ay) * (bx - ax) > cx:
            inside = not inside
    return inside
