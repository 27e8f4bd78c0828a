"""The integrated-circuits hero: a die drawn as the Ming city wall, framing the name in
every layout of the text (keep-out boxes as the poster measures them)."""
from __future__ import annotations

import math

import pytest

from poster_gen.page_model import CMYK, Box, Path
from poster_gen.compose.motifs import MotifContext, draw_motif

NAME = "hero-wall-chip"
PALETTE = {
    "primary": CMYK(78, 82, 0, 0, "primary"), "secondary": CMYK(62, 45, 0, 0, "secondary"),
    "deep": CMYK(95, 100, 20, 18, "deep"), "accent": CMYK(8, 30, 92, 0, "accent"),
    "blossom": CMYK(0, 78, 22, 0, "blossom"), "ground": CMYK(4, 5, 0, 0, "ground"),
    "tint": CMYK(18, 20, 0, 0, "tint"), "paper": CMYK(0, 0, 0, 0, "paper"), "ink": CMYK(0, 0, 0, 90, "ink"),
}
HERO = Box(0, 0, 420, 300)
HEADER = (Box(17, 20.79, 386, 33.22), Box(17, 33, 386, 26))
TITLES = {  # the name's box, grown by the margin: one line, English, two lines, a long line
    "shipped": Box(17, 49, 229.2, 90.33), "english": Box(17, 49, 242.34, 45.26),
    "two-lines": Box(17, 49, 330.8, 143.16), "long-line": Box(17, 49, 381.6, 90.33),
    "two-lines-short": Box(17, 49, 280, 143.16),
}


def hero(title=None, box=HERO, seed=0):
    keep = HEADER + (title,) if title else ()
    c = MotifContext(box, PALETTE, seed, 1.4, {}, (3, 3, 0, 3), keep_out=keep)
    return c, draw_motif(NAME, c)


def points(item):
    for op in item.ops:
        yield from zip(op[1::2], op[2::2])


def subpaths(item):
    sub = []
    for op in item.ops:
        if op[0] == "M" and sub:
            yield sub
            sub = []
        sub += list(zip(op[1::2], op[2::2]))
    if sub:
        yield sub


@pytest.mark.parametrize("layout", sorted(TITLES))
def test_frames_the_name_in_every_layout(layout):
    c, items = hero(TITLES[layout])
    assert all(isinstance(it, Path) for it in items)
    n = sum(1 for it in items for _ in points(it))
    assert 2000 < n < 25000, n  # the point budget
    fills = [it for it in items if it.fill is not None]
    assert len(fills) >= 4  # wall, die, white channels and blocks, gold pads: none dropped
    a = c.area
    for it in items:
        for x, y in points(it):
            assert a.x - 0.01 <= x <= a.right + 0.01 and a.y - 0.01 <= y <= a.bottom + 0.01
            for k in c.keep_out:  # nothing inside the text (a cut stroke may end on its edge)
                assert not (k.x + 0.01 < x < k.right - 0.01 and k.y + 0.01 < y < k.bottom - 0.01), (layout, x, y)
        if it.fill is not None:
            for sub in subpaths(it):
                xs, ys = [p[0] for p in sub], [p[1] for p in sub]
                assert not any(max(xs) > k.x and min(xs) < k.right and max(ys) > k.y and min(ys) < k.bottom
                               for k in c.keep_out)


def test_the_die_is_the_image():
    """With the name on one line the die spans more than half the hero's width and
    two thirds of its height; the wall's violet band is one of its fills."""
    _, items = hero(TITLES["shipped"])
    wall = next(it for it in items if it.fill and it.fill.channels == PALETTE["primary"].channels)
    xs, ys = zip(*points(wall))
    assert max(xs) - min(xs) > 210 and max(ys) - min(ys) > 190


def test_stroke_system_and_palette():
    _, items = hero(TITLES["shipped"])
    assert {round(it.stroke.width_pt, 6) for it in items if it.stroke} <= {0.7, 1.4, 2.8}
    for it in items:
        col = it.fill or it.stroke.colour
        assert any(all(abs(v - r * f) < 1e-6 for v, r in zip(col.channels, ref.channels))
                   for ref in PALETTE.values() for f in [col.channels[ref.channels.index(max(ref.channels))]
                                                         / max(ref.channels)] if max(ref.channels) > 0)


def test_deterministic_and_seeded():
    assert hero(TITLES["shipped"])[1] == hero(TITLES["shipped"])[1]
    assert hero(TITLES["shipped"], seed=1)[1] != hero(TITLES["shipped"])[1]


@pytest.mark.parametrize("box", [Box(10, 20, 400, 40), Box(5, 5, 100, 300), Box(50, 60, 30, 30), Box(0, 0, 200, 200)])
def test_any_box_without_text(box):
    c, items = hero(None, box)
    assert items
    for it in items:
        assert all(math.isfinite(v) for x, y in points(it) for v in (x, y))
        assert all(c.area.x - 0.01 <= x <= c.area.right + 0.01 and c.area.y - 0.01 <= y <= c.area.bottom + 0.01
                   for x, y in points(it))
