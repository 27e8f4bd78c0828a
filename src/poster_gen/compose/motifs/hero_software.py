"""Hero: software and information services: Yunjin brocade woven from code, the cloud pattern as a code grid.

Nanjing's Yunjin was woven on draw-looms that read their pattern from a programme of
knotted cords, the ancestor of the punched card. Here the cloth is woven row by row as
code is typed line by line. Under the fell (the row being woven) every row of the point
paper is a line of tokens (weft floats): pale code in the ground, and, inside the clouds,
bands of colour shading in from the lines the way Yunjin shades its clouds, so the big
ruyi clouds come out stepped like pixels, with their outlines and scrolls drawn as
smooth lines in channels through the floats. Above the fell the clouds are still the
designer's line drawing, and they rise where the name leaves room; the shuttle is the
cursor.
"""
from __future__ import annotations

import math

from .base import MotifInfo
from .frame import Frame, Paint
from .pen import Affine, offset_polyline

PAINT = {
    "warp": Paint("stroke", "tint", "fine"),
    "warp8": Paint("stroke", "tint", "regular"),
    "ground": Paint("fill", "tint", f=0.8),
    "band3": Paint("fill", "tint"),
    "band2": Paint("fill", "secondary"),
    "band1": Paint("fill", "@colour"),
    "echo": Paint("stroke", "@colour", "fine"),
    "line": Paint("stroke", "deep", "bold"),
    "cursor": Paint("fill", "@accent"),
}


# -- the clouds, in a unit frame (base line y 0, up is -y) -----------------------------
def _lobes(discs, entries):
    """Scroll lobes: each disc's outline curls in from the angle ``entries`` gives, under
    and up towards the cloud's middle (the bigger lobes a little further)."""
    return tuple((x, y, r, a, -1 if x <= 0 else 1, 330.0 if r > 0.4 else 300.0)
                 for (x, y, r), a in zip(discs, entries))


# scroll lobes heaped on a flat base (its half width and radius) with a core filling the
# notches under them; a placed cloud adds a tail streaming left
BIG = (_lobes(((0, -0.8, 0.55), (-0.78, -0.45, 0.42), (0.76, -0.42, 0.45), (-1.3, -0.22, 0.28), (1.28, -0.2, 0.3)),
              (120.0, 150.0, 30.0, 150.0, 30.0)), 1.3, 0.18, ((-0.5, -0.3, 0.25), (0.5, -0.3, 0.25)))
SMALL = (_lobes(((0, -0.62, 0.45), (-0.62, -0.33, 0.34), (0.6, -0.32, 0.35)), (120.0, 150.0, 30.0)),
         0.72, 0.16, ((-0.3, -0.25, 0.2), (0.3, -0.25, 0.2)))


def _cloud(kind, tail, wave, n=10):
    """A cloud: lobes, tubes (base, core, the tapering tail) as (x, y, radius) knots, its
    extent, and the tubes' segments made ready for distances."""
    lobes, w, r, core = kind
    stream = tuple((-w + 0.1 - (tail + 0.1) * i / n, -0.12 + wave * math.sin(i / n * math.pi * 1.3),
                    (r - 0.03) * (1 - i / n) ** 1.2 + 0.03) for i in range(n + 1))
    tubes = (((-w, -0.12, r), (w, -0.12, r)), core, stream)
    segs = []
    for tube in tubes:
        for (ax, ay, ar), (bx, by, br) in zip(tube, tube[1:]):
            dx, dy = bx - ax, by - ay
            segs.append((ax, ay, dx, dy, 1.0 / (dx * dx + dy * dy), ar, br - ar,
                         (ax + bx) / 2, (ay + by) / 2, math.hypot(dx, dy) / 2 + max(ar, br)))
    ext = (-w - tail - r, min(l[1] - l[2] for l in lobes), w + r, max(0.1, -0.1 + abs(wave) + r))
    return lobes, tubes, ext, tuple(segs)


