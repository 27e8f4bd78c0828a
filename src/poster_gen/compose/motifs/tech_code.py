"""The code grid (software and information services): panes of abstract code bars with
indentation, drawn brackets, line-number ticks and a fine dot grid."""
from __future__ import annotations

import math
from typing import NamedTuple

from .base import MotifContext, MotifInfo, overlaps
from .frame import Frame, Paint
from .pen import Pen


def glyph(pen: Pen, ch: str, x: float, y: float, h: float) -> float:
    """Draw a bracket glyph with its top-left at (x, y) and height h; returns its advance."""
    w = h * 0.42
    if ch == "{":
        m = y + h / 2
        pen.M(x + w, y).C(x + w * 0.35, y, x + w * 0.45, y + h * 0.1, x + w * 0.45, y + h * 0.28)
        pen.C(x + w * 0.45, y + h * 0.42, x + w * 0.3, m, x, m)
        pen.C(x + w * 0.3, m, x + w * 0.45, y + h * 0.58, x + w * 0.45, y + h * 0.72)
        pen.C(x + w * 0.45, y + h * 0.9, x + w * 0.35, y + h, x + w, y + h)
    elif ch == "}":
        m = y + h / 2
        pen.M(x, y).C(x + w * 0.65, y, x + w * 0.55, y + h * 0.1, x + w * 0.55, y + h * 0.28)
        pen.C(x + w * 0.55, y + h * 0.42, x + w * 0.7, m, x + w, m)
        pen.C(x + w * 0.7, m, x + w * 0.55, y + h * 0.58, x + w * 0.55, y + h * 0.72)
        pen.C(x + w * 0.55, y + h * 0.9, x + w * 0.65, y + h, x, y + h)
    elif ch == "<":
        pen.M(x + w, y + h * 0.15).L(x, y + h / 2).L(x + w, y + h * 0.85)
    elif ch == ">":
        pen.M(x, y + h * 0.15).L(x + w, y + h / 2).L(x, y + h * 0.85)
    elif ch == "/":
        pen.M(x + w * 0.85, y).L(x + w * 0.15, y + h)
    return w * 1.55


PAINT = {
    "dots": Paint("stroke", "@colour", "regular", 0.45),  # the dot grid
    "ticks": Paint("stroke", "@colour", "fine", 0.6),  # line numbers
    "comments": Paint("stroke", "@colour", "bold", 0.4),
    "bars": Paint("stroke", "@colour", "bold"),  # code
    "accents": Paint("stroke", "@accent", "bold"),  # keywords, then the large glyphs
    "braces": Paint("stroke", "@colour", "regular"),
}


class _Code(NamedTuple):
    lh: float  # line height
    cw: float  # one character
    gutter: float  # line-number gutter
    pane_w: float
    panes: int
    gh: float  # height of the large glyphs


def _code_size(fr: Frame) -> _Code:
    """Line height from the box and the density; panes of 48-70 characters."""
    b = fr.box
    lh = max(fr.mm("bold") * 3.2, math.sqrt(b.w * b.h) / 45.0) / fr.ink.density
    lh = min(lh, b.h / 3)
    cw = lh * 0.5
    pane_w = min(b.w, max(cw * 48, b.w / max(1, round(b.w / (cw * 70)))))
    panes = max(1, round(b.w / pane_w))
    gh = min(b.h * 0.55, max(lh * 5, min(b.w, b.h) * 0.22))
    return _Code(lh, cw, cw * 5, b.w / panes, panes, gh)


def _hero_spots(fr: Frame, c: _Code) -> list[tuple]:
    """Places for one large "</>" (and "{ }" on larger boxes), clear of each other:
    (text, x, y, keep-clear box). The code lines keep clear of them."""
    b, rng, lh, cw, gh = fr.box, fr.rng, c.lh, c.cw, c.gh
    wanted = [("</>", 3 * 0.42 * 1.55 * gh)]
    if b.w * b.h > 150 * 150:
        wanted.append(("{}", 2 * 0.42 * 1.55 * gh + gh * 0.35))
    spots = []
    for text, tw in wanted:
        for _ in range(30):
            hx = rng.uniform(b.x + c.gutter + cw, max(b.x + c.gutter + cw, b.right - tw - cw))
            hy = rng.uniform(b.y + lh * 0.5, max(b.y + lh * 0.5, b.bottom - gh - lh * 0.5))
            box = (hx - cw, hy - lh * 0.5, hx + tw + cw, hy + gh + lh * 0.5)
            if not any(overlaps(box, s[3]) for s in spots):
                spots.append((text, hx, hy, box))
                break
    return spots


