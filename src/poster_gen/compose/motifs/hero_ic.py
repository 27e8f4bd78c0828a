"""Hero: integrated circuits: a chip die whose floor plan is the Ming city wall, traces along the wall, the gates as bond pads.

The die's edge is the outline of Nanjing's Ming capital wall, crenellated; its thirteen
gates are gold bond pads wired to leads that run off the sheet; the main streets are buses
of traces in white channels, the blocks rows of standard cells, the palace and landmarks
macros. The plan is turned a quarter left (north to the left): Xuanwu Lake, outside the
wall's north-east, becomes the bay at the die's top left in which the name sits.
"""
from __future__ import annotations

import math

from .base import MotifInfo
from .clip import clip_segment
from .frame import Frame, Paint
from .pen import offset_polyline

PAINT = {
    "wall": Paint("fill", "@colour"),
    "die": Paint("fill", "tint", f=0.55),
    "cell": Paint("stroke", "secondary", "fine", 0.7, join="miter", cap="butt"),
    "lake": Paint("stroke", "secondary", "fine", 0.8),
    "ring": Paint("stroke", "@colour", "fine"),
    "block": Paint("fill", "paper"),
    "street": Paint("stroke", "@colour", "regular", join="miter"),
    "macro": Paint("stroke", "deep", "fine", join="miter"),
    "edge": Paint("stroke", "deep", "regular", join="miter"),
    "lead": Paint("stroke", "@colour", "bold", join="miter"),
    "wire": Paint("stroke", "@accent", "fine"),
    "pad": Paint("fill", "@accent"),
    "padline": Paint("stroke", "deep", "fine", cap="butt", join="miter"),  # its own style: the sheet merges equal ones
}

# The Ming capital wall, clockwise from the Jubao (Zhonghua) Gate, simplified: longitude,
# latitude and the gate standing there (the thirteen gates of the inner wall).
WALL = ((118.7765, 32.0147, "jubao"), (118.7700, 32.0170, ""), (118.7635, 32.0225, ""),
        (118.7615, 32.0305, "sanshan"), (118.7620, 32.0425, "shicheng"), (118.7530, 32.0450, ""),
        (118.7440, 32.0470, ""), (118.7389, 32.0483, "qingliang"), (118.7395, 32.0540, ""),
        (118.7430, 32.0620, ""), (118.7451, 32.0711, "dinghuai"), (118.7420, 32.0800, ""),
        (118.7423, 32.0935, "yifeng"), (118.7500, 32.0890, ""), (118.7570, 32.0837, "zhongfu"),
        (118.7680, 32.0880, "jinchuan"), (118.7820, 32.0910, "shence"), (118.7870, 32.0830, ""),
        (118.7905, 32.0725, ""), (118.7985, 32.0645, ""), (118.8077, 32.0598, "taiping"),
        (118.8150, 32.0575, ""), (118.8215, 32.0520, ""), (118.8220, 32.0406, "chaoyang"),
        (118.8225, 32.0280, ""), (118.8106, 32.0253, "zhengyang"), (118.7960, 32.0265, "tongji"),
        (118.7890, 32.0195, ""))
LAT_N, LON_E = 32.0935, 118.8225  # the wall's north and east extremes
PLACES = {"xjk": (118.7785, 32.0415), "gulou": (118.7835, 32.0606)}  # Xinjiekou, the Drum Tower
STREETS = (("jubao", "xjk", 3), ("xjk", "gulou", 3), ("xjk", "chaoyang", 3), ("xjk", "shicheng", 2),
           ("gulou", "yifeng", 2), ("gulou", "shence", 2), ("gulou", "taiping", 2), ("gulou", "dinghuai", 2),
           ("sanshan", "tongji", 2), ("wumen", "zhengyang", 2))  # (from, to, wires)