def _spiral_pt(lobe, t):
    cx, cy, r0, a0, turn, sweep = lobe
    a, r = math.radians(a0 + turn * sweep * t), r0 * (1 - 0.74 * t ** 0.85)
    return cx + r * math.cos(a), cy + r * math.sin(a)


def _spiral_dist(lobe, x, y):
    """Distance (about) from (x, y) to a lobe's inward scroll, measured along the radius."""
    cx, cy, r0, a0, turn, sweep = lobe
    rho, phi = math.hypot(x - cx, y - cy), math.degrees(math.atan2(y - cy, x - cx))
    best = 9.0
    for n in range(-2, 3):
        t = (phi + 360.0 * n - a0) / (turn * sweep)
        if 0.0 <= t <= 1.0:
            best = min(best, abs(rho - r0 * (1 - 0.74 * t ** 0.85)))
    return best


def _dist(shape, u, v, floor=-9.0):
    """Signed distance to a cloud's body (lobes and tubes, not the scrolls), and the lobe
    the point lies deepest in; tubes are skipped once it is deeper than ``floor``."""
    d, own = 9.0, None
    for l in shape[0]:
        e = math.hypot(u - l[0], v - l[1]) - l[2]
        if e < d:
            d, own = e, l
    if d > floor:
        for ax, ay, dx, dy, il2, ar, dr, mx, my, reach in shape[3]:
            if abs(u - mx) - reach < d and abs(v - my) - reach < d:
                t = max(0.0, min(1.0, ((u - ax) * dx + (v - ay) * dy) * il2))
                d = min(d, math.hypot(u - ax - t * dx, v - ay - t * dy) - ar - dr * t)
    return d, own


# -- composition -----------------------------------------------------------------------
# the clouds in the band under the name: kind, centre x (share of the width), base line
# (share of the band's height), size (share of the height), tail length, its wave, side
COMPOSITION = ((BIG, 0.62, 0.88, 0.56, 2.2, -0.12, 1), (SMALL, 0.16, 0.56, 0.32, 1.6, 0.15, 1))


def _layout(fr, p):
    """The clouds: in the free band under the name, and one rising into the room a short
    name leaves beside it; the fell (the row being woven) a third down the big cloud."""
    b, ko = fr.box, fr.keep_out
    title = max(ko, key=lambda k: k.bottom) if ko else None
    top = max(b.y, title.bottom) if title else b.y
    h = max(b.bottom - top, 0.1 * b.h)  # a name filling the box leaves the drawing only its bleed
    k = min(1.0, 100.0 / (0.56 * h), 0.24 * b.w / (0.56 * h))
    clouds = [(_cloud(kind, tail, wave), b.x + b.w * fx, top + fy * h, fs * h * k, flip)
              for kind, fx, fy, fs, tail, wave, flip in COMPOSITION]
    if title:
        roof = max([o.bottom for o in ko if o is not title and o.right > title.right] or [fr.area.y])
        w = fr.area.right - title.right
        if w > 100 and title.bottom - roof > 40:
            s = min(w / 2.6, (title.bottom - roof) * 0.9)
            clouds.append((_cloud(SMALL, 0.6, 0.1), title.right + w * 0.5, roof + 1.1 * s, s, -1))
    fell = max(1, math.floor((b.bottom - clouds[0][2] + clouds[0][3]) / p))
    return clouds, fell


# -- the woven cloth ---------------------------------------------------------------------
def _weave(fr, p, cols, rows, clouds):
    """The point-paper draft: each free cell's state: 1..3 the shading bands inwards from
    the clouds' lines, -1 the ground, None the channel a line runs in."""
    cells = {}
    for cl in clouds:
        _trace(fr.box, p, cols, rows, cl, cells)
    front = [ij for ij, st in cells.items() if st is None]
    for band in (1, 1, 2, 2):  # shading: rings inwards from the lines, the core lightest
        front = [q for i, j in front for q in ((i + 1, j), (i - 1, j), (i, j + 1), (i, j - 1)) if cells.get(q) == 9]
        for q in front:
            cells[q] = band
    b = fr.box
    for j in rows:  # the ground, and nothing where the text is
        y = b.bottom - (j + 0.5) * p
        shut = [(k.x - p / 2, k.right + p / 2) for k in fr.keep_out if k.y - p / 2 < y < k.bottom + p / 2]
        for i in cols:
            if any(x0 < b.x + (i + 0.5) * p < x1 for x0, x1 in shut):
                cells.pop((i, j), None)
            else:
                st = cells.get((i, j), -1)
                cells[(i, j)] = 3 if st == 9 else st
    return cells