def _clear(spots: list[tuple], x0: float, x1: float, y: float) -> bool:
    """Whether a stretch x0..x1 of the line at y keeps clear of the large glyphs."""
    return not any(o[0] < x1 and x0 < o[2] and o[1] < y < o[3] for *_, o in spots)


def _tokens(fr: Frame, c: _Code, x_code: float, cols: int, depth: int, y: float, spots) -> tuple[float, bool]:
    """One line's tokens, indented by ``depth``: code bars (the first may be a keyword)
    or one comment. Returns where the line ends and whether it was a comment."""
    rng, cw = fr.rng, c.cw
    x = x_code + depth * 2 * cw
    comment = rng.random() < 0.1
    room = cols - depth * 2
    n_tok = 1 if comment else rng.randint(1, 6)
    for t in range(n_tok):
        ln = rng.randint(8, min(36, max(9, room))) if comment else rng.randint(2, 11)
        if (x - x_code) / cw + ln > cols - 2:
            break
        x1 = x + ln * cw
        if _clear(spots, x, x1, y):
            pen = fr["comments"] if comment else (fr["accents"] if t == 0 and rng.random() < 0.35 else fr["bars"])
            pen.line(x + cw * 0.3, y, x1 - cw * 0.3, y)
        x = x1 + cw
    return x, comment


def _pane(fr: Frame, c: _Code, pi: int, spots: list[tuple]) -> None:
    """Pane ``pi``: numbered lines of code, blocks opened and closed by drawn braces
    and indented by depth, blank lines between top-level blocks."""
    rng, b, lh, cw = fr.rng, fr.box, c.lh, c.cw
    px = b.x + pi * c.pane_w
    x_code = px + c.gutter
    cols = max(8, int((c.pane_w - c.gutter - cw * 2) / cw))
    depth, inside = 0, 0
    for li in range(int((b.h - lh * 0.5) / lh)):
        y = b.y + (li + 0.75) * lh
        if rng.random() < 0.12 and depth == 0:
            continue  # a blank line between blocks
        if _clear(spots, px, x_code, y):
            tl = cw * (1.5 if (li + 1) % 5 == 0 else 0.8)
            fr["ticks"].line(x_code - cw * 1.5 - tl, y, x_code - cw * 1.5, y)
        closing = depth > 0 and inside >= 1 and rng.random() < 0.25
        inside += 1
        if closing:
            depth, inside = depth - 1, 1
            x = x_code + depth * 2 * cw
            if _clear(spots, x, x + cw, y):
                glyph(fr["braces"], "}", x, y - lh * 0.32, lh * 0.64)
            continue
        x, comment = _tokens(fr, c, x_code, cols, depth, y, spots)
        if not comment and depth < 4 and rng.random() < 0.2 and (x - x_code) / cw < cols - 2:
            if _clear(spots, x, x + cw, y):
                glyph(fr["braces"], "{", x, y - lh * 0.32, lh * 0.64)
            depth, inside = depth + 1, 0


def _dot_grid(fr: Frame, c: _Code) -> None:
    """The dot grid behind everything, on a coarse pitch so it stays a texture."""
    a, b = fr.area, fr.box
    pitch = max(c.lh * 2, math.sqrt(a.w * a.h / 700))
    yy = a.y + (b.y - a.y) % pitch
    while yy <= a.bottom:
        xx = a.x + (b.x - a.x) % pitch
        while xx <= a.right:
            fr["dots"].dot(xx, yy)
            xx += pitch
        yy += pitch


def _hero_glyphs(fr: Frame, c: _Code, spots: list[tuple]) -> None:
    """The large glyphs, drawn after the keywords that share their paint."""
    for text, hx, hy, _ in spots:
        x = hx
        for ch in text:
            x += glyph(fr["accents"], ch, x, hy, c.gh)
            if text == "{}" and ch == "{":
                x += c.gh * 0.35


def draw_code(ctx: MotifContext):
    fr = Frame(ctx, PAINT)
    fr.rng.seed(ctx.seed)  # the drawing's own seeding, kept so the pictures stay the same
    c = _code_size(fr)
    spots = _hero_spots(fr, c)
    for pi in range(c.panes):
        _pane(fr, c, pi, spots)
    _dot_grid(fr, c)
    _hero_glyphs(fr, c, spots)
    return fr.items()

CODE = MotifInfo.of("code-grid", draw_code)

INFOS = [CODE]