MACROS = ((118.7990, 32.0285, 118.8180, 32.0405, "palace"),    # the Ming palace: west, south, east, north
          (118.7673, 32.0321, 118.7737, 32.0389, "spiral"),    # Chaotian Palace
          (118.7935, 32.0414, 118.8015, 32.0496, "array"),     # the Presidential Palace
          (118.7815, 32.0215, 118.7895, 32.0275, "serpent"),   # the Confucius Temple on the Qinhuai
          (118.7488, 32.0505, 118.7552, 32.0565, "array"))     # Qingliang Hill


def _km(lon, lat):
    """A point of the city in km on the page: north to the left, east up."""
    return (LAT_N - lat) * 110.9, (LON_E - lon) * 94.36


def _across(pts, y):
    """Where the horizontal line at y crosses the closed polygon, left to right."""
    return sorted(ax + (y - ay) * (bx - ax) / (by - ay)
                  for (ax, ay), (bx, by) in zip(pts, pts[1:] + pts[:1]) if (ay > y) != (by > y))


def _inside(pts, x, y):
    return sum(v < x for v in _across(pts, y)) % 2 == 1


def _place(fr):
    """The largest die that keeps clear of the text, as low and as far right as it fits:
    its scale (mm per km) and origin on the page."""
    b, km = fr.box, [_km(lon, lat) for lon, lat, _ in WALL]
    wk, hk = max(p[0] for p in km), max(p[1] for p in km)
    right, bottom, top = b.right - min(12, b.w * 0.03), b.bottom - min(18, b.h * 0.06), fr.area.y + min(10, b.h * 0.03)
    boxes = [(k.x - 8, k.y - 8, k.right + 8, k.bottom + 8) for k in fr.keep_out]

    def fits(s):  # as low as it goes, or just clear of a text box, above or below it
        for y in [bottom - s * hk] + [v for bx in boxes for v in (bx[3], bx[1] - s * hk)]:
            pts = [(right - s * (wk - x), y + s * yy) for x, yy in km]
            if top <= y <= bottom - s * hk and not any(
                    any(clip_segment(p, q, *bx) for p, q in zip(pts, pts[1:] + pts[:1])) or _inside(pts, bx[0], bx[1])
                    for bx in boxes):
                return s, right - s * wk, y
        return None

    lo, hi = 0.5, max(0.5, min((right - fr.area.x - min(30, b.w * 0.07)) / wk, (bottom - top) / hk))
    best = fits(lo) or (lo, right - lo * wk, bottom - lo * hk)
    for _ in range(12):
        got = fits((lo + hi) / 2)
        lo, hi, best = (got[0], hi, got) if got else (lo, (lo + hi) / 2, best)
    return best


def _half(poly, axis, v, keep):
    """The part of a polygon on one side of the line x = v (axis 0) or y = v (axis 1):
    keep +1 the side beyond v, -1 the side before it (Sutherland-Hodgman, one edge)."""
    out = []
    for prev, cur in zip(poly[-1:] + poly[:-1], poly):
        if ((cur[axis] - v) * keep >= 0) != ((prev[axis] - v) * keep >= 0):
            t = (v - prev[axis]) / (cur[axis] - prev[axis])
            out.append((prev[0] + (cur[0] - prev[0]) * t, prev[1] + (cur[1] - prev[1]) * t))
        if (cur[axis] - v) * keep >= 0:
            out.append(cur)
    return out