def _trace(b, p, cols, rows, cl, cells):
    """One cloud's cells: inside (9), or the channel of its outline or a scroll (None)."""
    shape, cx, cy, s, flip = cl
    u0, v0, u1, v1 = shape[2]
    i0 = math.floor((cx + min(u0 * flip, u1 * flip) * s - b.x) / p)
    i1 = math.ceil((cx + max(u0 * flip, u1 * flip) * s - b.x) / p)
    j0, j1 = math.floor((b.bottom - cy - v1 * s) / p) - 1, math.ceil((b.bottom - cy - v0 * s) / p) + 1
    w = 0.9 * p / s  # half a line's channel, in the unit frame
    for j in range(max(j0, rows.start), min(j1, rows.stop)):
        v = (b.bottom - (j + 0.5) * p - cy) / s
        for i in range(max(i0, cols.start), min(i1, cols.stop)):
            if (i, j) in cells:
                continue  # an earlier cloud is in front
            u = (b.x + (i + 0.5) * p - cx) / s * flip
            d, own = _dist(shape, u, v, -w)
            if d < w:
                cells[(i, j)] = None if d > -w or _spiral_dist(own, u, v) < w else 9


def _listing(rng, cols, rows, pane=40):
    """The ground as code: panes of lines, indented by blocks, ragged; the cells with text."""
    text, depth = set(), {}
    for j in reversed(rows):
        for x0 in range(cols.start - cols.start % pane, cols.stop, pane):
            d = depth[x0] = max(0, min(4, depth.get(x0, 0) + rng.choice((-1, 0, 0, 0, 1))))
            if rng.random() < 0.15:
                continue  # a blank line
            start = x0 + 2 + 2 * d
            text.update((i, j) for i in range(start, min(x0 + pane - 2, start + rng.randint(4, 28))))
    return text


def _floats(fr, p, cols, rows, cursor, cells):
    """Each woven row's runs of one state as weft floats, broken into code tokens: the
    ground's where the listing has text, the clouds' in their shading bands. The top row
    is woven up to the cursor."""
    b, rng = fr.box, fr.rng
    text = _listing(rng, cols, rows)
    for j in rows:
        y = b.bottom - (j + 0.5) * p
        row = [cells.get((i, j)) if i < cursor or j < rows[-1] else None for i in cols] + [None]
        row = [None if st == -1 and (cols.start + n, j) not in text else st for n, st in enumerate(row)]
        n0 = 0
        for n in range(1, len(row)):
            if row[n] == row[n0]:
                continue
            st, k = row[n0], cols.start + n0
            while st is not None and k < cols.start + n:
                ln = min(cols.start + n - k, rng.randint(1, 6) if st < 0 else rng.randint(6, 18))
                pen = fr["ground" if st < 0 else f"band{st}"]
                pen.rect(b.x + (k + 0.12) * p, y - 0.39 * p, (ln - 0.24) * p, 0.78 * p)
                k += ln + (1 if st < 0 else 0)
            n0 = n


