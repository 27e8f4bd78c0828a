"""Technology motifs of the chip and the model: circuit traces (integrated circuits) and a
neural network (artificial intelligence)."""
from __future__ import annotations

import math
from contextlib import ExitStack, contextmanager
from typing import NamedTuple

from .base import MotifContext, MotifInfo, overlaps
from .frame import Frame, Paint
from .nanjing_city import battlement_profile
from .pen import Affine, Pen, circle_union_arcs, draw_arcs, offset_polyline

# -- circuit traces -----------------------------------------------------------------------------


def _chamfer(pts, c):
    """Cut every corner of a polyline by ``c`` along both legs (45-degree PCB corners)."""
    out = [pts[0]]
    for i in range(1, len(pts) - 1):
        (ax, ay), (bx, by), (cx, cy) = pts[i - 1], pts[i], pts[i + 1]
        l1, l2 = math.dist((ax, ay), (bx, by)), math.dist((bx, by), (cx, cy))
        k = min(c, l1 * 0.45, l2 * 0.45)
        if l1 < 1e-9 or l2 < 1e-9:
            continue
        out.append((bx + (ax - bx) * k / l1, by + (ay - by) * k / l1))
        out.append((bx + (cx - bx) * k / l2, by + (cy - by) * k / l2))
    out.append(pts[-1])
    return out


class _Board:
    """Pens for the parts of a board; ``end`` terminates a trace with a pad or a via.
    ``pens``: where to draw (a Frame, or any mapping of those names); new pens if None."""

    def __init__(self, rng, p, pens=None):
        self.rng, self.p = rng, p
        if pens is None:
            self.traces, self.pads, self.vias, self.chips, self.fine = Pen(), Pen(), Pen(), Pen(), Pen()
        else:
            self.traces, self.pads, self.vias = pens["traces"], pens["pads"], pens["vias"]
            self.chips, self.fine = pens["chips"], pens["fine"]

    def end(self, x, y, kind=None, toward=None):
        """Terminate a trace at (x, y); a via ring is set back so the trace meets its rim."""
        kind = kind or self.rng.choice(("pad", "via", "via", "none"))
        if kind == "pad":
            self.pads.circle(x, y, self.p * 0.32)
        elif kind == "via":
            r = self.p * 0.3
            if toward is not None:
                ln = math.dist((x, y), toward) or 1.0
                x, y = x - (toward[0] - x) / ln * r, y - (toward[1] - y) / ln * r
            self.vias.circle(x, y, r)

    def bundle(self, centre, n, ends=("pad", "pad"), pins=(None, None)):
        """``n`` parallel traces one pitch apart around a centre polyline. Each end is
        "open" (runs on), "pad" (staggered pads and vias) or "chip" (traces whose y is in
        that end's ``pins`` range meet a chip's pins; the others stop short on pads)."""
        p = self.p
        for j in range(n):
            d = (j - (n - 1) / 2) * p
            line = offset_polyline(centre, d, miter=2.0)
            for side, kind in enumerate(ends):
                if kind == "open":
                    continue
                i0, i1 = (0, 1) if side == 0 else (-1, -2)
                if kind == "chip" and pins[side][0] <= line[i0][1] <= pins[side][1]:
                    continue
                stag = (j if side else n - 1 - j) * p * 0.9 * (1 if self.rng.random() < 0.7 else 0)
                if kind == "chip":
                    stag += 2 * p
                (ax, ay), (bx, by) = line[i0], line[i1]
                ln = math.dist((ax, ay), (bx, by))
                if ln > stag + p:
                    t = stag / ln
                    line[i0] = (ax + (bx - ax) * t, ay + (by - ay) * t)
                self.end(*line[i0], toward=line[i1])
            self.traces.poly(line)


