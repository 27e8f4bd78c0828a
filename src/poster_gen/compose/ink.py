"""Where ink lands: the glyph boxes of a set line, paths flattened to outlines, and the
distances between them. Pure arithmetic in mm on the composed page (y down).

A line's characters are placed as the renderer draws them: from the line's left edge
(``align`` and ``width``), each character's advance at the size, plus the tracking
after every character, plus the line's ``adjust`` after each. Each character's ink is
its glyph box from the metrics (``ink``: xMin, yMin, xMax, yMax in font units; spaces
have none). Metrics without ink boxes fall back to the em box: x from 0 to the
advance, y from the descender to the ascender (Chinese) or the cap height (Latin).
"""
from __future__ import annotations

import math
from functools import lru_cache
from typing import Mapping, Sequence

from . import clreq
from ..units import MM_PER_PT
from ..page_model import Box, Path, TextLine
from .motifs.clip import clip_segment
from .linebreak import advances

CURVE_STEPS = 8  # straight segments per cubic bezier
CHUNK = 32  # segments per bounding box when an outline is searched
Point = tuple[float, float]


def left_edge(line: TextLine) -> float:
    """x (mm) where the line's first character starts."""
    if line.align == "center":
        return line.x - line.width / 2
    if line.align == "right":
        return line.x - line.width
    return line.x


def _glyph(metrics, ch: str) -> tuple[float, float, float, float, float]:
    """``ch``'s advance and ink box (xMin, yMin, xMax, yMax) in ems; an empty box (0, 0,
    0, 0) when it draws nothing."""
    upem = metrics.units_per_em
    adv = advances(metrics, ch)[0]
    ink = getattr(metrics, "ink", None)
    if ink is not None:
        g = ink.get(ch)
    elif ch.isspace():
        g = None
    else:
        g = (0.0, metrics.descender, adv * upem, metrics.ascender if clreq.is_cjk(ch) else metrics.cap_height)
    if g is None or g[2] <= g[0]:
        return (adv, 0.0, 0.0, 0.0, 0.0)
    return (adv, g[0] / upem, g[1] / upem, g[2] / upem, g[3] / upem)


@lru_cache(maxsize=64)
def _glyphs(metrics) -> dict[str, tuple[float, float, float, float, float]]:
    """A font's glyphs in ems, filled as characters are met (one table per font)."""
    return {}


@lru_cache(maxsize=4096)
def _placed(metrics, text: str, size_pt: float, tracking: float,
            adjust: tuple[float, ...]) -> tuple[tuple[float, ...], tuple[float, float, float, float] | None]:
    """Each character's x offset (mm) from the line's left edge, the pen's end, and the
    ink box (left, top, right, bottom) relative to (left edge, baseline), y down."""
    em = size_pt * MM_PER_PT
    track = tracking / 1000.0 * em
    table = _glyphs(metrics)
    n_adj = len(adjust)
    last = len(text) - 1
    pen = 0.0
    xs = []
    left = top = math.inf
    right = bottom = -math.inf
    for i, ch in enumerate(text):
        g = table.get(ch)
        if g is None:
            g = table[ch] = _glyph(metrics, ch)
        adv, x0, y0, x1, y1 = g
        xs.append(pen)
        if x1 > x0:
            left = min(left, pen + x0 * em)
            right = max(right, pen + x1 * em)
            top = min(top, -y1 * em)
            bottom = max(bottom, -y0 * em)
        pen += adv * em + (adjust[i] if i < n_adj else 0.0) + (track if i < last else 0.0)
    xs.append(pen)
    return tuple(xs), ((left, top, right, bottom) if right > left else None)


def ink_box(line: TextLine, fonts: Mapping) -> Box | None:
    """The union of the line's glyph ink boxes (None: nothing inked, e.g. spaces)."""
    _, rel = _placed(fonts[line.font], line.text, line.size_pt, line.tracking, tuple(line.adjust))
    if rel is None:
        return None
    x0 = left_edge(line)
    return Box(x0 + rel[0], line.y + rel[1], rel[2] - rel[0], rel[3] - rel[1])


def set_width(line: TextLine, fonts: Mapping) -> float:
    """mm from the line's left edge to the end of its last character's advance (with the
    adjustments, without tracking after the last character): what justification fills."""
    xs, _ = _placed(fonts[line.font], line.text, line.size_pt, line.tracking, tuple(line.adjust))
    return xs[-1]


def em(size_pt: float) -> float:
    return size_pt * MM_PER_PT


# --- outlines ---------------------------------------------------------------------------