# -- the drawn lines -------------------------------------------------------------------
def _lines(fr, p, clouds, above):
    """The clouds' lines as the designer drew them: outline and scrolls over the floats;
    where the cloth is not woven yet, the shading too, as an echo of the outline."""
    for shape, cx, cy, s, flip in clouds:
        tf = Affine.translate(cx, cy) @ Affine.scale(s * flip, s)
        for lvl, pen in ((0.0, "line"), (-1.6 * p / s, "echo")):
            def keep(u, v):
                return (lvl == 0.0 or above(*tf(u, v))) and _dist(shape, u, v)[0] >= lvl - 1e-3
            for run in _level_set(shape, lvl):
                for length, pts in _runs(tf, run, keep):
                    if length > 4.0:
                        fr[pen].smooth(pts)
        for l in shape[0]:  # a scroll: its longest stretch inside its own lobe
            def mine(u, v):
                d, own = _dist(shape, u, v)
                return d < 0 and own is l
            got = _runs(tf, [_spiral_pt(l, i / 48) for i in range(49)], mine)
            if got:
                fr["line"].smooth(max(got)[1])


def _level_set(shape, lvl):
    """Candidate polylines for the cloud's outline grown by ``lvl``: every lobe's and tube
    end's circle and every tube's two sides (the caller keeps what lies on the outline)."""
    discs = [l[:3] for l in shape[0]] + [t[e] for t in shape[1] for e in (0, -1)]
    runs = [[(x + (r + lvl) * math.cos(a / 80 * math.tau), y + (r + lvl) * math.sin(a / 80 * math.tau))
             for a in range(81)] for x, y, r in discs if r + lvl > 0]
    for tube in shape[1]:
        cl, rs = [(x, y) for x, y, r in tube], [max(0.0, r + lvl) for x, y, r in tube]
        runs += [offset_polyline(cl, rs), offset_polyline(cl, [-r for r in rs])]
    return runs


def _runs(tf, pts, ok):
    """The stretches of a polyline whose points pass ``ok`` (their ends found exactly),
    placed by ``tf``, with their lengths."""
    runs, cur, last = [], [], None
    for q in list(pts) + [None]:
        if q is not None and ok(*q):
            if not cur and last is not None:
                cur.append(tf(*_edge(last, q, ok)))
            cur.append(tf(*q))
            last = q
            continue
        if cur and q is not None:
            cur.append(tf(*_edge(q, last, ok)))
        if len(cur) > 1:
            runs.append((sum(math.dist(a, b) for a, b in zip(cur, cur[1:])), cur))
        cur, last = [], q
    return runs


def _edge(out, inside, ok):
    """The point between a rejected and an accepted point where ``ok`` turns."""
    for _ in range(8):
        m = ((out[0] + inside[0]) / 2, (out[1] + inside[1]) / 2)
        out, inside = (out, m) if ok(*m) else (m, inside)
    return inside


# -- the loom --------------------------------------------------------------------------
def _loom(fr, p, cols, top, xc):
    """The warp under the woven rows (every eighth thread bolder, as on point paper) and
    the shuttle, a cursor, at the end of the row being woven."""
    b = fr.box
    for i in cols:
        x = b.x + (i + 0.5) * p
        fr["warp8" if i % 8 == 0 else "warp"].line(x, top, x, b.bottom - p)
    fr["cursor"].rect(xc + 0.12 * p, top + 0.1 * p, 0.76 * p, 0.8 * p)


def draw_hero_yunjin_code(ctx):
    fr = Frame(ctx, PAINT)
    b, a = fr.box, fr.area
    p = 3.5 / math.sqrt(fr.ink.density)
    cols = range(math.floor((a.x - b.x) / p), math.ceil((a.right - b.x) / p))
    clouds, fell = _layout(fr, p)
    woven = range(1, fell + 1)  # rows counted up from the bottom, one left free under the cloth
    cursor = math.floor((clouds[0][1] + 0.2 * clouds[0][3] - b.x) / p)
    cells = _weave(fr, p, cols, woven, clouds)
    _floats(fr, p, cols, woven, cursor, cells)
    top, xc = b.bottom - (fell + 1) * p, b.x + cursor * p
    _lines(fr, p, clouds, lambda x, y: y < top or (y < top + p and x > xc))
    _loom(fr, p, cols, top, xc)
    return fr.items()


INFOS = (MotifInfo.of("hero-yunjin-code", draw_hero_yunjin_code),)