def _channel_path(rng, x0, x1, y, p, jog_max, jogs=True):
    """A bus centre line from x0 to x1 around ``y``, jogging at 45 degrees."""
    pts = [(x0, y)]
    level = rng.randint(0, jog_max)
    cur = y + level * p
    pts = [(x0, cur)]
    x = x0
    while True:
        run = rng.uniform(4, 14) * p
        if x + run >= x1 or not jogs:
            pts.append((x1, cur))
            break
        x += run
        new = rng.randint(0, jog_max)
        if new == level:
            continue
        d = (new - level) * p
        pts.append((x, cur))
        if x + abs(d) >= x1:
            pts.append((x1, cur))
            break
        x += abs(d)
        cur += d
        level = new
        pts.append((x, cur))
    return pts


CIRCUIT_PAINT = {
    "fine": Paint("stroke", "@colour", "fine", 0.7),  # chip dies, loophole frames
    "traces": Paint("stroke", "@colour", "regular", join="miter"),
    "chips": Paint("stroke", "@colour", "bold"),
    "pads": Paint("fill", "@accent"),
    "vias": Paint("stroke", "@accent", "regular"),
}


def _circuit_pitch(fr: Frame) -> float:
    """The trace pitch from the box and the density."""
    b = fr.box
    p = max(1.2, min(8.0, math.sqrt(b.w * b.h) / 45.0)) / fr.ink.density
    return min(p, b.h / 8, b.w / 8)


def _battlement_bus(fr: Frame, bd: _Board, p: float) -> float:
    """A bus of three traces along the Ming wall's battlements, loopholes as vias, pads
    on the crenel floors. Returns the y where the channels below may start."""
    b, a, rng, n = fr.box, fr.area, fr.rng, 3
    mh = max(5 * p, min(b.h * 0.22, 10 * p))
    mw, gap = mh * 1.15, mh * 0.6
    top = b.y + p * 1.2
    prof = battlement_profile(a.x - mw, a.right + mw, top, mh, mw, gap, b.cx + gap / 2)
    # chamfer the bus's centre line so that every trace, inner ones included, keeps a
    # 45-degree corner (an offset shortens a convex chamfer by 0.83 of the offset)
    centre = offset_polyline(prof, -(n - 1) / 2 * p, miter=2.0)
    centre = _chamfer(centre, (n - 1) / 2 * p * 0.83 + 0.45 * p)
    bd.bundle(centre, n, ends=(False, False))
    k0 = math.floor((a.x - b.cx) / (mw + gap)) - 1
    for k in range(k0, k0 + int(a.w / (mw + gap)) + 3):
        mx = b.cx + gap / 2 + k * (mw + gap) + mw / 2
        room = min(mw / 2, mh * 0.5) - (n - 1) * p - 0.9 * p
        if a.x + p < mx < a.right - p and room > 0.5 * p:
            bd.vias.circle(mx, top + mh * 0.5, p * 0.45)
            bd.fine.rect(mx - p * 0.9, top + mh * 0.5 - p * 0.9, p * 1.8, p * 1.8)
            cx = mx + mw / 2 + gap / 2
            if a.x < cx < a.right and rng.random() < 0.6:
                bd.pads.circle(cx, top + mh - p * 0.6, p * 0.32)
    return top + mh + n * p + p * 1.5


def _chip(bd: _Board, p: float, cx: float, cy: float, pins: int) -> None:
    """A square package with ``pins`` pins a side, its die and pin-1 mark."""
    cw = ch = (pins + 1) * p
    bd.chips.round_rect(cx, cy, cw, ch, p * 0.4)
    bd.fine.round_rect(cx + p * 0.7, cy + p * 0.7, cw - 1.4 * p, ch - 1.4 * p, p * 0.2)
    bd.fine.circle(cx + p * 1.3, cy + p * 1.3, p * 0.25)
    for k in range(1, pins + 1):
        for x0, x1 in ((cx - 0.8 * p, cx), (cx + cw, cx + cw + 0.8 * p)):
            bd.traces.line(x0, cy + k * p, x1, cy + k * p)
        bd.traces.line(cx + k * p, cy - 0.8 * p, cx + k * p, cy)
        bd.traces.line(cx + k * p, cy + ch, cx + k * p, cy + ch + 0.8 * p)