def _fill(fr, pen, rings, depth=0):
    """Fill rings in pieces cut clear of the text boxes (the sheet drops a fill whose
    bounds reach into one): cut along a box's edge, a little outside it, so the far piece
    clears it; the pieces overlap by a millimetre, so no seam shows."""
    rings = [r for r in rings if len(r) >= 3]
    if not rings:
        return
    xs, ys = [p[0] for r in rings for p in r], [p[1] for r in rings for p in r]
    hit = next((k for k in fr.keep_out if max(xs) > k.x and min(xs) < k.right
                and max(ys) > k.y and min(ys) < k.bottom), None)
    for axis, v, side in (() if hit is None or depth > 5 else
                          ((0, hit.right + 3, 1), (1, hit.bottom + 3, 1), (0, hit.x - 3, -1), (1, hit.y - 3, -1))):
        far = [q for r in rings if len(q := _half(r, axis, v - side * 0.5, side)) >= 3
               and max(p[axis] for p in q) - min(p[axis] for p in q) > 0.6]
        if far:
            _fill(fr, pen, far, depth + 1)
            _fill(fr, pen, [_half(r, axis, v + side * 0.5, -side) for r in rings], depth + 1)
            return
    for r in rings:
        pen.poly(r, closed=True)


def _chain(pen, pts, n=24):
    """A closed polyline as short overlapping runs, so the sheet cuts only the few runs
    near the text, not one path spanning the drawing."""
    pts = [*pts, pts[0]]
    for i in range(0, len(pts) - 1, n):
        pen.poly(pts[i:i + n + 1])


def _inset(g, d):
    return offset_polyline([g["pts"][-1], *g["pts"], g["pts"][0]], -g["sg"] * d)[1:-1]


def _wall(fr, g):
    """The wall is the die's edge: a crenellated band (the gates leave gaps in the
    merlons), with power rings running inside it like the streets along the wall."""
    pts, k = g["pts"], g["k"]
    depth, mw, gap, clear = 2.0 * k, 2.4 * k, 1.7 * k, 5.0 * k
    outer, n = [], len(pts)
    for i, (tx, ty, nx, ny, ln) in enumerate(g["eds"]):
        ax, ay = pts[i]
        outer.append((ax, ay))
        lo = clear if WALL[i][2] else depth * 1.4
        hi = ln - (clear if WALL[(i + 1) % n][2] else depth * 1.4)
        m = math.floor((hi - lo + gap) / (mw + gap))
        a0 = lo + (hi - lo - (m * (mw + gap) - gap)) / 2
        for j in range(max(0, m)):
            u = a0 + j * (mw + gap)
            for du, v in ((0, 0), (0, depth), (mw, depth), (mw, 0)):
                outer.append((ax + tx * (u + du) + nx * v, ay + ty * (u + du) + ny * v))
    _fill(fr, fr["wall"], [outer])
    _fill(fr, fr["die"], [_inset(g, 3.6 * k)])
    _chain(fr["edge"], outer)
    for d in (3.6, 6.0, 8.0):
        _chain(fr["ring"], _inset(g, d * k))


def _cells(fr, g):
    """The city's blocks as rows of standard cells: each row a square wave whose steps
    are cells of random widths (an echo of the battlements)."""
    k, rng, poly = g["k"], fr.rng, g["core"]
    pitch, h, e = 2.6 * k, 1.3 * k, 0.6 * k
    y = min(p[1] for p in poly) + pitch
    while y < max(p[1] for p in poly):
        xs = _across(poly, y)
        for x0, x1 in zip(xs[::2], xs[1::2]):
            x, up, row = x0 + e, False, [(x0 + e, y)]
            while x < x1 - e:
                x, up = min(x1 - e, x + rng.choice((1.2, 1.6, 1.6, 2.2, 2.8, 3.6)) * k), not up
                row += [(x, y - h * (not up)), (x, y - h * up)]
            if len(row) > 3:
                fr["cell"].poly(row[:-1])
        y += pitch