class Outline:
    """A path flattened to straight segments, grouped in chunks with bounding boxes so
    a text far from most of a motif tests only a few boxes."""

    __slots__ = ("rings", "chunks", "bounds")

    def __init__(self, rings: list[list[Point]], closed: list[bool]):
        self.rings = [r for r, c in zip(rings, closed) if c and len(r) > 2]  # closed subpaths, for fills
        segs: list[tuple[float, float, float, float]] = []
        for ring, c in zip(rings, closed):
            pts = ring + [ring[0]] if c and len(ring) > 1 else ring
            segs.extend((a[0], a[1], b[0], b[1]) for a, b in zip(pts, pts[1:]))
        self.chunks = []
        for i in range(0, len(segs), CHUNK):
            part = segs[i:i + CHUNK]
            xs = [v for s in part for v in (s[0], s[2])]
            ys = [v for s in part for v in (s[1], s[3])]
            self.chunks.append(((min(xs), min(ys), max(xs), max(ys)), part))
        xs = [c[0][0] for c in self.chunks] + [c[0][2] for c in self.chunks]
        ys = [c[0][1] for c in self.chunks] + [c[0][3] for c in self.chunks]
        self.bounds = (min(xs), min(ys), max(xs), max(ys)) if xs else (0.0, 0.0, 0.0, 0.0)

    def distance(self, box: Box, stop: float) -> float:
        """Distance (mm) from ``box`` to the nearest segment; chunks farther than ``stop``
        are skipped (the answer is then only known to be at least ``stop``)."""
        best = math.inf
        for (x0, y0, x1, y1), segs in self.chunks:
            if _rect_gap(box, x0, y0, x1, y1) >= min(best, stop):
                continue
            for s in segs:
                d = segment_distance(box, *s)
                if d < best:
                    best = d
                    if best <= 0.0:
                        return 0.0
        return best

    def contains(self, x: float, y: float, even_odd: bool) -> bool:
        """Whether (x, y) is inside the filled area (winding number or even-odd)."""
        wind = 0
        crossings = 0
        for ring in self.rings:
            n = len(ring)
            for i in range(n):
                (ax, ay), (bx, by) = ring[i], ring[(i + 1) % n]
                if (ay <= y) != (by <= y):
                    t = (y - ay) / (by - ay)
                    if ax + t * (bx - ax) > x:
                        crossings += 1
                        wind += 1 if by > ay else -1
        return crossings % 2 == 1 if even_odd else wind != 0


def outline(path: Path) -> Outline:
    """``path`` flattened: lines as they are, each cubic as ``CURVE_STEPS`` segments."""
    rings: list[list[Point]] = []
    closed: list[bool] = []
    cur: list[Point] = []
    for op in path.ops:
        o = op[0]
        if o == "M":
            if cur:
                rings.append(cur)
                closed.append(False)
            cur = [(op[1], op[2])]
        elif o == "L":
            cur.append((op[1], op[2]))
        elif o == "C" and cur:
            (x0, y0), (x1, y1, x2, y2, x3, y3) = cur[-1], op[1:7]
            for k in range(1, CURVE_STEPS + 1):
                t = k / CURVE_STEPS
                u = 1 - t
                a, b, c, d = u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t
                cur.append((a * x0 + b * x1 + c * x2 + d * x3, a * y0 + b * y1 + c * y2 + d * y3))
        elif o == "Z" and cur:
            rings.append(cur)
            closed.append(True)
            cur = [cur[0]]
    if len(cur) > 1:
        rings.append(cur)
        closed.append(bool(path.fill))  # a fill closes an open subpath
    return Outline(rings, closed)


# --- distances -----------------------------------------------------------------------

def _rect_gap(box: Box, x0: float, y0: float, x1: float, y1: float) -> float:
    dx = max(x0 - box.right, box.x - x1, 0.0)
    dy = max(y0 - box.bottom, box.y - y1, 0.0)
    return math.hypot(dx, dy)


def box_distance(a: Box, b: Box) -> float:
    """The gap between two boxes (0 when they touch or overlap)."""
    return _rect_gap(a, b.x, b.y, b.right, b.bottom)


def point_box(box: Box, x: float, y: float) -> float:
    return _rect_gap(box, x, y, x, y)


def _point_segment(px: float, py: float, ax: float, ay: float, bx: float, by: float) -> float:
    dx, dy = bx - ax, by - ay
    ll = dx * dx + dy * dy
    t = 0.0 if ll == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / ll))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def _crosses(box: Box, ax: float, ay: float, bx: float, by: float) -> bool:
    """Whether the segment meets the box."""
    return clip_segment((ax, ay), (bx, by), box.x, box.y, box.right, box.bottom) is not None


def segment_distance(box: Box, ax: float, ay: float, bx: float, by: float) -> float:
    """Distance from a box to a segment: 0 when they meet, else the nearest of the
    segment's ends to the box and the box's corners to the segment."""
    if _crosses(box, ax, ay, bx, by):
        return 0.0
    return min(point_box(box, ax, ay), point_box(box, bx, by),
               *(_point_segment(cx, cy, ax, ay, bx, by)
                 for cx, cy in ((box.x, box.y), (box.right, box.y), (box.x, box.bottom), (box.right, box.bottom))))


def union(boxes: Sequence[Box]) -> Box | None:
    out = None
    for b in boxes:
        out = b if out is None else out.union(b)
    return out