def _chips(fr: Frame, bd: _Board, p: float, y: float) -> list[tuple]:
    """Chips, placed first (on the pitch grid, not overlapping) so the buses can run into
    their pins. Returns (keep-clear box, (x, y, w, h)) for each."""
    b, rng = fr.box, fr.rng
    chips = []
    room = b.bottom - y
    n_chips = max(0, round(b.w * room / (900 * p * p) * fr.ink.density)) if room > 9 * p else 0
    for _ in range(n_chips * 8):
        if len(chips) >= n_chips:
            break
        pins = rng.randint(3, 7)
        cw, ch = (pins + 1) * p, (pins + 1) * p
        if b.w < cw + 6 * p or room < ch + 3 * p:
            break
        cx = rng.uniform(b.x + 3 * p, b.right - cw - 3 * p)
        cy = y + p * (1 + rng.randint(0, int((room - ch - 2 * p) / p)))
        box = (cx - 3 * p, cy - 2 * p, cx + cw + 3 * p, cy + ch + 2 * p)
        if any(overlaps(box, o) for o, _ in chips):
            continue
        chips.append((box, (cx, cy, cw, ch)))
        _chip(bd, p, cx, cy, pins)
    return chips


def _strip_spans(x0: float, x1: float, p: float, y: float, hgt: float, chips: list[tuple]) -> list[tuple]:
    """The spans of a channel strip (y to y + hgt) between the chips it meets, each with
    its end kinds: ("open", None) or ("chip", the pin rows' y-range)."""
    blocked = sorted((c[0] - 0.8 * p, c[0] + c[2] + 0.8 * p, (c[1] + 0.5 * p, c[1] + c[3] - 0.5 * p))
                     for o, c in chips if not (c[1] + c[3] + p < y or c[1] - p > y + hgt))
    spans, x, left = [], x0, ("open", None)
    for bx0, bx1, rng_y in blocked:
        if bx0 > x + 4 * p:
            spans.append((x, bx0, left, ("chip", rng_y)))
        x = max(x, bx1)
        left = ("chip", rng_y)
    spans.append((x, x1, left, ("open", None)))
    return spans


def _span_runs(fr: Frame, bd: _Board, p: float, span: tuple, n: int, jog: int, yc: float) -> None:
    """One span cut into bus runs separated by small gaps; the ends at a chip meet its
    pins level, the others end on pads (or run on past the area's edge)."""
    rng, b, a = fr.rng, fr.box, fr.area
    s0, s1, lend, rend = span
    xs, first = s0, True
    while xs < s1 - 4 * p:
        run = min(s1 - xs, rng.uniform(0.35, 1.0) * max(30 * p, b.w * 0.6))
        if s1 - (xs + run) < 6 * p:
            run = s1 - xs
        last = xs + run >= s1 - 1e-6
        centre = _channel_path(rng, xs, xs + run, yc, p, jog)
        if lend[0] == "chip" and first or rend[0] == "chip" and last:
            # meet chip pins level: no jog in the first/last stretch
            centre = _channel_path(rng, xs, xs + run, yc, p, 0)
        e0 = lend if first else ("pad", None)
        e1 = rend if last else ("pad", None)
        if e0[0] == "open" and xs > a.x + 1e-6:
            e0 = ("pad", None)
        bd.bundle(centre, n, ends=(e0[0], e1[0]), pins=(e0[1], e1[1]))
        xs += run + rng.uniform(3, 8) * p
        first = False