def _octi(a, b, diagonal_first):
    """A route from a to b in a straight and a 45-degree run."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    m, sx, sy = min(abs(dx), abs(dy)), math.copysign(1, dx), math.copysign(1, dy)
    return [a, (a[0] + sx * m, a[1] + sy * m) if diagonal_first else (b[0] - sx * m, b[1] - sy * m), b]


def _gates(fr, g):
    """The gates as gold bond pads straddling the wall: for each, its point and outward
    normal. The Jubao (Zhonghua) Gate is the largest: its fortress of three courts in a
    row behind the gate."""
    k, gates = g["k"], {}
    for i, (_, _, name) in enumerate(WALL):
        if not name:
            continue
        (_, _, ax, ay, _), (_, _, bx, by, _) = g["eds"][i - 1], g["eds"][i]
        ln = math.hypot(ax + bx, ay + by)
        nx, ny, (x, y) = (ax + bx) / ln, (ay + by) / ln, g["pts"][i]

        def quad(c, w, h):  # a rectangle centred c out along the normal, w along the wall, h across
            return [(x + nx * (c + v * h / 2) - ny * u * w / 2, y + ny * (c + v * h / 2) + nx * u * w / 2)
                    for u, v in ((-1, -1), (1, -1), (1, 1), (-1, 1))]
        if name == "jubao":
            fr["pad"].poly(quad(-11 * k, 12 * k, 21 * k), closed=True)
            fr["padline"].poly(quad(-11 * k, 12 * k, 21 * k), closed=True)
            for c in (-6.3, -11.5, -16.7):
                fr["padline"].poly(quad(c * k, 8.4 * k, 4.0 * k), closed=True)
        fr["pad"].poly(quad(0.4 * k, 5.6 * k, 7.6 * k), closed=True)
        fr["padline"].poly(quad(0.4 * k, 5.6 * k, 7.6 * k), closed=True).poly(quad(0.4 * k, 2.4 * k, 3.6 * k), closed=True)
        gates[name] = ((x, y), (nx, ny))
    return gates


def _streets(fr, g, gates, wumen):
    """The main streets as buses of traces in white channels through the cells, each
    leaving its gate square to the wall and meeting its square in one 45-degree bend;
    Xinjiekou a roundabout, the Drum Tower a square node."""
    k, lanes = g["k"], []
    nodes = {name: (g["at"](*ll), None) for name, ll in PLACES.items()} | {"wumen": (wumen, None)}
    for name, ((x, y), (nx, ny)) in gates.items():
        a = round(math.atan2(-ny, -nx) / (math.pi / 4)) * math.pi / 4  # inward, to the nearest 45 degrees
        nodes[name] = ((x - nx * 3.8 * k, y - ny * 3.8 * k), (math.cos(a), math.sin(a)))
    for a, b, wires in STREETS:
        (pa, ua), (pb, ub) = nodes[a], nodes[b]
        ends = [(p[0] + u[0] * 8 * k, p[1] + u[1] * 8 * k) if u else p for p, u in ((pa, ua), (pb, ub))]

        def score(r):  # how straight the route runs on from the gates' stubs
            segs = [(q[0] - p[0], q[1] - p[1]) for p, q in zip(r, r[1:]) if math.dist(p, q) > 0.1] or [(1, 0)]
            return sum((d[0] * u[0] + d[1] * u[1]) * sg / math.hypot(*d)
                       for d, u, sg in ((segs[0], ua, 1), (segs[-1], ub, -1)) if u)
        path = [pa] * bool(ua) + max((_octi(*ends, f) for f in (False, True)), key=score) + [pb] * bool(ub)
        w = wires * 1.3 * k + 2.2 * k
        lanes.append(offset_polyline(path, w / 2, miter=3) + offset_polyline(path, -w / 2, miter=3)[::-1])
        for j in range(wires):
            fr["street"].poly(offset_polyline(path, (j - (wires - 1) / 2) * 1.3 * k, miter=3))
    _fill(fr, fr["block"], lanes)
    (x, y), _ = nodes["xjk"]
    fr["block"].circle(x, y, 5 * k)
    fr["macro"].circle(x, y, 5 * k).circle(x, y, 2.8 * k)
    fr["pad"].circle(x, y, 1.4 * k)
    (x, y), _ = nodes["gulou"]
    fr["block"].rect(x - 4.5 * k, y - 4.5 * k, 9 * k, 9 * k)
    fr["macro"].rect(x - 4.5 * k, y - 4.5 * k, 9 * k, 9 * k).rect(x - 2.2 * k, y - 2.2 * k, 4.4 * k, 4.4 * k)


def _macros(fr, g):
    """The palace and landmarks as macros, white blocks shrunk to fit inside the rings:
    a memory array, a capacitor array, an inductor's spiral, a resistor's serpentine.
    Returns the palace's Meridian Gate, where its axis leaves for the Zhengyang Gate."""
    k, m, wumen = g["k"], 1.6 * g["k"], g["at"](118.8106, 32.0300)
    for w_, s_, e_, n_, kind in MACROS:
        (x0, y0), (x1, y1) = g["at"](e_, n_), g["at"](w_, s_)
        cx, cy, f = (x0 + x1) / 2, (y0 + y1) / 2, 1.0
        while f > 0.4 and not all(_inside(g["core"], cx + (x - cx) * f, cy + (y - cy) * f)
                                  for x in (x0, x1) for y in (y0, y1)):
            f *= 0.9
        x0, x1, y0, y1 = cx + (x0 - cx) * f, cx + (x1 - cx) * f, cy + (y0 - cy) * f, cy + (y1 - cy) * f
        w, h = x1 - x0, y1 - y0
        fr["block"].rect(x0, y0, w, h)
        fr["macro"].rect(x0, y0, w, h)
        if kind == "palace":  # the palace city inside the imperial city, its halls an array
            wumen, (x0, y0, w, h) = (x1, cy), (x0 + w * 0.3, y0 + h * 0.12, w * 0.62, h * 0.76)
            fr["macro"].rect(x0, y0, w, h)
        if kind in ("array", "palace"):
            n, r = max(2, round((w - 2 * m) / (2.4 * k))), max(2, round((h - 2 * m) / (2.4 * k)))
            cw, rh = (w - 2 * m) / n, (h - 2 * m) / r
            for i in range(n * r):
                fr["macro"].rect(x0 + m + (i % n + 0.18) * cw, y0 + m + (i // n + 0.18) * rh, cw * 0.64, rh * 0.64)
        elif kind == "spiral":
            d, ring, (a0, b0, a1, b1) = 1.2 * k, [], (x0 + m, y0 + m, x1 - m, y1 - m)
            while a1 - a0 > 2 * d and b1 - b0 > 2 * d:
                ring += [(a0, b0), (a1, b0), (a1, b1), (a0 + d, b1)]
                a0, b0, a1, b1 = a0 + d, b0 + d, a1 - d, b1 - d
            fr["macro"].poly(ring + [(a0, b0)])
        else:
            n = max(3, round((w - 2 * m) / (1.3 * k)))
            fr["macro"].poly([p for i in range(n + 1) for p in [(x0 + m + i * (w - 2 * m) / n, y0 + m),
                              (x0 + m + i * (w - 2 * m) / n, y1 - m)][::1 - 2 * (i % 2)]])
    return wumen


def _leads(fr, g, gates):
    """Each gate's bond wire (gold) to a lead that runs off the sheet: the gates facing
    north fan out off the left edge, those facing south and east off the right, those
    facing west drop to pins at the foot; a gate facing the text has no lead."""
    k, pts, b = g["k"], g["pts"], fr.box
    left, right = min(p[0] for p in pts), max(p[0] for p in pts)
    groups = {"L": [], "R": [], "B": []}
    for (x, y), (nx, ny) in gates.values():
        groups["L" if nx < -0.6 else "B" if ny > 0.55 else "R"].append(
            ((x + nx * 4.2 * k, y + ny * 4.2 * k), (x + nx * 10 * k, y + ny * 10 * k)))
    for side, items in groups.items():
        axis = 0 if side == "B" else 1
        items.sort(key=lambda it: it[1][axis])
        vs, lanes = [it[1][axis] for it in items], []
        if side == "B":  # pins straight down, a pitch apart at least
            edge = b.bottom - 2
            for v in vs:
                lanes.append(max(v, lanes[-1] + 9 * k) if lanes else v)
        elif vs:  # fanned out evenly off the side, below the text
            top = max([kb.bottom for kb in fr.keep_out if (kb.x < left if side == "L" else kb.right > right - 60)] + [b.y])
            lo, hi = max(top + 14, min(vs) - 24), min(b.bottom - 6, max(vs) + 24)
            edge = fr.area.x if side == "L" else fr.area.right
            lanes = [lo + (hi - lo) * j / (len(vs) - 1) for j in range(len(vs))] if len(vs) > 1 else [min(max(vs[0], lo), hi)]
        for (pad, tip), v in zip(items, lanes):
            route = _octi(tip, (v, edge) if side == "B" else (edge, v), True)
            if any(_inside(pts, p[0] + (q[0] - p[0]) * t / 8, p[1] + (q[1] - p[1]) * t / 8)
                   for p, q in zip(route, route[1:]) for t in range(1, 9)) or \
                    any(clip_segment(pad, route[1], kb.x, kb.y, kb.right, kb.bottom) for kb in fr.keep_out):
                continue  # it would cross the die or run into the text
            fr["wire"].line(*pad, *tip)
            fr["lead"].poly(route)
            fr["pad"].circle(*tip, 1.3 * k)
            if side == "B":
                fr["pad"].rect(v - 1.6 * k, edge - 5 * k, 3.2 * k, 5 * k)


def _lake(fr, g):
    """Xuanwu Lake, outside the wall's north-east: ripples in the bay where the name
    sits, thinning out away from the wall."""
    k, pts, rng = g["k"], g["pts"], fr.rng
    x_min, y = min(p[0] for p in pts), min(p[1] for p in pts) + 3 * k
    while y < g["at"](*WALL[16][:2])[1] - 4 * k:  # down to the Shence Gate
        x1 = (_across(pts, y) or [x_min + 5 * k])[0] - 5 * k
        x = max([x_min] + [kb.right + 4 for kb in fr.keep_out if kb.y - 4 < y < kb.bottom + 4])
        x += rng.uniform(0, 6) * k
        while x < x1:
            ln = rng.uniform(3, 9) * k
            if rng.random() < 1.2 - (x1 - x) / (28 * k):
                fr["lake"].line(x, y, min(x + ln, x1), y)
            x += ln + rng.uniform(2, 5) * k
        y += 3.2 * k


def draw_hero_wall_chip(ctx):
    fr = Frame(ctx, PAINT)
    s, ox, oy = _place(fr)

    def at(lon, lat):
        x, y = _km(lon, lat)
        return ox + s * x, oy + s * y
    pts = [at(lon, lat) for lon, lat, _ in WALL]
    sg = 1 if sum(p[0] * q[1] - q[0] * p[1] for p, q in zip(pts, pts[1:] + pts[:1])) > 0 else -1
    eds = []  # each edge's direction, outward normal and length
    for (ax, ay), (bx, by) in zip(pts, pts[1:] + pts[:1]):
        ln = math.hypot(bx - ax, by - ay)
        eds.append(((bx - ax) / ln, (by - ay) / ln, sg * (by - ay) / ln, -sg * (bx - ax) / ln, ln))
    g = {"at": at, "pts": pts, "eds": eds, "sg": sg, "k": max(0.6, min(1.1, s / 26))}
    g["core"] = _inset(g, 9.5 * g["k"])
    _wall(fr, g)
    _cells(fr, g)
    gates = _gates(fr, g)
    _streets(fr, g, gates, _macros(fr, g))
    _leads(fr, g, gates)
    _lake(fr, g)
    return fr.items()


INFOS = (MotifInfo.of("hero-wall-chip", draw_hero_wall_chip),)
