"""The code grid (software and information services): panes of abstract code bars with
indentation, drawn brackets, line-number ticks and a fine dot grid."""
from __future__ import annotations

import math
import random

from .base import Ink, MotifContext, MotifInfo, Sheet, common_params, overlaps, token
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


def draw_code(ctx: MotifContext):
    ink, p = Ink(ctx), ctx.params
    rng = random.Random(ctx.seed)
    b, a = ctx.box, ctx.area
    lh = max(ink.mm("bold") * 3.2, math.sqrt(b.w * b.h) / 45.0) / ink.density
    lh = min(lh, b.h / 3)
    cw = lh * 0.5  # one character
    gutter = cw * 5
    pane_w = min(b.w, max(cw * 48, b.w / max(1, round(b.w / (cw * 70)))))
    panes = max(1, round(b.w / pane_w))
    pane_w = b.w / panes
    bars, quiet, keys, ticks, braces, dots, big = (Pen() for _ in range(7))
    # the hero glyphs: one large "</>" (and "{ }" on larger boxes) kept clear of code
    hero = []
    gh = min(b.h * 0.55, max(lh * 5, min(b.w, b.h) * 0.22))
    spots = [("</>", 3 * 0.42 * 1.55 * gh)]
    if b.w * b.h > 150 * 150:
        spots.append(("{}", 2 * 0.42 * 1.55 * gh + gh * 0.35))
    for text, tw in spots:
        for _ in range(30):
            hx = rng.uniform(b.x + gutter + cw, max(b.x + gutter + cw, b.right - tw - cw))
            hy = rng.uniform(b.y + lh * 0.5, max(b.y + lh * 0.5, b.bottom - gh - lh * 0.5))
            box = (hx - cw, hy - lh * 0.5, hx + tw + cw, hy + gh + lh * 0.5)
            if not any(overlaps(box, o) for o in hero):
                hero.append(box)
                x = hx
                for ch in text:
                    x += glyph(big, ch, x, hy, gh)
                    if text == "{}" and ch == "{":
                        x += gh * 0.35
                break

    def clear(x0, x1, y):
        return not any(o[0] < x1 and x0 < o[2] and o[1] < y < o[3] for o in hero)

    for pi in range(panes):
        px = b.x + pi * pane_w
        x_code = px + gutter
        cols = max(8, int((pane_w - gutter - cw * 2) / cw))
        depth, inside = 0, 0
        n_lines = int((b.h - lh * 0.5) / lh)
        for li in range(n_lines):
            y = b.y + (li + 0.75) * lh
            if rng.random() < 0.12 and depth == 0:
                continue  # a blank line between blocks
            if clear(px, x_code, y):
                tl = cw * (1.5 if (li + 1) % 5 == 0 else 0.8)
                ticks.line(x_code - cw * 1.5 - tl, y, x_code - cw * 1.5, y)
            closing = depth > 0 and inside >= 1 and rng.random() < 0.25
            inside += 1
            if closing:
                depth -= 1
                inside = 1
                x = x_code + depth * 2 * cw
                if clear(x, x + cw, y):
                    glyph(braces, "}", x, y - lh * 0.32, lh * 0.64)
                continue
            x = x_code + depth * 2 * cw
            comment = rng.random() < 0.1
            room = cols - depth * 2
            n_tok = 1 if comment else rng.randint(1, 6)
            for t in range(n_tok):
                ln = rng.randint(8, min(36, max(9, room))) if comment else rng.randint(2, 11)
                if (x - x_code) / cw + ln > cols - 2:
                    break
                x1 = x + ln * cw
                if clear(x, x1, y):
                    pen = quiet if comment else (keys if t == 0 and rng.random() < 0.35 else bars)
                    pen.line(x + cw * 0.3, y, x1 - cw * 0.3, y)
                x = x1 + cw
            if not comment and depth < 4 and rng.random() < 0.2 and (x - x_code) / cw < cols - 2:
                if clear(x, x + cw, y):
                    glyph(braces, "{", x, y - lh * 0.32, lh * 0.64)
                depth += 1
                inside = 0
    # the dot grid behind everything, on a coarse pitch so it stays a texture
    pitch = max(lh * 2, math.sqrt(a.w * a.h / 700))
    yy = a.y + (b.y - a.y) % pitch
    while yy <= a.bottom:
        xx = a.x + (b.x - a.x) % pitch
        while xx <= a.right:
            dots.dot(xx, yy)
            xx += pitch
        yy += pitch
    sh = Sheet(ctx, ink)
    tok, acc = p["colour"], p["accent"]
    sh.stroke(dots.ops, tok, "regular", 0.45)
    sh.stroke(ticks.ops, tok, "fine", 0.6)
    sh.stroke(quiet.ops, tok, "bold", 0.4)
    sh.stroke(bars.ops, tok, "bold")
    sh.stroke(keys.ops, acc, "bold")
    sh.stroke(braces.ops, tok, "regular")
    sh.stroke(big.ops, acc, "bold", join="round")
    return sh.items()


CODE = MotifInfo(
    "code-grid", "technology",
    "A code grid: panes of abstract code bars with indentation and syntax colour, drawn "
    "{ } brackets, line-number ticks, a large </> and a fine dot grid.",
    common_params(
        "primary",
        accent=token("accent", "palette token of keywords and the large brackets"),
    ),
    draw_code,
)

INFOS = [CODE]