def _channels(fr: Frame, bd: _Board, p: float, y: float, chips: list[tuple]) -> None:
    """Channels down to the foot: each a bus of 2-5 traces that jogs inside its own
    strip, broken by chips and gaps."""
    rng, a = fr.rng, fr.area
    while y < a.bottom - p:
        n = rng.randint(2, 5)
        jog = rng.randint(0, 2)
        hgt = (n - 1 + jog) * p
        yc = y + (n - 1) / 2 * p
        for span in _strip_spans(a.x, a.right, p, y, hgt, chips):
            _span_runs(fr, bd, p, span, n, jog, yc)
        y += hgt + p * rng.choice((2, 2, 3))


def draw_circuit(ctx: MotifContext):
    fr = Frame(ctx, CIRCUIT_PAINT)
    fr.rng.seed(ctx.seed)  # the drawing's own seeding, kept so the pictures stay the same
    p = _circuit_pitch(fr)
    bd = _Board(fr.rng, p, pens=fr)
    y = fr.box.y + p
    if fr.p["follow"] == "battlements":
        y = _battlement_bus(fr, bd, p)
    chips = _chips(fr, bd, p, y)
    _channels(fr, bd, p, y, chips)
    return fr.items()


CIRCUIT = MotifInfo.of("circuit-traces", draw_circuit)



# -- neural network -------------------------------------------------------------------------


def _blossom_node(pen: Pen, x: float, y: float, r: float, rot: float) -> None:
    """A node drawn as a small plum blossom: five round petals around a centre."""
    circles = []
    for k in range(5):
        a = math.radians(rot + 72 * k)
        circles.append((x + 0.55 * r * math.cos(a), y + 0.55 * r * math.sin(a), 0.45 * r))
    draw_arcs(pen, circle_union_arcs(circles))


NETWORK_PAINT = {
    "edges": Paint("stroke", "@colour", "fine", 0.75),
    "path": Paint("stroke", "@accent", "regular"),  # the highlighted activation path
    "nodes": Paint("stroke", "@colour", "regular"),
    "path_nodes": Paint("stroke", "@accent", "regular"),
    "cores": Paint("fill", "@colour"),
}
BLOSSOM_NETWORK_PAINT = {  # blossom_nodes: the nodes are plum blossoms, the path's bolder
    **NETWORK_PAINT,
    "nodes": Paint("stroke", "@blossom_colour", "regular"),
    "path_nodes": Paint("stroke", "@blossom_colour", "bold"),
    "cores": Paint("fill", "@accent"),
}


class _Net(NamedTuple):
    tf: Affine  # the canonical frame: u along the long side (the flow), v across
    short: float  # the box's short side
    sn: float  # node spacing in a layer
    r: float  # node radius
    du: float  # layer spacing
    counts: list[int]  # nodes per layer


def _net_size(fr: Frame) -> _Net:
    """Node spacing and size from the box; the layers along the long side, each of a
    random number of nodes that changes little from one layer to the next."""
    b, rng = fr.box, fr.rng
    wide = b.w >= b.h
    long_, short = (b.w, b.h) if wide else (b.h, b.w)
    tf = Affine(1, 0, 0, 1, b.x, b.y) if wide else Affine(0, 1, 1, 0, b.x, b.y)
    sn = max(short / 8.0, max(3.0, min(30.0, math.sqrt(b.w * b.h) / 13.0))) / fr.ink.density
    sn = min(sn, short / 2.2)
    r = sn * 0.17 * (1.35 if fr.p["blossom_nodes"] else 1)
    max_n = max(2, int((short - sn * 0.6) / sn) + 1)
    du = max(sn * 1.8, r * 4)
    L = max(2, int((long_ - 2 * r - sn * 0.3) / du) + 1)
    du = (long_ - 2 * r - sn * 0.3) / (L - 1) if L > 1 else 0
    counts = [rng.randint(max(1, max_n // 2), max_n)]
    for i in range(1, L):
        step = rng.choice((-2, -1, 0, 1, 1)) if max_n > 3 else rng.choice((-1, 0, 1))
        counts.append(max(max(1, (max_n + 1) // 2), min(max_n, counts[-1] + step)))
    return _Net(tf, short, sn, r, du, counts)


def _net_layers(net: _Net) -> list[list[tuple[float, float]]]:
    """Node positions (u, v) per layer, each layer centred across the flow."""
    layers = []
    for i, n in enumerate(net.counts):
        u = net.r + net.sn * 0.15 + i * net.du
        v0 = net.short / 2 - (n - 1) * net.sn / 2
        layers.append([(u, v0 + k * net.sn) for k in range(n)])
    return layers


def _active_path(rng, layers) -> list[int]:
    """The highlighted path: one node per layer, moving by at most one row at a time."""
    path = []
    k = rng.randrange(len(layers[0]))
    for i, nodes in enumerate(layers):
        if i:
            want = layers[i - 1][path[-1]][1]
            near = sorted(range(len(nodes)), key=lambda j: abs(nodes[j][1] - want))
            k = rng.choice(near[:2])
        path.append(k)
    return path


@contextmanager
def _canonical(fr: Frame, tf: Affine):
    """Every pen of the frame draws in the canonical frame ``tf`` for the duration."""
    with ExitStack() as stack:
        for pen in fr.pens.values():
            stack.enter_context(pen.frame(tf))
        yield


def _edges(fr: Frame, net: _Net, layers, path) -> None:
    """Edges between neighbouring layers: the path, each node's nearest and its feeder
    always; others within reach kept at the connectivity share."""
    rng, r, keep, reach = fr.rng, net.r, min(1.0, fr.p["connectivity"]), 2.3 * net.sn
    for i in range(len(layers) - 1):
        nxt = layers[i + 1]
        # the node of this layer nearest to each node of the next (its feeder)
        feeds = [min(range(len(layers[i])), key=lambda j: abs(layers[i][j][1] - v1)) for _, v1 in nxt]
        for a_i, (u0, v0) in enumerate(layers[i]):
            nearest = min(range(len(nxt)), key=lambda j: abs(nxt[j][1] - v0))
            for b_i, (u1, v1) in enumerate(nxt):
                on_path = path[i] == a_i and path[i + 1] == b_i
                must = on_path or b_i == nearest or a_i == feeds[b_i]
                if abs(v1 - v0) > reach and not must:
                    continue
                if not must and rng.random() > keep:
                    continue
                pen = fr["path"] if on_path else fr["edges"]
                x0, x1 = u0 + r * 1.15, u1 - r * 1.15
                if fr.p["curved"]:
                    m = (x1 - x0) * 0.5
                    pen.M(x0, v0).C(x0 + m, v0, x1 - m, v1, x1, v1)
                else:
                    pen.line(x0, v0, x1, v1)


def _nodes(fr: Frame, net: _Net, layers, path) -> None:
    """Nodes: rings with a core on the path and on some others, or small blossoms."""
    rng, r, blossom = fr.rng, net.r, fr.p["blossom_nodes"]
    for i, layer in enumerate(layers):
        for k, (u, v) in enumerate(layer):
            on = path[i] == k
            pen = fr["path_nodes"] if on else fr["nodes"]
            if blossom:
                _blossom_node(pen, u, v, r, rng.uniform(0, 72))
                fr["cores"].circle(u, v, r * 0.16)
            else:
                pen.circle(u, v, r)
                if on or rng.random() < 0.3:
                    fr["cores"].circle(u, v, r * 0.42)


def draw_network(ctx: MotifContext):
    fr = Frame(ctx, BLOSSOM_NETWORK_PAINT if ctx.params["blossom_nodes"] else NETWORK_PAINT)
    fr.rng.seed(ctx.seed)  # the drawing's own seeding, kept so the pictures stay the same
    net = _net_size(fr)
    layers = _net_layers(net)
    path = _active_path(fr.rng, layers)
    with _canonical(fr, net.tf):
        _edges(fr, net, layers, path)
        _nodes(fr, net, layers, path)
    return fr.items()


NETWORK = MotifInfo.of("neural-network", draw_network)

INFOS = [CIRCUIT, NETWORK]
